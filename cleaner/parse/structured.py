"""Content a page carries outside its visible text: the bodies and descriptions in its JSON-LD,
and its meta description. Taken only when the visible text is missing or tiny (a JavaScript
app that renders its posts from data), as blocks that say where they came from.
"""

from __future__ import annotations

import html as entities
import json
import re
from collections.abc import Iterator

from lxml import etree

from cleaner.blocks import Block, DomHints

#: JSON-LD properties that hold a page's content (an article's body, a forum post's or a
#: review's text, a product's description), wherever they sit in the document.
CONTENT_PROPERTIES = ("articleBody", "text", "reviewBody", "description")
#: <meta> names whose content describes the page, taken when the JSON-LD holds nothing.
DESCRIPTION_META = ("description", "og:description", "twitter:description")
#: A page showing fewer words than this gets its structured content as blocks, when that
#: content has more words than the page shows.
FALLBACK_BELOW_WORDS = 30
#: How deep into a JSON-LD document the search for content goes (posts inside a thread inside
#: a graph).
MAX_DEPTH = 8

_TAG = re.compile(r"<[^>]{0,2000}>")
_SCRIPT_PATH = ("html", "head", "script")
_META_PATH = ("html", "head", "meta")


def structured_blocks(root: etree._Element, html: str, first_index: int) -> list[Block]:
    """Blocks of the page's JSON-LD content (else its meta description), numbered from
    ``first_index``; each block's element path is its <script> or <meta>."""
    tree = root.getroottree()
    found: list[tuple[etree._Element, str, str]] = []
    if "ld+json" in html:
        for script in root.iter("script"):
            if (script.get("type") or "").strip().lower() == "application/ld+json":
                found += [(script, name, text) for name, text in _json_ld_texts(script.text)]
    if not found:
        found = [(meta, key, text) for meta, key, text in _description_metas(root)][:1]
    blocks: list[Block] = []
    seen: set[str] = set()
    for element, name, text in found:
        if text in seen:
            continue
        seen.add(text)
        is_script = element.tag == "script"
        hints = DomHints(tag=element.tag, path=tree.getpath(element),
                         tag_path=_SCRIPT_PATH if is_script else _META_PATH,
                         tokens=frozenset({"json-ld" if is_script else "meta", name.lower()}))
        for paragraph in text.split("\n\n"):
            paragraph = " ".join(paragraph.split())
            if paragraph:
                blocks.append(Block(first_index + len(blocks), paragraph, dom=hints))
    return blocks


def source_of(block: Block) -> str:
    """Where a structured block came from, for its reason: "JSON-LD articleBody", "meta
    description"."""
    tokens = block.dom.tokens if block.dom else frozenset()
    origin = "JSON-LD" if "json-ld" in tokens else "meta"
    names = sorted(tokens - {"json-ld", "meta"})
    return f"{origin} {names[0] if names else ''}".strip()


def _json_ld_texts(source: str | None) -> Iterator[tuple[str, str]]:
    try:
        data = json.loads(source or "")
    except (ValueError, RecursionError):
        return  # broken JSON-LD is common; it just holds nothing usable
    yield from _content_values(data, 0)


def _content_values(data: object, depth: int) -> Iterator[tuple[str, str]]:
    """(property, text) of every content property in ``data``, in document order."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _content_values(item, depth + 1)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key in CONTENT_PROPERTIES and isinstance(value, str):
                text = _plain(value)
                if text:
                    yield key, text
            elif isinstance(value, dict | list):
                yield from _content_values(value, depth + 1)


def _description_metas(root: etree._Element) -> Iterator[tuple[etree._Element, str, str]]:
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        if key in DESCRIPTION_META:
            text = _plain(meta.get("content") or "")
            if text:
                yield meta, key, text


def _plain(value: str) -> str:
    """A JSON-LD string as text: markup some sites put in it taken out, paragraphs kept."""
    text = entities.unescape(_TAG.sub(" ", value.replace("<p>", "\n\n").replace("<br>", "\n")))
    return "\n\n".join(" ".join(part.split()) for part in text.split("\n\n")
                       if part.strip()).strip()
