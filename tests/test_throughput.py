"""The throughput benchmark's parts: the bench WARC builder, the process-tree memory sampler,
the cross-runner text check, and ``cleaner throughput`` end to end on the CLI runner."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from helpers import run_cli

from cleaner.bench.process_memory import TreeSampler
from cleaner.bench.throughput import CLUSTER_CORES, CRAWL_PAGES, JobResult, agreement, crawl_hours
from cleaner.bench.warc_build import build_warcs
from cleaner.bench.warc_jobs import TEXTS_NAME
from cleaner.cli import throughput_cmd
from cleaner.warc import WarcDocument, WarcProblem, read_warc

pytest.importorskip("fastwarc")


def _bench(tmp_path: Path, pages: int = 5) -> Path:
    """A benchmark folder of ``pages`` small article pages."""
    folder = tmp_path / "bench"
    (folder / "html").mkdir(parents=True)
    with (folder / "gold.jsonl").open("w", encoding="utf-8") as gold:
        for number in range(pages):
            page = (f"<html><head><title>Story {number}</title></head><body><nav>Home News"
                    f"</nav><article><h1>Story {number}</h1><p>The ferry to the island ran "
                    f"late on day {number}, and the harbour master wrote down why it did."
                    f"</p></article></body></html>")
            (folder / "html" / f"p{number}.html.gz").write_bytes(gzip.compress(page.encode()))
            gold.write(json.dumps({"id": f"p{number}", "url": f"https://news.example/{number}",
                                   "body": ""}) + "\n")
    return folder


def _read_all(files: tuple[Path, ...]) -> tuple[list[WarcDocument], list[WarcProblem], Counter]:
    skipped: Counter[str] = Counter()
    items = [item for path in files for item in read_warc(path, skipped)]
    return ([item for item in items if isinstance(item, WarcDocument)],
            [item for item in items if isinstance(item, WarcProblem)], skipped)


def test_the_built_warcs_hold_the_pages_cycled_with_the_damaged_records_reported(tmp_path):
    built = build_warcs([_bench(tmp_path)], tmp_path / "warcs", records=30, files=3, damaged=6)
    assert [path.name for path in built.files] == [
        "bench-000.warc.gz", "bench-001.warc.gz", "bench-002.warc.gz"]
    documents, problems, skipped = _read_all(built.files)
    assert built.damaged == 6 and len(problems) == 6
    assert len(documents) == 30 - 6
    assert {problem.kind for problem in problems} == {"corrupt record", "truncated record"}
    assert skipped["request"] == 30 and skipped["warcinfo"] == 3
    # Pages are cycled (30 records of 5 pages), each record with its own address.
    assert len({document.url for document in documents}) == len(documents)
    assert {document.content for document in documents} == {
        gzip.decompress(path.read_bytes()) for path in (tmp_path / "bench" / "html").iterdir()}


def test_a_build_is_reproducible_and_refuses_a_folder_holding_warcs(tmp_path):
    bench = _bench(tmp_path)
    first = build_warcs([bench], tmp_path / "a", records=12, files=2, damaged=2)
    time.sleep(1.1)  # gzip headers hold a time in seconds: a second later, the same bytes
    second = build_warcs([bench], tmp_path / "b", records=12, files=2, damaged=2)
    assert [path.read_bytes() for path in first.files] == [
        path.read_bytes() for path in second.files]
    with pytest.raises(ValueError, match="holds WARC files already"):
        build_warcs([bench], tmp_path / "a", records=12)


def test_a_build_with_nothing_damaged_reads_whole(tmp_path):
    built = build_warcs([_bench(tmp_path)], tmp_path / "warcs", records=7, files=2, damaged=0)
    documents, problems, _ = _read_all(built.files)
    assert (len(documents), problems, built.damaged) == (7, [], 0)


def test_the_sampler_sees_a_childs_memory_and_its_peak(tmp_path):
    script = ("import time\nblock = bytearray(80 * 1024 * 1024)\nblock[::4096] = b'x' * "
              "len(block[::4096])\ntime.sleep(0.6)\ndel block\ntime.sleep(0.3)\n")
    with subprocess.Popen([sys.executable, "-c", script]) as child, \
            TreeSampler(child.pid, interval=0.02) as sampler:
        child.wait()
    assert sampler.peaks.largest() >= 80 * 1024
    assert sampler.peaks.tree_kib >= sampler.peaks.largest()
    assert sampler.peaks.of("java") == 0


def _texts(folder: Path, rows: list[dict]) -> None:
    folder.mkdir(parents=True)
    (folder / TEXTS_NAME).write_text("".join(json.dumps(row) + "\n" for row in rows),
                                     encoding="utf-8")


def _result(runner: str, workers: int = 1) -> JobResult:
    return JobResult(runner, "heuristic", workers, 3, 3, 0, 1.0, 0.0, 1.0, 1.0, 0.0)


def test_agreement_counts_the_records_whose_text_differs_between_runners(tmp_path):
    same = [{"key": "a@0", "text": "one", "error": None},
            {"key": "a@9", "text": "", "error": None}]
    _texts(tmp_path / "cli-heuristic-1", same + [{"key": "a@5", "text": "two", "error": None}])
    # datatrove keeps no record of an empty body: a missing key is an empty text.
    _texts(tmp_path / "datatrove-heuristic-1",
           same[:1] + [{"key": "a@5", "text": "two!", "error": None},
                       {"key": "dropped#0", "text": "", "error": None}])
    found = agreement(tmp_path, [_result("cli"), _result("datatrove")], "heuristic")
    assert found is not None
    assert (found.records, found.identical, found.examples) == (3, 2, ("a@5",))


def test_agreement_needs_two_runners_and_takes_each_ones_fewest_workers(tmp_path):
    _texts(tmp_path / "cli-heuristic-1", [{"key": "a@0", "text": "x", "error": None}])
    _texts(tmp_path / "cli-heuristic-2", [{"key": "a@0", "text": "y", "error": None}])
    _texts(tmp_path / "spark-heuristic-1", [{"key": "a@0", "text": "x", "error": None}])
    assert agreement(tmp_path, [_result("cli"), _result("cli", 2)], "heuristic") is None
    found = agreement(tmp_path, [_result("cli", 2), _result("cli"), _result("spark")],
                      "heuristic")
    assert found is not None and found.identical == found.records == 1


def test_crawl_hours_divide_the_crawl_over_the_cluster():
    assert crawl_hours(100.0) == pytest.approx(CRAWL_PAGES / (100.0 * CLUSTER_CORES) / 3600)
    assert crawl_hours(200.0) == pytest.approx(crawl_hours(100.0) / 2)


def test_throughput_run_times_the_cli_and_its_peer_and_accounts_for_every_record(tmp_path):
    bench = _bench(tmp_path)
    warcs = tmp_path / "warcs"
    built = run_cli("throughput", "build", str(bench), "-o", str(warcs), "--records", "9",
                    "--files", "3", "--damaged", "3")
    assert built.returncode == 0, built.stderr.decode()
    report = tmp_path / "figures.json"
    done = run_cli("throughput", "run", str(warcs), "--work", str(tmp_path / "work"),
                   "-r", "cli", "-e", "heuristic", "-w", "1", "--json", str(report))
    assert done.returncode == 0, done.stderr.decode()
    figures = json.loads(report.read_text(encoding="utf-8"))
    jobs = {job["extractor"]: job for job in figures["jobs"]}
    assert set(jobs) == {"heuristic", "trafilatura"}
    for job in jobs.values():
        assert (job["records_in"], job["records_out"], job["errors"], job["lost"]) == (9, 6, 3, 0)
        assert job["docs_per_second"] > 0 and job["largest_mib"] > 10
    assert b"on paper" in done.stdout


def test_throughput_run_refuses_a_work_folder_in_use(tmp_path):
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "old").write_text("x")
    done = run_cli("throughput", "run", str(tmp_path), "--work", str(tmp_path / "work"))
    assert done.returncode == 2 and b"not empty" in done.stderr


def test_a_runner_whose_engine_is_missing_is_named_with_the_extra_to_install(monkeypatch):
    monkeypatch.setitem(throughput_cmd.RUNNER_EXTRAS, "spark", ("no_such_engine_module", "spark"))
    assert throughput_cmd._missing("spark") == ("no_such_engine_module", "spark")
    assert throughput_cmd._missing("cli") is None
