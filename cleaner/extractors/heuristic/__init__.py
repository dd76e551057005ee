"""The heuristic extractor: every block of a text dump (or HTML page) gets a label and a reason.

It reads like jusText's core: per-block evidence first, then revision by neighbours and by
position, each a small named step over a local Draft:

1. evidence:   what each block says about itself (share bar, byline, "Related Posts", ...)
2. sections:   headings label the blocks under them; comment headers label the comment texts
3. region:     the article is the maximum-score run of prose-like blocks; a biography outside
               it takes the author-name line above it; a page that is not an article (little
               prose, scattered) keeps everything between its first prose and its footer
4. title:      the headline-shaped block just before the article
5. layout:     body inside the article; byline/menu before it; related/footer after it
"""

from __future__ import annotations

from cleaner.blocks import Page
from cleaner.extractors.heuristic import layout, page_kind, region, sections, title
from cleaner.extractors.heuristic.draft import Draft
from cleaner.extractors.heuristic.evidence import RuleTable, block_evidence, rules
from cleaner.extractors.heuristic.features import measure
from cleaner.extractors.heuristic.thresholds import DEFAULT_THRESHOLDS
from cleaner.options import Options
from cleaner.result import Decision

#: The rule table for the default thresholds, built once (it is immutable).
_RULES = RuleTable(rules(DEFAULT_THRESHOLDS))

STEPS = (
    sections.spread_section_headings,
    sections.mark_comment_threads,
    region.find_article_region,
    sections.mark_author_boxes,
    page_kind.widen_non_article_page,
    title.find_title,
    layout.label_article,
    layout.label_title,
    layout.label_before,
    layout.label_after,
    layout.label_leftovers,
)


def label(page: Page, options: Options) -> list[Decision]:
    """Label every block of ``page``; each decision carries the rule that made it."""
    features = [measure(block.text) for block in page.blocks]
    evidence = [block_evidence(b, f, _RULES) for b, f in zip(page.blocks, features, strict=True)]
    draft = Draft(page.blocks, features, evidence, DEFAULT_THRESHOLDS)
    for step in STEPS:
        step(draft)
    return [
        Decision(label, reason)
        for label, reason in zip(draft.labels, draft.reasons, strict=True)
        if label is not None
    ]
