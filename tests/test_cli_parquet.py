"""``cleaner clean ... --format parquet -o out.parquet``: one row per document written, the same
documents and text as jsonl, failures in the error report, the file put in place when the run
completes, and a rerun (after a stop or a kill) resuming where the run left off."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_cli, warc_article, warc_record, warc_response, write_warc

pa = pytest.importorskip("pyarrow", reason="the parquet extra is not installed")
pq = pytest.importorskip("pyarrow.parquet")

from cleaner.batch import parquet_sink  # noqa: E402
from cleaner.batch.errors import BatchStoppedError  # noqa: E402
from cleaner.batch.runner import BatchConfig, run_batch  # noqa: E402
from cleaner.options import Options  # noqa: E402

#: The columns the README documents, with their Arrow types as pyarrow reads them back.
DOCUMENTED = [
    ("source", "string"), ("url", "string"), ("text", "string"), ("title", "string"),
    ("author", "string"), ("date", "string"), ("page_kind", "string"), ("markdown", "string"),
    ("warc_file", "string"), ("warc_offset", "int64"), ("warc_record_id", "string"),
    ("warc_date", "string"), ("segments", "list<element: struct<label: string, text: string>>"),
]
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 4


def _dump(number: int) -> str:
    return (f"Site {number}\n  • Home\n  • News\n\nParagraph of page {number}: the council met "
            f"on Monday and voted to repair the harbour ferry, out of service since the "
            f"storm.\n\n© 2024 Site {number}\n")


def _page(number: int) -> str:
    return (f"<html><head><title>Story {number} | Site</title></head><body><nav><a href=/>Home"
            f"</a></nav><article><h1>Story {number}</h1><p>The harbour opened its new tide "
            f"gauge on a calm morning, and story {number} tells how the town built it.</p>"
            f"</article></body></html>")


def _corpus(folder: Path, count: int = 4) -> Path:
    folder.mkdir()
    for number in range(count):
        if number % 2:
            (folder / f"page{number:02d}.html").write_text(_page(number), encoding="utf-8")
        else:
            (folder / f"page{number:02d}.txt").write_text(_dump(number), encoding="utf-8")
    return folder


def _clean(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return run_cli("clean", *args, "-e", "heuristic", cwd=cwd)


def _rows(path: Path) -> list[dict]:
    return pq.read_table(path).to_pylist()


def _config(inputs: Path, out: Path, **changes) -> BatchConfig:
    return BatchConfig((inputs,), out, "parquet", 1, Options(extractor="heuristic"), **changes)


def test_one_row_per_document_with_the_text_jsonl_gives(tmp_path: Path):
    inputs = _corpus(tmp_path / "in")
    done = _clean("in", "-o", "out.parquet", "--format", "parquet", "-j", "2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert _clean("in", "-o", "out.jsonl", cwd=tmp_path).returncode == 0
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    rows = _rows(tmp_path / "out.parquet")
    assert [row["source"] for row in rows] == [record["source"] for record in records]
    assert len(rows) == len(list(inputs.iterdir())) == 4
    for row, record in zip(rows, records, strict=True):
        for name in ("url", "text", "title", "author", "date", "markdown"):
            assert row[name] == record[name], (row["source"], name)
        assert row["segments"] == [{"label": segment["label"], "text": segment["text"]}
                                   for segment in record["segments"]]
        assert row["warc_file"] is None and row["warc_offset"] is None
    assert rows[1]["title"] == "Story 1" and "story 1 tells" in rows[1]["text"]
    assert [segment["label"] for segment in rows[0]["segments"]][:1] == ["menu"]
    assert not list(tmp_path.glob(".out.parquet*"))  # no parts, draft or lock left


def test_the_schema_is_the_documented_one(tmp_path: Path):
    _corpus(tmp_path / "in", 1)
    assert _clean("in", "-o", "out.parquet", cwd=tmp_path).returncode == 0
    schema = pq.read_schema(tmp_path / "out.parquet")
    assert [(field.name, str(field.type)) for field in schema] == DOCUMENTED
    assert [name for name, _ in parquet_sink.SCHEMA] == [name for name, _ in DOCUMENTED]
    assert schema.equals(parquet_sink.arrow_schema())


def test_a_warc_into_parquet_carries_where_each_record_came_from(tmp_path: Path):
    pytest.importorskip("fastwarc", reason="the warc extra is not installed")
    write_warc(tmp_path, [warc_record("request", 0, b"GET / HTTP/1.1\r\n\r\n"),
                          warc_response(1, warc_article(1)), warc_response(2, warc_article(2))])
    # The default extractor: the learned one, where installed, says what kind each page is.
    done = run_cli("clean", "crawl.warc.gz", "-o", "out.parquet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert run_cli("clean", "crawl.warc.gz", "-o", "out.jsonl", cwd=tmp_path).returncode == 0
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema.field("warc_offset").type == pa.int64()
    rows = table.to_pylist()
    assert [row["url"] for row in rows] == ["https://example.org/1", "https://example.org/2"]
    for row, record in zip(rows, records, strict=True):
        for name in ("source", "warc_file", "warc_offset", "warc_record_id", "warc_date", "text"):
            assert row[name] == record[name], name
        assert row["page_kind"] == (record["page_kind"] or {}).get("kind")
    assert rows[0]["warc_record_id"] == "<urn:uuid:00000000-0000-0000-0000-000000000001>"
    assert rows[1]["warc_date"] == "2026-12-03T10:00:02Z"
    assert rows[0]["source"] == f"crawl.warc.gz@{rows[0]['warc_offset']}"
    assert 0 < rows[0]["warc_offset"] < rows[1]["warc_offset"]


def test_a_broken_input_goes_to_the_error_report_not_into_a_row(tmp_path: Path):
    inputs = _corpus(tmp_path / "in", 2)
    (inputs / "broken.txt").write_bytes(PDF)
    done = _clean("in", "-o", "out.parquet", cwd=tmp_path)
    assert done.returncode == 1
    assert [row["source"] for row in _rows(tmp_path / "out.parquet")] == [
        "in/page00.txt", "in/page01.html"]
    [error] = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text()
               .splitlines()]
    assert error["path"] == "in/broken.txt" and error["kind"] == "binary"
    assert "out.errors.jsonl" in done.stderr.decode()


def test_a_rerun_skips_what_the_file_holds_and_adds_new_inputs(tmp_path: Path):
    inputs = _corpus(tmp_path / "in", 3)
    out = tmp_path / "out.parquet"
    assert _clean("in", "-o", "out.parquet", cwd=tmp_path).returncode == 0
    first = out.read_bytes()
    again = _clean("in", "-o", "out.parquet", cwd=tmp_path)
    assert again.returncode == 0
    assert "done 0, skipped 3" in again.stderr.decode()
    assert out.read_bytes() == first  # nothing re-cleaned, the file left as it was
    (inputs / "page09.txt").write_text(_dump(9), encoding="utf-8")
    more = _clean("in", "-o", "out.parquet", cwd=tmp_path)
    assert "done 1, skipped 3" in more.stderr.decode()
    rows = _rows(out)
    assert [row["source"] for row in rows] == [
        "in/page00.txt", "in/page01.html", "in/page02.txt", "in/page09.txt"]
    assert rows[:3] == pq.read_table(pa.BufferReader(first)).to_pylist()
    assert "page 9:" in rows[3]["text"]


def test_a_stopped_run_keeps_its_rows_in_parts_and_the_rerun_completes_it(tmp_path: Path):
    inputs = _corpus(tmp_path / "in", 6)
    reference = tmp_path / "reference.parquet"
    assert _clean(str(inputs), "-o", str(reference)).returncode == 0
    out = tmp_path / "out.parquet"
    seen = []

    def stop_after_three(outcome) -> None:
        seen.append(outcome.source)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(BatchStoppedError):
        run_batch(_config(inputs, out), stop_after_three)
    assert not out.exists()  # the file appears only when a run completes
    [part] = parquet_sink.parts_folder(out).iterdir()
    assert [row["source"] for row in _rows(part)] == seen
    rerun = _clean(str(inputs), "-o", str(out), cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert "done 3, skipped 3" in rerun.stderr.decode()
    assert _rows(out) == _rows(reference)
    assert not parquet_sink.parts_folder(out).exists()


def test_a_run_killed_after_putting_the_file_in_place_writes_no_row_twice(tmp_path: Path):
    inputs = _corpus(tmp_path / "in", 3)
    out = tmp_path / "out.parquet"
    assert _clean(str(inputs), "-o", str(out)).returncode == 0
    complete = _rows(out)
    # Killed between the replace and removing the parts: the parts' rows are in the file too.
    parts = parquet_sink.parts_folder(out)
    parts.mkdir()
    (parts / "part-000001.parquet").write_bytes(out.read_bytes())
    (parts / ".part-000002.parquet.123.abc.tmp").write_bytes(b"torn")  # a part being written
    (inputs / "page09.txt").write_text(_dump(9), encoding="utf-8")
    rerun = _clean(str(inputs), "-o", str(out))
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert "done 1, skipped 3" in rerun.stderr.decode()
    rows = _rows(out)
    assert rows[:3] == complete and len(rows) == 4
    assert not parts.exists()


def test_the_parts_and_draft_beside_the_output_are_never_taken_for_inputs(tmp_path: Path):
    inputs = _corpus(tmp_path / "in", 4)
    out = inputs / "out.parquet"  # inside the folder walked, and every file name taken

    def stop_after_two(outcome) -> None:
        if outcome.source.endswith("page01.html"):
            raise KeyboardInterrupt

    with pytest.raises(BatchStoppedError):
        run_batch(_config(inputs, out, globs=("*",)), stop_after_two)
    assert parquet_sink.parts_folder(out).is_dir()
    parquet_sink.draft_path(out).write_bytes(b"a draft a killed run left")
    rerun = _clean(str(inputs), "-o", str(out), "-g", "*")
    stderr = rerun.stderr.decode()
    assert rerun.returncode == 0, stderr
    assert "done 2, skipped 2 (output exists), failed 0" in stderr
    assert [Path(row["source"]).name for row in _rows(out)] == [
        "page00.txt", "page01.html", "page02.txt", "page03.html"]
    assert not parquet_sink.draft_path(out).exists()
    again = _clean(str(inputs), "-o", str(out), "-g", "*")
    assert "done 0, skipped 4 (output exists), failed 0" in again.stderr.decode()


def test_row_groups_are_bounded_by_rows_and_by_bytes(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch):
    inputs = _corpus(tmp_path / "in", 5)
    monkeypatch.setattr(parquet_sink, "ROW_GROUP_ROWS", 2)
    by_rows = tmp_path / "by-rows.parquet"
    assert run_batch(_config(inputs, by_rows), lambda outcome: None).written == 5
    metadata = pq.ParquetFile(by_rows).metadata
    assert [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)] == [2, 2, 1]
    monkeypatch.setattr(parquet_sink, "ROW_GROUP_BYTES", 1)
    by_bytes = tmp_path / "by-bytes.parquet"
    run_batch(_config(inputs, by_bytes), lambda outcome: None)
    assert pq.ParquetFile(by_bytes).metadata.num_row_groups == 5
    assert _rows(by_bytes) == _rows(by_rows)


def test_force_starts_afresh(tmp_path: Path):
    inputs = _corpus(tmp_path / "in", 3)
    out = tmp_path / "out.parquet"
    assert _clean(str(inputs), "-o", str(out)).returncode == 0
    parts = parquet_sink.parts_folder(out)
    parts.mkdir()
    (parts / "part-000001.parquet").write_bytes(out.read_bytes())
    done = _clean(str(inputs / "page01.html"), "-o", str(out), "--force")
    assert done.returncode == 0, done.stderr.decode()
    assert "done 1, skipped 0" in done.stderr.decode()
    assert [Path(row["source"]).name for row in _rows(out)] == ["page01.html"]
    assert not parts.exists()


def test_the_output_records_its_settings_and_a_rerun_with_others_is_refused(tmp_path: Path):
    _corpus(tmp_path / "in", 1)
    assert _clean("in", "-o", "out.parquet", "--format", "parquet", cwd=tmp_path).returncode == 0
    record = json.loads((tmp_path / "out.parquet.cleaner-run.json").read_text())
    assert record["format"] == "parquet" and record["extractor"] == "heuristic"
    first = (tmp_path / "out.parquet").read_bytes()
    other = run_cli("clean", "in", "-o", "out.parquet", "-e", "keep-all", cwd=tmp_path)
    assert other.returncode == 2
    assert 'extractor "heuristic" (now "keep-all")' in other.stderr.decode()
    assert (tmp_path / "out.parquet").read_bytes() == first


def test_an_output_named_dot_parquet_is_parquet(tmp_path: Path):
    _corpus(tmp_path / "in", 2)
    assert _clean("in", "-o", "named.parquet", cwd=tmp_path).returncode == 0
    assert len(_rows(tmp_path / "named.parquet")) == 2
    record = json.loads((tmp_path / "named.parquet.cleaner-run.json").read_text())
    assert record["format"] == "parquet"


@pytest.mark.parametrize("args, message", [
    (["in", "--format", "parquet"], "--format parquet cannot go to stdout: give -o FILE.parquet"),
    (["in", "--format", "parquet", "-o", "-"],
     "--format parquet cannot go to stdout: give -o FILE.parquet"),
    (["in", "--format", "parquet", "-o", "existing-dir"],
     "-o existing-dir names a directory; --format parquet writes one file: give -o "
     "FILE.parquet\n"),
    (["in", "--format", "parquet", "-o", "new-dir/"], "-o new-dir/ names a directory"),
    (["-", "--format", "parquet"], "--format parquet writes a file, and a document read from "
                                   "stdin (-) is written to stdout"),
    (["in", "-o", "x.parquet", "--label", "bio"], "--label goes with --format txt or md"),
])
def test_parquet_to_stdout_or_a_directory_is_a_usage_error(tmp_path: Path, args, message):
    _corpus(tmp_path / "in", 1)
    (tmp_path / "existing-dir").mkdir()
    done = run_cli("clean", *args, cwd=tmp_path, stdin=_dump(1).encode())
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert stderr.startswith("error: ") and message in stderr and stderr.count("\n") == 1
    assert done.stdout == b""
    assert list((tmp_path / "existing-dir").iterdir()) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["existing-dir", "in"]


_WITHOUT_PYARROW = """
import runpy, sys
sys.modules["pyarrow"] = None  # as if the parquet extra were not installed
sys.argv = ["cleaner", "clean", "in", "-o", "out.parquet"]
runpy.run_module("cleaner", run_name="__main__")
"""


def test_without_pyarrow_parquet_is_refused_at_once_naming_the_fix(tmp_path: Path):
    _corpus(tmp_path / "in", 2)
    done = subprocess.run([sys.executable, "-c", _WITHOUT_PYARROW], cwd=tmp_path,
                          capture_output=True, timeout=300, check=False)
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert stderr.startswith("error: ") and "pip install 'cleaner[parquet]'" in stderr
    assert "done" not in stderr  # nothing cleaned
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in"]  # nothing written
