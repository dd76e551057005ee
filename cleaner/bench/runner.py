"""Run each extractor in a fresh process over the same pages; time it and read its peak memory.

A fresh process per extractor keeps one tool's imports and caches from weighing on another's
memory figure. Pages are read one at a time (so memory reflects the extractor, not the corpus)
and the clock runs only around the extraction call; each extractor is warmed up on the first
page so import time is not counted.

The passes are interleaved: every extractor's process is started first, then each round gives
each extractor one pass over the pages in turn (only one runs at a time). A shared machine
speeds up and slows down over tens of seconds; run back to back, one extractor could get a slow
spell and the next a fast one, while interleaved rounds spread the spells over all of them, and
the fastest pass of each is compared.
"""

from __future__ import annotations

import gzip
import multiprocessing
import resource
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
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
    #: Ours: return the Markdown body (its rendering timed with the rest) instead of the text.
    markdown: bool = False


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


#: Called after each pass: the candidate, the round (from 1) and the pass's seconds.
PassReport = Callable[[Candidate, int, float], None]


class BenchWorkerError(RuntimeError):
    """An extractor's process failed outside the pages (loading it, or the process died)."""


def run_candidates(candidates: Sequence[Candidate], paths: Sequence[Path], input_kind: str,
                   repeat: int = 1, on_pass: PassReport | None = None) -> list[RunResult]:
    """Run every candidate in its own new process (spawned: nothing inherited) over ``paths``,
    ``repeat`` rounds of one pass each, interleaved; each result holds the fastest pass (as
    timeit does: the other passes measure the machine's noise, not the extractor), the
    outputs of the first and the peak memory over all."""
    context = multiprocessing.get_context("spawn")
    page_paths = [str(path) for path in paths]
    workers: list[tuple[Candidate, BaseProcess, Connection]] = []
    try:
        for candidate in candidates:
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, candidate, page_paths,
                                                           input_kind), daemon=True)
            process.start()
            theirs.close()
            workers.append((candidate, process, ours))
        fastest = {candidate: float("inf") for candidate in candidates}
        for round_number in range(1, max(1, repeat) + 1):
            for candidate, _, connection in workers:
                seconds = _ask(candidate, connection, "pass")
                fastest[candidate] = min(fastest[candidate], seconds)
                if on_pass is not None:
                    on_pass(candidate, round_number, seconds)
        results = []
        for candidate, process, connection in workers:
            outputs, errors, peak, added = _ask(candidate, connection, "finish")
            results.append(RunResult(candidate, outputs, errors, fastest[candidate], peak, added))
            process.join()
        return results
    finally:
        for _, process, connection in workers:
            connection.close()
            if process.is_alive():
                process.kill()
                process.join()


def _ask(candidate: Candidate, connection: Connection, command: str):
    """Send ``command`` to a candidate's process and return its answer."""
    try:
        connection.send(command)
        status, answer = connection.recv()
    except (EOFError, OSError):
        raise BenchWorkerError(f"{candidate.name}: its process ended unexpectedly") from None
    if status != "ok":
        raise BenchWorkerError(f"{candidate.name}: {answer}")
    return answer


def _serve(connection: Connection, candidate: Candidate, paths: list[str],
           input_kind: str) -> None:
    """A candidate's process: load and warm up the extractor, then run a pass over the pages
    for each "pass" asked, until "finish" (answered with the outputs and memory figures)."""
    # Ctrl-C is the main process's to handle: it stops the processes it started.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        extract = _extract_function(candidate, input_kind)
        if paths:
            _safe(extract, read_page(Path(paths[0])))  # warm-up: imports, lazy tables
        before = _max_rss_mib()
        first: tuple[list[str], int] | None = None
        while connection.recv() == "pass":
            seconds, outputs, errors = _one_pass(extract, paths)
            first = first or (outputs, errors)
            connection.send(("ok", seconds))
        peak = _max_rss_mib()
        outputs, errors = first or ([], 0)
        connection.send(("ok", (outputs, errors, peak, peak - before)))
    except EOFError:
        pass  # the main process went away: nothing to answer
    except Exception as error:  # reported to the main process, which names the candidate
        connection.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()


def _one_pass(extract, paths: list[str]) -> tuple[float, list[str], int]:
    """Seconds spent extracting (reading the pages not counted), outputs, failed pages."""
    seconds = 0.0
    outputs: list[str] = []
    errors = 0
    for path in paths:
        page = read_page(Path(path))
        started = time.perf_counter()
        text = _safe(extract, page)
        seconds += time.perf_counter() - started
        errors += text is None
        outputs.append(text or "")
    return seconds, outputs, errors


def _extract_function(candidate: Candidate, input_kind: str):
    if candidate.kind == "ours":
        options = Options(extractor=candidate.key, input_type=input_kind)  # type: ignore[arg-type]
        if candidate.markdown:
            return lambda page: clean_document(page, options).markdown
        return lambda page: clean_document(page, options).text
    peer = next((peer for peer in PEERS if peer.name == candidate.key), None)
    if peer is None:
        raise ValueError(f"no peer named {candidate.key!r}")
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
