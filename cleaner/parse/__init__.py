"""Parsers: decoded text (a dump or HTML) to a Page of Blocks. They know nothing of labels."""

from cleaner.parse.html_dom import parse_html
from cleaner.parse.text_dump import parse_text

__all__ = ["parse_html", "parse_text"]
