"""HTML fragments (a CMS content field: no <html>, <head> or <body>): sniffed as HTML, and all
of their content is the article, headings and lists included, while per-block evidence (share
bars, newsletter pitches) still drops what it names."""

from __future__ import annotations

import pytest

from cleaner import Label, clean
from cleaner.parse import parse_html, parse_text
from cleaner.sniff import sniff_input_type

FRAGMENT = (
    "<h2>Installing</h2>\n<p>First download ...</p>\n"
    "<ul><li>Linux: use the tarball</li><li>Windows: use the zip</li></ul>\n"
    "<h2>Configuring</h2>\n<p>Edit the configuration file ...</p>"
)
#: The fragment's pieces, in reading order.
PIECES = ["Installing", "First download ...", "Linux: use the tarball", "Windows: use the zip",
          "Configuring", "Edit the configuration file ..."]


def test_the_fragment_sniffs_as_html():
    assert sniff_input_type(FRAGMENT) == "html"


@pytest.mark.parametrize("extractor", ["auto", "heuristic"])
def test_a_fragment_is_all_body_headings_and_list_items_included(extractor):
    result = clean(FRAGMENT, extractor=extractor)
    assert result.input_type == "html"
    positions = [result.text.find(piece) for piece in PIECES]
    assert -1 not in positions, result.text
    assert positions == sorted(positions)
    assert result.title is None or result.title in result.text


@pytest.mark.parametrize("extractor", ["ensemble", "heuristic"])
def test_a_fragment_parsed_as_html_labels_every_block_body(extractor):
    result = clean(FRAGMENT, extractor=extractor, input_type="html")
    assert [(item.block.text, item.label) for item in result.blocks] == [
        (piece, Label.BODY) for piece in PIECES
    ]


SHARE_AND_NEWSLETTER = """<p>The library reads the configuration file once at start-up and
keeps it in memory.</p>
<p>Share: Facebook Twitter Email</p>
<p>Changes to the file take effect after a restart of the service.</p>
<div class="newsletter"><p>Subscribe to our newsletter</p></div>
"""


@pytest.mark.parametrize("extractor", ["auto", "heuristic"])
def test_a_share_bar_and_a_newsletter_pitch_in_a_fragment_are_still_dropped(extractor):
    result = clean(SHARE_AND_NEWSLETTER, extractor=extractor)
    labels = {item.block.text: item.label for item in result.blocks}
    assert labels == {
        "The library reads the configuration file once at start-up and keeps it in memory.":
            Label.BODY,
        "Share: Facebook Twitter Email": Label.SHARE,
        "Changes to the file take effect after a restart of the service.": Label.BODY,
        "Subscribe to our newsletter": Label.PROMO,
    }


def test_a_text_dump_with_leaked_div_lines_stays_text():
    dump = "\n".join([
        '<div class="post-header" data-id="17">',
        "Valley News",
        "  • Home",
        "  • Local",
        "",
        "Ferry service returns to the river after the winter",
        "",
        *["The ferry is back on the river after a winter in the dock, the operator said."] * 8,
        '<div class="share-buttons">',
        "Share this story with your friends and family.",
    ])
    assert sniff_input_type(dump) == "text"
    result = clean(dump)
    assert result.input_type == "text"
    assert "The ferry is back on the river" in result.text


def test_a_full_page_is_not_a_fragment():
    page = parse_html(f"<html><body>{FRAGMENT}</body></html>")
    assert not page.fragment
    assert not parse_html(f"<!DOCTYPE html>\n<title>Guide</title>\n{FRAGMENT}").fragment
    assert parse_html(FRAGMENT).fragment
    assert not parse_text("A line of text.\n").fragment


def test_a_body_without_its_frame_is_a_page_not_a_fragment():
    # A page's body saved without <html>/<body> still has its navigation and footer: the
    # article is to be found in it, not assumed to be all of it.
    body = f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\n{FRAGMENT}\n" \
           "<footer><p>© 2024 Site. All rights reserved.</p></footer>"
    assert not parse_html(body).fragment
    assert parse_html(f"<div class='entry'>{FRAGMENT}</div>").fragment
