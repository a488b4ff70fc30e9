"""Run dbt for the build: a short progress display instead of dbt's wall of lines.

dbt writes its events as JSON to this process; what a person sees is one line per stage, the
progress of the run (nodes done of total, elapsed time, the node running now), and at the end
every error, failure and warning once, in short, with the file to look at. dbt's complete log
stays in `dbt.log` under its log path, which the summary names.

On a terminal the progress is one line rewritten in place; otherwise (a CI log, a file) a line
is printed at every tenth of the nodes and at least once a minute, without colour codes.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from scripts import read_errors

ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Events that close one node of the run.
NODE_RESULTS = {
    "LogModelResult",
    "LogTestResult",
    "LogSnapshotResult",
    "LogSeedResult",
    "LogNodeNoOpResult",
    "SkippingDetails",
    "LogFreshnessResult",
}
# dbt's own end-of-run repetition of each problem: the summary below replaces it.
SUMMARY_EVENTS = {
    "RunResultError",
    "RunResultFailure",
    "RunResultWarning",
    "RunResultWarningMessage",
    "RunResultErrorNoMessage",
    "CheckNodeTestFailure",
    "SQLCompiledPath",
    "EndOfRunSummary",
    "FinishedRunningStats",
    "Formatting",
    "StatsLine",
}
PROGRESS_EVERY_SECONDS = 60.0


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


def log_file(env: dict[str, str], project_dir: Path) -> Path:
    """Where dbt writes its complete log for a run with this environment."""
    folder = Path(env.get("DBT_LOG_PATH") or "logs")
    return (folder if folder.is_absolute() else project_dir / folder) / "dbt.log"


@dataclass
class Progress:
    """Follows dbt's JSON events and prints the progress display."""

    out: TextIO = sys.stdout
    interactive: bool = False
    clock: Callable[[], float] = time.monotonic
    started: float = field(default=0.0)
    total: int = 0
    done: int = 0
    running: dict[str, str] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)
    _next_tenth: int = 1
    _last_print: float = 0.0
    _line_open: bool = False

    def __post_init__(self) -> None:
        self.started = self.started or self.clock()
        self._last_print = self.started

    def elapsed(self) -> str:
        seconds = int(self.clock() - self.started)
        return f"{seconds // 60}m{seconds % 60:02d}s"

    def say(self, text: str, stream: TextIO | None = None) -> None:
        if self._line_open:
            self.out.write("\n")
            self._line_open = False
        print(text, file=stream or self.out, flush=True)

    def _status(self) -> str:
        now_running = next(iter(self.running.values()), "")
        running = f", running {now_running}" if now_running and self.done < self.total else ""
        return f"[dbt] {self.done}/{self.total} nodes done, {self.elapsed()}{running}"

    def _show_progress(self) -> None:
        if not self.total:
            return
        if self.interactive:
            self.out.write("\r\x1b[K" + self._status())
            self.out.flush()
            self._line_open = True
            return
        now = self.clock()
        tenths = self.done * 10 // self.total  # whole tenths of the nodes done
        if tenths >= self._next_tenth or now - self._last_print >= PROGRESS_EVERY_SECONDS:
            self._next_tenth = max(self._next_tenth, tenths + 1)
            self._last_print = now
            self.say(self._status())

    def handle(self, event: dict[str, object]) -> None:
        info = event.get("info") or {}
        data = event.get("data") or {}
        if not isinstance(info, dict) or not isinstance(data, dict):
            return
        name = str(info.get("name", ""))
        level = str(info.get("level", ""))
        node = data.get("node_info") or {}
        unique_id = str(node.get("unique_id", "")) if isinstance(node, dict) else ""
        if name == "FoundStats":
            self.say(f"[dbt] found {data.get('stat_line', '')}")
        elif name == "LogStartLine":
            self.total = int(data.get("total") or self.total)
            if isinstance(node, dict):
                self.running[unique_id] = str(node.get("node_name", ""))
            self._show_progress()
        elif name in NODE_RESULTS:
            self.total = int(data.get("total") or data.get("num_models") or self.total)
            self.running.pop(unique_id, None)
            self.done += 1
            self._show_progress()
        elif name == "StatsLine":
            stats = data.get("stats")
            if isinstance(stats, dict):
                self.stats = {str(k): int(v) for k, v in stats.items()}
        elif name in SUMMARY_EVENTS:
            return
        elif level in ("error", "warn"):
            # A node's own problem is listed, in short, after the build (from run_results.json);
            # an engine's exception can come with a long stack trace, which stays in the log.
            if unique_id:
                return
            # Anything else dbt reports as a problem (parse errors, deprecations) is shown.
            self.say(f"[dbt] {level}: {strip_ansi(str(info.get('msg', ''))).strip()}")

    def finish(self) -> None:
        if self._line_open:
            self.out.write("\n")
            self._line_open = False
        self.out.flush()

    def stats_line(self) -> str:
        if not self.stats:
            return ""
        order = ("pass", "warn", "error", "skip", "noop", "total")
        labels = {"noop": "NO-OP"}
        return " ".join(
            f"{labels.get(k, k.upper())}={self.stats[k]}" for k in order if k in self.stats
        )


def dbt_executable() -> str:
    """The dbt beside this Python (the project's virtual environment), else the one on PATH."""
    dbt = Path(sys.executable).with_name("dbt")
    return str(dbt) if dbt.exists() else "dbt"


def stop(process: subprocess.Popen) -> None:
    """Stop a dbt started in its own process group, all of it: politely, then for good."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run_plain(args: Sequence[str], env: dict[str, str], project_dir: Path) -> int:
    """Run `dbt <args>` with dbt's own output (for short commands such as `dbt deps`)."""
    command = [dbt_executable(), *args]
    process = subprocess.Popen(command, cwd=project_dir, env=env, start_new_session=True)
    try:
        return process.wait()
    except BaseException:
        stop(process)
        raise


def run(
    args: Sequence[str],
    env: dict[str, str],
    project_dir: Path,
    out: TextIO = sys.stdout,
    stderr: TextIO | None = None,
) -> tuple[int, Progress]:
    """Run `dbt <args>` with JSON events on its standard output and show the progress. dbt's
    standard error goes to `stderr` when given (the Spark engine's JVM logs there)."""
    command = [
        dbt_executable(),
        *args,
        "--log-format",
        "json",
        "--log-format-file",
        "text",
        "--no-use-colors",
        "--no-use-colors-file",
    ]
    progress = Progress(out=out, interactive=out.isatty() and env.get("TERM") != "dumb")
    process = subprocess.Popen(
        command,
        cwd=project_dir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                if line.strip():
                    progress.say(strip_ansi(line.rstrip()), sys.stderr)
                continue
            if isinstance(event, dict):
                progress.handle(event)
        code = process.wait()
    except BaseException:
        stop(process)
        raise
    finally:
        progress.finish()
    return code, progress


@dataclass(frozen=True)
class Problem:
    """One node that did not pass: its status, name, the file to look at, and a short text."""

    status: str  # "error", "fail" or "warn"
    name: str
    where: str
    text: str
    compiled_code: str = ""  # a failing test's query, to show the rows it found
    why: str = ""  # for a warning: why it is one, in a line (the test's description)

    def lines(self, examples: Sequence[str] = ()) -> list[str]:
        head = [f"  {self.status.upper()} {self.name} ({self.where})", f"    {self.text}"]
        if self.why:
            head.append(f"    why: {self.why}")
        return head + [f"      {example}" for example in examples]


def example_rows(db_path: Path, problem: Problem, limit: int = 3) -> list[str]:
    """Up to `limit` rows a failing test found, read from the database it ran on, one line each
    (`column=value ...`). Empty when there is no query or it cannot run."""
    if not problem.compiled_code or not db_path.exists():
        return []
    import duckdb

    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            cursor = con.execute(f"select * from ({problem.compiled_code}) limit {int(limit)}")
            names = [column[0] for column in cursor.description]
            rows = cursor.fetchall()
    except duckdb.Error:
        return []
    return [" ".join(f"{n}={v}" for n, v in zip(names, row, strict=True))[:300] for row in rows]


def _short_message(message: str) -> str:
    """DuckDB's and dbt's long messages in one line: a raw file's parse error becomes file, line
    and what is wrong; anything else keeps the line that says what happened."""
    parse_error = read_errors.describe_parse_error(message)
    if parse_error:
        return parse_error
    lines = [line.strip() for line in strip_ansi(message).splitlines() if line.strip()]
    # dbt's first line repeats "Runtime Error in model X (path)": the cause is on the next.
    if len(lines) > 1 and re.match(r"(Runtime|Compilation|Database) Error in ", lines[0]):
        lines = lines[1:]
    return " ".join(lines[:2]) if lines else "(no message)"


# Why a `relationships` test only warns, when its YAML says nothing more: the project's rule.
DANGLING_REFERENCE = (
    "the source refers to ids its own files do not list (the raw files are not a closed set); "
    "the rows are kept and counted here, not dropped"
)


def _warning_reason(node: dict[str, object]) -> str:
    """The test's description, in one line; for a relationships test without one, the rule."""
    text = " ".join(str(node.get("description") or "").split())
    metadata = node.get("test_metadata") or {}
    if not text and isinstance(metadata, dict) and metadata.get("name") == "relationships":
        text = DANGLING_REFERENCE
    return text


def problems(run_results: Path, manifest: Path | None = None) -> list[Problem]:
    """Every node of the last dbt command that errored, failed or warned, in run order."""
    try:
        results = json.loads(run_results.read_text())["results"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    paths: dict[str, str] = {}
    reasons: dict[str, str] = {}
    if manifest is not None:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            nodes = json.loads(manifest.read_text())
            for kind in ("nodes", "unit_tests"):
                for unique_id, node in nodes.get(kind, {}).items():
                    paths[unique_id] = str(node.get("original_file_path", ""))
                    reasons[unique_id] = _warning_reason(node)
    found = []
    for result in results:
        status = str(result.get("status"))
        if status not in ("error", "fail", "warn", "runtime error"):
            continue
        unique_id = str(result.get("unique_id"))
        parts = unique_id.split(".")
        name = parts[-1] if unique_id.startswith("unit_test.") else parts[2]
        message = strip_ansi(str(result.get("message") or "")).strip()
        compiled_code = ""
        if status in ("fail", "warn") and result.get("failures") is not None:
            text = message
            if not unique_id.startswith("unit_test."):
                compiled_code = str(result.get("compiled_code") or "")
        else:
            text = _short_message(message)
        where = paths.get(unique_id) or unique_id
        status = "error" if status == "runtime error" else status
        why = reasons.get(unique_id, "") if status == "warn" else ""
        found.append(Problem(status, name, where, text, compiled_code, why))
    return merge_same_errors(found)


def merge_same_errors(found: list[Problem]) -> list[Problem]:
    """One problem per error text: a raw file that several models read fails each of them with
    the same message, which is printed once with every model named."""
    merged: dict[tuple[str, str], Problem] = {}
    for problem in found:
        key = (problem.status, problem.text) if problem.status == "error" else (problem.name, "")
        first = merged.get(key)
        if first is None:
            merged[key] = problem
        else:
            merged[key] = Problem(
                first.status, f"{first.name}, {problem.name}", first.where, first.text
            )
    return list(merged.values())
