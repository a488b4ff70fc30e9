"""The floor: DuckDB reading every raw file once, as `count(*)` and as a typed table.

`run_floor` times, in a fresh DuckDB file with the benchmark's settings, a `count(*)` over each
of the 13 raw files and a simple typed `create table as` of each, read with the loader's own
options, then one checkpoint. The floor is the sum of those query times: the fastest thing
DuckDB itself does with the same files, which the project's build is measured against.
"""

from __future__ import annotations

import time
from pathlib import Path

from scripts.bench.settings import Settings
from scripts.raw_files import ALL_FILES, RawFile, read_csv_sql, sql_identifier, sql_string

# The typed reading of each file: a simple, honest typing, not the project's rules.
# Kinds: id (tt/nm prefix dropped, BIGINT), int, real, money (comma decimals), bool, ts,
# uuid; every column not listed stays text. The file's null literal becomes NULL first.
FLOOR_TYPES: dict[str, dict[str, str]] = {
    "imdb_title_basics": {
        "tconst": "id",
        "isAdult": "bool",
        "startYear": "int",
        "endYear": "int",
        "runtimeMinutes": "int",
    },
    "imdb_title_akas": {"titleId": "id", "ordering": "int", "isOriginalTitle": "bool"},
    "imdb_title_crew": {"tconst": "id"},
    "imdb_title_episode": {
        "tconst": "id",
        "parentTconst": "id",
        "seasonNumber": "int",
        "episodeNumber": "int",
    },
    "imdb_title_principals": {"tconst": "id", "ordering": "int", "nconst": "id"},
    "imdb_title_ratings": {"tconst": "id", "averageRating": "real", "numVotes": "int"},
    "imdb_name_basics": {"nconst": "id", "birthYear": "int", "deathYear": "int"},
    "bike_sales_order_header": {
        "SalesOrderID": "int",
        "RevisionNumber": "int",
        "OrderDate": "ts",
        "DueDate": "ts",
        "ShipDate": "ts",
        "Status": "int",
        "OnlineOrderFlag": "bool",
        "CustomerID": "int",
        "SalesPersonID": "int",
        "TerritoryID": "int",
        "BillToAddressID": "int",
        "ShipToAddressID": "int",
        "ShipMethodID": "int",
        "CreditCardID": "int",
        "CurrencyRateID": "int",
        "SubTotal": "money",
        "TaxAmt": "money",
        "Freight": "money",
        "TotalDue": "money",
        "rowguid": "uuid",
        "ModifiedDate": "ts",
    },
    "bike_sales_order_detail": {
        "SalesOrderID": "int",
        "SalesOrderDetailID": "int",
        "OrderQty": "int",
        "ProductID": "int",
        "SpecialOfferID": "int",
        "UnitPrice": "money",
        "UnitPriceDiscount": "money",
        "LineTotal": "money",
        "rowguid": "uuid",
        "ModifiedDate": "ts",
    },
    "bike_customer": {
        "CustomerID": "int",
        "PersonID": "int",
        "StoreID": "int",
        "TerritoryID": "int",
        "rowguid": "uuid",
        "ModifiedDate": "ts",
    },
    "bike_person": {
        "BusinessEntityID": "int",
        "NameStyle": "bool",
        "EmailPromotion": "int",
        "rowguid": "uuid",
        "ModifiedDate": "ts",
    },
    "bike_product": {
        "ProductID": "int",
        "MakeFlag": "bool",
        "FinishedGoodsFlag": "bool",
        "SafetyStockLevel": "int",
        "ReorderPoint": "int",
        "StandardCost": "money",
        "ListPrice": "money",
        "Weight": "money",
        "DaysToManufacture": "int",
        "ProductSubcategoryID": "int",
        "ProductModelID": "int",
        "SellStartDate": "ts",
        "SellEndDate": "ts",
        "DiscontinuedDate": "ts",
        "rowguid": "uuid",
        "ModifiedDate": "ts",
    },
    "bike_special_offer_product": {
        "SpecialOfferID": "int",
        "ProductID": "int",
        "rowguid": "uuid",
        "ModifiedDate": "ts",
    },
}


# The cast of each kind of column; text stays as it is.
FLOOR_CASTS = {
    "id": "try_cast(substr({}, 3) as bigint)",
    "int": "try_cast({} as bigint)",
    "real": "try_cast({} as double)",
    "money": "try_cast(replace({}, ',', '.') as decimal(19, 4))",
    "bool": "try_cast({} as boolean)",
    "ts": "try_cast({} as timestamp)",
    "uuid": "try_cast({} as uuid)",
}


def typed_select_sql(spec: RawFile, path: Path) -> str:
    """`select <typed columns> from read_csv(...)`: the floor's typed reading of one file."""
    null_literal = "\\N" if spec.domain == "imdb" else "NULL"
    kinds = FLOOR_TYPES.get(spec.table, {})
    expressions = []
    for column in spec.columns:
        value = f"nullif({sql_identifier(column)}, {sql_string(null_literal)})"
        cast = FLOOR_CASTS.get(kinds.get(column, "text"))
        if cast is not None:
            value = cast.replace("{}", value)
        expressions.append(f"{value} as {sql_identifier(column)}")
    return f"select {', '.join(expressions)} from {read_csv_sql(spec, path)}"


def run_floor(raw_dir: Path, db_path: Path, settings: Settings) -> dict[str, object]:
    """Time `count(*)` and a typed CTAS over each raw file in a fresh DuckDB file."""
    import duckdb

    from scripts import load

    for leftover in (db_path, db_path.with_name(db_path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    settings.temp_directory.mkdir(parents=True, exist_ok=True)
    files = []
    con = duckdb.connect(str(db_path))
    try:
        con.execute(f"set threads = {int(settings.threads)}")
        con.execute(f"set memory_limit = {sql_string(settings.memory_limit)}")
        con.execute(f"set temp_directory = {sql_string(str(settings.temp_directory))}")
        con.execute("set preserve_insertion_order = false")
        con.execute("set enable_progress_bar = false")
        for spec in ALL_FILES:
            path = load.locate(raw_dir, spec).resolve()
            started = time.perf_counter()
            rows = con.execute(f"select count(*) from {read_csv_sql(spec, path)}").fetchone()[0]
            count_seconds = time.perf_counter() - started
            started = time.perf_counter()
            con.execute(
                f"create table {sql_identifier(spec.table)} as {typed_select_sql(spec, path)}"
            )
            ctas_seconds = time.perf_counter() - started
            files.append(
                {
                    "table": spec.table,
                    "rows": int(rows),
                    "count_seconds": round(count_seconds, 4),
                    "ctas_seconds": round(ctas_seconds, 4),
                }
            )
            print(
                f"{spec.table}: {rows:,} rows, count {count_seconds:.2f} s, "
                f"typed CTAS {ctas_seconds:.2f} s",
                flush=True,
            )
        started = time.perf_counter()
        con.execute("checkpoint")
        checkpoint_seconds = time.perf_counter() - started
    finally:
        con.close()
    count_total = sum(f["count_seconds"] for f in files)
    ctas_total = sum(f["ctas_seconds"] for f in files)
    return {
        "seconds": round(count_total + ctas_total + checkpoint_seconds, 4),
        "count_seconds": round(count_total, 4),
        "ctas_seconds": round(ctas_total, 4),
        "checkpoint_seconds": round(checkpoint_seconds, 4),
        "files": files,
    }
