"""``cleaner clean -o``: every mistake is a one-line usage error before anything runs, and an
output written with other settings is never silently added to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli

DUMP = ("Valley News\n  • Home\n\nThe ferry is back on the river after a winter in the dock, "
        "the operator said on Monday.\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(DUMP, encoding="utf-8")
    (tmp_path / "existing-dir").mkdir()
    (tmp_path / "existing-file").write_text("mine", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("args, message", [
    (["in", "--format", "jsonl", "-o", "existing-dir"],
     "-o existing-dir is a directory; --format jsonl writes one file"),
    (["in", "--format", "txt", "-o", "existing-file"],
     "-o existing-file is a file; --format txt writes one file per input into a directory"),
    (["in", "--format", "json", "-o", "existing-file"],
     "-o existing-file is a file; --format json writes one file per input into a directory"),
    (["in", "-o", "-"], "-o - (stdout) takes --format jsonl"),
    (["in", "--format", "json", "-o", "-"], "-o - (stdout) takes --format jsonl"),
    (["-", "-o", "existing-dir"], "-o existing-dir: a document read from stdin (-) is written "
                                  "to stdout"),
    (["-", "--format", "jsonl", "-o", "new.jsonl"], "-o new.jsonl: a document read from stdin"),
    (["in", "-o", "existing-file/sub"], "-o existing-file/sub: existing-file is a file"),
    (["in", "--format", "jsonl", "-o", "existing-file/x.jsonl"], "existing-file is a file"),
    (["in"], "--format txt writes one file per input: give -o DIR"),
    (["in", "-", "-o", "out"], "- (stdin) cannot be mixed with paths"),
    (["in", "--url", "https://example.com/a", "-o", "out"], "--url names one page"),
])
def test_an_output_that_cannot_work_is_a_one_line_usage_error(folder: Path, args, message):
    done = run_cli("clean", *args, cwd=folder, stdin=DUMP.encode())
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert stderr.startswith("error: ") and message in stderr
    assert stderr.count("\n") == 1, stderr
    assert done.stdout == b""
    assert (folder / "existing-file").read_text(encoding="utf-8") == "mine"
    assert list((folder / "existing-dir").iterdir()) == []


def test_stdin_with_jsonl_to_stdout_is_allowed(folder: Path):
    done = run_cli("clean", "-", "--format", "jsonl", "-o", "-", "--url", "https://x.org/a",
                   cwd=folder, stdin=DUMP.encode())
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["url"] == "https://x.org/a"


def _clean(folder: Path, *args: str):
    return run_cli("clean", "in", "-o", "out", "-e", "heuristic", "-j", "1", *args, cwd=folder)


def test_the_output_folder_records_the_settings_that_wrote_it(folder: Path):
    assert _clean(folder, "--format", "json").returncode == 0
    record = json.loads((folder / "out" / "cleaner-run.json").read_text(encoding="utf-8"))
    assert record["extractor"] == "heuristic" and record["format"] == "json"
    assert record["version"] and record["include_title"] is False


def test_a_rerun_with_other_settings_stops_and_names_the_difference(folder: Path):
    assert _clean(folder).returncode == 0
    first = (folder / "out" / "a.txt.txt").read_bytes()
    other = run_cli("clean", "in", "-o", "out", "-e", "keep-all", "--include-title", cwd=folder)
    assert other.returncode == 2
    stderr = other.stderr.decode()
    assert 'extractor "heuristic" (now "keep-all")' in stderr
    assert "include_title false (now true)" in stderr and "--force" in stderr
    assert (folder / "out" / "a.txt.txt").read_bytes() == first
    same = _clean(folder)
    assert same.returncode == 0 and b"skipped 1" in same.stderr
    forced = run_cli("clean", "in", "-o", "out", "-e", "keep-all", "--force", cwd=folder)
    assert forced.returncode == 0 and b"done 1" in forced.stderr
    assert (folder / "out" / "a.txt.txt").read_bytes() != first
    record = json.loads((folder / "out" / "cleaner-run.json").read_text(encoding="utf-8"))
    assert record["extractor"] == "keep-all"


def test_a_jsonl_output_records_its_settings_beside_it(folder: Path):
    args = ("clean", "in", "-o", "all.jsonl", "--format", "jsonl")
    assert run_cli(*args, "-e", "heuristic", cwd=folder).returncode == 0
    assert (folder / "all.jsonl.cleaner-run.json").is_file()
    other = run_cli(*args, "-e", "keep-all", cwd=folder)
    assert other.returncode == 2 and b'extractor "heuristic"' in other.stderr
    assert len((folder / "all.jsonl").read_bytes().splitlines()) == 1


def test_an_output_folder_holding_files_of_unknown_settings_is_not_added_to(folder: Path):
    (folder / "out").mkdir()
    (folder / "out" / "a.txt.txt").write_text("from some older run", encoding="utf-8")
    done = _clean(folder)
    assert done.returncode == 2 and b"no cleaner-run.json says which settings" in done.stderr
    assert _clean(folder, "--force").returncode == 0
    assert "ferry" in (folder / "out" / "a.txt.txt").read_text(encoding="utf-8")
