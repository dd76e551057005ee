"""Step 2: headings label what sits under them, and comment threads are recognised.

"Related Posts", "Trending News", "2 Comments", "About the author" open a section: the blocks
under the heading get its label until the next heading or a block that plainly belongs
elsewhere. Comment headers ("NAME on DATE TIME") make the text under them a comment, unless
the page is itself a thread of posts (a forum), where the posts are the content.
"""

from __future__ import annotations

from cleaner.extractors.heuristic.draft import Draft
from cleaner.extractors.heuristic.evidence import Evidence
from cleaner.extractors.heuristic.features import capitalised_share
from cleaner.labels import Label
from cleaner.patterns.comments import COMMENT_COUNT_ANYWHERE

#: Labels whose sections run over prose (comment texts, bios) rather than stopping at it.
_PROSE_SECTIONS = frozenset({Label.COMMENTS, Label.BIO})
#: How many blocks a short section (author box, newsletter box) spans at most.
_SHORT_SECTION_BLOCKS = 3
#: A comments or author-box heading opens a section only after this many words of prose: one
#: near the top of the page is a link in the byline ("Posted by X | Leave a comment").
_PROSE_BEFORE_SECTION = 80
#: Comment headers make a comment thread only when there are at least this many.
_MIN_COMMENT_HEADERS = 2


def spread_section_headings(draft: Draft) -> None:
    """Give the blocks under each section heading the heading's label (as evidence)."""
    index = 0
    count = len(draft.blocks)
    prose_words = 0
    while index < count:
        heading = draft.evidence[index]
        if draft.is_prose(index):
            prose_words += draft.features[index].words
        if not heading.heading or heading.label is None:
            index += 1
            continue
        label = heading.label
        if label in _PROSE_SECTIONS and prose_words < _PROSE_BEFORE_SECTION:
            draft.decide(index, label, f"{heading.reason} (before any article text)")
            index += 1
            continue
        reason = f"under the heading '{_short(draft.blocks[index].text)}'"
        member = index + 1
        while member < count and _continues(draft, label, index, member):
            draft.decide(member, label, reason)
            member += 1
        draft.decide(index, label, f"section heading: {heading.reason}")
        index = member


def _continues(draft: Draft, label: Label, heading: int, member: int) -> bool:
    evidence = draft.evidence[member]
    if evidence.heading:
        return False
    if evidence.label is not None and evidence.strong and evidence.label not in (
        label, Label.OTHER, Label.BYLINE
    ):
        return False
    if label is Label.BIO or label is Label.PROMO:
        return member - heading <= _SHORT_SECTION_BLOCKS
    if label in _PROSE_SECTIONS:
        return True
    if draft.blocks[heading + 1].marker and not draft.blocks[member].marker:
        return False  # a bulleted list of links ends where the bullets do
    return draft.features[member].words < draft.thresholds.section_prose_words


def mark_comment_threads(draft: Draft) -> None:
    """Comment headers and the text under each, or, on a forum, post headers.

    Headers ("NAME on DATE TIME") under a comments heading ("2 Comments", "Comments") follow an
    article: the text under each is a comment. Headers with no such heading, or that come
    before any prose, are the posts of a thread, and the posts are the page's content.
    """
    headers = [i for i, e in enumerate(draft.evidence)
               if e.label is Label.COMMENTS and not e.heading and "header" in e.reason]
    if len(headers) < _MIN_COMMENT_HEADERS:
        for index in headers:
            draft.evidence[index] = Evidence(Label.BYLINE, "name, date and time (one only)")
        return
    first_prose = next((i for i in range(len(draft.blocks)) if draft.is_prose(i)), None)
    opens_page = first_prose is not None and headers[0] < first_prose
    if opens_page or not _comments_heading_near(draft, headers[0]):
        draft.thread = True
        for index in headers:
            draft.decide(index, Label.BYLINE, "post header (name, date) in a thread")
        return
    for number, index in enumerate(headers):
        end = headers[number + 1] if number + 1 < len(headers) else len(draft.blocks)
        draft.decide(index, Label.COMMENTS, "comment header (name, date, time)")
        for member in range(index + 1, end):
            evidence = draft.evidence[member]
            if evidence.heading or (evidence.strong and evidence.label is not Label.COMMENTS):
                break
            features = draft.features[member]
            if features.words > draft.thresholds.comment_max_words:
                break
            if member > index + 1 and not (features.sentence_end or draft.is_prose(member)):
                break  # the comment's text is over; what follows is the page's again
            draft.decide(member, Label.COMMENTS, "text under a comment header")


#: How far above the first comment header a comments heading ("2 Comments") may sit.
_COMMENTS_HEADING_REACH = 8


def _comments_heading_near(draft: Draft, first_header: int) -> bool:
    for index in range(max(0, first_header - _COMMENTS_HEADING_REACH), first_header + 1):
        evidence = draft.evidence[index]
        if evidence.heading and evidence.label is Label.COMMENTS:
            return True
        if draft.features[index].words <= 20 and COMMENT_COUNT_ANYWHERE.search(
            draft.blocks[index].text
        ):
            return True
    return False


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: An author-name line above a biography: at most this many words, all capitalised.
_AUTHOR_NAME_WORDS = 5


def mark_author_boxes(draft: Draft) -> None:
    """A biography ("NAME is a reporter ...") outside the article, and the name line above it.

    Runs after the article region is known: inside it, "Anne-Marie Brady is a professor at ..."
    is the article quoting someone, not an author box.
    """
    for index, evidence in enumerate(draft.evidence):
        if evidence.label is not Label.BIO or evidence.heading:
            continue
        if any(first <= index <= last for first, last in draft.regions):
            continue
        draft.decide(index, Label.BIO, evidence.reason)
        above = index - 1
        if above >= 0 and _is_name_line(draft, above):
            draft.decide(above, Label.BIO, "author name above the biography")


def _is_name_line(draft: Draft, index: int) -> bool:
    features = draft.features[index]
    return (not draft.blocks[index].marker and draft.evidence[index].label is None
            and 1 < features.words <= _AUTHOR_NAME_WORDS
            and capitalised_share(draft.blocks[index].text) == 1.0
            and not features.sentence_end)
