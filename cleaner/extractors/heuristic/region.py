"""Step 3: the article text is the run of blocks with the highest total prose score.

Prose blocks score positive (more for longer ones, capped), short lines negative, blocks with
boilerplate evidence more negative, and section headings so negative that the article never
runs across one. The maximum-sum run (Kadane) is the article: it starts and ends with prose, and
takes in the subheadings, short paragraphs, list items and captions between its paragraphs.
"""

from __future__ import annotations

from cleaner.extractors.heuristic.dom_evidence import FIGURE_CAPTION
from cleaner.extractors.heuristic.draft import Draft
from cleaner.extractors.heuristic.evidence import DATE_LINE
from cleaner.labels import Label


def block_score(draft: Draft, index: int) -> float:
    """How much a block pulls the article region towards itself."""
    t = draft.thresholds
    evidence = draft.evidence[index]
    decided = draft.labels[index]
    if evidence.heading and decided is not None:
        return t.barrier_penalty
    if decided is not None and not (draft.thread and decided is Label.BYLINE):
        return t.barrier_penalty if decided is Label.COMMENTS else t.evidence_penalty
    if evidence is FIGURE_CAPTION:
        return t.caption_score  # a figure's caption interrupts the article, no more
    if evidence.label is not None:
        return t.evidence_penalty if evidence.strong else t.short_penalty
    features = draft.features[index]
    if draft.repeated[index]:
        return t.short_penalty  # text the page shows twice is navigation, not the article
    if draft.is_prose(index):
        block = draft.blocks[index]
        score = t.prose_base + t.prose_per_word * min(features.words, t.prose_word_cap)
        if block.marker:
            score *= t.list_prose_weight
        if not (block.blank_before or block.blank_after):
            score *= t.tight_prose_weight
        return score
    if features.sentence_end and features.words >= 4:
        return t.short_sentence_score
    return t.short_penalty


def find_article_region(draft: Draft) -> None:
    """Set ``draft.regions``: the maximum-score run, and other runs that score close to it."""
    scores = [block_score(draft, index) for index in range(len(draft.blocks))]
    main = _best_run(scores, 0, len(scores))
    if main is None:
        return
    t = draft.thresholds
    floor = max(t.secondary_min_score, t.secondary_share * main[2])
    regions = [main]
    pending = [(0, main[0]), (main[1] + 1, len(scores))]
    while pending:
        low, high = pending.pop()
        run = _best_run(scores, low, high)
        if run is not None and run[2] >= floor:
            regions.append(run)
            pending += [(low, run[0]), (run[1] + 1, high)]
    draft.regions = sorted((first, last) for first, last, _ in regions)
    draft.region = (main[0], main[1])


def take_whole_page(draft: Draft) -> None:
    """On a fragment (content already cut out of its page), every block is the article's."""
    if draft.blocks:
        draft.regions = [(0, len(draft.blocks) - 1)]
        draft.region = draft.regions[0]


def end_before_teaser_list(draft: Draft) -> None:
    """End the article region before a list of teasers that closes it (other articles'
    headline, author, date line and excerpt, again and again: prose enough to extend the run).

    Seen as date lines close together up to the region's end, after an article of a few long
    paragraphs; the headline and author lines above the first date go with the list.
    """
    if draft.region is None:
        return
    t = draft.thresholds
    first, last = draft.region
    dates = [index for index in range(first, last + 1)
             if draft.evidence[index].reason == DATE_LINE]
    if len(dates) < t.teaser_min_dates or last - dates[-1] > t.teaser_gap:
        return
    chain_start = len(dates) - 1
    while chain_start and dates[chain_start] - dates[chain_start - 1] <= t.teaser_gap:
        chain_start -= 1
    if len(dates) - chain_start < t.teaser_min_dates:
        return
    end = dates[chain_start] - 1
    while end > first and not draft.is_prose(end):
        end -= 1
    long_paragraphs = sum(1 for index in range(first, end + 1)
                          if draft.features[index].words >= t.teaser_paragraph_words)
    if long_paragraphs < t.teaser_article_paragraphs:
        return
    draft.regions = [(start, end) if (start, stop) == draft.region else (start, stop)
                     for start, stop in draft.regions]
    draft.region = (first, end)


def _best_run(scores: list[float], low: int, high: int) -> tuple[int, int, float] | None:
    """Maximum-sum run of ``scores[low:high]`` (Kadane): (first, last, score), or None."""
    best, best_run = 0.0, None
    running, start = 0.0, low
    for index in range(low, high):
        score = scores[index]
        if running <= 0:
            running, start = score, index
        else:
            running += score
        if running > best:
            best, best_run = running, (start, index, running)
    return best_run
