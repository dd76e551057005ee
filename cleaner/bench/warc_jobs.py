"""The jobs ``cleaner throughput run`` times, one per process (``python -m
cleaner.bench.warc_jobs SPEC``): a folder of WARC files cleaned by one runner (a process pool,
a datatrove pipeline, local Spark) with one extractor (ours, or trafilatura as each runner
offers it). Each writes ``texts.jsonl`` (one line per page record: key, text, error kind) and
prints its figures as one JSON line. The CLI runner is ``cleaner clean`` itself, run by the
harness, not here."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

#: Seconds a page may take: our extractors' limit in every runner (the engines' default), and
#: datatrove's Trafilatura step's; trafilatura.extract beside the CLI and in Spark runs bare,
#: as users call it.
PAGE_TIMEOUT = 10.0
#: Pages per Arrow batch in the Spark jobs (Spark's default, 10,000 pages of HTML, would hold
#: hundreds of MB per task).
SPARK_BATCH_ROWS = 200
#: Name of the normalised output each job writes in its folder.
TEXTS_NAME = "texts.jsonl"


@dataclass(frozen=True, slots=True)
class JobSpec:
    """One timed job: the runner (pool, datatrove, spark), the extractor (one of ours, or
    ``trafilatura``), the workers, the WARC folder and the folder for its outputs."""

    runner: str
    extractor: str
    workers: int
    warcs: str
    out: str


@dataclass(frozen=True, slots=True)
class JobFigures:
    """What a job measured: seconds of cleaning (startup apart), and its session's startup."""

    seconds: float
    startup: float = 0.0


def record_key(warc_file: str, offset: int) -> str:
    """A page record's key across runners: its WARC file's name and byte offset."""
    return f"{Path(warc_file).name}@{offset}"


def warc_files(folder: str) -> list[Path]:
    """The WARC files of a folder, in name order."""
    return sorted(Path(folder).glob("*.warc.gz"))


def run_job(spec: JobSpec) -> JobFigures:
    """Run one job and write its texts.jsonl."""
    Path(spec.out).mkdir(parents=True, exist_ok=True)
    jobs = {"pool": _pool_job, "datatrove": _datatrove_job, "spark": _spark_job}
    if spec.runner not in jobs:
        raise ValueError(f"unknown runner {spec.runner!r}")
    return jobs[spec.runner](spec)


# -- a process pool over the WARC records (trafilatura beside the CLI) --------------------------

def _pool_job(spec: JobSpec) -> JobFigures:
    from cleaner.batch.runner import WORKER_TASKS
    from cleaner.warc import read_warc

    started = time.perf_counter()
    items = (item for path in warc_files(spec.warcs) for item in read_warc(path))
    with (Path(spec.out) / TEXTS_NAME).open("w", encoding="utf-8") as sink:
        if spec.workers <= 1:
            for line in map(_trafilatura_line, items):
                sink.write(line)
        else:
            with get_context("spawn").Pool(spec.workers, maxtasksperchild=WORKER_TASKS) as pool:
                for line in pool.imap(_trafilatura_line, items, chunksize=4):
                    sink.write(line)
    return JobFigures(time.perf_counter() - started)


def _trafilatura_line(item: Any) -> str:
    """The texts.jsonl line of one WARC item, its page extracted by trafilatura.extract."""
    from cleaner.warc import WarcDocument

    key = record_key(item.warc, item.offset)
    if not isinstance(item, WarcDocument):
        return _line(key, None, "warc")
    return _line(key, *_trafilatura_text(item.content, item.charset, item.url))


def _trafilatura_text(content: bytes, charset: str | None,
                      url: str | None) -> tuple[str | None, str | None]:
    """(text, None) of a page by trafilatura.extract, or (None, "extractor") where it fails:
    a page trafilatura fails on is its row's error, as ours are."""
    import trafilatura

    from cleaner.decode import decode

    try:
        return trafilatura.extract(decode(content, charset).text, url=url) or "", None
    except Exception:
        return None, "extractor"


def _line(key: str, text: str | None, error: str | None) -> str:
    return json.dumps({"key": key, "text": text, "error": error}, ensure_ascii=False) + "\n"


# -- datatrove: our WARC reader, then our step or datatrove's Trafilatura, then JSONL -----------

def _datatrove_job(spec: JobSpec) -> JobFigures:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.engines.datatrove import CleanerExtractor, WarcReader

    out = Path(spec.out)
    step = (Trafilatura(timeout=PAGE_TIMEOUT) if spec.extractor == "trafilatura"
            else CleanerExtractor(timeout=PAGE_TIMEOUT, extractor=spec.extractor))
    pipeline = [WarcReader(spec.warcs, glob_pattern="*.warc.gz"), step,
                JsonlWriter(str(out / "docs"), compression=None)]
    started = time.perf_counter()
    LocalPipelineExecutor(pipeline=pipeline, tasks=len(warc_files(spec.warcs)),
                          workers=spec.workers, logging_dir=str(out / "logs")).run()
    seconds = time.perf_counter() - started
    _datatrove_texts(out)
    return JobFigures(seconds)


def _datatrove_texts(out: Path) -> None:
    """texts.jsonl from the pipeline's documents and its stats: a page the step dropped for an
    empty body has an empty text; the reader's and the step's failures are counted as
    errors (datatrove keeps counts of them, not the records)."""
    stats = json.loads((out / "logs" / "stats.json").read_text(encoding="utf-8"))
    counters: dict[str, int] = {}
    for step in stats:
        for name, value in step.get("stats", {}).items():
            total = value.get("total", 0) if isinstance(value, dict) else value
            counters[name] = counters.get(name, 0) + int(total)
    with (out / TEXTS_NAME).open("w", encoding="utf-8") as sink:
        for path in sorted((out / "docs").glob("*.jsonl")):
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    doc = json.loads(line)
                    metadata = doc.get("metadata", {})
                    sink.write(_line(record_key(metadata["warc_file"], metadata["warc_offset"]),
                                     doc["text"], None))
        for name in ("dropped", "warc_problem", "timeout", "clean_error", "broken_process"):
            for number in range(counters.get(name, 0)):  # counted, not kept: no key
                kind = None if name == "dropped" else name
                sink.write(_line(f"{name}#{number}", "" if kind is None else None, kind))


# -- Spark: our WARC records, then clean_dataframe or trafilatura.extract per Arrow batch -------

def _spark_job(spec: JobSpec) -> JobFigures:
    from pyspark.sql import SparkSession

    from cleaner.engines.spark import clean_dataframe, warc_records

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this environment
    started = time.perf_counter()
    spark = (SparkSession.builder.master(f"local[{spec.workers}]")
             .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(SPARK_BATCH_ROWS))
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - started
    started = time.perf_counter()
    records = warc_records(spark, [str(path) for path in warc_files(spec.warcs)])
    if spec.extractor == "trafilatura":
        pages = records.mapInPandas(_trafilatura_batches, _trafilatura_schema(records))
    else:
        pages = clean_dataframe(records, content="content", extractor=spec.extractor,
                                timeout=PAGE_TIMEOUT)
    folder = Path(spec.out) / "spark"
    (pages.select("warc_file", "warc_offset", "problem", "text", "error_kind")
     .write.mode("overwrite").json(str(folder)))
    seconds = time.perf_counter() - started
    spark.stop()
    _spark_texts(folder, Path(spec.out) / TEXTS_NAME)
    return JobFigures(seconds, startup)


def _trafilatura_schema(records: Any) -> Any:
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType(list(records.schema.fields) + [StructField("text", StringType()),
                                                     StructField("error_kind", StringType())])


def _trafilatura_batches(batches: Iterator[Any]) -> Iterator[Any]:
    """Each Arrow batch with trafilatura's text (a record that could not be read: none)."""
    for batch in batches:
        texts: list[str | None] = []
        errors: list[str | None] = []
        for content, charset, url in zip(batch["content"], batch["charset"], batch["url"],
                                         strict=True):
            text, error = (_trafilatura_text(content, charset if isinstance(charset, str)
                                             else None, url if isinstance(url, str) else None)
                           if isinstance(content, bytes) else (None, "empty"))
            texts.append(text)
            errors.append(error)
        yield batch.assign(text=texts, error_kind=errors)


def _spark_texts(folder: Path, target: Path) -> None:
    with target.open("w", encoding="utf-8") as sink:
        for path in sorted(folder.glob("part-*.json")):
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    row = json.loads(line)
                    error = "warc" if row.get("problem") else row.get("error_kind")
                    sink.write(_line(record_key(row["warc_file"], row["warc_offset"]),
                                     row.get("text") if error is None else None, error))


def main(argv: list[str]) -> None:
    """Run the job whose spec (JSON) is the argument; print its figures as JSON."""
    figures = run_job(JobSpec(**json.loads(argv[0])))
    print(json.dumps(asdict(figures)))


if __name__ == "__main__":
    main(sys.argv[1:])
