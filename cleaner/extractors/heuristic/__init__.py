"""The heuristic extractor: every block of a text dump (or HTML page) gets a label and a reason.

It reads like jusText's core: per-block evidence first, then revision by neighbours and by
position, each a small named step over a local Draft:

1. evidence:   what each block says about itself (share bar, byline, "Related Posts", ...),
               and for HTML, the landmark it sits in (<footer>, <nav>, <aside>, <header>)
2. sections:   headings label the blocks under them; comment headers label the comment texts
3. region:     the article is the maximum-score run of prose-like blocks, ending before a list
               of teasers that follows it; a biography outside it takes the author-name line
               above it; a page that is not an article (little prose, scattered) keeps
               everything between its first prose and its footer
4. title:      the headline-shaped block just before the article
5. layout:     body inside the article; byline/menu before it; related/footer after it

On a fragment (HTML without <html>/<body>: content already cut out of its page) the whole page
is the article region, and no title is taken from its blocks (FRAGMENT_STEPS).
"""

from __future__ import annotations

from functools import partial

from cleaner.blocks import Page
from cleaner.deadline import CHECK_EVERY, NO_DEADLINE, Deadline
from cleaner.extractors.heuristic import layout, page_kind, region, sections, title
from cleaner.extractors.heuristic.dom_evidence import add_dom_evidence
from cleaner.extractors.heuristic.draft import Draft
from cleaner.extractors.heuristic.evidence import Evidence, RuleTable, rules
from cleaner.extractors.heuristic.features import Features, measure
from cleaner.extractors.heuristic.thresholds import DEFAULT_THRESHOLDS
from cleaner.options import Options
from cleaner.result import Decision

#: Decision without the NamedTuple constructor's Python frame (one per block).
_new_decision = partial(tuple.__new__, Decision)

#: The rule table for the default thresholds, built once (it is immutable).
_RULES = RuleTable(rules(DEFAULT_THRESHOLDS))

STEPS = (
    sections.spread_section_headings,
    sections.mark_comment_threads,
    region.find_article_region,
    region.end_before_teaser_list,
    sections.mark_author_boxes,
    page_kind.widen_non_article_page,
    title.find_title,
    layout.label_article,
    layout.label_title,
    layout.label_before,
    layout.label_after,
    layout.label_leftovers,
)
#: A fragment has no page chrome around its content: every block is the article's unless its
#: own evidence (a share bar, a newsletter pitch, leaked markup, a section) says otherwise.
FRAGMENT_STEPS = (
    sections.spread_section_headings,
    sections.mark_comment_threads,
    region.take_whole_page,
    sections.mark_author_boxes,
    layout.label_article,
    layout.label_leftovers,
)


def _first_pass(page: Page, deadline: Deadline = NO_DEADLINE,
                ) -> tuple[list[Features], list[Evidence]]:
    """Features and evidence of every block; a text the page repeats is measured once.

    Pages repeat many lines (menus shown twice, "Share" bars, dates), and a block's features and
    evidence depend only on its text and whether it is a list item.
    """
    features: list[Features] = []
    evidence: list[Evidence] = []
    seen: dict[tuple[str, bool], tuple[Features, Evidence]] = {}
    first_match = _RULES.first_match  # the rule table's verdict on a block (bound once)
    for block in page.blocks:
        key = (block.text, bool(block.marker))
        known = seen.get(key)
        if known is None:
            if not len(seen) % CHECK_EVERY:
                deadline.check("measuring the blocks")
            block_features = measure(block.text)
            known = seen[key] = (block_features, first_match(block, block_features))
        features.append(known[0])
        evidence.append(known[1])
    if page.input_type == "html":
        add_dom_evidence(page.blocks, evidence)
    return features, evidence


def label(page: Page, options: Options, deadline: Deadline = NO_DEADLINE) -> list[Decision]:
    """Label every block of ``page``; each decision carries the rule that made it."""
    return label_with_evidence(page, deadline)[0]


def label_with_evidence(page: Page, deadline: Deadline = NO_DEADLINE,
                        ) -> tuple[list[Decision], list[Evidence]]:
    """The decisions, and the first-pass evidence they started from (the ensemble reads both)."""
    features, evidence = _first_pass(page, deadline)
    draft = Draft(page.blocks, features, evidence, DEFAULT_THRESHOLDS)
    for step in FRAGMENT_STEPS if page.fragment else STEPS:
        deadline.check("labelling", step.__name__)
        step(draft)
    # label_leftovers, the last step, leaves no block without a label.
    return list(map(_new_decision, zip(draft.labels, draft.reasons, strict=True))), evidence
