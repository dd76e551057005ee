"""Training: folds grouped by site, and ``cleaner train --cv`` end to end on a small bench."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from helpers import run_cli

pytest.importorskip("lightgbm")  # the train extra (in dev)

from cleaner.training.cross_validation import site_folds  # noqa: E402


def test_no_site_is_in_two_folds_and_folds_are_even_and_stable():
    sites = ["a.org"] * 5 + ["b.org"] * 3 + ["c.org"] * 3 + ["d.org"] * 2 + ["e.org"] * 2
    folds = site_folds(sites, 3)
    for site in set(sites):
        assert len({f for s, f in zip(sites, folds, strict=True) if s == site}) == 1, site
    sizes = sorted(folds.count(fold) for fold in range(3))
    assert sizes == [5, 5, 5]
    assert site_folds(list(reversed(sites)), 3)[::-1] == folds  # order of pages does not matter


ARTICLE = " ".join(["The council voted on Monday to repair the harbour ferry before winter."] * 3)


def _bench(root: Path, sites: int = 6) -> Path:
    (root / "html").mkdir(parents=True)
    records = []
    for number in range(sites * 2):
        page_id = f"p{number}"
        kind = "article" if number % 2 else "product"
        page = (f"<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
                f"<h1>Headline {number}</h1><p>{ARTICLE} Page {number}.</p>"
                f"<p>More words of the article on page {number}, long enough to count.</p>"
                f"<footer>© Site {number % sites}</footer></body></html>")
        (root / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(page.encode()))
        records.append({"id": page_id, "url": f"https://site{number % sites}.example/{page_id}",
                        "kind": kind, "body": f"{ARTICLE} Page {number}.\n\nMore words of "
                        f"the article on page {number}, long enough to count."})
    (root / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return root


def test_train_cross_validates_and_reports_every_system(tmp_path: Path):
    bench = _bench(tmp_path / "bench")
    report = tmp_path / "cv.json"
    done = run_cli("train", str(bench), "--cv", "3", "--jobs", "1", "--json", str(report))
    assert done.returncode == 0, done.stderr.decode()
    document = json.loads(report.read_text())
    assert document["pages"] == 12 and document["settings"]["folds"] == 3
    groups = {row["group"]: row for row in document["groups"]}
    assert set(groups) == {"bench", "bench article", "bench product"}
    whole = groups["bench"]
    assert whole["aligned-gold word F1"] == 1.0
    assert 0 < whole["learned word F1"] <= 1 and "trafilatura word F1" in whole
    assert sum(map(sum, document["kind_confusion"])) == 12
    assert isinstance(document["thrown_away"], list)  # its rows: tests/test_thresholds.py
    assert "fold 3/3" in done.stderr.decode() and "learned (out of fold)" in done.stdout.decode()


def test_train_refuses_a_folder_without_gold(tmp_path: Path):
    done = run_cli("train", str(tmp_path))
    assert done.returncode == 2 and "gold.jsonl" in done.stderr.decode()


def test_train_writes_the_same_model_file_twice_and_it_reads_back(tmp_path: Path):
    from cleaner.learned.model import BLOCK_COLUMNS, read_model

    bench = _bench(tmp_path / "bench")
    written = []
    for name in ("first.json.gz", "second.json.gz"):
        done = run_cli("train", str(bench), "--cv", "3", "--jobs", "2", "--model",
                       str(tmp_path / name))
        assert done.returncode == 0, done.stderr.decode()
        written.append((tmp_path / name).read_bytes())
    assert written[0] == written[1]
    model = read_model(tmp_path / "first.json.gz", "html")
    record = model.record
    assert record["block_columns"] == list(BLOCK_COLUMNS)
    assert record["trained_on"]["sets"][0]["pages"] == 12
    assert record["trained_on"]["groups"][0]["group"] == "bench"
    assert set(model.thresholds) == {"precision", "balanced", "recall"}


def test_train_refuses_a_model_path_in_a_missing_folder(tmp_path: Path):
    bench = _bench(tmp_path / "bench")
    done = run_cli("train", str(bench), "--model", str(tmp_path / "no" / "model.json.gz"))
    assert done.returncode == 2 and "--model" in done.stderr.decode()


def test_train_on_dumps_reports_each_form_apart(tmp_path: Path):
    bench = _bench(tmp_path / "bench")
    for form in ("w3m", "lynx"):
        (bench / f"text-{form}").mkdir()
        for page in (bench / "html").iterdir():
            html = gzip.decompress(page.read_bytes()).decode()
            text = "\n\n".join(part for part in re.split(r"<[^>]+>", html) if part.strip())
            (bench / f"text-{form}" / page.name.replace(".html.gz", ".txt")).write_text(text)
    report = tmp_path / "cv.json"
    done = run_cli("train", str(bench), "--text", "w3m", "--text", "lynx", "--cv", "3",
                   "--jobs", "1", "--json", str(report))
    assert done.returncode == 0, done.stderr.decode()
    document = json.loads(report.read_text())
    groups = {row["group"] for row in document["groups"]}
    assert {"bench w3m", "bench lynx", "bench w3m article"} <= groups
    assert document["sets"][0]["pages"] == 24 and document["form"] == "w3m+lynx"
