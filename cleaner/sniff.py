"""Decide whether decoded text is an HTML document or a plain-text dump of a page."""

from __future__ import annotations

import re

from cleaner.options import InputType

#: How much of the text the sniffer reads.
SNIFF_CHARS = 100_000
#: A text with at least this many tags, making up at least TAG_LINE_SHARE of its lines, is HTML.
MIN_TAGS = 20
TAG_LINE_SHARE = 0.5
#: ...or this many, when one of them opens <html> or <body> (a page behind a garbage prefix).
MIN_TAGS_WITH_ROOT = 5
#: A fragment (a CMS field: no <html> or <body>) that opens with an element's tag is HTML when
#: at least this share of its non-blank lines hold a tag (a dump quoting a tag holds few)...
FRAGMENT_TAG_LINE_SHARE = 0.5
#: ...and it holds at least this many tags ("<p>" alone may be a line of text about HTML).
FRAGMENT_MIN_TAGS = 2

_HTML_START = re.compile(
    r"\A(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html|head|body|meta|title|link|base|\?xml)\b",
    re.IGNORECASE | re.DOTALL,
)
_COMMON_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|a|table|tr|td|ul|ol|li|section|article|nav|header|footer"
    r"|script|style|meta|link|br|img|h[1-6]|form|input|main|aside)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)

#: Elements a fragment of a page's content opens with, or is made of.
_FRAGMENT_ELEMENTS = (
    r"(?:p|div|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|caption|section|article"
    r"|main|header|footer|nav|aside|blockquote|pre|code|span|a|img|picture|figure|figcaption"
    r"|em|strong|b|i|u|small|br|hr|iframe|video|audio|details|summary|address|center|font)"
)
_FRAGMENT_START = re.compile(
    r"\A(?:[\s\ufeff]|<!--.*?-->)*<" + _FRAGMENT_ELEMENTS + r"(?:\s[^<>]{0,2000})?/?>",
    re.IGNORECASE | re.DOTALL,
)
_FRAGMENT_TAG = re.compile(
    r"</?" + _FRAGMENT_ELEMENTS + r"(?:\s[^<>]{0,2000})?/?>", re.IGNORECASE,
)

_ROOT_TAG = re.compile(r"<(?:html|body)\b[^<>]{0,2000}>", re.IGNORECASE)


def sniff_input_type(text: str) -> InputType:
    """Return "html" for markup, "text" for a dump; a dump quoting a few tags stays "text"."""
    sample = text[:SNIFF_CHARS].lstrip("\ufeff")
    if _HTML_START.match(sample) or _is_fragment(sample):
        return "html"
    tags = sum(1 for _ in _COMMON_TAG.finditer(sample))
    if tags < MIN_TAGS and (tags < MIN_TAGS_WITH_ROOT or not _ROOT_TAG.search(sample)):
        return "text"
    lines = sum(1 for line in sample.splitlines() if line.strip())
    return "html" if tags >= TAG_LINE_SHARE * max(lines, 1) else "text"


def _is_fragment(sample: str) -> bool:
    """Opens with an element's tag, and most non-blank lines hold one: a piece of a page."""
    if not _FRAGMENT_START.match(sample):
        return False
    tag_counts = [len(_FRAGMENT_TAG.findall(line)) for line in sample.splitlines() if line.strip()]
    tagged_lines = sum(1 for count in tag_counts if count)
    return (sum(tag_counts) >= FRAGMENT_MIN_TAGS
            and tagged_lines >= FRAGMENT_TAG_LINE_SHARE * len(tag_counts))
