"""A batch of documents cleaned into columns, one row per document and never an exception for
one bad document: what ``--format parquet``, the datatrove step and the Spark job share, so a
page comes out the same whichever runs it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from cleaner.deadline import hard_time_limit
from cleaner.errors import failure_of
from cleaner.options import Options
from cleaner.pipeline import clean_payload
from cleaner.result import Result
from cleaner.warc import input_type_of

#: The columns of a cleaned document, in order: the body's text, the page's metadata, its
#: kind, the body as Markdown (the ones a parquet output's rows carry too).
DOCUMENT_COLUMNS: tuple[str, ...] = ("text", "title", "author", "date", "page_kind",
                                     "markdown")
#: The columns of a cleaned row, in order: the document's; for a document that could not be
#: cleaned, only the error's kind (``timeout``, ``binary``, ``too-large``... as in
#: errors.jsonl) and message.
COLUMNS: tuple[str, ...] = DOCUMENT_COLUMNS + ("error_kind", "error_message")
#: Seconds a document may take in an engine's batch unless the caller says otherwise: a page
#: that hangs costs this much, and its row says ``timeout``.
ENGINE_TIMEOUT = 10.0

Row = dict[str, str | None]


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """How an engine cleans its documents: the Options (extractor, favor, links...), with
    ``ENGINE_TIMEOUT`` when they set no time limit, and whether rows carry the Markdown."""

    options: Options = Options(timeout=ENGINE_TIMEOUT)
    markdown: bool = True


def result_row(result: Result, markdown: bool = True) -> Row:
    """The row of a cleaned document."""
    return {
        "text": result.text,
        "title": result.title,
        "author": result.author,
        "date": result.date,
        "page_kind": result.page_kind.kind if result.page_kind is not None else None,
        "markdown": result.markdown if markdown else None,
        "error_kind": None,
        "error_message": None,
    }


def failed_row(kind: str, message: str) -> Row:
    """The row of a document that could not be cleaned."""
    return dict.fromkeys(COLUMNS, None) | {"error_kind": kind, "error_message": message}


def clean_row(content: str | bytes | None, url: str | None = None,
              settings: BatchSettings = BatchSettings(), *, charset: str | None = None,
              media_type: str | None = None) -> tuple[Row, Result | None]:
    """One document's row (and its Result, None when it failed): HTML or a text dump as str
    or bytes; ``charset`` and ``media_type``: what its HTTP headers say (a WARC record's),
    else the content decides. A missing document is an ``empty`` row."""
    if not isinstance(content, str | bytes):  # None, or a missing value of a DataFrame
        return failed_row("empty", "no document (a null value)"), None
    options = settings.options
    if url is not None or media_type is not None:
        options = replace(options, url=url if url is not None else options.url,
                          input_type=(input_type_of(media_type) if media_type is not None
                                      else options.input_type))
    try:
        # One hard limit for cleaning and the row (the Markdown is rendered on first use).
        with hard_time_limit(options.timeout):
            result = clean_payload(content, options, charset=charset, source=url)
            return result_row(result, settings.markdown), result
    except Exception as error:  # one document's failure is its row's, never the batch's
        return failed_row(*failure_of(error)), None


def clean_columns(contents: Sequence[str | bytes | None],
                  urls: Sequence[str | None] | None = None,
                  settings: BatchSettings = BatchSettings(), *,
                  charsets: Sequence[str | None] | None = None,
                  media_types: Sequence[str | None] | None = None,
                  ) -> dict[str, list[str | None]]:
    """Each document's row as columns (name: one value per document, in order), as a
    DataFrame takes them; ``urls``, ``charsets``, ``media_types``: one per document, or
    None."""
    given = {"urls": urls, "charsets": charsets, "media_types": media_types}
    for name, values in given.items():
        if values is not None and len(values) != len(contents):
            raise ValueError(f"{len(contents)} documents but {len(values)} {name}")
    nothing = [None] * len(contents)
    columns: dict[str, list[str | None]] = {name: [] for name in COLUMNS}
    for content, url, charset, media_type in zip(contents, urls or nothing,
                                                 charsets or nothing, media_types or nothing,
                                                 strict=True):
        row = clean_row(content, url, settings, charset=charset, media_type=media_type)[0]
        for name in COLUMNS:
            columns[name].append(row[name])
    return columns
