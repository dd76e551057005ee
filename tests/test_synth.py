"""``cleaner fixtures synth``: deterministic synthetic pages with gold by construction."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO
from helpers import run_cli

from cleaner.fixtures.synth import RECIPE_FILE, write_synthetic
from cleaner.labels import Label
from cleaner.scoring.cases import load_cases
from cleaner.scoring.gold_labels import read_labels

SEED_CASES = REPO / "fixtures" / "seed"
COMMITTED = REPO / "fixtures" / "synth"


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_committed_synthetic_fixtures_regenerate_byte_for_byte(tmp_path: Path):
    recipe = json.loads((COMMITTED / RECIPE_FILE).read_text())
    assert recipe["count"] >= 40
    write_synthetic(tmp_path, recipe["count"], recipe["seed"], SEED_CASES)
    assert _files(tmp_path) == _files(COMMITTED)


def test_same_seed_same_bytes_other_seed_other_pages(tmp_path: Path):
    write_synthetic(tmp_path / "a", 3, 7, SEED_CASES)
    write_synthetic(tmp_path / "b", 3, 7, SEED_CASES)
    write_synthetic(tmp_path / "c", 3, 8, SEED_CASES)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_every_style_pair_occurs_and_each_case_has_both_forms(tmp_path: Path):
    cases = write_synthetic(tmp_path, 6, 3, SEED_CASES)
    assert {(c.html_style, c.text_style) for c in cases} == {
        (h, t) for h in ("semantic", "anonymous") for t in ("w3m", "lynx", "plain")}
    loaded = load_cases(tmp_path)
    assert sorted({c.form for c in loaded}) == ["html", "text"]
    assert len(loaded) == 12


def test_gold_labels_match_the_text_and_the_body_is_the_body_lines(tmp_path: Path):
    for case in write_synthetic(tmp_path, 6, 5, SEED_CASES):
        text = (case.folder / "input.txt").read_text(encoding="utf-8")
        labels = read_labels((case.folder / "labels.txt").read_text(encoding="utf-8"), text)
        expected = (case.folder / "expected.txt").read_text(encoding="utf-8")
        lines = text.split("\n")
        assert Label.TITLE in labels and Label.BODY in labels
        assert {label for label in labels if label} - {Label.TITLE, Label.BODY}, "boilerplate"
        words = set(expected.split())
        for line, label in zip(lines, labels, strict=True):
            if label is Label.BODY:
                assert set(line.replace("•", "").replace("*", "").split()) - {"-", "|"} <= words
        title = json.loads((case.folder / "meta.json").read_text())["title"]
        assert any(label is Label.TITLE and line.strip() == title
                   for line, label in zip(lines, labels, strict=True))


def test_missing_seed_cases_is_a_clear_error(tmp_path: Path):
    done = run_cli("fixtures", "synth", "--out", str(tmp_path / "out"), "--count", "2",
                   "--seed-cases", str(tmp_path / "nowhere"))
    assert done.returncode == 2
    assert "nowhere" in done.stderr.decode() and "seed" in done.stderr.decode()
