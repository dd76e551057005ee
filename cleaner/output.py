"""Render a Result in the output formats of ``cleaner clean`` (DESIGN.md, "Formats")."""

from __future__ import annotations

import json
from typing import Literal

from cleaner.result import Result

OutputFormat = Literal["txt", "md", "json", "jsonl"]
FORMATS: tuple[OutputFormat, ...] = ("txt", "md", "json", "jsonl")


def render(result: Result, fmt: OutputFormat) -> bytes:
    """``txt``: the body text; ``md``: the body as Markdown; ``json``: the record, indented;
    ``jsonl``: the record on one line."""
    if fmt == "txt":
        return (result.text + "\n").encode("utf-8") if result.text else b""
    if fmt == "md":
        return (result.markdown + "\n").encode("utf-8") if result.markdown else b""
    if fmt == "json":
        return (json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "jsonl":
        return (json.dumps(result.to_dict(), ensure_ascii=False) + "\n").encode("utf-8")
    raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
