"""What an HTML page says about itself: headline, author, publication date, site name,
description, language, tags, main image and address.

Read from the places publishers fill for search engines and social cards, in order of trust:
``<meta>`` tags (Open Graph, Dublin Core, parsely, ...), JSON-LD (schema.org ``headline``,
``author``, ``datePublished``), microdata (``itemprop``), then ``<time datetime>`` and ``<title>``.
The ``<title>`` (and og:title) usually carries the site name as well ("Headline | Site"); it is
cut off. Nothing here touches the network or the blocks' labels.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from email.utils import parsedate_to_datetime
from functools import cached_property
from itertools import chain
from urllib.parse import urljoin

from lxml import etree

from cleaner.blocks import PageMeta
from cleaner.language import declared_language

#: <meta> names and properties (lower-cased) that hold each field, most trusted first.
TITLE_META = ("og:title", "twitter:title", "dc.title", "title")
SITE_NAME_META = ("og:site_name", "application-name", "apple-mobile-web-app-title")
AUTHOR_META = (
    "author", "article:author", "og:article:author", "parsely-author", "sailthru.author",
    "dc.creator", "dcterms.creator", "byl", "cxenseparse:author",
)
DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished",
    "parsely-pub-date", "sailthru.date", "pubdate", "publishdate", "publish-date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "date", "og:updated_time",
    "article:modified_time",
)
ADDRESS_META = ("og:url", "twitter:url")
DESCRIPTION_META = ("og:description", "description", "twitter:description", "dc.description")
LANGUAGE_META = ("content-language", "og:locale", "dc.language", "language")
IMAGE_META = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
              "twitter:image:src")
#: <meta> names that each hold one tag (and may repeat), and those that hold a list of them.
TAG_META = ("article:tag", "og:article:tag", "parsely-section", "article:section")
TAG_LIST_META = ("keywords", "news_keywords", "parsely-tags", "sailthru.tags")
_WANTED_META = frozenset(TITLE_META + SITE_NAME_META + AUTHOR_META + DATE_META + ADDRESS_META
                         + DESCRIPTION_META + LANGUAGE_META + IMAGE_META + TAG_LIST_META)
#: Tags kept per page, and the longest text that passes for a tag.
MAX_TAGS = 30
TAG_MAX_CHARACTERS = 60
#: schema.org types whose JSON-LD object describes the page's article.
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "scholarlyarticle", "techarticle", "report", "webpage", "posting",
    "socialmediaposting", "discussionforumposting", "liveblogposting", "review", "recipe",
    "howto", "qapage", "itempage", "product", "event", "creativework", "medicalwebpage",
})
#: What separates a headline from the site name in <title>: "Headline | Site", "Site – Headline".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•:»/]{1,2}\s+|\s+::\s+")
#: Anchor marks documentation generators put after a heading ("Advanced Usage¶").
_HEADING_ANCHORS = "¶#§🔗 "
#: A side of the title this short (in words) and this much shorter than the other is a site name.
SITE_NAME_MAX_WORDS = 4
#: Author values that are not a person's name.
_NOT_A_NAME = re.compile(r"^(?:https?://|www\.|@)|[<>{}]")
AUTHOR_MAX_CHARACTERS = 100
#: ISO 8601 dates ("2019-03-07", "2019-03-07T10:00:00Z") and slashed ones ("2019/03/07").
_ISO_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T|\b)")
YEAR_RANGE = range(1990, 2100)


def read_metadata(root: etree._Element, html: str, headings: Sequence[str] = ()) -> PageMeta:
    """Headline, author and date of the page parsed from ``html`` into ``root`` (``headings``:
    the texts of its <h1> elements, in page order)."""
    sources = _Sources(root, html)
    meta = sources.head_meta
    # Chained generators: the later (costlier) sources are read only when the earlier fail.
    raw_title = _first_text(chain(
        (meta.get(name) for name in TITLE_META),
        _later(lambda: _string(sources.linked_data.get("headline"))),
        _later(lambda: sources.head_title),
    ))
    site_name = _first_text(chain(
        (meta.get(name) for name in SITE_NAME_META),
        _later(lambda: _string(sources.linked_data.get("publisher"))),
    ))
    author = _first_name(chain(
        (meta.get(name) for name in AUTHOR_META),
        _later(lambda: _string(sources.linked_data.get("author"))),
        sources.itemprop_values("author"),
    ))
    date = _first_date(chain(
        (meta.get(name) for name in DATE_META),
        (_string(sources.linked_data.get(key)) for key in ("datePublished", "dateCreated")),
        sources.itemprop_values("datePublished"),
        sources.time_values(),
    ))
    address = _first_address(chain(sources.canonical_links(),
                                   (meta.get(name) for name in ADDRESS_META)))
    description = _first_text(chain(
        (meta.get(name) for name in DESCRIPTION_META),
        _later(lambda: _string(sources.linked_data.get("description"))),
    ))
    language = _first_text(map(declared_language, chain(
        (sources.root.get("lang"), sources.root.get("{http://www.w3.org/XML/1998/namespace}lang"),
         sources.http_equiv("content-language")),
        (meta.get(name) for name in LANGUAGE_META),
    )))
    image = _first_address(chain(
        (meta.get(name) for name in IMAGE_META),
        _later(lambda: _image_address(sources.linked_data.get("image"))),
    ))
    return PageMeta(title=choose_title(raw_title, headings, site_name), author=author, date=date,
                    url=address, site_name=site_name, description=description,
                    language=language, tags=_tags(sources), image=image)


def base_address(root: etree._Element, url: str | None) -> str | None:
    """The absolute address the page's relative links resolve against, as a browser resolves
    them: its ``<base href>`` (itself relative to ``url``), else ``url``; without a ``url``,
    the page's canonical address. None when none is known."""
    sources = _Sources(root, "")
    given = url if _first_address([url]) else None
    own = given or _first_address(chain(sources.canonical_links(),
                                        (sources.head_meta.get(name) for name in ADDRESS_META)))
    for base in sources.head.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return _first_address([urljoin(own or "", href)]) or own
    return own


class _Sources:
    """The page's metadata sources, each read on first use (most pages need only the head)."""

    def __init__(self, root: etree._Element, html: str) -> None:
        self.root = root
        self.html = html
        head = root.find("head")
        self.head = head if head is not None else root

    def itemprop_values(self, name: str) -> Iterator[str]:
        """Microdata values of ``itemprop=name``: a content/datetime attribute, a nested
        itemprop=name, or the element's text. The tree is searched only when the source
        mentions the property (a search of the whole tree costs more than the rest)."""
        if f'itemprop="{name}"' not in self.html and f"itemprop='{name}'" not in self.html:
            return
        for element in self.root.iterfind(f'.//*[@itemprop="{name}"]'):
            value = element.get("content") or element.get("datetime")
            if not value:
                named = element.find('.//*[@itemprop="name"]')
                source = named if named is not None else element
                value = named.get("content") if named is not None else None
                value = value or _element_text(source)
            if value:
                yield value

    def canonical_links(self) -> Iterator[str | None]:
        """``href`` of the head's <link rel="canonical">."""
        for link in self.head.iter("link"):
            if (link.get("rel") or "").strip().lower() == "canonical":
                yield link.get("href")

    def time_values(self) -> Iterator[str | None]:
        """``datetime`` attributes of the page's <time> elements, in page order."""
        if "<time" in self.html:
            yield from (time.get("datetime") for time in self.root.iter("time"))

    @cached_property
    def head_meta(self) -> dict[str, str]:
        """First non-empty content of each wanted <meta> name/property/itemprop in the head,
        keys lower-cased (pages carry dozens of others: those are not read further)."""
        values: dict[str, str] = {}
        for meta in self.head.iter("meta"):
            key = meta.get("property") or meta.get("name") or meta.get("itemprop")
            if not key:
                continue
            key = key.strip().lower()
            if key in _WANTED_META and key not in values:
                content = " ".join((meta.get("content") or "").split())
                if content:
                    values[key] = content
        return values

    def http_equiv(self, name: str) -> str | None:
        """``content`` of the head's <meta http-equiv=name>."""
        for meta in self.head.iter("meta"):
            if (meta.get("http-equiv") or "").strip().lower() == name:
                return meta.get("content")
        return None

    def meta_values(self, names: Sequence[str]) -> Iterator[str]:
        """Every non-empty content of the head's <meta> of one of ``names``, in page order
        (article:tag repeats, one tag each)."""
        for meta in self.head.iter("meta"):
            key = (meta.get("property") or meta.get("name") or "").strip().lower()
            if key in names:
                content = " ".join((meta.get("content") or "").split())
                if content:
                    yield content

    @cached_property
    def head_title(self) -> str | None:
        for title in self.head.iter("title"):
            content = _element_text(title)
            if content:
                return content
        return None

    @cached_property
    def linked_data(self) -> dict:
        """The first schema.org object in the page's JSON-LD that describes an article or page."""
        if "application/ld+json" not in self.html:
            return {}
        for script in self.root.iter("script"):
            if (script.get("type") or "").strip().lower() != "application/ld+json":
                continue
            try:
                data = json.loads(script.text or "")
            except (ValueError, RecursionError):
                continue  # broken JSON-LD is common; it just tells us nothing
            for item in _json_objects(data):
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(isinstance(kind, str) and kind.lower() in ARTICLE_TYPES for kind in kinds):
                    return item
        return {}


def choose_title(raw_title: str | None, headings: Sequence[str], site_name: str | None,
                 ) -> str | None:
    """The headline: an <h1> (of ``headings``) that the title tags agree with, else the title
    tag cut free of the site name, else the first <h1>."""
    headings = [h.rstrip(_HEADING_ANCHORS).strip() for h in headings]
    headings = [h for h in headings if h]
    if not raw_title:
        return headings[0] if headings else None
    title = strip_site_name(raw_title, site_name)
    wanted = _normal(title)
    for heading in headings:
        # Half the title's words at least: a logo <h1> must not pass for the headline.
        if _normal(heading) in wanted and 2 * len(heading.split()) >= len(title.split()):
            return heading
    return title


def strip_site_name(title: str, site_name: str | None = None) -> str:
    """``title`` without the site name glued to it ("Headline | Site" → "Headline")."""
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    if site_name:
        site = _normal(site_name)
        kept = [part for part in parts if _normal(part) != site]
        if len(kept) < len(parts) and kept:
            return _rejoin(title, kept)
    first, last = parts[0], parts[-1]
    if len(last.split()) <= SITE_NAME_MAX_WORDS and len(first.split()) > 2 * len(last.split()):
        return _rejoin(title, parts[:-1])
    if len(first.split()) <= SITE_NAME_MAX_WORDS and len(last.split()) > 2 * len(first.split()):
        return _rejoin(title, parts[1:])
    return title


def normal_date(value: str | None) -> str | None:
    """``value`` as an ISO date (YYYY-MM-DD) when it holds one, else None."""
    if not value:
        return None
    match = _ISO_DATE.match(value) or _COMPACT_DATE.match(value)
    if match:
        year, month, day = (int(group) for group in match.groups())
    else:
        try:
            parsed = parsedate_to_datetime(value.strip())  # RFC 2822, as in RSS and HTTP
        except (TypeError, ValueError, IndexError):
            return None
        year, month, day = parsed.year, parsed.month, parsed.day
    if year not in YEAR_RANGE or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _json_objects(data: object, depth: int = 0) -> Iterator[dict]:
    """Objects of a JSON-LD document: itself, list items, and the members of an @graph."""
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _json_objects(data.get("@graph"), depth + 1)


def _string(value: object) -> str | None:
    """A JSON-LD value as text: strings as they are, objects by their name, lists by their
    first item."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str):
        return " ".join(value.split()) or None
    return None


def _tags(sources: _Sources) -> tuple[str, ...]:
    """The page's tags and categories, in the order it gives them, each once (case aside)."""
    data = sources.linked_data
    candidates = chain(
        sources.meta_values(TAG_META),
        (tag for value in sources.meta_values(TAG_LIST_META) for tag in value.split(",")),
        _json_tags(data.get("keywords")),
        _json_tags(data.get("articleSection")),
    )
    tags: dict[str, str] = {}
    for candidate in candidates:
        tag = " ".join(candidate.split())
        if tag and len(tag) <= TAG_MAX_CHARACTERS and tag.casefold() not in tags:
            tags[tag.casefold()] = tag
            if len(tags) == MAX_TAGS:
                break
    return tuple(tags.values())


def _json_tags(value: object) -> Iterator[str]:
    """Tags from a JSON-LD value: a comma-separated string or a list of strings."""
    if isinstance(value, str):
        yield from value.split(",")
    elif isinstance(value, list):
        yield from (item for item in value if isinstance(item, str))


def _image_address(value: object) -> str | None:
    """The address of a JSON-LD image: a string, an ImageObject's url, a list's first."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value if isinstance(value, str) else None


def _later(read: Callable[[], str | None]) -> Iterator[str | None]:
    """``read()`` as a one-item iterator, called only when the chain gets that far."""
    yield read()


def _first_text(candidates: Iterable[str | None]) -> str | None:
    return next((candidate for candidate in candidates if candidate), None)


def _first_name(candidates: Iterable[str | None]) -> str | None:
    """The first candidate that reads as a person's (or desk's) name, not a URL or a handle."""
    for candidate in candidates:
        if not candidate:
            continue
        name = " ".join(candidate.split())
        if name.lower().startswith("by "):
            name = name[3:].strip()
        if name and len(name) <= AUTHOR_MAX_CHARACTERS and not _NOT_A_NAME.search(name):
            return name
    return None


def _first_address(candidates: Iterable[str | None]) -> str | None:
    """The first absolute http(s) address among ``candidates``."""
    for candidate in candidates:
        value = (candidate or "").strip()
        if value.lower().startswith(("http://", "https://")) and " " not in value:
            return value
    return None


def _first_date(candidates: Iterable[str | None]) -> str | None:
    return next((date for date in map(normal_date, candidates) if date), None)


def _element_text(element: etree._Element) -> str:
    """An element's text with its white space collapsed."""
    return " ".join("".join(element.itertext()).split())


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def _rejoin(title: str, parts: list[str]) -> str:
    """The kept parts, with the separators the title had between them."""
    if len(parts) == 1:
        return parts[0].strip()
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if 0 <= start < end else " - ".join(parts)
