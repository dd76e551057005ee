"""Page metadata from HTML: headline without the site name, author, publication date."""

import json

import pytest

from cleaner import clean
from cleaner.parse import parse_html
from cleaner.parse.html_meta import normal_date, strip_site_name

BODY = "<body><article><p>Some article text that is long enough to be a body.</p></article></body>"


def _page(head: str, body: str = BODY) -> str:
    return f"<html><head>{head}</head>{body}</html>"


def _meta(head: str, body: str = BODY):
    return parse_html(_page(head, body)).meta


@pytest.mark.parametrize(("title", "site", "expected"), [
    ("River towns vote to share one fire brigade | Daily Courier", None,
     "River towns vote to share one fire brigade"),
    ("Daily Courier – River towns vote to share one fire brigade", None,
     "River towns vote to share one fire brigade"),
    ("Budget vote - Daily Courier Online", "Daily Courier Online", "Budget vote"),
    ("Sport :: Results - Example Times", "Example Times", "Sport :: Results"),
    ("A headline with no site name", None, "A headline with no site name"),
    ("Left - Right", None, "Left - Right"),  # nothing tells which side is the site
])
def test_site_name_is_cut_from_the_title(title, site, expected):
    assert strip_site_name(title, site) == expected


def test_title_prefers_the_h1_the_title_tags_agree_with():
    head = "<title>Vote passes: towns merge brigades | Courier</title>"
    body = ("<body><header><h1>Courier</h1></header>"
            "<h1>Vote passes: towns merge brigades¶</h1></body>")
    assert _meta(head, body).title == "Vote passes: towns merge brigades"


def test_title_from_og_title_when_no_h1_agrees():
    head = ('<title>Ignored | Site</title>'
            '<meta property="og:site_name" content="Courier">'
            '<meta property="og:title" content="Towns merge their fire brigades | Courier">')
    assert _meta(head).title == "Towns merge their fire brigades"


def test_author_from_meta_without_by_and_skipping_urls():
    head = ('<meta property="article:author" content="https://facebook.com/someone">'
            '<meta name="author" content="By Ann Lee">')
    assert _meta(head).author == "Ann Lee"


def test_author_and_date_from_json_ld_graph():
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Courier"},
        {"@type": ["NewsArticle"], "headline": "Towns merge brigades",
         "author": [{"@type": "Person", "name": "Ann Lee"}],
         "datePublished": "2024-02-01T09:30:00+01:00"},
    ]}
    meta = _meta(f'<script type="application/ld+json">{json.dumps(data)}</script>')
    assert (meta.title, meta.author, meta.date) == ("Towns merge brigades", "Ann Lee", "2024-02-01")


def test_broken_json_ld_is_ignored():
    meta = _meta('<script type="application/ld+json">{"@type": "Article", </script>'
                 '<meta property="article:published_time" content="2023-11-05">')
    assert meta.date == "2023-11-05" and meta.author is None


def test_microdata_and_time_elements_in_the_body():
    body = ('<body><article><span itemprop="author" itemscope><span itemprop="name">Bo Chen'
            '</span></span><p>Text of the article.</p></article></body>')
    assert _meta("", body).author == "Bo Chen"
    body = '<body><p>Posted <time datetime="2022-07-14T08:00">July 14</time></p></body>'
    assert _meta("", body).date == "2022-07-14"


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-02-01T09:30:00Z", "2024-02-01"),
    ("2024/2/1", "2024-02-01"),
    ("20240201", "2024-02-01"),
    ("Thu, 01 Feb 2024 09:30:00 +0000", "2024-02-01"),
    ("yesterday", None),
    ("2024-13-01", None),
    ("0001-01-01", None),
    ("", None),
])
def test_dates_are_normalised_to_iso(value, expected):
    assert normal_date(value) == expected


def test_json_output_carries_author_and_date():
    head = ('<title>Towns merge brigades | Courier</title><meta name="author" content="Ann Lee">'
            '<meta property="article:published_time" content="2024-02-01T09:30:00Z">')
    record = clean(_page(head), extractor="heuristic").to_dict()
    assert (record["title"], record["author"], record["date"]) == (
        "Towns merge brigades", "Ann Lee", "2024-02-01")


def test_text_input_has_no_metadata():
    record = clean("A headline\n\nSome article text that is long enough to be a body.\n",
                   extractor="heuristic").to_dict()
    assert record["author"] is None and record["date"] is None


def test_the_pages_own_address_from_its_canonical_link_else_og_url():
    canonical = '<link rel="canonical" href="https://example.org/news/ferry-repairs">'
    og_url = '<meta property="og:url" content="https://example.org/og/ferry">'
    assert _meta(canonical + og_url).url == "https://example.org/news/ferry-repairs"
    assert _meta(og_url).url == "https://example.org/og/ferry"
    # A relative canonical link is no address of its own: og:url stands in.
    assert _meta('<link rel="canonical" href="/news/ferry">' + og_url).url == (
        "https://example.org/og/ferry")
    assert _meta("").url is None
