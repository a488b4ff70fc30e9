"""History across two loads: snapshots, the rating history and the price-at-order-date marts.

End to end, as `make run` does it (`python -m scripts.build`, write-audit-publish):

1. build the day-1 sample;
2. build again with --force on the same files: the snapshots must not change at all;
3. build the day-2 sample (the same seed plus a known set of changes).

The changed keys are not taken from the generator: they are found by diffing the day-1 and
day-2 staging tables on the columns each snapshot is meant to track. Then every snapshot must
hold two versions (old closed, new open) for exactly those keys, one version for every other
key, and validity ranges that never overlap.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from conftest import REPO

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Tracked:
    """A snapshot, the staging table it follows, its key and the columns whose change counts."""

    snapshot: str
    staging: str
    key: str
    columns: tuple[str, ...]


TRACKED = (
    Tracked(
        "snap_imdb__title_ratings",
        "stg_imdb__title_ratings",
        "title_id",
        ("average_rating", "num_votes"),
    ),
    Tracked(
        "snap_imdb__titles",
        "stg_imdb__titles",
        "title_id",
        (
            "title_type",
            "primary_title",
            "original_title",
            "genres",
            "start_year",
            "end_year",
            "runtime_minutes",
            "is_adult",
        ),
    ),
    Tracked(
        "snap_imdb__people",
        "stg_imdb__people",
        "person_id",
        ("primary_name", "primary_professions", "known_for_title_ids", "birth_year", "death_year"),
    ),
    Tracked(
        "snap_bike__products",
        "stg_bike__products",
        "product_id",
        (
            "product_subcategory_id",
            "product_model_id",
            "product_name",
            "product_number",
            "color",
            "size",
            "size_unit_measure_code",
            "weight_unit_measure_code",
            "product_line",
            "product_class",
            "product_style",
            "safety_stock_level",
            "reorder_point",
            "standard_cost",
            "list_price",
            "weight",
            "days_to_manufacture",
            "is_made_in_house",
            "is_finished_good",
            "sell_started_at",
            "sell_ended_at",
            "discontinued_at",
            "modified_at",
        ),
    ),
)
IDS = [t.snapshot for t in TRACKED]


def _sample(raw_dir: Path, day: int) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.load",
            "sample",
            "--raw-dir",
            str(raw_dir),
            "--day",
            str(day),
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=600,
    )


def _build(raw_dir: Path, db: Path, work: Path, *extra: str) -> str:
    """Run the real build into `db`; returns its output, fails the test when it fails."""
    env = {**os.environ, "DBT_PROFILES_DIR": str(REPO), "DBT_LOG_PATH": str(work / "logs")}
    env["DUCKDB_TEMP_DIR"] = str(work / "duckdb-tmp")
    for name in ("DBT_TARGET_PATH", "DUCKDB_PATH", "DBT_TARGET"):
        env.pop(name, None)
    command = [sys.executable, "-m", "scripts.build", "--raw-dir", str(raw_dir), "--db", str(db)]
    result = subprocess.run(
        [*command, "--target-path", str(work / "target"), *extra],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"build failed (exit {result.returncode}):\n{output[-6000:]}"
    return output


@dataclass(frozen=True)
class Loads:
    day1: Path  # published warehouse after the day-1 build
    rerun: Path  # after a forced rebuild on the same day-1 files
    day2: Path  # after the day-2 build
    rerun_output: str
    day2_run_results: dict
    day2_manifest: dict


@pytest.fixture(scope="module")
def loads(tmp_path_factory: pytest.TempPathFactory) -> Loads:
    work = tmp_path_factory.mktemp("history")
    raw1, raw2 = work / "raw-day1", work / "raw-day2"
    _sample(raw1, 1)
    _sample(raw2, 2)
    db = work / "warehouse" / "warehouse.duckdb"
    copies = work / "copies"
    copies.mkdir()

    _build(raw1, db, work)
    shutil.copyfile(db, copies / "day1.duckdb")
    rerun_output = _build(raw1, db, work, "--force")
    shutil.copyfile(db, copies / "rerun.duckdb")
    _build(raw2, db, work)
    shutil.copyfile(db, copies / "day2.duckdb")
    run_results = json.loads((work / "target" / "run_results.json").read_text())
    manifest = json.loads((work / "target" / "manifest.json").read_text())
    return Loads(
        copies / "day1.duckdb",
        copies / "rerun.duckdb",
        copies / "day2.duckdb",
        rerun_output,
        run_results,
        manifest,
    )


@pytest.fixture
def con(loads: Loads) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for alias, path in (("d1", loads.day1), ("r1", loads.rerun), ("d2", loads.day2)):
        con.execute(f"attach '{path}' as {alias} (read_only)")
    yield con
    con.close()


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def _changes(t: Tracked) -> str:
    """SQL: every key of day 1 or day 2 staging with what happened to it."""
    cols = ", ".join(t.columns)
    return f"""
        select
            coalesce(a.{t.key}, b.{t.key}) as key,
            case
                when a.{t.key} is null then 'new'
                when b.{t.key} is null then 'gone'
                when a.tracked is distinct from b.tracked then 'changed'
                else 'same'
            end as kind
        from (select {t.key}, row({cols}) as tracked from d1.staging.{t.staging}) as a
        full join (select {t.key}, row({cols}) as tracked from d2.staging.{t.staging}) as b
            on a.{t.key} = b.{t.key}
    """


@pytest.mark.parametrize("tracked", TRACKED, ids=IDS)
def test_day1_holds_one_open_version_per_staged_key(
    con: duckdb.DuckDBPyConnection, tracked: Tracked
) -> None:
    t = tracked
    staged = _count(con, f"select count(*) from d1.staging.{t.staging}")
    versions, keys, closed = con.execute(
        f"select count(*), count(distinct {t.key}), count(dbt_valid_to) "
        f"from d1.snapshots.{t.snapshot}"
    ).fetchone()
    assert staged > 0
    assert (versions, keys, closed) == (staged, staged, 0)


def test_forced_rebuild_really_ran_dbt(loads: Loads) -> None:
    assert "dbt build" in loads.rerun_output
    assert "up to date" not in loads.rerun_output


@pytest.mark.parametrize("tracked", TRACKED, ids=IDS)
def test_rebuild_on_same_data_adds_no_versions(
    con: duckdb.DuckDBPyConnection, tracked: Tracked
) -> None:
    t = tracked
    before = _count(con, f"select count(*) from d1.snapshots.{t.snapshot}")
    after = _count(con, f"select count(*) from r1.snapshots.{t.snapshot}")
    assert after == before
    # not only the counts: the very same rows, validity timestamps included
    for left, right in (("d1", "r1"), ("r1", "d1")):
        differing = _count(
            con,
            f"select count(*) from (select * from {left}.snapshots.{t.snapshot} "
            f"except all select * from {right}.snapshots.{t.snapshot})",
        )
        assert differing == 0, f"{left} has {differing} snapshot rows that {right} lacks"


@pytest.mark.parametrize("tracked", TRACKED, ids=IDS)
def test_day2_adds_a_version_for_exactly_the_changed_keys(
    con: duckdb.DuckDBPyConnection, tracked: Tracked
) -> None:
    t = tracked
    kinds = dict(
        con.execute(f"select kind, count(*) from ({_changes(t)}) group by kind").fetchall()
    )
    assert kinds.get("changed", 0) > 0, f"the day-2 sample changed no {t.staging} row: {kinds}"
    wrong = con.execute(
        f"""
        with changes as ({_changes(t)}),
        versions as (
            select {t.key} as key, count(*) as n, count(dbt_valid_to) as closed
            from d2.snapshots.{t.snapshot}
            group by all
        )
        select changes.key, changes.kind, versions.n, versions.closed
        from changes
        full join versions on changes.key = versions.key
        where not coalesce(
            case changes.kind
                when 'changed' then versions.n = 2 and versions.closed = 1
                when 'gone' then versions.n = 1 and versions.closed = 1
                else versions.n = 1 and versions.closed = 0
            end,
            false
        )
        order by changes.key
        limit 10
        """
    ).fetchall()
    assert wrong == [], f"{t.snapshot}: keys with the wrong versions (key, kind, n, closed)"


@pytest.mark.parametrize("tracked", TRACKED, ids=IDS)
def test_day2_versions_hold_the_old_and_the_new_values(
    con: duckdb.DuckDBPyConnection, tracked: Tracked
) -> None:
    t = tracked
    cols = ", ".join(t.columns)
    snap_cols = ", ".join(f"snap.{c}" for c in t.columns)
    staged_cols = ", ".join(f"staged.{c}" for c in t.columns)
    # closed versions carry day-1 values (keys that changed or left), open ones day-2 values
    for day, is_open in (("d1", False), ("d2", True)):
        mismatched = _count(
            con,
            f"""
            select count(*)
            from d2.snapshots.{t.snapshot} as snap
            left join {day}.staging.{t.staging} as staged on snap.{t.key} = staged.{t.key}
            where (snap.dbt_valid_to is null) = {is_open}
                and row({snap_cols}) is distinct from row({staged_cols})
            """,
        )
        assert mismatched == 0, f"{t.snapshot}: {mismatched} versions do not match {day} ({cols})"


@pytest.mark.parametrize("tracked", TRACKED, ids=IDS)
def test_day2_validity_ranges_do_not_overlap_and_join_up(
    con: duckdb.DuckDBPyConnection, tracked: Tracked
) -> None:
    t = tracked
    overlapping = _count(
        con,
        f"""
        select count(*)
        from d2.snapshots.{t.snapshot} as a
        inner join d2.snapshots.{t.snapshot} as b
            on a.{t.key} = b.{t.key} and a.dbt_scd_id <> b.dbt_scd_id
        where a.dbt_valid_from < coalesce(b.dbt_valid_to, 'infinity'::timestamp)
            and b.dbt_valid_from < coalesce(a.dbt_valid_to, 'infinity'::timestamp)
        """,
    )
    assert overlapping == 0
    # a changed key's old version ends exactly where its new version starts
    gaps = _count(
        con,
        f"""
        select count(*)
        from d2.snapshots.{t.snapshot} as old
        inner join d2.snapshots.{t.snapshot} as new
            on old.{t.key} = new.{t.key} and new.dbt_valid_to is null
        where old.dbt_valid_to is not null and old.dbt_valid_to <> new.dbt_valid_from
        """,
    )
    assert gaps == 0


def test_dbt_range_tests_ran_and_passed_on_day2(loads: Loads) -> None:
    """The dbt `mutually_exclusive_ranges` tests on the history ran in the day-2 build."""
    statuses = {r["unique_id"]: r["status"] for r in loads.day2_run_results["results"]}
    range_tests = {
        node["attached_node"].rsplit(".", 1)[-1]: uid
        for uid, node in loads.day2_manifest["nodes"].items()
        if node["resource_type"] == "test"
        and (node.get("test_metadata") or {}).get("name") == "mutually_exclusive_ranges"
        and node.get("attached_node")
    }
    for model in [*IDS, "fct_title_rating_history"]:
        assert model in range_tests, f"no mutually_exclusive_ranges test on {model}"
        assert statuses.get(range_tests[model]) == "pass", range_tests[model]


def test_rating_history_follows_the_rating_snapshot(con: duckdb.DuckDBPyConnection) -> None:
    missing = _count(
        con,
        """
        select count(*) from (
            select title_id, average_rating, num_votes, dbt_valid_from,
                dbt_valid_to is null as is_current
            from d2.snapshots.snap_imdb__title_ratings
            except
            select title_id, average_rating, num_votes, valid_from, is_current
            from d2.marts.fct_title_rating_history
        )
        """,
    )
    assert missing == 0
    changed_titles = _count(
        con,
        f"select count(*) from ({_changes(TRACKED[0])}) where kind = 'changed'",
    )
    with_history = _count(
        con,
        "select count(*) from (select title_id from d2.marts.fct_title_rating_history "
        "group by title_id having count(*) = 2)",
    )
    assert with_history == changed_titles > 0


def test_order_lines_are_priced_as_of_their_order_date(con: duckdb.DuckDBPyConnection) -> None:
    """Expected price: day 2's when the source dated its change before the order, else day 1's.

    Checked for every order line of a product present on both days, so a mart joining the
    current version (or every version) instead of the one in effect fails here.
    """
    rows = con.execute(
        """
        with expected as (
            select
                lines.sales_order_id,
                lines.sales_order_detail_id,
                case
                    when d2_p.modified_at > d1_p.modified_at
                        and lines.ordered_at >= d2_p.modified_at
                        then d2_p.list_price
                    else d1_p.list_price
                end as expected_list_price,
                d1_p.list_price is distinct from d2_p.list_price as price_changed
            from d2.marts.fct_sales_order_lines as lines
            inner join d1.staging.stg_bike__products as d1_p
                on lines.product_id = d1_p.product_id
            inner join d2.staging.stg_bike__products as d2_p
                on lines.product_id = d2_p.product_id
            where lines.ordered_at is not null
        )
        select
            count(*),
            count(*) filter (where expected.price_changed),
            count(*) filter (
                where prices.list_price is distinct from expected.expected_list_price
            )
        from expected
        left join d2.marts.fct_sales_order_line_prices as prices
            on expected.sales_order_id = prices.sales_order_id
            and expected.sales_order_detail_id = prices.sales_order_detail_id
        """
    ).fetchone()
    lines, lines_of_changed_products, wrong = rows
    assert lines > 0
    assert lines_of_changed_products > 0, "no order line sells a product whose price changed"
    assert wrong == 0, f"{wrong} of {lines} order lines have the wrong list price"
    total_lines = _count(con, "select count(*) from d2.marts.fct_sales_order_lines")
    priced_rows = _count(con, "select count(*) from d2.marts.fct_sales_order_line_prices")
    assert priced_rows == total_lines
