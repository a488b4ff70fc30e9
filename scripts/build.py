"""Build the warehouse with write-audit-publish.

    python -m scripts.build [--raw-dir DIR] [--db PATH] [--force] [--sample-scale S]

1. write:   copy the published warehouse (if any) to a candidate file beside it, register the raw
            files in the candidate, and run `dbt build` (models, snapshots, seeds, tests) there;
2. audit:   every test must pass (warnings are reported, errors stop the build); nodes that
            stopped only because DuckDB ran out of memory are retried once in a new dbt
            process (`dbt retry`), with the same tests;
3. publish: atomically rename the candidate over the published file, keeping the previous one as
            `<name>.bak`.

A failing test, an error or an interruption leaves the published file exactly as it was. The build
never opens the published file with DuckDB, so analysts holding it open (read-only) do not block
it; they keep seeing the old version until they reconnect.

When the raw files and the project are unchanged since the published build, nothing is rebuilt
(use --force to rebuild anyway).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from scripts import build_record, dbt_runner, load
from scripts.raw_files import ALL_FILES

PROJECT_DIR = Path(__file__).resolve().parent.parent
# What a build depends on besides the raw files: a change here means a rebuild.
# The Python test suite does not change what dbt builds.
NOT_INPUTS = ("tests/python",)
PROJECT_INPUTS = (
    "dbt_project.yml",
    "profiles.yml",
    "packages.yml",
    "requirements.txt",
    "models",
    "macros",
    "seeds",
    "snapshots",
    "tests",
    "packages/dbt_utils",
    "packages/dbt_expectations",
    "scripts/raw_files.py",
    "scripts/load.py",
    "scripts/build_record.py",
)


# DuckDB's memory_limit when DUCKDB_MEMORY_LIMIT is unset (profiles.yml has the same default).
# 3GB because DuckDB's high-cardinality aggregates, such as the grain tests of the largest
# tables, run faster under a lower limit (they work on smaller hash tables), so the full IMDB
# build is faster under 3GB than under a larger limit, and a smaller machine can give 3GB.
# bench/README.md ("Why the build's memory limit and thread rule are what they are") has the
# measurements.
DEFAULT_MEMORY_LIMIT = "3GB"

# How many models and tests dbt runs at once: DUCKDB_THREADS, whatever the size of the raw
# files. On small inputs most nodes take milliseconds and dbt's own per-node work dominates. At
# full IMDB size a single query does not keep both cores busy all the time (the gzip reading of
# a landing is one stream), and two nodes at once built faster under the 3GB limit, with a
# lower peak. bench/README.md ("Why the build's memory limit and thread rule are what they
# are") has the measurements; the out-of-memory retry below covers a late large query.
_MEMORY_UNITS = {
    "b": 1, "bytes": 1,
    "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
    "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40,
}  # fmt: skip


def memory_limit_bytes(value: str) -> int | None:
    """A DuckDB memory_limit setting (`6GB`, `3000MB`, `2.5GiB`) in bytes; None if unreadable
    (the benchmark's memory targets depend on it)."""
    text = value.strip().lower().replace(" ", "")
    number = text.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = text[len(number) :] or "b"
    try:
        return int(float(number) * _MEMORY_UNITS[unit])
    except (KeyError, ValueError):
        return None


def dbt_threads(env: dict[str, str]) -> int:
    """How many models and tests dbt runs at once: DBT_THREADS when set, else DUCKDB_THREADS
    (2 by default)."""
    if env.get("DBT_THREADS"):
        return max(1, int(env["DBT_THREADS"]))
    return max(1, int(env.get("DUCKDB_THREADS") or 2))


class BuildError(Exception):
    """The build did not publish. The message is one line."""


def _say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def candidate_path(published: Path) -> Path:
    """Where the candidate is built: beside the published file (same filesystem, same name)."""
    return published.parent / ".build" / "candidate" / published.name


def backup_path(published: Path) -> Path:
    return published.with_name(published.name + ".bak")


def fingerprint_path(published: Path) -> Path:
    return published.parent / ".build" / (published.name + ".inputs.json")


def _hash_tree(digest: hashlib._Hash, root: Path) -> None:
    paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    for path in paths:
        relative = path.relative_to(PROJECT_DIR).as_posix()
        if "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        if any(relative.startswith(prefix + "/") for prefix in NOT_INPUTS):
            continue
        digest.update(relative.encode())
        digest.update(path.read_bytes())


def input_fingerprint(raw_files: dict[str, Path]) -> dict[str, object]:
    """Raw files by (path, size, mtime) and the project's own files by content."""
    digest = hashlib.sha256()
    for name in PROJECT_INPUTS:
        path = PROJECT_DIR / name
        if path.exists():
            _hash_tree(digest, path)
    raw = {}
    for table, path in sorted(raw_files.items()):
        stat = path.stat()
        raw[table] = [str(path.resolve()), stat.st_size, stat.st_mtime_ns]
    return {"project_sha256": digest.hexdigest(), "raw_files": raw}


def _load_fingerprint(published: Path) -> dict[str, object] | None:
    try:
        return json.loads(fingerprint_path(published).read_text())
    except (OSError, ValueError):
        return None


def ensure_raw_data(raw_dir: Path, sample_scale: float | None) -> None:
    """Generate the sample data when the raw folder holds none of the expected files."""
    present = [
        spec
        for spec in ALL_FILES
        if any((raw_dir / spec.domain / name).exists() for name in spec.candidates)
    ]
    if present:
        return
    from scripts import generate

    _say(f"no raw files in {raw_dir}: generating the sample data set")
    kwargs = {} if sample_scale is None else {"scale": sample_scale}
    counts = generate.generate(raw_dir, **kwargs)
    _say(f"sample data: {len(counts)} files, {sum(counts.values()):,} rows")


OUT_OF_MEMORY = "Out of Memory Error"
# When a retry ran: the first `dbt build`'s run_results.json, kept under this name.
BUILD_RUN_RESULTS = "run_results.build.json"


def out_of_memory_nodes(run_results: Path) -> list[str] | None:
    """The nodes of the last dbt command that stopped with DuckDB's out-of-memory error, when
    those are its only errors and failures; None when anything else failed (or no record)."""
    try:
        results = json.loads(run_results.read_text())["results"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    out_of_memory = []
    for result in results:
        if result.get("status") not in ("error", "fail"):
            continue
        if OUT_OF_MEMORY not in str(result.get("message") or ""):
            return None
        out_of_memory.append(str(result.get("unique_id")))
    return out_of_memory or None


def _target_dir(env: dict[str, str]) -> Path:
    target = Path(env.get("DBT_TARGET_PATH") or "target")
    return target if target.is_absolute() else PROJECT_DIR / target


def _dbt_build(dbt_args: Sequence[str], env: dict[str, str]) -> tuple[int, list[str]]:
    """`dbt build`; when its only errors are out of memory, `dbt retry` once in a new process.
    A query that fits in the limit on its own can run out while another heavy query holds
    memory beside it. Returns dbt's exit code and the summary line of each dbt command."""
    code, progress = dbt_runner.run(["build", *dbt_args], env, PROJECT_DIR)
    stats = [progress.stats_line()]
    if code == 0:
        return 0, stats
    run_results = _target_dir(env) / "run_results.json"
    nodes = out_of_memory_nodes(run_results)
    if not nodes:
        return code, stats
    # dbt retry overwrites run_results.json: keep the build's record beside it
    shutil.copyfile(run_results, run_results.with_name(BUILD_RUN_RESULTS))
    _say(
        f"{len(nodes)} node(s) ran out of memory ({', '.join(n.split('.')[2] for n in nodes)}); "
        "retrying them and everything they skipped once, in a new dbt process (dbt retry)"
    )
    code, progress = dbt_runner.run(["retry"], env, PROJECT_DIR)
    return code, [*stats, "retry: " + progress.stats_line()]


def report_problems(env: dict[str, str], database: Path) -> tuple[int, int]:
    """Print every error, failing test and warning of the last dbt command once, in short,
    with the file to look at and up to three rows a failing test found. Returns the number of
    errors and failures, and of warnings."""
    target = _target_dir(env)
    found = dbt_runner.problems(target / "run_results.json", target / "manifest.json")
    bad = [p for p in found if p.status != "warn"]
    warnings = [p for p in found if p.status == "warn"]
    for title, group in (("errors and failing tests", bad), ("warnings", warnings)):
        if not group:
            continue
        _say(f"{len(group)} {title}:")
        for problem in group:
            examples = dbt_runner.example_rows(database, problem) if problem.compiled_code else []
            for line in problem.lines(examples):
                print(line, flush=True)
    return len(bad), len(warnings)


def _remove_database(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def publish(candidate: Path, published: Path) -> None:
    """Atomically replace the published file with the candidate, keeping a backup."""
    if candidate.with_name(candidate.name + ".wal").exists():
        raise BuildError(f"{candidate}: has an unflushed write-ahead log; not publishing")
    published.parent.mkdir(parents=True, exist_ok=True)
    if published.exists():
        backup = backup_path(published)
        tmp_backup = backup.with_name(backup.name + ".tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp_backup.unlink()
        os.link(published, tmp_backup)  # same inode: no copy, and the old file stays intact
        os.replace(tmp_backup, backup)
    os.replace(candidate, published)  # the one atomic step analysts can observe


def build(
    raw_dir: Path,
    published: Path,
    force: bool = False,
    sample_scale: float | None = None,
    dbt_args: Sequence[str] = (),
    target_path: Path | None = None,
    max_row_drop: float | None = None,
    accept_row_drop: bool | None = None,
) -> int:
    """Write, audit, publish. Returns 0 when published or already up to date.

    Before dbt runs, the loader refuses a delivery that looks like a collapse (a file without
    data rows, two files for one source, a source that lost more than `max_row_drop` of its
    rows since the published build, unless `accept_row_drop`), so neither the models nor the
    snapshots ever see it."""
    started = time.monotonic()
    started_at = build_record.utc_now()
    published = published.resolve() if published.is_absolute() else (Path.cwd() / published)
    ensure_raw_data(raw_dir, sample_scale)
    raw_files = load.check_all(raw_dir)
    fingerprint = input_fingerprint(raw_files)
    if not force and published.exists() and _load_fingerprint(published) == fingerprint:
        _say(f"warehouse is up to date ({published}): raw files and project unchanged")
        _say("nothing rebuilt; use --force (make run FORCE=1) to rebuild anyway")
        return 0

    candidate = candidate_path(published)
    candidate.parent.mkdir(parents=True, exist_ok=True)
    _remove_database(candidate)
    if published.exists():
        _say(f"write: starting from a copy of {published.name} (snapshots keep their history)")
        shutil.copyfile(published, candidate)
    else:
        _say("write: starting a new warehouse")

    env = dict(os.environ)
    env["DUCKDB_PATH"] = str(candidate)
    env["DBT_TARGET"] = "prod"
    env.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))
    env.setdefault("DUCKDB_TEMP_DIR", str(candidate.parent / "tmp"))
    env["DBT_THREADS"] = str(dbt_threads(env))
    if target_path is not None:
        env["DBT_TARGET_PATH"] = str(target_path)
    try:
        load.register(
            raw_dir, candidate, max_row_drop=max_row_drop, accept_row_drop=accept_row_drop
        )
        if dbt_runner.run_plain(["deps", "--quiet"], env, PROJECT_DIR) != 0:
            raise BuildError("dbt deps failed")
        _say(
            "write + audit: dbt build (models, seeds, snapshots and every test), "
            f"{env['DBT_THREADS']} at a time"
        )
        code, stats = _dbt_build(dbt_args, env)
        log = dbt_runner.log_file(env, PROJECT_DIR)
        _say(f"dbt: {'; '.join(stats)} (full log: {log})")
        errors, warnings = report_problems(env, candidate)
        if code != 0:
            count = f"{errors} error(s) or failing test(s)" if errors else "an error"
            raise BuildError(f"dbt build failed: {count}, listed above; full log: {log}")
        build_id = build_record.record(
            candidate,
            started_at=started_at,
            project_sha256=str(fingerprint["project_sha256"]),
            dbt_stats="; ".join(stats),
            run_results=_target_dir(env) / "run_results.json",
            build_run_results=_target_dir(env) / BUILD_RUN_RESULTS,
        )
        _say(f"recorded build {build_id} in meta.builds ({warnings} warning(s))")
        publish(candidate, published)
    except BaseException:
        _remove_database(candidate)
        raise
    fingerprint_path(published).parent.mkdir(parents=True, exist_ok=True)
    fingerprint_path(published).write_text(json.dumps(fingerprint, indent=1))
    elapsed = time.monotonic() - started
    previous = backup_path(published)
    kept = f" (previous version kept as {previous.name})" if previous.exists() else ""
    _say(f"published {published} in {elapsed:.0f} s{kept}")
    print("\nQuery it read-only, for example:", flush=True)
    for command in query_hint(published):
        print(f"  {command}", flush=True)
    return 0


def query_hint(published: Path) -> list[str]:
    """Commands that query the published warehouse read-only, as printed after a build: they
    work on a fresh clone from the project folder (`.venv` is what `make run` installed)."""
    db = _shell_quote(
        os.path.relpath(published) if published.is_relative_to(Path.cwd()) else str(published)
    )
    return [
        f".venv/bin/duckdb -readonly {db} -c 'select * from marts.rpt_daily_sales limit 5'",
        f".venv/bin/python -m scripts.query '\\d' --db {db}",
        f".venv/bin/python -m scripts.query 'select count(*) from marts.dim_titles' --db {db}",
    ]


def _shell_quote(value: str) -> str:
    import shlex

    return shlex.quote(value)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.build", description="Build the warehouse (write-audit-publish)."
    )
    parser.add_argument("--raw-dir", type=Path, default=load.default_raw_dir())
    parser.add_argument("--db", type=Path, default=load.default_db_path(), help="published file")
    parser.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    parser.add_argument("--sample-scale", type=float, default=None, help="scale of sample data")
    parser.add_argument("--target-path", type=Path, default=None, help="dbt target folder")
    parser.add_argument(
        "--accept-row-drop",
        action="store_true",
        default=None,
        help="publish although a source lost more rows than allowed (also ACCEPT_ROW_DROP=1)",
    )
    parser.add_argument(
        "--max-row-drop",
        type=float,
        default=None,
        help="share of a source's rows that may disappear between builds "
        f"(also MAX_ROW_DROP; default {load.DEFAULT_MAX_ROW_DROP})",
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return build(
            args.raw_dir,
            args.db,
            force=args.force,
            sample_scale=args.sample_scale,
            target_path=args.target_path,
            max_row_drop=args.max_row_drop,
            accept_row_drop=args.accept_row_drop,
        )
    except (load.LoadError, BuildError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"[build] not published: {args.db} is unchanged", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\n[build] interrupted: not published, {args.db} is unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
