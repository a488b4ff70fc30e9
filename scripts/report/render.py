"""The report page: the template's context built from the queried rows, rendered with Jinja2.

`render_html` turns what scripts/report/queries.py collected into the page
templates/report.html.j2 describes: one function per section prepares its figures (charts from
scripts/report/charts.py, tables as formatting.Table), and the numbers behind every figure go
into the page as a JSON data block. Every value the template writes is escaped (autoescape, with
html.escape's entities); only the JSON block is inserted as is, made safe for a `<script>`
element here.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from scripts.report.charts import (
    chart_daily_sales,
    chart_episodes,
    chart_rating_boxes,
    chart_ratings_heatmap,
    chart_revenue_by_product_line,
)
from scripts.report.formatting import (
    ANSWER_COLUMNS,
    DAILY_SALES_COLUMNS,
    EPISODES_PER_SEASON_COLUMNS,
    RATINGS_BY_GENRE_COLUMNS,
    Column,
    fmt_int,
    fmt_money,
    fmt_money_or_dash,
    fmt_text,
    product_line_label,
    product_line_names,
    season_label,
    table,
)
from scripts.report.queries import MARTS, PREVIEW_ROWS

TEMPLATES = Path(__file__).parent / "templates"
PAGE_TEMPLATE = "report.html.j2"


def _escape(value: Any) -> Markup:
    """A value as page text, escaped by the standard library's html.escape: quotes become
    `&quot;` and `&#x27;`, so a value reads the same in the page as html.escape writes it."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


def environment() -> jinja2.Environment:
    """Jinja2 for the page: every value escaped, block tags leave no blank lines behind."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        # Applied to each {{ value }} before autoescape, which leaves the Markup it returns as is.
        finalize=_escape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["thousands"] = fmt_int
    return env


def daily_sales_section(rows: list[dict[str, Any]], headline: dict[str, Decimal]) -> dict[str, Any]:
    """The dashboard: the period, the headline figures, the chart and the ten best days."""
    best = sorted(rows, key=lambda r: (-Decimal(r["revenue"]), r["date_day"]))[:10]
    return {
        "first": rows[0]["date_day"].isoformat() if rows else "-",
        "last": rows[-1]["date_day"].isoformat() if rows else "-",
        "kpis": {
            "revenue": fmt_money(headline["revenue"]),
            "orders": fmt_int(int(headline["orders"])),
            "units": fmt_int(int(headline["units"])),
            "selling_days": f"{int(headline['selling_days']):,} of {len(rows):,}",
            "revenue_per_selling_day": fmt_money(headline["revenue_per_selling_day"]),
            "average_order_value": fmt_money(headline["average_order_value"]),
        },
        "chart": chart_daily_sales(rows),
        "best_days": table("daily-sales-best-days", DAILY_SALES_COLUMNS, best),
    }


def revenue_section(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The stacked chart and the month-by-product-line table, one column per product line."""
    lines = sorted({row["product_line"] for row in rows}, key=lambda c: (c is None, c or ""))
    months = sorted({row["year_month"] for row in rows})
    values = {(row["year_month"], row["product_line"]): row["revenue"] for row in rows}
    names = product_line_names(rows)
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
    return {
        "chart": chart_revenue_by_product_line(rows),
        "table": table("revenue-by-product-line-table", columns, pivot),
    }


def answers_section(answers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each question's mart, its total row count, the rows shown and their table."""
    shown = {}
    for key, columns in ANSWER_COLUMNS.items():
        answer = answers[key]
        shown[key] = {
            "key": key,
            "model": answer["model"],
            "total_rows": answer["total_rows"],
            "shown": len(answer["rows"]),
            "table": table(f"{key}-table", columns, answer["rows"]),
        }
    return shown


def ratings_section(cells: list[dict[str, Any]], genres: list[dict[str, Any]]) -> dict[str, Any]:
    """The genre-by-decade heatmap, the box plot per genre and the table per genre."""
    order = [row["genre_name"] for row in genres]
    table_rows = [
        {
            **row,
            "p25": row["quantiles"][1],
            "median": row["quantiles"][2],
            "p75": row["quantiles"][3],
        }
        for row in genres
    ]
    return {
        "heatmap": chart_ratings_heatmap(cells, order),
        "boxes": chart_rating_boxes(genres),
        "table": table("ratings-by-genre-table", RATINGS_BY_GENRE_COLUMNS, table_rows),
    }


def episodes_section(episodes: dict[str, Any]) -> dict[str, Any] | None:
    """The most-rated series and its episodes per season; None when no series qualifies."""
    series = episodes["series"]
    if series is None:
        return None
    years = fmt_text(series["start_year"])
    if series["end_year"]:
        years += f"-{series['end_year']}"
    rows = [{**row, "season": season_label(row["season_number"])} for row in episodes["rows"]]
    return {
        "title": series["primary_title"],
        "tconst": series["title_tconst"],
        "years": years,
        "votes": fmt_int(series["num_votes"]),
        "rating": fmt_text(series["average_rating"]),
        "total": f"{sum(row['episode_count'] for row in episodes['rows']):,}",
        "chart": chart_episodes(episodes),
        "table": table("episodes-per-season-table", EPISODES_PER_SEASON_COLUMNS, rows),
    }


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
    """The whole page: the collected data plus "headline", the warehouse file, the build time."""
    stamp = generated_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    try:
        built = datetime.fromtimestamp(db_path.stat().st_mtime, UTC)
        warehouse_time = built.strftime("%Y-%m-%d %H:%M:%S UTC")
    except OSError:
        warehouse_time = "unknown"
    context = {
        "stamp": stamp,
        "db_path": db_path,
        "warehouse_time": warehouse_time,
        "marts": MARTS,
        "preview_rows": PREVIEW_ROWS,
        "daily": daily_sales_section(data["daily_sales"], data["headline"]),
        "revenue": revenue_section(data["revenue_by_product_line_month"]),
        "answers": answers_section(data["answers"]),
        "ratings": ratings_section(
            data["ratings_by_genre_decade"], data["rating_quantiles_by_genre"]
        ),
        "episodes": episodes_section(data["episodes_per_season"]),
        # JSON text, already safe inside <script> (see report_data), so not HTML-escaped.
        "report_data": Markup(report_data(data, stamp, db_path)),
    }
    return environment().get_template(PAGE_TEMPLATE).render(context)
