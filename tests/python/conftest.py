"""Shared fixtures for the Python test suite."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from scripts.raw_files import ALL_FILES, RawFile

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"


def write_raw_file(raw_dir: Path, spec: RawFile, rows: list[list[str]] | None = None) -> Path:
    """Write one raw file in its real format (gzip TSV for IMDB, BOM+CRLF CSV for bike)."""
    rows = rows if rows is not None else [["1"] * len(spec.columns)]
    folder = raw_dir / spec.domain
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / spec.candidates[0]
    if spec.domain == "imdb":
        text = "\n".join("\t".join(r) for r in [list(spec.columns), *rows]) + "\n"
        path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    else:
        text = "\r\n".join(";".join(r) for r in [list(spec.columns), *rows]) + "\r\n"
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


@pytest.fixture
def minimal_raw(tmp_path: Path) -> Path:
    """A raw folder with all 13 files, each a correct header and one row."""
    raw_dir = tmp_path / "raw"
    for spec in ALL_FILES:
        write_raw_file(raw_dir, spec)
    return raw_dir


@pytest.fixture
def shared_data() -> Path:
    """The real sample files beside the repo; tests needing them skip where they are absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real sample data not found at {SHARED_DATA} (only present in CI)")
    return SHARED_DATA


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


class SampleWarehouse:
    """The tiny sample warehouse, generated and published once per test session."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.raw = work / "raw"
        self.db = work / "warehouse.duckdb"
        self.target = work / "target"
        self.env = {
            **os.environ,
            "DBT_PROFILES_DIR": str(REPO),
            "DBT_LOG_PATH": str(work / "logs"),
            "DUCKDB_TEMP_DIR": str(work / "tmp"),
        }
        self.env.pop("DBT_TARGET_PATH", None)


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> SampleWarehouse:
    """Generate the default sample and publish it with `python -m scripts.build`, as `make run`
    does. Tests that only read the result share it; tests that change it work on copies."""
    import subprocess
    import sys

    built = SampleWarehouse(tmp_path_factory.mktemp("sample-warehouse"))
    for args in (
        ["-m", "scripts.load", "sample", "--raw-dir", str(built.raw)],
        [
            "-m",
            "scripts.build",
            "--raw-dir",
            str(built.raw),
            "--db",
            str(built.db),
            "--target-path",
            str(built.target),
        ],
    ):
        result = subprocess.run(
            [sys.executable, *args],
            cwd=REPO,
            env=built.env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
            pytest.fail(f"{' '.join(args[:2])} failed (exit {result.returncode}):\n{tail}")
    return built
