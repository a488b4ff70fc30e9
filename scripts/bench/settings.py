"""The DuckDB settings every benchmark stage runs with, the machine's facts, result paths."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from scripts.build import DEFAULT_MEMORY_LIMIT

PROJECT_DIR = Path(__file__).resolve().parents[2]
GIB = 1024**3


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


def display_path(path: Path) -> str:
    """Relative to the repository when inside it, else only the folder's own name.

    Results are committed: they must not carry the machine's paths.
    """
    try:
        return str(path.resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return f"<outside the repository>/{path.name}"
