"""The semantic layer: MetricFlow (`mf`) over the published warehouse, read-only.

The metrics are defined once, in models/marts/*/_*__metrics.yml, over the semantic models next to
the marts. `mf` reads the semantic manifest that `dbt parse` writes (target/semantic_manifest.json
in the folder it runs from) and queries through the profile's `metrics` output, which attaches the
warehouse read-only. This module runs it for the report and the tests, on any warehouse file:

    python -m scripts.semantic_layer validate --db warehouse.duckdb
    python -m scripts.semantic_layer query --db warehouse.duckdb -- --metrics revenue,orders

`validate` parses the project for that file and runs `mf validate-configs` (the semantic
checks, then every dimension, measure and metric queried on the warehouse); `query` passes its
arguments to `mf query`. Both exit with mf's code.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# What a copy of the project needs to hold for `mf` (which runs dbt from the folder it is in).
PROJECT_ENTRIES = (
    "dbt_project.yml",
    "profiles.yml",
    "packages.yml",
    "package-lock.yml",
    "dbt_packages",
    "packages",
    "models",
    "macros",
    "seeds",
    "snapshots",
    "tests",
    "docs",
    "analyses",
)


class SemanticLayerError(Exception):
    """mf or dbt failed; the message says which and ends with their last lines."""


def environment(db: Path, target_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DBT_TARGET": "metrics",
        "DUCKDB_PATH": str(db.resolve()),
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "DBT_TARGET_PATH": str(target_path.resolve()),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DUCKDB_TEMP_DIR": str(target_path.resolve() / "tmp"),
    }
    env["DBT_LOG_PATH"] = str(target_path.resolve() / "logs")
    return env


def _tail(result: subprocess.CompletedProcess) -> str:
    lines = [line.strip() for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    return " | ".join(lines[-6:])


def project_view(folder: Path, target_path: Path) -> Path:
    """A folder that is the project (links to its files) with `target` pointing at target_path:
    `mf` reads target/semantic_manifest.json of the folder it runs from."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_ENTRIES:
        source = PROJECT_DIR / name
        link = folder / name
        if source.exists() and not link.exists():
            link.symlink_to(source)
    target_link = folder / "target"
    if not target_link.exists():
        target_link.symlink_to(target_path.resolve())
    return folder


def parse(db: Path, target_path: Path) -> None:
    """`dbt parse` for this warehouse file, writing target_path/semantic_manifest.json."""
    target_path.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(BIN / "dbt"), "parse", "--quiet", "--project-dir", str(PROJECT_DIR)],
        cwd=PROJECT_DIR,
        env=environment(db, target_path),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SemanticLayerError(f"dbt parse failed: {_tail(result)}")


def run_mf(args: Sequence[str], db: Path, work: Path) -> subprocess.CompletedProcess:
    """`mf <args>` on the warehouse file db, in a project view under work (parsed once)."""
    target_path = work / "target"
    if not (target_path / "semantic_manifest.json").exists():
        parse(db, target_path)
    view = project_view(work / "project", target_path)
    return subprocess.run(
        [str(BIN / "mf"), *args],
        cwd=view,
        env=environment(db, target_path),
        capture_output=True,
        text=True,
    )


def query(
    db: Path,
    metrics: Sequence[str],
    group_by: Sequence[str] = (),
    order: Sequence[str] = (),
    work: Path | None = None,
) -> list[dict[str, str]]:
    """The rows of an `mf query`, as text values by column name (as mf writes its CSV)."""
    with tempfile.TemporaryDirectory(prefix="mf-") as scratch:
        folder = work or Path(scratch)
        out = Path(scratch) / "result.csv"
        args = ["query", "--metrics", ",".join(metrics), "--csv", str(out)]
        if group_by:
            args += ["--group-by", ",".join(group_by)]
        if order:
            args += ["--order", ",".join(order)]
        result = run_mf(args, db, folder)
        if result.returncode != 0 or not out.exists():
            raise SemanticLayerError(f"mf query failed: {_tail(result)}")
        with out.open(newline="") as handle:
            return list(csv.DictReader(handle))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.semantic_layer", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("command", choices=["validate", "query"])
    parser.add_argument("--db", type=Path, default=Path("warehouse.duckdb"), help="warehouse")
    parser.epilog = "query: mf query's arguments follow --"
    argv = list(sys.argv[1:] if argv is None else argv)
    mf_args = argv[argv.index("--") + 1 :] if "--" in argv else []
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    if not args.db.exists():
        print(f"error: {args.db}: no warehouse there (build it with `make run`)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="semantic-layer-") as work:
        try:
            command = ["validate-configs"] if args.command == "validate" else ["query", *mf_args]
            result = run_mf(command, args.db, Path(work))
        except SemanticLayerError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
