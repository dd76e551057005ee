"""Render a Result in the output formats of ``cleaner clean`` (DESIGN.md, "Formats")."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Literal

from cleaner.labels import Label
from cleaner.render import posts_markdown, posts_text
from cleaner.result import Result

OutputFormat = Literal["txt", "md", "json", "jsonl"]
FORMATS: tuple[OutputFormat, ...] = ("txt", "md", "json", "jsonl")


#: The formats that write one label's text (``render``'s ``label``); the records hold them all.
LABEL_FORMATS: tuple[OutputFormat, ...] = ("txt", "md")


def render(result: Result, fmt: OutputFormat, label: Label | None = None,
           extra: Mapping[str, object] | None = None) -> bytes:
    """``txt``: the body text; ``md``: the body as Markdown; ``json``: the record, indented;
    ``jsonl``: the record on one line. ``label`` (txt, md): that label's text instead of the
    body's (comments as posts where the page lays them out so). ``extra``: fields the record
    ends with (where a WARC record came from)."""
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
    raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
