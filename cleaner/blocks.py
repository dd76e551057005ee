"""The document model: a Page is an ordered sequence of Blocks, the units that get a label.

One Block type serves both front doors; blocks parsed from HTML carry DOM hints as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from cleaner.options import InputType

_DIGIT = re.compile(r"\d")


#: Landmarks (as DomHints.landmarks names them) that hold boilerplate outright: no headline
#: sits in them (a <header> often holds the title as well, so it is not one of them).
BOILERPLATE_LANDMARKS = frozenset({"footer", "nav", "aside"})


#: Inline spans of a block's text: (start, end, kind, value) offsets into it; kind "link"
#: (value: its target), "strong" or "em" (value "").
Marks = tuple[tuple[int, int, str, str], ...]


def image_value(source: str, alt: str) -> str:
    """An image mark's value: the image's address and its alt text (image_parts splits it)."""
    return f"{''.join(source.split())}\n{' '.join(alt.split())}"


def image_parts(value: str) -> tuple[str, str]:
    """(address, alt text) of an image mark's value."""
    source, _, alt = value.partition("\n")
    return source, alt


class DomHints(NamedTuple):
    """What the HTML says about a block, beyond its text."""

    #: Tag of the block-level element that owns the text ("p", "li", "h2", "td", ...).
    tag: str
    #: Element path of that element, e.g. "/html/body/div[2]/article/p[3]".
    path: str
    #: Tags from the root down to the owner element.
    tag_path: tuple[str, ...]
    #: Lower-cased class and id tokens of the owner, its ancestors and inline elements inside it.
    tokens: frozenset[str]
    #: Characters of visible text inside links.
    link_chars: int = 0
    #: 1-6 when the block is (inside) a heading h1-h6, else 0.
    heading_level: int = 0
    in_list: bool = False
    in_table: bool = False
    #: Which of nav, header, footer, aside, form (tag or ARIA role) the block sits in.
    landmarks: frozenset[str] = frozenset()
    #: Inline spans kept for Markdown when asked for (parse_html's ``marks``).
    marks: Marks = ()


class Block(NamedTuple):
    """A paragraph-like piece of a page, in reading order, with the hints its origin gives."""

    #: Position in the page, from 0. (A field named like tuple.index, which mypy flags.)
    index: int  # type: ignore[assignment]
    #: Visible text, without the list marker; wrapped lines joined back together.
    text: str
    #: Text input: 1-based inclusive line span in the input. None for HTML blocks.
    start_line: int | None = None
    end_line: int | None = None
    #: Columns of leading white space (tabs expanded) of the first line.
    indent: int = 0
    #: List marker as written ("•", "*", "o", "1.", ...), or "" when the block is not a list item.
    marker: str = ""
    #: Whether a blank line (or the start/end of the document) precedes / follows the block.
    blank_before: bool = True
    blank_after: bool = True
    #: DOM hints for blocks parsed from HTML, None for text input.
    dom: DomHints | None = None

    @property
    def link_density(self) -> float:
        """Share of the text that sits inside links (0.0 for text input, which has no links)."""
        if self.dom is None or not self.text:
            return 0.0
        return min(1.0, self.dom.link_chars / len(self.text))

    @property
    def in_boilerplate_landmark(self) -> bool:
        """Inside a <footer>, <nav> or <aside> (False for text input): no headline comes from
        there, and the ensemble lets trafilatura alone add none of these blocks."""
        return self.dom is not None and not BOILERPLATE_LANDMARKS.isdisjoint(self.dom.landmarks)

    @property
    def is_numbered(self) -> bool:
        """True when the marker is a number like "1." or "(2)"."""
        return _DIGIT.search(self.marker) is not None

    def rendered(self) -> str:
        """The block as output text: list items keep a marker, numbered ones keep their number."""
        if not self.marker:
            return self.text
        return f"{self.marker} {self.text}" if self.is_numbered else f"- {self.text}"


class PageMeta(NamedTuple):
    """What a page says about itself (HTML metadata); None where it says nothing."""

    #: The headline, from the page's tags (<h1>, og:title, <title> without the site name).
    title: str | None = None
    author: str | None = None
    #: Publication date, ISO 8601 (YYYY-MM-DD).
    date: str | None = None
    #: The page's own address: its canonical link, else og:url (absolute http(s) only).
    url: str | None = None
    #: The site's name (og:site_name, JSON-LD publisher).
    site_name: str | None = None
    #: The page's summary of itself (meta description, og:description, JSON-LD).
    description: str | None = None
    #: The declared language tag ("en", "pt-BR": <html lang>, Content-Language, og:locale).
    language: str | None = None
    #: Tags and categories (article:tag, keywords, JSON-LD keywords and articleSection).
    tags: tuple[str, ...] = ()
    #: The page's main image (og:image, twitter:image, JSON-LD image; absolute http(s) only).
    image: str | None = None


#: A page that says nothing about itself (every text dump).
NO_META = PageMeta()


@dataclass(frozen=True, slots=True)
class Page:
    """A parsed document: its blocks in reading order and what is known about it as a whole."""

    input_type: InputType
    blocks: tuple[Block, ...]
    #: The decoded document, for extractors that need the raw HTML (e.g. trafilatura).
    source_text: str
    url: str | None = None
    #: The page's own headline, author and date (HTML metadata); empty for text.
    meta: PageMeta = NO_META
    #: HTML without <html>, <head> or <body> (a CMS field, a snippet): content someone already
    #: cut out of a page, with no page chrome around it. Always False for text.
    fragment: bool = False
    #: Content the page carries outside its visible text (JSON-LD, meta description), as
    #: blocks after the visible ones; only for a page that shows (almost) nothing itself
    #: (parse.structured). Extractors do not label them: they are the body, saying whence.
    structured: tuple[Block, ...] = ()
