"""The build's dbt display: progress from dbt's JSON events, and each problem once, in short."""

from __future__ import annotations

import io
import json
from pathlib import Path

from scripts import dbt_runner


def _event(name: str, level: str = "info", msg: str = "", **data: object) -> dict[str, object]:
    return {"info": {"name": name, "level": level, "msg": msg}, "data": data}


def _node(unique_id: str) -> dict[str, str]:
    return {"unique_id": unique_id, "node_name": unique_id.split(".")[-1]}


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_prints_a_line_per_tenth_without_colour() -> None:
    out = io.StringIO()
    clock = Clock()
    progress = dbt_runner.Progress(out=out, clock=clock)
    progress.handle(_event("FoundStats", stat_line="20 models, 80 data tests"))
    for i in range(100):
        uid = f"model.p.m{i}"
        progress.handle(_event("LogStartLine", total=100, node_info=_node(uid)))
        clock.now += 1
        progress.handle(_event("LogModelResult", msg="\x1b[32mOK\x1b[0m", total=100,
                               node_info=_node(uid)))  # fmt: skip
    progress.handle(_event("StatsLine", stats={"pass": 99, "warn": 1, "error": 0, "total": 100}))
    progress.finish()
    lines = out.getvalue().splitlines()
    assert lines[0] == "[dbt] found 20 models, 80 data tests"
    done = [line for line in lines if "nodes done" in line]
    # a line at 10%, 20%, ... 100% (each node here takes 1 s, so no once-a-minute line)
    assert [line.split()[1] for line in done] == [f"{n}/100" for n in range(10, 101, 10)]
    assert done[-1] == "[dbt] 100/100 nodes done, 1m40s"
    assert "\x1b" not in out.getvalue()
    assert progress.stats_line() == "PASS=99 WARN=1 ERROR=0 TOTAL=100"


def test_progress_prints_at_least_once_a_minute() -> None:
    out = io.StringIO()
    clock = Clock()
    progress = dbt_runner.Progress(out=out, clock=clock)
    progress.handle(_event("LogStartLine", total=1000, node_info=_node("model.p.slow")))
    clock.now += 61
    progress.handle(_event("LogStartLine", total=1000, node_info=_node("model.p.next")))
    assert out.getvalue() == "[dbt] 0/1000 nodes done, 1m01s, running slow\n"


def test_dbt_end_of_run_repetition_is_not_printed_but_other_problems_are() -> None:
    out = io.StringIO()
    progress = dbt_runner.Progress(out=out)
    progress.handle(_event("RunResultError", "error", msg="Runtime Error in model x ..."))
    progress.handle(_event("RunResultFailure", "error", msg="Failure in model x"))
    assert out.getvalue() == ""
    progress.handle(_event("MainEncounteredError", "error", msg="\x1b[31mParsing Error\x1b[0m"))
    assert out.getvalue() == "[dbt] error: Parsing Error\n"


def test_a_node_error_event_is_left_to_the_problem_list() -> None:
    """An engine's exception logged against a node (Spark's comes with its stack trace) is not
    printed as it happens: the node is listed, in short, after the build."""
    out = io.StringIO()
    progress = dbt_runner.Progress(out=out)
    trace = "SparkException: ...\n\tat org.apache.spark.sql.errors.X(X.scala:1)"
    progress.handle(_event("SomeNodeError", "error", msg=trace, node_info=_node("model.p.x")))
    assert out.getvalue() == ""


def _results(path: Path, *results: dict[str, object]) -> Path:
    path.write_text(json.dumps({"results": list(results)}))
    return path


CSV_ERROR = (
    "Runtime Error in model base_x (models/base_x.sql)\n"
    "  Invalid Input Error: CSV Error on Line: 11\n"
    "  Original Line: a\tb\tc\td\n"
    "  Expected Number of Columns: 3 Found: 4\n"
    "  Possible fixes:\n"
    "  * Disable the parser's strict mode (strict_mode=false)\n"
    "    file = /data/raw/imdb/title.ratings.tsv.gz\n"
)


def test_the_same_parse_error_of_two_models_is_one_problem(tmp_path: Path) -> None:
    run_results = _results(
        tmp_path / "run_results.json",
        {"unique_id": "model.p.base_x", "status": "error", "message": CSV_ERROR},
        {"unique_id": "model.p.base_x_rejected", "status": "error", "message": CSV_ERROR},
        {"unique_id": "model.p.other", "status": "error",
         "message": "Runtime Error in model other (m.sql)\n  Binder Error: no column y\n  LINE 3"},
        {"unique_id": "test.p.grain", "status": "fail", "failures": 2,
         "message": "Got 2 results, configured to fail if != 0", "compiled_code": "select 1"},
        {"unique_id": "model.p.fine", "status": "success", "message": "OK"},
    )  # fmt: skip
    found = dbt_runner.problems(run_results)
    assert [(p.status, p.name) for p in found] == [
        ("error", "base_x, base_x_rejected"),
        ("error", "other"),
        ("fail", "grain"),
    ]
    assert (
        found[0].text
        == "/data/raw/imdb/title.ratings.tsv.gz: line 11: too many fields (4, expected 3)"
    )
    assert found[1].text == "Binder Error: no column y LINE 3"
    assert found[2].compiled_code == "select 1"


def test_a_failing_test_shows_the_rows_it_found(tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    problem = dbt_runner.Problem(
        "fail", "t", "x.yml", "Got 1 result",
        "select 'imdb_title_basics' as table_name, -1 as rows_landed_minus_file_rows",
    )  # fmt: skip
    assert dbt_runner.example_rows(db, problem) == [
        "table_name=imdb_title_basics rows_landed_minus_file_rows=-1"
    ]


def test_a_warning_says_why_it_is_one(tmp_path: Path) -> None:
    """A warning's line: the test's description, or for a relationships test without one the
    project's rule; a failing test gets none (it is not there by design)."""
    run_results = _results(
        tmp_path / "run_results.json",
        {"unique_id": "test.p.years", "status": "warn", "failures": 2, "message": "Got 2"},
        {"unique_id": "test.p.rel", "status": "warn", "failures": 5, "message": "Got 5"},
        {"unique_id": "test.p.other", "status": "warn", "failures": 1, "message": "Got 1"},
        {"unique_id": "test.p.grain", "status": "fail", "failures": 1, "message": "Got 1"},
    )
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"nodes": {
        "test.p.years": {"description": "IMDB lists a few\n  such series.",
                         "test_metadata": {"name": "expression_is_true"}},
        "test.p.rel": {"description": "", "test_metadata": {"name": "relationships"}},
        "test.p.other": {"description": "", "test_metadata": {"name": "not_null"}},
        "test.p.grain": {"description": "unique grain", "test_metadata": {"name": "unique"}},
    }}))  # fmt: skip
    found = {p.name: p for p in dbt_runner.problems(run_results, manifest)}
    assert found["years"].why == "IMDB lists a few such series."
    assert "    why: IMDB lists a few such series." in found["years"].lines()
    assert found["rel"].why == dbt_runner.DANGLING_REFERENCE
    assert found["other"].why == ""
    assert found["grain"].why == ""
