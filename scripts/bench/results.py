"""What a benchmark run produced, summarised: dbt's run results, the build's phases and dbt
threads (from the lines scripts/build.py prints), the marts' row counts, and the targets."""

from __future__ import annotations

import json
import re
from pathlib import Path

from scripts.bench.settings import GIB
from scripts.bench.stages import Stage
from scripts.build import memory_limit_bytes
from scripts.raw_files import sql_identifier

TOP_N = 15

# The targets, stated for 2 cores, 24 GiB and scale 1.0.
TARGET_BUILD_SECONDS = 600.0
TARGET_GENERATE_SECONDS = 600.0
TARGET_RATIO = 2.2
TARGET_PEAK_RSS_BYTES = 8 * GIB  # under the 6GB memory limit
TARGET_PEAK_RSS_DEFAULT_BYTES = 4 * GIB  # under the default 3GB memory limit
TARGET_RERUN_FRACTION = 0.10


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


def dbt_threads_used(build: Stage) -> int | None:
    """How many nodes at once the build ran, from the line scripts/build.py prints."""
    for _seconds, line in build.lines:
        found = re.search(r"\[build\] write \+ audit:.*?(\d+) at a time", line)
        if found:
            return int(found.group(1))
    return None


def build_phases(stage: Stage, dbt_elapsed: float | None) -> dict[str, float | None]:
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


def evaluate_targets(results: dict[str, object]) -> list[dict[str, object]]:
    """Each target with the measured value and passed: true, false, or null (not measured)."""
    project = results["project"]
    rerun = results["rerun"]
    generate = results["generate"]
    settings = results["settings"]
    built = project["exit_code"] == 0
    # DuckDB's memory limit does not bound a Spark build: its memory targets are not measured.
    spark = results.get("engine") == "spark"
    limit = None if spark else memory_limit_bytes(str(settings["memory_limit"]))

    def target(name: str, goal: str, value: object, passed: bool | None) -> dict[str, object]:
        return {"name": name, "target": goal, "value": value, "passed": passed}

    def peak_target(label: str, goal: int, low: float, high: float) -> dict[str, object]:
        """The build's peak RSS against `goal`, measured only on a run whose memory limit is
        `label` (written in GB or GiB: between `low` and `high` bytes)."""
        return target(
            f"peak RSS of the build (memory limit {label})",
            f"< {goal // GIB} GiB",
            project["peak_rss_bytes"],
            project["peak_rss_bytes"] < goal
            if limit is not None and low <= limit <= high
            else None,
        )

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
        peak_target("6GB", TARGET_PEAK_RSS_BYTES, 5.9e9, 6.5e9),
        peak_target("3GB", TARGET_PEAK_RSS_DEFAULT_BYTES, 2.9e9, 3.3e9),
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
