"""The Markdown report of one benchmark, rendered from its JSON results alone.

`render_markdown` reads nothing but the results dictionary, so a committed `.json` renders to
its `.md` again. The formatting helpers are shared with the benchmark's console output.
"""

from __future__ import annotations

from scripts.bench.settings import GIB


def gib(value: float | None) -> str:
    return "-" if value is None else f"{value / GIB:.2f} GiB"


def secs(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def verdict(passed: bool | None) -> str:
    return {True: "pass", False: "MISS", None: "not measured"}[passed]


def _retried_sentence(retried: list[dict[str, object]]) -> list[str]:
    """The nodes `dbt retry` ran again after they ran out of memory, for the report."""
    if not retried:
        return []
    items = [
        f"{str(r['unique_id']).split('.')[2]} ({r['first_status']} in "
        f"{secs(r['first_seconds'])} s, then {r['retry_status']} in "
        f"{secs(r['retry_seconds'])} s)"
        for r in retried
    ]
    return [
        "Out of memory, run again in a new dbt process (`dbt retry`, times included above): "
        + "; ".join(items)
        + "."
    ]


def _rerun_sentence(rerun: dict[str, object], engine: str = "duckdb") -> str:
    if engine == "spark":
        return "Second run: not run (the Spark build has no up-to-date check)."
    if rerun.get("seconds") is None:
        return "Second run: not run (the first build failed)."
    answer = {True: "yes", False: "no", None: "unknown"}
    return (
        f"Second run (raw files unchanged): {secs(rerun['seconds'])} s, "
        f"rebuilt: {answer[rerun.get('rebuilt')]}, project or raw files changed since the "
        f"first build: {answer[rerun.get('inputs_changed_since_first_build')]}."
    )


def _second_day_lines(results: dict[str, object]) -> list[str]:
    """The second day's build: its time and where it goes, and what it changed in the marts."""
    day = results.get("second_day")
    if not day:
        return []
    lines = ["", "## Second day", ""]
    build = day.get("build")
    if build is None:
        return [*lines, f"The day-2 files could not be generated in {day['raw_dir']}."]
    generated = day["generate"]
    made = (
        f"generated in {secs(generated['seconds'])} s"
        if generated.get("ran")
        else "reused from an earlier run"
    )
    lines += [
        f"The generator's day-2 files ({day['raw_dir']}, {made}) built on top of the first "
        f"day's warehouse: {secs(build['seconds'])} s, exit {build['exit_code']}, peak RSS "
        f"{gib(build['peak_rss_bytes'])}. Inside the build: "
        + ", ".join(f"{name} {secs(value)} s" for name, value in build["phases"].items())
        + f"; dbt build elapsed {secs(build['dbt_elapsed_seconds'])} s.",
        *_retried_sentence(build.get("retried") or []),
        "",
        "| resource type | count | seconds (sum) |",
        "|---|---:|---:|",
    ]
    for kind, entry in sorted(build["by_resource_type"].items()):
        lines.append(f"| {kind} | {entry['count']} | {secs(entry['seconds'])} |")
    for title, key in (("models", "slowest_models"), ("tests", "slowest_tests")):
        lines += ["", f"Slowest {title} of the second day:", "", "| node | seconds | status |"]
        lines.append("|---|---:|---|")
        for row in build[key]:
            lines.append(f"| {row['name']} | {row['seconds']:.2f} | {row['status']} |")
    first = results["warehouse"]["mart_row_counts"]
    lines += ["", "| relation | rows, day 1 | rows, day 2 | change |", "|---|---:|---:|---:|"]
    for name, rows in day["mart_row_counts"].items():
        before = first.get(name)
        change = "-" if before is None else f"{rows - before:+,}"
        before_text = "-" if before is None else f"{before:,}"
        lines.append(f"| {name} | {before_text} | {rows:,} | {change} |")
    return lines


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
        f"{gib(machine['memory_total_bytes'])} RAM; python {machine['python']}, "
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
            f"| {stage['name']} | {secs(stage['seconds'])} | {gib(stage['peak_rss_bytes'])} "
            f"| {gib(stage['peak_temp_bytes'])} | {stage['exit_code']} |"
        )
    ratio_text = "-" if ratio is None else f"{ratio:.2f}"
    lines += [
        "",
        f"**Ratio project / floor: {ratio_text}** (build {secs(project['seconds'])} s, "
        f"floor {secs(floor['seconds'])} s of DuckDB queries: count(*) "
        f"{secs(floor['count_seconds'])} s + typed CTAS {secs(floor['ctas_seconds'])} s "
        f"+ checkpoint {secs(floor['checkpoint_seconds'])} s).",
        "",
        "Inside the build: "
        + ", ".join(f"{name} {secs(value)} s" for name, value in project["phases"].items())
        + f"; dbt build elapsed {secs(project['dbt_elapsed_seconds'])} s.",
        *_retried_sentence(project.get("retried") or []),
        ("Warehouse folder (parquet)" if results.get("engine") == "spark" else "Warehouse file")
        + f": {gib(results['warehouse']['size_bytes'])}.",
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
            value = gib(item["value"])
        lines.append(f"| {item['name']} | {item['target']} | {value} | {verdict(item['passed'])} |")
    lines += [
        "",
        "## dbt by resource type",
        "",
        "| resource type | count | seconds (sum) |",
        "|---|---:|---:|",
    ]
    for kind, entry in sorted(project["by_resource_type"].items()):
        lines.append(f"| {kind} | {entry['count']} | {secs(entry['seconds'])} |")
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
    lines += _second_day_lines(results)
    return "\n".join(lines) + "\n"
