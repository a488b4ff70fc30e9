"""The full-scale benchmark: how far the project is from DuckDB's own floor.

    python -m scripts.bench --scale S [--raw-dir DIR] [--work-dir DIR] [--results-dir DIR]
                            [--label NAME] [--seed N] [--no-save]

One run measures, with the same DuckDB settings (DUCKDB_THREADS, DUCKDB_MEMORY_LIMIT,
DUCKDB_TEMP_DIR, preserve_insertion_order = false) for every stage:

1. generate: the sample data at scale S (only when the raw folder lacks it);
2. floor:    in a fresh DuckDB file, `count(*)` over each of the 13 raw files and a simple
             typed `create table as` of each (ids without their tt/nm prefix as BIGINT,
             numbers as numbers, `\\N` / `NULL` as NULL), read with the loader's own options;
3. build:    `python -m scripts.build --force` into a fresh warehouse (registration, dbt deps,
             `dbt build` with every test, publish), then per-model and per-test times from
             dbt's run_results.json;
4. rerun:    the same build again without --force, raw files unchanged (should do nothing);
5. the warehouse: file size and the row count of every relation in the `marts` schema.

Every stage runs in child processes; a sampler thread sums VmRSS over the whole process tree
(this process and all its descendants) every 0.2 s and keeps the peak per stage.

Results go to `bench/results/<label>-<UTC time>.json` and `.md` (with --no-save: to the work
folder instead). Targets are reported as passed or missed, never asserted: the exit code is 0
unless a stage failed to run (then the results are still written, and the exit code is 1).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from scripts.build import BUILD_RUN_RESULTS, DEFAULT_MEMORY_LIMIT
from scripts.raw_files import ALL_FILES, RawFile, read_csv_sql, sql_identifier, sql_string

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_WORK_DIR = Path("bench/work")
DEFAULT_RESULTS_DIR = Path("bench/results")
SAMPLE_INTERVAL = 0.2
TEMP_SAMPLE_EVERY = 5  # measure the spill folder every 5th sample (1 s): walking it costs more
TOP_N = 15
GIB = 1024**3
RESULTS_SCHEMA_VERSION = 1

# Targets from the issue (2 cores, 24 GiB, scale 1.0).
TARGET_BUILD_SECONDS = 600.0
TARGET_GENERATE_SECONDS = 600.0
TARGET_RATIO = 4.0
TARGET_PEAK_RSS_BYTES = 8 * GIB
TARGET_RERUN_FRACTION = 0.10

# --------------------------------------------------------------------------------------
# The floor's typed reading of each file: a simple, honest typing, not the project's rules.
# Kinds: id (tt/nm prefix dropped, BIGINT), int, real, money (comma decimals), bool, ts,
# uuid; every column not listed stays text. The file's null literal becomes NULL first.
# --------------------------------------------------------------------------------------
FLOOR_TYPES: dict[str, dict[str, str]] = {
    "imdb_title_basics": {
        "tconst": "id",
        "isAdult": "bool",
        "startYear": "int",
        "endYear": "int",
        "runtimeMinutes": "int",
    },
    "imdb_title_akas": {"titleId": "id", "ordering": "int", "isOriginalTitle": "bool"},
    "imdb_title_crew": {"tconst": "id"},
    "imdb_title_episode": {
        "tconst": "id",
        "parentTconst": "id",
        "seasonNumber": "int",
        "episodeNumber": "int",
    },
    "imdb_title_principals": {"tconst": "id", "ordering": "int", "nconst": "id"},
    "imdb_title_ratings": {"tconst": "id", "averageRating": "real", "numVotes": "int"},
    "imdb_name_basics": {"nconst": "id", "birthYear": "int", "deathYear": "int"},
    "bike_sales_order_header": {
        "SalesOrderID": "int",
        "RevisionNumber": "int",
        "OrderDate": "ts",
        "DueDate": "ts",
        "ShipDate": "ts",
        "Status": "int",
        "OnlineOrderFlag": "bool",
        "CustomerID": "int",
        "SalesPersonID": "int",
        "TerritoryID": "int",
        "BillToAddressID": "int",
        "ShipToAddressID": "int",
        "ShipMethodID": "int",
        "CreditCardID": "int",
        "CurrencyRateID": "int",
        "SubTotal": "money",
        "TaxAmt": "money",
        "Freight": "money",
        "TotalDue": "money",
        "rowguid": "uuid",
        "ModifiedDate": "ts",
    },
    "bike_sales_order_detail": {
        "SalesOrderID": "int",
        "SalesOrderDetailID": "int",
        "OrderQty": "int",
        "ProductID": "int",
        "SpecialOfferID": "int",
        "UnitPrice": "money",
        "UnitPriceDiscount": "money",
        "LineTotal": "money",
        "rowguid": "uuid",
        "ModifiedDate": "ts",
    },
    "bike_customer": {
        "CustomerID": "int",
        "PersonID": "int",
        "StoreID": "int",
        "TerritoryID": "int",
        "rowguid": "uuid",
        "ModifiedDate": "ts",
    },
    "bike_person": {
        "BusinessEntityID": "int",
        "NameStyle": "bool",
        "EmailPromotion": "int",
        "rowguid": "uuid",
        "ModifiedDate": "ts",
    },
    "bike_product": {
        "ProductID": "int",
        "MakeFlag": "bool",
        "FinishedGoodsFlag": "bool",
        "SafetyStockLevel": "int",
        "ReorderPoint": "int",
        "StandardCost": "money",
        "ListPrice": "money",
        "Weight": "money",
        "DaysToManufacture": "int",
        "ProductSubcategoryID": "int",
        "ProductModelID": "int",
        "SellStartDate": "ts",
        "SellEndDate": "ts",
        "DiscontinuedDate": "ts",
        "rowguid": "uuid",
        "ModifiedDate": "ts",
    },
    "bike_special_offer_product": {
        "SpecialOfferID": "int",
        "ProductID": "int",
        "rowguid": "uuid",
        "ModifiedDate": "ts",
    },
}


def typed_select_sql(spec: RawFile, path: Path) -> str:
    """`select <typed columns> from read_csv(...)`: the floor's typed reading of one file."""
    null_literal = "\\N" if spec.domain == "imdb" else "NULL"
    kinds = FLOOR_TYPES.get(spec.table, {})
    expressions = []
    for column in spec.columns:
        value = f"nullif({sql_identifier(column)}, {sql_string(null_literal)})"
        kind = kinds.get(column, "text")
        if kind == "id":
            value = f"try_cast(substr({value}, 3) as bigint)"
        elif kind == "int":
            value = f"try_cast({value} as bigint)"
        elif kind == "real":
            value = f"try_cast({value} as double)"
        elif kind == "money":
            value = f"try_cast(replace({value}, ',', '.') as decimal(19, 4))"
        elif kind == "bool":
            value = f"try_cast({value} as boolean)"
        elif kind == "ts":
            value = f"try_cast({value} as timestamp)"
        elif kind == "uuid":
            value = f"try_cast({value} as uuid)"
        expressions.append(f"{value} as {sql_identifier(column)}")
    return f"select {', '.join(expressions)} from {read_csv_sql(spec, path)}"


# --------------------------------------------------------------------------------------
# Settings, machine facts
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    threads: int
    memory_limit: str
    temp_directory: Path

    def env(self, base: dict[str, str]) -> dict[str, str]:
        env = dict(base)
        env["DUCKDB_THREADS"] = str(self.threads)
        env["DUCKDB_MEMORY_LIMIT"] = self.memory_limit
        env["DUCKDB_TEMP_DIR"] = str(self.temp_directory)
        return env

    def as_dict(self) -> dict[str, object]:
        return {
            "threads": self.threads,
            "dbt_threads": None,  # what the build used, read from its output
            "memory_limit": self.memory_limit,
            "temp_directory": str(self.temp_directory),
            "preserve_insertion_order": False,
        }


def settings_from_env(work_dir: Path) -> Settings:
    """The same defaults as profiles.yml: 2 threads, 3GB, spill folder in the work dir."""
    threads = int(os.environ.get("DUCKDB_THREADS", "2"))
    memory_limit = os.environ.get("DUCKDB_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT)
    temp_dir = Path(os.environ.get("DUCKDB_TEMP_DIR", str(work_dir / "tmp")))
    return Settings(threads, memory_limit, temp_dir.resolve())


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def memory_total_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def machine_facts() -> dict[str, object]:
    return {
        "cores": os.cpu_count(),
        "memory_total_bytes": memory_total_bytes(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "duckdb": _version("duckdb"),
        "dbt_core": _version("dbt-core"),
        "dbt_duckdb": _version("dbt-duckdb"),
    }


# --------------------------------------------------------------------------------------
# Peak memory of the process tree, from /proc (psutil is not a dependency)
# --------------------------------------------------------------------------------------
def _status_kib(pid: int, key: str) -> int:
    """A `kB` field of /proc/<pid>/status, or 0 when the process is gone or has none."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _children_from_task_files(pid: int) -> list[int] | None:
    """Children via /proc/<pid>/task/*/children; None where the kernel does not offer it."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    children: list[int] = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                children.extend(int(c) for c in handle.read().split())
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            continue
    return children


def _parent_map() -> dict[int, list[int]]:
    """Parent pid -> children, from /proc/<pid>/stat of every process."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
            # The command name is in parentheses and may hold spaces: split after it.
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    return parents


def process_tree(root: int) -> list[int]:
    """`root` and all its living descendants."""
    direct = _children_from_task_files(root)
    parents = _parent_map() if direct is None else None
    tree, todo = [root], [root]
    while todo:
        pid = todo.pop()
        if parents is not None:
            children = parents.get(pid, [])
        else:
            children = _children_from_task_files(pid) or []
        tree.extend(children)
        todo.extend(children)
    return tree


def directory_bytes(path: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                continue
    return total


class TreeSampler:
    """Samples the summed VmRSS of this process's tree until stopped; keeps the peaks."""

    def __init__(self, temp_dir: Path | None = None, interval: float = SAMPLE_INTERVAL) -> None:
        self.root = os.getpid()
        self.temp_dir = temp_dir
        self.interval = interval
        self.peak_rss_bytes = 0
        self.peak_process_hwm_bytes = 0  # the largest single process's own peak (VmHWM)
        self.peak_temp_bytes = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _sample(self) -> None:
        total = 0
        for pid in process_tree(self.root):
            total += _status_kib(pid, "VmRSS:")
            self.peak_process_hwm_bytes = max(
                self.peak_process_hwm_bytes, _status_kib(pid, "VmHWM:") * 1024
            )
        self.peak_rss_bytes = max(self.peak_rss_bytes, total * 1024)
        if self.temp_dir is not None and self.samples % TEMP_SAMPLE_EVERY == 0:
            self.peak_temp_bytes = max(self.peak_temp_bytes, directory_bytes(self.temp_dir))
        self.samples += 1

    def _run(self) -> None:
        while True:
            self._sample()
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_bytes(self) -> int:
        """The tree's peak: never below the peak of its largest single process."""
        return max(self.peak_rss_bytes, self.peak_process_hwm_bytes)


# --------------------------------------------------------------------------------------
# Stages
# --------------------------------------------------------------------------------------
@dataclass
class Stage:
    name: str
    command: list[str]
    seconds: float = 0.0
    exit_code: int | None = None
    peak_rss_bytes: int = 0
    peak_temp_bytes: int = 0
    lines: list[tuple[float, str]] = field(default_factory=list)  # (seconds since start, line)

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "seconds": round(self.seconds, 3),
            "exit_code": self.exit_code,
            "peak_rss_bytes": self.peak_rss_bytes,
            "peak_temp_bytes": self.peak_temp_bytes,
        }

    def first_line_time(self, prefix: str) -> float | None:
        return next((t for t, line in self.lines if line.startswith(prefix)), None)


def _say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def run_stage(name: str, command: list[str], env: dict[str, str], temp_dir: Path) -> Stage:
    """Run one command, echoing its output, timing it and sampling the tree's memory."""
    stage = Stage(name, command)
    _say(f"{name}: {' '.join(command[1:])}")
    with TreeSampler(temp_dir) as sampler:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        assert process.stdout is not None
        for line in process.stdout:
            stage.lines.append((time.perf_counter() - started, line.rstrip("\n")))
            sys.stdout.write(f"    {line}")
            sys.stdout.flush()
        stage.exit_code = process.wait()
        stage.seconds = time.perf_counter() - started
    stage.peak_rss_bytes = sampler.peak_bytes
    stage.peak_temp_bytes = sampler.peak_temp_bytes
    status = "ok" if stage.exit_code == 0 else f"FAILED (exit {stage.exit_code})"
    _say(f"{name}: {status} in {stage.seconds:.1f} s, peak RSS {_gib(stage.peak_rss_bytes)}")
    return stage


def _python() -> str:
    return sys.executable


def raw_data_present(raw_dir: Path) -> bool:
    return all(any((raw_dir / s.domain / n).exists() for n in s.candidates) for s in ALL_FILES)


def raw_file_facts(raw_dir: Path) -> dict[str, dict[str, object]]:
    facts: dict[str, dict[str, object]] = {}
    for spec in ALL_FILES:
        folder = raw_dir / spec.domain
        path = next((folder / n for n in spec.candidates if (folder / n).exists()), None)
        if path is not None:
            facts[spec.table] = {"file": path.name, "bytes": path.stat().st_size}
    return facts


# --------------------------------------------------------------------------------------
# Internal entry points, run as child processes so their memory is measured apart
# --------------------------------------------------------------------------------------
def _internal_generate(raw_dir: Path, scale: float, seed: int, out: Path) -> int:
    from scripts import generate

    counts = generate.generate(raw_dir, scale, seed=seed)
    out.write_text(json.dumps({str(k): int(v) for k, v in counts.items()}, indent=1))
    return 0


def run_floor(raw_dir: Path, db_path: Path, settings: Settings) -> dict[str, object]:
    """Time `count(*)` and a typed CTAS over each raw file in a fresh DuckDB file."""
    import duckdb

    from scripts import load

    for leftover in (db_path, db_path.with_name(db_path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    settings.temp_directory.mkdir(parents=True, exist_ok=True)
    files = []
    con = duckdb.connect(str(db_path))
    try:
        con.execute(f"set threads = {int(settings.threads)}")
        con.execute(f"set memory_limit = {sql_string(settings.memory_limit)}")
        con.execute(f"set temp_directory = {sql_string(str(settings.temp_directory))}")
        con.execute("set preserve_insertion_order = false")
        con.execute("set enable_progress_bar = false")
        for spec in ALL_FILES:
            path = load.locate(raw_dir, spec).resolve()
            started = time.perf_counter()
            rows = con.execute(f"select count(*) from {read_csv_sql(spec, path)}").fetchone()[0]
            count_seconds = time.perf_counter() - started
            started = time.perf_counter()
            con.execute(
                f"create table {sql_identifier(spec.table)} as {typed_select_sql(spec, path)}"
            )
            ctas_seconds = time.perf_counter() - started
            files.append(
                {
                    "table": spec.table,
                    "rows": int(rows),
                    "count_seconds": round(count_seconds, 4),
                    "ctas_seconds": round(ctas_seconds, 4),
                }
            )
            print(
                f"{spec.table}: {rows:,} rows, count {count_seconds:.2f} s, "
                f"typed CTAS {ctas_seconds:.2f} s",
                flush=True,
            )
        started = time.perf_counter()
        con.execute("checkpoint")
        checkpoint_seconds = time.perf_counter() - started
    finally:
        con.close()
    count_total = sum(f["count_seconds"] for f in files)
    ctas_total = sum(f["ctas_seconds"] for f in files)
    return {
        "seconds": round(count_total + ctas_total + checkpoint_seconds, 4),
        "count_seconds": round(count_total, 4),
        "ctas_seconds": round(ctas_total, 4),
        "checkpoint_seconds": round(checkpoint_seconds, 4),
        "files": files,
    }


# --------------------------------------------------------------------------------------
# dbt's run_results.json and the warehouse
# --------------------------------------------------------------------------------------
def summarize_run_results(
    path: Path, top_n: int = TOP_N, build_record: Path | None = None
) -> dict[str, object]:
    """Totals by resource type and the slowest models and tests.

    With `build_record` (the first `dbt build`'s run_results, kept when a `dbt retry`
    followed it; `path` then holds the retry's): every node of the build, the retried ones
    with the time of both attempts and the retry's status, and listed under `retried`."""
    data = json.loads(path.read_text())
    retried: list[dict[str, object]] = []
    results = list(data.get("results", []))
    elapsed = float(data.get("elapsed_time") or 0.0)
    if build_record is not None:
        first = json.loads(build_record.read_text())
        again = {r.get("unique_id"): r for r in results}
        results = []
        for result in first.get("results", []):
            second = again.pop(result.get("unique_id"), None)
            if second is not None:
                retried.append(
                    {
                        "unique_id": result.get("unique_id"),
                        "first_status": result.get("status"),
                        "first_seconds": round(float(result.get("execution_time") or 0.0), 4),
                        "retry_status": second.get("status"),
                        "retry_seconds": round(float(second.get("execution_time") or 0.0), 4),
                    }
                )
                time_of_both = float(result.get("execution_time") or 0.0)
                time_of_both += float(second.get("execution_time") or 0.0)
                result = {**second, "execution_time": time_of_both}
            results.append(result)
        results.extend(again.values())
        elapsed += float(first.get("elapsed_time") or 0.0)
    rows = []
    for result in results:
        unique_id = result.get("unique_id", "")
        parts = unique_id.split(".")
        # test.<project>.<name>.<hash>; model.<project>.<name>; unit_test.<p>.<model>.<name>
        name = parts[2] if parts[0] == "test" and len(parts) > 2 else parts[-1]
        rows.append(
            {
                "unique_id": unique_id,
                "resource_type": parts[0],
                "name": name,
                "status": result.get("status"),
                "seconds": round(float(result.get("execution_time") or 0.0), 4),
            }
        )
    by_type: dict[str, dict[str, object]] = {}
    statuses: dict[str, int] = {}
    for row in rows:
        entry = by_type.setdefault(row["resource_type"], {"count": 0, "seconds": 0.0})
        entry["count"] += 1
        entry["seconds"] = round(entry["seconds"] + row["seconds"], 4)
        statuses[str(row["status"])] = statuses.get(str(row["status"]), 0) + 1

    def slowest(kind: str) -> list[dict[str, object]]:
        chosen = [r for r in rows if r["resource_type"] == kind]
        return sorted(chosen, key=lambda r: r["seconds"], reverse=True)[:top_n]

    return {
        "elapsed_seconds": round(elapsed, 3),
        "retried": retried,
        "by_resource_type": by_type,
        "status_counts": statuses,
        "model_count": sum(1 for r in rows if r["resource_type"] == "model"),
        "slowest_models": slowest("model"),
        "slowest_tests": slowest("test"),
        "slowest_unit_tests": slowest("unit_test"),
    }


def mart_row_counts(db_path: Path) -> dict[str, int]:
    """Rows of every table and view in the `marts` schema, read-only."""
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        relations = con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' order by table_name"
        ).fetchall()
        counts = {}
        for (name,) in relations:
            query = f"select count(*) from marts.{sql_identifier(name)}"
            counts[name] = int(con.execute(query).fetchone()[0])
        return counts
    finally:
        con.close()


# --------------------------------------------------------------------------------------
# Targets, report
# --------------------------------------------------------------------------------------
def _memory_limit_bytes(value: str) -> float | None:
    units = {"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "kib": 2**10, "mib": 2**20}
    units |= {"gib": 2**30, "tib": 2**40, "b": 1}
    text = value.strip().lower().replace(" ", "")
    for unit in sorted(units, key=len, reverse=True):
        if text.endswith(unit):
            try:
                return float(text[: -len(unit)]) * units[unit]
            except ValueError:
                return None
    return None


def evaluate_targets(results: dict[str, object]) -> list[dict[str, object]]:
    """Each target with the measured value and passed: true, false, or null (not measured)."""
    project = results["project"]
    rerun = results["rerun"]
    generate = results["generate"]
    settings = results["settings"]
    built = project["exit_code"] == 0
    # DuckDB's memory limit does not bound a Spark build: its memory targets are not measured.
    spark = results.get("engine") == "spark"
    limit = None if spark else _memory_limit_bytes(str(settings["memory_limit"]))

    def target(name: str, goal: str, value: object, passed: bool | None) -> dict[str, object]:
        return {"name": name, "target": goal, "value": value, "passed": passed}

    targets = [
        target(
            "full build with all tests",
            f"< {TARGET_BUILD_SECONDS:.0f} s",
            project["seconds"],
            built and project["seconds"] < TARGET_BUILD_SECONDS,
        ),
        target(
            "ratio project / floor",
            f"< {TARGET_RATIO:g}",
            results["ratio_project_to_floor"],
            None
            if results["ratio_project_to_floor"] is None
            else built and results["ratio_project_to_floor"] < TARGET_RATIO,
        ),
        target(
            "peak RSS of the build (memory limit 6GB)",
            f"< {TARGET_PEAK_RSS_BYTES // GIB} GiB",
            project["peak_rss_bytes"],
            # measured on a run with the 6GB limit (6GB or 6GiB) only
            project["peak_rss_bytes"] < TARGET_PEAK_RSS_BYTES
            if limit is not None and 5.9e9 <= limit <= 6.5e9
            else None,
        ),
        target(
            "build completes with memory limit 3GB",
            "exit 0",
            project["exit_code"],
            built if limit is not None and limit <= 3e9 else None,
        ),
        target(
            "second run, raw files unchanged",
            f"< {TARGET_RERUN_FRACTION:.0%} of the first",
            rerun["fraction_of_first"],
            None
            if rerun["fraction_of_first"] is None
            else rerun["exit_code"] == 0 and rerun["fraction_of_first"] < TARGET_RERUN_FRACTION,
        ),
        target(
            "sample generation",
            f"< {TARGET_GENERATE_SECONDS:.0f} s",
            generate["seconds"],
            None if not generate["ran"] else generate["seconds"] < TARGET_GENERATE_SECONDS,
        ),
    ]
    return targets


def _gib(value: float | None) -> str:
    return "-" if value is None else f"{value / GIB:.2f} GiB"


def _secs(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _verdict(passed: bool | None) -> str:
    return {True: "pass", False: "MISS", None: "not measured"}[passed]


def _rerun_sentence(rerun: dict[str, object], engine: str = "duckdb") -> str:
    if engine == "spark":
        return "Second run: not run (the Spark build has no up-to-date check)."
    if rerun.get("seconds") is None:
        return "Second run: not run (the first build failed)."
    answer = {True: "yes", False: "no", None: "unknown"}
    return (
        f"Second run (raw files unchanged): {_secs(rerun['seconds'])} s, "
        f"rebuilt: {answer[rerun.get('rebuilt')]}, project or raw files changed since the "
        f"first build: {answer[rerun.get('inputs_changed_since_first_build')]}."
    )


def render_markdown(results: dict[str, object]) -> str:
    machine = results["machine"]
    settings = results["settings"]
    project = results["project"]
    floor = results["floor"]
    ratio = results["ratio_project_to_floor"]
    lines = [
        f"# Benchmark {results['label']} ({results['started_at']})",
        "",
        f"Engine {results.get('engine', 'duckdb')}; the floor is DuckDB reading the raw files.",
        f"Scale {results['scale']} on {machine['cores']} cores, "
        f"{_gib(machine['memory_total_bytes'])} RAM; python {machine['python']}, "
        f"duckdb {machine['duckdb']}, dbt-core {machine['dbt_core']}, "
        f"dbt-duckdb {machine['dbt_duckdb']}.",
        f"Settings: threads {settings['threads']}, dbt threads "
        f"{settings.get('dbt_threads') or '-'}, "
        f"memory_limit {settings['memory_limit']}, "
        "preserve_insertion_order false, spilling to the temp directory.",
        "",
        "## Stages",
        "",
        "| stage | seconds | peak RSS (process tree) | peak spill | exit |",
        "|---|---:|---:|---:|---:|",
    ]
    for stage in results["stages"]:
        lines.append(
            f"| {stage['name']} | {_secs(stage['seconds'])} | {_gib(stage['peak_rss_bytes'])} "
            f"| {_gib(stage['peak_temp_bytes'])} | {stage['exit_code']} |"
        )
    ratio_text = "-" if ratio is None else f"{ratio:.2f}"
    lines += [
        "",
        f"**Ratio project / floor: {ratio_text}** (build {_secs(project['seconds'])} s, "
        f"floor {_secs(floor['seconds'])} s of DuckDB queries: count(*) "
        f"{_secs(floor['count_seconds'])} s + typed CTAS {_secs(floor['ctas_seconds'])} s "
        f"+ checkpoint {_secs(floor['checkpoint_seconds'])} s).",
        "",
        "Inside the build: "
        + ", ".join(f"{name} {_secs(value)} s" for name, value in project["phases"].items())
        + f"; dbt build elapsed {_secs(project['dbt_elapsed_seconds'])} s.",
        *_retried_sentence(project.get("retried") or []),
        ("Warehouse folder (parquet)" if results.get("engine") == "spark" else "Warehouse file")
        + f": {_gib(results['warehouse']['size_bytes'])}.",
        _rerun_sentence(results["rerun"], str(results.get("engine", "duckdb"))),
        "",
        "## Targets",
        "",
        "| target | goal | measured | verdict |",
        "|---|---|---:|---|",
    ]
    for item in results["targets"]:
        value = "-" if item["value"] is None else item["value"]
        if isinstance(value, float):
            value = f"{value:.3g}"
        if "RSS" in item["name"] and isinstance(item["value"], int):
            value = _gib(item["value"])
        lines.append(
            f"| {item['name']} | {item['target']} | {value} | {_verdict(item['passed'])} |"
        )
    lines += [
        "",
        "## dbt by resource type",
        "",
        "| resource type | count | seconds (sum) |",
        "|---|---:|---:|",
    ]
    for kind, entry in sorted(project["by_resource_type"].items()):
        lines.append(f"| {kind} | {entry['count']} | {_secs(entry['seconds'])} |")
    for title, key in (("Slowest models", "slowest_models"), ("Slowest tests", "slowest_tests")):
        lines += ["", f"## {title}", "", "| node | seconds | status |", "|---|---:|---|"]
        for row in project[key]:
            lines.append(f"| {row['name']} | {row['seconds']:.2f} | {row['status']} |")
    lines += ["", "## Floor per file", "", "| raw file | rows | count(*) s | typed CTAS s |"]
    lines.append("|---|---:|---:|---:|")
    for row in floor["files"]:
        lines.append(
            f"| {row['table']} | {row['rows']:,} | {row['count_seconds']:.2f} "
            f"| {row['ctas_seconds']:.2f} |"
        )
    lines += ["", "## Mart row counts", "", "| relation | rows |", "|---|---:|"]
    for name, rows in results["warehouse"]["mart_row_counts"].items():
        lines.append(f"| {name} | {rows:,} |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------
# The benchmark
# --------------------------------------------------------------------------------------
def scale_label(scale: float) -> str:
    text = f"{scale:.6f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _fresh_warehouse(published: Path) -> None:
    """Remove a previous benchmark's warehouse so the first build starts from nothing."""
    for leftover in (
        published,
        published.with_name(published.name + ".wal"),
        published.with_name(published.name + ".bak"),
    ):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(published.parent / ".build", ignore_errors=True)


def inputs_changed_since_build(raw_dir: Path, published: Path) -> bool | None:
    """Whether the inputs scripts/build.py fingerprints differ from those of the last build."""
    from scripts import build, load

    try:
        saved = json.loads(build.fingerprint_path(published).read_text())
        current = build.input_fingerprint(load.check_all(raw_dir))
    except (OSError, ValueError, load.LoadError):
        return None
    return saved != current


def _retried_sentence(retried: list[dict[str, object]]) -> list[str]:
    """The nodes `dbt retry` ran again after they ran out of memory, for the report."""
    if not retried:
        return []
    items = [
        f"{str(r['unique_id']).split('.')[2]} ({r['first_status']} in "
        f"{_secs(r['first_seconds'])} s, then {r['retry_status']} in "
        f"{_secs(r['retry_seconds'])} s)"
        for r in retried
    ]
    return [
        "Out of memory, run again in a new dbt process (`dbt retry`, times included above): "
        + "; ".join(items)
        + "."
    ]


def dbt_threads_used(build: Stage) -> int | None:
    """How many nodes at once the build ran, from the line scripts/build.py prints."""
    for _seconds, line in build.lines:
        found = re.search(r"\[build\] write \+ audit:.*?(\d+) at a time", line)
        if found:
            return int(found.group(1))
    return None


def _build_phases(stage: Stage, dbt_elapsed: float | None) -> dict[str, float | None]:
    """Split the build's wall time at the lines scripts/build.py prints."""
    write_at = stage.first_line_time("[build] write:")
    dbt_at = stage.first_line_time("[build] write + audit:")
    phases: dict[str, float | None] = {
        "start, file checks and gzip verification": write_at,
        "registration and dbt deps": None,
        "dbt build (wall, incl. dbt start-up)": None,
        "publish and exit": None,
    }
    if write_at is not None and dbt_at is not None:
        phases["registration and dbt deps"] = dbt_at - write_at
    if dbt_at is not None:
        published_at = stage.first_line_time("[build] published")
        end = published_at if published_at is not None else stage.seconds
        phases["dbt build (wall, incl. dbt start-up)"] = end - dbt_at
        phases["publish and exit"] = stage.seconds - end
    return {k: None if v is None else round(v, 3) for k, v in phases.items()}


def run_benchmark(args: argparse.Namespace) -> int:
    started_at = datetime.now(UTC)
    scale_text = scale_label(args.scale)
    spark = args.engine == "spark"
    label = args.label or f"scale-{scale_text}" + ("-spark" if spark else "")
    # Paths given on the command line are relative to the current folder; defaults to the repo.
    default_raw = PROJECT_DIR / "data" / "bench" / f"scale-{scale_text}"
    raw_dir = args.raw_dir.resolve() if args.raw_dir else default_raw
    work_dir = args.work_dir.resolve() if args.work_dir else PROJECT_DIR / DEFAULT_WORK_DIR
    if args.results_dir is not None:
        results_dir = args.results_dir.resolve()
    else:
        results_dir = work_dir / "results" if args.no_save else PROJECT_DIR / DEFAULT_RESULTS_DIR
    work_dir.mkdir(parents=True, exist_ok=True)
    settings = settings_from_env(work_dir)
    settings.temp_directory.mkdir(parents=True, exist_ok=True)
    env = settings.env(dict(os.environ))
    env["DBT_PROFILES_DIR"] = str(PROJECT_DIR)
    env["DBT_LOG_PATH"] = str(work_dir / "logs")
    env["PYTHONUNBUFFERED"] = "1"
    _say(f"scale {scale_text}, raw files in {raw_dir}, work folder {work_dir}")
    _say(f"engine {args.engine}, threads {settings.threads}, memory_limit {settings.memory_limit}")
    stages: list[Stage] = []
    failed: list[str] = []

    # 1. generate (or reuse)
    generate: dict[str, object] = {"ran": False, "seconds": None, "rows": None}
    if raw_data_present(raw_dir):
        _say(f"reusing the raw files in {raw_dir}")
    else:
        counts_file = work_dir / "generated_counts.json"
        counts_file.unlink(missing_ok=True)
        stage = run_stage(
            "generate",
            [_python(), "-m", "scripts.bench", "_generate", "--raw-dir", str(raw_dir),
             "--scale", repr(args.scale), "--seed", str(args.seed), "--out", str(counts_file)],
            env,
            settings.temp_directory,
        )  # fmt: skip
        stages.append(stage)
        generate = {"ran": True, "seconds": round(stage.seconds, 3), "rows": None}
        if stage.exit_code != 0 or not counts_file.exists():
            _say("the sample generator failed: nothing else can be measured")
            return 1
        generate["rows"] = json.loads(counts_file.read_text())
    raw_files = raw_file_facts(raw_dir)

    # 2. floor
    floor_db = work_dir / "floor.duckdb"
    floor_out = work_dir / "floor.json"
    floor_out.unlink(missing_ok=True)
    stage = run_stage(
        "floor",
        [_python(), "-m", "scripts.bench", "_floor", "--raw-dir", str(raw_dir),
         "--db", str(floor_db), "--out", str(floor_out)],
        env,
        settings.temp_directory,
    )  # fmt: skip
    stages.append(stage)
    empty_floor = {"seconds": None, "count_seconds": None, "ctas_seconds": None}
    empty_floor |= {"checkpoint_seconds": None, "files": []}
    floor = json.loads(floor_out.read_text()) if floor_out.exists() else empty_floor
    floor["stage_seconds"] = round(stage.seconds, 3)
    floor["peak_rss_bytes"] = stage.peak_rss_bytes
    if stage.exit_code != 0:
        failed.append("floor")
    for leftover in (floor_db, floor_db.with_name(floor_db.name + ".wal")):
        leftover.unlink(missing_ok=True)  # gigabytes at scale 1.0: not kept

    # 3. project: a first build into a fresh warehouse; gzip verification is part of it
    published = work_dir / "warehouse.duckdb"
    spark_dir = work_dir / "spark"
    target_path = work_dir / "target"
    _fresh_warehouse(published)
    shutil.rmtree(spark_dir, ignore_errors=True)
    shutil.rmtree(target_path, ignore_errors=True)
    (raw_dir / ".verified.json").unlink(missing_ok=True)
    build_command = [_python(), "-m", "scripts.build", "--raw-dir", str(raw_dir),
                     "--db", str(published), "--target-path", str(target_path)]  # fmt: skip
    if spark:
        # the same build on a local Spark session (make run ENGINE=spark); no rerun check there
        build_command = [
            _python(), "-m", "scripts.spark", "build", "--raw-dir", str(raw_dir),
            "--spark-dir", str(spark_dir), "--target-path", str(target_path),
        ]  # fmt: skip
    stage = build_stage = run_stage(
        "build", build_command if spark else [*build_command, "--force"], env,
        settings.temp_directory,
    )  # fmt: skip
    stages.append(stage)
    run_results = target_path / "run_results.json"
    dbt_summary: dict[str, object] = {
        "elapsed_seconds": None,
        "by_resource_type": {},
        "status_counts": {},
        "model_count": 0,
        "slowest_models": [],
        "slowest_tests": [],
        "slowest_unit_tests": [],
        "retried": [],
    }
    build_run_results = target_path / BUILD_RUN_RESULTS
    if run_results.exists():
        dbt_summary = summarize_run_results(
            run_results,
            build_record=build_run_results if build_run_results.exists() else None,
        )
    dbt_elapsed = dbt_summary.pop("elapsed_seconds")
    outside_dbt = None if dbt_elapsed is None else round(stage.seconds - dbt_elapsed, 3)
    project = {
        "seconds": round(stage.seconds, 3),
        "exit_code": stage.exit_code,
        "peak_rss_bytes": stage.peak_rss_bytes,
        "peak_temp_bytes": stage.peak_temp_bytes,
        "dbt_elapsed_seconds": dbt_elapsed,
        "outside_dbt_seconds": outside_dbt,
        "phases": _build_phases(stage, dbt_elapsed),
        **dbt_summary,
    }
    if stage.exit_code != 0:
        failed.append("build")

    # 4. the second run, raw files unchanged
    rerun: dict[str, object] = {"seconds": None, "exit_code": None, "fraction_of_first": None}
    if stage.exit_code == 0 and not spark:
        # A rebuild here is only fair to count when nothing changed since the first build
        # started; in a repository being edited, project files may have.
        changed = inputs_changed_since_build(raw_dir, published)
        if changed:
            _say("warning: project or raw files changed since the first build: it will rebuild")
        second = run_stage("rerun (unchanged)", build_command, env, settings.temp_directory)
        stages.append(second)
        rerun = {
            "seconds": round(second.seconds, 3),
            "exit_code": second.exit_code,
            "peak_rss_bytes": second.peak_rss_bytes,
            "fraction_of_first": round(second.seconds / stage.seconds, 4),
            "rebuilt": not any("up to date" in line for _t, line in second.lines),
            "inputs_changed_since_first_build": changed,
        }
        if second.exit_code != 0:
            failed.append("rerun")

    # 5. the warehouse
    warehouse: dict[str, object] = {"size_bytes": None, "mart_row_counts": {}}
    if spark and (spark_dir / "warehouse").exists():
        warehouse["size_bytes"] = directory_bytes(spark_dir / "warehouse")
    elif published.exists():
        warehouse["size_bytes"] = published.stat().st_size
        warehouse["mart_row_counts"] = mart_row_counts(published)

    floor_seconds = floor.get("seconds")
    ratio = None
    if floor_seconds and project["exit_code"] == 0:
        ratio = round(project["seconds"] / floor_seconds, 4)
    results: dict[str, object] = {
        "schema_version": RESULTS_SCHEMA_VERSION,
        "label": label,
        "engine": args.engine,
        "scale": args.scale,
        "started_at": started_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "finished_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine_facts(),
        "settings": settings.as_dict() | {"dbt_threads": dbt_threads_used(build_stage)},
        "raw": {
            "dir": _display_path(raw_dir),
            "files": raw_files,
            "total_bytes": sum(int(f["bytes"]) for f in raw_files.values()),
        },
        "generate": generate,
        "stages": [s.as_dict() for s in stages],
        "floor": floor,
        "project": project,
        "rerun": rerun,
        "ratio_project_to_floor": ratio,
        "warehouse": warehouse,
        "failed_stages": failed,
    }
    results["settings"]["temp_directory"] = _display_path(settings.temp_directory)
    results["targets"] = evaluate_targets(results)

    results_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{label}-{started_at.strftime('%Y%m%dT%H%M%SZ')}"
    json_path = results_dir / f"{stem}.json"
    md_path = results_dir / f"{stem}.md"
    json_path.write_text(json.dumps(results, indent=1) + "\n")
    md_path.write_text(render_markdown(results))

    print()
    for item in results["stages"]:
        print(
            f"  {item['name']:<20} {_secs(item['seconds']):>9} s"
            f"   peak RSS {_gib(item['peak_rss_bytes'])}"
        )
    for item in results["targets"]:
        print(f"  target {item['name']}: {_verdict(item['passed'])}")
    ratio_text = "-" if ratio is None else f"{ratio:.2f}"
    print(f"\nratio project / floor: {ratio_text}")
    _say(f"results: {json_path} and {md_path.name}")
    if failed:
        _say(f"stage(s) failed: {', '.join(failed)} (results written anyway)")
        return 1
    return 0


def _display_path(path: Path) -> str:
    """Relative to the repository when inside it, else only the folder's own name.

    Results are committed: they must not carry the machine's paths.
    """
    try:
        return str(path.resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return f"<outside the repository>/{path.name}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--scale", type=float, required=True, help="1.0 = real IMDB row counts")
    parser.add_argument("--raw-dir", type=Path, default=None, help="default data/bench/scale-S")
    parser.add_argument("--work-dir", type=Path, default=None, help="default bench/work")
    parser.add_argument("--results-dir", type=Path, default=None, help="default bench/results")
    parser.add_argument("--label", default=None, help="results file name prefix")
    parser.add_argument("--seed", type=int, default=42, help="generator seed")
    parser.add_argument(
        "--engine", choices=("duckdb", "spark"), default="duckdb", help="the build's engine"
    )
    parser.add_argument(
        "--no-save", action="store_true", help="write results to the work folder instead"
    )
    return parser


def _internal_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench (internal)")
    parser.add_argument("stage", choices=("_generate", "_floor"))
    parser.add_argument("--raw-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--scale", type=float)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    if args.stage == "_generate":
        return _internal_generate(args.raw_dir, args.scale, args.seed, args.out)
    settings = settings_from_env(args.db.parent)
    floor = run_floor(args.raw_dir, args.db, settings)
    args.out.write_text(json.dumps(floor, indent=1))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("_generate", "_floor"):
        return _internal_main(argv)
    args = build_parser().parse_args(argv)
    if args.scale <= 0:
        print("error: --scale must be positive", file=sys.stderr)
        return 2
    if args.label is not None and (not args.label or "/" in args.label or "\\" in args.label):
        print("error: --label must be a plain name (no path separators)", file=sys.stderr)
        return 2
    try:
        return run_benchmark(args)
    except KeyboardInterrupt:
        print("\n[bench] interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
