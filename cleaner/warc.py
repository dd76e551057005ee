"""WARC input: the response records of a WARC file that hold a web page or a text, each as a
document to clean with the record's address, id and date and the charset its HTTP header names.

Read with FastWARC (``pip install 'cleaner[warc]'``), record by record from the file, so memory
stays flat over a file of any size. A record cut short or a compressed member that does not
decompress is reported with its byte offset, and reading goes on at the next record that
reads: one bad record never costs the rest of the file.
"""

from __future__ import annotations

import gzip
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cleaner.errors import InputError, InputTooLargeError
from cleaner.options import InputTypeChoice
from cleaner.reading import inflate

#: Payload media types that are documents to clean (anything else is counted and skipped).
DOCUMENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
#: How the start of a gzip member looks (where reading resumes after a corrupt one).
GZIP_MAGIC = b"\x1f\x8b\x08"
#: Bytes read at a time while looking for the next member after a corrupt one.
RESYNC_CHUNK = 1 << 20
#: Room for the HTTP headers in a record's block, beyond the payload's size limit.
HTTP_HEAD_ALLOWANCE = 64 * 1024
#: The problem kind of a record whose payload is over the size limit.
TOO_LARGE = "too large"


def input_type_of(media_type: str | None) -> InputTypeChoice:
    """How a payload of this media type is cleaned: a text dump for text/plain, HTML for
    the others of DOCUMENT_TYPES; sniffed when its type is not known."""
    if media_type == "text/plain":
        return "text"
    return "html" if media_type in DOCUMENT_TYPES else "auto"


class WarcReaderMissing(ImportError):
    """FastWARC is not installed: the ``warc`` extra is needed to read WARC files."""


@dataclass(frozen=True, slots=True)
class WarcDocument:
    """One HTML or text response of a WARC file."""

    #: The WARC file, and the byte offset of the record in it (its compressed member's start).
    warc: str
    offset: int
    record_id: str
    #: WARC-Target-URI and WARC-Date (ISO 8601) of the record; None when it gives none.
    url: str | None
    date: str | None
    #: The HTTP payload (inflated when the server compressed it) and what its headers say.
    content: bytes
    media_type: str
    charset: str | None


@dataclass(frozen=True, slots=True)
class WarcProblem:
    """A record that could not be read: where it is and what is wrong with it."""

    warc: str
    offset: int
    kind: str
    message: str


def read_warc(path: Path, skipped: Counter[str] | None = None, max_bytes: int | None = None,
              ) -> Iterator[WarcDocument | WarcProblem]:
    """The documents of the WARC file at ``path`` in file order, and a WarcProblem for each
    record that cannot be read. ``skipped`` counts the records that are not documents, by
    record type ("request", "metadata") or, for a response, by its media type. A payload over
    ``max_bytes`` (inflated) is a problem, and is never read whole."""
    with path.open("rb") as stream:
        yield from read_warc_stream(stream, str(path), skipped, max_bytes)


def read_warc_stream(stream: IO[bytes], name: str, skipped: Counter[str] | None = None,
                     max_bytes: int | None = None) -> Iterator[WarcDocument | WarcProblem]:
    """``read_warc`` over an open, seekable binary stream (a file of a remote file system),
    named ``name`` in documents and problems."""
    iterator_class, response_type = _fastwarc()
    tally: Counter[str] = skipped if skipped is not None else Counter()
    start: int | None = 0
    while start is not None:
        stream.seek(start)
        last: int | None = None
        try:
            for record in iterator_class(stream, parse_http=False):
                last = record.stream_pos  # from the file's start, wherever reading began
                yield from _document(name, last, record, response_type, tally, max_bytes)
            return
        except (OSError, zlib.error, EOFError, ValueError) as error:
            bad = start if last is None else _member_end(stream, last)
            start = _next_member(stream, bad + 1) if bad is not None else None
            resumes = f" (reading resumes at byte {start})" if start is not None else ""
            yield WarcProblem(name, bad if bad is not None else last or 0,
                              "corrupt record", f"{error}{resumes}")


def _document(name: str, offset: int, record: Any, response_type: Any,
              tally: Counter[str], max_bytes: int | None,
              ) -> Iterator[WarcDocument | WarcProblem]:
    """The record as a document, a problem, or nothing (counted in ``tally``)."""
    length = (record.headers.get("Content-Length") or "").strip()
    if not length.isdigit():  # a required header: the record's headers are cut short
        yield WarcProblem(name, offset, "truncated record",
                          "the record's headers end before its Content-Length")
        return
    if record.record_type != response_type:
        tally[str(record.record_type)] += 1
        return
    declared = int(length)
    if max_bytes is not None and declared > max_bytes + HTTP_HEAD_ALLOWANCE:
        yield WarcProblem(name, offset, TOO_LARGE,
                          f"the record holds {declared:,} bytes, above the limit of "
                          f"{max_bytes:,} (--max-bytes)")
        return
    block = record.reader.read()
    if len(block) < declared:
        yield WarcProblem(name, offset, "truncated record",
                          f"the record holds {len(block)} of its {declared} bytes")
        return
    http_head, separator, payload = block.partition(b"\r\n\r\n")
    if not separator:
        yield WarcProblem(name, offset, "bad HTTP response",
                          "no end of the HTTP headers in the record")
        return
    headers = _http_headers(http_head)
    media_type, charset = _content_type(headers.get("content-type", ""))
    if media_type not in DOCUMENT_TYPES:
        tally[f"response: {media_type or 'no content type'}"] += 1
        return
    encoding = headers.get("content-encoding", "").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate") and payload[:2] in (b"\x1f\x8b", b"x\x9c",
                                                                     b"x\x01", b"x\xda"):
        try:
            payload = inflate(payload, max_bytes)
        except InputTooLargeError as error:
            yield WarcProblem(name, offset, TOO_LARGE, f"the payload inflates {error}")
            return
        except InputError as error:
            yield WarcProblem(name, offset, "bad content encoding", str(error))
            return
    date = record.headers.get("WARC-Date")
    yield WarcDocument(name, offset, record.record_id or "",
                       record.headers.get("WARC-Target-URI"), date or None, payload,
                       media_type, charset)


def _http_headers(head: bytes) -> dict[str, str]:
    """The HTTP response's headers by lower-cased name (the status line left out)."""
    headers: dict[str, str] = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers.setdefault(name.strip().lower(), value.strip())
    return headers


def _content_type(value: str) -> tuple[str, str | None]:
    """("text/html", "utf-8") of a Content-Type header; the charset None when it names none."""
    media_type, *parameters = value.split(";")
    charset = None
    for parameter in parameters:
        name, _, setting = parameter.partition("=")
        if name.strip().lower() == "charset" and setting.strip(" \"'"):
            charset = setting.strip(" \"'").lower()
    return media_type.strip().lower(), charset


def _member_end(stream: IO[bytes], start: int) -> int | None:
    """Where the gzip member that starts at ``start`` ends (the next record's offset); None
    when it does not end in the file."""
    stream.seek(start)
    inflater = zlib.decompressobj(wbits=31)
    position = start
    try:
        while not inflater.eof:
            chunk = stream.read(RESYNC_CHUNK)
            if not chunk:
                return None
            # The output is not needed, only where the member ends: keep it small.
            inflater.decompress(chunk, RESYNC_CHUNK)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, RESYNC_CHUNK)
            position += len(chunk)
    except zlib.error:  # not a gzip member: an uncompressed WARC
        return None
    return position - len(inflater.unused_data)


def _next_member(stream: IO[bytes], position: int) -> int | None:
    """The offset of the first gzip member at or after ``position`` that starts a WARC
    record, or None when none is left."""
    while True:
        found = _find(stream, GZIP_MAGIC, position)
        if found is None:
            return None
        stream.seek(found)
        try:
            with gzip.GzipFile(fileobj=stream) as member:
                if member.read(5) == b"WARC/":
                    return found
        except (OSError, EOFError, zlib.error):
            pass
        position = found + 1


def _find(stream: IO[bytes], needle: bytes, position: int) -> int | None:
    """The offset of the next ``needle`` in the stream at or after ``position``."""
    overlap = len(needle) - 1
    while True:
        stream.seek(position)
        chunk = stream.read(RESYNC_CHUNK)
        if len(chunk) < len(needle):
            return None
        at = chunk.find(needle)
        if at >= 0:
            return position + at
        position += len(chunk) - overlap


def _fastwarc() -> tuple[Any, Any]:
    """FastWARC's ArchiveIterator and its response record type; WarcReaderMissing when the
    ``warc`` extra is not installed."""
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError as error:
        raise WarcReaderMissing(
            "reading WARC files needs FastWARC: pip install 'cleaner[warc]'") from error
    return ArchiveIterator, WarcRecordType.response
