"""HTML vs text dump."""

from cleaner.sniff import sniff_input_type


def test_doctype_is_html():
    assert sniff_input_type("\n  <!DOCTYPE html><html><body>x</body></html>") == "html"


def test_leading_comment_then_html():
    assert sniff_input_type("<!-- saved page --><html><p>x</p></html>") == "html"


def test_fragment_with_many_tags_is_html():
    fragment = "\n".join(f"<div><p>paragraph {i}</p></div>" for i in range(30))
    assert sniff_input_type(fragment) == "html"


def test_text_dump_quoting_a_leaked_tag_stays_text():
    dump = "Site name\n  • News\n\n" + "A paragraph of text.\n\n" * 20
    dump += '<span class="dsq-postid" data-x="1">2 Comments\n'
    assert sniff_input_type(dump) == "text"


def test_plain_text_is_text():
    assert sniff_input_type("Just words, no markup at all.") == "text"


def test_a_page_behind_a_garbage_prefix_is_html():
    page = ('<<<>>><p <div =""><<!-- <![CDATA[ </p></td><tr><html><head><title>T</title></head>'
            "<body><nav>Home</nav><article><h1>Ferry</h1><p>The ferry is back.</article></body>")
    assert sniff_input_type(page) == "html"


def test_a_dump_quoting_a_body_tag_and_a_few_others_stays_text():
    dump = "\n".join(["A line of text about the article."] * 12 + [
        "Use <body> and <p> and <div> and <span> and <a> tags, says the tutorial."])
    assert sniff_input_type(dump) == "text"


def test_a_fragment_opening_with_a_heading_is_html():
    fragment = ("<h2>Installing</h2>\n<p>First download ...</p>\n"
                "<ul><li>Linux: use the tarball</li><li>Windows: use the zip</li></ul>\n"
                "<h2>Configuring</h2>\n<p>Edit the configuration file ...</p>")
    assert sniff_input_type(fragment) == "html"


def test_a_one_paragraph_fragment_behind_a_bom_and_a_comment_is_html():
    assert sniff_input_type('\ufeff<!-- field: body -->\n<p class="lead">The ferry is back.</p>'
                            ) == "html"


def test_a_dump_opening_with_a_leaked_tag_stays_text():
    dump = '<img src="logo.png" alt="">\nSite name\n\n' + "A paragraph of text.\n\n" * 20
    dump += '<div class="share-bar">\nShare this\n'
    assert sniff_input_type(dump) == "text"


def test_a_line_of_text_about_one_tag_stays_text():
    assert sniff_input_type("<p> starts a paragraph in HTML.") == "text"
