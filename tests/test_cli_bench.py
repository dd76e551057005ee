"""``cleaner bench``: ours and the peers on the same pages, with speed and memory per extractor."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from helpers import run_cli

from cleaner.bench.peers import lines_as_html
from cleaner.bench.runner import BenchWorkerError, Candidate, run_candidates

BODY = "The article paragraph that matters, with enough words to make shingles."
PAGE = f"<html><body><nav><a href='/'>Home</a></nav><p>{BODY}</p><footer>© Site</footer>"


def _bench_folder(root: Path) -> Path:
    (root / "html").mkdir(parents=True)
    (root / "text-w3m").mkdir()
    for page_id in ("p1", "p2"):
        (root / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(PAGE.encode()))
        (root / "text-w3m" / f"{page_id}.txt").write_text(f"Home\n\n{BODY}\n\n© Site\n")
    records = [{"id": page_id, "url": "https://example.org", "body": BODY, "kind": kind}
               for page_id, kind in (("p1", "article"), ("p2", "forum"))]
    (root / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return root


def test_bench_runs_ours_and_trafilatura_on_the_same_pages(tmp_path: Path):
    bench = _bench_folder(tmp_path / "bench")
    report = tmp_path / "bench.json"
    done = run_cli("bench", str(bench), "-e", "keep-all", "--json", str(report))
    assert done.returncode == 0, done.stderr.decode()
    rows = {row["extractor"]: row for row in json.loads(report.read_text())}
    assert {"cleaner keep-all", "trafilatura"} <= set(rows)
    keep_all = rows["cleaner keep-all"]
    assert keep_all["pages"] == 2 and keep_all["recall"] == 1.0 and keep_all["precision"] < 1.0
    for row in rows.values():
        assert row["docs_per_second"] > 0 and row["peak_rss_mib"] > 0 and row["errors"] == 0
    assert "docs/s" in done.stdout.decode() and "peak MiB" in done.stdout.decode()
    assert keep_all["word_recall"] == 1.0 and keep_all["word_precision"] < 1.0
    assert keep_all["kinds"] == {"article": {"pages": 1, "word_f1": keep_all["word_f1"]},
                                 "forum": {"pages": 1, "word_f1": keep_all["word_f1"]}}
    assert "forum (1)" in done.stdout.decode()


def test_bench_on_text_dumps_without_peers(tmp_path: Path):
    bench = _bench_folder(tmp_path / "bench")
    done = run_cli("bench", str(bench), "--text", "w3m", "--no-peers", "--json",
                   str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr.decode()
    rows = json.loads((tmp_path / "r.json").read_text())
    assert [row["extractor"] for row in rows] == ["cleaner keep-all", "cleaner heuristic",
                                                  "cleaner learned"]


def test_bench_markdown_rows_time_the_markdown_body_beside_the_text(tmp_path: Path):
    bench = _bench_folder(tmp_path / "bench")
    done = run_cli("bench", str(bench), "-e", "heuristic", "--no-peers", "--markdown",
                   "--repeat", "1", "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr.decode()
    rows = {row["extractor"]: row for row in json.loads((tmp_path / "r.json").read_text())}
    assert set(rows) == {"cleaner heuristic", "cleaner heuristic (markdown)"}
    assert rows["cleaner heuristic (markdown)"]["word_f1"] == rows["cleaner heuristic"]["word_f1"]


def test_text_dump_becomes_one_paragraph_per_line_for_peers():
    assert lines_as_html("a <b>\n\n  c  \n") == "<html><body>\n<p>a &lt;b&gt;</p>\n<p>c</p>\n" \
        "</body></html>"


def test_passes_are_interleaved_round_by_round(tmp_path: Path):
    bench = _bench_folder(tmp_path / "bench")
    pages = sorted((bench / "text-w3m").iterdir())
    keep_all = Candidate("cleaner keep-all", "ours", "keep-all")
    heuristic = Candidate("cleaner heuristic", "ours", "heuristic")
    passes: list[tuple[str, int]] = []
    results = run_candidates([keep_all, heuristic], pages, "text", repeat=2,
                             on_pass=lambda candidate, round_number, seconds:
                             passes.append((candidate.key, round_number)))
    assert passes == [("keep-all", 1), ("heuristic", 1), ("keep-all", 2), ("heuristic", 2)]
    assert [result.candidate for result in results] == [keep_all, heuristic]
    assert results[1].outputs == [BODY, BODY] and results[1].errors == 0


def test_an_extractor_that_cannot_load_is_named_in_the_error(tmp_path: Path):
    bench = _bench_folder(tmp_path / "bench")
    with pytest.raises(BenchWorkerError, match="ghost.*no peer named 'ghost'"):
        run_candidates([Candidate("ghost", "peer", "ghost")],
                       sorted((bench / "html").iterdir()), "html")
