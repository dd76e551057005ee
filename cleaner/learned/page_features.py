"""What the page-kind classifier sees of a page: one row of numbers per page.

The kinds (WCXB's seven) differ in shape more than in words: a product page has a price and
a JSON-LD Product, a collection a grid of short linked names, a forum many posts with
author lines, documentation code and headings. The row holds the page's address, its
structured data's types, the shape of its blocks and of what the heuristic and trafilatura
keep of them, and how often it uses words that tell kinds apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from cleaner.blocks import Page
from cleaner.labels import Label
from cleaner.result import Decision

#: The kinds of page, in the order of the classifier's classes.
KINDS = ("article", "collection", "documentation", "forum", "listing", "product", "service")
#: Words in a page's address that hint at its kind, one 0/1 column each.
URL_HINTS = ("blog", "news", "article", "post", "story", "20", "product", "products", "item",
             "shop", "store", "p", "dp", "collection", "collections", "category", "categories",
             "c", "tag", "search", "list", "forum", "forums", "thread", "threads", "topic",
             "community", "discussion", "questions", "t", "docs", "doc", "documentation",
             "guide", "api", "reference", "manual", "help", "support", "service", "services",
             "about", "contact", "pricing", "solutions", "html", "php", "aspx")
#: Structured-data types (JSON-LD "@type", og:type), one 0/1 column each.
SCHEMA_TYPES = ("article", "newsarticle", "blogposting", "product", "offer", "aggregaterating",
                "itemlist", "collectionpage", "searchresultspage", "discussionforumposting",
                "qapage", "question", "comment", "techarticle", "howto", "faqpage",
                "service", "localbusiness", "organization", "breadcrumblist", "webpage",
                "website", "event", "recipe", "softwareapplication", "person")

#: Words whose share of the page's words tells kinds apart (a shop's "cart" and "shipping", a
#: forum's "replies" and "joined", documentation's "parameters", a service's "we" and "book"),
#: one column each: per hundred words of the page.
KIND_WORDS = ("we", "our", "us", "you", "your", "i", "my", "cart", "price", "buy", "shop",
              "shipping", "reviews", "reply", "replies", "posted", "joined", "views", "thread",
              "post", "quote", "member", "members", "install", "function", "example",
              "returns", "parameters", "api", "version", "contact", "services", "service",
              "free", "call", "book", "appointment", "read", "min", "ago", "said", "according",
              "results", "sort", "filter", "items", "products", "page", "next", "previous",
              "showing", "of")

_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"([A-Za-z]+)"|property=["\']og:type["\'][^>]*'
                   r'content=["\']([a-z.]+)', re.IGNORECASE)
_URL_WORD = re.compile(r"[a-z0-9]+")
_PRICE = re.compile(r"(?:[$€£¥]\s?\d|\d[.,]\d\d\s?(?:€|EUR|USD|\$))")
_CODE_LIKE = re.compile(r"[{}();=<>]|\b(?:def|function|return|import|class|var|const)\b")
_DATE = re.compile(r"\b(?:19|20)\d\d\b")
_WORD = re.compile(r"\w+")
_KIND_WORD_COLUMN = {word: column for column, word in enumerate(KIND_WORDS)}

PAGE_FEATURE_NAMES: tuple[str, ...] = (
    *(f"url_{hint}" for hint in URL_HINTS), "url_depth", "url_digits", "url_known",
    *(f"schema_{name}" for name in SCHEMA_TYPES),
    "blocks_log", "words_log", "mean_block_words", "share_blocks_short", "share_words_long",
    "share_list_blocks", "share_table_blocks", "share_heading_blocks", "link_density",
    "share_linked_blocks", "prices_per_block", "code_share", "years_per_block",
    "share_sentence_end", "heuristic_body_share", "heuristic_body_blocks_log",
    "trafilatura_share", "comments_share", "byline_blocks_log", "is_html",
    *(f"word_{word}" for word in KIND_WORDS),
)


def page_row(page: Page, decisions: Sequence[Decision],
             trafilatura_kept: Sequence[bool] | None) -> list[float]:
    """The page's row of PAGE_FEATURE_NAMES."""
    return (_url_row(page.url) + _schema_row(page) + _shape_row(page, decisions, trafilatura_kept)
            + _words_row(page))


def _words_row(page: Page) -> list[float]:
    counts = [0.0] * len(KIND_WORDS)
    total = 0
    for block in page.blocks:
        for word in _WORD.findall(block.text.lower()):
            total += 1
            column = _KIND_WORD_COLUMN.get(word)
            if column is not None:
                counts[column] += 1
    return [100 * count / total if total else 0.0 for count in counts]


def _url_row(url: str | None) -> list[float]:
    if not url:
        return [-1.0] * (len(URL_HINTS) + 3)
    path = url.split("://", 1)[-1].partition("/")[2].lower()
    words = set(_URL_WORD.findall(path))
    return [float(hint in words) for hint in URL_HINTS] + [
        float(path.count("/")), float(sum(character.isdigit() for character in path)), 1.0]


def _schema_row(page: Page) -> list[float]:
    if page.input_type != "html":
        return [-1.0] * len(SCHEMA_TYPES)
    found = set()
    for match in _TYPE.finditer(page.source_text[:2_000_000]):
        name = (match.group(1) or match.group(2) or "").lower()
        found.add(name.rsplit(".", 1)[0] if "." in name else name)
    return [float(name in found) for name in SCHEMA_TYPES]


def _shape_row(page: Page, decisions: Sequence[Decision],
               trafilatura_kept: Sequence[bool] | None) -> list[float]:
    blocks = page.blocks
    count = len(blocks) or 1
    words = [len(block.text.split()) for block in blocks]
    total = sum(words) or 1
    text = "\n".join(block.text for block in blocks)
    body = [decision.label is Label.BODY for decision in decisions]
    body_words = sum(w for w, kept in zip(words, body, strict=True) if kept)
    kept_words = (sum(w for w, kept in zip(words, trafilatura_kept, strict=True) if kept)
                  if trafilatura_kept is not None else -total)
    link_chars = sum(block.dom.link_chars for block in blocks if block.dom)
    chars = sum(len(block.text) for block in blocks) or 1
    return [
        math.log1p(len(blocks)), math.log1p(total), total / count,
        sum(1 for w in words if w <= 4) / count, sum(w for w in words if w >= 30) / total,
        sum(1 for b in blocks if b.marker or (b.dom and b.dom.in_list)) / count,
        sum(1 for b in blocks if b.dom and b.dom.in_table) / count,
        sum(1 for b in blocks if b.dom and b.dom.heading_level) / count,
        link_chars / chars,
        sum(1 for b in blocks if b.link_density > 0.5) / count,
        len(_PRICE.findall(text)) / count,
        len(_CODE_LIKE.findall(text)) / max(1, total),
        len(_DATE.findall(text)) / count,
        sum(1 for b in blocks if b.text.rstrip()[-1:] in ".!?") / count,
        body_words / total, math.log1p(sum(body)),
        kept_words / total,
        sum(1 for d in decisions if d.label is Label.COMMENTS) / count,
        math.log1p(sum(1 for d in decisions if d.label is Label.BYLINE)),
        float(page.input_type == "html"),
    ]
