"""Build the sample with the project's own packages and with upstream copies, and compare.

The project ships project-written subsets of dbt_utils and dbt_expectations (packages/) with the
upstream names and arguments, so that a user who can reach dbt Hub swaps them in by editing
packages.yml alone. This check is that swap, done offline: it copies the project twice into a
work folder outside the repo, installs the project's packages in one copy and the upstream
packages found in PACKAGES_DIR (folders such as dbt-utils, dbt-expectations, dbt-date; any
checkout or unpacked release) in the other, builds the same generated sample in both, and
reports every node whose status differs and every mart whose row count differs.

    python -m scripts.upstream_check --packages-dir ../upstream-packages
    make upstream-check PACKAGES_DIR=../upstream-packages

Exit 0 when both builds agree node for node and mart for mart, 1 when they differ, 2 when the
check cannot run (a package missing, a build that does not start).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# Upstream packages by project name, with the folder names a copy may have.
UPSTREAM = {
    "dbt_utils": ("dbt-utils", "dbt_utils"),
    "dbt_expectations": ("dbt-expectations", "dbt_expectations"),
    "dbt_date": ("dbt-date", "dbt_date"),
}
# Files of the project a copy needs to build (everything else is output or local state).
SKIP = {".git", ".venv", ".build", ".spark", "target", "logs", "dbt_packages", "data", "bench"}


class CheckError(Exception):
    """The check cannot run; the message is one line."""


@dataclass
class BuildResult:
    statuses: dict[str, str]
    mart_rows: dict[str, int]
    summary: str
    errors: list[str] = field(default_factory=list)


def find_upstream(
    packages_dir: Path, packages: dict[str, tuple[str, ...]] = UPSTREAM
) -> dict[str, Path]:
    """The folder of each upstream package in packages_dir, checked by its dbt_project.yml."""
    found = {}
    for name, folders in packages.items():
        for folder in folders:
            project = packages_dir / folder / "dbt_project.yml"
            if project.is_file():
                if yaml.safe_load(project.read_text()).get("name") != name:
                    raise CheckError(f"{project}: not the {name} package")
                found[name] = project.parent
                break
        else:
            raise CheckError(f"{packages_dir}: no {name} package (a folder named {folders[0]})")
    return found


def copy_project(destination: Path) -> None:
    def ignore(folder: str, names: list[str]) -> set[str]:
        return {name for name in names if name in SKIP} if Path(folder) == PROJECT_DIR else set()

    shutil.copytree(PROJECT_DIR, destination, ignore=ignore)
    for stale in destination.glob("*.duckdb*"):
        stale.unlink()


def install_upstream(project: Path, upstream: dict[str, Path]) -> None:
    """Copies of the upstream packages beside the project copy, installed with `local:`; their
    own Hub dependencies (dbt_expectations on dbt_date) point at the copies too."""
    copies = project.parent / "upstream-packages"
    for name, source in upstream.items():
        shutil.copytree(source, copies / name, ignore=shutil.ignore_patterns(".git"))
    for name in upstream:
        packages_yml = copies / name / "packages.yml"
        if packages_yml.exists():
            declared = yaml.safe_load(packages_yml.read_text()) or {}
            local = []
            for entry in declared.get("packages") or []:
                wanted = str(entry.get("package", "")).split("/")[-1]
                if wanted not in upstream:
                    raise CheckError(f"{name} needs {entry}, which the check does not have")
                local.append({"local": str(copies / wanted)})
            packages_yml.write_text(yaml.safe_dump({"packages": local}))
    project_packages = [{"local": str(copies / name)} for name in upstream]
    (project / "packages.yml").write_text(yaml.safe_dump({"packages": project_packages}))


def _run(args: list[str], cwd: Path, env: dict[str, str], what: str) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0 and what:
        tail = (result.stdout + result.stderr).strip().splitlines()[-5:]
        raise CheckError(f"{what} failed: " + " | ".join(line.strip() for line in tail))
    return result


def project_env(project: Path, db: Path) -> dict[str, str]:
    """The environment for dbt in a project copy: its own profiles, target, logs and dev
    DuckDB file, nothing shared with the project it was copied from."""
    return {
        **os.environ,
        "DBT_TARGET": "dev",
        "DUCKDB_DEV_PATH": str(db),
        "DUCKDB_TEMP_DIR": str(project / ".build" / "tmp"),
        "DBT_PROFILES_DIR": str(project),
        "DBT_TARGET_PATH": str(project / "target"),
        "DBT_LOG_PATH": str(project / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def build(project: Path, raw_dir: Path) -> BuildResult:
    """dbt deps and dbt build of the sample in one project copy, on its own DuckDB file."""
    db = project / "check.duckdb"
    env = project_env(project, db)
    dbt = str(BIN / "dbt")
    _run([dbt, "deps"], project, env, f"dbt deps in {project.name}")
    register = [str(BIN / "python"), "-m", "scripts.load", "register"]
    _run([*register, "--raw-dir", str(raw_dir), "--db", str(db)], project, env, "registering")
    result = _run([dbt, "build"], project, env, "")
    results_file = project / "target" / "run_results.json"
    if not results_file.exists():
        tail = (result.stdout + result.stderr).strip().splitlines()[-3:]
        raise CheckError(f"dbt build in {project.name} did not run: " + " | ".join(tail))
    results = json.loads(results_file.read_text())["results"]
    statuses = {entry["unique_id"]: entry["status"] for entry in results}
    errors = [
        f"{entry['unique_id']}: {(entry.get('message') or '').splitlines()[0][:200]}"
        for entry in results
        if entry["status"] in {"error", "fail"}
    ]
    summary = next(
        (line.strip() for line in result.stdout.splitlines() if "PASS=" in line), "no summary"
    )
    with duckdb.connect(str(db), read_only=True) as con:
        tables = con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' "
            "union all select view_name from duckdb_views() where schema_name = 'marts'"
        ).fetchall()
        mart_rows = {
            name: con.execute(f'select count(*) from marts."{name}"').fetchone()[0]
            for (name,) in sorted(tables)
        }
    return BuildResult(statuses, mart_rows, summary.split("Done. ")[-1], errors)


def compare(own: BuildResult, upstream: BuildResult) -> list[str]:
    """Every difference between the two builds, one line each."""
    differences = []
    for node in sorted(own.statuses.keys() | upstream.statuses.keys()):
        mine, theirs = own.statuses.get(node, "absent"), upstream.statuses.get(node, "absent")
        if mine != theirs:
            differences.append(f"{node}: {mine} with the project's packages, {theirs} upstream")
    for mart in sorted(own.mart_rows.keys() | upstream.mart_rows.keys()):
        mine, theirs = own.mart_rows.get(mart), upstream.mart_rows.get(mart)
        if mine != theirs:
            differences.append(
                f"marts.{mart}: {mine} rows with the project's packages, {theirs} upstream"
            )
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packages-dir", type=Path, required=True, help="upstream package copies")
    parser.add_argument("--work-dir", type=Path, help="where to build (default: a temp folder)")
    args = parser.parse_args(argv)
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="upstream-check-"))
    try:
        upstream = find_upstream(args.packages_dir.resolve())
        work.mkdir(parents=True, exist_ok=True)
        raw = work / "raw"
        if not raw.exists():
            generate = [str(BIN / "python"), "-m", "scripts.load", "sample", "--raw-dir", str(raw)]
            _run(generate, PROJECT_DIR, dict(os.environ), "generating the sample")
        results = {}
        for variant in ("own", "upstream"):
            project = work / variant / "project"
            if project.exists():
                shutil.rmtree(work / variant)
            copy_project(project)
            if variant == "upstream":
                install_upstream(project, upstream)
            print(f"[upstream-check] building the sample with the {variant} packages", flush=True)
            results[variant] = build(project, raw)
            print(f"[upstream-check] {variant}: {results[variant].summary}", flush=True)
    except CheckError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    own, theirs = results["own"], results["upstream"]
    print("[upstream-check] upstream: " + ", ".join(f"{n} from {p}" for n, p in upstream.items()))
    differences = compare(own, theirs)
    print(
        f"[upstream-check] {len(own.statuses)} nodes and {len(own.mart_rows)} marts compared: "
        + (f"{len(differences)} differences" if differences else "the same statuses and row counts")
    )
    for line in differences:
        print(f"  {line}")
    for line in theirs.errors:
        print(f"  upstream error: {line}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
