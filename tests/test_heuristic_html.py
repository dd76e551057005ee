"""The heuristic labeller on HTML: landmarks (<footer>, <nav>, <aside>, <header>) as evidence,
never above the article text itself."""

from __future__ import annotations

from cleaner import Label, clean

ARTICLE = """
<p>Three river towns agreed on Monday to merge their volunteer fire brigades into one
service, ending decades of separate budgets and separate stations on both banks.</p>
<p>The councils voted after a year of talks, which began when two of the towns could no
longer staff their night shifts with the volunteers they had left.</p>
<p>The new service will answer calls from a single station on the east bank, and the towns
will split its budget by the number of people living in each of them.</p>
"""


def _labels(html: str) -> dict[str, tuple[Label, str]]:
    result = clean(html, input_type="html", extractor="heuristic")
    return {item.block.text: (item.label, item.reason) for item in result.blocks}


ABOUT_US = """<p>We are a small independent newsroom that has covered the valley since the
spring of nineteen ninety-eight, with the help of our readers.</p>
<p>Our office is open to visitors on weekdays, and the editors read every letter that readers
send us about the stories.</p>"""


def test_prose_in_the_footer_landmark_is_not_body():
    in_footer = _labels(f"<html><body><main>{ARTICLE}</main><footer>{ABOUT_US}</footer>")
    in_div = _labels(f"<html><body><main>{ARTICLE}</main><div>{ABOUT_US}</div>")
    about = [text for text in in_footer if text.startswith(("We are", "Our office"))]
    assert len(about) == 2
    # Without the landmark the two paragraphs read as more of the article...
    assert [in_div[text][0] for text in about] == [Label.BODY, Label.BODY]
    # ...inside <footer> they are the page's footer.
    assert [in_footer[text][0] for text in about] == [Label.FOOTER, Label.FOOTER]


def test_nav_links_after_the_article_are_menu_with_the_landmark_as_reason():
    html = f"""<html><body><main>{ARTICLE}</main><nav><a href="/a">Valley towns</a>
    <a href="/b">River life</a></nav></body></html>"""
    label, reason = _labels(html)["Valley towns River life"]
    assert label is Label.MENU
    assert reason == "inside the page's <nav>"


def test_a_title_is_not_taken_from_navigation():
    html = f"""<html><body><nav><a href="/a">Valley towns</a> <a href="/b">River life</a>
    </nav><main>{ARTICLE}</main></body></html>"""
    assert _labels(html)["Valley towns River life"][0] is Label.MENU


def test_article_inside_a_header_or_aside_keeps_its_paragraphs():
    for landmark in ("header", "aside"):
        html = f"<html><body><{landmark}>{ARTICLE}</{landmark}></body></html>"
        labels = _labels(html)
        assert [label for label, _ in labels.values()] == [Label.BODY] * 3, landmark


def test_text_evidence_comes_before_the_landmark():
    html = f"""<html><body><main>{ARTICLE}</main>
    <footer><p>Facebook Twitter Email LinkedIn</p></footer></body></html>"""
    label, reason = _labels(html)["Facebook Twitter Email LinkedIn"]
    assert label is Label.SHARE
    assert "<footer>" not in reason


def test_a_figure_caption_is_not_body_and_does_not_break_the_article():
    lead = "<p>The vote was unanimous, and the merger takes effect in the spring.</p>"
    figure = """<figure><img src="station.jpg" alt=""><figcaption>The east bank station,
    which will house the merged service from next spring.</figcaption></figure>"""
    labels = _labels(f"<html><body><main>{lead}{figure}{ARTICLE}</main>")
    caption = next(text for text in labels if text.startswith("The east bank station"))
    assert labels[caption] == (Label.OTHER, "figure caption (<figcaption>)")
    # The short paragraph above the figure is still the article: the caption does not end it.
    assert [label for text, (label, _) in labels.items() if text != caption] == [Label.BODY] * 4
