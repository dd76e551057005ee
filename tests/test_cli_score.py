"""``cleaner score``: per-case figures, the gate failing on a worse gold label, floors that
only go down with --allow-regression."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import run_cli

INPUT = (
    "Site\n  • Home\n  • News\n\nFirst paragraph of the article body here.\n\n"
    "Second one, body too.\n"
)
LABELS = (
    "menu     | Site\nmenu     |   • Home\nmenu     |   • News\n\n"
    "body     | First paragraph of the article body here.\n\nbody     | Second one, body too.\n"
)
EXPECTED = "First paragraph of the article body here.\n\nSecond one, body too.\n"


@pytest.fixture
def fixtures(tmp_path: Path) -> Path:
    case = tmp_path / "fixtures" / "tiny"
    case.mkdir(parents=True)
    (case / "input.txt").write_text(INPUT, encoding="utf-8")
    (case / "labels.txt").write_text(LABELS, encoding="utf-8")
    (case / "expected.txt").write_text(EXPECTED, encoding="utf-8")
    return case.parent


def _score(fixtures: Path, *extra: str):
    return run_cli("score", str(fixtures), "--extractor", "keep-all", *extra)


def test_score_prints_per_case_figures(fixtures: Path):
    done = _score(fixtures, "--json", str(fixtures.parent / "report.json"))
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    assert "tiny" in out and "F1" in out and "per-line confusion" in out
    report = json.loads((fixtures.parent / "report.json").read_text())
    (case,) = report["cases"]
    assert case["recall"] == 1.0 and case["line_accuracy"] == pytest.approx(2 / 5)


def test_gate_fails_when_a_gold_label_change_makes_the_case_worse(fixtures: Path):
    assert _score(fixtures, "--update").returncode == 0
    assert _score(fixtures).returncode == 0
    labels = fixtures / "tiny" / "labels.txt"
    labels.write_text(labels.read_text().replace("body     | Second", "footer   | Second"))
    failed = _score(fixtures)
    assert failed.returncode == 1
    out = failed.stdout.decode()
    assert "GATE FAILED" in out and "line_accuracy 0.2000 is below its floor 0.4000" in out
    assert "[bold]" not in out  # the heading is styled, not printed as markup


def test_update_refuses_to_lower_a_floor_without_allow_regression(fixtures: Path):
    floors = fixtures / "floors.json"
    assert _score(fixtures, "--update").returncode == 0
    pinned = floors.read_bytes()
    labels = fixtures / "tiny" / "labels.txt"
    labels.write_text(labels.read_text().replace("body     | Second", "footer   | Second"))
    refused = _score(fixtures, "--update")
    assert refused.returncode == 1 and b"REFUSED" in refused.stdout
    assert floors.read_bytes() == pinned
    allowed = _score(fixtures, "--update", "--allow-regression")
    assert allowed.returncode == 0
    assert json.loads(floors.read_text())["extractors"]["keep-all"]["cases"]["tiny/text"][
        "line_accuracy"] == 0.2


def test_explicit_baseline_file_and_missing_extractor_section(fixtures: Path, tmp_path: Path):
    baseline = tmp_path / "elsewhere.json"
    assert _score(fixtures, "--baseline", str(baseline), "--update").returncode == 0
    other = run_cli("score", str(fixtures), "--extractor", "auto", "--baseline", str(baseline))
    assert other.returncode == 1 and b"no floors pinned for extractor 'auto'" in other.stdout


def test_bench_folder_target(tmp_path: Path):
    bench = tmp_path / "bench"
    (bench / "text-w3m").mkdir(parents=True)
    (bench / "text-w3m" / "p1.txt").write_text(INPUT, encoding="utf-8")
    record = {"id": "p1", "url": "https://example.org/a", "body": EXPECTED,
              "with": ["second one, body too"], "without": ["Home"]}
    (bench / "gold.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    done = run_cli("score", str(bench), "--text", "w3m", "--extractor", "keep-all",
                   "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr.decode()
    totals = json.loads((tmp_path / "r.json").read_text())["totals"]["w3m"]
    assert totals["snippet_recall"] == 1.0 and totals["snippet_precision"] == 0.0


def test_bench_folder_with_kinds_gets_word_figures_per_kind(tmp_path: Path):
    bench = tmp_path / "bench"
    (bench / "text-w3m").mkdir(parents=True)
    records = []
    for page_id, kind in (("p1", "article"), ("p2", "article"), ("p3", "forum")):
        (bench / "text-w3m" / f"{page_id}.txt").write_text(INPUT, encoding="utf-8")
        records.append({"id": page_id, "url": "https://example.org/a", "body": EXPECTED,
                        "kind": kind, "with": ["SECOND ONE, body too", "absent"],
                        "without": ["Home"]})
    (bench / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    done = run_cli("score", str(bench), "--text", "w3m", "--extractor", "keep-all", "--summary",
                   "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr.decode()
    totals = json.loads((tmp_path / "r.json").read_text())["totals"]
    assert set(totals) == {"all", "w3m", "w3m article", "w3m forum"}
    assert totals["w3m article"]["pages"] == 2 and totals["w3m forum"]["pages"] == 1
    whole = totals["w3m"]
    assert whole["word_recall"] == 1.0 and 0 < whole["word_precision"] < 1
    assert whole["with_rate"] == 0.5 and whole["without_rate"] == 1.0
    assert "word F1" in done.stdout.decode() and "w3m forum" in done.stdout.decode()


def test_aligned_gold_scores_the_blocks_the_gold_holds_and_takes_no_extractor(tmp_path: Path):
    bench = tmp_path / "bench"
    (bench / "text-w3m").mkdir(parents=True)
    (bench / "text-w3m" / "p1.txt").write_text(INPUT, encoding="utf-8")
    # The gold leaves out a word of the second paragraph: its block is still body.
    gold = EXPECTED.replace(" too", "")
    record = {"id": "p1", "url": "https://example.org/a", "body": gold}
    (bench / "gold.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    done = run_cli("score", str(bench), "--text", "w3m", "--aligned-gold", "--summary",
                   "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr.decode()
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["extractor"] == "aligned-gold"
    totals = report["totals"]["w3m"]
    assert totals["word_recall"] == 1.0 and 0.9 < totals["word_precision"] < 1.0
    refused = run_cli("score", str(bench), "--text", "w3m", "--aligned-gold", "-e", "heuristic")
    assert refused.returncode == 2 and "--aligned-gold" in refused.stderr.decode()


def test_missing_gold_is_a_clear_error(fixtures: Path):
    (fixtures / "tiny" / "expected.txt").unlink()
    done = _score(fixtures)
    assert done.returncode == 2 and b"missing expected.txt" in done.stderr


def test_real_fixture_folder_copy_scores(repo: Path, tmp_path: Path):
    copy = tmp_path / "fixtures"
    shutil.copytree(repo / "fixtures", copy)
    done = run_cli("score", str(copy), "--summary")
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
    assert b"gate passed" in done.stdout


def test_html_only_extractor_leaves_text_cases_out(fixtures: Path):
    html_case = fixtures / "page"
    html_case.mkdir()
    (html_case / "input.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><article><h1>Ferry back in service</h1>"
        "<p>First paragraph of the article body here, long enough to count.</p>"
        "<p>Second one, body too, with a few more words in it.</p></article></body></html>",
        encoding="utf-8")
    (html_case / "expected.txt").write_text(EXPECTED, encoding="utf-8")
    report = fixtures.parent / "report.json"
    done = run_cli("score", str(fixtures), "-e", "trafilatura", "--summary", "--json", str(report))
    assert "1 cases left out: trafilatura takes html input only" in done.stderr.decode()
    totals = json.loads(report.read_text())["totals"]["all"]
    assert (totals["pages"], totals["failures"]) == (1, 0)
    text_only = run_cli("score", str(fixtures / "tiny"), "-e", "ensemble", "--summary")
    assert text_only.returncode == 2
    assert "no case in an input form ensemble takes" in text_only.stderr.decode()


def test_scoring_in_several_processes_gives_the_figures_of_one(tmp_path: Path):
    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    figures = []
    for jobs in ("1", "2"):
        report = tmp_path / f"jobs{jobs}.json"
        done = run_cli("score", str(fixtures), "-e", "keep-all", "--summary", "-j", jobs,
                       "--json", str(report))
        assert done.returncode == 0, done.stderr.decode()
        document = json.loads(report.read_text(encoding="utf-8"))
        figures.append(([{k: v for k, v in case.items() if k != "seconds"}
                         for case in document["cases"]],
                        {name: {k: v for k, v in group.items() if "seconds" not in k}
                         for name, group in document["totals"].items()}))
    assert len(figures[0][0]) >= 40  # enough cases to be scored in parallel
    assert figures[0] == figures[1]
