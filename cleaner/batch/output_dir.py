"""A run's hold on its output: an exclusive lock (a second run on the same output is refused),
a scratch folder for temporary files, and the checks that the output can be written and does
not overlap the inputs. All of it before anything is cleaned."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from cleaner.batch.errors import BatchRefusedError
from cleaner.batch.files import error_report_draft, error_report_path
from cleaner.batch.parquet_sink import draft_path, parts_folder
from cleaner.batch.run_record import record_path
from cleaner.output import STDOUT_FORMATS, is_single_file

try:
    import fcntl
except ImportError:  # not POSIX: no lock (documented in the README)
    fcntl = None  # type: ignore[assignment]

#: Hidden files a run keeps in an output folder (beside a one-file output, the lock is
#: ".NAME" + LOCK_NAME).
LOCK_NAME = ".cleaner-lock"
SCRATCH_NAME = ".cleaner-tmp"


@dataclass(frozen=True, slots=True)
class OutputHold:
    """The lock a run holds on its output, and where its temporary files go."""

    lock: Path
    handle: int
    #: The folder for temporary files (txt/md/json outputs); None for a one-file output.
    scratch: Path | None

    def release(self) -> None:
        """Remove the scratch folder and the lock file, then let the lock go (a run that
        opened the lock file meanwhile finds it gone, and starts over: see _lock)."""
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
        with suppress(OSError):
            self.lock.unlink()
        os.close(self.handle)


def hold_output(out: Path, fmt: str, inputs: Sequence[Path]) -> OutputHold:
    """Lock ``out`` for this run; refuse an output that overlaps an input, that another run
    holds, or that cannot be written (BatchRefusedError)."""
    _check_overlap(out, fmt, inputs)
    try:
        if is_single_file(fmt):
            if out.exists() and not stat.S_ISREG(out.stat().st_mode):
                hint = " (for standard output, give -o -)" if fmt in STDOUT_FORMATS else ""
                raise BatchRefusedError(f"-o {out}: not a regular file{hint}")
            out.parent.mkdir(parents=True, exist_ok=True)
            lock, scratch = lock_path(out, fmt), None
        else:
            out.mkdir(parents=True, exist_ok=True)
            lock, scratch = lock_path(out, fmt), out / SCRATCH_NAME
        handle = _lock(lock, out)
    except OSError as error:
        raise BatchRefusedError(f"cannot write into {out}: {error.strerror or error}") from None
    hold = OutputHold(lock, handle, scratch)
    if scratch is not None:
        try:
            shutil.rmtree(scratch, ignore_errors=True)  # what a killed run left
            scratch.mkdir()
        except OSError as error:
            hold.release()
            raise BatchRefusedError(f"cannot write into {out}: "
                                    f"{error.strerror or error}") from None
    return hold


def skipped_by_walks(out: Path, fmt: str) -> list[Path]:
    """What a walk of the inputs must leave out: the output folder, or the one-file output and
    the files kept beside it (a parquet output's parts and draft among them)."""
    if not is_single_file(fmt):
        return [out]
    report = error_report_path(out, fmt)
    return [out, record_path(out, fmt), lock_path(out, fmt), report,
            error_report_draft(report, None), parts_folder(out), draft_path(out)]


def lock_path(out: Path, fmt: str) -> Path:
    """The run's lock file: in the output folder, or hidden beside a one-file output."""
    return out.with_name(f".{out.name}{LOCK_NAME}") if is_single_file(fmt) else out / LOCK_NAME


def _lock(lock: Path, out: Path) -> int:
    """Open and lock the lock file; refuse when another run holds it. A lock taken on a file
    its holder removed on the way out (between our open and our lock) is not the lock: start
    over on the file now at that path."""
    while True:
        handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        if fcntl is None:
            return handle
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(handle)
            raise BatchRefusedError(f"{out} is being written by another cleaner run (process "
                                    f"{holder}); wait for it to end, or choose another "
                                    f"-o") from None
        except OSError:
            os.close(handle)
            raise
        try:
            current = os.stat(lock).st_ino
        except FileNotFoundError:
            current = None
        if current == os.fstat(handle).st_ino:
            os.ftruncate(handle, 0)
            os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
            return handle
        os.close(handle)


def _check_overlap(out: Path, fmt: str, inputs: Sequence[Path]) -> None:
    """An input folder inside the output folder (or the same) would be walked into outputs
    and could be written over; an input file that is the one-file output would be written to.
    (An output folder inside an input folder is fine: walks leave it out.)"""
    real_out = out.resolve()
    for path in inputs:
        real = path.resolve()
        if not is_single_file(fmt) and path.is_dir() and real.is_relative_to(real_out):
            where = "is" if real == real_out else "lies inside"
            raise BatchRefusedError(f"the input folder {path} {where} the output folder "
                                    f"{out}: outputs could overwrite inputs; choose another -o")
        if real == real_out:
            raise BatchRefusedError(f"-o {out} is also an input; choose another -o")
