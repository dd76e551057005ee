"""Run ``clean`` over many files in parallel: skip finished ones, isolate failures, keep order.

A failed file (unreadable, binary, broken gzip, or even a bug in an extractor) is reported and
skipped; it never stops the batch. Workers write txt/json outputs themselves (atomically); the
records of a one-file output (jsonl, parquet) come back to this process and are written in input
order, so the output bytes do not depend on ``jobs``.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path
from typing import BinaryIO, Literal, Protocol, TextIO

from cleaner.batch.errors import BatchRefusedError, BatchStoppedError
from cleaner.batch.files import (
    DEFAULT_GLOBS,
    InputFile,
    display_path,
    error_report_draft,
    error_report_path,
    is_warc,
    iter_inputs,
    output_name,
    write_atomic,
)
from cleaner.batch.output_dir import OutputHold, hold_output, skipped_by_walks
from cleaner.batch.parquet_sink import ParquetSink, require_pyarrow
from cleaner.batch.run_record import RunSettings, open_record
from cleaner.deadline import hard_time_limit
from cleaner.errors import failure_of
from cleaner.labels import Label
from cleaner.options import Options
from cleaner.output import SINGLE_FILE_FORMATS, OutputFormat, is_single_file, render
from cleaner.pipeline import clean_file, clean_payload
from cleaner.warc import TOO_LARGE, WarcDocument, WarcReaderMissing, input_type_of, read_warc

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
    #: Output directory (txt, md, json) or file (jsonl, parquet); None with jsonl means
    #: standard output.
    out: Path | None
    fmt: OutputFormat
    jobs: int
    options: Options
    force: bool = False
    #: File-name patterns taken from directories.
    globs: tuple[str, ...] = DEFAULT_GLOBS
    #: Follow file links that lead out of the folder walked (else reported, not followed).
    follow_links: bool = False
    #: txt, md: write this label's text instead of the body's.
    label: Label | None = None

    def settings(self) -> RunSettings:
        """The settings that decide the outputs' content, recorded beside them."""
        return RunSettings.current(self.options.extractor, self.fmt, self.options.input_type,
                                   self.options.include_title, self.options.url,
                                   self.options.favor,
                                   self.label.value if self.label is not None else None,
                                   self.options.links, self.options.emphasis,
                                   self.options.images)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input file."""

    source: str
    status: Status
    error_kind: str | None = None
    message: str | None = None
    #: The jsonl line, for the parent process to write (a one-file output).
    record: bytes | None = None
    #: Written, but no block of the document is body.
    empty_body: bool = False
    #: A WARC record's file and byte offset.
    warc: tuple[str, int] | None = None

    def error_record(self) -> str:
        fields: dict[str, object] = {"path": self.source, "kind": self.error_kind,
                                     "message": self.message}
        if self.warc is not None:
            fields.update(warc_file=self.warc[0], warc_offset=self.warc[1])
        return json.dumps(fields, ensure_ascii=False)


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
    #: Why the error report could not be written (a full disk...), if it could not.
    report_problem: str | None = None
    #: WARC records that are not documents, by record type or a response's media type.
    warc_skipped: Counter[str] = field(default_factory=Counter)

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
    target: Path | None  # None for a one-file output: the record goes back to the parent
    fmt: OutputFormat
    options: Options
    #: A --force run with other settings: when this file fails, the output an earlier run
    #: left for it goes (it is not this run's, and would keep the output's record pending).
    drop_stale: bool = False
    #: Where temporary files go (the run's scratch folder in the output).
    scratch: Path | None = None
    label: Label | None = None


@dataclass(frozen=True, slots=True)
class _RecordTask:
    """One document of a WARC file; its jsonl record goes back to the parent."""

    document: WarcDocument
    source: str
    options: Options


def process(task: _Task | _RecordTask) -> Outcome:
    """Clean one file or WARC record (in a worker); every failure becomes an Outcome."""
    return process_file(task) if isinstance(task, _Task) else _clean_record(task)


def warc_source(warc: str | Path, offset: int) -> str:
    """How a WARC record is named in records and reports: its file and byte offset."""
    return f"{display_path(Path(warc))}@{offset}"


def _clean_record(task: _RecordTask) -> Outcome:
    document = task.document
    options = replace(task.options, url=document.url,
                      input_type=input_type_of(document.media_type))
    where = {"warc_file": display_path(Path(document.warc)), "warc_offset": document.offset,
             "warc_record_id": document.record_id, "warc_date": document.date}
    try:
        result = clean_payload(document.content, options, charset=document.charset,
                               source=task.source)
        return Outcome(task.source, "written", record=render(result, "jsonl", extra=where),
                       empty_body=result.empty_body)
    except Exception as error:  # a bug must cost one record, not the batch
        return _failed(task.source, error, (where["warc_file"], document.offset))


def _failed(source: str, error: Exception, warc: tuple[str, int] | None = None) -> Outcome:
    kind, message = failure_of(error)
    return Outcome(source, "failed", kind, message, warc=warc)


def process_file(task: _Task) -> Outcome:
    """Clean one file and write (or return) its output; every failure becomes an Outcome."""
    outcome = _clean_one(task)
    if outcome.status == "failed" and task.drop_stale and task.target is not None:
        with suppress(OSError):
            task.target.unlink(missing_ok=True)
    return outcome


def _clean_one(task: _Task) -> Outcome:
    source = display_path(task.source)
    try:
        with hard_time_limit(task.options.timeout):
            result = clean_file(task.source, task.options, source=source)
        rendered = render(result, task.fmt, task.label)
        if task.target is None:
            return Outcome(source, "written", record=rendered, empty_body=result.empty_body)
        write_atomic(task.target, rendered, task.scratch)
        return Outcome(source, "written", empty_body=result.empty_body)
    except OSError as error:
        message = error.strerror or str(error)
        if task.source.is_symlink() and not task.source.exists():
            message = "broken symbolic link"
        return Outcome(source, "failed", "io", message)
    except Exception as error:  # ours (InputError...), or a bug: it costs one file
        return _failed(source, error)


def count_inputs(config: BatchConfig) -> int | None:
    """Number of input files to clean (a separate streaming pass, for the progress bar); None
    when a WARC file is among them (its documents are known only once it is read)."""
    skip = skipped_by_walks(config.out, config.fmt) if config.out is not None else []
    count = 0
    for item in iter_inputs(config.paths, config.globs, skip=skip,
                            follow_links=config.follow_links):
        if item.selected and is_warc(item.path):
            return None
        count += item.selected
    return count


def run_batch(config: BatchConfig, on_outcome: Callable[[Outcome], None]) -> Summary:
    """Clean every input of ``config``; ``on_outcome`` hears about each file as it finishes.

    Raises BatchRefusedError before anything is cleaned (the output is another run's,
    overlaps the inputs, holds results of other settings, cannot be written, or needs
    pyarrow), and BatchStoppedError when a signal or a one-file output that can no longer be
    written stops the run (what it wrote is whole; the same command resumes it).
    """
    started = time.perf_counter()
    if config.fmt == "parquet":
        require_pyarrow()
        if config.out is None:
            raise BatchRefusedError("--format parquet cannot go to standard output: give an "
                                    "output file")
    hold = hold_output(config.out, config.fmt, config.paths) if config.out is not None else None
    try:
        return _run_held(config, on_outcome, hold, started)
    finally:
        if hold is not None:
            hold.release()


def _run_held(config: BatchConfig, on_outcome: Callable[[Outcome], None],
              hold: OutputHold | None, started: float) -> Summary:
    scratch = hold.scratch if hold is not None else None
    record = (open_record(config.out, config.fmt, config.settings(), config.force, scratch)
              if config.out is not None else None)
    summary = Summary()
    sink = _open_sink(config)
    report = _ErrorReport(None if config.out is None
                          else error_report_path(config.out, config.fmt), scratch)

    def finish(outcome: Outcome) -> None:
        if sink is not None and outcome.record is not None:
            try:
                sink.write(outcome.record)
            except OSError as error:
                raise BatchStoppedError(f"cannot write {config.out}: "
                                        f"{error.strerror or error}", summary) from None
        if outcome.status == "failed":
            report.add(outcome)
        summary.add(outcome)
        on_outcome(outcome)

    completed = False
    try:
        with _signals_stop_the_run():
            work = _plan(config, sink.done if sink else frozenset(),
                         drop_stale=record is not None and record.pending, scratch=scratch,
                         warc_skipped=summary.warc_skipped)
            if config.jobs <= 1:
                for item in work:
                    finish(item if isinstance(item, Outcome) else process(item))
            else:
                _run_parallel(work, config.jobs, finish)
        completed = True
    except (KeyboardInterrupt, _Signalled) as stop:
        number = stop.number if isinstance(stop, _Signalled) else signal.SIGINT
        raise BatchStoppedError(f"stopped by {signal.Signals(number).name}", summary,
                                number) from None
    finally:
        unwritten = _close_sink(sink, publish=completed)
        summary.report_problem = report.close(publish=completed and unwritten is None)
        summary.seconds = time.perf_counter() - started
    if unwritten is not None:
        raise BatchStoppedError(f"cannot write {config.out}: {unwritten}", summary)
    if record is not None:
        record.complete(summary.written)
    return summary


class _Sink(Protocol):
    """Where the records of a one-file output go (_JsonlSink, ParquetSink)."""

    #: The sources the output holds already (a rerun skips them).
    done: frozenset[str]

    def write(self, record: bytes) -> None: ...

    def close(self, publish: bool) -> None: ...


def _open_sink(config: BatchConfig) -> _Sink | None:
    """The sink of a one-file output (None when each input has a file of its own)."""
    if config.fmt == "parquet":
        assert config.out is not None  # run_batch refuses parquet to standard output
        return ParquetSink.open(config.out, config.force)
    return _JsonlSink.open(config) if is_single_file(config.fmt) else None


def _close_sink(sink: _Sink | None, publish: bool) -> str | None:
    """Close the sink (``publish``: the run completed, its output goes in place); why it could
    not be written, if so."""
    if sink is None:
        return None
    try:
        sink.close(publish)
    except OSError as error:
        return error.strerror or str(error)
    return None


class _Signalled(BaseException):
    """SIGTERM or SIGHUP arrived: the run stops as it does on Ctrl-C."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@contextmanager
def _signals_stop_the_run() -> Iterator[None]:
    """While the run goes, SIGTERM and SIGHUP (a scheduler, a closed terminal) stop it as
    Ctrl-C does: workers ended, outputs whole, the report of what was done kept."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: object) -> None:
        raise _Signalled(number)

    signals = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {number: signal.signal(number, stop) for number in signals}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _plan(config: BatchConfig, done: frozenset[str], drop_stale: bool, scratch: Path | None,
          warc_skipped: Counter[str]) -> Iterator[_Task | _RecordTask | Outcome]:
    """Tasks in input order (a WARC file's documents, record by record); inputs with an
    output already there come out as skipped, and every input that cannot be cleaned as asked
    (a name collision, an output that would overwrite an input, a folder that cannot be
    listed, a WARC record that cannot be read...) as failed. ``warc_skipped`` counts the WARC
    records that are not documents."""
    skip = skipped_by_walks(config.out, config.fmt) if config.out is not None else []
    items = iter_inputs(config.paths, config.globs, skip=skip,
                        follow_links=config.follow_links)
    explicit_files = {path.resolve() for path in config.paths if not path.is_dir()}
    seen_targets: set[Path] | None = set() if len(config.paths) > 1 else None
    for _, folder in groupby(items, key=lambda item: item.path.parent):
        for item, target, problem in _targets_of_folder(config, list(folder)):
            source = display_path(item.path)
            if not item.selected:
                yield Outcome(source, "ignored")
            elif problem is not None:
                yield Outcome(source, "failed", problem[0], problem[1])
            elif is_warc(item.path):
                yield from _warc_tasks(config, item.path, done, warc_skipped)
            elif target is None:  # one file: the jsonl record goes back to this process
                if source in done and not config.force:
                    yield Outcome(source, "skipped")
                else:
                    yield _Task(item.path, None, "jsonl", config.options, drop_stale, scratch,
                                config.label)
            else:
                outcome = _check_target(config, source, target, explicit_files, seen_targets)
                yield outcome if outcome is not None else _Task(
                    item.path, target, config.fmt, config.options, drop_stale, scratch,
                    config.label)


def _warc_tasks(config: BatchConfig, path: Path, done: frozenset[str],
                warc_skipped: Counter[str]) -> Iterator[_RecordTask | Outcome]:
    """A task for each document of the WARC file (skipped when the output has its record), a
    failed outcome for each record that cannot be read and for a file that cannot be."""
    if not is_single_file(config.fmt):
        yield Outcome(display_path(path), "failed", "format",
                      "a WARC file's records go into one file: use --format "
                      + " or --format ".join(SINGLE_FILE_FORMATS))
        return
    try:
        for item in read_warc(path, warc_skipped, config.options.max_bytes):
            source = warc_source(item.warc, item.offset)
            if not isinstance(item, WarcDocument):
                kind = "too-large" if item.kind == TOO_LARGE else "warc"
                yield Outcome(source, "failed", kind, f"{item.kind}: {item.message}",
                              warc=(display_path(Path(item.warc)), item.offset))
            elif source in done and not config.force:
                yield Outcome(source, "skipped")
            else:
                yield _RecordTask(item, source, config.options)
    except WarcReaderMissing as error:
        yield Outcome(display_path(path), "failed", "warc", str(error))
    except OSError as error:
        yield Outcome(display_path(path), "failed", "io", error.strerror or str(error))


def _targets_of_folder(config: BatchConfig, folder: list[InputFile],
                       ) -> Iterator[tuple[InputFile, Path | None, tuple[str, str] | None]]:
    """Each input of one folder with its output path and its problem (kind, message), if
    any: inputs whose outputs would have one name (page.html and page.html.gz) are all
    failed, whatever order they would run in."""
    targets = [_target(config, item) if item.selected and item.problem is None else None
               for item in folder]
    counts = Counter(target for target in targets if target is not None)
    for item, target in zip(folder, targets, strict=True):
        if item.problem is not None:
            yield item, None, item.problem
        elif target is not None and counts[target] > 1:
            others = [display_path(other.path.name) for other, same in zip(folder, targets,
                                                                          strict=True)
                      if same == target and other is not item]
            yield item, target, ("collision", f"{', '.join(others)} would write the same "
                                              f"output, {display_path(target)}")
        else:
            yield item, target, None


def _check_target(config: BatchConfig, source: str, target: Path, explicit_files: set[Path],
                  seen_targets: set[Path] | None) -> Outcome | None:
    """The outcome for an input whose output cannot or need not be written; None to clean."""
    shown = display_path(target)
    if explicit_files and target.resolve() in explicit_files:
        return Outcome(source, "failed", "overlap",
                       f"its output {shown} is an input of this run; choose another -o")
    if seen_targets is not None:
        if target in seen_targets:
            return Outcome(source, "failed", "collision",
                           f"output {shown} is already taken by another input")
        seen_targets.add(target)
    try:
        if not config.force and target.exists():
            return Outcome(source, "skipped")
    except OSError as error:
        return Outcome(source, "failed", "name", f"output {shown}: {error.strerror or error}")
    return None


def _target(config: BatchConfig, item: InputFile) -> Path | None:
    if is_single_file(config.fmt) or is_warc(item.path):
        return None
    assert config.out is not None
    return config.out / output_name(item.relative, config.fmt)


def _run_parallel(
    work: Iterator[_Task | _RecordTask | Outcome], jobs: int,
    finish: Callable[[Outcome], None],
) -> None:
    """Keep at most jobs × IN_FLIGHT_PER_JOB tasks in flight; report in input order."""
    limit = jobs * IN_FLIGHT_PER_JOB
    pending: dict[Future[Outcome], tuple[int, _Task | _RecordTask]] = {}
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
                    pending[pool.submit(process, item)] = (sequence, item)
                sequence += item is not None
            while next_to_report in ready:
                finish(ready.pop(next_to_report))
                next_to_report += 1
            if not pending:
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            crashed: list[tuple[int, _Task | _RecordTask]] = []
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
    except BaseException:
        _end_workers(pool)  # a signal or a failed output: stop now, not after the tasks
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's worker processes (Python 3.14 has terminate_workers(); before it,
    the pool keeps them in ``_processes``)."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with suppress(OSError, ValueError):
            process.terminate()


def _worker_pool(jobs: int) -> ProcessPoolExecutor:
    """Workers replaced after WORKER_TASKS documents each (started by spawn, as Python requires
    for that), so a long batch's memory stays at what one worker needs for a few pages."""
    return ProcessPoolExecutor(max_workers=jobs, max_tasks_per_child=WORKER_TASKS)


def _process_isolated(task: _Task | _RecordTask) -> Outcome:
    """Run one task in a fresh single-worker pool; a crash there is that file's own."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(process, task).result()
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
        """Standard output, or the file (BatchRefusedError when it cannot be read or
        written)."""
        import sys

        if config.out is None:
            return cls(sys.stdout.buffer, frozenset(), owned=False)
        try:
            done = frozenset() if config.force else _sources_in(config.out)
            handle = config.out.open("wb" if config.force else "ab")
        except OSError as error:
            raise BatchRefusedError(f"cannot write {config.out}: "
                                    f"{error.strerror or error}") from None
        return cls(handle, done, owned=True)

    def write(self, record: bytes) -> None:
        self.handle.write(record)
        self.handle.flush()

    def close(self, publish: bool) -> None:
        """Close the file (each record is in it as soon as written, whether or not the run
        completed)."""
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
    """The error report (errors.jsonl): one JSON line per failed input (path, kind, message;
    a WARC record's file and offset), written as failures come in (a batch of a million bad
    files holds none of them in memory) to a temporary file (in the run's scratch folder, or
    hidden beside a one-file output) that replaces the report when the run completes. A run
    where nothing failed removes an old report. A report that cannot be written (a full disk)
    is given up, and says why, without stopping the run."""

    def __init__(self, path: Path | None, scratch: Path | None) -> None:
        #: The report's path and the temporary file written until the run completes; None
        #: when the run keeps no report.
        self.files = None if path is None else (path, error_report_draft(path, scratch))
        self.handle: TextIO | None = None
        self.problem: str | None = None

    def add(self, outcome: Outcome) -> None:
        if self.files is None or self.problem is not None:
            return
        try:
            if self.handle is None:
                self.handle = self.files[1].open("w", encoding="utf-8")
            self.handle.write(outcome.error_record() + "\n")
        except OSError as error:
            self._give_up(error)

    def close(self, publish: bool) -> str | None:
        """Put the report in place (``publish``) or drop it; why it could not be, if so."""
        if self.files is None:
            return None
        path, temporary = self.files
        try:
            if self.handle is not None:
                self.handle.close()
                if publish and self.problem is None:
                    os.replace(temporary, path)
            elif publish and self.problem is None:
                path.unlink(missing_ok=True)
        except OSError as error:
            self._give_up(error)
        return self.problem

    def _give_up(self, error: OSError) -> None:
        self.problem = error.strerror or str(error)
        if self.handle is not None:
            with suppress(OSError):
                self.handle.close()
            self.handle = None
        assert self.files is not None
        with suppress(OSError):
            self.files[1].unlink(missing_ok=True)
