"""Peak memory of the process tree, from /proc (psutil is not a dependency).

A sampler thread sums VmRSS over this process and all its descendants every 0.2 s and keeps
the peak; the largest single process's own VmHWM bounds it from below, so a short peak
between two samples is not lost. The spill folder's size is sampled less often.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

SAMPLE_INTERVAL = 0.2
TEMP_SAMPLE_EVERY = 5  # measure the spill folder every 5th sample (1 s): walking it costs more


def _status_kib(pid: int, key: str) -> int:
    """A `kB` field of /proc/<pid>/status, or 0 when the process is gone or has none."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _children_from_task_files(pid: int) -> list[int] | None:
    """Children via /proc/<pid>/task/*/children; None where the kernel does not offer it."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    children: list[int] = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                children.extend(int(c) for c in handle.read().split())
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            continue
    return children


def _parent_map() -> dict[int, list[int]]:
    """Parent pid -> children, from /proc/<pid>/stat of every process."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
            # The command name is in parentheses and may hold spaces: split after it.
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    return parents


def process_tree(root: int) -> list[int]:
    """`root` and all its living descendants."""
    direct = _children_from_task_files(root)
    parents = _parent_map() if direct is None else None
    tree, todo = [root], [root]
    while todo:
        pid = todo.pop()
        if parents is not None:
            children = parents.get(pid, [])
        else:
            children = _children_from_task_files(pid) or []
        tree.extend(children)
        todo.extend(children)
    return tree


def directory_bytes(path: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                continue
    return total


class TreeSampler:
    """Samples the summed VmRSS of this process's tree until stopped; keeps the peaks."""

    def __init__(self, temp_dir: Path | None = None, interval: float = SAMPLE_INTERVAL) -> None:
        self.root = os.getpid()
        self.temp_dir = temp_dir
        self.interval = interval
        self.peak_rss_bytes = 0
        self.peak_process_hwm_bytes = 0  # the largest single process's own peak (VmHWM)
        self.peak_temp_bytes = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _sample(self) -> None:
        total = 0
        for pid in process_tree(self.root):
            total += _status_kib(pid, "VmRSS:")
            self.peak_process_hwm_bytes = max(
                self.peak_process_hwm_bytes, _status_kib(pid, "VmHWM:") * 1024
            )
        self.peak_rss_bytes = max(self.peak_rss_bytes, total * 1024)
        if self.temp_dir is not None and self.samples % TEMP_SAMPLE_EVERY == 0:
            self.peak_temp_bytes = max(self.peak_temp_bytes, directory_bytes(self.temp_dir))
        self.samples += 1

    def _run(self) -> None:
        while True:
            self._sample()
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_bytes(self) -> int:
        """The tree's peak: never below the peak of its largest single process."""
        return max(self.peak_rss_bytes, self.peak_process_hwm_bytes)
