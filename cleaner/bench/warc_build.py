"""A folder of WARC files built from a benchmark's pages, laid out as a crawl writes them
(warcinfo, then request, response and metadata records, each its own gzip member), with a few
corrupt records: the input of ``cleaner throughput run``.

The pages are the benchmark's own (read from its ``html`` folder and its ``gold.jsonl`` for the
addresses), cycled when more records are asked for than it has pages; nothing is fetched.
"""

from __future__ import annotations

import gzip
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleaner.reading import read_document
from cleaner.scoring.cases import BENCH_FORMS, gold_records

#: The WARC-Date of every record (the build is reproducible: same pages, same bytes).
RECORD_DATE = "2026-12-04T00:00:00Z"


@dataclass(frozen=True, slots=True)
class BuiltWarcs:
    """What a build wrote: the files, and how many response records of pages it holds, of
    which how many are damaged (reported by readers, not cleaned)."""

    files: tuple[Path, ...]
    pages: int
    damaged: int


def bench_pages(bench_dirs: Sequence[Path]) -> list[tuple[str, Path]]:
    """(address, HTML file) of every page of the benchmark folders, in their gold order."""
    subfolder, pattern = BENCH_FORMS["html"]
    pages = []
    for folder in bench_dirs:
        for _, case in gold_records(folder):
            path = folder / subfolder / pattern.format(id=case["id"])
            if path.is_file():
                pages.append((case.get("url") or f"https://bench.invalid/{case['id']}", path))
    if not pages:
        raise ValueError(f"no pages (html/ID.html.gz listed in gold.jsonl) in "
                         f"{', '.join(map(str, bench_dirs))}")
    return pages


def build_warcs(bench_dirs: Sequence[Path], out: Path, records: int, files: int = 8,
                damaged: int = 6) -> BuiltWarcs:
    """Write ``records`` page responses over ``files`` WARC files in ``out`` (created; it must
    not hold WARC files already), ``damaged`` of them damaged: compressed bytes that no
    longer inflate, or (a file's last record) a member cut off by the end of the file."""
    if not 0 <= damaged <= records or files < 1:
        raise ValueError("need files >= 1 and 0 <= damaged <= records")
    out.mkdir(parents=True, exist_ok=True)
    if any(out.glob("*.warc.gz")):
        raise ValueError(f"{out} holds WARC files already: choose an empty folder")
    pages = bench_pages(bench_dirs)
    damaged_at = _damages(records, files, damaged)
    written = []
    for number in range(files):
        path = out / f"bench-{number:03d}.warc.gz"
        with path.open("wb") as stream:
            stream.write(_member(_warcinfo(path.name)))
            for index in range(number, records, files):
                url, page = pages[index % len(pages)]
                body = read_document(page, None)
                stream.write(b"".join(_exchange(index, f"{url}#{index}", body,
                                                damaged_at.get(index))))
        written.append(path)
    return BuiltWarcs(tuple(written), records, len(damaged_at))


def _damages(records: int, files: int, damaged: int) -> dict[int, str]:
    """Which records are damaged, and how: a third of them (at most one per file) are the
    last record of a file, cut off; the others are corrupt members, evenly spaced."""
    last_of_file = [records - 1 - turn for turn in range(min(files, records))]
    cut = last_of_file[:min(damaged // 3, len(last_of_file))]
    rest = damaged - len(cut)
    spaced = [records * (2 * turn + 1) // (2 * rest) for turn in range(rest)]
    damages = dict.fromkeys(spaced, "corrupt member")
    return damages | dict.fromkeys(cut, "cut off")


def _exchange(index: int, url: str, body: bytes, damage: str | None) -> Iterator[bytes]:
    """The request, response and metadata records of one page, gzipped one by one."""
    yield _member(_record("request", index, url,
                                b"GET / HTTP/1.1\r\nHost: bench.invalid\r\n\r\n"))
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    response = _record("response", index, url, http)
    member = _member(response)
    if damage == "corrupt member":
        member = member[:20] + b"\x00" * 20 + member[40:]
    elif damage == "cut off":
        member = member[:len(member) // 2]
    yield member
    if damage != "cut off":
        yield _member(_record("metadata", index, url, b"fetchTimeMs: 120\r\n"))


def _member(record: bytes) -> bytes:
    """One record as its own gzip member, with no timestamp in its header (reproducible)."""
    return gzip.compress(record, mtime=0)


def _record(kind: str, index: int, url: str, block: bytes) -> bytes:
    """One WARC/1.1 record: headers, block, the two line ends that close it."""
    content_type = ("application/warc-fields" if kind == "metadata"
                    else f"application/http; msgtype={kind}")
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.UUID(int=index * 4 + _KIND_SLOT[kind])}>\r\n"
            f"WARC-Date: {RECORD_DATE}\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


#: Each record of an exchange gets its own id (derived from the page's index).
_KIND_SLOT = {"request": 1, "response": 2, "metadata": 3}


def _warcinfo(name: str) -> bytes:
    fields = f"software: cleaner throughput build\r\nfilename: {name}\r\n".encode()
    record_id = uuid.uuid5(uuid.NAMESPACE_URL, name)
    head = (f"WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
            f"WARC-Date: {RECORD_DATE}\r\nContent-Type: application/warc-fields\r\n"
            f"Content-Length: {len(fields)}\r\n\r\n")
    return head.encode() + fields + b"\r\n\r\n"
