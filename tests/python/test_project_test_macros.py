"""The project's own generic tests, each on data that must pass and data that must fail.

A throwaway dbt project holds copies of the test macros and small models; `dbt build` runs every
case, and the result statuses are checked against what each case declares.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow

TEST_MACROS = (
    "macros/tests/test_rows_reconcile.sql",
    "macros/cleaning/imdb_test_rejected_columns.sql",
    "macros/tests/test_row_count_matches_file.sql",
    "macros/tests/test_one_row_per.sql",
)

MODELS = {
    # Raw: three rows, one of them an exact duplicate, one with an unreadable key.
    "raw_rows": "select * from (values ('a', '1'), ('a', '1'), ('??', '2')) as t(raw_key, v)",
    # Staged: the duplicate collapsed into one row standing for two raw rows.
    "staged_rows": "select 1 as id, 2 as source_row_count",
    "rejected_rows": "select '??' as raw_key, 'unreadable key' as rejection_reason",
    # Staged, but a raw row was lost on the way: 2 + 0 rejected <> 3.
    "staged_rows_losing_one": "select 1 as id, 2 as source_row_count",
    "rejected_rows_empty": "select '??' as raw_key where false",
    # rejected_columns agreeing with the typed columns, and three ways of disagreeing.
    "consistent_rejections": (
        "select * from (values (1, ['runtimeMinutes'], null::integer, 1894),"
        " (2, []::varchar[], 90, 1990)) as t(id, rejected_columns, runtime_minutes, start_year)"
    ),
    "rejected_but_kept": (
        "select 1 as id, ['runtimeMinutes'] as rejected_columns, 90 as runtime_minutes,"
        " 1894 as start_year"
    ),
    "rejected_unknown_column": (
        "select 1 as id, ['genres'] as rejected_columns, null::integer as runtime_minutes,"
        " 1894 as start_year"
    ),
    "rejected_columns_null": (
        "select 1 as id, null::varchar[] as rejected_columns, 90 as runtime_minutes,"
        " 1894 as start_year"
    ),
    # A landed table of three rows, and the loader's line counts: header + 3 lines for
    # `file_ok`, header + 3 lines + 2 blank lines for `file_with_blank_lines`, header + 4 for
    # `file_longer` (a row lost on landing), and none for `file_uncounted`.
    "landed_rows": "select * from (values (1), (2), (3)) as t(id)",
    "raw_files": (
        "select * from (values ('file_ok', 'ok.tsv', 4, 0),"
        " ('file_with_blank_lines', 'blank.tsv', 6, 2), ('file_longer', 'longer.tsv', 5, 0),"
        " ('file_uncounted', 'uncounted.tsv', null, null))"
        " as t(table_name, file_path, line_count, blank_line_count)"
    ),
    # Grains: every (a, b) once, NULL included; one pair twice; a pair with a NULL twice
    # (a repeated NULL counts as a repeat, as in a `group by`).
    "grain_unique": "select * from (values (1, 1), (1, 2), (2, 1), (2, null)) as t(a, b)",
    "grain_repeated": "select * from (values (1, 1), (1, 2), (1, 1)) as t(a, b)",
    "grain_repeated_null": "select * from (values (1, 1), (2, null), (2, null)) as t(a, b)",
}

REJECTED_MAP = "{'runtimeMinutes': 'runtime_minutes', 'startYear': 'start_year'}"

SCHEMA = f"""
version: 2
models:
  - name: staged_rows
    data_tests:
      - rows_reconcile:
          name: rows_reconcile__pass
          arguments: {{raw: ref('raw_rows'), rejected: ref('rejected_rows')}}
          config: {{tags: [expect_pass]}}
  - name: staged_rows_losing_one
    data_tests:
      - rows_reconcile:
          name: rows_reconcile_lost_row__fail
          arguments: {{raw: ref('raw_rows'), rejected: ref('rejected_rows_empty')}}
          config: {{tags: [expect_fail]}}
      - rows_reconcile:
          name: rows_reconcile_without_rejected_model__fail
          arguments: {{raw: ref('raw_rows')}}
          config: {{tags: [expect_fail]}}
  - name: consistent_rejections
    data_tests:
      - imdb_rejected_columns_consistent:
          name: rejected_columns_consistent__pass
          arguments: {{columns: {REJECTED_MAP}}}
          config: {{tags: [expect_pass]}}
  - name: rejected_but_kept
    data_tests:
      - imdb_rejected_columns_consistent:
          name: rejected_columns_value_kept__fail
          arguments: {{columns: {REJECTED_MAP}}}
          config: {{tags: [expect_fail]}}
  - name: rejected_unknown_column
    data_tests:
      - imdb_rejected_columns_consistent:
          name: rejected_columns_unknown_name__fail
          arguments: {{columns: {REJECTED_MAP}}}
          config: {{tags: [expect_fail]}}
  - name: rejected_columns_null
    data_tests:
      - imdb_rejected_columns_consistent:
          name: rejected_columns_null_list__fail
          arguments: {{columns: {REJECTED_MAP}}}
          config: {{tags: [expect_fail]}}
  - name: landed_rows
    data_tests:
      - row_count_matches_file:
          name: row_count_matches_file__pass
          arguments: {{files: ref('raw_files'), table_name: file_ok}}
          config: {{tags: [expect_pass]}}
      - row_count_matches_file:
          name: row_count_matches_file_blank_lines__pass
          arguments: {{files: ref('raw_files'), table_name: file_with_blank_lines}}
          config: {{tags: [expect_pass]}}
      - row_count_matches_file:
          name: row_count_matches_file_row_lost__fail
          arguments: {{files: ref('raw_files'), table_name: file_longer}}
          config: {{tags: [expect_fail]}}
      - row_count_matches_file:
          name: row_count_matches_file_not_counted__fail
          arguments: {{files: ref('raw_files'), table_name: file_uncounted}}
          config: {{tags: [expect_fail]}}
      - row_count_matches_file:
          name: row_count_matches_file_not_registered__fail
          arguments: {{files: ref('raw_files'), table_name: file_missing}}
          config: {{tags: [expect_fail]}}
  - name: grain_unique
    data_tests:
      - one_row_per:
          name: one_row_per__pass
          arguments: {{columns: [a, b]}}
          config: {{tags: [expect_pass]}}
      - one_row_per:
          name: one_row_per_coarser_grain__fail
          arguments: {{columns: [a]}}
          config: {{tags: [expect_fail]}}
  - name: grain_repeated
    data_tests:
      - one_row_per:
          name: one_row_per_repeated_pair__fail
          arguments: {{columns: [a, b]}}
          config: {{tags: [expect_fail]}}
  - name: grain_repeated_null
    data_tests:
      - one_row_per:
          name: one_row_per_repeated_null__fail
          arguments: {{columns: [a, b]}}
          config: {{tags: [expect_fail]}}
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = tmp_path_factory.mktemp("test-macros")
    (project / "dbt_project.yml").write_text(
        "name: test_macro_cases\nversion: '1.0'\nconfig-version: 2\nprofile: cases\n"
        "models:\n  test_macro_cases:\n    +materialized: view\n"
    )
    (project / "profiles.yml").write_text(
        "cases:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"
        f"      path: {json.dumps(str(project / 'cases.duckdb'))}\n      threads: 1\n"
    )
    (project / "macros").mkdir()
    for macro in TEST_MACROS:
        shutil.copy(REPO / macro, project / "macros" / Path(macro).name)
    # what the test macros call to stay engine-neutral
    shutil.copytree(REPO / "macros/cross_engine", project / "macros" / "cross_engine")
    (project / "models").mkdir()
    for name, sql in MODELS.items():
        (project / "models" / f"{name}.sql").write_text(sql + "\n")
    (project / "models" / "schema.yml").write_text(SCHEMA)
    env = {**os.environ, "DBT_PROFILES_DIR": str(project)}
    env.pop("DBT_TARGET_PATH", None)
    dbt = Path(sys.executable).with_name("dbt")
    run = subprocess.run(
        [str(dbt), "build", "--project-dir", str(project)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    run_results = project / "target" / "run_results.json"
    assert run_results.exists(), run.stdout[-3000:] + run.stderr[-3000:]
    statuses = {}
    for result in json.loads(run_results.read_text())["results"]:
        statuses[result["unique_id"].split(".")[2]] = result["status"]
    return statuses


def test_every_model_built(results: dict[str, str]) -> None:
    for name in MODELS:
        assert results.get(name) == "success", (name, results.get(name))


def test_passing_cases_pass_and_failing_cases_fail(results: dict[str, str]) -> None:
    cases = {name: status for name, status in results.items() if name not in MODELS}
    passing = {n for n in cases if n.endswith("__pass")}
    failing = {n for n in cases if n.endswith("__fail")}
    assert passing | failing == set(cases)
    assert len(passing) == 5 and len(failing) == 11, sorted(cases)
    for name in passing:
        assert cases[name] == "pass", (name, cases[name])
    for name in failing:
        assert cases[name] == "fail", (name, cases[name])


def test_every_project_test_macro_has_both_cases() -> None:
    """A new generic test in macros/ must get cases here."""
    found = set()
    for path in (REPO / "macros").rglob("*.sql"):
        text = path.read_text()
        for marker in ("{% test ", "{%- test "):
            for chunk in text.split(marker)[1:]:
                found.add(chunk.split("(")[0].strip())
    assert found == {
        "rows_reconcile",
        "imdb_rejected_columns_consistent",
        "row_count_matches_file",
        "one_row_per",
    }
    for name in found:
        assert name in SCHEMA
