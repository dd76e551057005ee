"""The structure score: a Markdown output's headings, list items, table cells and rows, and
code lines against the gold Markdown's."""

import pytest

from cleaner.scoring.structure_score import (
    markdown_elements,
    structure_overlap,
    structure_score,
)

GOLD = """\
## What you **need**

- A [stilling well](https://example.org/well)
- A sensor
    1. rated for salt water

| Day | High |
|---|---|
| Monday | 4.21 |

```bash
make install
  --prefix /opt
```
"""


def test_the_elements_of_a_markdown_text():
    found = markdown_elements(GOLD)
    assert dict(found["headings"]) == {"what you need": 1}
    assert dict(found["list_items"]) == {"a stilling well": 1, "a sensor": 1,
                                         "rated for salt water": 1}
    assert dict(found["table_cells"]) == {"day": 1, "high": 1, "monday": 1, "4 21": 1}
    assert dict(found["table_rows"]) == {"day high": 1, "monday 4 21": 1}
    assert dict(found["code_lines"]) == {"make install": 1, "prefix opt": 1}


def test_lines_inside_a_fence_are_code_not_markup():
    found = markdown_elements("```\n# not a heading\n- nor an item\n```\n# Heading")
    assert dict(found["code_lines"]) == {"not a heading": 1, "nor an item": 1}
    assert dict(found["headings"]) == {"heading": 1}
    assert not found["list_items"]


def test_overlap_counts_shared_elements_as_multisets():
    output = "## What you need\n\nA sensor\n\n- A stilling well\n- A stilling well\n- Extra"
    overlap = structure_overlap(GOLD, output)
    assert (overlap["headings"].precision, overlap["headings"].recall) == (1.0, 1.0)
    items = overlap["list_items"]
    assert (items.gold, items.output, items.shared) == (3, 3, 1)
    assert items.precision == pytest.approx(1 / 3)
    assert items.recall == pytest.approx(1 / 3)
    assert overlap["table_cells"].precision is None  # the output has no table
    assert overlap["table_cells"].recall == 0.0


def test_means_are_over_the_pages_that_have_the_element():
    with_table = structure_overlap("| a | b |\n|---|---|\n| c | d |", "| a | b |")
    without_table = structure_overlap("Text only", "| x | y |")
    score = structure_score([with_table, without_table])
    assert score.recall["table_cells"] == 0.5  # only the first page has gold cells
    assert score.recall_pages["table_cells"] == 1
    assert score.precision["table_cells"] == 0.5  # (1.0 + 0.0) / 2
    assert score.precision_pages["table_cells"] == 2
    assert score.recall["code_lines"] is None
    assert "code_lines_recall" not in score.figures()
    assert score.figures()["table_cells_recall"] == 0.5
