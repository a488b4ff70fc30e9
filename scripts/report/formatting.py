"""How the report writes numbers and text, and the columns of its tables.

Formatters turn one value into the text of a table cell (empty for NULL); a `Column` names a
row key, its heading and its formatter; `table` turns rows into a `Table` of cell texts that the
template's `table` macro writes out (HTML escaping is the template's job).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

# Rows whose product has no AdventureWorks Production.Product.ProductLine code.
NO_PRODUCT_LINE = "No product line"


def fmt_money(value: Any) -> str:
    return "" if value is None else f"${Decimal(value):,.2f}"


def fmt_money_or_dash(value: Any) -> str:
    return "\u2013" if value is None else fmt_money(value)


def fmt_int(value: Any) -> str:
    return "" if value is None else f"{int(value):,}"


def fmt_rating(value: Any) -> str:
    return "" if value is None else f"{float(value):.2f}"


def fmt_text(value: Any) -> str:
    return "" if value is None else str(value)


def fmt_timestamp(value: Any) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M")


def season_label(season: int | None) -> str:
    return "unknown" if season is None else str(season)


def product_line_label(code: str | None, name: str | None) -> str:
    """A product line as the report shows it: its name from dim_products and its code."""
    if code is None:
        return NO_PRODUCT_LINE
    return f"{name} ({code})" if name else code


def product_line_names(rows: list[dict[str, Any]]) -> dict[str | None, str | None]:
    return {row["product_line"]: row["product_line_name"] for row in rows}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    fmt: Callable[[Any], str] = str
    numeric: bool = False

    @property
    def css_class(self) -> str:
        """The class of its header and cells: numbers are right-aligned."""
        return "num" if self.numeric else "txt"


@dataclass(frozen=True)
class Table:
    """One HTML table: its id (also its `data-figure`), columns, and each row's cell texts."""

    table_id: str
    columns: Sequence[Column]
    rows: list[list[str]]


def table(table_id: str, columns: Sequence[Column], rows: Sequence[dict[str, Any]]) -> Table:
    return Table(
        table_id, columns, [[column.fmt(row[column.key]) for column in columns] for row in rows]
    )


DAILY_SALES_COLUMNS = (
    Column("date_day", "Day", fmt_text),
    Column("revenue", "Revenue (USD)", fmt_money, True),
    Column("order_count", "Orders", fmt_int, True),
    Column("online_order_count", "Online orders", fmt_int, True),
    Column("units_sold", "Units", fmt_int, True),
)

# The answer tables of the five sales questions, by question.
ANSWER_COLUMNS = {
    "q1": (
        Column("sales_order_id", "SalesOrderID", fmt_text, True),
        Column("line_count", "Detail lines", fmt_int, True),
    ),
    "q2": (
        Column("days_to_manufacture", "DaysToManufacture", fmt_int, True),
        Column("sales_rank", "Rank", fmt_int, True),
        Column("product_id", "ProductID", fmt_text, True),
        Column("product_name", "Product", fmt_text),
        Column("total_quantity", "Units sold", fmt_int, True),
    ),
    "q3": (
        Column("customer_id", "CustomerID", fmt_text, True),
        Column("full_name", "Customer", fmt_text),
        Column("order_count", "Orders", fmt_int, True),
    ),
    "q4": (
        Column("product_id", "ProductID", fmt_text, True),
        Column("order_date", "Order date", fmt_text),
        Column("total_quantity", "Total quantity", fmt_int, True),
    ),
    "q5": (
        Column("total_due_rank", "Rank", fmt_int, True),
        Column("sales_order_id", "SalesOrderID", fmt_text, True),
        Column("ordered_at", "Order date", fmt_timestamp),
        Column("total_due", "TotalDue (USD)", fmt_money, True),
    ),
}

RATINGS_BY_GENRE_COLUMNS = (
    Column("genre_name", "Genre", fmt_text),
    Column("title_count", "Rated titles", fmt_int, True),
    Column("mean_rating", "Mean rating", fmt_rating, True),
    Column("median", "Median", fmt_rating, True),
    Column("p25", "25th pct", fmt_rating, True),
    Column("p75", "75th pct", fmt_rating, True),
)

EPISODES_PER_SEASON_COLUMNS = (
    Column("season", "Season", fmt_text),
    Column("episode_count", "Episodes", fmt_int, True),
)
