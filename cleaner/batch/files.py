"""Finding input files in the folders given, naming their outputs, and writing outputs
atomically."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from cleaner.output import is_single_file

#: Names of WARC files (a crawl's archives), matched without regard to case: each response
#: record holding a page or a text is a document (cleaner.warc).
WARC_GLOBS: tuple[str, ...] = ("*.warc", "*.warc.gz")
#: File-name patterns ``cleaner clean`` takes when it walks a directory (``--glob`` gives
#: others); matched without regard to case.
DEFAULT_GLOBS: tuple[str, ...] = tuple(
    pattern + gz
    for pattern in ("*.txt", "*.html", "*.htm", "*.xhtml", "*.xht", "*.shtml")
    for gz in ("", ".gz")
) + WARC_GLOBS
#: The error report a run keeps in its output directory (beside a one-file output OUT.jsonl
#: or OUT.parquet, it is OUT.errors.jsonl).
ERROR_REPORT_NAME = "errors.jsonl"


def error_report_path(out: Path, fmt: str) -> Path:
    """Where a run's error report goes: errors.jsonl in the output folder, or beside a
    one-file output (``crawl.jsonl``: ``crawl.errors.jsonl``; ``crawl.parquet``:
    ``crawl.errors.jsonl``)."""
    if not is_single_file(fmt):
        return out / ERROR_REPORT_NAME
    suffix = f".{fmt}"
    stem = out.name[:-len(suffix)] if out.name.lower().endswith(suffix) else out.name
    return out.with_name(f"{stem}.{ERROR_REPORT_NAME}")


def error_report_draft(report: Path, scratch: Path | None) -> Path:
    """Where the report is written until the run completes: in the run's scratch folder, or
    hidden beside the report when the run has none (a one-file output)."""
    return scratch / report.name if scratch is not None else report.with_name(
        f".{report.name}.partial")


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file a PATH argument names or a walk found, and where it sits relative to that PATH."""

    path: Path
    relative: Path
    #: False for a file found in a directory whose name matches none of the patterns: it is
    #: counted, not cleaned.
    selected: bool = True
    #: Why the file cannot be taken, as (kind, message): a folder the walk could not list
    #: ("io"), a link out of the tree ("link"). It is reported as failed.
    problem: tuple[str, str] | None = None


def is_warc(path: Path) -> bool:
    """Whether the file is a WARC file, by its name."""
    return name_matches(path.name, WARC_GLOBS)


def name_matches(name: str, globs: Sequence[str]) -> bool:
    """Whether a file name matches one of the patterns, regardless of case."""
    name = name.lower()
    return any(fnmatchcase(name, pattern.lower()) for pattern in globs)


def iter_inputs(paths: Sequence[Path], globs: Sequence[str] = DEFAULT_GLOBS, *,
                skip: Sequence[Path] = (), follow_links: bool = False,
                ) -> Iterator[InputFile]:
    """Every file under ``paths`` in a stable order, streamed (never listed all at once).

    A file argument is taken whatever its name. In directories, files whose names match none
    of ``globs`` come out unselected; a folder that cannot be listed, and (unless
    ``follow_links``) a file link that leads out of the folder walked, come out with their
    problem. The folders and files in ``skip`` (the run's own output) are left out of every
    walk. Directory links are not followed (so a link loop cannot trap the walk).
    """
    skipped = {path.resolve() for path in skip}
    for root in paths:
        if not root.is_dir():
            yield InputFile(root, Path(root.name))
            continue
        real_root = root.resolve()
        errors: list[OSError] = []
        for directory, subdirs, files in os.walk(root, onerror=errors.append):
            yield from _unlisted(errors, root)
            here = Path(directory)
            subdirs[:] = sorted(name for name in subdirs
                                if not skipped or (here / name).resolve() not in skipped)
            real_here = here.resolve() if skipped else here
            for name in sorted(files):
                path = here / name
                if skipped and real_here / name in skipped:
                    continue
                selected = name_matches(name, globs)
                problem = None if follow_links or not selected else _link_out_of(path, real_root)
                yield InputFile(path, path.relative_to(root), selected, problem)
        yield from _unlisted(errors, root)


def _unlisted(errors: list[OSError], root: Path) -> Iterator[InputFile]:
    """The folders a walk could not list, as inputs with that problem (and forget them)."""
    for error in errors:
        yield InputFile(Path(error.filename or root), Path(), True,
                        ("io", f"cannot list this folder: {error.strerror or error}"))
    errors.clear()


def _link_out_of(path: Path, real_root: Path) -> tuple[str, str] | None:
    """The problem with a file link whose target lies outside ``real_root``, else None."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a link loop: reading it fails, and says so
        return None
    if target.is_relative_to(real_root):
        return None
    return ("link", f"a link to {display_path(target)}, outside the folder walked: not "
                    f"followed (--follow-links follows it)")


def output_name(relative: Path, fmt: str) -> Path:
    """Output path relative to OUT: the input's name, minus ``.gz``, plus ``.FORMAT``."""
    name = relative.name[:-3] if relative.name.lower().endswith(".gz") else relative.name
    return relative.with_name(f"{name}.{fmt}")


def display_path(path: Path | str) -> str:
    """A path as text that can always be written out (JSON, a terminal): bytes of a file
    name that are not UTF-8 become ``\\xNN`` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def write_atomic(path: Path, data: bytes, scratch: Path | None = None) -> None:
    """Write ``data`` to ``path`` so that a reader (or a killed run) never sees a partial file.

    The data goes to a temporary file of a name no other process uses, in ``scratch`` (a
    folder on the same file system, which the run empties when it starts and ends) or beside
    ``path``, and is renamed over ``path``. No fsync: this guards against killed runs, not
    power loss, and costs nothing per file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    unique = f"{os.getpid()}.{secrets.token_hex(6)}.tmp"
    temporary = scratch / unique if scratch is not None else path.with_name(
        f".{path.name}.{unique}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)
