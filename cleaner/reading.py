"""Reading a document from a file: gunzipped when its name ends in .gz, within the size limit,
and what its name says about its type (a page saved as .html is HTML whatever it holds)."""

from __future__ import annotations

import dataclasses
import gzip
import os
import stat
import sys
import zlib
from pathlib import Path

from cleaner.errors import InputError, InputTooLargeError
from cleaner.options import InputType, Options

READ_CHUNK = 1 << 20
#: File names (lower-cased, after any .gz) that say the file is HTML.
HTML_NAME_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml")


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


def inflate(data: bytes, max_bytes: int | None) -> bytes:
    """gzip- or zlib-wrapped ``data`` (an HTTP payload sent with Content-Encoding) inflated,
    never past the size limit (InputTooLargeError); InputError when it does not inflate."""
    inflater = zlib.decompressobj(wbits=47)  # 32 + 15: gzip or zlib, by the header
    try:
        out = inflater.decompress(data, max_bytes + 1 if max_bytes is not None else 0)
    except zlib.error as error:
        raise InputError(f"corrupt compressed data: {error}") from None
    _check_size(out, max_bytes)
    if not inflater.eof:
        raise InputError("truncated compressed data (ends before the compressed stream does)")
    return out


def read_stdin(max_bytes: int | None) -> bytes:
    """Standard input's bytes, read no further than the size limit (a pipe may never end)."""
    data = sys.stdin.buffer.read(max_bytes + 1 if max_bytes is not None else -1)
    _check_size(data, max_bytes)
    return data


def _check_size(data: bytes, max_bytes: int | None) -> None:
    if max_bytes is not None and len(data) > max_bytes:
        raise InputTooLargeError(f"larger than the limit of {max_bytes:,} bytes (--max-bytes)")


def input_type_from_name(name: str) -> InputType | None:
    """"html" for a file named like a web page (.html, .htm, ..., also gzipped), else None:
    the content decides."""
    name = name.lower()
    name = name[:-3] if name.endswith(".gz") else name
    return "html" if name.endswith(HTML_NAME_SUFFIXES) else None


def options_for_file(options: Options, path: Path) -> Options:
    """``options`` for cleaning the file at ``path``: with input_type "auto", a file named like
    a web page is read as HTML (a fragment of a few tags would otherwise sniff as text)."""
    if options.input_type != "auto":
        return options
    named = input_type_from_name(path.name)
    return options if named is None else dataclasses.replace(options, input_type=named)
