"""WARC input: documents with their record's address, id, date and charset; other records
counted; a truncated or corrupt record reported with its offset while the rest is read."""

from __future__ import annotations

import gzip
import json
from collections import Counter

import pytest
from helpers import run_cli
from helpers import warc_article as _article
from helpers import warc_page as _page
from helpers import warc_record as _record
from helpers import warc_response as _response
from helpers import write_warc as _warc

pytest.importorskip("fastwarc", reason="the warc extra is not installed")

from cleaner.warc import WarcDocument, WarcProblem, read_warc  # noqa: E402


def test_documents_come_with_their_record_and_other_records_are_counted(tmp_path):
    path = _warc(tmp_path, [
        _record("warcinfo", 0, b"software: test\r\n"),
        _record("request", 1, b"GET / HTTP/1.1\r\n\r\n"),
        _response(2, _page(2)),
        _response(3, b"\x89PNG....", content_type="image/png"),
        _response(4, "caf\xe9".encode("latin-1"), content_type="text/plain; charset=ISO-8859-1"),
        _response(5, gzip.compress(_page(5)), extra="Content-Encoding: gzip\r\n"),
    ])
    skipped: Counter[str] = Counter()
    found = list(read_warc(path, skipped))
    assert all(isinstance(item, WarcDocument) for item in found)
    assert [(doc.url, doc.media_type, doc.charset) for doc in found] == [
        ("https://example.org/2", "text/html", "utf-8"),
        ("https://example.org/4", "text/plain", "iso-8859-1"),
        ("https://example.org/5", "text/html", "utf-8"),
    ]
    assert found[0].content == _page(2)
    assert found[0].record_id == "<urn:uuid:00000000-0000-0000-0000-000000000002>"
    assert found[0].date == "2026-12-03T10:00:02Z"
    assert found[2].content == _page(5)  # inflated
    assert skipped == {"warcinfo": 1, "request": 1, "response: image/png": 1}


def test_a_corrupt_record_is_reported_at_its_offset_and_the_records_after_it_are_read(
        tmp_path):
    members = [gzip.compress(_response(number, _page(number))) for number in range(4)]
    broken = bytearray(members[1])
    broken[20:40] = b"\x00" * 20  # inside the compressed data: it no longer inflates
    members[1] = bytes(broken)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(members))
    found = list(read_warc(path))
    problems = [item for item in found if isinstance(item, WarcProblem)]
    assert [doc.url for doc in found if isinstance(doc, WarcDocument)] == [
        "https://example.org/0", "https://example.org/2", "https://example.org/3"]
    assert len(problems) == 1 and problems[0].kind == "corrupt record"
    assert problems[0].offset == len(members[0])
    assert problems[0].warc == str(path)


def test_a_record_cut_short_by_the_end_of_the_file_is_reported(tmp_path):
    whole = b"".join(gzip.compress(_response(number, _page(number))) for number in range(2))
    last = gzip.compress(_response(2, _page(2) * 50))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(whole + last[:len(last) // 2])
    found = list(read_warc(path))
    assert [type(item).__name__ for item in found] == ["WarcDocument", "WarcDocument",
                                                       "WarcProblem"]
    assert found[2].offset == len(whole)
    assert found[2].kind == "truncated record"


def test_a_record_whose_block_is_cut_short_is_reported(tmp_path):
    record = _response(0, _page(0) * 50)
    path = _warc(tmp_path, [record[:len(record) - 400]])
    [problem] = list(read_warc(path))
    assert isinstance(problem, WarcProblem) and problem.kind == "truncated record"
    assert "of its" in problem.message


def test_a_payload_over_the_size_limit_is_reported_and_never_inflated_past_it(tmp_path):
    large = _page(1) * 2000  # 100 kB: its record is over 5,000 bytes and the headers' 64 KiB
    path = _warc(tmp_path, [
        _response(1, large),
        _response(2, gzip.compress(large), extra="Content-Encoding: gzip\r\n"),  # 1 kB
        _response(3, _page(3)),
    ])
    found = list(read_warc(path, max_bytes=5000))
    assert [getattr(item, "kind", "document") for item in found] == [
        "too large", "too large", "document"]
    assert "above the limit of 5,000" in found[0].message
    assert "inflates larger than the limit of 5,000" in found[1].message
    assert len(list(read_warc(path, max_bytes=None))) == 3


def test_cli_cleans_a_warc_into_jsonl_reports_bad_records_and_resumes(tmp_path):
    members = [gzip.compress(record) for record in (
        _record("request", 0, b"GET / HTTP/1.1\r\n\r\n"),
        _response(1, _article(1)),
        _response(2, ("<p>" + "Гавань открыла новый мареограф спокойным утром. " * 3
                      + "</p>").encode("koi8-r"), content_type="text/html; charset=KOI8-R"),
        _response(3, _article(3)),
        _response(4, _article(4)),
    )]
    broken = bytearray(members[3])
    broken[20:40] = b"\x00" * 20
    members[3] = bytes(broken)
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(b"".join(members))
    out = tmp_path / "out.jsonl"
    done = run_cli("clean", str(warc), "-o", str(out), "--format", "jsonl", "-j", "2")
    assert done.returncode == 1, done.stderr  # a record failed
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [record["url"] for record in records] == [
        "https://example.org/1", "https://example.org/2", "https://example.org/4"]
    assert records[0]["warc_record_id"] == "<urn:uuid:00000000-0000-0000-0000-000000000001>"
    assert records[0]["warc_date"] == "2026-12-03T10:00:01Z"
    assert records[0]["source"] == f"{records[0]['warc_file']}@{records[0]['warc_offset']}"
    assert "мареограф" in records[1]["text"]  # read in the HTTP header's charset
    corrupt_at = sum(map(len, members[:3]))
    stderr = done.stderr.decode()
    assert f"@{corrupt_at}" in stderr and "corrupt record" in stderr
    assert "request 1" in stderr
    [error] = [json.loads(line) for line in
               (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert error["kind"] == "warc" and error["warc_offset"] == corrupt_at
    assert error["warc_file"] == records[0]["warc_file"] and "corrupt record" in error["message"]
    assert "out.errors.jsonl" in stderr
    again = run_cli("clean", str(warc), "-o", str(out), "--format", "jsonl")
    assert again.returncode == 1
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3  # nothing written twice
    assert "skipped 3" in again.stderr.decode()


def test_a_warc_with_a_per_file_format_is_refused_by_name(tmp_path):
    warc = _warc(tmp_path, [_response(1, _article(1))])
    done = run_cli("clean", str(warc), "-o", str(tmp_path / "out"), "--format", "json")
    assert done.returncode == 1
    assert b"--format jsonl" in done.stderr
