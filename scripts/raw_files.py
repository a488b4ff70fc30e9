"""The thirteen raw files the warehouse is built from, and how each one is read.

This module is the single description of the raw layer. The loader checks files
against it, the sample generator writes files that match it, and the benchmark
reads files with the same options. Nothing here transforms data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RawFile:
    """One expected raw file."""

    domain: str  # "imdb" or "bike"
    stem: str  # file name without extension, e.g. "title.basics"
    table: str  # name of the registered view in the raw schema
    columns: tuple[str, ...]

    @property
    def candidates(self) -> tuple[str, ...]:
        """Accepted file names, in order of preference."""
        if self.domain == "imdb":
            return (f"{self.stem}.tsv.gz", f"{self.stem}.tsv")
        return (f"{self.stem}.csv",)

    @property
    def delimiter(self) -> str:
        return "\t" if self.domain == "imdb" else ";"


IMDB_FILES: tuple[RawFile, ...] = (
    RawFile(
        "imdb",
        "title.basics",
        "imdb_title_basics",
        (
            "tconst",
            "titleType",
            "primaryTitle",
            "originalTitle",
            "isAdult",
            "startYear",
            "endYear",
            "runtimeMinutes",
            "genres",
        ),
    ),
    RawFile(
        "imdb",
        "title.akas",
        "imdb_title_akas",
        (
            "titleId",
            "ordering",
            "title",
            "region",
            "language",
            "types",
            "attributes",
            "isOriginalTitle",
        ),
    ),
    RawFile("imdb", "title.crew", "imdb_title_crew", ("tconst", "directors", "writers")),
    RawFile(
        "imdb",
        "title.episode",
        "imdb_title_episode",
        ("tconst", "parentTconst", "seasonNumber", "episodeNumber"),
    ),
    RawFile(
        "imdb",
        "title.principals",
        "imdb_title_principals",
        ("tconst", "ordering", "nconst", "category", "job", "characters"),
    ),
    RawFile(
        "imdb",
        "title.ratings",
        "imdb_title_ratings",
        ("tconst", "averageRating", "numVotes"),
    ),
    RawFile(
        "imdb",
        "name.basics",
        "imdb_name_basics",
        (
            "nconst",
            "primaryName",
            "birthYear",
            "deathYear",
            "primaryProfession",
            "knownForTitles",
        ),
    ),
)

BIKE_FILES: tuple[RawFile, ...] = (
    RawFile(
        "bike",
        "Sales.SalesOrderHeader",
        "bike_sales_order_header",
        (
            "SalesOrderID",
            "RevisionNumber",
            "OrderDate",
            "DueDate",
            "ShipDate",
            "Status",
            "OnlineOrderFlag",
            "SalesOrderNumber",
            "PurchaseOrderNumber",
            "AccountNumber",
            "CustomerID",
            "SalesPersonID",
            "TerritoryID",
            "BillToAddressID",
            "ShipToAddressID",
            "ShipMethodID",
            "CreditCardID",
            "CreditCardApprovalCode",
            "CurrencyRateID",
            "SubTotal",
            "TaxAmt",
            "Freight",
            "TotalDue",
            "Comment",
            "rowguid",
            "ModifiedDate",
        ),
    ),
    RawFile(
        "bike",
        "Sales.SalesOrderDetail",
        "bike_sales_order_detail",
        (
            "SalesOrderID",
            "SalesOrderDetailID",
            "CarrierTrackingNumber",
            "OrderQty",
            "ProductID",
            "SpecialOfferID",
            "UnitPrice",
            "UnitPriceDiscount",
            "LineTotal",
            "rowguid",
            "ModifiedDate",
        ),
    ),
    RawFile(
        "bike",
        "Sales.Customer",
        "bike_customer",
        (
            "CustomerID",
            "PersonID",
            "StoreID",
            "TerritoryID",
            "AccountNumber",
            "rowguid",
            "ModifiedDate",
        ),
    ),
    RawFile(
        "bike",
        "Person.Person",
        "bike_person",
        (
            "BusinessEntityID",
            "PersonType",
            "NameStyle",
            "Title",
            "FirstName",
            "MiddleName",
            "LastName",
            "Suffix",
            "EmailPromotion",
            "AdditionalContactInfo",
            "Demographics",
            "rowguid",
            "ModifiedDate",
        ),
    ),
    RawFile(
        "bike",
        "Production.Product",
        "bike_product",
        (
            "ProductID",
            "Name",
            "ProductNumber",
            "MakeFlag",
            "FinishedGoodsFlag",
            "Color",
            "SafetyStockLevel",
            "ReorderPoint",
            "StandardCost",
            "ListPrice",
            "Size",
            "SizeUnitMeasureCode",
            "WeightUnitMeasureCode",
            "Weight",
            "DaysToManufacture",
            "ProductLine",
            "Class",
            "Style",
            "ProductSubcategoryID",
            "ProductModelID",
            "SellStartDate",
            "SellEndDate",
            "DiscontinuedDate",
            "rowguid",
            "ModifiedDate",
        ),
    ),
    RawFile(
        "bike",
        "Sales.SpecialOfferProduct",
        "bike_special_offer_product",
        ("SpecialOfferID", "ProductID", "rowguid", "ModifiedDate"),
    ),
)

ALL_FILES: tuple[RawFile, ...] = IMDB_FILES + BIKE_FILES

RAW_SCHEMA = "raw"


def sql_string(value: str) -> str:
    """Quote a value as a SQL string literal (safe for paths with quotes)."""
    return "'" + value.replace("'", "''") + "'"


def sql_identifier(value: str) -> str:
    """Quote a value as a SQL identifier."""
    return '"' + value.replace('"', '""') + '"'


def read_csv_sql(spec: RawFile, path: Path) -> str:
    """The `read_csv` call that reads one raw file as it is: every column VARCHAR.

    IMDB: tab separated, quoting off (titles hold bare double quotes), `\\N` kept
    as text for dbt to turn into NULL. Bike: `;` separated, UTF-8 with BOM, CRLF,
    double-quoted fixed-width codes; `NULL` kept as text for dbt.
    """
    columns = ", ".join(f"{sql_string(c)}: 'VARCHAR'" for c in spec.columns)
    if spec.domain == "imdb":
        dialect = "delim = '\\t', quote = '', escape = '', "
    else:
        dialect = "delim = ';', quote = '\"', escape = '\"', "
    return (
        f"read_csv({sql_string(str(path))}, header = true, {dialect}"
        f"columns = {{{columns}}}, auto_detect = false, "
        "strict_mode = true, null_padding = false, parallel = true)"
    )
