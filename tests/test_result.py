"""Deriving a Result from per-block decisions."""

import pytest

from cleaner.blocks import Block
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
                          title_hint=None, include_title=False)
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
                          title_hint="Ignored hint", include_title=True)
    assert result.text == "Headline\n\nPara"


def test_title_hint_used_when_no_block_is_title():
    result = build_result(_blocks(("Para", 1, "")), [Decision(Label.BODY, "")], source=None,
                          input_type="text", extractor="x", title_hint="From <title>",
                          include_title=False)
    assert result.title == "From <title>"


def test_decision_count_must_match_block_count():
    with pytest.raises(ValueError, match="1 decisions for 2 blocks"):
        build_result(_blocks(("a", 1, ""), ("b", 2, "")), [Decision(Label.BODY, "")],
                     source=None, input_type="text", extractor="x", title_hint=None,
                     include_title=False)
