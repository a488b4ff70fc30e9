"""The report's queries: schema `marts` only, one function per figure, plus the headline metrics.

Every function takes an open (read-only) DuckDB connection and returns plain rows (dicts by
column name); `query_headline` asks the semantic layer (scripts/semantic_layer.py) instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from scripts.report.errors import ReportError

MARTS = "marts"
# Rows shown for the long answer tables; the full count is always stated.
PREVIEW_ROWS = 15
# The dashboard's headline figures: metrics of the semantic layer (models/marts/sales/).
HEADLINE_METRICS = (
    "revenue",
    "orders",
    "units",
    "selling_days",
    "revenue_per_selling_day",
    "average_order_value",
)
# The marts the page reads; a missing one is reported before any query runs.
REQUIRED_MARTS = (
    "rpt_daily_sales",
    "fct_sales_order_lines",
    "dim_products",
    "dim_dates",
    "rpt_orders_with_three_or_more_lines",
    "rpt_top_products_by_days_to_manufacture",
    "rpt_customer_order_counts",
    "rpt_product_daily_quantities",
    "rpt_september_2011_large_orders",
    "dim_titles",
    "dim_title_types",
    "bdg_title_genres",
    "fct_title_ratings",
    "fct_episodes",
)


def _rows(con: Any, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def check_marts(con: Any, db_path: Path) -> None:
    """Raise ReportError naming every required mart the warehouse lacks."""
    found = {
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = ?", [MARTS]
        ).fetchall()
    }
    missing = [name for name in REQUIRED_MARTS if name not in found]
    if missing:
        listed = ", ".join(f"{MARTS}.{name}" for name in missing)
        raise ReportError(f"{db_path}: missing mart(s) {listed}; rebuild with `make run`")


def query_daily_sales(con: Any) -> list[dict[str, Any]]:
    return _rows(
        con,
        f"""
        select date_day, revenue, order_count, online_order_count, units_sold
        from {MARTS}.rpt_daily_sales
        order by date_day
        """,
    )


def query_revenue_by_product_line(con: Any) -> list[dict[str, Any]]:
    return _rows(
        con,
        f"""
        select
            dates.calendar_year_month as year_month,
            products.product_line,
            products.product_line_name,
            sum(lines.line_total) as revenue,
            sum(lines.order_quantity) as units_sold
        from {MARTS}.fct_sales_order_lines as lines
        inner join {MARTS}.dim_products as products
            on lines.product_id = products.product_id
        inner join {MARTS}.dim_dates as dates
            on lines.order_date_key = dates.date_key
        where dates.date_key <> -1
        group by dates.calendar_year_month, products.product_line, products.product_line_name
        order by dates.calendar_year_month, products.product_line nulls last
        """,
    )


def query_answers(con: Any) -> dict[str, dict[str, Any]]:
    """The five questions: total row count and the rows shown (all, or the first few)."""
    specs = {
        "q1": ("rpt_orders_with_three_or_more_lines", "line_count desc, sales_order_id", True),
        "q2": (
            "rpt_top_products_by_days_to_manufacture",
            "days_to_manufacture, sales_rank",
            False,
        ),
        "q3": (
            "rpt_customer_order_counts",
            "order_count desc, full_name, customer_id",
            True,
        ),
        "q4": ("rpt_product_daily_quantities", "order_date, product_id", True),
        "q5": ("rpt_september_2011_large_orders", "total_due_rank", True),
    }
    answers = {}
    for key, (model, order_by, preview) in specs.items():
        (total,) = con.execute(f"select count(*) from {MARTS}.{model}").fetchone()
        sql = f"select * from {MARTS}.{model} order by {order_by}"
        if preview:
            sql += f" limit {PREVIEW_ROWS}"
        answers[key] = {"model": model, "total_rows": total, "rows": _rows(con, sql)}
    return answers


def query_ratings_by_genre_decade(con: Any) -> list[dict[str, Any]]:
    return _rows(
        con,
        f"""
        with rated as (
            select
                genres.genre_name,
                (titles.start_year // 10) * 10 as decade,
                ratings.average_rating
            from {MARTS}.fct_title_ratings as ratings
            inner join {MARTS}.dim_titles as titles
                on ratings.title_id = titles.title_id
            inner join {MARTS}.bdg_title_genres as genres
                on ratings.title_id = genres.title_id
            where titles.start_year is not null and genres.genre_name <> '-1'
        )
        select
            genre_name,
            decade,
            count(*) as title_count,
            avg(average_rating) as mean_rating,
            median(average_rating) as median_rating
        from rated
        group by genre_name, decade
        order by genre_name, decade
        """,
    )


def query_rating_quantiles_by_genre(con: Any) -> list[dict[str, Any]]:
    return _rows(
        con,
        f"""
        select
            genres.genre_name,
            count(*) as title_count,
            avg(ratings.average_rating) as mean_rating,
            quantile_cont(ratings.average_rating, [0.05, 0.25, 0.5, 0.75, 0.95])
                as quantiles
        from {MARTS}.fct_title_ratings as ratings
        inner join {MARTS}.dim_titles as titles
            on ratings.title_id = titles.title_id
        inner join {MARTS}.bdg_title_genres as genres
            on ratings.title_id = genres.title_id
        where titles.start_year is not null and genres.genre_name <> '-1'
        group by genres.genre_name
        order by title_count desc, genres.genre_name
        """,
    )


def query_episodes_per_season(con: Any) -> dict[str, Any]:
    """Episodes per season of the series with the most votes that has episodes."""
    series = _rows(
        con,
        f"""
        select
            titles.title_id,
            titles.title_tconst,
            titles.primary_title,
            titles.title_type,
            titles.start_year,
            titles.end_year,
            titles.average_rating,
            titles.num_votes
        from {MARTS}.dim_titles as titles
        inner join {MARTS}.dim_title_types as title_types
            on titles.title_type = title_types.title_type
        where
            title_types.is_series
            and titles.num_votes is not null
            and exists (
                select 1 from {MARTS}.fct_episodes as episodes
                where episodes.series_title_id = titles.title_id
            )
        order by titles.num_votes desc, titles.title_id
        limit 1
        """,
    )
    if not series:
        return {"series": None, "rows": []}
    rows = _rows(
        con,
        f"""
        select season_number, count(*) as episode_count
        from {MARTS}.fct_episodes
        where series_title_id = ?
        group by season_number
        order by season_number nulls last
        """,
        [series[0]["title_id"]],
    )
    return {"series": series[0], "rows": rows}


def collect(con: Any) -> dict[str, Any]:
    """Every figure's rows by name; these names are also the keys of the JSON data block."""
    return {
        "daily_sales": query_daily_sales(con),
        "revenue_by_product_line_month": query_revenue_by_product_line(con),
        "answers": query_answers(con),
        "ratings_by_genre_decade": query_ratings_by_genre_decade(con),
        "rating_quantiles_by_genre": query_rating_quantiles_by_genre(con),
        "episodes_per_season": query_episodes_per_season(con),
    }


def query_headline(db_path: Path) -> dict[str, Decimal]:
    """The headline metrics over all days, from MetricFlow (one row, one column per metric)."""
    from scripts import semantic_layer

    try:
        (row,) = semantic_layer.query(db_path, HEADLINE_METRICS)
    except (semantic_layer.SemanticLayerError, OSError) as exc:
        raise ReportError(f"{db_path}: the semantic layer failed ({exc})") from None
    return {name: Decimal(row[name] or 0) for name in HEADLINE_METRICS}
