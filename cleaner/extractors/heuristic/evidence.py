"""Step 1: what each block says about itself, read in isolation (jusText's first pass).

Each rule is a named test; the first that fires gives the block a label and the reason. A rule
marks a section *heading* (the label carries on to the blocks under it, see sections.py) or is
*strong* (it holds even inside the article text) or weak (the article region overrides it).

Phrase lists are looked up once per block for all rules (patterns.PhraseIndex); the few
regex tests run only on blocks that contain the character they need.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from cleaner.blocks import Block
from cleaner.extractors.heuristic.features import Features
from cleaner.extractors.heuristic.thresholds import Thresholds
from cleaner.labels import Label
from cleaner.patterns import (
    Hits,
    PhraseIndex,
    Phrases,
    bio,
    byline,
    comments,
    footer,
    media,
    navigation,
    promo,
    related,
    share,
    trending,
)
from cleaner.patterns.dates import DATE, RELATIVE_TIME, TIME
from cleaner.patterns.markup import MARKUP

Test = Callable[[str, Features, Hits], bool]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A block's first-pass verdict: a label (None when nothing marks it) and why."""

    label: Label | None
    reason: str = ""
    heading: bool = False
    strong: bool = False


NO_EVIDENCE = Evidence(None)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    label: Label
    test: Test
    #: The rule only looks at blocks with at most this many words.
    max_words: int
    heading: bool = False
    strong: bool = True
    #: Whether the rule applies to list items: a bulleted "Donate" or "Newsletter" is a link
    #: in a menu or footer list, not a promotion.
    list_items: bool = True
    #: For phrase rules: the group that must be among the block's hits, and where ("whole",
    #: "start" or "anywhere"), so the rule is skipped without a call when it is not.
    needs: tuple[str, str] | None = None


_CAMEL_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_DIGIT = re.compile(r"\d")
_GLUED = re.compile(r"[a-z][A-Z]")
_MARKUP_CHARACTERS = frozenset("<{&$@")
_BREADCRUMB_CHARACTERS = frozenset("»›>/|→:")


def _phrase_rule(name: str, label: Label, phrases: Phrases, where: str, max_words: int,
                 **flags: bool) -> Rule:
    """A rule that fires when ``phrases`` is the whole block, starts it, or occurs in it."""
    return Rule(name, label, lambda text, features, hits: True, max_words,
                needs=(phrases.name, where), **flags)


def _is_markup(text: str, features: Features, hits: Hits) -> bool:
    if _MARKUP_CHARACTERS.isdisjoint(text) and "function" not in text and "var " not in text:
        return False
    found = MARKUP.findall(text)
    if not found:
        return False
    return text.lstrip()[:1] in "<{@$" or len(found) * 8 >= features.words


def _is_image_placeholder(text: str, features: Features, hits: Hits) -> bool:
    return text.lstrip().startswith("[") and media.IMAGE_PLACEHOLDER.match(text) is not None


def _is_form_widget(text: str, features: Features, hits: Hits) -> bool:
    return ("[" in text or "(" in text) and navigation.FORM_WIDGET.search(text) is not None


def _is_share_bar(text: str, features: Features, hits: Hits) -> bool:
    if share.SHARE_LINE.name in hits.whole or share.SHARE_PHRASE.name in hits.anywhere:
        return True
    if share.SOCIAL_NETWORKS.isdisjoint(features.words_lower) and not _GLUED.search(text):
        return False  # no network named, and no glued words ("FacebookTwitter") to split
    words = _bar_words(text)
    if not words or len(words) > share.SHARE_BAR_MAX_WORDS:
        return False
    known = sum(1 for word in words if word in share.SHARE_BAR_WORDS)
    return known / len(words) >= share.SHARE_BAR_MIN_SHARE and any(
        word in share.SOCIAL_NETWORKS for word in words
    )


def _bar_words(text: str) -> list[str]:
    """Lower-cased words of a bar; glued ones ("FacebookTwitter") split at capitals."""
    words: list[str] = []
    for token in text.split():
        word = token.strip(".,:;!?|·•()[]").lower()
        if not word:
            continue
        if word in share.SHARE_BAR_WORDS:
            words.append(word)
        else:
            words.extend(part.lower() for part in _CAMEL_WORDS.findall(token))
    return words


def _is_comments_heading(text: str, features: Features, hits: Hits) -> bool:
    return (comments.COMMENTS_HEADING.name in hits.whole
            or (_has_digit(text) and comments.COMMENT_COUNT.match(text) is not None))


def _is_comment_header(text: str, features: Features, hits: Hits) -> bool:
    return comments.looks_like_comment_header(text, features.words_lower)


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def _has_date(text: str) -> bool:
    """A date or relative time; every form has a digit, so digit-free text is skipped cheaply."""
    return _has_digit(text) and bool(DATE.search(text) or RELATIVE_TIME.search(text))


def _is_byline(text: str, features: Features, hits: Hits) -> bool:
    if byline.BY_AUTHOR.name in hits.start and not features.sentence_end:
        return True
    return byline.BYLINE_WORDS.name in hits.anywhere and (
        _has_date(text) or (":" in text and TIME.search(text) is not None)
    )


def _is_date_line(text: str, features: Features, hits: Hits) -> bool:
    if not _has_digit(text):
        return False
    found = DATE.search(text) or RELATIVE_TIME.search(text)
    return bool(found) and len(found.group(0)) * 2 >= len(text.strip())


def _is_caption(text: str, features: Features, hits: Hits) -> bool:
    if media.CAPTION_PHRASE.name in hits.anywhere:
        return True
    return (":" in text or "|" in text) and media.CAPTION_START.match(text) is not None


def _is_gallery_line(text: str, features: Features, hits: Hits) -> bool:
    return media.GALLERY_WORDS.name in hits.whole or (
        _has_digit(text) and media.GALLERY_COUNTER.match(text) is not None
    )


def _is_breadcrumb(text: str, features: Features, hits: Hits) -> bool:
    if _BREADCRUMB_CHARACTERS.isdisjoint(text):
        return False
    return len(navigation.BREADCRUMB_SEPARATOR.findall(text)) >= 2


def _is_cookie_notice(text: str, features: Features, hits: Hits) -> bool:
    return "ookie" in text and promo.COOKIE_NOTICE.search(text) is not None


def _is_copyright(text: str, features: Features, hits: Hits) -> bool:
    if "©" in text:
        return True
    if footer.COPYRIGHT_WORDS.isdisjoint(features.words_lower):
        return False
    return footer.COPYRIGHT.search(text) is not None


def _is_bio(text: str, features: Features, hits: Hits) -> bool:
    return (bio.BIO_VERB.search(text, 0, 200) is not None
            and bio.BIO_SENTENCE.match(text) is not None)


#: Every phrase group the rules consult, indexed together.
PHRASE_INDEX = PhraseIndex([
    share.SHARE_LINE, share.SHARE_PHRASE, comments.COMMENTS_HEADING, comments.REPLY_LINE,
    related.RELATED_HEADING, related.RELATED_START, trending.TRENDING_HEADING,
    bio.BIO_HEADING, promo.PROMO_LINE, promo.PROMO_PHRASE, footer.FOOTER_LINE,
    footer.FOOTER_PHRASE, byline.BY_AUTHOR, byline.BYLINE_WORDS, media.CAPTION_PHRASE,
    media.GALLERY_WORDS, media.MEDIA_LINE, navigation.NAVIGATION_LINE,
])


def rules(t: Thresholds) -> tuple[Rule, ...]:
    """The first-pass rules in the order they are tried."""
    short = t.short_words
    return (
        Rule("leaked markup", Label.MARKUP, _is_markup, 10_000),
        Rule("image placeholder", Label.OTHER, _is_image_placeholder, short),
        Rule("form widget", Label.MENU, _is_form_widget, 6),
        Rule("share/follow bar", Label.SHARE, _is_share_bar, share.SHARE_BAR_MAX_WORDS),
        Rule("comments heading", Label.COMMENTS, _is_comments_heading, 12, heading=True),
        Rule("comment header (name, date, time)", Label.COMMENTS, _is_comment_header, 14,
             strong=False),
        _phrase_rule("comment action (reply, like, comment form)", Label.COMMENTS,
                     comments.REPLY_LINE, "whole", 8),
        _phrase_rule("related heading", Label.RELATED, related.RELATED_HEADING, "whole", 8,
                     heading=True),
        _phrase_rule("previous/next or 'more from' link", Label.RELATED,
                     related.RELATED_START, "start", short),
        _phrase_rule("trending/popular heading", Label.TRENDING, trending.TRENDING_HEADING,
                     "whole", 8, heading=True),
        _phrase_rule("author box heading", Label.BIO, bio.BIO_HEADING, "whole", 6,
                     heading=True),
        Rule("author biography", Label.BIO, _is_bio, 120, strong=False),
        Rule("cookie notice", Label.PROMO, _is_cookie_notice, 200, list_items=False),
        _phrase_rule("promo line (ad, newsletter, subscribe)", Label.PROMO, promo.PROMO_LINE,
                     "whole", 8, list_items=False),
        _phrase_rule("call to action (subscribe, donate, cookies)", Label.PROMO,
                     promo.PROMO_PHRASE, "anywhere", 15, list_items=False),
        _phrase_rule("call to action in a sentence", Label.PROMO, promo.PROMO_PHRASE,
                     "anywhere", 40, strong=False, list_items=False),
        Rule("copyright line", Label.FOOTER, _is_copyright, 40),
        _phrase_rule("footer link (privacy, terms, contact)", Label.FOOTER,
                     footer.FOOTER_LINE, "whole", 6, strong=False),
        _phrase_rule("footer phrase", Label.FOOTER, footer.FOOTER_PHRASE, "anywhere", 30),
        Rule("byline (author, date, reading time)", Label.BYLINE, _is_byline, 15, strong=False),
        Rule("date line", Label.BYLINE, _is_date_line, 10, strong=False),
        Rule("caption or photo credit", Label.OTHER, _is_caption, 12),
        Rule("caption or photo credit in a sentence", Label.OTHER, _is_caption, 40,
             strong=False),
        Rule("gallery control", Label.OTHER, _is_gallery_line, 6),
        _phrase_rule("media control", Label.OTHER, media.MEDIA_LINE, "whole", 4),
        _phrase_rule("navigation link (home, menu, sign in)", Label.MENU,
                     navigation.NAVIGATION_LINE, "whole", 6),
        Rule("breadcrumb trail", Label.MENU, _is_breadcrumb, 40),
    )


#: Phrases inside a block are sought in blocks up to this long (rules look no further).
_PHRASE_SEARCH_WORDS = 40


def block_evidence(block: Block, features: Features, ordered: tuple[Rule, ...]) -> Evidence:
    """The first rule that fires on ``block``, or NO_EVIDENCE."""
    text = block.text
    is_item = bool(block.marker)
    hits = PHRASE_INDEX.find(features.words_lower, _PHRASE_SEARCH_WORDS)
    for rule in ordered:
        if features.words > rule.max_words or (is_item and not rule.list_items):
            continue
        if rule.needs is not None:
            group, where = rule.needs
            if group in getattr(hits, where):
                return Evidence(rule.label, rule.name, rule.heading, rule.strong)
        elif rule.test(text, features, hits):
            return Evidence(rule.label, rule.name, rule.heading, rule.strong)
    return NO_EVIDENCE
