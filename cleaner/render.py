"""Structural units (cleaner.structure) as output text: plain text and Markdown.

Plain text keeps what a reader needs to follow the structure (list markers and nesting, a
table as tab-separated rows, code with its line breaks); Markdown writes it all out (ATX
headings, nested and numbered lists, GFM pipe tables, fenced code, quotations).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cleaner.blocks import Marks, image_parts
from cleaner.comments import Post
from cleaner.structure import Code, ListItem, Paragraph, Table, Unit

#: Spaces per level of list nesting in Markdown: enough for any marker up to "99. ".
MARKDOWN_LIST_INDENT = 4
#: Spaces per level of list nesting in plain text.
TEXT_LIST_INDENT = 2
#: A line start Markdown would read as markup (a heading, quotation, list item, rule, fence).
_MARKUP_START = re.compile(r"^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|```|~~~|=+$)")
#: A line start Markdown would read as an ordered list item ("1. ", "2) ").
_NUMBER_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def plain_text(units: Sequence[Unit]) -> str:
    """The units as plain text: blank lines between paragraphs, a list's items on single lines
    ("- " or their number, nested items indented), tables as tab-separated rows."""
    return _joined(units, _text_of)


def markdown(units: Sequence[Unit], title: str | None = None) -> str:
    """The units as Markdown, under ``title`` as a level-1 heading when given."""
    body = _joined(units, _markdown_of)
    if not title:
        return body
    heading = f"# {_inline(title)}"
    return f"{heading}\n\n{body}" if body else heading


def _joined(units: Sequence[Unit], render: Callable[[Unit], str]) -> str:
    parts: list[str] = []
    previous: Unit | None = None
    for unit in units:
        if parts:
            tight = (isinstance(previous, ListItem) and isinstance(unit, ListItem)
                     and not unit.continued)
            parts.append("\n" if tight else "\n\n")
        parts.append(render(unit))
        previous = unit
    return "".join(parts)


def _text_of(unit: Unit) -> str:
    if isinstance(unit, ListItem):
        indent = " " * (TEXT_LIST_INDENT * (unit.depth - 1))
        if unit.continued:
            return f"{indent}{' ' * TEXT_LIST_INDENT}{unit.text}"
        return f"{indent}{_marker(unit)} {unit.text}"
    if isinstance(unit, Table):
        return "\n".join("\t".join(row) for row in unit.rows)
    return unit.text


def _markdown_of(unit: Unit) -> str:
    if isinstance(unit, Paragraph):
        images, marks = _leading_images(unit.marks)
        if unit.level:
            line = f"{'#' * unit.level} {_with_marks(unit.text, marks)}"
        else:
            line = _escaped_start(_with_marks(unit.text, marks))
            line = f"> {line}" if unit.quoted else line
        return f"{images}\n\n{line}" if images else line
    if isinstance(unit, ListItem):
        indent = " " * (MARKDOWN_LIST_INDENT * (unit.depth - 1))
        text = _escaped_start(_with_marks(unit.text, unit.marks))
        if unit.continued:
            return f"{indent}{' ' * MARKDOWN_LIST_INDENT}{text}"
        return f"{indent}{_marker(unit)} {text}"
    if isinstance(unit, Code):
        fence = "~~~" if "```" in unit.text else "```"
        return f"{fence}\n{unit.text}\n{fence}"
    return _pipe_table(unit)


def _marker(item: ListItem) -> str:
    return f"{item.number}." if item.number is not None else "-"


def _pipe_table(table: Table) -> str:
    """A GFM pipe table: the first row as its header, every row padded to the widest."""
    width = max(len(row) for row in table.rows)
    lines = []
    for position, row in enumerate(table.rows):
        cells = [_cell(cell) for cell in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if position == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


def _inline(text: str) -> str:
    """One line of text as Markdown inline content (line breaks as spaces)."""
    return " ".join(text.split())


#: Markdown around each kind of mark: before its text, and after it ({} is a link's target).
_MARK_SYNTAX = {"link": ("[", "]({})"), "strong": ("**", "**"), "em": ("*", "*")}


def _with_marks(text: str, marks: Marks) -> str:
    """One line of text as Markdown inline content, its marks written out (links, bold,
    italics, images): at one place, marks close (innermost first) before others open."""
    text = _inline(text)
    if not marks:
        return text
    inserts: list[tuple[int, int, int, str]] = []
    for start, end, kind, value in marks:
        if kind == "image":
            inserts.append((start, 1, -end, _spaced_image(value, text, start)))
            continue
        before, after = _MARK_SYNTAX[kind]
        inserts.append((start, 1, -end, before))
        inserts.append((end, 0, -start, after.format(_address(value))))
    parts, position = [], 0
    for at, _, _, syntax in sorted(inserts):
        parts += [text[position:at], syntax]
        position = at
    parts.append(text[position:])
    return "".join(parts)


def _leading_images(marks: Marks) -> tuple[str, Marks]:
    """The images that open a block (the figure before its caption) as one Markdown line,
    and the block's other marks."""
    leading = [value for start, _, kind, value in marks if kind == "image" and start == 0]
    if not leading:
        return "", marks
    rest = tuple(mark for mark in marks if not (mark[2] == "image" and mark[0] == 0))
    return " ".join(map(_image, leading)), rest


def _image(value: str) -> str:
    source, alt = image_parts(value)
    alt = alt.replace("[", "\\[").replace("]", "\\]")
    return f"![{alt}]({_address(source)})"


def _spaced_image(value: str, text: str, at: int) -> str:
    """An image inside a line, a space between it and a word it would touch."""
    image = _image(value)
    before = " " if at > 0 and not text[at - 1].isspace() else ""
    after = " " if at < len(text) and not text[at].isspace() else ""
    return f"{before}{image}{after}"


def _address(value: str) -> str:
    """A link or image address as Markdown reads it whole."""
    return value.replace(")", "%29").replace(" ", "%20")


def _escaped_start(text: str) -> str:
    """``text`` with a backslash before a start Markdown would read as markup."""
    if _MARKUP_START.match(text):
        return f"\\{text}"
    return _NUMBER_START.sub(r"\1\\\2", text, count=1)


def posts_text(posts: Sequence[Post]) -> str:
    """Posts as plain text: a header line (author · date), then the text, replies indented."""
    return "\n\n".join(_indented(_post_header(post) + post.text, "  " * post.depth)
                       for post in posts)


def posts_markdown(posts: Sequence[Post]) -> str:
    """Posts as Markdown: the author in bold and the date, then the text; replies quoted
    one level deeper per reply depth."""
    parts = []
    for post in posts:
        header = " · ".join(part for part in (f"**{_inline(post.author)}**"
                                              if post.author else None, post.date) if part)
        body = "\n\n".join(_escaped_start(_inline(text)) for text in post.text.split("\n\n"))
        parts.append(_indented(f"{header}\n\n{body}" if header else body,
                               "> " * post.depth))
    return "\n\n".join(parts)


def _post_header(post: Post) -> str:
    header = " · ".join(part for part in (post.author, post.date) if part)
    return f"{header}\n" if header else ""


def _indented(text: str, prefix: str) -> str:
    """Each line of ``text`` behind ``prefix`` (a blank line keeps the prefix's marks only)."""
    if not prefix:
        return text
    return "\n".join((prefix + line).rstrip() if line else prefix.rstrip()
                     for line in text.split("\n"))
