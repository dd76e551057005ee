"""Finding input files in the folders given, and writing outputs atomically."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

#: File-name patterns ``cleaner clean`` takes when it walks a directory (``--glob`` gives
#: others); matched without regard to case.
DEFAULT_GLOBS: tuple[str, ...] = tuple(
    pattern + gz
    for pattern in ("*.txt", "*.html", "*.htm", "*.xhtml", "*.xht", "*.shtml")
    for gz in ("", ".gz")
)

#: The error report a run keeps in its output directory.
ERROR_REPORT_NAME = "errors.jsonl"


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file a PATH argument names or a walk found, and where it sits relative to that PATH."""

    path: Path
    relative: Path
    #: False for a file found in a directory whose name matches none of the patterns: it is
    #: counted, not cleaned.
    selected: bool = True


def name_matches(name: str, globs: Sequence[str]) -> bool:
    """Whether a file name matches one of the patterns, regardless of case."""
    name = name.lower()
    return any(fnmatchcase(name, pattern.lower()) for pattern in globs)


def iter_inputs(paths: Sequence[Path], globs: Sequence[str] = DEFAULT_GLOBS,
                ) -> Iterator[InputFile]:
    """Every file under ``paths`` in a stable order, streamed (never listed all at once).

    A file argument is taken whatever its name; in directories, files whose names match none
    of ``globs`` come out unselected. Directory symlinks are not followed (so a link loop
    cannot trap the walk).
    """
    for root in paths:
        if root.is_dir():
            for directory, subdirs, files in os.walk(root):
                subdirs.sort()
                for name in sorted(files):
                    path = Path(directory, name)
                    yield InputFile(path, path.relative_to(root), name_matches(name, globs))
        else:
            yield InputFile(root, Path(root.name))


def output_name(relative: Path, fmt: str) -> Path:
    """Output path relative to OUT: the input's name, minus ``.gz``, plus ``.FORMAT``."""
    name = relative.name[:-3] if relative.name.lower().endswith(".gz") else relative.name
    return relative.with_name(f"{name}.{fmt}")


def temporary_path(path: Path) -> Path:
    """The hidden file beside ``path`` that is written first and renamed over it."""
    return path.with_name(f".{path.name}.tmp")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader (or a killed run) never sees a partial file.

    The data goes to a hidden temporary file beside ``path`` that is renamed over it. No fsync:
    this guards against killed runs, not power loss, and costs nothing per file. The temporary
    name depends on ``path`` alone, so the rerun after a kill (which redoes the files whose
    output is missing) reuses and renames any temporary file the killed run left behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_path(path)
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()
