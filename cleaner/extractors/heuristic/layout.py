"""Step 5: label every block by where it sits: in the article, before it, after it, in the footer.

Inside the article's runs everything is body unless strong evidence says otherwise, and so is
what sits between two runs (subheadings, code, lists), unless the page repeats it. Before it:
the title, a kicker next to it, bylines and the standfirst, and the site's navigation above.
After it: sections already labelled, a footer zone at the end of the page, and the related
headlines that usually follow an article.
"""

from __future__ import annotations

from cleaner.extractors.heuristic.draft import Draft
from cleaner.labels import Label

#: A kicker ("News", "Opinion") is a line of at most this many words right by the title.
_KICKER_WORDS = 3
#: A standfirst or byline between title and article is a byline when at most this long.
_BYLINE_WORDS = 12
#: Headlines after the article: this many words or more, not ending like a sentence.
_HEADLINE_WORDS = 4


def label_article(draft: Draft) -> None:
    for first, last in draft.regions:
        main = (first, last) == draft.region
        for index in range(first, last + 1):
            evidence = draft.evidence[index]
            if evidence.label is not None and evidence.strong:
                draft.decide(index, evidence.label, evidence.reason)
            elif main:
                draft.decide(index, Label.BODY, "inside the article text")
            else:
                draft.decide(index, Label.BODY, "in a further run of prose near the article's")
    # Between two runs of content, unmarked blocks are the article's own: the subheadings,
    # code, lists and short lines that split its prose into runs. Text the page repeats is
    # navigation there as anywhere.
    for (_, previous_last), (next_first, _) in zip(draft.regions, draft.regions[1:], strict=False):
        for index in range(previous_last + 1, next_first):
            evidence = draft.evidence[index]
            if evidence.label is not None:
                draft.decide(index, evidence.label, evidence.reason)
            elif draft.repeated[index]:
                draft.decide(index, Label.OTHER, "repeated on the page, between content runs")
            else:
                draft.decide(index, Label.BODY, "between parts of the main content")


def label_title(draft: Draft) -> None:
    title = draft.title
    if title is None:
        return
    draft.decide(title, Label.TITLE, "headline just before the article")
    for neighbour in (title - 1, title + 1):
        if 0 <= neighbour < len(draft.blocks) and _is_kicker(draft, neighbour):
            draft.decide(neighbour, Label.BYLINE, "section tag next to the title")


def _is_kicker(draft: Draft, index: int) -> bool:
    block = draft.blocks[index]
    return (draft.labels[index] is None and not block.marker
            and 1 <= draft.features[index].words <= _KICKER_WORDS
            and draft.evidence[index].label is None)


def label_before(draft: Draft) -> None:
    """Between the title and the article: bylines, standfirst; above the title: navigation."""
    start = draft.content_start
    title = draft.title if draft.title is not None else start
    for index in range(start):
        evidence = draft.evidence[index]
        # Above the title only strong evidence counts: a date or an "About" link up there is
        # part of the site's navigation.
        if evidence.label is not None and (evidence.strong or index > title):
            draft.decide(index, evidence.label, evidence.reason)
        elif index > title:
            if draft.features[index].words <= _BYLINE_WORDS:
                draft.decide(index, Label.BYLINE, "between the title and the article")
            else:
                draft.decide(index, Label.OTHER, "standfirst between the title and the article")
        else:
            draft.decide(index, Label.MENU, "above the article: site navigation")


def label_after(draft: Draft) -> None:
    """After the article: evidence, the footer zone at the end, related headlines, the rest."""
    end = draft.content_end
    footer_start = footer_zone(draft, end + 1)
    for index in range(end + 1, len(draft.blocks)):
        evidence = draft.evidence[index]
        if index >= footer_start:
            if evidence.label is not None and evidence.strong:
                draft.decide(index, evidence.label, evidence.reason)
            else:
                draft.decide(index, Label.FOOTER, "in the footer at the end of the page")
        elif evidence.label is not None:
            draft.decide(index, evidence.label, evidence.reason)
        elif _is_headline(draft, index):
            draft.decide(index, Label.RELATED, "headline after the article")
        else:
            draft.decide(index, Label.OTHER, "after the article")


def footer_zone(draft: Draft, lowest: int, max_gap: int | None = None) -> int:
    """First block of the trailing run of short lines that holds footer evidence.

    With ``max_gap``, the run also ends more than that many blocks above the topmost footer
    evidence (short content lines, as on a shop grid, are not footer by position alone).
    """
    start = len(draft.blocks)
    has_footer = False
    evidence_at = start
    for index in range(len(draft.blocks) - 1, lowest - 1, -1):
        if max_gap is not None and evidence_at - index > max_gap:
            break
        evidence = draft.evidence[index]
        if evidence.heading and evidence.label is not Label.FOOTER:
            break
        if draft.is_prose(index) and evidence.label is not Label.FOOTER:
            break
        if draft.labels[index] not in (None, Label.FOOTER, Label.SHARE):
            break
        if evidence.label in (Label.FOOTER, Label.SHARE):
            evidence_at = index
        has_footer = has_footer or evidence.label is Label.FOOTER
        start = index
    return start if has_footer else len(draft.blocks)


def _is_headline(draft: Draft, index: int) -> bool:
    features = draft.features[index]
    return (features.words >= _HEADLINE_WORDS and not features.sentence_end
            and features.words <= draft.thresholds.short_words)


def label_leftovers(draft: Draft) -> None:
    labels, reasons = draft.labels, draft.reasons
    for index, label in enumerate(labels):
        if label is None:
            labels[index] = Label.OTHER
            reasons[index] = "no rule applied"
