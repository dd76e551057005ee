"""``cleaner explain FILE``: one line per block with its input lines, label and reason."""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli

PAGE = (
    "Home » World » Europe\n\n"
    "River Towns Vote To Share One Fire Brigade\n\n"
    "Three river towns agreed on Monday to merge their volunteer fire brigades into one.\n\n"
    "The councils voted after a year of talks about staffing the night shifts.\n\n"
    "Facebook Twitter Email LinkedIn\n"
)


def test_explain_prints_label_and_reason_per_block(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    done = run_cli("explain", str(page), "--extractor", "heuristic", "--width", "200")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert "title: 'River Towns Vote To Share One Fire Brigade'" in lines[0]
    by_line = {line.split()[0]: line for line in lines[1:]}
    assert set(by_line) == {"1", "3", "5", "7", "9"}
    assert by_line["1"].split()[1] == "menu" and "← breadcrumb trail" in by_line["1"]
    assert by_line["3"].split()[1] == "title"
    assert by_line["5"].split()[1] == "body" and "← inside the article text" in by_line["5"]
    assert by_line["9"].split()[1] == "share" and "share/follow bar" in by_line["9"]


def test_explain_cuts_long_blocks_to_the_width(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    done = run_cli("explain", str(page), "--width", "20")
    body = [line for line in done.stdout.decode().splitlines() if " body " in line]
    assert body and all("…" in line for line in body)


def test_explain_reports_a_bad_file_by_name(tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    done = run_cli("explain", str(binary))
    assert done.returncode == 1
    assert "scan.txt" in done.stderr.decode() and "PDF" in done.stderr.decode()
