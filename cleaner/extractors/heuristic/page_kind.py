"""Step 3b: a page that is not an article (a shop grid, a listing, a product page), or that
has no article run at all, keeps its content broadly.

On an article most of the words are prose and the article run holds most of that prose. A page
of short pieces (product cards, listings, specifications) has little prose, scattered: its best
run of prose is a fragment, and picking it loses most of the content. There, everything from the
first prose block to the footer zone is kept, except blocks with strong boilerplate evidence.
"""

from __future__ import annotations

from cleaner.extractors.heuristic import layout
from cleaner.extractors.heuristic.draft import Draft
from cleaner.labels import Label

BROAD_REASON = "on a page of short pieces, not an article: content kept broadly"


def is_article_page(draft: Draft) -> bool:
    """Whether the page reads as an article: mostly prose, or with its article runs holding
    (in words) most of what prose it has."""
    t = draft.thresholds
    features = draft.features
    total_words = sum(f.words for f in features)
    prose_words = sum(f.words for f, prose in zip(features, draft.prose, strict=True) if prose)
    if not total_words or not prose_words:
        return True  # nothing to widen to
    in_runs = sum(features[index].words
                  for first, last in draft.regions for index in range(first, last + 1))
    return (prose_words >= t.article_min_prose_share * total_words
            or in_runs >= t.article_min_run_share * prose_words)


def widen_non_article_page(draft: Draft) -> None:
    """On a non-article page, make the main content span the first prose block to the footer."""
    if draft.regions and is_article_page(draft):
        return
    first = next((index for index, prose in enumerate(draft.prose) if prose), None)
    if first is None:
        return
    last = layout.footer_zone(draft, first, draft.thresholds.broad_footer_gap) - 1
    if last < first:
        return  # the first prose block already sits in the footer zone
    for index in range(first, last + 1):
        evidence = draft.evidence[index]
        if evidence.label is not None and evidence.strong:
            continue  # labelled with its evidence inside the content (layout.label_article)
        if evidence.label is Label.FOOTER or draft.labels[index] is Label.FOOTER:
            draft.decide(index, Label.FOOTER, evidence.reason or draft.reasons[index])
        else:
            draft.force(index, Label.BODY, BROAD_REASON)
    draft.regions = [(first, last)]
    draft.region = (first, last)
