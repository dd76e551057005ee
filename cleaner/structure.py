"""What each kept block is in the page's structure: a heading, a list item, a table cell, code,
a quotation or a plain paragraph, read from its DOM hints (HTML) or its marker and indent (text).

The output renderers (cleaner.render) turn these units into plain text and Markdown; grouping
table cells into rows and list items into nested lists happens here, once, for both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cleaner.blocks import Block, DomHints, Marks
from cleaner.deadline import CHECK_EVERY, NO_DEADLINE, Deadline
from cleaner.parse.element_paths import path_steps

#: Table cells beyond this many words, or a cell of more blocks than this, make a layout table
#: (a page laid out in a grid), whose cells are paragraphs, not a table of data.
LAYOUT_CELL_WORDS = 80
LAYOUT_CELL_BLOCKS = 3
#: List containers in an element path.
_LIST_STEPS = frozenset({"ul", "ol", "menu", "dir"})


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Running text: a paragraph, or (``level`` > 0) a heading h1-h6, or a quotation."""

    text: str
    level: int = 0
    quoted: bool = False
    #: Inline spans kept (links, emphasis), as DomHints.marks.
    marks: Marks = ()


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list, ``depth`` 1 for the outermost list; ``number`` for ordered lists
    (the page's own numbering), None for bullets. ``continued``: a further paragraph of the
    item above, not a new item."""

    text: str
    depth: int
    number: int | None
    continued: bool = False
    marks: Marks = ()


@dataclass(frozen=True, slots=True)
class Code:
    """Preformatted text (<pre>): its lines and indentation as the page shows them."""

    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table of data: rows of cell texts in reading order (rows may differ in length)."""

    rows: tuple[tuple[str, ...], ...]


Unit = Paragraph | ListItem | Code | Table


@dataclass(frozen=True, slots=True)
class _Place:
    """Where an HTML block sits: its element path split into steps (tag, index)."""

    steps: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, path: str) -> _Place:
        return cls(path_steps(path))

    def last(self, tags: frozenset[str] | set[str]) -> int:
        """Position of the innermost step with one of ``tags``; -1 when none."""
        for position in range(len(self.steps) - 1, -1, -1):
            if self.steps[position][0] in tags:
                return position
        return -1

    def key(self, end: int) -> tuple[tuple[str, int], ...]:
        return self.steps[:end + 1]


def structure(blocks: Sequence[Block], deadline: Deadline = NO_DEADLINE) -> list[Unit]:
    """The structural units of ``blocks`` (the kept blocks of one page, in reading order);
    a page of 100,000s of table cells takes seconds, so the loops check ``deadline``."""
    if blocks and blocks[0].dom is None:
        return list(_text_units(blocks))
    return list(_html_units(blocks, deadline))


def data_tables(blocks: Sequence[Block],
                deadline: Deadline = NO_DEADLINE) -> list[tuple[int, int]]:
    """(start, end) of each run of ``blocks`` that forms one table of data (not a layout
    table), whatever the blocks' labels."""
    spans = []
    position = 0
    while position < len(blocks):
        dom = blocks[position].dom
        if dom is not None and _in_cell(dom):
            place = _Place.of(dom.path)
            table_at = place.last({"table"})
            if table_at >= 0 and place.last({"td", "th"}) > table_at:
                end = _table_end(blocks, position, place.key(table_at), deadline)
                if _table(blocks[position:end], deadline) is not None:
                    spans.append((position, end))
                position = max(end, position + 1)
                continue
        position += 1
    return spans


def _html_units(blocks: Sequence[Block], deadline: Deadline) -> Iterable[Unit]:
    position = 0
    while position < len(blocks):
        if not position % CHECK_EVERY:
            deadline.check("rendering")
        block = blocks[position]
        dom = block.dom
        if dom is not None and _in_cell(dom):
            place = _Place.of(dom.path)
            table_at = place.last({"table"})
            if table_at >= 0 and place.last({"td", "th"}) > table_at:
                end = _table_end(blocks, position, place.key(table_at), deadline)
                table = _table(blocks[position:end], deadline)
                if table is not None:
                    yield table
                    position = end
                    continue
        yield _html_unit(block, blocks[position - 1] if position else None)
        position += 1


def _in_cell(dom: DomHints) -> bool:
    """Inside a table cell (read from the block-level tags above it: no path parsing)."""
    return dom.in_table and ("td" in dom.tag_path or "th" in dom.tag_path)


def _html_unit(block: Block, previous: Block | None) -> Unit:
    dom = block.dom
    assert dom is not None
    if "pre" in dom.tag_path:
        return Code(block.text)
    if dom.heading_level:
        return Paragraph(block.text, level=dom.heading_level, marks=dom.marks)
    if "li" in dom.tag_path:  # <li> is block-level: it is in the tag path of its blocks
        place = _Place.of(dom.path)
        item_at = place.last({"li"})
        depth = sum(1 for tag, _ in place.steps[:item_at] if tag in _LIST_STEPS) or 1
        list_at = place.last(_LIST_STEPS)
        ordered = 0 <= list_at < item_at and place.steps[list_at][0] == "ol"
        before = (_Place.of(previous.dom.path) if previous is not None and previous.dom
                  else None)
        continued = (before is not None and before.last({"li"}) == item_at
                     and before.key(item_at) == place.key(item_at))
        return ListItem(block.text, depth, place.steps[item_at][1] if ordered else None,
                        continued, dom.marks)
    return Paragraph(block.text, quoted="blockquote" in dom.tag_path, marks=dom.marks)


def _table_end(blocks: Sequence[Block], start: int, table: tuple[tuple[str, int], ...],
               deadline: Deadline) -> int:
    """Index after the run of blocks from ``start`` that sit in the cells of ``table`` (not in
    a table nested in one of them)."""
    end = start
    while end < len(blocks):
        if not (end - start + 1) % CHECK_EVERY:
            deadline.check("rendering a table")
        dom = blocks[end].dom
        if dom is None:
            break
        place = _Place.of(dom.path)
        if (place.key(len(table) - 1) != table or place.last({"table"}) != len(table) - 1
                or place.last({"td", "th"}) < len(table)):
            break
        end += 1
    return end


def _table(blocks: Sequence[Block], deadline: Deadline) -> Table | None:
    """The blocks of one table's cells as rows of cells; None for a layout table (a cell of
    many blocks, a long text, or code), whose blocks read as paragraphs."""
    rows: dict[tuple[tuple[str, int], ...], dict[tuple[tuple[str, int], ...], list[str]]] = {}
    for position, block in enumerate(blocks, 1):
        if not position % CHECK_EVERY:
            deadline.check("rendering a table")
        dom = block.dom
        assert dom is not None
        if "pre" in dom.tag_path:
            return None
        place = _Place.of(dom.path)
        cell_at = place.last({"td", "th"})
        row_at = place.last({"tr"})
        row_key = place.key(row_at) if 0 <= row_at < cell_at else place.key(cell_at)
        cells = rows.setdefault(row_key, {})
        cells.setdefault(place.key(cell_at), []).append(block.text)
    if any(len(parts) > LAYOUT_CELL_BLOCKS
           or sum(len(part.split()) for part in parts) > LAYOUT_CELL_WORDS
           for cells in rows.values() for parts in cells.values()):
        return None
    table = Table(tuple(tuple(" ".join(parts) for parts in cells.values())
                        for cells in rows.values()))
    if len(table.rows) < 2 and max(map(len, table.rows), default=0) < 2:
        return None
    return table


def _text_units(blocks: Sequence[Block]) -> Iterable[Unit]:
    """Units of a text dump: list items (depth from their indent within a run of items) and
    paragraphs; a dump shows no headings, tables or code as such."""
    indents: list[int] = []
    for block in blocks:
        if not block.marker:
            indents = []
            yield Paragraph(block.text)
            continue
        while indents and indents[-1] > block.indent:
            indents.pop()
        if not indents or indents[-1] < block.indent:
            indents.append(block.indent)
        number = _number(block.marker) if block.is_numbered else None
        yield ListItem(block.text, len(indents), number)


def _number(marker: str) -> int | None:
    digits = "".join(character for character in marker if character.isdigit())
    return int(digits) if digits else None

