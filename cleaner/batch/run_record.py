"""The record of the settings an output was written with, so that a rerun with other settings
does not silently keep outputs the old ones made (a resumed run skips existing outputs).

The record is a promise that every output there was written with its settings. A run into a
new or empty output writes it at once; a ``--force`` run with other settings into an output
that holds files writes it only when, at its end, every file there is one it wrote (a stopped
run, or one given only some of the inputs, leaves none, and the next run says so).
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from cleaner import __version__
from cleaner.batch.errors import BatchRefusedError
from cleaner.batch.files import ERROR_REPORT_NAME, write_atomic
from cleaner.batch.parquet_sink import parts_folder
from cleaner.output import is_single_file

#: The record's name inside an output directory; beside a one-file output (jsonl, parquet) it
#: is the file's name plus "." and this.
RECORD_NAME = "cleaner-run.json"
#: Files of an output directory that are not outputs.
BOOKKEEPING_NAMES = frozenset({RECORD_NAME, ERROR_REPORT_NAME})
#: How each setting is named in messages: as the option that sets it.
_SETTING_NAMES = {"version": "cleaner version", "extractor": "--extractor", "format": "--format",
                  "input_type": "--input-type", "include_title": "--include-title",
                  "url": "--url", "favor": "--favor", "label": "--label", "links": "--links",
                  "emphasis": "--emphasis", "images": "--images"}


@dataclass(frozen=True, slots=True)
class RunSettings:
    """What decides an output's content: a resumed run must ask for the same."""

    version: str
    extractor: str
    format: str
    input_type: str
    include_title: bool
    url: str | None
    #: Records written before --favor existed lack it: they were balanced.
    favor: str = "balanced"
    #: The label whose text the outputs hold (--label); None: the body, as before --label.
    label: str | None = None
    #: Markdown with links, emphasis and images (--links, --emphasis, --images).
    links: bool = False
    emphasis: bool = False
    images: bool = False

    @classmethod
    def current(cls, extractor: str, fmt: str, input_type: str, include_title: bool,
                url: str | None, favor: str = "balanced", label: str | None = None,
                links: bool = False, emphasis: bool = False,
                images: bool = False) -> RunSettings:
        return cls(__version__, _spelled_out(extractor), fmt, input_type, include_title, url,
                   favor, label, links, emphasis, images)

    def differences(self, other: RunSettings) -> list[str]:
        """``--option A (now B)`` for every setting that differs, in field order."""
        mine, theirs = asdict(self), asdict(other)
        return [f"{_SETTING_NAMES[name]} {json.dumps(theirs[name])} (now {json.dumps(value)})"
                for name, value in mine.items() if theirs[name] != value]


def _spelled_out(extractor: str) -> str:
    """"auto" with what it runs here ("auto (html: learned, text: heuristic)"): installing or
    removing the learned extra changes what auto runs, and a resumed run must notice."""
    if extractor != "auto":
        return extractor
    from cleaner.extractors import AUTO, auto_extractor

    return "auto (" + ", ".join(f"{kind}: {auto_extractor(kind)}" for kind in sorted(AUTO)) + ")"


class SettingsMismatchError(BatchRefusedError):
    """The output holds results of other settings, or of unknown ones."""


@dataclass(frozen=True, slots=True)
class OutputRecord:
    """The record a run keeps for its output."""

    out: Path
    fmt: str
    settings: RunSettings
    #: The output may still hold results of other settings: the record waits for the run's end.
    pending: bool
    #: Where the record's temporary file goes (the run's scratch folder), if anywhere special.
    scratch: Path | None = None

    @property
    def path(self) -> Path:
        return record_path(self.out, self.fmt)

    def write(self) -> None:
        write_atomic(self.path, (json.dumps(asdict(self.settings), indent=2) + "\n").encode(),
                     self.scratch)

    def complete(self, written: int) -> None:
        """At the end of a run that went through all its inputs: record the settings if they
        now account for every output (the run wrote each file there). Left unrecorded when
        it cannot be written: the next run then asks for --force, never trusts old outputs."""
        if self.pending and count_outputs(self.out) == written:
            with suppress(OSError):
                self.write()


def record_path(out: Path, fmt: str) -> Path:
    """Where the settings of the run writing ``out`` are kept."""
    if is_single_file(fmt):
        return out.with_name(f"{out.name}.{RECORD_NAME}")
    return out / RECORD_NAME


def open_record(out: Path, fmt: str, settings: RunSettings, force: bool,
                scratch: Path | None = None) -> OutputRecord:
    """Check ``out`` before a run: refuse to add to results of other or unknown settings unless
    ``force``; record ``settings`` now where the output holds nothing else."""
    path = record_path(out, fmt)
    recorded = _read(path)
    record = OutputRecord(out, fmt, settings, pending=False, scratch=scratch)
    if recorded == settings:
        return record
    holds_files = _holds_outputs(out, fmt)
    if not force:
        if recorded is not None:
            raise SettingsMismatchError(
                f"{out} was written with other settings: "
                f"{'; '.join(settings.differences(recorded))}. Rerun with --force to rewrite "
                f"every output, or choose a new -o")
        if holds_files:
            raise SettingsMismatchError(
                f"{out} already holds outputs, and no {path.name} says which settings wrote "
                f"them (a --force run that was stopped, or given only some of the inputs, "
                f"leaves it so). Rerun with --force over all the inputs, or choose a new -o")
    try:
        if holds_files and not is_single_file(fmt):  # a forced one-file run starts afresh
            path.unlink(missing_ok=True)
            return OutputRecord(out, fmt, settings, pending=True, scratch=scratch)
        record.write()
    except OSError as error:
        raise BatchRefusedError(f"cannot write {path}: {error.strerror or error}") from None
    return record


def count_outputs(out: Path) -> int:
    """Files in an output directory that are outputs (not the record, the error report or a
    hidden file such as the run's lock and temporary files)."""
    count = 0
    for _, subdirs, files in os.walk(out):
        subdirs[:] = [name for name in subdirs if not name.startswith(".")]
        count += sum(1 for name in files
                     if name not in BOOKKEEPING_NAMES and not name.startswith("."))
    return count


def _read(path: Path) -> RunSettings | None:
    if not path.exists():
        return None
    try:
        return RunSettings(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as error:
        raise SettingsMismatchError(f"{path}: not a run record cleaner can read ({error}); "
                                    f"rerun with --force, or choose a new -o") from None


def _holds_outputs(out: Path, fmt: str) -> bool:
    """Whether ``out`` holds outputs: a one-file output that is not empty (or, for parquet, the
    row groups a stopped run left beside it), or files in an output folder."""
    if is_single_file(fmt):
        return (out.exists() and out.stat().st_size > 0) or parts_folder(out).is_dir()
    return out.is_dir() and any(not entry.name.startswith(".") for entry in out.iterdir())
