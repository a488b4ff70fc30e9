"""One benchmark run, from the raw files to the results on disk.

1. generate: the sample data at scale S (only when the raw folder lacks it);
2. floor:    DuckDB reading every raw file once, typed (`scripts/bench/floor.py`);
3. build:    `python -m scripts.build --force` into a fresh warehouse (or the Spark build),
             then per-model and per-test times from dbt's run_results.json;
4. rerun:    the same build again without --force, raw files unchanged (should do nothing);
5. the warehouse: file size and the row count of every relation in the `marts` schema;
6. with --second-day: the next day's files (the generator's day 2: new titles, changed
   ratings, end years and runtimes, deaths, new orders) generated beside the raw folder,
   then built on top of the warehouse as a daily `make run` would (snapshots included), with
   its own per-node times and row counts.

Every stage runs in a child process while the memory of the process tree is sampled. The
results go to `<label>-<UTC time>.json` and `.md` in the results folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from scripts.bench.markdown import gib, render_markdown, secs, verdict
from scripts.bench.results import (
    build_phases,
    dbt_threads_used,
    evaluate_targets,
    mart_row_counts,
    summarize_run_results,
)
from scripts.bench.sampling import directory_bytes
from scripts.bench.settings import PROJECT_DIR, display_path, machine_facts, settings_from_env
from scripts.bench.stages import (
    Stage,
    python_executable,
    raw_data_present,
    raw_file_facts,
    run_stage,
    say,
)
from scripts.build import BUILD_RUN_RESULTS

DEFAULT_WORK_DIR = Path("bench/work")
DEFAULT_RESULTS_DIR = Path("bench/results")
RESULTS_SCHEMA_VERSION = 1


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


def _paths(args: argparse.Namespace, scale_text: str) -> tuple[Path, Path, Path]:
    """The raw, work and results folders: command-line paths are relative to the current
    folder; the defaults are in the repository."""
    default_raw = PROJECT_DIR / "data" / "bench" / f"scale-{scale_text}"
    raw_dir = args.raw_dir.resolve() if args.raw_dir else default_raw
    work_dir = args.work_dir.resolve() if args.work_dir else PROJECT_DIR / DEFAULT_WORK_DIR
    if args.results_dir is not None:
        results_dir = args.results_dir.resolve()
    else:
        results_dir = work_dir / "results" if args.no_save else PROJECT_DIR / DEFAULT_RESULTS_DIR
    return raw_dir, work_dir, results_dir


def _generate(
    args: argparse.Namespace,
    raw_dir: Path,
    work_dir: Path,
    env: dict[str, str],
    temp_dir: Path,
    day: int = 1,
) -> tuple[Stage, dict[str, object]]:
    """Generate the raw files of `day` in a child process."""
    counts_file = work_dir / "generated_counts.json"
    counts_file.unlink(missing_ok=True)
    stage = run_stage(
        "generate" if day == 1 else f"generate (day {day})",
        [python_executable(), "-m", "scripts.bench", "_generate", "--raw-dir", str(raw_dir),
         "--scale", repr(args.scale), "--seed", str(args.seed), "--day", str(day),
         "--out", str(counts_file)],
        env,
        temp_dir,
    )  # fmt: skip
    generate: dict[str, object] = {"ran": True, "seconds": round(stage.seconds, 3), "rows": None}
    if stage.exit_code != 0 or not counts_file.exists():
        return stage, generate
    generate["rows"] = json.loads(counts_file.read_text())
    return stage, generate


def _floor(
    raw_dir: Path, work_dir: Path, env: dict[str, str], temp_dir: Path
) -> tuple[Stage, dict[str, object]]:
    """The floor in a child process, in a DuckDB file that is removed afterwards."""
    floor_db = work_dir / "floor.duckdb"
    floor_out = work_dir / "floor.json"
    floor_out.unlink(missing_ok=True)
    stage = run_stage(
        "floor",
        [python_executable(), "-m", "scripts.bench", "_floor", "--raw-dir", str(raw_dir),
         "--db", str(floor_db), "--out", str(floor_out)],
        env,
        temp_dir,
    )  # fmt: skip
    empty_floor = {"seconds": None, "count_seconds": None, "ctas_seconds": None}
    empty_floor |= {"checkpoint_seconds": None, "files": []}
    floor = json.loads(floor_out.read_text()) if floor_out.exists() else empty_floor
    floor["stage_seconds"] = round(stage.seconds, 3)
    floor["peak_rss_bytes"] = stage.peak_rss_bytes
    for leftover in (floor_db, floor_db.with_name(floor_db.name + ".wal")):
        leftover.unlink(missing_ok=True)  # gigabytes at scale 1.0: not kept
    return stage, floor


def _project(stage: Stage, target_path: Path) -> dict[str, object]:
    """The first build's facts: its stage, its phases, and dbt's run results summarised."""
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
    return {
        "seconds": round(stage.seconds, 3),
        "exit_code": stage.exit_code,
        "peak_rss_bytes": stage.peak_rss_bytes,
        "peak_temp_bytes": stage.peak_temp_bytes,
        "dbt_elapsed_seconds": dbt_elapsed,
        "outside_dbt_seconds": outside_dbt,
        "phases": build_phases(stage, dbt_elapsed),
        **dbt_summary,
    }


def _rerun(
    first: Stage,
    build_command: list[str],
    raw_dir: Path,
    published: Path,
    env: dict[str, str],
    temp_dir: Path,
) -> tuple[Stage, dict[str, object]]:
    """The same build again without --force: with nothing changed, it should do nothing."""
    # A rebuild here is only fair to count when nothing changed since the first build
    # started; in a repository being edited, project files may have.
    changed = inputs_changed_since_build(raw_dir, published)
    if changed:
        say("warning: project or raw files changed since the first build: it will rebuild")
    second = run_stage("rerun (unchanged)", build_command, env, temp_dir)
    return second, {
        "seconds": round(second.seconds, 3),
        "exit_code": second.exit_code,
        "peak_rss_bytes": second.peak_rss_bytes,
        "fraction_of_first": round(second.seconds / first.seconds, 4),
        "rebuilt": not any("up to date" in line for _t, line in second.lines),
        "inputs_changed_since_first_build": changed,
    }


def _second_day(
    args: argparse.Namespace,
    raw_dir: Path,
    work_dir: Path,
    published: Path,
    env: dict[str, str],
    temp_dir: Path,
) -> tuple[list[Stage], dict[str, object]]:
    """The next day's files built on top of the first day's warehouse, as a daily run would:
    generated once beside the raw folder (`<raw folder>-day2`) and reused after."""
    stages: list[Stage] = []
    day2_dir = raw_dir.with_name(raw_dir.name + "-day2")
    generate: dict[str, object] = {"ran": False, "seconds": None, "rows": None}
    if raw_data_present(day2_dir):
        say(f"reusing the day-2 raw files in {day2_dir}")
    else:
        stage, generate = _generate(args, day2_dir, work_dir, env, temp_dir, day=2)
        stages.append(stage)
        if generate["rows"] is None:
            return stages, {"raw_dir": display_path(day2_dir), "generate": generate}
    (day2_dir / ".verified.json").unlink(missing_ok=True)  # the gzip checks are measured too
    target_path = work_dir / "target-day2"
    shutil.rmtree(target_path, ignore_errors=True)
    command = [python_executable(), "-m", "scripts.build", "--raw-dir", str(day2_dir),
               "--db", str(published), "--target-path", str(target_path)]  # fmt: skip
    stage = run_stage("second day", command, env, temp_dir)
    stages.append(stage)
    second_day: dict[str, object] = {
        "raw_dir": display_path(day2_dir),
        "generate": generate,
        "build": _project(stage, target_path),
        "mart_row_counts": mart_row_counts(published) if stage.exit_code == 0 else {},
    }
    return stages, second_day


def _warehouse(spark: bool, spark_dir: Path, published: Path) -> dict[str, object]:
    """The built warehouse's size, and the row count of every relation in `marts`."""
    warehouse: dict[str, object] = {"size_bytes": None, "mart_row_counts": {}}
    if spark and (spark_dir / "warehouse").exists():
        warehouse["size_bytes"] = directory_bytes(spark_dir / "warehouse")
    elif published.exists():
        warehouse["size_bytes"] = published.stat().st_size
        warehouse["mart_row_counts"] = mart_row_counts(published)
    return warehouse


def _print_summary(results: dict[str, object]) -> None:
    print()
    for item in results["stages"]:
        print(
            f"  {item['name']:<20} {secs(item['seconds']):>9} s"
            f"   peak RSS {gib(item['peak_rss_bytes'])}"
        )
    for item in results["targets"]:
        print(f"  target {item['name']}: {verdict(item['passed'])}")
    ratio = results["ratio_project_to_floor"]
    ratio_text = "-" if ratio is None else f"{ratio:.2f}"
    print(f"\nratio project / floor: {ratio_text}")


def run_benchmark(args: argparse.Namespace) -> int:
    """Run every stage, write the JSON and Markdown results; 1 when a stage failed, else 0."""
    started_at = datetime.now(UTC)
    scale_text = scale_label(args.scale)
    spark = args.engine == "spark"
    label = args.label or f"scale-{scale_text}" + ("-spark" if spark else "")
    raw_dir, work_dir, results_dir = _paths(args, scale_text)
    work_dir.mkdir(parents=True, exist_ok=True)
    settings = settings_from_env(work_dir)
    temp_dir = settings.temp_directory
    temp_dir.mkdir(parents=True, exist_ok=True)
    env = settings.env(dict(os.environ))
    env["DBT_PROFILES_DIR"] = str(PROJECT_DIR)
    env["DBT_LOG_PATH"] = str(work_dir / "logs")
    env["PYTHONUNBUFFERED"] = "1"
    say(f"scale {scale_text}, raw files in {raw_dir}, work folder {work_dir}")
    say(f"engine {args.engine}, threads {settings.threads}, memory_limit {settings.memory_limit}")
    stages: list[Stage] = []
    failed: list[str] = []

    # 1. generate (or reuse)
    generate: dict[str, object] = {"ran": False, "seconds": None, "rows": None}
    if raw_data_present(raw_dir):
        say(f"reusing the raw files in {raw_dir}")
    else:
        stage, generate = _generate(args, raw_dir, work_dir, env, temp_dir)
        stages.append(stage)
        if generate["rows"] is None:
            say("the sample generator failed: nothing else can be measured")
            return 1
    raw_files = raw_file_facts(raw_dir)

    # 2. floor
    stage, floor = _floor(raw_dir, work_dir, env, temp_dir)
    stages.append(stage)
    if stage.exit_code != 0:
        failed.append("floor")

    # 3. project: a first build into a fresh warehouse; gzip verification is part of it
    published = work_dir / "warehouse.duckdb"
    spark_dir = work_dir / "spark"
    target_path = work_dir / "target"
    _fresh_warehouse(published)
    shutil.rmtree(spark_dir, ignore_errors=True)
    shutil.rmtree(target_path, ignore_errors=True)
    (raw_dir / ".verified.json").unlink(missing_ok=True)
    build_command = [python_executable(), "-m", "scripts.build", "--raw-dir", str(raw_dir),
                     "--db", str(published), "--target-path", str(target_path)]  # fmt: skip
    if spark:
        # the same build on a local Spark session (make run ENGINE=spark); no rerun check there
        build_command = [
            python_executable(), "-m", "scripts.spark", "build", "--raw-dir", str(raw_dir),
            "--spark-dir", str(spark_dir), "--target-path", str(target_path),
        ]  # fmt: skip
    build_stage = run_stage(
        "build", build_command if spark else [*build_command, "--force"], env, temp_dir
    )
    stages.append(build_stage)
    project = _project(build_stage, target_path)
    if build_stage.exit_code != 0:
        failed.append("build")

    # 4. the second run, raw files unchanged
    rerun: dict[str, object] = {"seconds": None, "exit_code": None, "fraction_of_first": None}
    if build_stage.exit_code == 0 and not spark:
        second, rerun = _rerun(build_stage, build_command, raw_dir, published, env, temp_dir)
        stages.append(second)
        if second.exit_code != 0:
            failed.append("rerun")

    # 5. the warehouse
    warehouse = _warehouse(spark, spark_dir, published)

    # 6. the next day, on top of it
    second_day: dict[str, object] | None = None
    if args.second_day and build_stage.exit_code == 0 and not spark:
        day_stages, second_day = _second_day(args, raw_dir, work_dir, published, env, temp_dir)
        stages += day_stages
        if any(stage.exit_code != 0 for stage in day_stages):
            failed.append("second day")

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
            "dir": display_path(raw_dir),
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
        "second_day": second_day,
        "failed_stages": failed,
    }
    results["settings"]["temp_directory"] = display_path(temp_dir)
    results["targets"] = evaluate_targets(results)

    results_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{label}-{started_at.strftime('%Y%m%dT%H%M%SZ')}"
    json_path = results_dir / f"{stem}.json"
    md_path = results_dir / f"{stem}.md"
    json_path.write_text(json.dumps(results, indent=1) + "\n")
    md_path.write_text(render_markdown(results))

    _print_summary(results)
    say(f"results: {json_path} and {md_path.name}")
    if failed:
        say(f"stage(s) failed: {', '.join(failed)} (results written anyway)")
        return 1
    return 0
