"""The default for HTML: the heuristic labeller and trafilatura, combined block by block.

Where both keep a block it is body; where neither does it keeps the heuristic's category. Where
they disagree, the page decides which to trust:

* an **article** both see (trafilatura's main text at least ARTICLE_SHARE of the heuristic's
  body, in words): trafilatura's choices stand, plus the heuristic's body blocks that lie
  between the first and last block both keep; a block only trafilatura keeps stays body unless
  the heuristic found evidence against it (a share bar, a byline, a landmark, ...), or it lies
  apart after the article: past a gap of more than DETACHED_GAP blocks trafilatura leaves out,
  where trafilatura picks up teasers of other articles (all such blocks of a page go, when
  they add up to less than DETACHED_SHARE of the text both keep: more is a page that goes on,
  such as a long list or a documentation page);
* any other page (a forum thread, a listing, a product page, where trafilatura keeps little):
  the heuristic's body stands, plus what trafilatura adds outside strong boilerplate evidence
  and outside the page's <footer>, <nav> and <aside>;
* a **fragment** (HTML without <html>/<body>, see Page.fragment): the heuristic's decisions,
  which take all of it as the article; trafilatura's page-level judgement does not apply;
* a page trafilatura is not run on (above its element budget, or too little time left: see
  trafilatura_based.skip_reason): the heuristic's decisions, each reason saying why.

Chosen on the dev sets' HTML (`cleaner score --html`), body F1 aeb-dev / modern-dev: heuristic
0.941 / 0.774, trafilatura 0.953 / 0.756, both-keep only 0.952 / 0.737, either-keeps 0.939 /
0.793, this rule 0.956 / 0.793 (0.957 / 0.795 since trafilatura runs with ``fast``; 0.961 /
0.795 since the heuristic ends the article before a list of teasers; 0.964 / 0.795 since it
takes figure captions out). Dropping what trafilatura alone keeps apart after the article:
0.964 -> 0.967 / 0.7954 -> 0.7965; of the words it drops, aeb-dev 224 not in gold and 3 in,
modern-dev 2,040 and 1,330. Gaps of more than 2 to 6 blocks give the same aeb-dev figure; without
the share condition modern-dev loses documentation and listing pages' text.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.blocks import Page
from cleaner.deadline import NO_DEADLINE, Deadline
from cleaner.extractors import heuristic
from cleaner.extractors.heuristic.evidence import Evidence
from cleaner.extractors.trafilatura_based import skip_reason, trafilatura_keeps, with_skip_reason
from cleaner.labels import Label
from cleaner.options import Options
from cleaner.result import Decision

#: trafilatura's main text, as a share of the heuristic's body (in words), from which a page is
#: taken for an article both extractors see.
ARTICLE_SHARE = 0.5
#: On an article, blocks only trafilatura keeps after the text both keep, beyond a gap of more
#: than this many blocks it leaves out, lie apart from the article...
DETACHED_GAP = 5
#: ...and are dropped when they add up to less than this share of the text both keep (words).
DETACHED_SHARE = 0.5

_BOTH = Decision(Label.BODY, "heuristic and trafilatura both keep it")
_HEURISTIC_INSIDE = Decision(Label.BODY, "heuristic body, inside the text both keep")
_HEURISTIC_OUTSIDE = Decision(
    Label.OTHER, "heuristic body, but trafilatura leaves it out and it lies outside the text "
    "both keep",
)
_TRAFILATURA_ARTICLE = Decision(Label.BODY, "trafilatura keeps it; no evidence against it")
_APART = "trafilatura keeps it, but apart from the article, after it"
_HEURISTIC_PAGE = Decision(Label.BODY, "heuristic body on a page trafilatura keeps little of")
_TRAFILATURA_ADDS = Decision(
    Label.BODY, "trafilatura keeps it on a page it keeps little of; no strong evidence against it"
)


def label(page: Page, options: Options, deadline: Deadline = NO_DEADLINE) -> list[Decision]:
    """One decision per block, combining the heuristic's labels with trafilatura's keeps."""
    decisions, evidence = heuristic.label_with_evidence(page, deadline)
    if page.fragment:
        return decisions  # content already cut out of its page: no page for trafilatura to judge
    skipped = skip_reason(page, deadline)
    if skipped is not None:
        return with_skip_reason(decisions, skipped)
    keeps = trafilatura_keeps(page, options, deadline)
    heuristic_body = [decision.label is Label.BODY for decision in decisions]
    words = [len(block.text.split()) for block in page.blocks]
    heuristic_words = sum(w for w, body in zip(words, heuristic_body, strict=True) if body)
    trafilatura_words = sum(w for w, kept in zip(words, keeps, strict=True) if kept)
    if trafilatura_words >= ARTICLE_SHARE * heuristic_words:
        return _combine_on_article(decisions, evidence, heuristic_body, keeps, words)
    return _combine_on_other_page(page, decisions, evidence, heuristic_body, keeps)


def _combine_on_article(decisions: Sequence[Decision], evidence: Sequence[Evidence],
                        heuristic_body: Sequence[bool], keeps: Sequence[bool],
                        words: Sequence[int]) -> list[Decision]:
    both = [h and t for h, t in zip(heuristic_body, keeps, strict=True)]
    first = both.index(True) if True in both else len(both)
    last = len(both) - 1 - both[::-1].index(True) if True in both else -1
    only_trafilatura = [kept and not body and found.label is None
                        for kept, body, found in zip(keeps, heuristic_body, evidence, strict=True)]
    detached = _detached_after(keeps, last, only_trafilatura)
    both_words = sum(count for count, kept in zip(words, both, strict=True) if kept)
    if sum(words[index] for index in detached) >= DETACHED_SHARE * both_words:
        detached = set()
    combined: list[Decision] = []
    for index, decision in enumerate(decisions):
        if both[index]:
            combined.append(_BOTH)
        elif heuristic_body[index]:
            combined.append(_HEURISTIC_INSIDE if first <= index <= last else _HEURISTIC_OUTSIDE)
        elif index in detached:
            combined.append(Decision(decision.label, f"{decision.reason}; {_APART}"))
        elif only_trafilatura[index]:
            combined.append(_TRAFILATURA_ARTICLE)
        else:
            combined.append(decision)
    return combined


def _detached_after(keeps: Sequence[bool], last: int, candidates: Sequence[bool]) -> set[int]:
    """Candidate blocks after ``last`` that trafilatura keeps beyond a gap of more than
    DETACHED_GAP blocks it leaves out (counted from ``last`` along the blocks it keeps)."""
    if last < 0:
        return set()
    gap = 0
    for index in range(last + 1, len(keeps)):
        if not keeps[index]:
            gap += 1
        elif gap > DETACHED_GAP:
            return {later for later in range(index, len(keeps)) if candidates[later]}
        else:
            gap = 0
    return set()


def _combine_on_other_page(page: Page, decisions: Sequence[Decision],
                           evidence: Sequence[Evidence], heuristic_body: Sequence[bool],
                           keeps: Sequence[bool]) -> list[Decision]:
    combined: list[Decision] = []
    for block, decision, found, body, kept in zip(
        page.blocks, decisions, evidence, heuristic_body, keeps, strict=True
    ):
        if body:
            combined.append(_BOTH if kept else _HEURISTIC_PAGE)
        elif kept and not _strong(found) and not block.in_boilerplate_landmark:
            combined.append(_TRAFILATURA_ADDS)
        else:
            combined.append(decision)
    return combined


def _strong(found: Evidence) -> bool:
    return found.label is not None and (found.strong or found.heading)
