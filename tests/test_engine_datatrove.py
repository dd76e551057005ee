"""cleaner in a real datatrove pipeline: WARC reader → cleaner's step → JSONL writer, on the
local executor with 2 workers; the same text as the CLI, bad records and hanging pages
counted, never fatal."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

from engines import require
from helpers import run_cli, warc_article, warc_record, warc_response

require("datatrove")
require("fastwarc")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner.engines.datatrove import CleanerExtractor, WarcReader  # noqa: E402


def _crawl(folder: Path, files: int = 2, per_file: int = 3) -> dict[int, int]:
    """WARC files of articles (one member of each corrupt); the offset of each corrupt one."""
    folder.mkdir()
    corrupt: dict[int, int] = {}
    for number in range(files):
        members = [gzip.compress(warc_record("request", 0, b"GET / HTTP/1.1\r\n\r\n"))]
        members += [gzip.compress(warc_response(10 * number + page, warc_article(10 * number
                                                                                 + page)))
                    for page in range(per_file)]
        broken = bytearray(members[2])
        broken[20:40] = b"\x00" * 20
        members[2] = bytes(broken)
        corrupt[number] = sum(map(len, members[:2]))
        (folder / f"part-{number}.warc.gz").write_bytes(b"".join(members))
    return corrupt


def _records(folder: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl.gz"))
            for line in gzip.decompress(path.read_bytes()).decode().splitlines()]


class _HangingExtractor(CleanerExtractor):
    """cleaner's step, hanging on the page about story 2."""

    def clean(self, text, url=None, media_type=None):
        if "Story 2<" in text:
            time.sleep(60)
        return super().clean(text, url, media_type)


def test_a_datatrove_pipeline_cleans_warc_records_as_the_cli_does(tmp_path):
    crawl = tmp_path / "crawl"
    _crawl(crawl)
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[WarcReader(str(crawl)), CleanerExtractor(markdown=True, segments=True),
                  JsonlWriter(str(out))],
        tasks=2, workers=2, logging_dir=str(tmp_path / "logs")).run()
    records = _records(out)
    assert sorted(record["metadata"]["url"] for record in records) == [
        "https://example.org/0", "https://example.org/10", "https://example.org/12",
        "https://example.org/2"]  # the second record of each file is corrupt
    first = next(record for record in records if record["metadata"]["url"].endswith("/0"))
    assert first["metadata"]["title"] == "Story 0"
    assert first["metadata"]["markdown"] == first["text"]  # one paragraph: the same
    assert {"label", "text"} <= set(first["metadata"]["segments"][0])
    cli = tmp_path / "cli.jsonl"
    run_cli("clean", str(crawl), "-o", str(cli))
    by_url = {json.loads(line)["url"]: json.loads(line)["text"]
              for line in cli.read_text(encoding="utf-8").splitlines()}
    assert {record["metadata"]["url"]: record["text"] for record in records} == by_url
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    counts = {step["name"].split(": ")[-1]: step["stats"] for step in stats}
    assert counts["🕷 cleaner WARC"]["warc_problem"] == 2
    assert counts["🧹 cleaner"]["extracted"] == 4


def test_a_hanging_page_costs_its_time_limit_and_the_task_goes_on(tmp_path):
    crawl = tmp_path / "crawl"
    _crawl(crawl, files=1, per_file=4)
    out = tmp_path / "out"
    started = time.monotonic()
    LocalPipelineExecutor(
        pipeline=[WarcReader(str(crawl)), _HangingExtractor(timeout=2), JsonlWriter(str(out))],
        tasks=1, workers=1, logging_dir=str(tmp_path / "logs")).run()
    assert time.monotonic() - started < 30
    assert sorted(record["metadata"]["url"] for record in _records(out)) == [
        "https://example.org/0", "https://example.org/3"]  # 1 is corrupt, 2 hangs
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    step = next(step for step in stats if step["name"].endswith("🧹 cleaner"))
    assert step["stats"]["timeout"] == 1
