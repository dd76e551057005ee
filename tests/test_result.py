"""Deriving a Result from per-block decisions."""

import pytest

from cleaner.blocks import Block, PageMeta
from cleaner.labels import Label
from cleaner.result import Decision, build_result


def _blocks(*specs):
    return [Block(index=i, text=text, start_line=line, end_line=line, marker=marker)
            for i, (text, line, marker) in enumerate(specs)]


def test_segments_are_runs_of_equal_labels_with_line_spans():
    blocks = _blocks(("Menu", 1, "•"), ("Headline", 3, ""), ("Para one", 5, ""),
                     ("Para two", 7, ""), ("Comment", 9, ""))
    decisions = [Decision(Label.MENU, "m"), Decision(Label.TITLE, "t"), Decision(Label.BODY, "b"),
                 Decision(Label.BODY, "b"), Decision(Label.COMMENTS, "c")]
    result = build_result(blocks, decisions, source=None, input_type="text", extractor="x",
                          include_title=False)
    assert [(s.label, s.start_line, s.end_line) for s in result.segments] == [
        (Label.MENU, 1, 1), (Label.TITLE, 3, 3), (Label.BODY, 5, 7), (Label.COMMENTS, 9, 9)
    ]
    assert result.title == "Headline"
    assert result.text == "Para one\n\nPara two"
    assert result.blocks[4].reason == "c"


def test_include_title_prepends_it():
    blocks = _blocks(("Headline", 1, ""), ("Para", 2, ""))
    decisions = [Decision(Label.TITLE, ""), Decision(Label.BODY, "")]
    result = build_result(blocks, decisions, source=None, input_type="text", extractor="x",
                          include_title=True)
    assert result.text == "Headline\n\nPara"


def test_page_metadata_gives_title_author_and_date():
    blocks = _blocks(("Heading block", 1, ""), ("Para", 2, ""))
    decisions = [Decision(Label.TITLE, ""), Decision(Label.BODY, "")]
    meta = PageMeta(title="From <h1>", author="Ann Lee", date="2024-02-01")
    result = build_result(blocks, decisions, source=None, input_type="html", extractor="x",
                          include_title=True, meta=meta)
    assert (result.title, result.author, result.date) == ("From <h1>", "Ann Lee", "2024-02-01")
    assert result.text == "From <h1>\n\nPara"
    record = result.to_dict()
    assert (record["title"], record["author"], record["date"]) == (
        "From <h1>", "Ann Lee", "2024-02-01")


def test_without_metadata_the_title_block_is_the_title_and_author_date_are_null():
    blocks = _blocks(("Headline", 1, ""), ("Para", 2, ""))
    decisions = [Decision(Label.TITLE, ""), Decision(Label.BODY, "")]
    record = build_result(blocks, decisions, source=None, input_type="text", extractor="x",
                          include_title=False).to_dict()
    assert (record["title"], record["author"], record["date"]) == ("Headline", None, None)


def test_decision_count_must_match_block_count():
    with pytest.raises(ValueError, match="1 decisions for 2 blocks"):
        build_result(_blocks(("a", 1, ""), ("b", 2, "")), [Decision(Label.BODY, "")],
                     source=None, input_type="text", extractor="x", include_title=False)
