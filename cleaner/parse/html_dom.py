"""Parse HTML into Blocks in reading order, with the DOM hints extractors use.

lxml parses anything (broken markup included); invisible content (script, style, templates,
hidden elements) is dropped; text is joined the way a browser shows it: inline elements run
together, block-level elements and <br> start a new block.
"""

from __future__ import annotations

import re
from functools import partial
from typing import NamedTuple
from urllib.parse import urljoin

from lxml import etree

from cleaner.blocks import Block, DomHints, Marks, Page, image_value
from cleaner.deadline import CHECK_EVERY, NO_DEADLINE, Deadline
from cleaner.errors import EmptyInputError
from cleaner.parse.element_paths import MANY_CHILDREN, LxmlPaths, WalkPaths
from cleaner.parse.html_meta import base_address, read_metadata
from cleaner.parse.structured import FALLBACK_BELOW_WORDS, structured_blocks
from cleaner.patterns import lower

#: Elements whose content is never shown as text.
INVISIBLE_TAGS = frozenset({
    "script", "style", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "head", "select", "option", "datalist", "audio", "video", "map", "title", "meta",
    "link", "base",
})
#: Content a browser hides, but a page without JavaScript may keep its whole text in (Next.js
#: streams into <div hidden>, Discourse serves its posts in <noscript>). Shown only when the
#: page is nearly empty without it.
HIDDEN_UNLESS_EMPTY_TAGS = frozenset({"noscript"})
#: A page showing fewer characters than this, with more than that hidden, is walked again with
#: hidden content shown.
RELAX_BELOW_CHARS = 1000
#: Elements that start a new block of text (HTML block-level and table/list structure).
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend",
    "li", "main", "menu", "nav", "noframes", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br", "textarea", "button",
})
HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}
LIST_TAGS = frozenset({"ul", "ol", "li", "dl", "dd", "dt", "menu", "dir"})
TABLE_TAGS = frozenset({"table", "td", "th", "tr"})
#: Landmark tags, and the ARIA roles that mean the same thing.
LANDMARK_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
LANDMARK_ROLES = {
    "navigation": "nav", "banner": "header", "contentinfo": "footer",
    "complementary": "aside", "search": "form", "form": "form",
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>", re.IGNORECASE)
#: Any start or end tag, for flattening pages nested deeper than libxml2 will build (2048).
_ANY_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>")
_BREAK_RUN = re.compile(r"<br>(?:\s*<br>)+")
#: A page's own frame: lxml adds <html> and <body> to any fragment, so the source is read...
_PAGE_FRAME = re.compile(r"</?(?:html|head|body)\b|<!doctype\s", re.IGNORECASE)
#: ...this far: a page opens with its frame (a text without it in this many is a fragment).
FRAGMENT_SCAN_CHARS = 100_000
_DEPTH_ERROR = "Excessive depth"
#: Inline elements whose span of text can be kept as a mark (a link, emphasis, an image: a
#: mark of no width), by kind.
MARK_KINDS = {"a": "link", "strong": "strong", "b": "strong", "em": "em", "i": "em",
              "img": "image"}
#: Where an image's address is, in order: lazy-loading pages put a placeholder in ``src``.
IMAGE_SOURCE_ATTRIBUTES = ("src", "data-src", "data-lazy-src", "data-original")
#: An image this many pixels wide or high (by its attributes) or less is an icon, a tracker
#: or a spacer, not content.
ICON_IMAGE_PIXELS = 32
#: Where a mark opens and closes among a block's text pieces (removed from the text).
_MARK_OPEN = "\x00"
_MARK_CLOSE = "\x01"
#: Link targets that lead nowhere a reader can follow.
_DEAD_LINK = re.compile(r"^\s*(?:#|javascript:|mailto:\s*$)", re.IGNORECASE)


class _Context(NamedTuple):
    """What an element inherits from its ancestors; shared by all inline children."""

    owner: etree._Element
    tag_path: tuple[str, ...]
    tokens: frozenset[str]
    landmarks: frozenset[str]
    heading_level: int
    in_list: bool
    in_table: bool
    #: Inside <pre>: the text keeps its line breaks and indentation (code, verse, ASCII art).
    in_pre: bool
    in_link: bool


#: Contexts and blocks are built per element: without the NamedTuple constructor's frame.
_new_context = partial(tuple.__new__, _Context)
_new_block = partial(tuple.__new__, Block)
_new_hints = partial(tuple.__new__, DomHints)
_NO_TOKENS: frozenset[str] = frozenset()
#: Attributes that can hide an element or say something about it: an element with none of
#: them (most) is handled without reading any attribute.
_TELLING_ATTRIBUTES = frozenset({"class", "id", "role", "hidden", "aria-hidden", "style", "type"})
#: Attributes that can hide an element (_is_hidden reads them).
_HIDING_ATTRIBUTES = frozenset({"hidden", "aria-hidden", "style", "type"})


def parse_html(text: str, url: str | None = None, deadline: Deadline = NO_DEADLINE,
               marks: frozenset[str] = frozenset()) -> Page:
    """Parse an HTML document into a Page; raise EmptyInputError when it shows no text.
    ``marks``: the kinds of inline span to keep in the blocks' hints ("link", "strong",
    "em", "image"), for Markdown output that asks for them; their relative addresses are
    resolved against the page's (base_address)."""
    root = _parse_tree(text)
    deadline.check("parsing the HTML")
    tree = root.getroottree()
    base = base_address(root, url) if marks else None
    walker = _Walker(tree, show_hidden=False, deadline=deadline, marks=marks, base=base)
    blocks = walker.walk(root)
    shown = sum(len(block.text) for block in blocks)
    if shown < RELAX_BELOW_CHARS and walker.hidden_chars > shown:
        blocks = _Walker(tree, show_hidden=True, deadline=deadline, marks=marks,
                         base=base).walk(root)
    return Page(
        input_type="html",
        blocks=tuple(blocks),
        source_text=text,
        url=url,
        meta=read_metadata(root, text, headings=_headlines(blocks)),
        fragment=is_fragment(text, blocks),
        structured=tuple(_structured_fallback(root, text, blocks)),
    )


def _structured_fallback(root: etree._Element, text: str, blocks: list[Block]) -> list[Block]:
    """The page's structured content when it shows fewer than FALLBACK_BELOW_WORDS words and
    the structured content has more (see parse.structured); else nothing."""
    shown_words = sum(len(block.text.split()) for block in blocks)
    if shown_words >= FALLBACK_BELOW_WORDS:
        return []
    found = structured_blocks(root, text, len(blocks))
    return found if sum(len(block.text.split()) for block in found) > shown_words else []


def is_fragment(text: str, blocks: list[Block]) -> bool:
    """Whether the HTML has no <html>, <head> or <body> tag (nor doctype) of its own, and no
    <nav>, <footer> or <aside> either (those make it a page's body that lost its frame)."""
    return (_PAGE_FRAME.search(text, 0, FRAGMENT_SCAN_CHARS) is None
            and not any(block.in_boilerplate_landmark for block in blocks))


def _parse_tree(text: str) -> etree._Element:
    text = _XML_DECLARATION.sub("", text, count=1)
    root, too_deep = _parse_once(text)
    if too_deep:
        # libxml2 stops building (and silently drops the rest) past 2048 levels: flatten the
        # markup (block tags become line breaks, other tags vanish) and parse that instead.
        flat = _BREAK_RUN.sub("<br>", _ANY_TAG.sub(_flatten_tag, text))
        root, _ = _parse_once(flat)
    return root


def _parse_once(text: str) -> tuple[etree._Element, bool]:
    # etree's parser, not lxml.html's: its elements need no Python class lookup per element.
    # No id table (nothing looks elements up by id). The text goes in as UTF-8 bytes with the
    # encoding named, so a <meta charset> in the page cannot override it: cheaper than lxml's
    # conversion of a str, and a lone surrogate becomes "?" where it used to end the text.
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True,
                              collect_ids=False, encoding="utf-8")
    try:
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise EmptyInputError(f"HTML document has no content: {error}") from None
    if root is None:
        raise EmptyInputError("HTML document has no content")
    too_deep = any(_DEPTH_ERROR in entry.message for entry in parser.error_log)
    return root, too_deep


def _flatten_tag(match: re.Match[str]) -> str:
    name = lower(match.group(1))
    if name in INVISIBLE_TAGS or name in ("html", "body"):
        return match.group(0)
    return "<br>" if name in BLOCK_TAGS else ""


def _headlines(blocks: list[Block]) -> list[str]:
    """Texts of the <h1> blocks outside nav, footer and aside, in page order."""
    return [
        block.text for block in blocks
        if block.dom is not None and block.dom.heading_level == 1
        and not block.in_boilerplate_landmark
    ]


def _marked_text(pieces: list[str], values: list[tuple[str, str]]) -> tuple[str, Marks]:
    """The text of pieces holding mark sentinels, white space collapsed as for any block, and
    the marks as (start, end, kind, value) offsets into it; an unclosed mark ends with the
    text, a close without an open and an empty mark (but an image's) are dropped."""
    out: list[str] = []
    length = 0
    space = False
    opened: list[tuple[int, str, str]] = []
    marks: list[tuple[int, int, str, str]] = []
    next_value = 0
    for character in "".join(pieces):
        if character == _MARK_OPEN:
            kind, value = values[next_value]
            next_value += 1
            opened.append((length + 1 if space and length else length, kind, value))
        elif character == _MARK_CLOSE:
            if opened:
                start, kind, value = opened.pop()
                if start < length or kind == "image":
                    marks.append((min(start, length), length, kind, value))
        elif character.isspace():
            space = True
        else:
            if space and length:
                out.append(" ")
                length += 1
            space = False
            out.append(character)
            length += 1
    marks += [(start, length, kind, value) for start, kind, value in opened if start < length]
    if marks and length == 0:
        return "", ()
    return "".join(out), tuple(sorted(marks))


def _code_text(pieces: list[str]) -> str:
    """The text of a <pre> block as shown: its lines and their indentation, without trailing
    white space or blank lines before and after."""
    lines = [line.rstrip() for line in "".join(pieces).replace("\xa0", " ").splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _is_hidden(element: etree._Element, attributes: list[str]) -> bool:
    """Hidden by an attribute (``attributes``: the element's attribute names)."""
    if "hidden" in attributes or (
        "aria-hidden" in attributes and lower(element.get("aria-hidden")) == "true"
    ):
        return True
    if "type" in attributes and element.tag == "input" \
            and lower(element.get("type")) == "hidden":
        return True
    return "style" in attributes and _HIDDEN_STYLE.search(element.get("style")) is not None


class _Walker:
    """One pass over the tree (lxml's iterwalk: no recursion, pages can nest 100,000 deep),
    collecting the text of each block-level element as it is left or interrupted."""

    def __init__(self, tree: etree._ElementTree, show_hidden: bool,
                 deadline: Deadline = NO_DEADLINE, marks: frozenset[str] = frozenset(),
                 base: str | None = None) -> None:
        self.show_hidden = show_hidden
        #: The kinds of mark kept (parse_html), the address their relative targets resolve
        #: against, the values of the marks opened in the block being built, in order, and
        #: the elements whose mark is open, innermost last.
        self.marks = marks
        self.base = base
        self.mark_values: list[tuple[str, str]] = []
        self.mark_stack: list[etree._Element] = []
        self.deadline = deadline
        self.tree = tree
        #: Element paths: lxml's until the walk meets a very wide parent (see element_paths).
        self.paths: LxmlPaths | WalkPaths = LxmlPaths(tree)
        self.blocks: list[Block] = []
        #: The block being built: its context (None when empty), text and link-text pieces,
        #: and class/id tokens of inline elements inside it.
        self.context: _Context | None = None
        self.pieces: list[str] = []
        self.link_pieces: list[str] = []
        self.inline_tokens: set[str] = set()
        #: Characters inside hidden elements and <noscript> that this walk skipped.
        self.hidden_chars = 0
        #: Token sets by raw class/id text, and unions of token sets: pages repeat both.
        self.token_sets: dict[str, frozenset[str]] = {}
        self.unions: dict[tuple[frozenset[str], frozenset[str]], frozenset[str]] = {}
        #: Tag paths by parent tag path and tag: one tuple per distinct path, not per block
        #: (64 MB less on a page of 10^6 paragraphs).
        self.tag_paths: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {}

    def walk(self, root: etree._Element) -> list[Block]:
        base = _new_context((root, (), frozenset(), frozenset(), 0, False, False, False,
                             False))
        # The context of every open element, innermost last; None for a skipped one.
        open_contexts: list[_Context | None] = [base]
        events = etree.iterwalk(root, events=("start", "end"))
        countdown = CHECK_EVERY
        quick_paths = True
        for event, element in events:
            countdown -= 1
            if not countdown:
                self.deadline.check("walking the HTML")
                countdown = CHECK_EVERY
            if event == "end":
                own = open_contexts.pop()
                # A block-level element owns its context (an inline one shares its parent's):
                # leaving it ends the block (self.context None: none pending, most calls).
                if own is not None and self.context is not None and own.owner is element:
                    self._flush()
                if self.mark_stack and self.mark_stack[-1] is element:
                    self.mark_stack.pop()
                    self.pieces.append(_MARK_CLOSE)
                tail = element.tail
                # White space with no block pending adds nothing: skip the call (most tails).
                if tail and (self.context is not None or not tail.isspace()):
                    parent = open_contexts[-1]
                    if parent is not None:
                        self._add(tail, parent)
                continue
            parent = open_contexts[-1]
            tag = element.tag
            if parent is None or not isinstance(tag, str) or tag in INVISIBLE_TAGS:
                events.skip_subtree()
                open_contexts.append(None)
                continue
            attributes = element.keys()
            if (tag in HIDDEN_UNLESS_EMPTY_TAGS
                    or (attributes and not _HIDING_ATTRIBUTES.isdisjoint(attributes)
                        and _is_hidden(element, attributes))) and self._hides(element):
                events.skip_subtree()
                open_contexts.append(None)
                continue
            if quick_paths and len(element) > MANY_CHILDREN:
                self.paths = WalkPaths(self.tree)
                quick_paths = False
            if tag == "br" and parent.in_pre:
                # A line break inside <pre> is one of its lines, not a new block.
                open_contexts.append(parent)
                self._add("\n", parent)
                continue
            if tag in BLOCK_TAGS:
                own = self._block_context(element, tag, attributes, parent)
                if self.context is not None:
                    self._flush()
            else:
                # Inline: its class/id tokens go to the block being built (none pending: no
                # use); it shares its parent's context, but for a link's own.
                if self.context is not None and attributes \
                        and not _TELLING_ATTRIBUTES.isdisjoint(attributes):
                    self.inline_tokens.update(self._tokens_of(element, attributes))
                own = parent
                if tag == "a" and not parent.in_link:
                    own = _new_context((*parent[:-1], True))  # in_link, the last field
                if self.marks and tag in MARK_KINDS:
                    self._open_mark(element, MARK_KINDS[tag], parent)
            open_contexts.append(own)
            text = element.text
            if text and (self.context is not None or not text.isspace()):
                self._add(text, own)
        self._flush()
        return self.blocks

    def _open_mark(self, element: etree._Element, kind: str, parent: _Context) -> None:
        """Start a mark of ``kind`` (wanted, with a link target that leads somewhere) in the
        block the element's text goes to."""
        if kind not in self.marks or parent.in_pre:
            return
        value = ""
        if kind == "link":
            value = (element.get("href") or "").strip()
            if not value or _DEAD_LINK.match(value):
                return
            value = urljoin(self.base, value) if self.base else value
        elif kind == "image":
            value = self._image_value(element)
            if not value:
                return
        if self.context is not None and self.context.owner is not parent.owner:
            self._flush()
        self.pieces.append(_MARK_OPEN)
        self.mark_values.append((kind, value))
        if kind == "image":  # an empty element: its mark closes where it opens
            self.pieces.append(_MARK_CLOSE)
        else:
            self.mark_stack.append(element)

    def _image_value(self, element: etree._Element) -> str:
        """An image mark's value (image_parts reads it): its address, resolved, and its alt
        text; empty for an image without an address or an icon."""
        for side in ("width", "height"):
            size = (element.get(side) or "").strip().removesuffix("px")
            if size.isdigit() and int(size) <= ICON_IMAGE_PIXELS:
                return ""
        source = next((value.strip() for value in map(element.get, IMAGE_SOURCE_ATTRIBUTES)
                       if value and value.strip() and not value.strip().startswith("data:")),
                      "")
        if not source:
            return ""
        if self.base:
            source = urljoin(self.base, source)
        return image_value(source, element.get("alt") or "")

    def _tokens_of(self, element: etree._Element, attributes: list[str]) -> frozenset[str]:
        """Lower-cased class and id tokens (``attributes``: the element's attribute names)."""
        raw = element.get("class", "") if "class" in attributes else ""
        if "id" in attributes:
            raw = f"{raw} {element.get('id')}"
        tokens = self.token_sets.get(raw)
        if tokens is None:
            tokens = self.token_sets[raw] = frozenset(lower(raw).split())
        return tokens

    def _union(self, inherited: frozenset[str], own: frozenset[str]) -> frozenset[str]:
        """``inherited | own``, built once per distinct pair (pages repeat their class lists)."""
        key = (inherited, own)
        union = self.unions.get(key)
        if union is None:
            union = self.unions[key] = inherited | own
        return union

    def _hides(self, element: etree._Element) -> bool:
        """Whether to skip a hidden element or <noscript> (counting what it would have shown)."""
        if self.show_hidden:
            return False
        self.hidden_chars += sum(len(piece.strip()) for piece in element.itertext())
        return True

    def _block_context(self, element: etree._Element, tag: str, attributes: list[str],
                       parent: _Context) -> _Context:
        """The context a block-level element gives the text inside it."""
        telling = attributes and not _TELLING_ATTRIBUTES.isdisjoint(attributes)
        tokens = self._tokens_of(element, attributes) if telling else _NO_TOKENS
        landmarks = parent.landmarks
        role = LANDMARK_ROLES.get(lower(element.get("role"))) if "role" in attributes else None
        if tag in LANDMARK_TAGS or role:
            landmarks = landmarks | {role or tag}
        key = (parent.tag_path, tag)
        tag_path = self.tag_paths.get(key)
        if tag_path is None:
            tag_path = self.tag_paths[key] = parent.tag_path + (tag,)
        return _new_context((
            element,
            tag_path,
            self._union(parent.tokens, tokens) if tokens else parent.tokens,
            landmarks,
            HEADING_LEVELS.get(tag, parent.heading_level),
            parent.in_list or tag in LIST_TAGS,
            parent.in_table or tag in TABLE_TAGS,
            parent.in_pre or tag == "pre",
            parent.in_link,
        ))

    def _add(self, text: str, context: _Context) -> None:
        if self.context is not None and self.context.owner is not context.owner:
            self._flush()
        if self.context is None:
            if text.isspace():
                return
            self.context = context
        self.pieces.append(text)
        if context.in_link:
            self.link_pieces.append(text)

    def _flush(self) -> None:
        context = self.context
        if context is None:
            return
        pieces = self.pieces
        marks: Marks = ()
        if self.mark_stack:
            # A mark still open ends with this block (_marked_text): its element's end must
            # not put a close into the next block's text.
            self.mark_stack = []
        if self.mark_values:
            text, marks = _marked_text(pieces, self.mark_values)
            self.mark_values = []
        elif context.in_pre:
            text = _code_text(pieces)
        else:
            text = " ".join("".join(pieces).split())
        link_text = " ".join("".join(self.link_pieces).split()) if self.link_pieces else ""
        inline_tokens = self.inline_tokens
        self.context = None
        self.pieces = []
        self.link_pieces = []
        self.inline_tokens = set()
        if not text:
            return
        owner = context.owner
        hints = _new_hints((
            owner.tag,
            self.paths.of(owner),
            context.tag_path,
            context.tokens | inline_tokens if inline_tokens else context.tokens,
            len(link_text),
            context.heading_level,
            context.in_list,
            context.in_table,
            context.landmarks,
            marks,
        ))
        marker = "•" if owner.tag == "li" else ""
        self.blocks.append(_new_block((
            len(self.blocks), text, None, None, 0, marker, True, True, hints,
        )))

