"""The static HTML report: self-contained, complete, and its numbers equal the marts'.

A tiny sample warehouse is built once (load sample + write-audit-publish build), the report is
written by the command line, and the figures embedded in it (the JSON block `#report-data` and
the visible tables) are compared with figures this module recomputes with its own SQL, mostly
from the facts rather than from the report marts the page reads. Nothing here calls the
report's query functions.
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import REPO

pytestmark = pytest.mark.slow

SECTION_IDS = (
    "daily-sales",
    "revenue-by-product-line",
    "answers",
    "ratings-by-genre-decade",
    "episodes-per-season",
)
CHART_SECTIONS = {
    "daily-sales": 1,
    "revenue-by-product-line": 1,
    "ratings-by-genre-decade": 2,
    "episodes-per-season": 1,
}


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )


class Page(HTMLParser):
    """Tags, section structure, tables (cell text by column key) and the JSON data block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.section_stack: list[str] = []
        self.images_by_section: dict[str, int] = {}
        self.tables: dict[str, list[dict[str, str]]] = {}
        self.data_text = ""
        self._table: str | None = None
        self._row: dict[str, str] | None = None
        self._cell: str | None = None
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "section":
            self.section_stack.append(attributes.get("id") or "")
        elif tag == "img" and self.section_stack:
            key = self.section_stack[-1]
            self.images_by_section[key] = self.images_by_section.get(key, 0) + 1
        elif tag == "table":
            self._table = attributes.get("id")
            self.tables[self._table or ""] = []
        elif tag == "tr" and self._table is not None:
            self._row = {}
        elif tag == "td" and self._row is not None:
            self._cell = attributes.get("data-col") or ""
            self._row[self._cell] = ""
        elif tag == "script" and attributes.get("id") == "report-data":
            self._in_data = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self.section_stack:
            self.section_stack.pop()
        elif tag == "td":
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row:
                self.tables[self._table or ""].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        elif tag == "script":
            self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data_text += data
        elif self._cell is not None and self._row is not None:
            self._row[self._cell] += data


@pytest.fixture(scope="session")
def warehouse(sample_warehouse) -> Path:
    """The tiny sample warehouse, built and published the way `make run` does it."""
    return sample_warehouse.db


@pytest.fixture(scope="session")
def report(warehouse: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The report written by the command line while the test holds a read-only connection.

    DuckDB lets read-only connections share a file but refuses a writer while they are open, so
    the report succeeding here shows it opened the warehouse read-only.
    """
    out = warehouse.parent / "site" / "index.html"
    holder = duckdb.connect(str(warehouse), read_only=True)
    try:
        result = _run("-m", "scripts.report", "--db", str(warehouse), "--out", str(out))
    finally:
        holder.close()
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.fixture(scope="session")
def page(report: tuple[Path, subprocess.CompletedProcess[str]]) -> Page:
    parser = Page()
    parser.feed(report[0].read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="session")
def data(page: Page) -> dict[str, Any]:
    assert page.data_text, "no <script type=application/json id=report-data> block"
    return json.loads(page.data_text)


@pytest.fixture(scope="session")
def con(warehouse: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple:
    return con.execute(sql, params or []).fetchone()


def _money(value: Decimal | str) -> str:
    return f"${Decimal(value):,.2f}"


# --- the command line and the page itself ----------------------------------------------------


def test_prints_the_path_of_the_written_report(
    report: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, result = report
    assert result.stdout.strip().splitlines()[-1] == str(out)
    assert out.stat().st_size > 10_000
    assert not out.with_name(out.name + ".tmp").exists()


def test_page_is_self_contained(report: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    text = report[0].read_text(encoding="utf-8")
    lowered = text.lower()
    assert "<script src" not in lowered
    assert "http://" not in lowered
    assert "https://" not in lowered
    assert "<link" not in lowered
    assert "@import" not in lowered


def test_only_script_is_json_data_and_images_are_data_uris(page: Page) -> None:
    scripts = [attrs for tag, attrs in page.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "report-data"}]
    images = [attrs for tag, attrs in page.tags if tag == "img"]
    assert len(images) >= sum(CHART_SECTIONS.values())
    for attrs in images:
        assert (attrs.get("src") or "").startswith("data:image/png;base64,"), attrs
        assert attrs.get("alt"), "every chart has alt text"
    for tag, attrs in page.tags:
        for name in ("src", "href", "srcset", "poster", "data"):
            value = attrs.get(name) or ""
            if tag == "a" and name == "href":
                assert value.startswith("#"), f"link leaves the page: {value}"
            elif value and name != "data":
                assert value.startswith("data:"), f"<{tag} {name}={value[:60]}>"


def test_every_section_is_present_with_its_charts_and_listed_in_the_contents(page: Page) -> None:
    sections = [attrs.get("id") for tag, attrs in page.tags if tag == "section"]
    assert sections == list(SECTION_IDS)
    toc = [attrs.get("href") for tag, attrs in page.tags if tag == "a"]
    assert toc == [f"#{sid}" for sid in SECTION_IDS]
    for sid, charts in CHART_SECTIONS.items():
        assert page.images_by_section.get(sid, 0) == charts, sid
    for key in ("q1", "q2", "q3", "q4", "q5"):
        assert page.tables.get(f"{key}-table"), f"answer table {key} is missing or empty"


def test_header_names_the_warehouse_and_the_build_time(
    report: tuple[Path, subprocess.CompletedProcess[str]], data: dict[str, Any], warehouse: Path
) -> None:
    header = report[0].read_text(encoding="utf-8").split("</header>")[0]
    assert html.escape(str(warehouse)) in header
    assert f"Built {data['generated_at']}" in header
    assert data["warehouse"] == str(warehouse)


# --- daily sales -----------------------------------------------------------------------------


def test_daily_revenue_equals_the_order_facts(
    data: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    days = data["daily_sales"]
    assert days, "the daily series is empty"
    best = max(days, key=lambda row: Decimal(row["revenue"]))
    quiet = next((row for row in days if row["order_count"] == 0), days[0])
    for row in (days[0], best, quiet, days[-1]):
        revenue, orders = _one(
            con,
            "select coalesce(sum(subtotal), 0), count(*) from marts.fct_sales_orders "
            "where cast(ordered_at as date) = cast(? as date)",
            [row["date_day"]],
        )
        assert Decimal(row["revenue"]) == revenue, row["date_day"]
        assert row["order_count"] == orders, row["date_day"]


def test_headline_figures_are_the_metrics_and_equal_the_marts(
    data: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    """The dashboard's figures come from the semantic layer (MetricFlow), and they are what SQL
    on the marts gives."""
    headline = data["headline"]
    revenue, orders, days = _one(
        con,
        "select sum(subtotal), count(*), count(distinct order_date) from marts.fct_sales_orders",
    )
    (units,) = _one(con, "select sum(order_quantity) from marts.fct_sales_order_lines")
    assert Decimal(headline["revenue"]) == revenue
    assert int(Decimal(headline["orders"])) == orders
    assert int(Decimal(headline["units"])) == units
    assert int(Decimal(headline["selling_days"])) == days
    assert float(headline["average_order_value"]) == pytest.approx(float(revenue / orders))
    assert float(headline["revenue_per_selling_day"]) == pytest.approx(float(revenue / days))
    body = (Path(data["warehouse"]).parent / "site" / "index.html").read_text(encoding="utf-8")
    for value in (_money(revenue), f"{orders:,}", f"{units:,}", _money(revenue / orders)):
        assert f'<div class="kpi-value">{value}</div>' in body, value


def test_daily_series_covers_every_order_and_every_calendar_day(
    data: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    days = data["daily_sales"]
    total, orders, first, last = _one(
        con,
        "select sum(subtotal), count(*), min(cast(ordered_at as date)), "
        "max(cast(ordered_at as date)) from marts.fct_sales_orders",
    )
    assert sum(Decimal(row["revenue"]) for row in days) == total
    assert sum(row["order_count"] for row in days) == orders
    dates = [row["date_day"] for row in days]
    assert dates == sorted(set(dates))
    assert dates[0] <= first.isoformat() and dates[-1] >= last.isoformat()
    (calendar_days,) = _one(
        con,
        "select count(*) from marts.dim_dates where date_day between ? and ?",
        [dates[0], dates[-1]],
    )
    assert len(days) == calendar_days


def test_best_days_table_shows_the_best_day(page: Page, con: duckdb.DuckDBPyConnection) -> None:
    day, revenue = _one(
        con,
        "select cast(ordered_at as date) as day, sum(subtotal) as revenue "
        "from marts.fct_sales_orders group by day order by revenue desc, day limit 1",
    )
    first = page.tables["daily-sales-best-days"][0]
    assert first["date_day"] == day.isoformat()
    assert first["revenue"] == _money(revenue)


# --- revenue by product line and month -------------------------------------------------------


def test_product_line_month_revenue_equals_the_order_lines(
    data: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    cells = data["revenue_by_product_line_month"]
    assert cells
    biggest = max(cells, key=lambda row: Decimal(row["revenue"]))
    no_line = [row for row in cells if row["product_line"] is None]
    for row in [biggest, cells[0], cells[-1], *no_line[:1]]:
        (revenue,) = _one(
            con,
            "select sum(lines.line_total) from marts.fct_sales_order_lines as lines "
            "inner join marts.dim_products as products on lines.product_id = products.product_id "
            "where year(lines.order_date) = ? and month(lines.order_date) = ? "
            "and products.product_line is not distinct from ?",
            [*map(int, row["year_month"].split("-")), row["product_line"]],
        )
        assert Decimal(row["revenue"]) == revenue, row
    (total,) = _one(
        con,
        "select sum(line_total) from marts.fct_sales_order_lines where order_date is not null",
    )
    assert sum(Decimal(row["revenue"]) for row in cells) == total


def test_product_line_table_shows_monthly_totals(
    page: Page, con: duckdb.DuckDBPyConnection
) -> None:
    rows = page.tables["revenue-by-product-line-table"]
    year, month, revenue = _one(
        con,
        "select year(order_date), month(order_date), sum(line_total) "
        "from marts.fct_sales_order_lines where order_date is not null "
        "group by 1, 2 order by sum(line_total) desc limit 1",
    )
    shown = next(row for row in rows if row["year_month"] == f"{year}-{month:02d}")
    assert shown["total"] == _money(revenue)


# --- the five answers ------------------------------------------------------------------------


def test_q1_count_of_orders_with_three_or_more_lines(
    data: dict[str, Any], page: Page, con: duckdb.DuckDBPyConnection
) -> None:
    (orders,) = _one(
        con,
        "select count(*) from (select sales_order_id from marts.fct_sales_order_lines "
        "group by sales_order_id having count(*) >= 3)",
    )
    assert data["answers"]["q1"]["total_rows"] == orders
    counts = [attrs for tag, attrs in page.tags if tag == "span" and "data-total-rows" in attrs]
    assert counts[0]["data-total-rows"] == str(orders)
    (most,) = _one(
        con,
        "select max(n) from (select count(*) as n from marts.fct_sales_order_lines "
        "group by sales_order_id)",
    )
    assert page.tables["q1-table"][0]["line_count"] == f"{most:,}"


def test_q2_top_product_per_days_to_manufacture(
    data: dict[str, Any], page: Page, con: duckdb.DuckDBPyConnection
) -> None:
    expected = con.execute(
        """
        with units as (
            select p.days_to_manufacture, p.product_name, sum(l.order_quantity) as units
            from marts.fct_sales_order_lines as l
            inner join marts.bdg_special_offer_products as s
                on l.special_offer_id = s.special_offer_id and l.product_id = s.product_id
            inner join marts.dim_products as p on l.product_id = p.product_id
            where p.days_to_manufacture is not null
            group by p.days_to_manufacture, p.product_id, p.product_name
        )
        select days_to_manufacture, max_by(product_name, units), max(units)
        from units group by days_to_manufacture order by days_to_manufacture
        """
    ).fetchall()
    assert expected
    top = {
        row["days_to_manufacture"]: (row["product_name"], row["total_quantity"])
        for row in data["answers"]["q2"]["rows"]
        if row["sales_rank"] == 1
    }
    assert sorted(top) == [days for days, _, _ in expected]
    for days, name, units in expected:
        # A tie on units would make max_by pick either product: compare the units then.
        assert top[days][1] == units, days
        tied = _one(
            con,
            """
            select count(*) from (
                select l.product_id from marts.fct_sales_order_lines as l
                inner join marts.bdg_special_offer_products as s
                    on l.special_offer_id = s.special_offer_id and l.product_id = s.product_id
                inner join marts.dim_products as p on l.product_id = p.product_id
                where p.days_to_manufacture = ?
                group by l.product_id having sum(l.order_quantity) = ?
            )
            """,
            [days, units],
        )[0]
        if tied == 1:
            assert top[days][0] == name, days
    order = [(int(r["days_to_manufacture"]), int(r["sales_rank"])) for r in page.tables["q2-table"]]
    assert order == sorted(order), "question 2 is listed by DaysToManufacture, then rank"
    shown = [row for row in page.tables["q2-table"] if row["sales_rank"] == "1"]
    assert [(int(r["days_to_manufacture"]), r["product_name"]) for r in shown] == [
        (days, top[days][0]) for days in sorted(top)
    ]


def test_q3_to_q5_counts(data: dict[str, Any], con: duckdb.DuckDBPyConnection) -> None:
    answers = data["answers"]
    (customers,) = _one(con, "select count(*) from marts.dim_customers where has_person")
    assert answers["q3"]["total_rows"] == customers
    (product_days,) = _one(
        con,
        "select count(*) from (select distinct product_id, order_date "
        "from marts.fct_sales_order_lines "
        "where order_date is not null and order_quantity is not null)",
    )
    assert answers["q4"]["total_rows"] == product_days
    september = con.execute(
        "select sales_order_id, total_due from marts.fct_sales_orders "
        "where year(ordered_at) = 2011 and month(ordered_at) = 9 and total_due > 1000 "
        "order by total_due desc, sales_order_id"
    ).fetchall()
    assert answers["q5"]["total_rows"] == len(september)
    shown = [(row["sales_order_id"], Decimal(row["total_due"])) for row in answers["q5"]["rows"]]
    assert shown == september[: len(shown)]


def test_long_answers_show_a_preview_and_state_the_total(data: dict[str, Any]) -> None:
    for key in ("q1", "q3", "q4"):
        answer = data["answers"][key]
        assert 0 < len(answer["rows"]) <= answer["total_rows"]
        assert len(answer["rows"]) < 100, f"{key}: the page should not list every row"


# --- IMDB ------------------------------------------------------------------------------------


def test_mean_rating_of_genre_decades_equals_the_ratings(
    data: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    cells = data["ratings_by_genre_decade"]
    assert cells
    fullest = max(cells, key=lambda row: (row["title_count"], row["genre_name"]))
    drama = [row for row in cells if row["genre_name"] == "Drama"]
    for row in [fullest, cells[0], *drama[-1:]]:
        count, mean = _one(
            con,
            "select count(*), avg(r.average_rating) from marts.fct_title_ratings as r "
            "inner join marts.dim_titles as t on r.title_id = t.title_id "
            "inner join marts.bdg_title_genres as g on r.title_id = g.title_id "
            "where g.genre_name = ? and t.start_year >= ? and t.start_year < ? + 10",
            [row["genre_name"], row["decade"], row["decade"]],
        )
        assert row["title_count"] == count, row
        assert row["mean_rating"] == pytest.approx(mean, rel=1e-12), row
    (pairs,) = _one(
        con,
        "select count(*) from marts.fct_title_ratings as r "
        "inner join marts.dim_titles as t on r.title_id = t.title_id "
        "inner join marts.bdg_title_genres as g on r.title_id = g.title_id "
        "where t.start_year is not null and g.genre_name <> '-1'",
    )
    assert sum(row["title_count"] for row in cells) == pairs


def test_episodes_per_season_of_the_most_voted_series(
    data: dict[str, Any], page: Page, con: duckdb.DuckDBPyConnection
) -> None:
    series_id, tconst, name = _one(
        con,
        "select t.title_id, t.title_tconst, t.primary_title from marts.dim_titles as t "
        "where t.title_type in ('tvSeries', 'tvMiniSeries') and t.num_votes is not null "
        "and t.title_id in (select series_title_id from marts.fct_episodes) "
        "order by t.num_votes desc, t.title_id limit 1",
    )
    figure = data["episodes_per_season"]
    assert figure["series"]["title_id"] == series_id
    assert figure["series"]["title_tconst"] == tconst
    expected = con.execute(
        "select season_number, count(*) from marts.fct_episodes where series_title_id = ? "
        "group by season_number order by season_number nulls last",
        [series_id],
    ).fetchall()
    assert [(r["season_number"], r["episode_count"]) for r in figure["rows"]] == expected
    shown = [(r["season"], r["episode_count"]) for r in page.tables["episodes-per-season-table"]]
    assert shown == [("unknown" if s is None else str(s), f"{n:,}") for s, n in expected]
    assert figure["series"]["primary_title"] == name


# --- errors ----------------------------------------------------------------------------------


def _assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_missing_warehouse_is_one_line_error(tmp_path: Path) -> None:
    out = tmp_path / "index.html"
    result = _run("-m", "scripts.report", "--db", str(tmp_path / "nope.duckdb"), "--out", str(out))
    _assert_one_line_error(result, "nope.duckdb", "not found")
    assert not out.exists()


def test_missing_mart_is_one_line_error(tmp_path: Path) -> None:
    db = tmp_path / "partial.duckdb"
    setup = duckdb.connect(str(db))
    setup.execute("create schema marts")
    setup.execute("create table marts.rpt_daily_sales (date_day date)")
    setup.close()
    result = _run("-m", "scripts.report", "--db", str(db), "--out", str(tmp_path / "r.html"))
    _assert_one_line_error(result, "marts.fct_sales_order_lines", "missing")
    assert "marts.rpt_daily_sales" not in result.stderr


def test_file_that_is_not_a_warehouse_is_one_line_error(tmp_path: Path) -> None:
    db = tmp_path / "garbage.duckdb"
    db.write_bytes(b"this is not a database" * 100)
    result = _run("-m", "scripts.report", "--db", str(db), "--out", str(tmp_path / "r.html"))
    _assert_one_line_error(result, "garbage.duckdb")
