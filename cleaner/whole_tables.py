"""A table of data is kept or dropped as one: when most of its words are body, all its cells
are (a header row or a column of numbers the labeller dropped goes back in with the rest).

Runs after any extractor, beside title_agreement.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.blocks import Block
from cleaner.deadline import NO_DEADLINE, Deadline
from cleaner.labels import Label
from cleaner.result import Decision
from cleaner.structure import data_tables

#: Share of a table's words that must be body for the whole table to be.
BODY_SHARE = 0.5
#: Tables of fewer cells than this are left as labelled (a two-cell box is no data table).
MIN_CELLS = 4
WHOLE_TABLE_REASON = "a cell of a table whose cells are mostly body: the table is kept whole"


def keep_tables_whole(blocks: Sequence[Block], decisions: Sequence[Decision],
                      deadline: Deadline = NO_DEADLINE) -> list[Decision]:
    """``decisions`` with every cell of a mostly-body data table labelled body."""
    kept = list(decisions)
    for start, end in data_tables(blocks, deadline):
        if end - start < MIN_CELLS:
            continue
        words = [len(block.text.split()) for block in blocks[start:end]]
        body = sum(count for count, decision in zip(words, decisions[start:end], strict=True)
                   if decision.label is Label.BODY)
        if body < BODY_SHARE * sum(words):
            continue
        for position in range(start, end):
            if kept[position].label is not Label.BODY:
                kept[position] = Decision(Label.BODY, WHOLE_TABLE_REASON)
    return kept
