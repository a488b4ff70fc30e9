"""The six bike files: build the sales tables in DuckDB, then render one query per file.

`load_bike_tables` creates products, special-offer products (`sop`), customers and persons,
generated or read from the real CSVs; `build_sales` draws the orders, order lines and
totals from them; `bike_queries` returns one query per bike raw file, each selecting the
file's data lines as one `line` column. The SQL is in `sql/bike/`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from scripts.generate import words
from scripts.generate.products import bike_products, bike_special_offers
from scripts.generate.sizes import (
    BIKE_PERSON_TYPES,
    BIKE_REFERENCE_STEMS,
    BIKE_SC_CUSTOMERS,
    OFFER_DISCOUNTS,
    SURVEY_NS,
    BikeSizes,
)
from scripts.generate.templates import render, render_raw_file
from scripts.raw_files import BIKE_FILES, read_csv_sql, sql_string

PRODUCT_COLUMNS = 22


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(con.execute(f"select count(*) from {table}").fetchone()[0])


def load_bike_tables(
    con: duckdb.DuckDBPyConnection,
    seed: int,
    sizes: BikeSizes,
    reference: Path | None,
) -> None:
    """Create products, sop, customers and person_base (generated or from real files)."""
    con.execute(render("bike/discounts.sql"))
    con.executemany("insert into discounts values (?, ?)", list(OFFER_DISCOUNTS.items()))
    if reference is not None:
        specs = {s.stem: s for s in BIKE_FILES}
        source = {
            stem: read_csv_sql(specs[stem], reference / f"{stem}.csv")
            for stem in BIKE_REFERENCE_STEMS
        }
        # the persons of types the customers do not name, to reach the real type counts
        extra = {t: n for t, n in BIKE_PERSON_TYPES.items() if t not in ("IN",)}
        extra["SC"] = BIKE_PERSON_TYPES["SC"] - BIKE_SC_CUSTOMERS
        con.execute(
            render(
                "bike/reference_tables.sql",
                product_source=source["Production.Product"],
                special_offer_product_source=source["Sales.SpecialOfferProduct"],
                customer_source=source["Sales.Customer"],
                extra_person_types=[t for t, c in extra.items() for _ in range(c)],
            )
        )
        return

    products = bike_products(seed)
    con.execute(render("bike/product_tables.sql"))
    placeholders = ", ".join(["?"] * PRODUCT_COLUMNS)
    con.executemany(f"insert into products values ({placeholders})", products)
    finished_ids = [p[0] for p in products if p[4] == 1]
    con.executemany("insert into sop values (?, ?)", bike_special_offers(seed, finished_ids))
    con.execute(
        render(
            "bike/persons.sql",
            person_types=list(sizes.persons),
            person_counts=list(sizes.persons.values()),
        )
    )
    con.execute(
        render(
            "bike/customers.sql",
            store_only_customers=sizes.store_only_customers,
            sc_customers=sizes.sc_customers,
        )
    )


def build_sales(con: duckdb.DuckDBPyConnection, sizes: BikeSizes, day: int) -> None:
    """Create orders, details (order lines) and order_totals; day 2 adds new orders."""
    con.execute(render("bike/sales_tables.sql"))
    con.execute(render("bike/order_dates.sql", orders=sizes.orders))
    first_september_order = con.execute(
        "select min(k) from order_dates where natural_date >= date '2011-09-30'"
    ).fetchone()[0]
    con.execute(
        render(
            "bike/orders.sql",
            orders=sizes.orders,
            order_rows=sizes.orders + (sizes.new_orders if day >= 2 else 0),
            extra_lines=sizes.lines - sizes.orders,
            first_september_order=first_september_order,
            individual_customer_count=max(_count(con, "individual_customers"), 1),
            store_customer_count=max(_count(con, "store_customers"), 1),
            sales_person_count=max(_count(con, "sales_people"), 1),
        )
    )
    con.execute(render("bike/details.sql", pair_count=_count(con, "pairs")))


def bike_queries(day: int, reference: bool) -> dict[str, str]:
    """One query per bike file to write: all six, or three when the others are real files."""
    stems = ["Sales.SalesOrderHeader", "Sales.SalesOrderDetail", "Person.Person"]
    if not reference:
        stems += ["Sales.Customer", "Production.Product", "Sales.SpecialOfferProduct"]
    context = {
        "day_two": day >= 2,
        "person_first": words.PERSON_FIRST,
        "person_last": words.PERSON_LAST,
        "survey_open": sql_string(f'<IndividualSurvey xmlns="{SURVEY_NS}">'),
    }
    return {stem: render_raw_file("bike", stem, **context) for stem in stems}
