"""The baseline extractor: every block is body. It is the floor every other extractor must beat."""

from __future__ import annotations

from cleaner.blocks import Page
from cleaner.deadline import NO_DEADLINE, Deadline
from cleaner.labels import Label
from cleaner.options import Options
from cleaner.result import Decision

_KEEP = Decision(Label.BODY, "keep-all: every block is kept")


def label(page: Page, options: Options, deadline: Deadline = NO_DEADLINE) -> list[Decision]:
    """Label every block of ``page`` body."""
    return [_KEEP] * len(page.blocks)
