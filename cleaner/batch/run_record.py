"""The record of the settings an output was written with, so that a rerun with other settings
does not silently keep outputs the old ones made (a resumed run skips existing outputs)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from cleaner import __version__
from cleaner.batch.files import write_atomic

#: The record's name inside an output directory; beside a jsonl output file it is the file's
#: name plus "." and this.
RECORD_NAME = "cleaner-run.json"


@dataclass(frozen=True, slots=True)
class RunSettings:
    """What decides an output's content: a resumed run must ask for the same."""

    version: str
    extractor: str
    format: str
    input_type: str
    include_title: bool

    @classmethod
    def current(cls, extractor: str, fmt: str, input_type: str, include_title: bool,
                ) -> RunSettings:
        return cls(__version__, extractor, fmt, input_type, include_title)

    def differences(self, other: RunSettings) -> list[str]:
        """``name A (now B)`` for every setting that differs, in field order."""
        mine, theirs = asdict(self), asdict(other)
        return [f"{name} {json.dumps(theirs[name])} (now {json.dumps(value)})"
                for name, value in mine.items() if theirs[name] != value]


class SettingsMismatchError(Exception):
    """The output holds results of other settings, or of unknown ones."""


def record_path(out: Path, fmt: str) -> Path:
    """Where the settings of the run writing ``out`` are kept."""
    if fmt == "jsonl":
        return out.with_name(f"{out.name}.{RECORD_NAME}")
    return out / RECORD_NAME


def check_settings(out: Path, fmt: str, settings: RunSettings, force: bool) -> None:
    """Refuse to add to an output written with other settings (or with settings nobody
    recorded) unless ``force``, which rewrites every output; then record ``settings``."""
    path = record_path(out, fmt)
    if not force:
        recorded = _read(path)
        if recorded is not None:
            differences = settings.differences(recorded)
            if differences:
                raise SettingsMismatchError(
                    f"{out} was written with other settings: {'; '.join(differences)}. "
                    f"Rerun with --force to rewrite every output, or choose a new -o")
        elif _holds_outputs(out, fmt):
            raise SettingsMismatchError(
                f"{out} already holds files, and no {path.name} says which settings wrote "
                f"them. Rerun with --force to rewrite every output, or choose a new -o")
    write_atomic(path, (json.dumps(asdict(settings), indent=2) + "\n").encode("utf-8"))


def _read(path: Path) -> RunSettings | None:
    if not path.exists():
        return None
    try:
        return RunSettings(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as error:
        raise SettingsMismatchError(f"{path}: not a run record cleaner can read ({error}); "
                                    f"rerun with --force, or choose a new -o") from None


def _holds_outputs(out: Path, fmt: str) -> bool:
    if fmt == "jsonl":
        return out.exists() and out.stat().st_size > 0
    return out.is_dir() and any(out.iterdir())
