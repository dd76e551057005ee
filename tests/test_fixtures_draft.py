"""``cleaner fixtures draft``: a case drafted from the current output, for a person to correct."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import run_cli

from cleaner.labels import Label
from cleaner.scoring.cases import load_cases

DUMP = ("Site\n  • Home\n  • News\n\nCouncil votes to repair the harbour ferry this winter\n\n"
        "The council voted on Monday to pay for the repairs, which will keep the ferry "
        "running for another fifteen years.\n\n© 2024 Site. All rights reserved.\n")


def test_text_page_gets_input_draft_labels_and_body_that_load_as_a_case(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_text(DUMP, encoding="utf-8")
    case = tmp_path / "fixtures" / "mine" / "page"
    done = run_cli("fixtures", "draft", str(page), "--out", str(case), "-e", "heuristic")
    assert done.returncode == 0, done.stderr.decode()
    assert (case / "input.txt").read_text(encoding="utf-8") == DUMP
    assert "council voted on Monday" in (case / "expected.txt").read_text(encoding="utf-8")
    assert "correct" in json.loads((case / "meta.json").read_text())["annotation"]
    [loaded] = load_cases(tmp_path / "fixtures")
    assert loaded.gold_labels[0] is Label.MENU and Label.BODY in loaded.gold_labels
    again = run_cli("fixtures", "draft", str(page), "--out", str(case))
    assert again.returncode == 2 and "not overwritten" in again.stderr.decode()


def test_html_page_gets_input_html_and_no_labels(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav><article><h1>Ferry back</h1>"
                    "<p>The harbour ferry went back into service on Monday after repairs that "
                    "took four months in dry dock.</p></article></body></html>", encoding="utf-8")
    case = tmp_path / "case"
    done = run_cli("fixtures", "draft", str(page), "--out", str(case), "-e", "heuristic")
    assert done.returncode == 0, done.stderr.decode()
    assert sorted(p.name for p in case.iterdir()) == ["expected.txt", "input.html", "meta.json"]
    assert "harbour ferry" in (case / "expected.txt").read_text(encoding="utf-8")
    # Every file the message asks the user to correct is there.
    [advice] = [line for line in done.stderr.decode().splitlines() if "correct" in line]
    named = re.findall(r"[\w.-]+\.(?:txt|json)", advice.split("by hand")[0])
    assert named == ["expected.txt", "meta.json"]
    assert all((case / name).is_file() for name in named)


def test_a_text_page_is_drafted_with_its_labels_named_for_correction(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_text(DUMP, encoding="utf-8")
    done = run_cli("fixtures", "draft", str(page), "--out", str(tmp_path / "case"))
    assert "now read and correct labels.txt, expected.txt, meta.json by hand" in \
        done.stderr.decode()
