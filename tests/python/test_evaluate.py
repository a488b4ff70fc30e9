"""dbt-project-evaluator's configuration in the project, and scripts/evaluate.py, which runs the
evaluator offline on package copies outside the repo. The full run needs those copies
(UPSTREAM_PACKAGES_DIR); its result is recorded in docs/development.md. These cases check the
parts and the configuration."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import REPO
from scripts import evaluate

EXCEPTIONS = REPO / "seeds" / "meta" / "dbt_project_evaluator_exceptions.csv"
# The evaluator's checks (its result models) that an exception may name, from its rules pages.
EVALUATOR_CHECKS = {
    "fct_chained_views_dependencies",
    "fct_direct_join_to_source",
    "fct_duplicate_sources",
    "fct_exposure_parents_materializations",
    "fct_exposures_dependent_on_private_models",
    "fct_hard_coded_references",
    "fct_marts_or_intermediate_dependent_on_source",
    "fct_missing_primary_key_tests",
    "fct_model_directories",
    "fct_model_fanout",
    "fct_model_naming_conventions",
    "fct_multiple_sources_joined",
    "fct_public_models_without_contract",
    "fct_rejoining_of_upstream_concepts",
    "fct_root_models",
    "fct_source_directories",
    "fct_source_fanout",
    "fct_sources_without_freshness",
    "fct_staging_dependent_on_marts_or_intermediate",
    "fct_staging_dependent_on_staging",
    "fct_test_directories",
    "fct_too_many_joins",
    "fct_undocumented_models",
    "fct_undocumented_public_models",
    "fct_undocumented_source_tables",
    "fct_undocumented_sources",
    "fct_unused_sources",
}


def _project_config() -> dict:
    return yaml.safe_load((REPO / "dbt_project.yml").read_text())


def test_every_exception_names_a_check_and_gives_a_reason() -> None:
    with EXCEPTIONS.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows, "the exceptions seed is empty"
    assert list(rows[0]) == ["fct_name", "column_name", "id_to_exclude", "comment"]
    for row in rows:
        assert row["fct_name"] in EVALUATOR_CHECKS, row
        assert row["column_name"] and row["id_to_exclude"], row
        assert len(row["comment"].split()) >= 6, f"no real reason: {row}"


def test_the_primary_key_tests_named_in_vars_exist() -> None:
    """Each test the evaluator is told counts as a grain test is a generic test of its package."""
    declared = _project_config()["vars"]["dbt_project_evaluator"]["primary_key_test_macros"]
    folders = {"dbt_utils": REPO / "packages" / "dbt_utils", "warehouse": REPO / "macros"}
    for group in declared:
        for qualified in group:
            package, macro = qualified.split(".")
            if package == "dbt":
                continue
            name = macro.removeprefix("test_")
            sources = "".join(p.read_text() for p in folders[package].rglob("*.sql"))
            assert f"{{% test {name}(" in sources, qualified


def test_the_house_prefixes_are_declared_per_layer() -> None:
    """Every model's prefix is one the evaluator is told belongs to its layer (folder)."""
    evaluator = _project_config()["vars"]["dbt_project_evaluator"]
    layer_of = {"base": "base", "staging": "staging", "intermediate": "intermediate"}
    checked = 0
    for path in (REPO / "models").rglob("*.sql"):
        parts = path.relative_to(REPO / "models").parts
        layer = "base" if "base" in parts else layer_of.get(parts[0], "marts")
        prefixes = evaluator[f"{layer}_prefixes"]
        assert path.stem.startswith(tuple(prefixes)), (path.name, layer, prefixes)
        checked += 1
    assert checked > 50


def test_the_package_seed_block_is_added_to_the_copy_only(tmp_path: Path) -> None:
    # dbt_project.yml itself must not hold it: dbt warns on every command about it otherwise
    assert "dbt_project_evaluator" not in (_project_config().get("seeds") or {})
    shutil.copy(REPO / "dbt_project.yml", tmp_path / "dbt_project.yml")
    evaluate.disable_package_exceptions_seed(tmp_path)
    config = yaml.safe_load((tmp_path / "dbt_project.yml").read_text())
    assert config["seeds"]["dbt_project_evaluator"] == {
        "dbt_project_evaluator_exceptions": {"+enabled": False}
    }
    # the rest of the project's configuration is kept
    assert config["seeds"]["warehouse"] == _project_config()["seeds"]["warehouse"]
    assert config["vars"] == _project_config()["vars"]


def test_findings_are_the_non_empty_result_tables(tmp_path: Path) -> None:
    db = tmp_path / "evaluate.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create table fct_model_fanout as select 'stg_a' as parent, 'x, y, z' as c")
        con.execute("create table fct_root_models as select 'm' as child where false")
        con.execute("create view fct_unused_sources as select 'raw.s' as parent")
        con.execute("create table fct_test_coverage as select 100.0 as test_coverage_pct")
        con.execute("create table int_all_graph_resources as select 1 as n")
        con.execute("create schema marts")
        con.execute("create table marts.fct_sales as select 1 as n")
    findings = evaluate.read_findings(db)
    assert findings == {
        "fct_model_fanout": [("stg_a", "x, y, z")],
        "fct_unused_sources": [("raw.s",)],
    }


def test_a_missing_evaluator_copy_is_one_line(tmp_path: Path, capsys) -> None:
    packages = tmp_path / "upstream"
    for folder, name in (
        ("dbt-utils", "dbt_utils"),
        ("dbt-expectations", "dbt_expectations"),
        ("dbt-date", "dbt_date"),
    ):
        (packages / folder).mkdir(parents=True)
        (packages / folder / "dbt_project.yml").write_text(f"name: {name}\n")
    code = evaluate.main(["--packages-dir", str(packages), "--work-dir", str(tmp_path / "w")])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no dbt_project_evaluator package" in err[0], err


@pytest.mark.slow
def test_the_evaluator_finds_nothing_on_the_project(tmp_path: Path) -> None:
    packages = os.environ.get("UPSTREAM_PACKAGES_DIR")
    if not packages:
        pytest.skip("UPSTREAM_PACKAGES_DIR is not set (copies of the upstream packages)")
    code = evaluate.main(["--packages-dir", packages, "--work-dir", str(tmp_path / "work")])
    assert code == 0
