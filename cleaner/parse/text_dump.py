"""Parse a plain-text dump of a web page into Blocks.

Handles the three shapes scraped text comes in:

* w3m style: one paragraph per line, "  • " bullets, nested indents;
* lynx style: hard-wrapped near 80 columns (wrapped lines are joined back into one block),
  "*", "+", "o", "-" bullets and numbered items;
* plain paragraphs separated by blank lines, wrapped or not.

Every non-blank input line ends up in exactly one block, and blocks keep their 1-based line span.
"""

from __future__ import annotations

import re
from functools import partial
from typing import NamedTuple

from cleaner.blocks import Block, Page
from cleaner.deadline import CHECK_EVERY, NO_DEADLINE, Deadline
from cleaner.parse.wide_chars import WIDE_CHARACTER

#: Bullets that always start a list item when they open a line.
STRONG_BULLETS = "•◦▪▫‣∙●○■□◆◇☆★►▸▹✓✔"
#: Bullets that open a list item unless the line reads as the continuation of a wrapped line
#: (lynx uses "*", "+" and "o"; plain text uses "-"; "o" is also a word in several languages).
WEAK_BULLETS = "*+o-–·"
_MARKER = re.compile(
    rf"(?P<marker>[{re.escape(STRONG_BULLETS)}]|[{re.escape(WEAK_BULLETS)}]"
    r"|\d{1,3}[.)]|\(\d{1,3}\))[ \t]+(?=\S)"
)

#: First characters of a marker: lines starting otherwise skip the marker regex.
_MARKER_STARTS = frozenset(STRONG_BULLETS + WEAK_BULLETS + "0123456789(")
#: Fewest non-blank lines a dump needs before we trust a wrap-width estimate.
MIN_LINES_FOR_WRAP = 8
#: Wrap widths outside this range are not hard wrapping (w3m dumps have unbounded lines).
WRAP_WIDTH_RANGE = (30, 120)
#: The wrap width is this percentile of line widths (ignoring rare over-long lines).
WRAP_PERCENTILE = 0.99
#: A hard-wrapped dump has many lines within this many columns of its wrap width...
NEAR_FULL_COLUMNS = 10
#: ...at least this share of its non-blank lines.
MIN_NEAR_FULL_SHARE = 0.05
TAB_SIZE = 8


class _Line(NamedTuple):
    number: int  # 1-based
    raw: str
    indent: int
    marker: str
    text: str  # without indent and marker


# The parser makes a Block per non-blank line (and, for wrapped dumps, a _Line per line first):
# building the tuples directly skips the NamedTuple constructor's Python frame.
_new_line = partial(tuple.__new__, _Line)
_new_block = partial(tuple.__new__, Block)


def split_lines(text: str) -> list[str]:
    """Split on \\n, \\r\\n or \\r only, so line numbers match editors and ``wc -l``."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_text(text: str, url: str | None = None, deadline: Deadline = NO_DEADLINE) -> Page:
    """Parse a text dump into a Page whose blocks cover every non-blank line exactly once."""
    # Tabs expanded (columns restart on every line) and trailing space gone: a blank line is "".
    expanded = list(map(str.rstrip, split_lines(
        text.expandtabs(TAB_SIZE) if "\t" in text else text)))
    width = detect_wrap_width([line for line in expanded if line])
    deadline.check("reading the lines")
    if width is None:
        blocks = tuple(_line_blocks(expanded, deadline))
    else:
        lines = [_read_line(number, line) for number, line in enumerate(expanded, start=1)]
        deadline.check("reading the lines")
        groups = _group_wrapped(lines, width)
        deadline.check("joining wrapped lines")
        blocks = tuple(_to_block(index, group, lines) for index, group in enumerate(groups))
    return Page(input_type="text", blocks=blocks, source_text=text, url=url)


def _line_blocks(lines: list[str], deadline: Deadline = NO_DEADLINE) -> list[Block]:
    """One block per non-blank line: a dump that is not hard-wrapped (the w3m shape).

    ``lines`` are the expanded, right-stripped input lines ("" when blank).
    """
    blocks: list[Block] = []
    last = len(lines) - 1
    for position, line in enumerate(lines):
        if not line:
            continue
        if not position % CHECK_EVERY:
            deadline.check("reading the lines")
        stripped = line.lstrip()
        # (_split_marker's first test, without its call: most lines start with no marker.)
        marker, text = _split_marker(stripped) if stripped[0] in _MARKER_STARTS \
            else ("", stripped)
        blocks.append(_new_block((
            len(blocks),                                            # index
            text,
            position + 1,                                           # start_line
            position + 1,                                           # end_line
            len(line) - len(stripped),                              # indent
            marker,
            position == 0 or not lines[position - 1],               # blank_before
            position == last or not lines[position + 1],            # blank_after
            None,                                                   # dom
        )))
    return blocks


def detect_wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped dump was wrapped at, or None when lines are not hard-wrapped.

    ``lines`` are the non-blank lines, tabs expanded, trailing space stripped.
    """
    if len(lines) < MIN_LINES_FOR_WRAP:
        return None
    low, high = WRAP_WIDTH_RANGE
    # Character counts never exceed display widths: when they already put the percentile above
    # the range (any w3m dump with real paragraphs), skip measuring display widths.
    if _percentile(sorted(map(len, lines))) > high:
        return None
    widths = sorted(map(_display_width, lines))
    width = _percentile(widths)
    if not low <= width <= high:
        return None
    near_full = sum(1 for w in widths if width - NEAR_FULL_COLUMNS <= w <= width)
    if near_full < max(3, MIN_NEAR_FULL_SHARE * len(widths)):
        return None
    return width


def _percentile(sorted_values: list[int]) -> int:
    return sorted_values[int(WRAP_PERCENTILE * (len(sorted_values) - 1))]


def _read_line(number: int, expanded: str) -> _Line | None:
    """One input line (tabs expanded, right-stripped) with its indent and list marker."""
    stripped = expanded.lstrip()
    if not stripped:
        return None
    marker, text = _split_marker(stripped)
    return _new_line((number, expanded, len(expanded) - len(stripped), marker, text))


def _split_marker(stripped: str) -> tuple[str, str]:
    """A non-blank, left-stripped line as (list marker or "", text after it)."""
    if stripped[0] in _MARKER_STARTS:
        match = _MARKER.match(stripped)
        if match:
            return match.group("marker"), stripped[match.end() :]
    return "", stripped


def _group_wrapped(lines: list[_Line | None], width: int | None) -> list[list[_Line]]:
    """Group consecutive lines that a hard wrap split apart; every other line stands alone."""
    groups: list[list[_Line]] = []
    previous: _Line | None = None
    for line in lines:
        if line is None:
            previous = None
            continue
        if previous is not None and width and _continues(groups[-1], line, width):
            groups[-1].append(line)
        else:
            groups.append([line])
        previous = line
    return groups


def _continues(group: list[_Line], line: _Line, width: int) -> bool:
    """Whether ``line`` is the wrapped continuation of the block ``group`` is building."""
    first, last = group[0], group[-1]
    if line.marker and line.marker[0] in STRONG_BULLETS:
        return False
    if line.indent != _text_column(first):
        return False
    # The wrap moved this line's first word down only if it would not fit after the last line.
    first_word = (line.marker + " " + line.text if line.marker else line.text).split(" ", 1)[0]
    return _display_width(last.raw) + 1 + _display_width(first_word) > width


def _text_column(line: _Line) -> int:
    """Column where a line's text starts, after its indent and any list marker."""
    if not line.marker:
        return line.indent
    body = line.raw.lstrip()
    return line.indent + _display_width(body) - _display_width(line.text)


def _to_block(index: int, group: list[_Line], lines: list[_Line | None]) -> Block:
    first, last = group[0], group[-1]
    text = first.text
    for line in group[1:]:
        piece = line.raw.strip()
        text = text + piece if _joins_without_space(text, piece) else f"{text} {piece}"
    before = first.number - 2  # index of the line above in ``lines``
    after = last.number  # index of the line below
    return Block(
        index=index,
        text=text,
        start_line=first.number,
        end_line=last.number,
        indent=first.indent,
        marker=first.marker,
        blank_before=before < 0 or lines[before] is None,
        blank_after=after >= len(lines) or lines[after] is None,
    )


def _joins_without_space(left: str, right: str) -> bool:
    """Scripts written without spaces (Chinese, Japanese) rejoin wrapped lines with no space."""
    return bool(left and right) and _is_wide(left[-1]) and _is_wide(right[0])


def _is_wide(char: str) -> bool:
    return WIDE_CHARACTER.match(char) is not None


def _display_width(text: str) -> int:
    """Columns a terminal dump gives ``text``: East Asian wide characters take two."""
    if text.isascii():
        return len(text)
    return len(text) + len(WIDE_CHARACTER.findall(text))
