"""The shared cleaning macros of both domains, on rows whose answer is known.

`collapse_duplicates` must give the same rows with either strategy (`aggregate` for the bike
files, `split_repeated` for the IMDB files), and `rejected_columns` must name exactly the columns
whose raw value was given but did not survive typing. A throwaway dbt project holds copies of the
project's macros and small models; `dbt run` builds them and the rows are compared with the
expected rows written below.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REPO

pytestmark = pytest.mark.slow

# key 1: an exact duplicate; key 2: two different rows (a conflict, the smaller one kept);
# key 3: a single row; 'bad' and NULL: keys that do not parse, left out.
RAW_ROWS = """
select * from (values
    ('1', 'x', 'p'), ('1', 'x', 'p'),
    ('2', 'y', 'q'), ('2', 'y', 'a'),
    ('3', 'z', null),
    ('bad', 'w', 'r'),
    (null, 'v', 's')
) as t(k, a, b)
"""

COLLAPSE = """
{{{{ collapse_duplicates(
    relation=ref('raw_rows'),
    keys=[{keys}],
    columns=['k', 'a', 'b'],
    strategy='{strategy}',
) }}}}
"""
ONE_KEY = "['key_id', try_cast('k', 'integer')]"
TWO_KEYS = ONE_KEY + ", ['key_a', 'a']"

REJECTED = """
select
    id,
    {{{{ rejected_columns([
        ['First', 'raw_first', 'first_typed'],
        ['Second', 'raw_second', 'second_typed'],
    ], missing={missing}) }}}} as rejected_columns
from (values
    (1, '5', 5, '{marker}', null),
    (2, 'x', null, '7', 7),
    (3, 'x', null, 'y', null),
    (4, null, null, '{marker}', null),
    (5, '6', 6, 'z', null),
    (6, '6', 6, '', null)
) as t(id, raw_first, first_typed, raw_second, second_typed)
"""

MODELS = {
    "raw_rows": RAW_ROWS,
    "collapsed_aggregate": COLLAPSE.format(keys=ONE_KEY, strategy="aggregate"),
    "collapsed_split": COLLAPSE.format(keys=ONE_KEY, strategy="split_repeated"),
    "collapsed_two_keys_aggregate": COLLAPSE.format(keys=TWO_KEYS, strategy="aggregate"),
    "collapsed_two_keys_split": COLLAPSE.format(keys=TWO_KEYS, strategy="split_repeated"),
    "rejected_bike": REJECTED.format(missing="bike_null", marker="NULL"),
    "rejected_imdb": REJECTED.format(missing="imdb_null", marker="\\N"),
}

EXPECTED_ONE_KEY = [
    (1, "1", "x", "p", 2, False),
    (2, "2", "y", "a", 2, True),
    (3, "3", "z", None, 1, False),
]
EXPECTED_TWO_KEYS = [
    (1, "x", "1", "x", "p", 2, False),
    (2, "y", "2", "y", "a", 2, True),
    (3, "z", "3", "z", None, 1, False),
]
# 1: the second value was never given (the source's marker); 2: the first was given and lost;
# 3: both lost, in the order given; 4: nothing given; 5: the second lost; 6: an empty second
# value, which IMDB writes for a missing one and the bike extract does not.
EXPECTED_REJECTED = [(1, []), (2, ["First"]), (3, ["First", "Second"]), (4, []), (5, ["Second"])]
EXPECTED_EMPTY_VALUE = {"bike": (6, ["Second"]), "imdb": (6, [])}


def _project(tmp: Path, models: dict[str, str]) -> Path:
    project = tmp / "project"
    project.mkdir()
    # The dispatching cleaning macros look up implementations in the `warehouse` namespace.
    (project / "dbt_project.yml").write_text(
        "name: warehouse\nversion: '1.0'\nconfig-version: 2\nprofile: cases\n"
        "models:\n  warehouse:\n    +materialized: table\n"
    )
    (project / "profiles.yml").write_text(
        "cases:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"
        f"      path: {json.dumps(str(tmp / 'cases.duckdb'))}\n      threads: 1\n"
    )
    (project / "macros").mkdir()
    for folder in ("cleaning", "cross_engine"):
        shutil.copytree(REPO / "macros" / folder, project / "macros" / folder)
    (project / "models").mkdir()
    for name, sql in models.items():
        (project / "models" / f"{name}.sql").write_text(sql.strip() + "\n")
    return project


def _dbt(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DBT_PROFILES_DIR": str(project)}
    env.pop("DBT_TARGET_PATH", None)
    dbt = Path(sys.executable).with_name("dbt")
    return subprocess.run(
        [str(dbt), *args, "--project-dir", str(project)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("cleaning-macros")
    project = _project(tmp, MODELS)
    run = _dbt(project, "run")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return tmp / "cases.duckdb"


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize("strategy", ["aggregate", "split"])
def test_collapse_duplicates_one_key(built: Path, strategy: str) -> None:
    rows = _rows(built, f"select * from main.collapsed_{strategy} order by key_id")
    assert rows == EXPECTED_ONE_KEY


@pytest.mark.parametrize("strategy", ["aggregate", "split"])
def test_collapse_duplicates_two_keys(built: Path, strategy: str) -> None:
    rows = _rows(built, f"select * from main.collapsed_two_keys_{strategy} order by key_id")
    assert rows == EXPECTED_TWO_KEYS


@pytest.mark.parametrize("domain", ["bike", "imdb"])
def test_rejected_columns(built: Path, domain: str) -> None:
    rows = _rows(built, f"select id, rejected_columns from main.rejected_{domain} order by id")
    assert rows == [*EXPECTED_REJECTED, EXPECTED_EMPTY_VALUE[domain]]


def test_collapse_duplicates_refuses_an_unknown_strategy(tmp_path: Path) -> None:
    models = {
        "raw_rows": RAW_ROWS,
        "collapsed": COLLAPSE.format(keys=ONE_KEY, strategy="sorted"),
    }
    project = _project(tmp_path, models)
    run = _dbt(project, "compile", "--select", "collapsed")
    assert run.returncode != 0
    assert "unknown strategy 'sorted'" in run.stdout + run.stderr
