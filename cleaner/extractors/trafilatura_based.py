"""trafilatura's ``extract()`` on the page's HTML, mapped back onto our blocks.

What trafilatura keeps is body; every other block takes its category (menu, share, footer, ...)
and reason from the heuristic labeller, so the output still says what each dropped piece is.

trafilatura is not called on a page whose markup is above an element budget
(TRAFILATURA_MAX_ELEMENTS), nor, under a time limit in a thread where no signal can stop it,
when the time left would not cover it: the heuristic's labels stand, each reason saying why.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.blocks import Page
from cleaner.deadline import NO_DEADLINE, Deadline, hard_limit_usable
from cleaner.extractors import heuristic
from cleaner.extractors.align import kept_by
from cleaner.labels import Label
from cleaner.options import Options
from cleaner.result import Decision

#: Pages with more elements than this (start tags, counted by markup_elements) are not given
#: to trafilatura: its time and memory grow faster than the page (at this size, 1.4 to 3.1 s
#: and up to 150 MB on generated pages of five shapes; the largest dev page has 15,793).
TRAFILATURA_MAX_ELEMENTS = 50_000
#: Under a time limit that no signal can enforce (a thread), trafilatura is skipped when the
#: time left is below this many seconds per element (the slowest measured at the budget: 61 µs
#: per element, nested <div>s; 2.5 times that).
TRAFILATURA_SECONDS_PER_ELEMENT = 150e-6

_KEPT = Decision(Label.BODY, "trafilatura: kept in its main text")
_DROPPED = Decision(Label.OTHER, "trafilatura: not in its main text")


def markup_elements(html: str) -> int:
    """About how many elements the HTML has: its "<" less its end tags, comments and
    doctype (a "<" in a script counts too). Counted in C: 40 ms for 15 MB."""
    return html.count("<") - html.count("</") - html.count("<!")


def skip_reason(page: Page, deadline: Deadline = NO_DEADLINE) -> str | None:
    """Why trafilatura is not run on this page, or None when it is."""
    elements = markup_elements(page.source_text)
    if elements > TRAFILATURA_MAX_ELEMENTS:
        return (f"trafilatura skipped: the page has about {elements:,} elements, above its "
                f"budget of {TRAFILATURA_MAX_ELEMENTS:,}")
    remaining = deadline.remaining()
    if remaining is not None and not hard_limit_usable() \
            and remaining < elements * TRAFILATURA_SECONDS_PER_ELEMENT:
        return (f"trafilatura skipped: {remaining:.2f} s left of the time limit, too little "
                f"for about {elements:,} elements")
    return None


def with_skip_reason(decisions: Sequence[Decision], reason: str) -> list[Decision]:
    """The decisions, each reason followed by ``reason`` (one new Decision per distinct one:
    a page of a million blocks holds a few dozen)."""
    new: dict[Decision, Decision] = {}
    for decision in decisions:
        if decision not in new:
            new[decision] = Decision(decision.label, f"{decision.reason}; {reason}")
    return list(map(new.__getitem__, decisions))


def trafilatura_keeps(page: Page, options: Options,
                      deadline: Deadline = NO_DEADLINE) -> list[bool]:
    """For each block, whether trafilatura's main text holds it (see skip_reason for when not
    to call this). Under a time limit, trafilatura is stopped at the deadline where a signal
    can stop it (InputTimeoutError).

    Settings, measured on the dev sets' HTML: comments left out (keeping them costs 0.007 F1
    on aeb-dev), no deduplication (it drops repeated body lines), ``fast`` (no fallback to
    its readability/jusText backups: a third less time, and for the ensemble F1 0.956 → 0.957
    on aeb-dev and 0.793 → 0.795 on modern-dev; on its own 0.953 → 0.959 and 0.756 → 0.746),
    otherwise the defaults (favor_precision: +0.009 on aeb-dev but -0.033 on modern-dev).
    """
    import trafilatura  # imported here: it is slow to import and only these extractors need it

    deadline.check("labelling", "before trafilatura")
    with deadline.enforced("running trafilatura"):
        extracted = trafilatura.extract(
            page.source_text, url=options.url, include_comments=False, deduplicate=False,
            fast=True,
        ) or ""
    return kept_by([block.text for block in page.blocks], extracted, deadline)


def label(page: Page, options: Options, deadline: Deadline = NO_DEADLINE) -> list[Decision]:
    """Body for blocks trafilatura keeps; the heuristic's category for the rest. Where
    trafilatura is skipped, the heuristic's decisions, saying so."""
    categories = heuristic.label(page, options, deadline)
    skipped = skip_reason(page, deadline)
    if skipped is not None:
        return with_skip_reason(categories, skipped)
    return [
        _KEPT if kept else (_DROPPED if category.label is Label.BODY else category)
        for kept, category in zip(trafilatura_keeps(page, options, deadline), categories,
                                  strict=True)
    ]
