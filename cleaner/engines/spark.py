"""cleaner on Spark: ``clean_dataframe`` adds the cleaned columns to a DataFrame of pages,
batch by batch through Arrow (``mapInPandas``), each Python worker loading the extractor once
and reusing it; ``warc_records`` reads WARC files into such a DataFrame, one task per file.
``pip install 'cleaner[spark]'`` (and a Java runtime).

    from pyspark.sql import SparkSession
    from cleaner.engines.spark import clean_dataframe, warc_records

    spark = SparkSession.builder.getOrCreate()
    records = warc_records(spark, ["crawl/part-0.warc.gz", "crawl/part-1.warc.gz"])
    pages = clean_dataframe(records.where("problem IS NULL"), content="content")
    pages.select("url", "title", "text").write.parquet("out/")
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyspark.sql.types import (
    BinaryType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from cleaner.engines.rows import COLUMNS, ENGINE_TIMEOUT, BatchSettings, clean_columns
from cleaner.options import Favor, Options
from cleaner.warc import WarcDocument, read_warc

if TYPE_CHECKING:
    import pandas
    from pyspark.sql import DataFrame, SparkSession

#: The columns ``warc_records`` gives (named as the CLI's records name them): a record's place,
#: its headers' values, its payload;
#: ``problem`` says why a record could not be read (its payload is then null).
WARC_SCHEMA = StructType([
    StructField("warc_file", StringType()),
    StructField("warc_offset", LongType()),
    StructField("warc_record_id", StringType()),
    StructField("url", StringType()),
    StructField("warc_date", StringType()),
    StructField("media_type", StringType()),
    StructField("charset", StringType()),
    StructField("content", BinaryType()),
    StructField("problem", StringType()),
])


def clean_dataframe(frame: DataFrame, content: str = "html", url: str | None = "url", *,
                    charset: str | None = "charset", media_type: str | None = "media_type",
                    extractor: str = "auto", favor: Favor = "balanced",
                    timeout: float = ENGINE_TIMEOUT, markdown: bool = True) -> DataFrame:
    """``frame`` with the cleaned columns (cleaner.engines.rows.COLUMNS: text, title, author,
    date, page_kind, markdown, error_kind, error_message) added, one row per row.

    ``content``: the column of HTML or text dumps (string or binary); ``url``, ``charset``,
    ``media_type``: columns with each page's address and what its HTTP headers say, used
    when the frame has them. A page that fails or takes over ``timeout`` seconds gets its
    ``error_kind`` and ``error_message``, never failing the job."""
    present = set(frame.columns)
    if content not in present:
        raise ValueError(f"no column {content!r} in the DataFrame (columns: "
                         f"{', '.join(frame.columns)})")
    taken = sorted(present & set(COLUMNS))
    if taken:
        raise ValueError(f"the DataFrame has columns cleaner adds ({', '.join(taken)}): rename "
                         f"or drop them first")
    settings = BatchSettings(Options(extractor=extractor, favor=favor, timeout=timeout),
                             markdown=markdown)
    names = {"url": url, "charset": charset, "media_type": media_type}
    used = {key: name for key, name in names.items() if name is not None and name in present}
    schema = StructType(list(frame.schema.fields)
                        + [StructField(name, StringType()) for name in COLUMNS])
    return frame.mapInPandas(_batch_cleaner(content, used, settings), schema)


def _batch_cleaner(content: str, columns: dict[str, str], settings: BatchSettings,
                   ) -> Callable[[Iterator[pandas.DataFrame]], Iterator[pandas.DataFrame]]:
    """The function each Spark task runs over its Arrow batches (pickled to the workers)."""

    def clean_batches(batches: Iterator[pandas.DataFrame]) -> Iterator[pandas.DataFrame]:
        for batch in batches:
            cleaned = clean_columns(
                _values(batch[content]), _column(batch, columns.get("url")), settings,
                charsets=_column(batch, columns.get("charset")),
                media_types=_column(batch, columns.get("media_type")))
            yield batch.assign(**cleaned)

    return clean_batches


def _column(batch: pandas.DataFrame, name: str | None) -> list[Any] | None:
    return None if name is None else _values(batch[name])


def _values(series: pandas.Series) -> list[Any]:
    """A column's values, its missing ones (None, NaN) as None."""
    return [value if isinstance(value, str | bytes) else None for value in series.tolist()]


def warc_records(spark: SparkSession, paths: Sequence[str | Path],
                 max_bytes: int | None = Options().max_bytes) -> DataFrame:
    """The HTML and text response records of the WARC files (WARC_SCHEMA), read with
    cleaner's reader, one Spark task per file: a record that cannot be read is a row with its
    ``problem`` (and no content), and the files' other records are read on."""
    files = [str(path) for path in paths]
    rows = spark.sparkContext.parallelize(files, max(1, len(files))).flatMap(
        lambda path: _records_of(path, max_bytes))
    return spark.createDataFrame(rows, WARC_SCHEMA)


def _records_of(path: str, max_bytes: int | None) -> Iterator[tuple[Any, ...]]:
    for item in read_warc(Path(path), Counter(), max_bytes):
        if isinstance(item, WarcDocument):
            yield (item.warc, item.offset, item.record_id, item.url, item.date,
                   item.media_type, item.charset, item.content, None)
        else:
            yield (item.warc, item.offset, None, None, None, None, None, None,
                   f"{item.kind}: {item.message}")
