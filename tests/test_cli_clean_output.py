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
     "-o existing-dir names a directory; --format jsonl writes one file"),
    (["in", "--format", "jsonl", "-o", "new-dir/"], "-o new-dir/ names a directory"),
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
    (["in", "-o", "out", "--glob", "sub/*.html"], "--glob matches file names, not paths"),
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
    assert "--include-title false (now true)" in stderr and "--force" in stderr
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


def test_a_stopped_or_partial_force_run_leaves_no_record_the_next_run_trusts(folder: Path):
    # A --force run with other settings writes its record only once every output there is
    # its own: here it is given one of two inputs, so the other's output is still keep-all's.
    (folder / "in" / "b.txt").write_text(DUMP.replace("ferry", "tram"), encoding="utf-8")
    assert run_cli("clean", "in", "-o", "out", "-e", "keep-all", cwd=folder).returncode == 0
    partial = run_cli("clean", "in/a.txt", "-o", "out", "-e", "heuristic", "--force",
                      cwd=folder)
    assert partial.returncode == 0
    assert not (folder / "out" / "cleaner-run.json").exists()
    rerun = _clean(folder)
    assert rerun.returncode == 2 and b"no cleaner-run.json says which settings" in rerun.stderr
    full = _clean(folder, "--force")
    assert full.returncode == 0 and b"done 2" in full.stderr
    record = json.loads((folder / "out" / "cleaner-run.json").read_text(encoding="utf-8"))
    assert record["extractor"] == "heuristic"
    assert b"skipped 2" in _clean(folder).stderr


def test_a_forced_run_drops_the_old_output_of_an_input_that_now_fails(folder: Path):
    assert run_cli("clean", "in", "-o", "out", "-e", "keep-all", cwd=folder).returncode == 0
    (folder / "in" / "a.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    forced = _clean(folder, "--force")
    assert forced.returncode == 1 and b"failed 1" in forced.stderr
    assert not (folder / "out" / "a.txt.txt").exists()
    assert (folder / "out" / "cleaner-run.json").exists()  # every output left is this run's


def test_a_rerun_with_another_url_is_a_difference(folder: Path):
    args = ("clean", "in/a.txt", "-o", "out", "--format", "json")
    assert run_cli(*args, "--url", "https://example.com/a", cwd=folder).returncode == 0
    other = run_cli(*args, "--url", "https://example.com/b", cwd=folder)
    assert other.returncode == 2
    assert b'--url "https://example.com/a" (now "https://example.com/b")' in other.stderr
