"""One style across commands: messages printed as written, the same message for a missing path
or an address everywhere, ``-`` for stdin, help that shows choices and no Python types."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import run_cli

from cleaner.extractors import extractor_names

DUMP = ("Valley News\n  • Home\n  • Local\n\nFerry service returns after the winter\n\n"
        "The ferry is back on the river after a winter in the dock, the operator said on "
        "Monday, and the timetable is the one of last summer.\n\n"
        "Tickets are sold on board and at the harbour office.\n")
GOLD = ("The ferry is back on the river after a winter in the dock, the operator said on "
        "Monday, and the timetable is the one of last summer.\n\n"
        "Tickets are sold on board and at the harbour office.\n")


def test_file_names_and_messages_keep_their_brackets(tmp_path: Path):
    # rich would read [bold] as a style and [html-clean] as an unknown tag, and drop both.
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report[bold].html").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    done = run_cli("clean", str(folder), "-o", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "failed " + str(folder / "report[bold].html") in done.stderr.decode()


def test_an_error_message_with_brackets_is_printed_whole(tmp_path: Path):
    done = run_cli("clean", str(tmp_path / "[html-clean] :smile: page.txt"), "-o", "out")
    assert done.returncode == 2
    assert done.stderr.decode() == (f"error: {tmp_path / '[html-clean] :smile: page.txt'}: "
                                    "no such file or directory\n")


def test_long_lines_are_not_wrapped_when_stderr_is_not_a_terminal(tmp_path: Path):
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 6)
    deep.mkdir(parents=True)
    (deep / "scan.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    done = run_cli("clean", str(tmp_path / "a-rather-long-folder-name"), "-o",
                   str(tmp_path / "out"), "-j", "1")
    [failed] = [line for line in done.stderr.decode().splitlines()
                if line.startswith("failed")]
    assert str(deep / "scan.txt") in failed and len(failed) > 200
    summary = done.stderr.decode().splitlines()[-1]
    assert summary.startswith("done 0") and summary.endswith(str(tmp_path / "out" /
                                                                 "errors.jsonl"))


COMMANDS_WITH_A_PATH = [
    ["clean", "{path}", "-o", "out"],
    ["explain", "{path}"],
    ["score", "{path}"],
    ["bench", "{path}"],
    ["fixtures", "draft", "{path}", "-o", "case"],
    ["fixtures", "from-bench", "{path}", "-o", "cases"],
    ["throughput", "build", "{path}", "-o", "warcs"],
    ["throughput", "run", "{path}", "--work", "work"],
]


@pytest.mark.parametrize("command", COMMANDS_WITH_A_PATH, ids=lambda c: " ".join(c[:2]))
def test_a_missing_path_gives_the_same_message_and_status_everywhere(tmp_path: Path, command):
    args = [arg.format(path="missing.html") for arg in command]
    done = run_cli(*args, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, b"error: missing.html: no such file or "
                                                  b"directory\n")


def test_stdin_is_refused_plainly_where_a_command_reads_files(tmp_path: Path):
    done = run_cli("fixtures", "draft", "-", "-o", "case", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        2, b"error: - (stdin): cleaner fixtures draft reads a file; give its path\n")


@pytest.mark.parametrize("command", [["fixtures", "draft", "page.txt"],
                                     ["fixtures", "from-bench", "."],
                                     ["fixtures", "synth"]], ids=" ".join)
def test_fixture_commands_refuse_an_output_that_is_a_file(tmp_path: Path, command):
    (tmp_path / "page.txt").write_text(DUMP, encoding="utf-8")
    (tmp_path / "taken").write_text("mine", encoding="utf-8")
    done = run_cli(*command, "-o", "taken", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode().startswith("error: -o taken is a file;")
    assert done.stderr.count(b"\n") == 1


@pytest.mark.parametrize("command", COMMANDS_WITH_A_PATH, ids=lambda c: " ".join(c[:2]))
def test_an_address_is_refused_plainly_everywhere(tmp_path: Path, command):
    url = "https://example.com/news/article.html"
    done = run_cli(*[arg.format(path=url) for arg in command], cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode().startswith(f"error: {url}: cleaner does not fetch pages; ")
    assert len(done.stderr.splitlines()) == 1


def test_explain_reads_stdin():
    done = run_cli("explain", "-", "-e", "heuristic", stdin=DUMP.encode())
    assert done.returncode == 0, done.stderr.decode()
    assert "title: 'Ferry service returns after the winter'" in done.stdout.decode()
    assert " body " in done.stdout.decode()


def test_explain_shows_the_element_path_of_html_blocks(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><main><p>The ferry is back on the river after a winter in "
                    "the dock, the operator said.</p></main></body></html>", encoding="utf-8")
    done = run_cli("explain", str(page), "-e", "heuristic")
    [block] = done.stdout.decode().splitlines()[1:]
    assert block.startswith("body ") and block.endswith("@ /html/body/main/p")


def test_score_reads_one_page_from_stdin_against_its_gold(tmp_path: Path):
    gold = tmp_path / "gold.txt"
    gold.write_text(GOLD, encoding="utf-8")
    done = run_cli("score", "-", "--gold", str(gold), "-e", "heuristic", stdin=DUMP.encode())
    assert done.returncode == 0, done.stderr.decode()
    [row] = [line for line in done.stdout.decode().splitlines() if "<stdin>" in line]
    assert re.search(r"<stdin>\s*│\s*text\s*│\s*-\s*│\s*1\.000\s*│\s*1\.000\s*│\s*1\.000", row), row


def test_score_of_one_page_that_cannot_be_cleaned_fails(tmp_path: Path):
    gold = tmp_path / "gold.txt"
    gold.write_text(GOLD, encoding="utf-8")
    empty = run_cli("score", "-", "--gold", str(gold), stdin=b"")
    assert empty.returncode == 1
    assert empty.stderr.decode().splitlines()[-1] == ("error: <stdin>: EmptyInputError: the "
                                                      "document is empty")
    broken = tmp_path / "page.txt.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage")
    done = run_cli("score", str(broken), "--gold", str(gold))
    assert done.returncode == 2 and done.stderr.decode().startswith(f"error: {broken}: ")


def test_score_of_one_page_needs_its_gold(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_text(DUMP, encoding="utf-8")
    done = run_cli("score", str(page))
    assert done.returncode == 2
    assert b"give --gold FILE" in done.stderr


HELP = [["clean"], ["explain"], ["score"], ["bench"], ["fixtures", "draft"],
        ["fixtures", "synth"], ["fixtures", "from-bench"], ["throughput", "build"],
        ["throughput", "run"]]


@pytest.mark.parametrize("command", HELP, ids=" ".join)
def test_help_names_no_python_types(command):
    done = run_cli(*command, "--help")
    assert done.returncode == 0
    noise = re.findall(r"<[a-z][^<>\n]*>", done.stdout.decode())
    assert not noise, noise


@pytest.mark.parametrize("command, shown", [
    (["clean"], ["--format [txt|md|json|jsonl|parquet]", "--input-type [auto|text|html]",
                 f"--extractor [{'|'.join(extractor_names())}]"]),
    (["explain"], ["--input-type [auto|text|html]"]),
    (["score"], ["--text [w3m|lynx]"]),
    (["bench"], ["--text [w3m|lynx]"]),
    (["throughput", "run"], ["--runner [cli|datatrove|spark]"]),
], ids=["clean", "explain", "score", "bench", "throughput"])
def test_help_shows_the_choices_of_every_option(command, shown):
    help_text = " ".join(run_cli(*command, "--help").stdout.decode().split())
    for choice in shown:
        assert choice in help_text


def test_a_bad_choice_is_a_usage_error_naming_the_choices():
    done = run_cli("clean", "-", "--format", "xml", stdin=b"text")
    assert (done.returncode, done.stderr) == (
        2, b"error: --format: 'xml' is not one of txt, md, json, jsonl, parquet\n")
