"""Run dbt-project-evaluator on the project, offline, with package copies on disk.

dbt-project-evaluator checks a dbt project against dbt Labs' best practices (naming, tests,
documentation, DAG shape, governance). The project declares its own conventions the way the
evaluator reads them: its variables under `vars: dbt_project_evaluator:` in dbt_project.yml, and
its exceptions, each with a reason, in the seed
`seeds/meta/dbt_project_evaluator_exceptions.csv`.

Where dbt Hub is reachable, add the package to packages.yml and run the evaluator directly (see
docs/development.md). This script does the same offline: it copies the project into a work folder,
installs the upstream copies found in PACKAGES_DIR (dbt-project-evaluator, dbt-utils,
dbt-expectations, dbt-date: checkouts or unpacked releases) with `local:`, builds the evaluator's
models and the exceptions seed, and prints every finding.

    python -m scripts.evaluate --packages-dir ../upstream-packages
    make evaluate PACKAGES_DIR=../upstream-packages

Exit 0 when the evaluator has no finding, 1 when it has, 2 when it cannot run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb
import yaml

from scripts.upstream_check import (
    BIN,
    CheckError,
    _run,
    copy_project,
    find_upstream,
    install_upstream,
    project_env,
)

EVALUATOR = {"dbt_project_evaluator": ("dbt-project-evaluator", "dbt_project_evaluator")}
# The evaluator's result tables that are not findings: its summary and the coverage figures,
# which it reports as findings only below the targets set in vars.
NOT_FINDINGS = {"fct_test_coverage", "fct_documentation_coverage"}


def disable_package_exceptions_seed(project: Path) -> None:
    """The evaluator's documented second step: its own empty exceptions seed gives way to the
    project's. dbt_project.yml does not keep this block, because while the package is not
    installed dbt warns on every command about configuration for a package it cannot find."""
    path = project / "dbt_project.yml"
    config = yaml.safe_load(path.read_text())
    seeds = config.setdefault("seeds", {})
    seeds["dbt_project_evaluator"] = {"dbt_project_evaluator_exceptions": {"+enabled": False}}
    path.write_text(yaml.safe_dump(config, sort_keys=False))


def evaluate(project: Path) -> tuple[dict[str, list[tuple]], str]:
    """Build the evaluator in the project copy; its non-empty finding tables, with their rows."""
    db = project / "evaluate.duckdb"
    env = project_env(project, db)
    dbt = str(BIN / "dbt")
    _run([dbt, "deps"], project, env, "dbt deps")
    selection = ["package:dbt_project_evaluator", "dbt_project_evaluator_exceptions"]
    result = _run([dbt, "build", "--select", *selection], project, env, "the evaluator's build")
    summary = next(
        (line.strip() for line in result.stdout.splitlines() if "PASS=" in line), "no summary"
    )
    return read_findings(db), summary.split("Done. ")[-1]


def read_findings(db: Path) -> dict[str, list[tuple]]:
    """The evaluator's non-empty result tables (`fct_*` in the target schema `main`, where the
    evaluator builds), each with its rows: its findings."""
    findings: dict[str, list[tuple]] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() "
            "where schema_name = 'main' and table_name like 'fct_%' "
            "union all select schema_name, view_name from duckdb_views() "
            "where schema_name = 'main' and view_name like 'fct_%' order by 2"
        ).fetchall()
        for schema, table in tables:
            if table in NOT_FINDINGS:
                continue
            rows = con.execute(f'select * from "{schema}"."{table}"').fetchall()
            if rows:
                findings[table] = rows
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packages-dir", type=Path, required=True, help="upstream package copies")
    parser.add_argument("--work-dir", type=Path, help="where to build (default: a temp folder)")
    args = parser.parse_args(argv)
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="evaluate-"))
    try:
        packages_dir = args.packages_dir.resolve()
        upstream = find_upstream(packages_dir)
        upstream.update(find_upstream(packages_dir, EVALUATOR))
        project = work / "project"
        # only what an earlier run of this script made there
        for made in (project, work / "upstream-packages"):
            if made.exists():
                shutil.rmtree(made)
        copy_project(project)
        install_upstream(project, upstream)
        disable_package_exceptions_seed(project)
        print("[evaluate] building dbt-project-evaluator on the project", flush=True)
        findings, summary = evaluate(project)
    except CheckError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        if args.work_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"[evaluate] {summary}")
    print("[evaluate] packages: " + ", ".join(f"{n} from {p}" for n, p in upstream.items()))
    if not findings:
        print("[evaluate] no findings")
        return 0
    total = sum(len(rows) for rows in findings.values())
    print(f"[evaluate] {total} findings in {len(findings)} checks:")
    for table, rows in findings.items():
        print(f"  {table}: {len(rows)}")
        for row in rows:
            print("    " + " | ".join("" if value is None else str(value) for value in row))
    return 1


if __name__ == "__main__":
    sys.exit(main())
