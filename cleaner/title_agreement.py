"""The headline once, under one label: the block that shows the page's title is labelled title
(not body), and a block labelled title that does not show it (a site name, a section name) is
not.

Runs after any extractor, so ``Result.title``, the title-labelled text and the body agree
whichever extractor labelled the blocks.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.blocks import Block
from cleaner.labels import Label
from cleaner.result import Decision

HEADLINE_REASON = "the page's headline: its text is the page's title"
NOT_HEADLINE_REASON = "labelled title, but the page's title is another text"


def agree_with_title(blocks: Sequence[Block], decisions: Sequence[Decision],
                     title: str | None) -> list[Decision]:
    """``decisions`` with the first body or title block that reads as ``title`` labelled
    title, and other title blocks labelled other; unchanged when no block reads as it."""
    agreed = list(decisions)
    if not title:
        return agreed
    wanted = _normal(title)
    headline = _headline(blocks, decisions, wanted)
    if headline is None:
        return agreed
    for position, (block, decision) in enumerate(zip(blocks, decisions, strict=True)):
        if position == headline:
            if decision.label is not Label.TITLE:
                agreed[position] = Decision(Label.TITLE, HEADLINE_REASON)
        elif decision.label is Label.TITLE and _normal(block.text) != wanted:
            agreed[position] = Decision(Label.OTHER, NOT_HEADLINE_REASON)
    return agreed


def _headline(blocks: Sequence[Block], decisions: Sequence[Decision], wanted: str) -> int | None:
    """The block that shows the title: a title block if one does, else the first body block
    outside the page's menus and footer."""
    first_body = None
    for position, (block, decision) in enumerate(zip(blocks, decisions, strict=True)):
        if decision.label not in (Label.TITLE, Label.BODY) or _normal(block.text) != wanted:
            continue
        if decision.label is Label.TITLE:
            return position
        if first_body is None and not block.in_boilerplate_landmark:
            first_body = position
    return first_body


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()
