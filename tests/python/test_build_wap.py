"""Write-audit-publish: the published warehouse is never half-built and never blocked.

These tests run the real build (`python -m scripts.build`: loader, dbt deps, dbt build) on the
tiny sample data, in a copy of the project so a deliberately failing test can be added.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import REPO

pytestmark = pytest.mark.slow


def _copy_project(dest: Path) -> Path:
    """A copy of the tracked project files (what a clone has), plus the venv's dbt."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = REPO / name.decode()
        if source.is_file():
            target = dest / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return dest


def _build(project: Path, raw: Path, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DBT_PROFILES_DIR": str(project)}
    env.pop("DBT_TARGET_PATH", None)
    return subprocess.run(
        [sys.executable, "-m", "scripts.build", "--raw-dir", str(raw), "--db", str(db), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )


def _build_with_extra_test(
    project: Path, raw: Path, db: Path, name: str, sql: str
) -> subprocess.CompletedProcess[str]:
    """A forced build of the project copy with one more singular test, removed afterwards."""
    extra = project / "tests" / f"{name}.sql"
    extra.write_text(sql)
    try:
        return _build(project, raw, db, "--force")
    finally:
        extra.unlink()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = 'marts' "
        "order by table_name"
    ).fetchall()
    return [r[0] for r in rows]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def raw_day1(sample_warehouse) -> Path:
    return sample_warehouse.raw


@pytest.fixture(scope="module")
def raw_day2(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("raw-day2")
    subprocess.run(
        [sys.executable, "-m", "scripts.load", "sample", "--raw-dir", str(raw), "--day", "2"],
        cwd=project,
        check=True,
        capture_output=True,
    )
    return raw


@pytest.fixture(scope="module")
def published(sample_warehouse) -> Path:
    """The warehouse published once from day 1; tests copy it before changing anything."""
    return sample_warehouse.db


def _fresh_copy(published: Path, tmp_path: Path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    shutil.copy2(published, db)
    return db


def test_unchanged_inputs_rebuild_nothing(
    project: Path, raw_day1: Path, published: Path, tmp_path: Path
) -> None:
    db = _fresh_copy(published, tmp_path)
    fingerprint = published.parent / ".build" / (published.name + ".inputs.json")
    (tmp_path / ".build").mkdir()
    shutil.copy2(fingerprint, tmp_path / ".build" / fingerprint.name)
    before = _sha256(db)
    result = _build(project, raw_day1, db)
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    assert "dbt build" not in result.stdout
    assert _sha256(db) == before


def test_failing_test_leaves_published_file_byte_for_byte(
    project: Path, raw_day1: Path, published: Path, tmp_path: Path
) -> None:
    db = _fresh_copy(published, tmp_path)
    before = _sha256(db)
    result = _build_with_extra_test(
        project,
        raw_day1,
        db,
        "zz_wap_always_fails",
        "-- a test that always fails, to prove nothing is published\nselect 1 as x\n",
    )
    assert result.returncode != 0
    assert "not published" in result.stderr
    assert _sha256(db) == before
    assert not (tmp_path / ".build" / "candidate" / "warehouse.duckdb").exists()


def _dbt_pids(parent_pid: int) -> list[int]:
    """Process ids of dbt processes below `parent_pid` (the build runs dbt as a child)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            cmdline = (status.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        ppid = next(
            (int(line.split()[1]) for line in text.splitlines() if line.startswith("PPid")), 0
        )
        if ppid == parent_pid and "dbt" in cmdline and " build" in cmdline:
            found.append(int(status.parent.name))
    return found


@pytest.mark.parametrize("victim", ["dbt", "dbt", "builder"])
def test_killed_build_leaves_published_file_unchanged_and_openable(
    project: Path, raw_day2: Path, published: Path, tmp_path: Path, victim: str
) -> None:
    db = _fresh_copy(published, tmp_path)
    before = _sha256(db)
    env = {**os.environ, "DBT_PROFILES_DIR": str(project)}
    builder = subprocess.Popen(
        [sys.executable, "-m", "scripts.build", "--raw-dir", str(raw_day2), "--db", str(db)],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        pids: list[int] = []
        while not pids and time.monotonic() < deadline and builder.poll() is None:
            pids = _dbt_pids(builder.pid)
            time.sleep(0.1)
        assert pids, "dbt build never started"
        time.sleep(random.uniform(0.5, 8.0))  # somewhere in the middle of the build
        os.kill(pids[0] if victim == "dbt" else builder.pid, signal.SIGKILL)
        builder.wait(timeout=120)
    finally:
        if builder.poll() is None:
            builder.kill()
            builder.wait()
    assert builder.returncode != 0
    assert _sha256(db) == before
    con = duckdb.connect(str(db), read_only=True)
    for table in _mart_tables(con):
        con.execute(f'select count(*) from marts."{table}"').fetchone()
    con.close()


READER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
seen = set()
print("ready", flush=True)
while True:
    line = sys.stdin.readline()
    if not line or line.strip() == "stop":
        break
    seen.add(con.execute(sys.argv[2]).fetchone()[0])
    print(len(seen), flush=True)
con.close()
con = duckdb.connect(sys.argv[1], read_only=True)
print("after", con.execute(sys.argv[2]).fetchone()[0], flush=True)
"""

FINGERPRINT_QUERY = "select count(*) || ':' || sum(num_votes) from marts.fct_title_ratings"


def test_reader_holding_the_file_does_not_block_and_sees_old_data(
    project: Path, raw_day2: Path, published: Path, tmp_path: Path
) -> None:
    db = _fresh_copy(published, tmp_path)
    con = duckdb.connect(str(db), read_only=True)
    old = con.execute(FINGERPRINT_QUERY).fetchone()[0]
    con.close()
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db), FINGERPRINT_QUERY],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdin is not None and reader.stdout is not None
    assert reader.stdout.readline().strip() == "ready"
    env = {**os.environ, "DBT_PROFILES_DIR": str(project)}
    log = tmp_path / "build.log"
    with log.open("w") as log_file:
        builder = subprocess.Popen(
            [sys.executable, "-m", "scripts.build", "--raw-dir", str(raw_day2), "--db", str(db)],
            cwd=project,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        while builder.poll() is None:
            reader.stdin.write("query\n")
            reader.stdin.flush()
            assert reader.stdout.readline().strip() == "1", "the reader saw two versions"
            time.sleep(0.2)
        assert builder.returncode == 0, log.read_text()[-3000:]
        reader.stdin.write("query\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "1"
        reader.stdin.write("stop\n")
        reader.stdin.flush()
        after = reader.stdout.readline().split()
    finally:
        reader.kill()
        reader.wait()
    assert after[0] == "after"
    assert after[1] != old, "day 2 changes ratings, so a reconnect must see new data"


def test_published_file_works_from_another_directory_under_another_name(
    published: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "somewhere else"
    elsewhere.mkdir()
    copy = elsewhere / "my copy.duckdb"
    shutil.copy2(published, copy)
    monkeypatch.chdir(elsewhere)
    con = duckdb.connect(str(copy.name), read_only=True)
    marts = con.execute(
        "select table_name, table_type from information_schema.tables where table_schema = 'marts'"
    ).fetchall()
    names = {name for name, _ in marts}
    assert {"vw_episodes", "vw_general", "fct_sales_order_lines", "dim_titles"} <= names
    for name, _ in marts:
        con.execute(f'select * from marts."{name}" limit 1').fetchall()
    con.close()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6GB", 6 * 10**9),
        ("3000MB", 3 * 10**9),
        ("2.5GiB", int(2.5 * 2**30)),
        (" 512 mib ", 512 * 2**20),
        ("1TB", 10**12),
        ("lots", None),
        ("6XB", None),
    ],
)
def test_memory_limit_is_read_like_duckdb_reads_it(text: str, expected: int | None) -> None:
    from scripts.build import memory_limit_bytes

    assert memory_limit_bytes(text) == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, 2),  # the defaults: 2 threads, 3GB
        ({"DUCKDB_MEMORY_LIMIT": "1GB"}, 2),
        ({"DUCKDB_MEMORY_LIMIT": "3GB", "DUCKDB_THREADS": "4"}, 4),
        ({"DUCKDB_THREADS": "1"}, 1),
        ({"DBT_THREADS": "1"}, 1),  # an explicit choice wins
        ({"DBT_THREADS": "3", "DUCKDB_THREADS": "2"}, 3),
    ],
)
def test_dbt_runs_duckdb_threads_nodes_at_once(env: dict[str, str], expected: int) -> None:
    """Whatever the size of the raw files: at full IMDB size two nodes at once built faster
    under 3GB than one at a time (bench/README.md)."""
    from scripts.build import dbt_threads

    assert dbt_threads(env) == expected


def test_a_full_size_build_runs_two_nodes_at_once(
    minimal_raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build passes DUCKDB_THREADS on to dbt whatever the raw files weigh (here they are
    made to look like the full IMDB data set's 2.5 GB)."""
    from scripts import build

    real_stat = Path.stat
    seen: dict[str, str] = {}

    def heavy_stat(path: Path, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(path, *args, **kwargs)
        if path.name.endswith(".tsv.gz") and path.parent == minimal_raw / "imdb":
            values = list(result)
            values[6] = 400 * 2**20  # st_size
            extra = {name: getattr(result, name) for name in ("st_mtime_ns", "st_mode")}
            return os.stat_result(values, extra)
        return result

    def stop(dbt_args: list[str], env: dict[str, str]) -> tuple[int, list[str]]:
        seen["DBT_THREADS"] = env["DBT_THREADS"]
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "stat", heavy_stat)
    monkeypatch.setattr(build, "_dbt_build", stop)
    monkeypatch.delenv("DBT_THREADS", raising=False)
    monkeypatch.delenv("DUCKDB_THREADS", raising=False)
    with pytest.raises(KeyboardInterrupt):
        build.build(minimal_raw, tmp_path / "w.duckdb")
    assert seen == {"DBT_THREADS": "2"}


def test_dev_and_prod_differ_only_in_their_file() -> None:
    """profiles.yml writes the DuckDB settings once; prod takes dev's (a YAML merge key)."""
    from scripts.build import PROJECT_DIR

    outputs = yaml.safe_load((PROJECT_DIR / "profiles.yml").read_text())["warehouse"]["outputs"]
    dev, prod = outputs["dev"], outputs["prod"]
    assert dev["type"] == prod["type"] == "duckdb"
    assert {key for key in dev.keys() | prod.keys() if dev.get(key) != prod.get(key)} == {"path"}
    assert "DUCKDB_DEV_PATH" in dev["path"] and "DUCKDB_PATH" in prod["path"]


def test_memory_limit_defaults_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """profiles.yml, the build and the benchmark default to the same DuckDB memory limit."""
    from scripts.bench import settings_from_env
    from scripts.build import DEFAULT_MEMORY_LIMIT, PROJECT_DIR

    outputs = yaml.safe_load((PROJECT_DIR / "profiles.yml").read_text())["warehouse"]["outputs"]
    defaults = [
        re.findall(
            r"env_var\('DUCKDB_MEMORY_LIMIT', '([^']*)'\)",
            outputs[name]["settings"]["memory_limit"],
        )
        for name in ("dev", "prod")
    ]
    assert defaults == [[DEFAULT_MEMORY_LIMIT], [DEFAULT_MEMORY_LIMIT]]
    monkeypatch.delenv("DUCKDB_MEMORY_LIMIT", raising=False)
    settings = settings_from_env(PROJECT_DIR / "bench" / "work")
    assert settings.memory_limit == DEFAULT_MEMORY_LIMIT


def test_out_of_memory_is_retried_once_in_a_new_dbt_process(
    project: Path, raw_day1: Path, published: Path, tmp_path: Path
) -> None:
    """A test stopped by DuckDB's out-of-memory error is run again by `dbt retry`; when it
    fails again the build stops and publishes nothing."""
    db = _fresh_copy(published, tmp_path)
    before = _sha256(db)
    result = _build_with_extra_test(
        project,
        raw_day1,
        db,
        "zz_wap_out_of_memory",
        "-- stops with the message DuckDB gives when a query runs out of memory\n"
        "select range as x from range(1)\n"
        "where error('Out of Memory Error: failed to allocate data of size 256.0 MiB') is null\n",
    )
    assert result.returncode != 0
    assert "1 node(s) ran out of memory (zz_wap_out_of_memory)" in result.stdout
    assert "not published" in result.stderr
    assert _sha256(db) == before
    # the retry ran that one test again, not the whole build
    retried = json.loads((project / "target" / "run_results.json").read_text())
    assert retried["args"]["invocation_command"].split(" --")[0] == "dbt retry"
    assert [r["unique_id"] for r in retried["results"]] == ["test.warehouse.zz_wap_out_of_memory"]
    assert retried["results"][0]["status"] == "error"
    # the first dbt build's record is kept beside it
    first = json.loads((project / "target" / "run_results.build.json").read_text())
    assert len(first["results"]) > 100


def _run_results(path: Path, *results: tuple[str, str, str]) -> Path:
    path.write_text(
        json.dumps(
            {"results": [{"unique_id": u, "status": s, "message": m} for u, s, m in results]}
        )
    )
    return path


OOM = "Out of Memory Error: failed to allocate data of size 256.0 MiB (2.7 GiB/2.7 GiB used)"


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ([("test.warehouse.a", "error", OOM), ("model.warehouse.b", "success", "OK")],
         ["test.warehouse.a"]),
        ([("test.warehouse.a", "error", OOM), ("model.warehouse.c", "error", OOM)],
         ["test.warehouse.a", "model.warehouse.c"]),
        ([("test.warehouse.a", "error", OOM), ("test.warehouse.b", "fail", "Got 3 results")],
         None),  # a failing test is a finding, not a resource problem: no retry
        ([("test.warehouse.a", "error", OOM), ("model.warehouse.b", "error", "Parser Error")],
         None),
        ([("test.warehouse.a", "pass", "")], None),
        ([("test.warehouse.a", "skipped", ""), ("test.warehouse.b", "warn", "Got 1 result")],
         None),
    ],
)  # fmt: skip
def test_only_out_of_memory_errors_are_retried(
    tmp_path: Path, results: list[tuple[str, str, str]], expected: list[str] | None
) -> None:
    from scripts.build import out_of_memory_nodes

    assert out_of_memory_nodes(_run_results(tmp_path / "run_results.json", *results)) == expected


def test_unreadable_run_results_are_not_retried(tmp_path: Path) -> None:
    from scripts.build import out_of_memory_nodes

    assert out_of_memory_nodes(tmp_path / "missing.json") is None
    (tmp_path / "broken.json").write_text("{not json")
    assert out_of_memory_nodes(tmp_path / "broken.json") is None


@pytest.mark.parametrize(
    ("first", "retry_code", "expected_calls", "expected_code"),
    [
        (("error", OOM), 0, [["build"], ["retry"]], 0),  # passes in the new process
        (("error", OOM), 1, [["build"], ["retry"]], 1),  # still out of memory: stop
        (("fail", "Got 2 results"), 0, [["build"]], 1),  # a failing test: no retry
    ],
)
def test_build_retries_out_of_memory_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    first: tuple[str, str],
    retry_code: int,
    expected_calls: list[list[str]],
    expected_code: int,
) -> None:
    from scripts import build, dbt_runner

    calls: list[list[str]] = []

    def fake_run(
        args: list[str], env: dict[str, str], project_dir: Path
    ) -> tuple[int, dbt_runner.Progress]:
        calls.append(list(args))
        if list(args) == ["build"]:
            _run_results(tmp_path / "run_results.json", ("test.warehouse.heavy", *first))
            return 1, dbt_runner.Progress()
        return retry_code, dbt_runner.Progress()

    monkeypatch.setattr(build.dbt_runner, "run", fake_run)
    code, _ = build._dbt_build([], {"DBT_TARGET_PATH": str(tmp_path)})
    assert calls == expected_calls
    assert code == expected_code
