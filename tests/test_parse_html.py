"""HTML to blocks: reading order, invisible content dropped, browser-like joining, DOM hints."""

from cleaner.parse.html_dom import parse_html

PAGE = """<!DOCTYPE html>
<html><head><title>Page title - Site</title>
<meta property="og:title" content="Article headline">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article class="post">
  <h1>Article headline</h1>
  <p>First <b>bold</b>word and <a href="#">a link</a> in one paragraph.</p>
  <p>Line one<br>line two</p>
  <div hidden>secret hidden text</div>
  <div style="display: none">also hidden</div>
  <p aria-hidden="true">aria hidden</p>
  <template><p>template text</p></template>
  <noscript>enable javascript</noscript>
</article>
<footer role="contentinfo"><p>© 2024 Site</p></footer>
</body></html>
"""


def test_blocks_in_reading_order_without_invisible_text():
    texts = [b.text for b in parse_html(PAGE).blocks]
    assert texts == [
        "Home",
        "News",
        "Article headline",
        "First boldword and a link in one paragraph.",
        "Line one",
        "line two",
        "© 2024 Site",
    ]


def test_page_title_is_the_h1_the_title_tags_agree_with():
    assert parse_html(PAGE).meta.title == "Article headline"


def test_dom_hints():
    blocks = {b.text: b for b in parse_html(PAGE).blocks}
    home = blocks["Home"].dom
    assert home.tag == "li" and home.in_list
    assert "nav" in home.landmarks and "main-nav" in home.tokens
    assert blocks["Home"].link_density == 1.0
    headline = blocks["Article headline"].dom
    assert headline.heading_level == 1 and "post" in headline.tokens
    paragraph = blocks["First boldword and a link in one paragraph."]
    assert 0 < paragraph.link_density < 0.3
    assert paragraph.dom.path.startswith("/html/body/article/p")
    assert "footer" in blocks["© 2024 Site"].dom.landmarks


def test_inline_whitespace_is_kept_between_words():
    page = parse_html("<p><span>New</span> <span>York</span>\n<em>Times</em></p>")
    assert [b.text for b in page.blocks] == ["New York Times"]


def test_table_cells_are_separate_blocks():
    page = parse_html("<table><tr><td>Name</td><td>Age</td></tr></table>")
    assert [(b.text, b.dom.in_table) for b in page.blocks] == [("Name", True), ("Age", True)]


def test_text_only_in_noscript_is_shown_when_nothing_else_is():
    page = parse_html("<html><body><noscript><p>" + "Forum post text. " * 20 +
                      "</p></noscript></body></html>")
    assert page.blocks and page.blocks[0].text.startswith("Forum post text.")


def test_broken_markup_still_parses():
    page = parse_html("<div><p>unclosed <b>bold <i>both</div><p>next</table></span>")
    assert [b.text for b in page.blocks] == ["unclosed bold both", "next"]


def test_the_text_is_read_as_given_whatever_charset_the_page_declares():
    html = ('<html><head><meta charset="windows-1252"></head><body>'
            "<p>Café “naïve” 日本語 🎉</p><p>A lone \ud800 surrogate does not end the page</p>")
    assert [b.text for b in parse_html(html).blocks] == [
        "Café “naïve” 日本語 🎉", "A lone ? surrogate does not end the page",
    ]


def test_deep_nesting_does_not_recurse():
    depth = 1500  # deeper than Python's recursion limit, within libxml2's
    page = parse_html("<div>" * depth + "deep text" + "</div>" * depth + "<p>after</p>")
    assert [b.text for b in page.blocks] == ["deep text", "after"]


def test_nesting_beyond_the_parser_limit_keeps_all_text():
    depth = 100_000
    page = parse_html("<p>before</p>" + "<div><span>" * depth + "deep text" +
                      "</span></div>" * depth + "<p>after</p>")
    assert [b.text for b in page.blocks] == ["before", "deep text", "after"]


def test_element_paths_are_xpaths_numbered_only_among_same_tag_siblings():
    page = parse_html("<p>x</p><div><p>y</p><p>z</p></div><div>w</div>")
    assert [b.dom.path for b in page.blocks] == [
        "/html/body/p", "/html/body/div[1]/p[1]", "/html/body/div[1]/p[2]", "/html/body/div[2]"]
    # libxml2 leaves a second <html> beside the first on such pages: the root gets a number.
    twice = parse_html("<html><body><p>a</p></body></html><html><body><p>b</p></body></html>")
    assert [b.dom.path for b in twice.blocks] == ["/html[1]/body/p"]


def test_paths_on_a_page_with_a_very_wide_parent_are_still_lxmls():
    # 1,200 paragraphs side by side (and a wide <ul>) switch the walker to numbering each
    # parent's children once; the paths must not change.
    from lxml import etree

    from cleaner.parse.element_paths import MANY_CHILDREN, LxmlPaths, WalkPaths

    wide = MANY_CHILDREN + 200
    html = ("<html><body><div><p>lead</p></div>" + "<p>para <b>x</b></p><div>d</div>" * wide
            + "<ul>" + "<li>item</li>" * wide + "</ul><h2>end</h2></body></html>")
    page = parse_html(html)
    tree = etree.fromstring(html, etree.HTMLParser()).getroottree()
    expected = [tree.getpath(element) for element in tree.iter()
                if element.text and element.tag in {"p", "div", "li", "h2"}]
    assert [b.dom.path for b in page.blocks] == expected
    assert page.blocks[-1].dom.path == "/html/body/h2"
    assert page.blocks[1].dom.path == "/html/body/p[1]"
    # Both path finders agree with getpath on every element, root included.
    for finder in (WalkPaths(tree), LxmlPaths(tree)):
        assert all(finder.of(e) == tree.getpath(e) for e in tree.iter())
