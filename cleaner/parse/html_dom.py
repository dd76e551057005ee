"""Parse HTML into Blocks in reading order, with the DOM hints extractors use.

lxml parses anything (broken markup included); invisible content (script, style, templates,
hidden elements) is dropped; text is joined the way a browser shows it: inline elements run
together, block-level elements and <br> start a new block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree, html

from cleaner.blocks import Block, DomHints, Page
from cleaner.errors import EmptyInputError

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
#: Landmark tags, and the ARIA roles that mean the same thing.
LANDMARK_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
LANDMARK_ROLES = {
    "navigation": "nav", "banner": "header", "contentinfo": "footer",
    "complementary": "aside", "search": "form", "form": "form",
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TOKEN_SPLIT = re.compile(r"[\s]+")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>", re.IGNORECASE)
#: Any start or end tag, for flattening pages nested deeper than libxml2 will build (2048).
_ANY_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>")
_BREAK_RUN = re.compile(r"<br>(?:\s*<br>)+")
_DEPTH_ERROR = "Excessive depth"


@dataclass(frozen=True, slots=True)
class _Context:
    """What an element inherits from its ancestors; shared by all inline children."""

    owner: etree._Element
    tag_path: tuple[str, ...]
    tokens: frozenset[str]
    landmarks: frozenset[str]
    heading_level: int
    in_list: bool
    in_table: bool
    in_link: bool


@dataclass(slots=True)
class _Buffer:
    """Text collected for the block being built."""

    context: _Context | None = None
    pieces: list[str] = field(default_factory=list)
    link_pieces: list[str] = field(default_factory=list)
    inline_tokens: set[str] = field(default_factory=set)


def parse_html(text: str, url: str | None = None) -> Page:
    """Parse an HTML document into a Page; raise EmptyInputError when it shows no text."""
    root = _parse_tree(text)
    tree = root.getroottree()
    walker = _Walker(tree, show_hidden=False)
    blocks = walker.walk(root)
    shown = sum(len(block.text) for block in blocks)
    if shown < RELAX_BELOW_CHARS and walker.hidden_chars > shown:
        blocks = _Walker(tree, show_hidden=True).walk(root)
    return Page(
        input_type="html",
        blocks=tuple(blocks),
        source_text=text,
        url=url,
        title_hint=_title_hint(root),
    )


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
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise EmptyInputError(f"HTML document has no content: {error}") from None
    if root is None:
        raise EmptyInputError("HTML document has no content")
    too_deep = any(_DEPTH_ERROR in entry.message for entry in parser.error_log)
    return root, too_deep


def _flatten_tag(match: re.Match[str]) -> str:
    name = match.group(1).lower()
    if name in INVISIBLE_TAGS or name in ("html", "body"):
        return match.group(0)
    return "<br>" if name in BLOCK_TAGS else ""


def _title_hint(root: etree._Element) -> str | None:
    """og:title when present (usually free of the site name), else <title>."""
    for meta in root.iter("meta"):
        kind = (meta.get("property") or meta.get("name") or "").lower()
        if kind in ("og:title", "twitter:title"):
            content = " ".join((meta.get("content") or "").split())
            if content:
                return content
    for title in root.iter("title"):
        content = " ".join(title.text_content().split())
        if content:
            return content
    return None


def _is_hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden", "").lower() == "true":
        return True
    if element.tag == "input" and element.get("type", "").lower() == "hidden":
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _tokens_of(element: etree._Element) -> frozenset[str]:
    raw = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return frozenset(token for token in _TOKEN_SPLIT.split(raw) if token)


class _Walker:
    """Iterative depth-first walk (no recursion: pages can nest 100,000 levels deep)."""

    def __init__(self, tree: etree._ElementTree, show_hidden: bool) -> None:
        self.tree = tree
        self.show_hidden = show_hidden
        self.blocks: list[Block] = []
        self.buffer = _Buffer()
        #: Characters inside hidden elements and <noscript> that this walk skipped.
        self.hidden_chars = 0

    def walk(self, root: etree._Element) -> list[Block]:
        base = _Context(root, (), frozenset(), frozenset(), 0, False, False, False)
        # Each stack entry: (element, parent context) to enter, or (None, context) to leave.
        stack: list[tuple[etree._Element | None, _Context, etree._Element | None]] = [
            (root, base, None)
        ]
        while stack:
            element, context, leaving = stack.pop()
            if element is None:
                self._leave(leaving, context)
                continue
            tag = element.tag if isinstance(element.tag, str) else ""
            if not tag or tag.lower() in INVISIBLE_TAGS or self._hides(element, tag.lower()):
                if element.tail:
                    self._add(element.tail, context)
                continue
            own = self._context_for(element, tag.lower(), context)
            if tag.lower() in BLOCK_TAGS:
                self._flush()
            if element.text:
                self._add(element.text, own)
            stack.append((None, context, element))
            stack.extend((child, own, None) for child in reversed(element))
        self._flush()
        return self.blocks

    def _hides(self, element: etree._Element, tag: str) -> bool:
        """Whether to skip a hidden element or <noscript> (counting what it would have shown)."""
        if self.show_hidden or not (tag in HIDDEN_UNLESS_EMPTY_TAGS or _is_hidden(element)):
            return False
        self.hidden_chars += sum(len(piece.strip()) for piece in element.itertext())
        return True

    def _leave(self, element: etree._Element, parent_context: _Context) -> None:
        if element.tag.lower() in BLOCK_TAGS:
            self._flush()
        if element.tail:
            self._add(element.tail, parent_context)

    def _context_for(self, element: etree._Element, tag: str, parent: _Context) -> _Context:
        tokens = _tokens_of(element)
        if tag not in BLOCK_TAGS:
            if tokens and self.buffer.context is not None:
                self.buffer.inline_tokens.update(tokens)
            if tag == "a" and not parent.in_link:
                return _replace_link(parent, True)
            return parent
        landmarks = parent.landmarks
        role = LANDMARK_ROLES.get((element.get("role") or "").lower())
        if tag in LANDMARK_TAGS or role:
            landmarks = landmarks | {role or tag}
        return _Context(
            owner=element,
            tag_path=parent.tag_path + (tag,),
            tokens=parent.tokens | tokens if tokens else parent.tokens,
            landmarks=landmarks,
            heading_level=HEADING_LEVELS.get(tag, parent.heading_level),
            in_list=parent.in_list or tag in LIST_TAGS,
            in_table=parent.in_table or tag in ("table", "td", "th", "tr"),
            in_link=parent.in_link,
        )

    def _add(self, text: str, context: _Context) -> None:
        if self.buffer.context is not None and self.buffer.context.owner is not context.owner:
            self._flush()
        if self.buffer.context is None:
            if not text.strip():
                return
            self.buffer.context = context
        self.buffer.pieces.append(text)
        if context.in_link:
            self.buffer.link_pieces.append(text)

    def _flush(self) -> None:
        buffer, self.buffer = self.buffer, _Buffer()
        context = buffer.context
        if context is None:
            return
        text = " ".join("".join(buffer.pieces).split())
        if not text:
            return
        link_text = " ".join("".join(buffer.link_pieces).split())
        owner = context.owner
        hints = DomHints(
            tag=owner.tag.lower(),
            path=self.tree.getpath(owner),
            tag_path=context.tag_path,
            tokens=context.tokens | buffer.inline_tokens,
            link_chars=len(link_text),
            heading_level=context.heading_level,
            in_list=context.in_list,
            in_table=context.in_table,
            landmarks=context.landmarks,
        )
        self.blocks.append(
            Block(index=len(self.blocks), text=text, marker="•" if owner.tag == "li" else "",
                  dom=hints)
        )


def _replace_link(context: _Context, in_link: bool) -> _Context:
    return _Context(
        context.owner, context.tag_path, context.tokens, context.landmarks,
        context.heading_level, context.in_list, context.in_table, in_link,
    )
