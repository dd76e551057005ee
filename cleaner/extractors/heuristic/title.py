"""Step 4: the headline is the heading-shaped block just before the article (or its byline).

Walking back from the article's first block, skipping bylines, share bars, images and captions,
the candidates are lines of a headline's length that do not end like a sentence. A candidate the
page repeats (in a breadcrumb, a window title, a repeated heading) is almost surely the title;
otherwise the nearest good candidate wins.
"""

from __future__ import annotations

from cleaner.extractors.heuristic.draft import Draft
from cleaner.labels import Label
from cleaner.patterns import lower

#: Score parts: a headline-length candidate, one the page repeats, closeness to the article.
_LONG_TITLE_WORDS = 5
_LONG_TITLE_BONUS = 1.0
_REPEAT_BONUS = 2.0
_DISTANCE_COST = 0.15
#: Evidence a title never has (a headline containing "by" or a date still may be the title).
_SKIPPABLE = frozenset({Label.BYLINE, Label.SHARE, Label.OTHER})


def find_title(draft: Draft) -> None:
    """Set ``draft.title`` to the best headline candidate before the article region."""
    if not draft.regions:
        return
    start = draft.content_start
    lowest = max(0, start - draft.thresholds.title_search_blocks)
    page_text: str | None = None
    best, best_score = None, 0.0
    for index in range(start - 1, lowest - 1, -1):
        if not _is_candidate(draft, index):
            continue
        words = draft.features[index].words
        score = 1.0 + (_LONG_TITLE_BONUS if words >= _LONG_TITLE_WORDS else 0.0)
        score -= _DISTANCE_COST * (start - index)
        if page_text is None:
            # Lower-cased block by block: most blocks are ASCII, whose lower() is quick, while
            # a page holding one wide character would make the whole text's slow.
            page_text = "\n".join([lower(block.text) for block in draft.blocks])
        if page_text.count(lower(draft.blocks[index].text)) > 1:
            score += _REPEAT_BONUS  # the page repeats it (breadcrumb, header, window title)
        if score > best_score:
            best, best_score = index, score
    draft.title = best


def _is_candidate(draft: Draft, index: int) -> bool:
    block = draft.blocks[index]
    features = draft.features[index]
    t = draft.thresholds
    if block.marker or draft.labels[index] is not None:
        return False
    if block.in_boilerplate_landmark:
        return False
    evidence = draft.evidence[index]
    if evidence.label is not None and (evidence.strong or evidence.label in _SKIPPABLE):
        return False
    if not t.title_min_words + 1 <= features.words <= t.title_max_words:
        return False
    return not block.text.rstrip().endswith(".")
