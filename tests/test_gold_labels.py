"""The per-line gold label file: round trip, and refusing files that drifted from their input."""

import pytest

from cleaner.labels import Label
from cleaner.scoring.gold_labels import GoldLabelError, format_labels, read_labels

INPUT = "Site\n  • Home\n\nBody text | with a bar.\n"


def test_round_trip():
    labels = [Label.MENU, Label.MENU, None, Label.BODY, None]
    text = format_labels(INPUT, labels)
    assert text.splitlines()[1] == "menu     |   • Home"
    assert read_labels(text, INPUT) == labels


def test_text_that_differs_from_the_input_is_an_error():
    text = format_labels(INPUT, [Label.MENU, Label.MENU, None, Label.BODY, None])
    with pytest.raises(GoldLabelError, match=r"labels.txt:2: text differs"):
        read_labels(text.replace("Home", "Hoem"), INPUT)


def test_unknown_label_is_an_error_naming_the_line():
    text = format_labels(INPUT, [Label.MENU, Label.MENU, None, Label.BODY, None])
    with pytest.raises(GoldLabelError, match=r"labels.txt:1: unknown label 'navigation'"):
        read_labels(text.replace("menu    ", "navigation", 1), INPUT)


def test_missing_lines_are_an_error():
    with pytest.raises(GoldLabelError, match="lines, but the input has"):
        read_labels("menu     | Site\n", INPUT)
