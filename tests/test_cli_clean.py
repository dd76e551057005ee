"""``cleaner clean`` over folders: outputs mirror the tree, bad files are reported and skipped,
reruns resume, formats are as documented."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from helpers import run_cli

from cleaner.batch.runner import BatchConfig, run_batch
from cleaner.options import Options

DUMP = "Site Name\n  • Home\n\nA paragraph of the article body, long enough to matter.\n"
HTML = "<html><body><nav><a href='/'>Home</a></nav><p>Article text in HTML.</p></body></html>"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "a.txt").write_text(DUMP, encoding="utf-8")
    (root / "b.html").write_text(HTML, encoding="utf-8")
    (root / "sub" / "c.txt.gz").write_bytes(gzip.compress(DUMP.encode()))
    (root / "sub" / "deeper" / "d.htm").write_text(HTML, encoding="utf-8")
    (root / "notes.md").write_text("not an input: wrong suffix", encoding="utf-8")
    return root


def _add_bad_files(root: Path) -> None:
    (root / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (root / "truncated.txt.gz").write_bytes(gzip.compress(DUMP.encode() * 50)[:40])
    os.symlink(root / "missing-target.txt", root / "dangling.txt")


def _outputs(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def test_clean_folder_to_json_mirrors_the_tree(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    done = run_cli("clean", str(corpus), "-o", str(out), "--format", "json", "--extractor",
                   "keep-all", "--jobs", "2")
    assert done.returncode == 0, done.stderr.decode()
    assert _outputs(out) == ["a.txt.json", "b.html.json", "cleaner-run.json", "sub/c.txt.json",
                             "sub/deeper/d.htm.json"]
    record = json.loads((out / "a.txt.json").read_text(encoding="utf-8"))
    assert record["source"].endswith("a.txt")
    assert record["input_type"] == "text" and record["extractor"] == "keep-all"
    assert record["segments"] == [{"label": "body", "text": "Site Name\n- Home\nA paragraph of "
                                   "the article body, long enough to matter.", "start_line": 1,
                                   "end_line": 4}]
    html_record = json.loads((out / "b.html.json").read_text(encoding="utf-8"))
    assert html_record["input_type"] == "html" and "path" in html_record["segments"][0]
    assert b"done 4, skipped 0" in done.stderr


def test_bad_files_are_reported_and_every_good_output_is_written(corpus: Path, tmp_path: Path):
    _add_bad_files(corpus)
    out = tmp_path / "out"
    done = run_cli("clean", str(corpus), "-o", str(out), "--extractor", "keep-all", "-j", "2")
    assert done.returncode == 1
    assert _outputs(out) == ["a.txt.txt", "b.html.txt", "cleaner-run.json", "errors.jsonl",
                             "sub/c.txt.txt", "sub/deeper/d.htm.txt"]
    assert (out / "a.txt.txt").read_text(encoding="utf-8").startswith("Site Name")
    report = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    by_name = {Path(entry["path"]).name: entry for entry in report}
    assert set(by_name) == {"image.html", "truncated.txt.gz", "dangling.txt"}
    assert by_name["image.html"]["kind"] == "binary"
    assert "PNG" in by_name["image.html"]["message"]
    assert "truncated gzip" in by_name["truncated.txt.gz"]["message"]
    assert by_name["dangling.txt"]["message"] == "broken symbolic link"
    stderr = done.stderr.decode()
    assert "image.html" in stderr and "failed 3" in stderr


def test_the_error_report_follows_the_latest_run(corpus: Path, tmp_path: Path):
    # Streamed to a hidden temporary file and put in place at the end: the report lists this
    # run's failures in input order, and a rerun where nothing fails removes it.
    _add_bad_files(corpus)
    out = tmp_path / "out"
    config = BatchConfig((corpus,), out, "txt", 1, Options(extractor="keep-all"))
    summary = run_batch(config, lambda outcome: None)
    report = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert summary.failed == 3
    assert [Path(entry["path"]).name for entry in report] == [
        "dangling.txt", "image.html", "truncated.txt.gz"]
    for name in ("image.html", "truncated.txt.gz", "dangling.txt"):
        (corpus / name).unlink()
    rerun = run_batch(config, lambda outcome: None)
    assert (rerun.failed, rerun.skipped) == (0, 4)
    assert _outputs(out) == ["a.txt.txt", "b.html.txt", "cleaner-run.json", "sub/c.txt.txt",
                             "sub/deeper/d.htm.txt"]


def test_a_file_deleted_while_the_batch_runs_is_reported_and_the_rest_written(
        corpus: Path, tmp_path: Path):
    # b.html is listed with its folder, then deleted once a.txt is done: before its turn.
    out = tmp_path / "out"

    def delete_b(outcome) -> None:
        if outcome.source.endswith("a.txt"):
            (corpus / "b.html").unlink()

    config = BatchConfig((corpus,), out, "txt", 1, Options(extractor="keep-all"))
    summary = run_batch(config, delete_b)
    assert (summary.written, summary.failed) == (3, 1)
    [entry] = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert Path(entry["path"]).name == "b.html" and entry["kind"] == "io"
    assert _outputs(out) == ["a.txt.txt", "cleaner-run.json", "errors.jsonl", "sub/c.txt.txt",
                             "sub/deeper/d.htm.txt"]


def test_rerun_skips_finished_files_and_force_redoes_them(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = run_cli("clean", str(corpus), "-o", str(out), "--extractor", "keep-all", "-j", "1")
    assert first.returncode == 0
    (out / "a.txt.txt").unlink()
    second = run_cli("clean", str(corpus), "-o", str(out), "--extractor", "keep-all", "-j", "1")
    assert b"done 1, skipped 3" in second.stderr
    forced = run_cli("clean", str(corpus), "-o", str(out), "--extractor", "keep-all", "--force")
    assert b"done 4, skipped 0" in forced.stderr


def test_jsonl_records_come_in_input_order_whatever_the_jobs(corpus: Path, tmp_path: Path):
    outputs = []
    for jobs in ("1", "3"):
        target = tmp_path / f"all-{jobs}.jsonl"
        done = run_cli("clean", str(corpus), "-o", str(target), "--format", "jsonl",
                       "--extractor", "keep-all", "-j", jobs)
        assert done.returncode == 0, done.stderr.decode()
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    sources = [json.loads(line)["source"] for line in outputs[0].splitlines()]
    assert [Path(s).name for s in sources] == ["a.txt", "b.html", "c.txt.gz", "d.htm"]


def test_jsonl_rerun_appends_only_missing_records(corpus: Path, tmp_path: Path):
    target = tmp_path / "all.jsonl"
    run_cli("clean", str(corpus), "-o", str(target), "--format", "jsonl", "--extractor",
            "keep-all")
    lines = target.read_bytes().splitlines(keepends=True)
    target.write_bytes(b"".join(lines[:2]) + lines[2][:10])  # as if killed mid-record
    rerun = run_cli("clean", str(corpus), "-o", str(target), "--format", "jsonl", "--extractor",
                    "keep-all")
    assert b"done 2, skipped 2" in rerun.stderr
    assert sorted(target.read_bytes().splitlines()) == sorted(b"".join(lines).splitlines())


def test_stdin_to_stdout():
    done = run_cli("clean", "-", "--format", "txt", "--extractor", "keep-all",
                   stdin=DUMP.encode())
    assert done.returncode == 0
    assert done.stdout.decode().startswith("Site Name\n\n- Home")


def test_stdin_error_is_reported_with_exit_one():
    done = run_cli("clean", "-", stdin=b"")
    assert done.returncode == 1
    assert b"<stdin>" in done.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["clean", "in"], b"-o DIR"),
        (["clean", "in", "-o", "out", "--format", "pdf"], b"--format"),
        (["clean", "in", "-o", "out", "--extractor", "nope"], b"unknown extractor"),
        (["clean", "does-not-exist", "-o", "out"], b"no such file"),
    ],
)
def test_usage_errors_exit_two_with_a_message(tmp_path: Path, args, message):
    (tmp_path / "in").mkdir()
    done = run_cli(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr


def test_files_left_out_by_name_are_counted(corpus: Path, tmp_path: Path):
    done = run_cli("clean", str(corpus), "-o", str(tmp_path / "out"), "-e", "keep-all")
    assert done.returncode == 0
    assert "done 4, skipped 0 (output exists), failed 0, ignored 1 (names matching no --glob " \
           "pattern)" in done.stderr.decode()


def test_glob_takes_other_names_and_extensionless_files(tmp_path: Path):
    mirror = tmp_path / "mirror"
    (mirror / "news").mkdir(parents=True)
    (mirror / "page.xhtml").write_text(HTML, encoding="utf-8")
    (mirror / "index.php").write_text(HTML, encoding="utf-8")
    (mirror / "news" / "story").write_text(HTML, encoding="utf-8")  # as wget saves /news/story
    out = tmp_path / "out"
    default = run_cli("clean", str(mirror), "-o", str(out), "-e", "keep-all")
    assert _outputs(out) == ["cleaner-run.json", "page.xhtml.txt"]
    assert b"done 1, skipped 0 (output exists), failed 0, ignored 2" in default.stderr
    every = run_cli("clean", str(mirror), "-o", str(out), "-e", "keep-all", "--glob", "*")
    assert b"done 2, skipped 1 (output exists), failed 0 in" in every.stderr
    assert _outputs(out) == ["cleaner-run.json", "index.php.txt", "news/story.txt",
                             "page.xhtml.txt"]
    assert (out / "news" / "story.txt").read_text(encoding="utf-8") == "Home\n\nArticle text " \
                                                                        "in HTML.\n"
    php_only = run_cli("clean", str(mirror), "-o", str(tmp_path / "php"), "-e", "keep-all",
                       "-g", "*.PHP")
    assert b"done 1, skipped 0 (output exists), failed 0, ignored 2" in php_only.stderr


def test_empty_bodies_are_counted_and_flagged(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "article.txt").write_text(DUMP, encoding="utf-8")
    (folder / "menu-only.txt").write_text("Home\nNews\nSport\nContact\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("clean", str(folder), "-o", str(out), "--format", "json", "-e", "heuristic")
    assert done.returncode == 0, done.stderr.decode()
    assert b"done 2 (1 with an empty body), skipped 0" in done.stderr
    empty = json.loads((out / "menu-only.txt.json").read_text(encoding="utf-8"))
    full = json.loads((out / "article.txt.json").read_text(encoding="utf-8"))
    assert (empty["empty_body"], empty["text"]) == (True, "")
    assert full["empty_body"] is False and full["text"]


def test_a_file_named_html_is_cleaned_as_html_whatever_the_sniff_says(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    # A line of text, then two paragraphs: the content alone sniffs as a dump quoting tags.
    page = ("Harbour notice\n<p>The harbour office opens at nine on weekdays and at ten on "
            "Saturdays, the council said.</p>\n<p>Tickets are sold on board.</p>\n")
    (folder / "notice.html").write_text(page, encoding="utf-8")
    (folder / "notice.txt").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("clean", str(folder), "-o", str(out), "--format", "json").returncode == 0
    as_html = json.loads((out / "notice.html.json").read_text(encoding="utf-8"))
    as_text = json.loads((out / "notice.txt.json").read_text(encoding="utf-8"))
    assert (as_html["input_type"], as_text["input_type"]) == ("html", "text")
    assert "<p>" not in as_html["text"] and "harbour office opens" in as_html["text"]
    forced = run_cli("clean", str(folder / "notice.html"), "-o", str(tmp_path / "forced"),
                     "--format", "json", "--input-type", "text")
    assert forced.returncode == 0
    record = json.loads((tmp_path / "forced" / "notice.html.json").read_text(encoding="utf-8"))
    assert record["input_type"] == "text"
