"""The analysts' static HTML report, built from the published warehouse's marts.

    python -m scripts.report [--db warehouse.duckdb] [--out target/report/index.html]

Opens the warehouse READ-ONLY, queries schema `marts` only, and writes one self-contained HTML
file: charts are PNGs rendered by matplotlib (Agg backend, offline) and embedded as base64
`data:` URIs, tables are plain HTML, the CSS is inline, and there is no script that runs. Every
figure's numbers are also embedded as JSON in `<script type="application/json"
id="report-data">` (data, not code) so tests and tools can read them back.

The headline figures of the sales dashboard (revenue, orders, units, days with sales, revenue
per selling day, average order value) come from the semantic layer's metrics through MetricFlow
(scripts/semantic_layer.py), so the report and `mf query` cannot disagree.

Sections: the daily sales dashboard, revenue by product line and month, the five sales
questions, IMDB rating distribution by genre and decade, and the episodes per season of the
most-rated series.

Errors a user can cause (no warehouse, a mart missing, a locked or corrupt file) end in one line
`error: ...` and exit code 1.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

DEFAULT_OUT = Path("target") / "report" / "index.html"
MARTS = "marts"
# Rows shown for the long answer tables; the full count is always stated.
PREVIEW_ROWS = 15
# Window of the rolling average drawn over the daily revenue.
ROLLING_DAYS = 30
# The dashboard's headline figures: metrics of the semantic layer (models/marts/sales/).
HEADLINE_METRICS = (
    "revenue",
    "orders",
    "units",
    "selling_days",
    "revenue_per_selling_day",
    "average_order_value",
)

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

# AdventureWorks' Production.Product.ProductLine codes.
NO_PRODUCT_LINE = "No product line"

PALETTE = ("#2f6690", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#8a8a8a")

SECTIONS = (
    ("daily-sales", "Daily sales"),
    ("revenue-by-product-line", "Revenue by product line and month"),
    ("answers", "The five sales questions"),
    ("ratings-by-genre-decade", "Ratings by genre and decade"),
    ("episodes-per-season", "Episodes per season of the most-rated series"),
)


class ReportError(Exception):
    """A problem the user can fix (no warehouse, a mart missing). The message is one line."""


# --------------------------------------------------------------------------------------------
# Queries: marts only, one function per figure.
# --------------------------------------------------------------------------------------------


def _rows(con: Any, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def check_marts(con: Any, db_path: Path) -> None:
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
    return {
        "daily_sales": query_daily_sales(con),
        "revenue_by_product_line_month": query_revenue_by_product_line(con),
        "answers": query_answers(con),
        "ratings_by_genre_decade": query_ratings_by_genre_decade(con),
        "rating_quantiles_by_genre": query_rating_quantiles_by_genre(con),
        "episodes_per_season": query_episodes_per_season(con),
    }


# --------------------------------------------------------------------------------------------
# Charts: matplotlib, Agg, PNG bytes embedded as data: URIs.
# --------------------------------------------------------------------------------------------


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.size": 9,
            "axes.titlesize": 11,
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.color": "#e3e3e3",
            "grid.linewidth": 0.6,
            "axes.axisbelow": True,
        }
    )
    return plt


def _png_data_uri(fig: Any) -> str:
    plt = _pyplot()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _money_axis(ax: Any, axis: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter

    def fmt(value: float, _pos: int) -> str:
        if abs(value) >= 1_000_000:
            return f"${value / 1_000_000:,.1f}M"
        if abs(value) >= 1_000:
            return f"${value / 1_000:,.0f}k"
        return f"${value:,.0f}"

    getattr(ax, f"{axis}axis").set_major_formatter(FuncFormatter(fmt))


def _empty_chart(title: str, message: str) -> str:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(10, 1.6))
    ax.set_axis_off()
    ax.set_title(title, loc="left")
    ax.text(0.5, 0.4, message, ha="center", va="center", color="#666666")
    return _png_data_uri(fig)


def chart_daily_sales(rows: list[dict[str, Any]]) -> str:
    title = "Daily revenue and orders"
    if not rows:
        return _empty_chart(title, "no days in rpt_daily_sales")
    import matplotlib.dates as mdates

    plt = _pyplot()
    days = [row["date_day"] for row in rows]
    revenue = [float(row["revenue"]) for row in rows]
    orders = [row["order_count"] for row in rows]
    rolling = []
    window_sum = 0.0
    for index, value in enumerate(revenue):
        window_sum += value
        if index >= ROLLING_DAYS:
            window_sum -= revenue[index - ROLLING_DAYS]
        rolling.append(window_sum / min(index + 1, ROLLING_DAYS))

    fig, (ax_revenue, ax_orders) = plt.subplots(
        2, 1, figsize=(10, 5.2), sharex=True, gridspec_kw={"height_ratios": (3, 1.3)}
    )
    ax_revenue.bar(days, revenue, width=1.0, color="#7fa7cb", label="revenue per day")
    ax_revenue.plot(
        days, rolling, color=PALETTE[0], linewidth=1.8, label=f"{ROLLING_DAYS}-day average"
    )
    ax_revenue.set_title("Daily revenue (order subtotals, USD)", loc="left")
    ax_revenue.set_ylabel("revenue (USD)")
    _money_axis(ax_revenue)
    ax_revenue.legend(frameon=False, loc="upper left")
    ax_orders.bar(days, orders, width=1.0, color=PALETTE[1])
    ax_orders.set_title("Orders per day", loc="left")
    ax_orders.set_ylabel("orders")
    ax_orders.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax_orders.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))
    fig.tight_layout()
    return _png_data_uri(fig)


def product_line_label(code: str | None, name: str | None) -> str:
    """A product line as the report shows it: its name from dim_products and its code."""
    if code is None:
        return NO_PRODUCT_LINE
    return f"{name} ({code})" if name else code


def _product_line_names(rows: list[dict[str, Any]]) -> dict[str | None, str | None]:
    return {row["product_line"]: row["product_line_name"] for row in rows}


def chart_revenue_by_product_line(rows: list[dict[str, Any]]) -> str:
    title = "Revenue by product line and month"
    if not rows:
        return _empty_chart(title, "no order lines with an order date")
    plt = _pyplot()
    months = sorted({row["year_month"] for row in rows})
    lines = sorted({row["product_line"] for row in rows}, key=lambda c: (c is None, c or ""))
    values = {(row["year_month"], row["product_line"]): float(row["revenue"]) for row in rows}
    names = _product_line_names(rows)
    fig, ax = plt.subplots(figsize=(10, 4.4))
    bottom = [0.0] * len(months)
    positions = list(range(len(months)))
    for index, line in enumerate(lines):
        heights = [values.get((month, line), 0.0) for month in months]
        ax.bar(
            positions,
            heights,
            bottom=bottom,
            width=0.8,
            label=product_line_label(line, names.get(line)),
            color=PALETTE[index % len(PALETTE)],
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    step = max(1, len(months) // 18)
    ax.set_xticks(positions[::step], months[::step], rotation=45, ha="right")
    ax.grid(axis="x", visible=False)
    ax.set_xlabel("month of order")
    ax.set_ylabel("revenue (USD)")
    _money_axis(ax)
    ax.set_title(f"{title} (sum of order line totals, USD)", loc="left")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), title="product line")
    fig.tight_layout()
    return _png_data_uri(fig)


def chart_ratings_heatmap(rows: list[dict[str, Any]], genre_order: list[str]) -> str:
    title = "Mean IMDb rating by genre and decade"
    if not rows:
        return _empty_chart(title, "no rated titles with a genre and a start year")
    import numpy as np

    plt = _pyplot()
    decades = list(range(min(r["decade"] for r in rows), max(r["decade"] for r in rows) + 1, 10))
    grid = np.full((len(genre_order), len(decades)), np.nan)
    counts = np.zeros_like(grid)
    for row in rows:
        i, j = genre_order.index(row["genre_name"]), decades.index(row["decade"])
        grid[i, j] = row["mean_rating"]
        counts[i, j] = row["title_count"]
    height = max(3.0, 0.32 * len(genre_order) + 1.4)
    fig, ax = plt.subplots(figsize=(10, height))
    image = ax.imshow(np.ma.masked_invalid(grid), cmap="viridis", vmin=1, vmax=10, aspect="auto")
    ax.set_xticks(range(len(decades)), [f"{d}s" for d in decades], rotation=45, ha="right")
    ax.set_yticks(range(len(genre_order)), genre_order)
    ax.grid(False)
    for i in range(len(genre_order)):
        for j in range(len(decades)):
            if not np.isnan(grid[i, j]):
                colour = "white" if grid[i, j] < 6.0 else "black"
                ax.text(
                    j, i, f"{grid[i, j]:.1f}", ha="center", va="center", fontsize=7, color=colour
                )
    ax.set_xlabel("decade of first release (start year)")
    ax.set_ylabel("genre (most rated titles first)")
    ax.set_title(title + " (blank: no rated titles)", loc="left")
    colorbar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    colorbar.set_label("mean rating (1-10)")
    fig.tight_layout()
    return _png_data_uri(fig)


def chart_rating_boxes(rows: list[dict[str, Any]]) -> str:
    title = "Rating distribution by genre"
    if not rows:
        return _empty_chart(title, "no rated titles with a genre")
    plt = _pyplot()
    stats = [
        {
            "label": row["genre_name"],
            "whislo": row["quantiles"][0],
            "q1": row["quantiles"][1],
            "med": row["quantiles"][2],
            "q3": row["quantiles"][3],
            "whishi": row["quantiles"][4],
            "mean": row["mean_rating"],
            "fliers": [],
        }
        for row in rows
    ]
    fig, ax = plt.subplots(figsize=(10, 4.2))
    ax.bxp(
        stats,
        showmeans=True,
        showfliers=False,
        patch_artist=True,
        boxprops={"facecolor": "#cfe0ee", "edgecolor": PALETTE[0]},
        medianprops={"color": PALETTE[1], "linewidth": 1.6},
        meanprops={
            "marker": "D",
            "markerfacecolor": "white",
            "markeredgecolor": "black",
            "markersize": 3.5,
        },
    )
    ax.set_ylim(0.5, 10.5)
    ax.set_ylabel("IMDb average rating (1-10)")
    ax.set_xlabel("genre (most rated titles first)")
    ax.tick_params(axis="x", rotation=60)
    ax.set_title(
        f"{title}: box = 25th-75th percentile, line = median, diamond = mean, whiskers = 5th-95th",
        loc="left",
    )
    fig.tight_layout()
    return _png_data_uri(fig)


def chart_episodes(episodes: dict[str, Any]) -> str:
    title = "Episodes per season"
    if not episodes["series"]:
        return _empty_chart(title, "no series with votes and episodes")
    plt = _pyplot()
    rows = episodes["rows"]
    labels = [season_label(row["season_number"]) for row in rows]
    counts = [row["episode_count"] for row in rows]
    fig, ax = plt.subplots(figsize=(10, 3.6))
    bars = ax.bar(range(len(rows)), counts, color=PALETTE[3], width=0.7)
    ax.bar_label(bars, padding=2, fontsize=8)
    ax.set_xticks(range(len(rows)), labels)
    ax.grid(axis="x", visible=False)
    ax.set_xlabel("season")
    ax.set_ylabel("episodes")
    series = episodes["series"]
    ax.set_title(f"{title}: {series['primary_title']} ({series['title_tconst']})", loc="left")
    ax.margins(y=0.15)
    fig.tight_layout()
    return _png_data_uri(fig)


def season_label(season: int | None) -> str:
    return "unknown" if season is None else str(season)


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    fmt: Callable[[Any], str] = str
    numeric: bool = False


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


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def html_table(table_id: str, columns: Sequence[Column], rows: Sequence[dict[str, Any]]) -> str:
    head = "".join(
        f'<th class="{"num" if c.numeric else "txt"}">{_e(c.label)}</th>' for c in columns
    )
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="{"num" if c.numeric else "txt"}" data-col="{_e(c.key)}">'
            f"{_e(c.fmt(row[c.key]))}</td>"
            for c in columns
        )
        body.append(f"<tr>{cells}</tr>")
    if not rows:
        body.append(f'<tr><td colspan="{len(columns)}" class="empty">no rows</td></tr>')
    return (
        f'<table id="{_e(table_id)}" data-figure="{_e(table_id)}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _figure(uri: str, alt: str) -> str:
    return f'<figure><img src="{uri}" alt="{_e(alt)}"></figure>'


def _kpis(items: Sequence[tuple[str, str]]) -> str:
    cards = "".join(
        f'<div class="kpi"><div class="kpi-value">{_e(value)}</div>'
        f'<div class="kpi-label">{_e(label)}</div></div>'
        for label, value in items
    )
    return f'<div class="kpis">{cards}</div>'


def query_headline(db_path: Path) -> dict[str, Decimal]:
    """The headline metrics over all days, from MetricFlow (one row, one column per metric)."""
    from scripts import semantic_layer

    try:
        (row,) = semantic_layer.query(db_path, HEADLINE_METRICS)
    except (semantic_layer.SemanticLayerError, OSError) as exc:
        raise ReportError(f"{db_path}: the semantic layer failed ({exc})") from None
    return {name: Decimal(row[name] or 0) for name in HEADLINE_METRICS}


def section_daily_sales(rows: list[dict[str, Any]], headline: dict[str, Decimal]) -> str:
    total = headline["revenue"]
    orders = int(headline["orders"])
    units = int(headline["units"])
    selling_days = int(headline["selling_days"])
    first = rows[0]["date_day"].isoformat() if rows else "-"
    last = rows[-1]["date_day"].isoformat() if rows else "-"
    best = sorted(rows, key=lambda r: (-Decimal(r["revenue"]), r["date_day"]))[:10]
    columns = (
        Column("date_day", "Day", fmt_text),
        Column("revenue", "Revenue (USD)", fmt_money, True),
        Column("order_count", "Orders", fmt_int, True),
        Column("online_order_count", "Online orders", fmt_int, True),
        Column("units_sold", "Units", fmt_int, True),
    )
    return (
        '<p class="lead">The dashboard the bike company asked for: revenue (the sum of order '
        "subtotals, before tax and freight), orders and units for every calendar day from "
        f"<code>marts.rpt_daily_sales</code>, days without sales included as zeros, from {first} "
        f"to {last}.</p>"
        + _kpis(
            (
                ("total revenue", fmt_money(total)),
                ("orders", fmt_int(orders)),
                ("units sold", fmt_int(units)),
                ("days with sales", f"{selling_days:,} of {len(rows):,}"),
                ("revenue per selling day", fmt_money(headline["revenue_per_selling_day"])),
                ("average order value", fmt_money(headline["average_order_value"])),
            )
        )
        + _figure(chart_daily_sales(rows), "Daily revenue with its rolling average, and orders")
        + "<h3>The ten best days by revenue</h3>"
        + html_table("daily-sales-best-days", columns, best)
    )


def section_revenue_by_product_line(rows: list[dict[str, Any]]) -> str:
    lines = sorted({row["product_line"] for row in rows}, key=lambda c: (c is None, c or ""))
    months = sorted({row["year_month"] for row in rows})
    values = {(row["year_month"], row["product_line"]): row["revenue"] for row in rows}
    names = _product_line_names(rows)
    columns = [Column("year_month", "Month", fmt_text)]
    pivot = []
    for month in months:
        record: dict[str, Any] = {"year_month": month}
        month_total = Decimal(0)
        for index, line in enumerate(lines):
            value = values.get((month, line))
            record[f"line_{index}"] = value
            month_total += Decimal(value or 0)
        record["total"] = month_total
        pivot.append(record)
    for index, line in enumerate(lines):
        label = product_line_label(line, names.get(line))
        columns.append(Column(f"line_{index}", label, fmt_money_or_dash, True))
    columns.append(Column("total", "All lines", fmt_money, True))
    return (
        '<p class="lead">Revenue as the sum of order line totals (<code>line_total</code> in '
        "<code>marts.fct_sales_order_lines</code>) by the product's line "
        "(<code>marts.dim_products.product_line_name</code>; components and accessories "
        "have none) and the month of the order "
        "(<code>marts.dim_dates</code>). Lines without an order date are left out.</p>"
        + _figure(chart_revenue_by_product_line(rows), "Stacked monthly revenue by product line")
        + "<h3>Revenue by month and product line (USD)</h3>"
        + '<div class="scroll">'
        + html_table("revenue-by-product-line-table", columns, pivot)
        + "</div>"
    )


ANSWER_TEXT = {
    "q1": (
        "Question 1: orders with three or more detail lines",
        "The number of detail lines per <code>SalesOrderID</code>, for orders with at least "
        "three lines (three included).",
        (
            Column("sales_order_id", "SalesOrderID", fmt_text, True),
            Column("line_count", "Detail lines", fmt_int, True),
        ),
        "orders",
        "most lines first",
    ),
    "q2": (
        "Question 2: the three best-selling products per DaysToManufacture",
        "Best sellers by units (sum of <code>OrderQty</code>), joining the order lines, "
        "<code>SpecialOfferProduct</code> (on both of its key columns) and "
        "<code>Product</code>; ties broken by product name.",
        (
            Column("days_to_manufacture", "DaysToManufacture", fmt_int, True),
            Column("sales_rank", "Rank", fmt_int, True),
            Column("product_id", "ProductID", fmt_text, True),
            Column("product_name", "Product", fmt_text),
            Column("total_quantity", "Units sold", fmt_int, True),
        ),
        "products",
        "by DaysToManufacture, then rank",
    ),
    "q3": (
        "Question 3: customers and their number of orders",
        "Every customer with a name and the number of orders they placed, customers without "
        "orders included with 0; one row per customer.",
        (
            Column("customer_id", "CustomerID", fmt_text, True),
            Column("full_name", "Customer", fmt_text),
            Column("order_count", "Orders", fmt_int, True),
        ),
        "customers",
        "most orders first",
    ),
    "q4": (
        "Question 4: total quantity by product and order date",
        "Total <code>OrderQty</code> by <code>ProductID</code> and <code>OrderDate</code>, "
        "online and sales-person orders alike.",
        (
            Column("product_id", "ProductID", fmt_text, True),
            Column("order_date", "Order date", fmt_text),
            Column("total_quantity", "Total quantity", fmt_int, True),
        ),
        "product-days",
        "by order date, then product",
    ),
    "q5": (
        "Question 5: September 2011 orders with TotalDue above 1,000",
        "Orders placed in September 2011 (every moment of the 30th included) with "
        "<code>TotalDue</code> above 1,000, largest first.",
        (
            Column("total_due_rank", "Rank", fmt_int, True),
            Column("sales_order_id", "SalesOrderID", fmt_text, True),
            Column("ordered_at", "Order date", fmt_timestamp),
            Column("total_due", "TotalDue (USD)", fmt_money, True),
        ),
        "orders",
        "largest TotalDue first",
    ),
}


def section_answers(answers: dict[str, dict[str, Any]]) -> str:
    parts = [
        '<p class="lead">The five questions, each answered by one report mart. Long answers '
        f"show their first {PREVIEW_ROWS} rows; the total is stated above each table and the "
        "full answer is in the named mart.</p>"
    ]
    for key, (title, text, columns, noun, order) in ANSWER_TEXT.items():
        answer = answers[key]
        shown, total = len(answer["rows"]), answer["total_rows"]
        extent = (
            f"all {total:,} {noun}"
            if shown == total
            else f"the first {shown:,} of {total:,} {noun}"
        )
        parts.append(
            f'<h3 id="{key}">{_e(title)}</h3><p>{text} <span class="count" '
            f'data-total-rows="{total}">Showing {extent}, {_e(order)}</span> '
            f"(<code>marts.{_e(answer['model'])}</code>).</p>"
            + html_table(f"{key}-table", columns, answer["rows"])
        )
    return "".join(parts)


def section_ratings(cells: list[dict[str, Any]], genres: list[dict[str, Any]]) -> str:
    order = [row["genre_name"] for row in genres]
    columns = (
        Column("genre_name", "Genre", fmt_text),
        Column("title_count", "Rated titles", fmt_int, True),
        Column("mean_rating", "Mean rating", fmt_rating, True),
        Column("median", "Median", fmt_rating, True),
        Column("p25", "25th pct", fmt_rating, True),
        Column("p75", "75th pct", fmt_rating, True),
    )
    table_rows = [
        {
            **row,
            "p25": row["quantiles"][1],
            "median": row["quantiles"][2],
            "p75": row["quantiles"][3],
        }
        for row in genres
    ]
    return (
        '<p class="lead">IMDb average ratings (<code>marts.fct_title_ratings</code>) of every '
        "rated title with a start year, by genre (<code>marts.bdg_title_genres</code>: a title "
        "with three genres counts once in each) and by the decade of its start year "
        "(<code>marts.dim_titles</code>). Each title weighs the same, whatever its number of "
        "votes.</p>"
        + _figure(chart_ratings_heatmap(cells, order), "Heatmap of mean rating by genre, decade")
        + _figure(chart_rating_boxes(genres), "Box plot of ratings per genre")
        + "<h3>Ratings by genre, all decades</h3>"
        + html_table("ratings-by-genre-table", columns, table_rows)
    )


def section_episodes(episodes: dict[str, Any]) -> str:
    series = episodes["series"]
    if series is None:
        return '<p class="lead">No series with votes has episodes in the warehouse.</p>'
    total = sum(row["episode_count"] for row in episodes["rows"])
    years = fmt_text(series["start_year"])
    if series["end_year"]:
        years += f"-{series['end_year']}"
    columns = (
        Column("season", "Season", fmt_text),
        Column("episode_count", "Episodes", fmt_int, True),
    )
    rows = [{**row, "season": season_label(row["season_number"])} for row in episodes["rows"]]
    return (
        '<p class="lead">The most-rated series is the series or mini-series '
        "(<code>marts.dim_title_types.is_series</code>) with the most IMDb votes among those "
        "with at least one episode in <code>marts.fct_episodes</code>: "
        f"<strong>{_e(series['primary_title'])}</strong> ({_e(series['title_tconst'])}, "
        f"{_e(years)}), {fmt_int(series['num_votes'])} votes, rated "
        f"{fmt_text(series['average_rating'])}, {total:,} episodes. Episodes without a season "
        "number are counted under &ldquo;unknown&rdquo;.</p>"
        + _figure(chart_episodes(episodes), "Bar chart of episodes per season")
        + '<div class="scroll">'
        + html_table("episodes-per-season-table", columns, rows)
        + "</div>"
    )


CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --accent: #2f6690; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica,
       Arial, sans-serif; color: var(--ink); background: #f5f7fa; }
header { background: var(--accent); color: white; padding: 28px 0 22px; }
header h1 { margin: 0 0 6px; font-size: 28px; }
header p { margin: 2px 0; opacity: 0.9; font-size: 13px; }
header code { color: white; background: rgba(255, 255, 255, 0.16); }
.wrap { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
nav.toc { background: white; border: 1px solid var(--line); border-radius: 8px;
          padding: 12px 20px; margin: 20px 0; }
nav.toc h2 { font-size: 14px; margin: 0 0 4px; text-transform: uppercase;
             letter-spacing: 0.05em; color: var(--muted); }
nav.toc ol { margin: 0; padding-left: 20px; columns: 2; }
nav.toc a { color: var(--accent); text-decoration: none; }
section { background: white; border: 1px solid var(--line); border-radius: 8px;
          padding: 8px 24px 20px; margin: 0 0 24px; }
section h2 { border-bottom: 2px solid var(--accent); padding-bottom: 6px; }
h3 { margin: 24px 0 6px; font-size: 16px; }
p.lead { color: var(--muted); }
figure { margin: 12px 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0 12px; min-width: 40%; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); }
th { background: #eef2f7; text-align: left; position: sticky; top: 0; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafbfc; }
td.empty { color: var(--muted); font-style: italic; }
.scroll { display: inline-block; max-width: 100%; max-height: 460px; overflow: auto;
          border: 1px solid var(--line); margin: 6px 0 12px; }
.scroll table { margin: 0; }
.count { color: var(--ink); font-weight: 600; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.kpi { flex: 1 1 160px; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px;
       background: #fbfcfe; }
.kpi-value { font-size: 20px; font-weight: 700; color: var(--accent); }
.kpi-label { font-size: 12px; color: var(--muted); text-transform: uppercase; }
code { font-size: 12px; background: #f0f3f7; padding: 1px 4px; border-radius: 3px;
       color: #323f4b; }
footer { color: var(--muted); font-size: 12px; padding: 0 0 32px; }
"""


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def report_data(data: dict[str, Any], generated_at: str, db_path: Path) -> str:
    """The figures' numbers as JSON, safe inside a <script type="application/json">."""
    payload = {"generated_at": generated_at, "warehouse": str(db_path), **data}
    text = json.dumps(payload, default=_json_default, separators=(",", ":"), sort_keys=True)
    # "</" must not appear inside a script element; "<\/" is the same JSON string.
    return text.replace("</", "<\\/")


def render_html(data: dict[str, Any], db_path: Path, generated_at: datetime) -> str:
    stamp = generated_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    try:
        built = datetime.fromtimestamp(db_path.stat().st_mtime, UTC)
        warehouse_time = built.strftime("%Y-%m-%d %H:%M:%S UTC")
    except OSError:
        warehouse_time = "unknown"
    bodies = {
        "daily-sales": section_daily_sales(data["daily_sales"], data["headline"]),
        "revenue-by-product-line": section_revenue_by_product_line(
            data["revenue_by_product_line_month"]
        ),
        "answers": section_answers(data["answers"]),
        "ratings-by-genre-decade": section_ratings(
            data["ratings_by_genre_decade"], data["rating_quantiles_by_genre"]
        ),
        "episodes-per-season": section_episodes(data["episodes_per_season"]),
    }
    toc = "".join(f'<li><a href="#{sid}">{_e(title)}</a></li>' for sid, title in SECTIONS)
    sections = "".join(
        f'<section id="{sid}"><h2>{_e(title)}</h2>{bodies[sid]}</section>'
        for sid, title in SECTIONS
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Warehouse report: bike sales and IMDB</title>
<style>{CSS}</style>
</head>
<body>
<header><div class="wrap">
<h1>Warehouse report: bike sales and IMDB</h1>
<p>Built {_e(stamp)} from the warehouse <code>{_e(db_path)}</code>
(last published {_e(warehouse_time)}).</p>
<p>Every number comes from the <code>{MARTS}</code> schema; amounts are in USD.</p>
</div></header>
<main class="wrap">
<nav class="toc"><h2>Contents</h2><ol>{toc}</ol></nav>
{sections}
</main>
<footer class="wrap">Generated by <code>python -m scripts.report</code>. Charts: matplotlib,
embedded as images; the numbers behind every figure are in the JSON block
<code>#report-data</code>.</footer>
<script type="application/json" id="report-data">{report_data(data, stamp, db_path)}</script>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def _default_db() -> Path:
    return Path(os.environ.get("DUCKDB_PATH", "warehouse.duckdb"))


def build_report(db_path: Path, out_path: Path) -> Path:
    import duckdb

    if not db_path.is_file():
        raise ReportError(f"{db_path}: warehouse not found; build it first with `make run`")
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReportError(f"{db_path}: cannot open the warehouse read-only ({first})") from None
    try:
        check_marts(con, db_path)
        data = collect(con)
        data["headline"] = query_headline(db_path)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReportError(f"{db_path}: query failed ({first})") from None
    finally:
        con.close()
    page = render_html(data, db_path, datetime.now(UTC))
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        partial = out_path.with_name(out_path.name + ".tmp")
        partial.write_text(page, encoding="utf-8")
        partial.replace(out_path)
    except OSError as exc:
        raise ReportError(f"{out_path}: cannot write the report ({exc.strerror or exc})") from None
    return out_path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.report",
        description="Write the static HTML report from the warehouse's marts.",
    )
    parser.add_argument(
        "--db", type=Path, default=_default_db(), help="published warehouse (opened read-only)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="HTML file to write")
    args = parser.parse_args(argv)
    try:
        out = build_report(args.db, args.out)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
