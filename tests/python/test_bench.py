"""The benchmark harness: its parts, and a smoke run at a tiny scale (timings not checked)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from scripts import bench
from scripts.raw_files import ALL_FILES, IMDB_FILES, RawFile

REPO = Path(__file__).resolve().parents[2]
SMOKE_SCALE = "0.0001"


# ----------------------------------------------------------------------------- parts


@pytest.mark.parametrize(
    ("scale", "label"), [(1.0, "1.0"), (0.01, "0.01"), (0.0001, "0.0001"), (2.5, "2.5")]
)
def test_scale_label_has_no_exponent(scale: float, label: str) -> None:
    assert bench.scale_label(scale) == label


def test_typed_select_types_real_imdb_rows(shared_data: Path) -> None:
    """The floor's typed reading of real IMDB rows: prefixes dropped, `\\N` as NULL."""
    specs = {s.table: s for s in IMDB_FILES}
    con = duckdb.connect()
    basics = specs["imdb_title_basics"]
    path = shared_data / "imdb" / "title.basics.tsv"
    con.execute(f"create table t as {bench.typed_select_sql(basics, path)}")
    types = dict(con.execute("select column_name, column_type from (describe t)").fetchall())
    assert types["tconst"] == "BIGINT"
    assert types["startYear"] == "BIGINT"
    assert types["isAdult"] == "BOOLEAN"
    assert types["primaryTitle"] == "VARCHAR"
    # the real file's first data row is tt0000001, a short from 1894 with no end year
    first = con.execute('select tconst, "startYear", "endYear" from t where tconst = 1')
    assert first.fetchall() == [(1, 1894, None)]
    assert con.execute("select count(*) from t where genres = '\\N'").fetchone()[0] == 0
    # every id parsed: no row lost its key to try_cast
    assert con.execute("select count(*) from t where tconst is null").fetchone()[0] == 0


def test_typed_select_reads_every_real_sample_file(shared_data: Path) -> None:
    """Every file present in the real samples reads typed; money with comma decimals parses."""
    con = duckdb.connect()
    read = 0
    for spec in ALL_FILES:
        folder = shared_data / spec.domain
        candidates = [*spec.candidates, f"{spec.stem}.tsv"]
        path = next((folder / n for n in candidates if (folder / n).exists()), None)
        if path is None:
            continue
        rows = con.execute(f"select count(*) from ({bench.typed_select_sql(spec, path)})")
        assert rows.fetchone()[0] > 0, spec.table
        read += 1
    assert read == 10  # 7 IMDB + 3 bike files in the shared samples
    product = next(s for s in ALL_FILES if s.table == "bike_product")
    sql = bench.typed_select_sql(product, shared_data / "bike" / "Production.Product.csv")
    listed = con.execute(
        f"select count(*), count(ListPrice), max(ListPrice) > 0 from ({sql})"
    ).fetchone()
    assert listed[0] == 504
    assert listed[1] == 504  # comma decimals parsed: none turned into NULL
    assert listed[2] is True


def test_tree_sampler_sees_a_child_process_memory(tmp_path: Path) -> None:
    """A child holding ~300 MiB shows up in the sampled peak of the process tree."""
    ready = tmp_path / "ready"
    script = (
        "import sys, time, pathlib\n"
        "block = bytearray(300 * 1024 * 1024)\n"
        "for i in range(0, len(block), 4096): block[i] = 1\n"
        f"pathlib.Path({str(ready)!r}).write_text('x')\n"
        "time.sleep(1.5)\n"
    )
    with bench.TreeSampler(interval=0.05) as sampler:
        child = subprocess.Popen([sys.executable, "-c", script])
        deadline = time.monotonic() + 30
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        assert child.wait(timeout=30) == 0
    assert sampler.samples > 0
    assert sampler.peak_rss_bytes >= 300 * 1024 * 1024
    assert child.pid not in bench.process_tree(os.getpid())


def test_summarize_run_results_totals_and_slowest(tmp_path: Path) -> None:
    results = [
        {"unique_id": "model.warehouse.dim_titles", "status": "success", "execution_time": 3.0},
        {"unique_id": "model.warehouse.stg_a", "status": "success", "execution_time": 1.5},
        {
            "unique_id": "test.warehouse.unique_dim_titles_title_id.ab12cd34ef",
            "status": "pass",
            "execution_time": 0.25,
        },
        {
            "unique_id": "test.warehouse.not_null_stg_a_id.0123456789",
            "status": "fail",
            "execution_time": 0.75,
        },
        {
            "unique_id": "unit_test.warehouse.stg_a.test_cleaning",
            "status": "pass",
            "execution_time": 0.5,
        },
    ]
    path = tmp_path / "run_results.json"
    path.write_text(json.dumps({"elapsed_time": 9.5, "results": results}))
    summary = bench.summarize_run_results(path, top_n=1)
    assert summary["elapsed_seconds"] == 9.5
    assert summary["by_resource_type"]["model"] == {"count": 2, "seconds": 4.5}
    assert summary["by_resource_type"]["test"] == {"count": 2, "seconds": 1.0}
    assert summary["by_resource_type"]["unit_test"] == {"count": 1, "seconds": 0.5}
    assert summary["status_counts"] == {"success": 2, "pass": 2, "fail": 1}
    assert [r["name"] for r in summary["slowest_models"]] == ["dim_titles"]
    assert [r["name"] for r in summary["slowest_tests"]] == ["not_null_stg_a_id"]
    assert [r["name"] for r in summary["slowest_unit_tests"]] == ["test_cleaning"]


def test_summarize_run_results_merges_a_retry_into_the_build(tmp_path: Path) -> None:
    oom = "Out of Memory Error: failed to allocate data of size 256.0 MiB"
    first = [
        {"unique_id": "model.warehouse.dim_titles", "status": "success", "execution_time": 3.0},
        {"unique_id": "test.warehouse.heavy.ab12", "status": "error", "execution_time": 30.0,
         "message": oom},
        {"unique_id": "test.warehouse.light.cd34", "status": "pass", "execution_time": 1.0},
    ]  # fmt: skip
    again = [{"unique_id": "test.warehouse.heavy.ab12", "status": "pass", "execution_time": 38.0}]
    build_record = tmp_path / "run_results.build.json"
    build_record.write_text(json.dumps({"elapsed_time": 100.0, "results": first}))
    path = tmp_path / "run_results.json"
    path.write_text(json.dumps({"elapsed_time": 40.0, "results": again}))
    summary = bench.summarize_run_results(path, build_record=build_record)
    assert summary["elapsed_seconds"] == 140.0
    assert summary["by_resource_type"]["test"] == {"count": 2, "seconds": 69.0}
    assert summary["by_resource_type"]["model"] == {"count": 1, "seconds": 3.0}
    assert summary["status_counts"] == {"success": 1, "pass": 2}
    assert summary["retried"] == [
        {
            "unique_id": "test.warehouse.heavy.ab12",
            "first_status": "error",
            "first_seconds": 30.0,
            "retry_status": "pass",
            "retry_seconds": 38.0,
        }
    ]
    lines = bench._retried_sentence(summary["retried"])
    assert lines and "heavy (error in 30" in lines[0] and "then pass in 38" in lines[0]
    assert bench._retried_sentence([]) == []


def test_dbt_threads_are_read_from_the_build_output() -> None:
    build = bench.Stage(name="build", command=[])
    build.lines = [
        (0.1, "[build] write: starting a new warehouse"),
        (2.0, "[build] write + audit: dbt build (models, seeds, snapshots and every test), "
              "1 at a time"),
    ]  # fmt: skip
    assert bench.dbt_threads_used(build) == 1
    build.lines[1] = (2.0, build.lines[1][1].replace("1 at a time", "2 at a time"))
    assert bench.dbt_threads_used(build) == 2
    assert bench.dbt_threads_used(bench.Stage(name="build", command=[])) is None


def _results_for_targets(**overrides: object) -> dict[str, object]:
    results: dict[str, object] = {
        "project": {"seconds": 300.0, "exit_code": 0, "peak_rss_bytes": 5 * bench.GIB},
        "rerun": {"exit_code": 0, "fraction_of_first": 0.02},
        "generate": {"ran": True, "seconds": 700.0},
        "settings": {"memory_limit": "6GB"},
        "ratio_project_to_floor": 2.0,
    }
    results.update(overrides)
    return results


def test_peak_rss_target_misses_above_8_gib_at_6gb() -> None:
    heavy = _results_for_targets(
        project={"seconds": 300.0, "exit_code": 0, "peak_rss_bytes": 9 * bench.GIB}
    )
    verdicts = {t["name"]: t["passed"] for t in bench.evaluate_targets(heavy)}
    assert verdicts["peak RSS of the build (memory limit 6GB)"] is False


def test_targets_pass_miss_and_not_measured() -> None:
    verdicts = {t["name"]: t["passed"] for t in bench.evaluate_targets(_results_for_targets())}
    assert verdicts["full build with all tests"] is True
    assert verdicts["ratio project / floor"] is True
    assert verdicts["peak RSS of the build (memory limit 6GB)"] is True
    assert verdicts["build completes with memory limit 3GB"] is None  # ran with 6GB
    assert verdicts["peak RSS of the build (memory limit 3GB)"] is None  # ran with 6GB
    assert verdicts["second run, raw files unchanged"] is True
    assert verdicts["sample generation"] is False  # 700 s > 600 s
    far = _results_for_targets(ratio_project_to_floor=3.25)
    verdicts = {t["name"]: t["passed"] for t in bench.evaluate_targets(far)}
    assert verdicts["ratio project / floor"] is False  # the target is under 2.2
    lean = _results_for_targets(
        project={"seconds": 300.0, "exit_code": 0, "peak_rss_bytes": 3 * bench.GIB},
        settings={"memory_limit": "3GB"},
    )
    verdicts = {t["name"]: t["passed"] for t in bench.evaluate_targets(lean)}
    assert verdicts["peak RSS of the build (memory limit 3GB)"] is True

    slow = _results_for_targets(
        project={"seconds": 900.0, "exit_code": 1, "peak_rss_bytes": 9 * bench.GIB},
        rerun={"exit_code": None, "fraction_of_first": None},
        generate={"ran": False, "seconds": None},
        settings={"memory_limit": "3GB"},
        ratio_project_to_floor=None,
    )
    verdicts = {t["name"]: t["passed"] for t in bench.evaluate_targets(slow)}
    assert verdicts["full build with all tests"] is False
    assert verdicts["ratio project / floor"] is None
    assert verdicts["peak RSS of the build (memory limit 6GB)"] is None  # ran with 3GB
    assert verdicts["build completes with memory limit 3GB"] is False
    assert verdicts["peak RSS of the build (memory limit 3GB)"] is False  # 9 GiB > 4 GiB
    assert verdicts["second run, raw files unchanged"] is None
    assert verdicts["sample generation"] is None


# ----------------------------------------------------------------------------- smoke run


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One benchmark at a tiny scale with the real generator and the real build."""
    tmp = tmp_path_factory.mktemp("bench")
    work_dir = tmp / "work"
    env = dict(os.environ)
    for name in ("DUCKDB_TEMP_DIR", "DUCKDB_PATH", "DBT_TARGET_PATH", "DBT_LOG_PATH"):
        env.pop(name, None)
    env["DUCKDB_THREADS"] = "2"
    env["DUCKDB_MEMORY_LIMIT"] = "2GB"
    saved_before = set((REPO / "bench" / "results").glob("smoke-*"))
    command = [
        sys.executable, "-m", "scripts.bench", "--scale", SMOKE_SCALE,
        "--raw-dir", str(tmp / "raw"), "--work-dir", str(work_dir),
        "--label", "smoke", "--no-save", "--second-day",
    ]  # fmt: skip
    completed = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=1800
    )
    return {
        "completed": completed,
        "work_dir": work_dir,
        "raw_dir": tmp / "raw",
        "saved_after": set((REPO / "bench" / "results").glob("smoke-*")) - saved_before,
    }


def _load_results(smoke_run: dict[str, object]) -> tuple[dict[str, object], Path]:
    completed = smoke_run["completed"]
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-4000:]
    found = sorted((smoke_run["work_dir"] / "results").glob("smoke-*.json"))
    assert len(found) == 1, found
    return json.loads(found[0].read_text()), found[0]


@pytest.mark.slow
def test_smoke_run_exits_zero_and_prints_the_ratio(smoke_run: dict[str, object]) -> None:
    results, _ = _load_results(smoke_run)
    assert "ratio project / floor:" in smoke_run["completed"].stdout
    assert smoke_run["saved_after"] == set()  # --no-save: nothing under bench/results
    assert results["failed_stages"] == []


@pytest.mark.slow
def test_smoke_results_have_the_documented_keys(smoke_run: dict[str, object]) -> None:
    results, path = _load_results(smoke_run)
    # Results are committed: no machine paths, even for folders outside the repository.
    assert results["raw"]["dir"] == "<outside the repository>/raw"
    assert str(smoke_run["raw_dir"].parent) not in path.read_text()
    for key in (
        "schema_version", "label", "scale", "started_at", "finished_at", "machine",
        "settings", "raw", "generate", "stages", "floor", "project", "rerun",
        "ratio_project_to_floor", "warehouse", "second_day", "targets", "failed_stages",
    ):  # fmt: skip
        assert key in results, key
    assert results["label"] == "smoke"
    assert results["scale"] == float(SMOKE_SCALE)
    machine = results["machine"]
    assert machine["cores"] == os.cpu_count()
    assert isinstance(machine["memory_total_bytes"], int) and machine["memory_total_bytes"] > 0
    for package in ("python", "duckdb", "dbt_core", "dbt_duckdb"):
        assert isinstance(machine[package], str) and machine[package], package
    assert results["settings"]["threads"] == 2
    assert results["settings"]["memory_limit"] == "2GB"
    # the smoke data is far under 64 MiB: DUCKDB_THREADS dbt threads although 2GB is under
    # the 3 GB per dbt thread that larger inputs get
    assert results["settings"]["dbt_threads"] == 2
    assert [s["name"] for s in results["stages"]] == [
        "generate", "floor", "build", "rerun (unchanged)", "generate (day 2)", "second day",
    ]  # fmt: skip
    for stage in results["stages"]:
        assert stage["exit_code"] == 0, stage
        assert stage["seconds"] > 0, stage
        assert isinstance(stage["peak_rss_bytes"], int) and stage["peak_rss_bytes"] > 0, stage
    for target in results["targets"]:
        assert set(target) == {"name", "target", "value", "passed"}
        assert target["passed"] in (True, False, None)


@pytest.mark.slow
def test_smoke_floor_read_every_generated_row(smoke_run: dict[str, object]) -> None:
    """The floor counted exactly the rows the generator says it wrote, in all 13 files."""
    results, _ = _load_results(smoke_run)
    floor = results["floor"]
    assert floor["seconds"] > 0
    assert floor["seconds"] == pytest.approx(
        floor["count_seconds"] + floor["ctas_seconds"] + floor["checkpoint_seconds"], abs=1e-3
    )
    generated = results["generate"]["rows"]
    by_table = {f["table"]: f for f in floor["files"]}
    assert set(by_table) == {s.table for s in ALL_FILES}
    stems: dict[str, RawFile] = {s.stem: s for s in ALL_FILES}
    for stem, rows in generated.items():
        assert by_table[stems[stem].table]["rows"] == rows, stem


@pytest.mark.slow
def test_smoke_project_timings_ratio_and_marts(smoke_run: dict[str, object]) -> None:
    results, _ = _load_results(smoke_run)
    project, floor = results["project"], results["floor"]
    assert project["exit_code"] == 0
    assert project["seconds"] > 0
    assert project["peak_rss_bytes"] > 0
    assert results["ratio_project_to_floor"] == pytest.approx(
        project["seconds"] / floor["seconds"], rel=1e-3
    )
    assert 0 < project["dbt_elapsed_seconds"] < project["seconds"]
    assert project["slowest_models"], "no per-model timings"
    assert all(m["seconds"] >= 0 and m["name"] for m in project["slowest_models"])
    assert project["slowest_tests"], "no per-test timings"
    assert project["by_resource_type"]["model"]["count"] >= len(project["slowest_models"])
    assert project["by_resource_type"]["test"]["count"] > 0
    rerun = results["rerun"]
    # unchanged inputs: nothing rebuilt (unless someone edited the project meanwhile)
    assert rerun["inputs_changed_since_first_build"] in (True, False)
    assert rerun["rebuilt"] is rerun["inputs_changed_since_first_build"]
    assert rerun["fraction_of_first"] == pytest.approx(
        rerun["seconds"] / project["seconds"], abs=1e-4
    )
    warehouse = results["warehouse"]
    assert warehouse["size_bytes"] > 0
    counts = warehouse["mart_row_counts"]
    assert counts, "no mart row counts"
    assert all(isinstance(v, int) and v >= 0 for v in counts.values())
    assert any(v > 0 for v in counts.values())
    # the counts are the published warehouse's own
    published = smoke_run["work_dir"] / "warehouse.duckdb"
    con = duckdb.connect(str(published), read_only=True)
    try:
        names = con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'"
        ).fetchall()
    finally:
        con.close()
    assert set(counts) == {n for (n,) in names}


@pytest.mark.slow
def test_smoke_markdown_has_the_tables(smoke_run: dict[str, object]) -> None:
    results, json_path = _load_results(smoke_run)
    markdown = json_path.with_suffix(".md").read_text()
    assert "| stage | seconds | peak RSS (process tree) | peak spill | exit |" in markdown
    for stage in results["stages"]:
        assert f"| {stage['name']} |" in markdown
    assert "Ratio project / floor:" in markdown
    assert "| target | goal | measured | verdict |" in markdown
    assert "## Slowest models" in markdown
    assert "## Mart row counts" in markdown
    for name in results["warehouse"]["mart_row_counts"]:
        assert f"| {name} |" in markdown


@pytest.mark.slow
def test_smoke_second_day_builds_on_the_first(smoke_run: dict[str, object]) -> None:
    """--second-day: the generator's day-2 files, generated beside the raw folder, built on top
    of the first day's warehouse with their own times; the changed ratings add versions to the
    rating history and the new titles rows to dim_titles."""
    results, json_path = _load_results(smoke_run)
    day = results["second_day"]
    assert day["raw_dir"] == "<outside the repository>/raw-day2"
    assert (smoke_run["raw_dir"].parent / "raw-day2" / "imdb" / "title.basics.tsv.gz").exists()
    assert day["generate"]["ran"] is True
    build = day["build"]
    assert build["exit_code"] == 0
    assert 0 < build["dbt_elapsed_seconds"] < build["seconds"]
    assert build["by_resource_type"]["snapshot"]["count"] > 0
    assert build["slowest_models"] and build["slowest_tests"]
    first, second = results["warehouse"]["mart_row_counts"], day["mart_row_counts"]
    assert set(second) == set(first)
    assert second["fct_title_rating_history"] > first["fct_title_rating_history"]
    assert second["dim_titles"] > first["dim_titles"]
    markdown = json_path.with_suffix(".md").read_text()
    assert "## Second day" in markdown
    assert "| fct_title_rating_history |" in markdown.split("## Second day")[1]
