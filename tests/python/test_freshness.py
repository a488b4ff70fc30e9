"""`dbt source freshness` says how old each IMDB file is, from the loader's record of the files
(raw.raw_files.modified_at): IMDB publishes daily, so a file over 2 days old warns and one over
7 days old is an error. The bike extract is static and not checked."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from conftest import REPO, SampleWarehouse

DBT = Path(sys.executable).with_name("dbt")
IMDB_TABLES = {
    "name_basics",
    "title_akas",
    "title_basics",
    "title_crew",
    "title_episode",
    "title_principals",
    "title_ratings",
}


def freshness(sample_warehouse: SampleWarehouse, tmp_path: Path, ages: dict[str, timedelta]):
    """Run `dbt source freshness` on a copy of the sample warehouse whose files are `ages` old
    (raw view name -> age; the others as registered). Returns the exit code and the status of
    each source table."""
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(sample_warehouse.db, db)
    now = datetime.now(UTC).replace(tzinfo=None)
    with duckdb.connect(str(db)) as con:
        for table, age in ages.items():
            con.execute(
                "update raw.raw_files set modified_at = ? where table_name = ?", [now - age, table]
            )
    target = tmp_path / "target"
    env = {
        **sample_warehouse.env,
        "DBT_TARGET": "prod",
        "DUCKDB_PATH": str(db),
        "DBT_TARGET_PATH": str(target),
    }
    result = subprocess.run(
        [str(DBT), "source", "freshness", "--project-dir", str(REPO), "--profiles-dir", str(REPO)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    sources = json.loads((target / "sources.json").read_text())
    statuses = {
        entry["unique_id"].removeprefix("source.warehouse."): entry["status"]
        for entry in sources["results"]
    }
    return result.returncode, statuses, result.stdout


def test_fresh_files_pass_and_only_imdb_is_checked(sample_warehouse, tmp_path):
    code, statuses, output = freshness(sample_warehouse, tmp_path, {})
    assert code == 0, output[-3000:]
    assert statuses == {f"imdb.{table}": "pass" for table in IMDB_TABLES}


def test_a_file_three_days_old_warns(sample_warehouse, tmp_path):
    code, statuses, output = freshness(
        sample_warehouse, tmp_path, {"imdb_title_ratings": timedelta(days=3)}
    )
    assert code == 0, output[-3000:]
    assert statuses.pop("imdb.title_ratings") == "warn"
    assert set(statuses.values()) == {"pass"}


def test_a_file_eight_days_old_is_an_error(sample_warehouse, tmp_path):
    code, statuses, output = freshness(
        sample_warehouse,
        tmp_path,
        {"imdb_name_basics": timedelta(days=8), "bike_customer": timedelta(days=400)},
    )
    assert code == 1
    assert statuses.pop("imdb.name_basics") == "error"
    assert set(statuses.values()) == {"pass"}
    assert "imdb.name_basics" in output
