"""Running the installed command line in a subprocess, as users do; WARC files built by hand."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
            ) -> subprocess.CompletedProcess[bytes]:
    """``python -m cleaner ARGS`` with captured output; never raises on a non-zero exit."""
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args],
        cwd=cwd, input=stdin, capture_output=True, timeout=300, check=False,
    )


def warc_record(kind: str, number: int, block: bytes, url: str = "https://example.org/") -> bytes:
    """One WARC/1.1 record (headers, block, the two line ends that close it)."""
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
            f"WARC-Date: 2026-12-03T10:00:{number:02d}Z\r\nWARC-Target-URI: {url}{number}\r\n"
            f"Content-Type: application/http; msgtype={kind}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def warc_response(number: int, body: bytes, content_type: str = "text/html; charset=UTF-8",
                  extra: str = "") -> bytes:
    """A response record of an HTTP response with this body (``extra``: more headers)."""
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra}"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    return warc_record("response", number, http)


def warc_page(number: int) -> bytes:
    """A page of one line."""
    return f"<html><body><p>Page number {number}.</p></body></html>".encode()


def write_warc(tmp_path: Path, records: list[bytes], name: str = "crawl.warc.gz") -> Path:
    """A WARC file of these records, each its own gzip member, as crawlers write them."""
    path = tmp_path / name
    path.write_bytes(b"".join(gzip.compress(record) for record in records))
    return path


def warc_article(number: int) -> bytes:
    """A page with a title and an article of one paragraph."""
    return (f"<html><head><title>Story {number}</title></head><body><article><h1>Story "
            f"{number}</h1><p>The harbour opened its new tide gauge on a calm morning, and "
            f"story number {number} tells how the town came to build it.</p></article>"
            "</body></html>").encode()


def big_table(rows: int, cells: int = 10) -> str:
    """A page of one table, ``rows`` × ``cells``: slow to clean in proportion to its rows
    (20,000 rows, 5.5 MB, take seconds), for time limits."""
    row = "<tr>" + "".join(f"<td>cell {{row}} {cell} value</td>" for cell in range(cells)) + "</tr>"
    body = "".join(row.format(row=index) for index in range(rows))
    return f"<html><head><title>Data</title></head><body><h1>Data</h1><table>{body}</table>" \
           f"</body></html>"
