"""Parsers: decoded text (a dump or HTML) to a Page of Blocks. They know nothing of labels."""

from cleaner.blocks import Page
from cleaner.deadline import NO_DEADLINE, Deadline
from cleaner.options import InputType
from cleaner.parse.html_dom import parse_html
from cleaner.parse.text_dump import parse_text

__all__ = ["parse_html", "parse_page", "parse_text"]


def parse_page(text: str, input_type: InputType, url: str | None = None,
               deadline: Deadline = NO_DEADLINE, marks: frozenset[str] = frozenset()) -> Page:
    """The Page of ``text`` read as ``input_type`` ("html" or "text"); ``marks``: the kinds
    of inline span HTML blocks keep (parse_html)."""
    if input_type == "html":
        return parse_html(text, url=url, deadline=deadline, marks=marks)
    return parse_text(text, url=url, deadline=deadline)
