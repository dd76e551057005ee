"""Render a Result in the output formats of ``cleaner clean`` (DESIGN.md, "Formats")."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Literal

from cleaner.labels import Label
from cleaner.render import posts_markdown, posts_text
from cleaner.result import Result

OutputFormat = Literal["txt", "md", "json", "jsonl", "parquet"]
FORMATS: tuple[OutputFormat, ...] = ("txt", "md", "json", "jsonl", "parquet")

#: The formats that write one file for the whole run (``-o FILE``), not one file per input
#: into a folder: the workers hand each document's jsonl record back to the run, which writes
#: it (jsonl: as it is; parquet: as a row). They share every rule of such an output: the lock,
#: the run record and the error report kept beside the file, a directory refused as ``-o``,
#: WARC input allowed, a rerun skipping the sources the file holds.
SINGLE_FILE_FORMATS: tuple[OutputFormat, ...] = ("jsonl", "parquet")
#: Of those, the ones standard output can take (a parquet file needs a file: its footer comes
#: last, and it is put in place when the run completes).
STDOUT_FORMATS: tuple[OutputFormat, ...] = ("jsonl",)


#: The formats that write one label's text (``render``'s ``label``); the records hold them all.
LABEL_FORMATS: tuple[OutputFormat, ...] = ("txt", "md")


def is_single_file(fmt: str) -> bool:
    """Whether ``fmt`` writes one file of records for the whole run (SINGLE_FILE_FORMATS)."""
    return fmt in SINGLE_FILE_FORMATS


def render(result: Result, fmt: OutputFormat, label: Label | None = None,
           extra: Mapping[str, object] | None = None) -> bytes:
    """``txt``: the body text; ``md``: the body as Markdown; ``json``: the record, indented;
    ``jsonl``: the record on one line (what a parquet output's row is made from: a run writes
    parquet, never one document). ``label`` (txt, md): that label's text instead of the body's
    (comments as posts where the page lays them out so). ``extra``: fields the record ends
    with (where a WARC record came from)."""
    if fmt in ("txt", "md"):
        if label is None:
            text = result.text if fmt == "txt" else result.markdown
        elif label is Label.COMMENTS and result.comments:
            text = (posts_text if fmt == "txt" else posts_markdown)(result.comments)
        else:
            text = result.text_of(label) if fmt == "txt" else result.markdown_of(label)
        return (text + "\n").encode("utf-8") if text else b""
    if fmt in ("json", "jsonl"):
        record = result.to_dict() | dict(extra or {})
        indent = 2 if fmt == "json" else None
        return (json.dumps(record, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")
    if fmt == "parquet":
        raise ValueError("parquet is written by a run (cleaner.batch.parquet_sink), from the "
                         "jsonl records: render those")
    raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
