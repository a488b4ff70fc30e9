"""The upstream check (scripts/upstream_check.py) finds the upstream copies, installs them
offline, and reports every difference between the two builds. Its full run needs upstream
copies outside the repo and is recorded in packages/dbt_utils/README.md; these cases check its
parts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scripts import upstream_check as check


def _package(folder: Path, name: str, depends_on: list[str] | None = None) -> Path:
    folder.mkdir(parents=True)
    (folder / "dbt_project.yml").write_text(yaml.safe_dump({"name": name, "version": "1.0.0"}))
    if depends_on:
        packages = [{"package": f"someone/{dep}", "version": "1.0.0"} for dep in depends_on]
        (folder / "packages.yml").write_text(yaml.safe_dump({"packages": packages}))
    return folder


def _upstream(tmp_path: Path) -> Path:
    packages = tmp_path / "upstream"
    _package(packages / "dbt-utils", "dbt_utils")
    _package(packages / "dbt-expectations", "dbt_expectations", ["dbt_date"])
    _package(packages / "dbt_date", "dbt_date")
    return packages


def test_finds_each_package_by_its_project_name(tmp_path: Path) -> None:
    found = check.find_upstream(_upstream(tmp_path))
    assert {name: path.name for name, path in found.items()} == {
        "dbt_utils": "dbt-utils",
        "dbt_expectations": "dbt-expectations",
        "dbt_date": "dbt_date",
    }


def test_a_missing_or_wrong_package_is_one_line(tmp_path: Path) -> None:
    packages = _upstream(tmp_path)
    (packages / "dbt-utils" / "dbt_project.yml").write_text("name: something_else\n")
    with pytest.raises(check.CheckError, match="not the dbt_utils package"):
        check.find_upstream(packages)
    (packages / "dbt-utils" / "dbt_project.yml").unlink()
    with pytest.raises(check.CheckError, match="no dbt_utils package"):
        check.find_upstream(packages)


def test_installs_the_copies_with_local_paths_only(tmp_path: Path) -> None:
    project = tmp_path / "work" / "project"
    project.mkdir(parents=True)
    check.install_upstream(project, check.find_upstream(_upstream(tmp_path)))
    copies = tmp_path / "work" / "upstream-packages"
    installed = yaml.safe_load((project / "packages.yml").read_text())["packages"]
    assert installed == [{"local": str(copies / name)} for name in check.UPSTREAM]
    # dbt_expectations' Hub dependency now points at the local copy of dbt_date
    dependency = yaml.safe_load((copies / "dbt_expectations" / "packages.yml").read_text())
    assert dependency == {"packages": [{"local": str(copies / "dbt_date")}]}


def test_a_dependency_the_check_lacks_stops_it(tmp_path: Path) -> None:
    packages = _upstream(tmp_path)
    (packages / "dbt-utils" / "packages.yml").write_text(
        yaml.safe_dump({"packages": [{"package": "someone/unknown_pkg", "version": "1"}]})
    )
    project = tmp_path / "work" / "project"
    project.mkdir(parents=True)
    with pytest.raises(check.CheckError, match="dbt_utils needs"):
        check.install_upstream(project, check.find_upstream(packages))


def test_compare_reports_statuses_and_row_counts_that_differ() -> None:
    own = check.BuildResult({"model.a": "success", "test.b": "pass"}, {"dim_a": 5}, "ok")
    same = check.BuildResult({"model.a": "success", "test.b": "pass"}, {"dim_a": 5}, "ok")
    assert check.compare(own, same) == []
    other = check.BuildResult({"model.a": "error", "test.c": "pass"}, {"dim_a": 4, "dim_b": 1}, "x")
    assert check.compare(own, other) == [
        "model.a: success with the project's packages, error upstream",
        "test.b: pass with the project's packages, absent upstream",
        "test.c: absent with the project's packages, pass upstream",
        "marts.dim_a: 5 rows with the project's packages, 4 upstream",
        "marts.dim_b: None rows with the project's packages, 1 upstream",
    ]


def test_the_project_copy_leaves_out_local_state(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    check.copy_project(copy)
    assert (copy / "dbt_project.yml").is_file() and (copy / "packages.yml").is_file()
    assert not any((copy / name).exists() for name in check.SKIP)
    assert not list(copy.glob("*.duckdb*"))
