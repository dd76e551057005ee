"""Property-based tests (hypothesis): random text and HTML never raise anything undocumented,
and every non-blank line of a text page lands in exactly one segment (issue 6)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.errors import InputError
from cleaner.parse.text_dump import split_lines

EXTRACTORS = ("heuristic", "keep-all")
#: Pieces that make random text look like a page: bullets, menu words, dates, markup, wide text.
LINE_PIECES = st.sampled_from([
    "", " ", "  • ", "   * ", "1. ", "Home", "News", "Share", "Facebook Twitter Email",
    "By Ann Lee", "March 4, 2024", "12 Comments", "© 2024 Site", "<span class=\"x\">",
    "Read more", "The council voted on Monday to repair the harbour ferry.", "»", "|",
    "城市公园改造工程今日正式开工", "\t", "\x00", "\ufeff", "\u200b", "\r",
])
LINES = st.lists(st.lists(LINE_PIECES | st.text(max_size=30), max_size=6).map("".join),
                 max_size=40).map("\n".join)
TAGS = st.sampled_from(["p", "div", "li", "ul", "h1", "h2", "nav", "footer", "a", "span", "b",
                        "table", "td", "tr", "script", "style", "br", "aside", "article"])


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """Tag soup: random open and close tags (unbalanced on purpose) around random text."""
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(TAGS)
        kind = draw(st.sampled_from(["open", "close", "text", "attr"]))
        if kind == "open":
            parts.append(f"<{tag}>")
        elif kind == "close":
            parts.append(f"</{tag}>")
        elif kind == "attr":
            parts.append(f'<{tag} class="{draw(st.text(max_size=8))}" hidden>')
        else:
            parts.append(draw(LINES))
    return "<html><body>" + "".join(parts)


def _clean_or_documented_error(document: str | bytes, **kwargs):
    try:
        return clean(document, **kwargs)
    except InputError:
        return None  # documented: empty, blank, binary... anything else fails the test


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=LINES, extractor=st.sampled_from(EXTRACTORS))
def test_every_non_blank_line_of_a_text_page_is_in_exactly_one_segment(text, extractor):
    result = _clean_or_documented_error(text, extractor=extractor, input_type="text")
    if result is None:
        return
    covered: dict[int, int] = {}
    for segment in result.segments:
        for line in range(segment.start_line, segment.end_line + 1):
            covered[line] = covered.get(line, 0) + 1
    lines = split_lines(text)
    for number, line in enumerate(lines, 1):
        if line.strip():
            assert covered.get(number) == 1, (number, line, covered.get(number))
    assert all(count == 1 for count in covered.values())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=html_pages(), extractor=st.sampled_from(EXTRACTORS))
def test_random_html_gives_a_result_or_a_documented_error(page, extractor):
    result = _clean_or_documented_error(page, extractor=extractor, input_type="html")
    if result is not None:
        assert isinstance(result.text, str)
        assert len(result.blocks) == sum(s.last_block - s.first_block + 1
                                         for s in result.segments)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000))
def test_random_bytes_give_a_result_or_a_documented_error(data):
    _clean_or_documented_error(data, extractor="heuristic")


@settings(max_examples=60, deadline=None)
@given(text=LINES)
def test_the_same_input_always_gives_the_same_output(text):
    first = _clean_or_documented_error(text, extractor="heuristic")
    second = _clean_or_documented_error(text, extractor="heuristic")
    assert (first is None) == (second is None)
    if first is not None:
        assert first.to_dict() == second.to_dict()
