"""The semantic layer: the README's `mf query` examples print the documented numbers on the
default sample, every metric equals SQL written directly on the marts, and `mf validate-configs`
fails on a warehouse that lacks what the semantic models read."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, SampleWarehouse
from scripts import semantic_layer

pytestmark = pytest.mark.slow

COMMAND = re.compile(
    r"```bash\n(DBT_TARGET=metrics \.venv/bin/mf query [^\n]*)\n```\s*```\n(.*?)```", re.DOTALL
)


def readme_examples() -> list[tuple[list[str], list[str]]]:
    text = (REPO / "README.md").read_text()
    section = text[text.index("## Metrics: the semantic layer") :]
    section = section[: section.index("\n## ", 1)]
    examples = []
    for command, output in COMMAND.findall(section):
        args = command.split()[command.split().index(".venv/bin/mf") + 1 :]
        examples.append((args, [line.rstrip() for line in output.strip().splitlines()]))
    return examples


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the module: the semantic manifest is parsed once for the sample."""
    return tmp_path_factory.mktemp("semantic-layer")


@pytest.fixture(scope="module")
def con(sample_warehouse: SampleWarehouse):
    connection = duckdb.connect(str(sample_warehouse.db), read_only=True)
    yield connection
    connection.close()


def _metrics(sample_warehouse: SampleWarehouse, work: Path, metrics, group_by=()) -> list[dict]:
    return semantic_layer.query(sample_warehouse.db, metrics, group_by=group_by, work=work)


def test_the_readme_has_three_examples() -> None:
    assert len(readme_examples()) == 3


@pytest.mark.parametrize("number", range(3))
def test_readme_example_prints_the_documented_output(
    sample_warehouse: SampleWarehouse, work: Path, number: int
) -> None:
    args, shown = readme_examples()[number]
    result = semantic_layer.run_mf(args, sample_warehouse.db, work)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    assert shown[0] in printed, f"README example {number + 1}:\n{result.stdout}"
    start = printed.index(shown[0])
    table = [line for line in printed[start:] if line.strip()]
    assert table == shown, f"README example {number + 1}:\n" + "\n".join(table)


def test_sales_metrics_equal_the_marts(sample_warehouse, work, con) -> None:
    names = [
        "revenue",
        "line_revenue",
        "orders",
        "units",
        "customers_with_orders",
        "selling_days",
        "average_order_value",
        "revenue_per_selling_day",
    ]
    (row,) = _metrics(sample_warehouse, work, names)
    revenue, orders, customers, days = con.execute(
        "select sum(subtotal), count(*), count(distinct customer_id), count(distinct order_date)"
        " from marts.fct_sales_orders"
    ).fetchone()
    units, line_revenue = con.execute(
        "select sum(order_quantity), sum(line_total) from marts.fct_sales_order_lines"
    ).fetchone()
    assert Decimal(row["revenue"]) == revenue
    assert Decimal(row["line_revenue"]) == line_revenue
    assert int(row["orders"]) == orders
    assert int(row["units"]) == units
    assert int(row["customers_with_orders"]) == customers
    assert int(row["selling_days"]) == days
    assert float(row["average_order_value"]) == pytest.approx(float(revenue / orders), rel=1e-12)
    assert float(row["revenue_per_selling_day"]) == pytest.approx(float(revenue / days), rel=1e-12)


def test_revenue_by_month_and_by_product_line_equal_the_marts(sample_warehouse, work, con) -> None:
    by_month = _metrics(sample_warehouse, work, ["revenue", "orders"], ["metric_time__month"])
    expected = {
        month.strftime("%Y-%m"): (revenue, orders)
        for month, revenue, orders in con.execute(
            "select date_trunc('month', order_date), sum(subtotal), count(*)"
            " from marts.fct_sales_orders group by 1"
        ).fetchall()
    }
    got = {
        row["metric_time__month"][:7]: (Decimal(row["revenue"]), int(row["orders"]))
        for row in by_month
    }
    assert got == expected
    by_line = _metrics(
        sample_warehouse, work, ["line_revenue", "units"], ["product__product_line_name"]
    )
    expected = {
        name: (revenue, units)
        for name, revenue, units in con.execute(
            "select products.product_line_name, sum(lines.line_total), sum(lines.order_quantity)"
            " from marts.fct_sales_order_lines as lines left join marts.dim_products as products"
            " on lines.product_id = products.product_id group by 1"
        ).fetchall()
    }
    got = {
        row["product__product_line_name"] or None: (
            Decimal(row["line_revenue"]),
            int(row["units"]),
        )
        for row in by_line
    }
    assert got == expected


def test_imdb_metrics_by_title_type_equal_the_marts(sample_warehouse, work, con) -> None:
    rows = _metrics(
        sample_warehouse,
        work,
        ["rated_titles", "total_votes", "vote_weighted_average_rating", "votes_per_rated_title"],
        ["title__title_type"],
    )
    expected = {
        title_type: (count, votes, weighted)
        for title_type, count, votes, weighted in con.execute(
            "select titles.title_type, count(*), sum(ratings.num_votes),"
            " sum(ratings.average_rating * ratings.num_votes) / sum(ratings.num_votes)"
            " from marts.fct_title_ratings as ratings left join marts.dim_titles as titles"
            " on ratings.title_id = titles.title_id group by 1"
        ).fetchall()
    }
    assert len(rows) == len(expected) > 3
    for row in rows:
        count, votes, weighted = expected[row["title__title_type"] or None]
        assert int(row["rated_titles"]) == count
        assert int(row["total_votes"]) == votes
        assert float(row["vote_weighted_average_rating"]) == pytest.approx(float(weighted))
        assert float(row["votes_per_rated_title"]) == pytest.approx(votes / count)


def test_credits_and_episodes_equal_the_marts(sample_warehouse, work, con) -> None:
    (row,) = _metrics(
        sample_warehouse,
        work,
        ["credits", "credited_people", "episodes", "series_with_episodes"],
    )
    credits, people = con.execute(
        "select count(*), count(distinct person_id) filter (where person_id <> -1)"
        " from marts.fct_title_principals"
    ).fetchone()
    episodes, series = con.execute(
        "select count(*), count(distinct series_title_id) filter (where series_title_id <> -1)"
        " from marts.fct_episodes"
    ).fetchone()
    assert (int(row["credits"]), int(row["credited_people"])) == (credits, people)
    assert (int(row["episodes"]), int(row["series_with_episodes"])) == (episodes, series)
    by_category = _metrics(sample_warehouse, work, ["credits"], ["title_credit__category"])
    expected = dict(
        con.execute(
            "select category, count(*) from marts.fct_title_principals group by 1"
        ).fetchall()
    )
    assert {r["title_credit__category"] or None: int(r["credits"]) for r in by_category} == (
        expected
    )


def test_validate_passes_on_the_sample_and_fails_without_the_marts(
    sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    def validate(db: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "scripts.semantic_layer", "validate", "--db", str(db)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )

    passed = validate(sample_warehouse.db)
    assert passed.returncode == 0, passed.stdout[-2000:] + passed.stderr[-2000:]
    empty = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(empty)).close()
    failed = validate(empty)
    assert failed.returncode == 1, failed.stdout[-2000:] + failed.stderr[-2000:]
    assert "fct_sales_orders" in failed.stdout + failed.stderr
