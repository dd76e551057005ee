"""Peak resident memory of a process and all its descendants (workers, sandboxes, a JVM and
its Python workers), sampled from /proc while it runs: no runner reports its workers' peaks
in one way, so this reads them from the outside alike."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

#: Seconds between samples: often enough to catch a worker's peak over a page or two.
SAMPLE_INTERVAL = 0.05
_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4


@dataclass(slots=True)
class TreePeaks:
    """The peaks seen: per process (its command name and peak KiB), and of the whole tree at
    one moment."""

    by_process: dict[int, tuple[str, int]] = field(default_factory=dict)
    tree_kib: int = 0

    def largest(self, exclude: tuple[str, ...] = ("java",)) -> int:
        """The largest peak (KiB) of a process whose command is not in ``exclude``."""
        return max((kib for name, kib in self.by_process.values() if name not in exclude),
                   default=0)

    def of(self, name: str) -> int:
        """The largest peak (KiB) of the processes of this command name (``java``)."""
        return max((kib for command, kib in self.by_process.values() if command == name),
                   default=0)


class TreeSampler:
    """Samples a process tree's memory in a thread until stopped (a context manager)."""

    def __init__(self, root: int, interval: float = SAMPLE_INTERVAL) -> None:
        self.root = root
        self.interval = interval
        self.peaks = TreePeaks()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        """Read the tree's processes once and raise the peaks they pass."""
        total = 0
        for pid in _tree(self.root):
            reading = _resident(pid)
            if reading is None:
                continue
            name, kib = reading
            total += kib
            _, peak = self.peaks.by_process.get(pid, (name, 0))
            self.peaks.by_process[pid] = (name, max(peak, kib))
        self.peaks.tree_kib = max(self.peaks.tree_kib, total)


def _tree(root: int) -> list[int]:
    """``root`` and its descendants now."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _resident(pid: int) -> tuple[str, int] | None:
    """A process's command name and resident KiB, or None when it has gone."""
    try:
        name = Path(f"/proc/{pid}/comm").read_text().strip()
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return name, pages * _PAGE_KIB
