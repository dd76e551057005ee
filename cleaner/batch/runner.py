"""Run ``clean`` over many files in parallel: skip finished ones, isolate failures, keep order.

A failed file (unreadable, binary, broken gzip, or even a bug in an extractor) is reported and
skipped; it never stops the batch. Workers write txt/json outputs themselves (atomically); jsonl
records come back to this process and are appended in input order, so the output bytes do not
depend on ``jobs``.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, TextIO

from cleaner.batch.files import (
    DEFAULT_GLOBS,
    ERROR_REPORT_NAME,
    InputFile,
    iter_inputs,
    output_name,
    temporary_path,
    write_atomic,
)
from cleaner.batch.run_record import RunSettings, open_record
from cleaner.errors import CleanerError, InputTimeoutError
from cleaner.options import Options
from cleaner.output import OutputFormat, render
from cleaner.pipeline import clean_file

#: The hard time limit (SIGALRM) fires at this multiple of --timeout: the pipeline's own checks
#: come first wherever they can.
HARD_LIMIT_FACTOR = 1.5
#: Documents a worker process cleans before a fresh one takes over: Python's allocator does not
#: give memory back, so a worker that lived through 5,000 pages peaked 13 % higher than one
#: that saw 1,000 (peak RSS, 10,000 vs 2,000 dev pages).
WORKER_TASKS = 500
#: Tasks kept in flight per worker: enough to keep workers busy, few enough to keep memory flat.
IN_FLIGHT_PER_JOB = 4

#: written: cleaned; skipped: its output was there already; failed: reported in errors.jsonl;
#: ignored: found in a directory, but its name matches none of the patterns.
Status = Literal["written", "skipped", "failed", "ignored"]


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """One ``cleaner clean`` run."""

    paths: tuple[Path, ...]
    #: Output directory (txt, json) or file (jsonl); None with jsonl means standard output.
    out: Path | None
    fmt: OutputFormat
    jobs: int
    options: Options
    force: bool = False
    #: File-name patterns taken from directories.
    globs: tuple[str, ...] = DEFAULT_GLOBS

    def settings(self) -> RunSettings:
        """The settings that decide the outputs' content, recorded beside them."""
        return RunSettings.current(self.options.extractor, self.fmt, self.options.input_type,
                                   self.options.include_title, self.options.url)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input file."""

    source: str
    status: Status
    error_kind: str | None = None
    message: str | None = None
    #: The jsonl line, for the parent process to append.
    record: bytes | None = None
    #: Written, but no block of the document is body.
    empty_body: bool = False

    def error_record(self) -> str:
        return json.dumps(
            {"path": self.source, "kind": self.error_kind, "message": self.message},
            ensure_ascii=False,
        )


@dataclass(slots=True)
class Summary:
    """Counts of one run (a local tally, returned to the caller)."""

    written: int = 0
    skipped: int = 0
    failed: int = 0
    ignored: int = 0
    #: Of the written documents, those whose body came out empty.
    empty: int = 0
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        return self.written + self.failed

    @property
    def docs_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "written":
            self.written += 1
            self.empty += outcome.empty_body
        elif outcome.status == "skipped":
            self.skipped += 1
        elif outcome.status == "ignored":
            self.ignored += 1
        else:
            self.failed += 1


@dataclass(frozen=True, slots=True)
class _Task:
    source: Path
    target: Path | None  # None for jsonl: the record goes back to the parent
    fmt: OutputFormat
    options: Options
    #: A --force run with other settings: when this file fails, the output an earlier run
    #: left for it goes (it is not this run's, and would keep the output's record pending).
    drop_stale: bool = False


def process_file(task: _Task) -> Outcome:
    """Clean one file and write (or return) its output; every failure becomes an Outcome."""
    outcome = _clean_one(task)
    if outcome.status == "failed" and task.drop_stale and task.target is not None:
        with suppress(OSError):
            task.target.unlink(missing_ok=True)
    return outcome


def _clean_one(task: _Task) -> Outcome:
    source = str(task.source)
    try:
        with hard_time_limit(task.options.timeout):
            result = clean_file(task.source, task.options, source=source)
        rendered = render(result, task.fmt)
        if task.target is None:
            return Outcome(source, "written", record=rendered, empty_body=result.empty_body)
        write_atomic(task.target, rendered)
        return Outcome(source, "written", empty_body=result.empty_body)
    except CleanerError as error:
        return Outcome(source, "failed", getattr(error, "kind", "input"), str(error))
    except OSError as error:
        message = error.strerror or str(error)
        if task.source.is_symlink() and not task.source.exists():
            message = "broken symbolic link"
        return Outcome(source, "failed", "io", message)
    except Exception as error:  # a bug must cost one file, not the batch
        return Outcome(source, "failed", "internal", f"{type(error).__name__}: {error}")


@contextmanager
def hard_time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt whatever runs (trafilatura included) with InputTimeoutError when ``seconds``
    times HARD_LIMIT_FACTOR have passed: the backstop for the pipeline's own checks.

    Uses SIGALRM, so only where it exists and only in a main thread (the batch's workers);
    elsewhere the pipeline's own checks are the limit.
    """
    usable = (seconds is not None and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    limit = seconds * HARD_LIMIT_FACTOR

    def give_up(signum: int, frame: object) -> None:
        raise InputTimeoutError(f"gave up after the time limit of {seconds:g} s "
                                f"(stopped at {limit:g} s)")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def count_inputs(config: BatchConfig) -> int:
    """Number of input files to clean (a separate streaming pass, for the progress bar)."""
    return sum(item.selected for item in iter_inputs(config.paths, config.globs))


def run_batch(config: BatchConfig, on_outcome: Callable[[Outcome], None]) -> Summary:
    """Clean every input of ``config``; ``on_outcome`` hears about each file as it finishes.

    Raises SettingsMismatchError, before anything is written, when the output holds results
    of other settings (see run_record).
    """
    started = time.perf_counter()
    record = (open_record(config.out, config.fmt, config.settings(), config.force)
              if config.out is not None else None)
    summary = Summary()
    sink = _JsonlSink.open(config) if config.fmt == "jsonl" else None
    report = _ErrorReport(None if config.out is None or config.fmt == "jsonl"
                          else config.out / ERROR_REPORT_NAME)

    def finish(outcome: Outcome) -> None:
        if sink is not None and outcome.record is not None:
            sink.write(outcome.record)
        if outcome.status == "failed":
            report.add(outcome)
        summary.add(outcome)
        on_outcome(outcome)

    completed = False
    try:
        work = _plan(config, sink.done if sink else frozenset(),
                     drop_stale=record is not None and record.pending)
        if config.jobs <= 1:
            for item in work:
                finish(item if isinstance(item, Outcome) else process_file(item))
        else:
            _run_parallel(work, config.jobs, finish)
        completed = True
    finally:
        if sink is not None:
            sink.close()
        report.close(publish=completed)
    if record is not None:
        record.complete(summary.written)
    summary.seconds = time.perf_counter() - started
    return summary


def _plan(config: BatchConfig, done: frozenset[str], drop_stale: bool,
          ) -> Iterator[_Task | Outcome]:
    """Tasks in input order; inputs with an output already there come out as skipped."""
    seen_targets: set[Path] = set()
    for item in iter_inputs(config.paths, config.globs):
        source = str(item.path)
        if not item.selected:
            yield Outcome(source, "ignored")
            continue
        target = _target(config, item)
        if target is None:
            if source in done and not config.force:
                yield Outcome(source, "skipped")
                continue
        else:
            if len(config.paths) > 1:
                if target in seen_targets:
                    yield Outcome(source, "failed", "collision",
                                  f"output {target} is already taken by another input")
                    continue
                seen_targets.add(target)
            if not config.force and target.exists():
                yield Outcome(source, "skipped")
                continue
        yield _Task(item.path, target, config.fmt, config.options, drop_stale)


def _target(config: BatchConfig, item: InputFile) -> Path | None:
    if config.fmt == "jsonl":
        return None
    assert config.out is not None
    return config.out / output_name(item.relative, config.fmt)


def _run_parallel(
    work: Iterator[_Task | Outcome], jobs: int, finish: Callable[[Outcome], None]
) -> None:
    """Keep at most jobs × IN_FLIGHT_PER_JOB tasks in flight; report in input order."""
    limit = jobs * IN_FLIGHT_PER_JOB
    pending: dict[Future[Outcome], tuple[int, _Task]] = {}
    ready: dict[int, Outcome] = {}
    next_to_report = 0
    sequence = 0
    exhausted = False
    pool = _worker_pool(jobs)
    try:
        while not exhausted or pending or ready:
            while not exhausted and len(pending) < limit:
                item = next(work, None)
                if item is None:
                    exhausted = True
                elif isinstance(item, Outcome):
                    ready[sequence] = item
                else:
                    pending[pool.submit(process_file, item)] = (sequence, item)
                sequence += item is not None
            while next_to_report in ready:
                finish(ready.pop(next_to_report))
                next_to_report += 1
            if not pending:
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            crashed: list[tuple[int, _Task]] = []
            for future in done:
                number, task = pending.pop(future)
                try:
                    ready[number] = future.result()
                except BrokenProcessPool:
                    crashed.append((number, task))
            if crashed:
                # A dead worker breaks the whole pool and every task in it: rerun those one by
                # one, each in a pool of its own, so only the file that kills a worker fails.
                crashed.extend(pending.values())
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                for number, task in sorted(crashed, key=lambda entry: entry[0]):
                    ready[number] = _process_isolated(task)
                pool = _worker_pool(jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_pool(jobs: int) -> ProcessPoolExecutor:
    """Workers replaced after WORKER_TASKS documents each (started by spawn, as Python requires
    for that), so a long batch's memory stays at what one worker needs for a few pages."""
    return ProcessPoolExecutor(max_workers=jobs, max_tasks_per_child=WORKER_TASKS)


def _process_isolated(task: _Task) -> Outcome:
    """Run one task in a fresh single-worker pool; a crash there is that file's own."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(process_file, task).result()
        except BrokenProcessPool:
            return Outcome(str(task.source), "failed", "crash",
                           "the worker process died while cleaning this file")


class _JsonlSink:
    """The jsonl output: appended record by record; a rerun skips sources it already holds."""

    def __init__(self, handle: BinaryIO, done: frozenset[str], owned: bool) -> None:
        self.handle = handle
        self.done = done
        self.owned = owned

    @classmethod
    def open(cls, config: BatchConfig) -> _JsonlSink:
        import sys

        if config.out is None:
            return cls(sys.stdout.buffer, frozenset(), owned=False)
        done = frozenset() if config.force else _sources_in(config.out)
        config.out.parent.mkdir(parents=True, exist_ok=True)
        handle = config.out.open("wb" if config.force else "ab")
        return cls(handle, done, owned=True)

    def write(self, record: bytes) -> None:
        self.handle.write(record)
        self.handle.flush()

    def close(self) -> None:
        if self.owned:
            self.handle.close()


def _sources_in(path: Path) -> frozenset[str]:
    """Sources already in a jsonl output, read a line at a time (the file may hold millions of
    records); a torn last line (killed run) is cut off first."""
    if not path.exists():
        return frozenset()
    sources = set()
    complete = 0  # bytes up to the end of the last whole line
    with path.open("r+b") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                handle.truncate(complete)
                break
            complete += len(line)
            try:
                sources.add(json.loads(line)["source"])
            except (json.JSONDecodeError, KeyError, TypeError):
                continue
    return frozenset(sources)


class _ErrorReport:
    """errors.jsonl: one JSON line per failed file (path, kind, message), written as failures
    come in (a batch of a million bad files holds none of them in memory) to a temporary file
    that replaces the report when the run completes. A run where nothing failed removes an
    old report."""

    def __init__(self, path: Path | None) -> None:
        #: The report's path and the temporary file written until the run completes; None
        #: when the run keeps no report.
        self.files = (path, temporary_path(path)) if path is not None else None
        self.handle: TextIO | None = None

    def add(self, outcome: Outcome) -> None:
        if self.files is None:
            return
        path, temporary = self.files
        if self.handle is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = temporary.open("w", encoding="utf-8")
        self.handle.write(outcome.error_record() + "\n")

    def close(self, publish: bool) -> None:
        if self.files is None:
            return
        path, temporary = self.files
        if self.handle is not None:
            self.handle.close()
            if publish:
                os.replace(temporary, path)
            else:
                temporary.unlink(missing_ok=True)
        elif publish and path.exists():
            path.unlink()
