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
from collections import Counter
from collections.abc import Sequence

from cleaner.blocks import Page
from cleaner.labels import Label
from cleaner.patterns import lower
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
#: Words of the page's <title> that hint at its kind, one 0/1 column each.
TITLE_HINTS = ("shop", "store", "buy", "sale", "products", "product", "collection", "category",
               "forum", "thread", "topic", "community", "question", "docs", "documentation",
               "guide", "api", "reference", "tutorial", "manual", "services", "service",
               "contact", "about", "pricing", "home", "blog", "news", "archive", "page", "tag",
               "search", "results", "reviews", "how")
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

#: Elements a page's source holds, counted (log) per tag: a grid of <article> cards, a cart
#: form, code blocks, a comment box.
TAG_COUNTS = ("article", "section", "li", "h2", "h3", "pre", "code", "table", "img", "form",
              "input", "button", "select", "textarea", "time")
#: Words in the page's class and id attributes, counted (log) per name; each counts the
#: substrings listed ("product-card", "comment-reply", "pagination").
CLASS_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cart", ("cart",)), ("breadcrumb", ("breadcrumb",)), ("pagination", ("pagination", "pager")),
    ("comment", ("comment",)), ("reply", ("reply",)), ("rating", ("rating",)),
    ("author", ("author",)), ("sku", ("sku",)), ("sidebar", ("sidebar",)), ("card", ("card",)),
    ("thread", ("thread",)), ("product", ("product",)), ("price", ("price",)),
    ("docs", ("docs", "documentation")), ("forum", ("forum",)),
    ("login", ("login", "sign-in", "signin")), ("post", ("post",)), ("grid", ("grid",)),
    ("item", ("item",)), ("toc", ("toc",)), ("date", ("date",)),
)
#: Substrings of the source itself (metadata), counted (log) per name: "ublished" finds
#: article:published_time and datePublished.
SOURCE_WORDS = (("published", "ublished"), ("itemprop_price", 'itemprop="price"'))
#: Blocks sharing one element path but for positions (/ul/li[3], /ul/li[4]) form a repeated
#: structure from this many on: a grid, a list of teasers, a thread of posts.
REPEAT_MIN = 5

# Each starts with a literal, which the regex engine finds fast in a long source.
_JSON_LD_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"([A-Za-z]+)"')
_OG_TYPE = re.compile(r'og:type["\'][^>]*content=["\']([A-Za-z.]+)')
_URL_WORD = re.compile(r"[a-z0-9]+")
_PRICE = re.compile(r"(?:[$€£¥]\s?\d|\d[.,]\d\d\s?(?:€|EUR|USD|\$))")
_CODE_LIKE = re.compile(r"[{}();=<>]|\b(?:def|function|return|import|class|var|const)\b")
_DATE = re.compile(r"\b(?:19|20)\d\d\b")
_WORD = re.compile(r"\w+")
_TITLE = re.compile(r"<title[^>]*>([^<]{0,500})", re.IGNORECASE)
_POSITION = re.compile(r"\[\d+\]")
_TAG = re.compile(r"<(" + "|".join(TAG_COUNTS) + r")[\s>/]", re.IGNORECASE)
_CLASS = re.compile(r"""class=["']([^"']*)""")
_ID = re.compile(r"""id=["']([^"']*)""")
_KIND_WORD_COLUMN = {word: column for column, word in enumerate(KIND_WORDS)}

PAGE_FEATURE_NAMES: tuple[str, ...] = (
    *(f"url_{hint}" for hint in URL_HINTS), "url_depth", "url_digits", "url_known",
    "url_slug_words", "url_last_chars", "url_query", "url_trailing_slash",
    *(f"title_{hint}" for hint in TITLE_HINTS), "title_words", "title_separators",
    "meta_author", "meta_date",
    *(f"schema_{name}" for name in SCHEMA_TYPES),
    "blocks_log", "words_log", "mean_block_words", "share_blocks_short", "share_words_long",
    "share_list_blocks", "share_table_blocks", "share_heading_blocks", "link_density",
    "share_linked_blocks", "prices_per_block", "code_share", "years_per_block",
    "share_sentence_end", "heuristic_body_share", "heuristic_body_blocks_log",
    "trafilatura_share", "comments_share", "byline_blocks_log", "is_html",
    *(f"word_{word}" for word in KIND_WORDS),
    *(f"tag_{tag}" for tag in TAG_COUNTS), *(f"class_{name}" for name, _ in CLASS_WORDS),
    *(f"source_{name}" for name, _ in SOURCE_WORDS),
    "repeat_largest_share", "repeat_groups_log", "repeat_share", "repeat_mean_words",
)


def page_row(page: Page, decisions: Sequence[Decision],
             trafilatura_kept: Sequence[bool] | None) -> list[float]:
    """The page's row of PAGE_FEATURE_NAMES."""
    return (_url_row(page.url or page.meta.url) + _title_row(page) + _schema_row(page)
            + _shape_row(page, decisions, trafilatura_kept) + _words_row(page)
            + _markup_row(page) + _repeat_row(page))


def _markup_row(page: Page) -> list[float]:
    width = len(TAG_COUNTS) + len(CLASS_WORDS) + len(SOURCE_WORDS)
    if page.input_type != "html":
        return [-1.0] * width
    source = page.source_text[:2_000_000]
    tags = Counter(lower(match) for match in _TAG.findall(source))
    classes = lower(" ".join(_CLASS.findall(source) + _ID.findall(source)))
    return ([math.log1p(tags[tag]) for tag in TAG_COUNTS]
            + [math.log1p(sum(classes.count(word) for word in words)) for _, words in CLASS_WORDS]
            + [math.log1p(source.count(needle)) for _, needle in SOURCE_WORDS])


def _repeat_row(page: Page) -> list[float]:
    """How much of the page is repeated structure: blocks whose element path, positions left
    out, at least REPEAT_MIN blocks share (HTML; -1 on dumps)."""
    if page.input_type != "html":
        return [-1.0] * 4
    groups: dict[str, list[int]] = {}
    for block in page.blocks:
        if block.dom is not None:
            groups.setdefault(_POSITION.sub("", block.dom.path), []).append(
                len(block.text.split()))
    repeated = [words for words in groups.values() if len(words) >= REPEAT_MIN]
    count = len(page.blocks) or 1
    in_repeats = sum(len(words) for words in repeated)
    return [max((len(words) for words in repeated), default=0) / count,
            math.log1p(len(repeated)), in_repeats / count,
            sum(map(sum, repeated)) / in_repeats if in_repeats else 0.0]


def _words_row(page: Page) -> list[float]:
    counts = [0.0] * len(KIND_WORDS)
    total = 0
    for block in page.blocks:
        for word in _WORD.findall(lower(block.text)):
            total += 1
            column = _KIND_WORD_COLUMN.get(word)
            if column is not None:
                counts[column] += 1
    return [100 * count / total if total else 0.0 for count in counts]


def _url_row(url: str | None) -> list[float]:
    if not url:
        return [-1.0] * (len(URL_HINTS) + 7)
    address = url.split("://", 1)[-1]
    path = lower(address.partition("/")[2])
    words = set(_URL_WORD.findall(path))
    last = path.partition("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return [float(hint in words) for hint in URL_HINTS] + [
        float(path.count("/")), float(sum(character.isdigit() for character in path)), 1.0,
        float(len(_URL_WORD.findall(last))), float(len(last)), float("?" in path),
        float(path.partition("?")[0].endswith("/"))]


def _title_row(page: Page) -> list[float]:
    """The <title>'s hint words, its length and separators ("Product | Shop"); whether the
    page's metadata names an author and a date (HTML; -1 on dumps)."""
    if page.input_type != "html":
        return [-1.0] * (len(TITLE_HINTS) + 4)
    match = _TITLE.search(page.source_text[:500_000])
    title = lower(match.group(1)) if match else ""
    words = _WORD.findall(title)
    present = set(words)
    return [float(hint in present) for hint in TITLE_HINTS] + [
        float(len(words)), float(sum(title.count(mark) for mark in "|-–—:·»")),
        float(page.meta.author is not None), float(page.meta.date is not None)]


def _schema_row(page: Page) -> list[float]:
    if page.input_type != "html":
        return [-1.0] * len(SCHEMA_TYPES)
    found = set()
    source = page.source_text[:2_000_000]
    for name in _JSON_LD_TYPE.findall(source) + _OG_TYPE.findall(source):
        name = lower(name)
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
