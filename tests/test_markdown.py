"""Structure-faithful output: the structural units of kept blocks, rendered as plain text and
as Markdown (issue 19)."""

from pathlib import Path

from helpers import run_cli

import cleaner
from cleaner.blocks import Block
from cleaner.labels import Label
from cleaner.parse import parse_page
from cleaner.render import markdown, plain_text
from cleaner.result import Decision, build_result
from cleaner.structure import Code, ListItem, Paragraph, Table, structure

FIXTURE = Path(__file__).parent.parent / "fixtures" / "written" / "tide-gauge-guide"


def _units(body_html: str):
    return structure(parse_page(f"<html><body>{body_html}</body></html>", "html").blocks)


def _markdown(body_html: str) -> str:
    return markdown(_units(body_html))


def test_headings_keep_the_page_levels():
    assert _markdown("<h2>Section</h2><p>Text.</p><h3>Sub</h3>") == "## Section\n\nText.\n\n### Sub"


def test_nested_lists_are_indented_and_ordered_ones_keep_their_numbers():
    html = ("<ol><li>First</li><li>Second<ul><li>inner a</li><li>inner b</li></ul></li>"
            "<li>Third</li></ol>")
    assert _markdown(html) == "1. First\n2. Second\n    - inner a\n    - inner b\n3. Third"
    assert plain_text(_units(html)) == "1. First\n2. Second\n  - inner a\n  - inner b\n3. Third"


def test_an_item_keeps_its_page_number_when_items_before_it_are_not_kept():
    blocks = parse_page("<html><body><ol><li>One</li><li>Two</li><li>Three</li></ol>"
                        "</body></html>", "html").blocks
    assert markdown(structure(blocks[1:])) == "2. Two\n3. Three"


def test_a_second_paragraph_of_an_item_continues_it():
    units = _units("<ul><li><p>Item text</p><p>More about it</p></li><li>Next</li></ul>")
    assert units == [ListItem("Item text", 1, None), ListItem("More about it", 1, None, True),
                     ListItem("Next", 1, None)]
    assert markdown(units) == "- Item text\n\n    More about it\n- Next"


def test_a_table_with_a_header_becomes_a_pipe_table():
    html = ("<table><thead><tr><th>Day</th><th>High</th></tr></thead><tbody>"
            "<tr><td>Monday</td><td>4.21</td></tr><tr><td>Tue|Wed</td></tr></tbody></table>")
    assert _units(html) == [Table((("Day", "High"), ("Monday", "4.21"), ("Tue|Wed",)))]
    assert _markdown(html) == ("| Day | High |\n| --- | --- |\n| Monday | 4.21 |\n"
                               "| Tue\\|Wed |  |")
    assert plain_text(_units(html)) == "Day\tHigh\nMonday\t4.21\nTue|Wed"


def test_cells_of_several_blocks_are_joined_and_headings_in_cells_stay_cells():
    html = ("<table><tr><td><h5>Sensor</h5></td><td><p>1664 px</p><p>HDR</p></td></tr>"
            "<tr><td>Range</td><td>10 m</td></tr></table>")
    assert _units(html) == [Table((("Sensor", "1664 px HDR"), ("Range", "10 m")))]


def test_a_layout_table_reads_as_paragraphs():
    long_text = " ".join(["word"] * 100)
    html = f"<table><tr><td>Menu</td><td><p>{long_text}</p></td></tr></table>"
    assert _units(html) == [Paragraph("Menu"), Paragraph(long_text)]


def test_preformatted_text_keeps_its_lines_and_indentation():
    html = "<p>Run:</p><pre><code>def f(x):\n    return x\n</code>done<br>end</pre>"
    assert _units(html) == [Paragraph("Run:"), Code("def f(x):\n    return x\ndone\nend")]
    assert _markdown(html) == "Run:\n\n```\ndef f(x):\n    return x\ndone\nend\n```"


def test_a_fence_inside_code_gets_another_fence():
    assert markdown([Code("```\nx\n```")]) == "~~~\n```\nx\n```\n~~~"


def test_quotations_and_text_that_would_read_as_markup():
    assert _markdown("<blockquote><p>Quoted words.</p></blockquote>") == "> Quoted words."
    assert _markdown("<p>1. Not a list</p><p># Not a heading</p><p>2020 was a year</p>") == (
        "1\\. Not a list\n\n\\# Not a heading\n\n2020 was a year")


def test_text_dump_lists_nest_by_indent():
    blocks = [Block(index=0, text="Fruit", indent=0, marker="*"),
              Block(index=1, text="apple", indent=4, marker="+"),
              Block(index=2, text="Steps", indent=0, marker="2."),
              Block(index=3, text="After the list", indent=0)]
    assert structure(blocks) == [ListItem("Fruit", 1, None), ListItem("apple", 2, None),
                                 ListItem("Steps", 1, 2), Paragraph("After the list")]


def test_result_markdown_is_the_body_with_the_title_on_request():
    blocks = [Block(index=0, text="Headline"), Block(index=1, text="Para", marker="•")]
    decisions = [Decision(Label.TITLE, ""), Decision(Label.BODY, "")]
    for include_title, expected in ((False, "- Para"), (True, "# Headline\n\n- Para")):
        result = build_result(blocks, decisions, source=None, input_type="text",
                              extractor="x", include_title=include_title)
        assert result.markdown == expected
        assert result.to_dict()["markdown"] == expected


def test_the_written_structure_page_comes_out_as_its_expected_markdown():
    result = cleaner.clean((FIXTURE / "input.html").read_text(encoding="utf-8"),
                           extractor="heuristic")
    assert result.markdown == (FIXTURE / "expected.md").read_text(encoding="utf-8").rstrip("\n")


def test_clean_writes_markdown_files(tmp_path: Path):
    out = tmp_path / "out"
    done = run_cli("clean", str(FIXTURE / "input.html"), "-o", str(out), "--format", "md",
                   "-e", "heuristic")
    assert done.returncode == 0, done.stderr
    written = (out / "input.html.md").read_text(encoding="utf-8")
    assert "| Day | High water (m) | Low water (m) |" in written
    assert "```\nimport time\n" in written


def _marked(body_html: str, marks: frozenset[str]) -> str:
    page = parse_page(f"<html><body>{body_html}</body></html>", "html", marks=marks)
    return markdown(structure(page.blocks))


def test_links_and_emphasis_only_when_asked_for():
    html = ('<p>See <a href="https://example.org/d">the  docs</a>, <a href="#top">top</a> and '
            '<strong>bold <em>both</em></strong>.</p><ul><li><a href="/a b">An item</a></li></ul>')
    assert _marked(html, frozenset()) == "See the docs, top and bold both.\n\n- An item"
    assert _marked(html, frozenset({"link"})) == (
        "See [the docs](https://example.org/d), top and bold both.\n\n- [An item](/a%20b)")
    assert _marked(html, frozenset({"strong", "em"})) == (
        "See the docs, top and **bold *both***.\n\n- An item")


def _marked_at(html: str, marks: frozenset[str], url: str | None = None) -> str:
    return markdown(structure(parse_page(html, "html", url=url, marks=marks).blocks))


def test_images_on_request_figure_before_its_caption_inline_in_a_line_trackers_left_out():
    html = ('<figure><img src="data:image/gif;base64,R0" data-src="https://example.org/c.png" '
            'alt="A [tide]  chart"><figcaption>High water by day.</figcaption></figure>'
            '<p>Before<img src="https://example.org/i.png" alt="icon">after, '
            '<img src="https://example.org/pixel.gif" width="1" height="1">done.</p>')
    assert _marked(html, frozenset()) == "High water by day.\n\nBeforeafter, done."
    assert _marked(html, frozenset({"image"})) == (
        "![A \\[tide\\] chart](https://example.org/c.png)\n\nHigh water by day.\n\n"
        "Before ![icon](https://example.org/i.png) after, done.")


def test_an_image_with_no_text_after_it_is_dropped_with_its_empty_block():
    assert _marked('<p>Text.</p><p><img src="https://example.org/a.png"></p>',
                   frozenset({"image"})) == "Text."


def test_relative_targets_resolve_against_the_base_the_url_or_the_canonical_address():
    body = '<body><p><a href="b.html">B</a> <img src="/i.png" alt="i"> text</p></body>'
    canonical = '<link rel="canonical" href="https://site.example/docs/page">'
    marks = frozenset({"link", "image"})
    assert _marked_at(f"<html><head>{canonical}</head>{body}</html>", marks) == (
        "[B](https://site.example/docs/b.html) ![i](https://site.example/i.png) text")
    assert _marked_at(f"<html><head>{canonical}</head>{body}</html>", marks,
                      url="https://mirror.example/x/y") == (
        "[B](https://mirror.example/x/b.html) ![i](https://mirror.example/i.png) text")
    based = f'<html><head><base href="/v2/">{canonical}</head>{body}</html>'
    assert _marked_at(based, marks) == (
        "[B](https://site.example/v2/b.html) ![i](https://site.example/i.png) text")
    assert _marked_at(f"<html>{body}</html>", marks) == "[B](b.html) ![i](/i.png) text"


def test_clean_writes_links_on_request():
    html = ("<html><body><article><h1>Headline</h1><p>A paragraph with enough words to be the "
            "body, and <a href='https://example.org/more'>a link</a> in it.</p></article>"
            "</body></html>")
    assert "[a link](https://example.org/more)" in cleaner.clean(html, links=True).markdown
    plain = cleaner.clean(html)
    assert "[a link]" not in plain.markdown
    assert plain.text == cleaner.clean(html, links=True).text  # the text never has markup


def test_cli_writes_images_with_the_url_resolving_them():
    page = (b"<html><body><article><h1>Headline</h1><p>A paragraph with enough words to be "
            b"the body of this page, <img src='c.png' alt='chart'> and more words after the "
            b"image.</p></article></body></html>")
    done = run_cli("clean", "-", "--format", "md", "--images", "--url",
                   "https://example.org/news/story", stdin=page)
    assert done.returncode == 0, done.stderr
    assert b"![chart](https://example.org/news/c.png)" in done.stdout
    plain = run_cli("clean", "-", "--format", "md", stdin=page)
    assert plain.returncode == 0, plain.stderr
    assert b"![chart]" not in plain.stdout


def test_a_table_mostly_kept_is_kept_whole_and_one_mostly_dropped_is_left():
    from cleaner.whole_tables import WHOLE_TABLE_REASON, keep_tables_whole

    blocks = parse_page("<html><body><table><tr><th>Day</th><th>High water</th></tr>"
                        "<tr><td>Monday morning</td><td>4.21 metres</td></tr>"
                        "<tr><td>Tuesday morning</td><td>4.35 metres</td></tr></table>"
                        "</body></html>", "html").blocks
    body, menu = Decision(Label.BODY, "b"), Decision(Label.MENU, "m")
    mostly_body = [menu, menu, body, body, body, body]
    assert [d.label for d in keep_tables_whole(blocks, mostly_body)] == [Label.BODY] * 6
    assert keep_tables_whole(blocks, mostly_body)[0].reason == WHOLE_TABLE_REASON
    mostly_menu = [menu, menu, menu, menu, body, body]
    assert keep_tables_whole(blocks, mostly_menu) == mostly_menu


def test_a_link_around_a_block_ends_with_it_and_leaves_no_mark_in_the_next_text():
    page = parse_page("<html><body><a href='/card'><div>Card title</div></a> after the card"
                      "<p>Next</p></body></html>", "html", marks=frozenset({"link"}))
    assert [(block.text, block.dom.marks) for block in page.blocks] == [
        ("Card title", ((0, 10, "link", "/card"),)), ("after the card", ()), ("Next", ())]
