"""Running one benchmark stage: a child process, timed, its output echoed and kept, and the
memory of the whole process tree sampled while it runs."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from scripts.bench.markdown import gib
from scripts.bench.sampling import TreeSampler
from scripts.bench.settings import PROJECT_DIR
from scripts.raw_files import ALL_FILES


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


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def run_stage(name: str, command: list[str], env: dict[str, str], temp_dir: Path) -> Stage:
    """Run one command, echoing its output, timing it and sampling the tree's memory."""
    stage = Stage(name, command)
    say(f"{name}: {' '.join(command[1:])}")
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
    say(f"{name}: {status} in {stage.seconds:.1f} s, peak RSS {gib(stage.peak_rss_bytes)}")
    return stage


def python_executable() -> str:
    return sys.executable


def raw_data_present(raw_dir: Path) -> bool:
    """Whether the raw folder holds every one of the 13 raw files (under any accepted name)."""
    return all(any((raw_dir / s.domain / n).exists() for n in s.candidates) for s in ALL_FILES)


def raw_file_facts(raw_dir: Path) -> dict[str, dict[str, object]]:
    """Each raw file's name and size in bytes, by table."""
    facts: dict[str, dict[str, object]] = {}
    for spec in ALL_FILES:
        folder = raw_dir / spec.domain
        path = next((folder / n for n in spec.candidates if (folder / n).exists()), None)
        if path is not None:
            facts[spec.table] = {"file": path.name, "bytes": path.stat().st_size}
    return facts
