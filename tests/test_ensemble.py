"""The HTML extractors built on trafilatura: the ensemble's combination rules on hand-made
decisions, and both extractors end to end on a small page."""

from __future__ import annotations

from cleaner import Label, clean
from cleaner.blocks import Block, DomHints, Page
from cleaner.extractors import ensemble
from cleaner.extractors.heuristic.evidence import NO_EVIDENCE, Evidence
from cleaner.result import Decision

BODY = Decision(Label.BODY, "h")
MENU = Decision(Label.MENU, "h: menu")
SHARE_EVIDENCE = Evidence(Label.SHARE, "share bar", strong=True)


def _page(count: int, landmarks: dict[int, str] | None = None) -> Page:
    landmarks = landmarks or {}
    blocks = tuple(
        Block(index, f"block {index}", dom=DomHints(
            "p", f"/p[{index}]", ("p",), frozenset(),
            landmarks=frozenset({landmarks[index]}) if index in landmarks else frozenset(),
        ))
        for index in range(count)
    )
    return Page(input_type="html", blocks=blocks, source_text="")


def test_article_heuristic_body_counts_only_between_blocks_both_keep():
    decisions = [BODY, BODY, BODY, BODY, MENU]
    evidence = [NO_EVIDENCE] * 5
    heuristic_body = [True, True, True, True, False]
    keeps = [False, True, False, True, False]
    combined = ensemble._combine_on_article(decisions, evidence, heuristic_body, keeps, [9] * 5)
    assert [d.label for d in combined] == [
        Label.OTHER, Label.BODY, Label.BODY, Label.BODY, Label.MENU,
    ]
    assert "outside the text both keep" in combined[0].reason
    assert combined[2].reason == "heuristic body, inside the text both keep"


def test_article_trafilatura_alone_keeps_a_block_only_without_evidence_against_it():
    decisions = [BODY, MENU, MENU]
    evidence = [NO_EVIDENCE, NO_EVIDENCE, SHARE_EVIDENCE]
    combined = ensemble._combine_on_article(
        decisions, evidence, [True, False, False], [True, True, True], [9] * 3,
    )
    assert [d.label for d in combined] == [Label.BODY, Label.BODY, Label.MENU]


def _after_a_gap(gap: int, teaser_words: int) -> list[Decision]:
    """Two blocks both keep (20 words each), ``gap`` blocks neither keeps, then two blocks of
    ``teaser_words`` only trafilatura keeps: other articles' teasers, or more of the page."""
    count = 2 + gap + 2
    decisions = [BODY, BODY] + [MENU] * (gap + 2)
    keeps = [True, True] + [False] * gap + [True, True]
    words = [20, 20] + [2] * gap + [teaser_words] * 2
    return ensemble._combine_on_article(
        decisions, [NO_EVIDENCE] * count, [True, True] + [False] * (gap + 2), keeps, words,
    )


def test_article_trafilatura_alone_keeps_nothing_apart_after_the_article():
    gap = ensemble.DETACHED_GAP + 1
    combined = _after_a_gap(gap, teaser_words=8)
    assert [d.label for d in combined[-2:]] == [Label.MENU, Label.MENU]
    assert combined[-1].reason == f"h: menu; {ensemble._APART}"
    # Close to the article, or adding as much as half of it, they are kept.
    assert [d.label for d in _after_a_gap(gap - 1, teaser_words=8)[-2:]] == [Label.BODY] * 2
    assert [d.label for d in _after_a_gap(gap, teaser_words=10)[-2:]] == [Label.BODY] * 2


def test_other_page_keeps_heuristic_body_and_trafilatura_outside_landmarks():
    page = _page(4, landmarks={3: "footer"})
    decisions = [BODY, MENU, MENU, MENU]
    evidence = [NO_EVIDENCE, NO_EVIDENCE, SHARE_EVIDENCE, NO_EVIDENCE]
    combined = ensemble._combine_on_other_page(
        page, decisions, evidence, [True, False, False, False], [False, True, True, True],
    )
    assert [d.label for d in combined] == [Label.BODY, Label.BODY, Label.MENU, Label.MENU]


ARTICLE_HTML = """<html><head><title>Towns merge fire brigades</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>River towns vote to share one fire brigade</h1>
<p>Facebook Twitter Email LinkedIn</p>
<p>Three river towns agreed on Monday to merge their volunteer fire brigades into one
service, ending decades of separate budgets and separate stations on both banks.</p>
<p>The councils voted after a year of talks, which began when two of the towns could no
longer staff their night shifts with the volunteers they had left.</p>
<p>The new service will answer calls from a single station on the east bank, and the towns
will split its budget by the number of people living in each of them.</p></article>
<footer><p>Copyright 2025 Valley Gazette. All rights reserved.</p></footer>
</body></html>"""


def test_ensemble_keeps_the_article():
    result = clean(ARTICLE_HTML, extractor="ensemble")
    assert result.extractor == "ensemble"
    assert "merge their volunteer fire brigades" in result.text
    assert "split its budget" in result.text
    assert "Facebook" not in result.text
    assert "All rights reserved" not in result.text


def test_trafilatura_extractor_names_what_it_drops():
    result = clean(ARTICLE_HTML, extractor="trafilatura")
    labels = {item.block.text: item.label for item in result.blocks}
    assert labels["Home World Sport"] is Label.MENU
    assert labels["Copyright 2025 Valley Gazette. All rights reserved."] is Label.FOOTER
    assert "merge their volunteer fire brigades" in result.text
