"""Integration tests for the project-written dbt_utils / dbt_expectations subsets.

Copies packages/ to a temporary directory, runs `dbt deps` and `dbt build` on
packages/integration_tests there (offline: both packages are `local:`), and checks
run_results.json: every data test tagged expect_pass passed, every one tagged
expect_fail failed (status "fail", not "error"), the numbers match what the suite
declares in its dbt_project.yml, and every generic test and macro has cases.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow

PACKAGES_DIR = REPO_ROOT / "packages"
PROJECT_NAME = "integration_tests"

UTILS_TESTS = [
    "unique_combination_of_columns",
    "accepted_range",
    "expression_is_true",
    "relationships_where",
    "equal_rowcount",
    "fewer_rows_than",
    "not_null_proportion",
    "recency",
    "at_least_one",
    "not_empty_string",
    "not_constant",
    "mutually_exclusive_ranges",
    "sequential_values",
    "cardinality_equality",
]
EXPECTATIONS_TESTS = [
    "expect_column_values_to_be_between",
    "expect_column_values_to_match_regex",
    "expect_column_values_to_be_in_set",
    "expect_column_distinct_values_to_equal_set",
    "expect_column_pair_values_A_to_be_greater_than_B",
    "expect_compound_columns_to_be_unique",
    "expect_table_row_count_to_be_between",
    "expect_table_row_count_to_equal_other_table",
    "expect_table_aggregation_to_equal_other_table",
    "expect_table_columns_to_match_set",
    "expect_column_value_lengths_to_be_between",
    "expect_column_values_to_be_of_type",
    "expect_row_values_to_have_data_for_every_n_datepart",
    "expect_column_values_to_be_within_n_stdevs",
]
# Models that exercise a dbt_utils macro and must be compared with expected output.
MACRO_MODELS = {
    "generate_surrogate_key": ["mac_surrogate_keys"],
    "date_spine": ["mac_date_spine_day", "mac_date_spine_month", "mac_date_spine_portable"],
    "star": ["mac_star", "mac_star_plain"],
    "union_relations": ["mac_union", "mac_union_excluded"],
}


def _dbt_executable() -> str:
    candidate = Path(sys.executable).parent / "dbt"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("dbt")
    if found is None:
        pytest.skip("dbt executable not found next to the Python interpreter or on PATH")
    return found


def _run_dbt(
    args: list[str], project_dir: Path, env: dict[str, str]
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            _dbt_executable(),
            *args,
            "--project-dir",
            str(project_dir),
            "--profiles-dir",
            str(project_dir),
        ],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def dbt_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Build the integration project once in a temporary copy; return its artifacts."""
    work = tmp_path_factory.mktemp("packages")
    ignore = shutil.ignore_patterns(
        "target", "dbt_packages", "logs", "*.duckdb*", "package-lock.yml"
    )
    shutil.copytree(PACKAGES_DIR, work / "packages", ignore=ignore)
    project_dir = work / "packages" / PROJECT_NAME
    target = work / "target"
    env = {
        **os.environ,
        "DBT_TARGET_PATH": str(target),
        "DBT_LOG_PATH": str(work / "logs"),
        "PACKAGES_IT_DUCKDB_PATH": str(work / "integration_tests.duckdb"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    env.pop("DBT_PROFILES_DIR", None)
    env.pop("DBT_PROJECT_DIR", None)

    deps = _run_dbt(["deps"], project_dir, env)
    assert deps.returncode == 0, f"dbt deps failed:\n{deps.stdout}\n{deps.stderr}"
    parse = _run_dbt(["--warn-error", "parse"], project_dir, env)
    build = _run_dbt(["build"], project_dir, env)
    run_results = json.loads((target / "run_results.json").read_text())
    manifest = json.loads((target / "manifest.json").read_text())
    declared = yaml.safe_load((project_dir / "dbt_project.yml").read_text())["vars"]
    return {
        "parse": parse,
        "build": build,
        "results": {r["unique_id"]: r for r in run_results["results"]},
        "manifest": manifest,
        "declared": declared,
    }


def _tests_by_tag(manifest: dict) -> dict[str, dict]:
    return {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "test" and node["package_name"] == "packages_integration_tests"
    }


def test_parse_is_warn_error_clean(dbt_run: dict) -> None:
    parse = dbt_run["parse"]
    assert parse.returncode == 0, f"dbt --warn-error parse failed:\n{parse.stdout}\n{parse.stderr}"


def test_every_test_is_tagged_once_and_named_to_match(dbt_run: dict) -> None:
    for uid, node in _tests_by_tag(dbt_run["manifest"]).items():
        tags = {t for t in node["tags"] if t in ("expect_pass", "expect_fail")}
        assert len(tags) == 1, f"{uid} needs exactly one of expect_pass / expect_fail, has {tags}"
        expected_suffix = "__pass" if tags == {"expect_pass"} else "__fail"
        assert node["name"].endswith(expected_suffix), (
            f"{uid} is tagged {tags} but named {node['name']}"
        )


def test_declared_counts_match(dbt_run: dict) -> None:
    tests = _tests_by_tag(dbt_run["manifest"])
    n_pass = sum("expect_pass" in n["tags"] for n in tests.values())
    n_fail = sum("expect_fail" in n["tags"] for n in tests.values())
    assert n_pass == dbt_run["declared"]["expected_pass_tests"]
    assert n_fail == dbt_run["declared"]["expected_fail_tests"]


def test_nothing_skipped_or_errored_outside_tests(dbt_run: dict) -> None:
    bad = {
        uid: (r["status"], r.get("message"))
        for uid, r in dbt_run["results"].items()
        if not uid.startswith("test.") and r["status"] != "success"
    }
    assert not bad, f"seeds/models did not build: {bad}"


def test_expect_pass_tests_pass(dbt_run: dict) -> None:
    tests = _tests_by_tag(dbt_run["manifest"])
    wanted = [uid for uid, n in tests.items() if "expect_pass" in n["tags"]]
    assert wanted, "no expect_pass tests found"
    wrong = {
        uid: (dbt_run["results"][uid]["status"] if uid in dbt_run["results"] else "did not run")
        for uid in wanted
        if uid not in dbt_run["results"] or dbt_run["results"][uid]["status"] != "pass"
    }
    assert not wrong, f"expect_pass tests that did not pass: {wrong}"


def test_expect_fail_tests_fail(dbt_run: dict) -> None:
    tests = _tests_by_tag(dbt_run["manifest"])
    wanted = [uid for uid, n in tests.items() if "expect_fail" in n["tags"]]
    assert wanted, "no expect_fail tests found"
    wrong = {}
    for uid in wanted:
        result = dbt_run["results"].get(uid)
        if result is None or result["status"] != "fail":
            wrong[uid] = (result or {}).get("status", "did not run"), (result or {}).get("message")
    assert not wrong, f"expect_fail tests that did not fail (an error is not a failure): {wrong}"
    # dbt build exits non-zero exactly because the expect_fail tests fail
    assert dbt_run["build"].returncode == 1


@pytest.mark.parametrize(
    ("namespace", "test_name"),
    [("dbt_utils", name) for name in UTILS_TESTS]
    + [("dbt_expectations", name) for name in EXPECTATIONS_TESTS],
)
def test_generic_test_has_pass_and_fail_case(dbt_run: dict, namespace: str, test_name: str) -> None:
    tags_seen: set[str] = set()
    for node in _tests_by_tag(dbt_run["manifest"]).values():
        meta = node.get("test_metadata") or {}
        if meta.get("namespace") == namespace and meta.get("name") == test_name:
            tags_seen.update(t for t in node["tags"] if t in ("expect_pass", "expect_fail"))
    assert tags_seen == {"expect_pass", "expect_fail"}, (
        f"{namespace}.{test_name} has only {tags_seen}"
    )


@pytest.mark.parametrize("macro_name", sorted(MACRO_MODELS))
def test_macro_output_is_checked(dbt_run: dict, macro_name: str) -> None:
    tests = _tests_by_tag(dbt_run["manifest"]).values()
    for model in MACRO_MODELS[macro_name]:
        model_uid = f"model.packages_integration_tests.{model}"
        checks = [
            n
            for n in tests
            if (n.get("test_metadata") or {}).get("name") == "assert_equal_rows"
            and n.get("attached_node") == model_uid
            and "expect_pass" in n["tags"]
        ]
        assert checks, f"{model} ({macro_name}) has no expect_pass assert_equal_rows test"
        for node in checks:
            assert dbt_run["results"][node["unique_id"]]["status"] == "pass"
