"""Run each extractor in a fresh process over the same pages; time it and read its peak memory.

A fresh process per extractor keeps one tool's imports and caches from weighing on another's
memory figure. Pages are read one at a time (so memory reflects the extractor, not the corpus)
and the clock runs only around the extraction call; each extractor is warmed up on the first
page so import time is not counted.
"""

from __future__ import annotations

import gzip
import multiprocessing
import resource
import time
from dataclasses import dataclass
from pathlib import Path

from cleaner.bench.peers import PEERS, lines_as_html
from cleaner.options import Options
from cleaner.pipeline import clean_document


@dataclass(frozen=True, slots=True)
class Candidate:
    """Something to benchmark: one of our extractors ("ours") or a peer."""

    name: str
    kind: str  # "ours" or "peer"
    key: str  # extractor name for ours, peer name for peers


@dataclass(frozen=True, slots=True)
class RunResult:
    candidate: Candidate
    outputs: list[str]
    errors: int
    seconds: float
    #: Peak resident memory of the process (MiB), and how much running the pages added to it.
    peak_rss_mib: float
    added_rss_mib: float


def read_page(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def run_candidate(
    candidate: Candidate, paths: list[Path], input_kind: str, repeat: int = 1
) -> RunResult:
    """Run ``candidate`` over ``paths`` in a new process (spawned, so nothing is inherited).

    With ``repeat`` > 1 the pages are run that many times and the fastest pass is reported
    (as timeit does: the other passes measure the machine's noise, not the extractor).
    """
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(_run_here, (candidate, [str(p) for p in paths], input_kind, repeat))


def _run_here(candidate: Candidate, paths: list[str], input_kind: str, repeat: int) -> RunResult:
    extract = _extract_function(candidate, input_kind)
    if paths:
        _safe(extract, read_page(Path(paths[0])))  # warm-up: imports, lazy tables
    before = _max_rss_mib()
    outputs: list[str] = []
    errors = 0
    fastest = float("inf")
    for attempt in range(max(1, repeat)):
        seconds = 0.0
        for path in paths:
            page = read_page(Path(path))
            started = time.perf_counter()
            text = _safe(extract, page)
            seconds += time.perf_counter() - started
            if attempt == 0:
                errors += text is None
                outputs.append(text or "")
        fastest = min(fastest, seconds)
    peak = _max_rss_mib()
    return RunResult(candidate, outputs, errors, fastest, peak, peak - before)


def _extract_function(candidate: Candidate, input_kind: str):
    if candidate.kind == "ours":
        options = Options(extractor=candidate.key, input_type=input_kind)  # type: ignore[arg-type]
        return lambda page: clean_document(page, options).text
    peer = next(peer for peer in PEERS if peer.name == candidate.key)
    function = peer.load()
    if input_kind == "text":
        return lambda page: function(lines_as_html(page))
    return function


def _safe(extract, page: str) -> str | None:
    try:
        return extract(page)
    except Exception:  # a peer failing on one page is a data point, not a crash
        return None


def _max_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB.

    Linux's VmHWM is the process's own high-water mark; ``ru_maxrss`` is not used there
    because it keeps the parent's size from before the exec of a spawned worker, which
    inflated every extractor but the first in a run.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux, BSD: KiB
