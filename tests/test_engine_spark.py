"""cleaner on a local Spark session (local[2]): a DataFrame column of HTML cleaned through
mapInPandas, rows that fail carrying their error, WARC files read one task each, and the
same text as the library and the CLI."""

from __future__ import annotations

import gzip
import json
import os
import sys
import time

import pytest
from engines import require
from helpers import big_table, run_cli, warc_article, warc_record, warc_response

require("pyspark")
require("pandas")
require("pyarrow")

from cleaner import clean  # noqa: E402
from cleaner.engines.spark import clean_dataframe, warc_records  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers run this interpreter
    session = (SparkSession.builder.master("local[2]").appName("cleaner-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.memory", "1g").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_a_dataframe_column_of_html_is_cleaned_row_by_row(spark):
    pages = [warc_article(number).decode() for number in range(6)]
    frame = spark.createDataFrame(
        [(page, f"https://example.org/{number}") for number, page in enumerate(pages)]
        + [(" \n ", "https://example.org/blank"), (None, "https://example.org/none")],
        "html string, url string").repartition(2)
    rows = {row["url"]: row for row in clean_dataframe(frame).collect()}
    assert len(rows) == 8
    for number, page in enumerate(pages):
        row = rows[f"https://example.org/{number}"]
        assert row["text"] == clean(page, url=f"https://example.org/{number}").text
        assert row["title"] == f"Story {number}" and row["error_kind"] is None
    assert rows["https://example.org/blank"]["error_message"] == "the document is blank"
    assert rows["https://example.org/none"]["error_message"] == "no document (a null value)"
    assert rows["https://example.org/blank"]["text"] is None


def test_every_row_over_the_time_limit_says_timeout_and_the_job_completes(spark):
    frame = spark.createDataFrame([(warc_article(number).decode(),) for number in range(4)],
                                  "html string")
    rows = clean_dataframe(frame, url=None, timeout=1e-6).collect()
    assert [row["error_kind"] for row in rows] == ["timeout"] * 4


def _seconds_to_clean(spark, pages: list[str], timeout: float) -> tuple[float, list]:
    frame = spark.createDataFrame([(page,) for page in pages], "html string").coalesce(1)
    started = time.monotonic()
    rows = clean_dataframe(frame, url=None, timeout=timeout).collect()
    return time.monotonic() - started, rows


def test_a_page_that_runs_long_costs_its_time_limit_and_the_others_are_cleaned(spark):
    articles = [warc_article(number).decode() for number in range(3)]
    limit = 1.0
    _seconds_to_clean(spark, articles, limit)  # the Python worker started and warm
    alone, _ = _seconds_to_clean(spark, articles, limit)
    # The table takes seconds to clean; with a 1 s limit it ends at the hard limit
    # (1.5 × the limit, the deadline module's), in Spark's Python worker as in one process.
    seconds, rows = _seconds_to_clean(spark, [*articles, big_table(20_000)], limit)
    assert [row["error_kind"] for row in rows] == [None, None, None, "timeout"]
    assert [row["title"] for row in rows[:3]] == ["Story 0", "Story 1", "Story 2"]
    assert seconds - alone < 1.5 * limit + 1


def test_a_frame_that_already_has_a_column_cleaner_adds_is_refused(spark):
    frame = spark.createDataFrame([("<p>x</p>", "t")], "html string, title string")
    with pytest.raises(ValueError, match="title"):
        clean_dataframe(frame)


def test_warc_files_cleaned_on_spark_give_the_cli_text(spark, tmp_path):
    members = [gzip.compress(record) for record in (
        warc_record("request", 0, b"GET / HTTP/1.1\r\n\r\n"),
        *(warc_response(number, warc_article(number)) for number in range(1, 5)))]
    broken = bytearray(members[2])
    broken[20:40] = b"\x00" * 20
    members[2] = bytes(broken)
    paths = []
    for part in range(2):
        path = tmp_path / f"part-{part}.warc.gz"
        path.write_bytes(b"".join(members))
        paths.append(path)
    records = warc_records(spark, paths)
    problems = records.where("problem IS NOT NULL").collect()
    assert len(problems) == 2 and all("corrupt record" in row["problem"] for row in problems)
    cleaned = clean_dataframe(records.where("problem IS NULL"), content="content").collect()
    assert len(cleaned) == 6
    out = tmp_path / "cli.jsonl"
    run_cli("clean", str(paths[0]), "-o", str(out))
    cli = {json.loads(line)["url"]: json.loads(line)["text"]
           for line in out.read_text(encoding="utf-8").splitlines()}
    assert {row["url"]: row["text"] for row in cleaned} == cli
