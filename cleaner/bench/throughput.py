"""Throughput on WARC: each runner (the CLI, a datatrove pipeline, local Spark) cleans the same
folder of WARC files with our extractors and with trafilatura as that runner offers it, one
job at a time in a process of its own, its process tree's memory sampled from /proc.

Per job: pages out, errors, seconds, docs/s (and per worker), the largest Python process's
peak (a worker, a sandbox, Spark's Python workers; the JVM apart) and the tree's. Then the
check that matters for users: the same text for every record, whichever runner cleaned it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from cleaner.bench.process_memory import TreeSampler
from cleaner.bench.warc_jobs import PAGE_TIMEOUT, TEXTS_NAME, JobSpec, record_key, warc_files

#: The runners, in the order they run; each job's extractor is one of ours or this peer.
RUNNERS: tuple[str, ...] = ("cli", "datatrove", "spark")
PEER = "trafilatura"
#: Pages in a monthly Common Crawl (2.5 to 3 billion), and the cores the estimate is for.
CRAWL_PAGES = 2.75e9
CLUSTER_CORES = 1000


@dataclass(frozen=True, slots=True)
class JobResult:
    """One job's figures (memory in MiB)."""

    runner: str
    extractor: str
    workers: int
    records_in: int
    records_out: int
    errors: int
    seconds: float
    startup: float
    largest_mib: float
    tree_mib: float
    jvm_mib: float

    @property
    def docs_per_second(self) -> float:
        return (self.records_out + self.errors) / self.seconds if self.seconds else 0.0

    @property
    def per_worker(self) -> float:
        return self.docs_per_second / self.workers

    @property
    def lost(self) -> int:
        """Page records neither written nor reported: must be 0."""
        return self.records_in - self.records_out - self.errors

    def to_dict(self) -> dict[str, object]:
        return asdict(self) | {"docs_per_second": round(self.docs_per_second, 1),
                               "per_worker": round(self.per_worker, 1), "lost": self.lost}


def count_page_records(folder: Path) -> int:
    """Response records of pages in the folder's WARC files, readable or not (what every
    runner must either write or report)."""
    from cleaner.warc import read_warc

    return sum(1 for path in warc_files(str(folder)) for _ in read_warc(path))


def run_throughput(warcs: Path, work: Path, runners: Sequence[str], extractors: Sequence[str],
                   workers: Sequence[int], on_job: Callable[[JobResult], None],
                   ) -> list[JobResult]:
    """Every (runner, workers, extractor) job over ``warcs``, outputs under ``work``."""
    records_in = count_page_records(warcs)
    results = []
    for runner in runners:
        for count in workers:
            for extractor in extractors:
                out = work / f"{runner}-{extractor}-{count}"
                result = _run_one(runner, extractor, count, warcs, out, records_in)
                on_job(result)
                results.append(result)
    return results


def _run_one(runner: str, extractor: str, workers: int, warcs: Path, out: Path,
             records_in: int) -> JobResult:
    if out.exists():
        raise ValueError(f"{out} exists: give an empty --work folder")
    out.mkdir(parents=True)
    cleaner_cli = runner == "cli" and extractor != PEER  # ``cleaner clean`` itself
    if cleaner_cli:
        command = [sys.executable, "-m", "cleaner", "clean", str(warcs), "-o",
                   str(out / "out.jsonl"), "-j", str(workers), "-e", extractor, "-q",
                   "--timeout", str(PAGE_TIMEOUT)]
    else:
        spec = JobSpec("pool" if runner == "cli" else runner, extractor, workers, str(warcs),
                       str(out))
        command = [sys.executable, "-m", "cleaner.bench.warc_jobs", json.dumps(asdict(spec))]
    started = time.perf_counter()
    with (subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process,
          TreeSampler(process.pid) as sampler):
        stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    allowed = (0, 1) if cleaner_cli else (0,)  # the CLI ends 1 when records failed
    if process.returncode not in allowed:
        raise RuntimeError(f"{runner} {extractor} ({workers} workers) failed: "
                           f"{stderr.decode(errors='replace')[-2000:]}")
    figures = json.loads(stdout.splitlines()[-1]) if runner != "cli" else {}
    if cleaner_cli:
        _cli_texts(out)
    out_count, errors = _counts(out / TEXTS_NAME)
    peaks = sampler.peaks
    return JobResult(runner, extractor, workers, records_in, out_count, errors,
                     round(wall if runner == "cli" else figures["seconds"], 2),
                     round(figures.get("startup", 0.0), 2), _mib(peaks.largest()),
                     _mib(peaks.tree_kib), _mib(peaks.of("java")))


def _mib(kib: int) -> float:
    return round(kib / 1024, 1)


def _cli_texts(out: Path) -> None:
    """texts.jsonl from ``cleaner clean``'s jsonl output and its error report."""
    with (out / TEXTS_NAME).open("w", encoding="utf-8") as sink:
        for name, failed in (("out.jsonl", False), ("out.errors.jsonl", True)):
            path = out / name
            if not path.exists():
                continue
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    key = record_key(record["warc_file"], record["warc_offset"])
                    row = ({"key": key, "text": None, "error": record["kind"]} if failed
                           else {"key": key, "text": record["text"], "error": None})
                    sink.write(json.dumps(row, ensure_ascii=False) + "\n")


def _counts(texts: Path) -> tuple[int, int]:
    """(records written, records reported as errors) of a job's texts.jsonl."""
    written = errors = 0
    with texts.open(encoding="utf-8") as lines:
        for line in lines:
            failed = json.loads(line)["error"] is not None
            errors += failed
            written += not failed
    return written, errors


def texts_of(work: Path, result: JobResult) -> dict[str, str]:
    """A job's text per record key (records it wrote; a runner that drops empty bodies,
    datatrove, keeps no key for them)."""
    texts = {}
    folder = work / f"{result.runner}-{result.extractor}-{result.workers}"
    with (folder / TEXTS_NAME).open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["error"] is None and "#" not in row["key"]:
                texts[row["key"]] = row["text"] or ""
    return texts


@dataclass(frozen=True, slots=True)
class Agreement:
    """Whether the runners gave one extractor's records the same text."""

    extractor: str
    runners: tuple[str, ...]
    records: int
    identical: int
    examples: tuple[str, ...]


def agreement(work: Path, results: Sequence[JobResult], extractor: str) -> Agreement | None:
    """Compare the texts of one extractor's jobs (the fewest workers of each runner); a record
    one runner left out as empty counts as an empty text."""
    firsts: dict[str, JobResult] = {}
    for result in results:
        if result.extractor == extractor and (result.runner not in firsts
                                              or result.workers < firsts[result.runner].workers):
            firsts[result.runner] = result
    if len(firsts) < 2:
        return None
    texts = {runner: texts_of(work, result) for runner, result in firsts.items()}
    keys = sorted(set().union(*texts.values()))
    differing = [key for key in keys
                 if len({runner_texts.get(key, "") for runner_texts in texts.values()}) > 1]
    return Agreement(extractor, tuple(firsts), len(keys), len(keys) - len(differing),
                     tuple(differing[:5]))


def crawl_hours(per_core_docs_per_second: float) -> float:
    """Hours ``CLUSTER_CORES`` cores take for a monthly crawl at this rate per core."""
    return CRAWL_PAGES / (per_core_docs_per_second * CLUSTER_CORES) / 3600
