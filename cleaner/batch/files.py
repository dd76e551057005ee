"""Finding input files, reading them (gunzip included) and writing outputs atomically."""

from __future__ import annotations

import gzip
import os
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cleaner.errors import InputError, InputTooLargeError

#: File names ``cleaner clean`` picks up when it walks a directory.
INPUT_SUFFIXES = (".txt", ".html", ".htm", ".txt.gz", ".html.gz", ".htm.gz")
READ_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to clean, and where it sits relative to the PATH argument that found it."""

    path: Path
    relative: Path


def has_input_suffix(name: str) -> bool:
    return name.lower().endswith(INPUT_SUFFIXES)


def iter_inputs(paths: list[Path]) -> Iterator[InputFile]:
    """Input files under ``paths`` in a stable order, streamed (never listed all at once).

    A file argument is taken whatever its name; directories are walked for INPUT_SUFFIXES,
    without following directory symlinks (so a link loop cannot trap the walk).
    """
    for root in paths:
        if root.is_dir():
            for directory, subdirs, files in os.walk(root):
                subdirs.sort()
                for name in sorted(files):
                    if has_input_suffix(name):
                        path = Path(directory, name)
                        yield InputFile(path, path.relative_to(root))
        else:
            yield InputFile(root, Path(root.name))


def output_name(relative: Path, fmt: str) -> Path:
    """Output path relative to OUT: the input's name, minus ``.gz``, plus ``.FORMAT``."""
    name = relative.name[:-3] if relative.name.lower().endswith(".gz") else relative.name
    return relative.with_name(f"{name}.{fmt}")


def read_document(path: Path, max_bytes: int | None) -> bytes:
    """The file's bytes, gunzipped when it ends in .gz; InputError for truncated or corrupt gzip."""
    mode = os.stat(path).st_mode  # follows symlinks: a broken one raises FileNotFoundError
    if not stat.S_ISREG(mode):
        # A FIFO or device would block or never end; a directory cannot be read.
        raise InputError("not a regular file (a directory, FIFO, socket or device)")
    limit = max_bytes if max_bytes is not None else -1
    if not path.name.lower().endswith(".gz"):
        with path.open("rb") as handle:
            data = handle.read(limit + 1 if limit >= 0 else -1)
        _check_size(data, max_bytes)
        return data
    try:
        with gzip.open(path, "rb") as handle:
            chunks, size = [], 0
            while chunk := handle.read(READ_CHUNK):
                chunks.append(chunk)
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:
                    break
    except EOFError:
        raise InputError("truncated gzip file (ends before the compressed stream does)") from None
    except (gzip.BadGzipFile, zlib.error) as error:
        raise InputError(f"corrupt gzip file: {error}") from None
    data = b"".join(chunks)
    _check_size(data, max_bytes)
    return data


def _check_size(data: bytes, max_bytes: int | None) -> None:
    if max_bytes is not None and len(data) > max_bytes:
        raise InputTooLargeError(f"larger than the limit of {max_bytes:,} bytes (--max-bytes)")


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
