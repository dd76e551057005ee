"""Step 1: what each block says about itself, read in isolation (jusText's first pass).

Each rule is a named test; the first that fires gives the block a label and the reason. A rule
marks a section *heading* (the label carries on to the blocks under it, see sections.py) or is
*strong* (it holds even inside the article text) or weak (the article region overrides it).

Phrase lists are looked up once per block for all rules (patterns.PhraseIndex; for a block of
a given length, only the groups some rule reads in blocks that long); the few regex tests run
only on blocks that contain the character they need.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from cleaner.blocks import Block
from cleaner.extractors.heuristic.features import Features
from cleaner.extractors.heuristic.thresholds import Thresholds
from cleaner.labels import Label
from cleaner.patterns import (
    NO_HITS,
    WORD,
    Hits,
    PhraseIndex,
    Phrases,
    bio,
    byline,
    comments,
    footer,
    lower,
    media,
    navigation,
    promo,
    related,
    share,
    trending,
    words_of,
)
from cleaner.patterns.dates import TIME, find_date
from cleaner.patterns.markup import MARKUP

Test = Callable[[str, Features, Hits], bool]


class Evidence(NamedTuple):
    """A block's first-pass verdict: a label (None when nothing marks it) and why."""

    label: Label | None
    reason: str = ""
    heading: bool = False
    strong: bool = False


NO_EVIDENCE = Evidence(None)
#: The reason of a block that is a date and little else (later steps look for runs of them).
DATE_LINE = "date line"


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
    #: For test rules: characters of which the block must contain one for the test to be run
    #: at all (a date needs a digit, a breadcrumb a separator).
    needs_chars: frozenset[str] | None = None


_CAMEL_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_GLUED = re.compile(r"[a-z][A-Z]")
_DIGITS = frozenset("0123456789")
#: Leaked code shows itself in a block's first characters; longer blocks are not read further.
_MARKUP_SCAN = 500
#: Characters of a block read to find the word after a "by" word (bylines are short).
_NAME_SCAN = 200
_MARKUP_CHARACTERS = frozenset("<{&$@(=;")
_BREADCRUMB_CHARACTERS = frozenset("»›>/|→:")
_CAPTION_CHARACTERS = frozenset(":|")
_BRACKETS = frozenset("[(")


def _always(text: str, features: Features, hits: Hits) -> bool:
    return True


def _phrase_rule(name: str, label: Label, phrases: Phrases, where: str, max_words: int,
                 test: Test = _always, *, heading: bool = False, strong: bool = True,
                 list_items: bool = True) -> Rule:
    """A rule that fires when ``phrases`` is the whole block, starts it, or occurs in it (and
    ``test``, when given, confirms)."""
    return Rule(name, label, test, max_words, heading=heading, strong=strong,
                list_items=list_items, needs=(phrases.name, where))


def _is_markup(text: str, features: Features, hits: Hits) -> bool:
    found = MARKUP.findall(text, 0, _MARKUP_SCAN)
    if not found:
        return False
    return text.lstrip()[:1] in "<{@$" or len(found) * 8 >= features.words


def _is_image_placeholder(text: str, features: Features, hits: Hits) -> bool:
    return text.lstrip().startswith("[") and media.IMAGE_PLACEHOLDER.match(text) is not None


def _is_form_widget(text: str, features: Features, hits: Hits) -> bool:
    return navigation.FORM_WIDGET.search(text) is not None


def _is_share_bar(text: str, features: Features, hits: Hits) -> bool:
    """Mostly share/follow words, with at least one network or share verb among them."""
    words = _bar_words(text)
    if not words or len(words) > share.SHARE_BAR_MAX_WORDS:
        return False
    known = sum(1 for word in words if word in share.SHARE_BAR_WORDS)
    return known / len(words) >= share.SHARE_BAR_MIN_SHARE and any(
        word in share.SOCIAL_NETWORKS for word in words
    )


def _is_glued_share_bar(text: str, features: Features, hits: Hits) -> bool:
    # Title-case, lower-case and upper-case text holds no small letter followed by a capital:
    # most short lines ("Home", "Contact Us") are settled without the regex.
    if text.istitle() or text.islower() or text.isupper():
        return False
    return _GLUED.search(text) is not None and _is_share_bar(text, features, hits)


def _bar_words(text: str) -> list[str]:
    """Lower-cased words of a bar; glued ones ("FacebookTwitter") split at capitals."""
    words: list[str] = []
    for token in text.split():
        word = lower(token.strip(".,:;!?|·•()[]"))
        if not word:
            continue
        if word in share.SHARE_BAR_WORDS:
            words.append(word)
        else:
            words.extend(lower(part) for part in _CAMEL_WORDS.findall(token))
    return words


def _is_comment_count(text: str, features: Features, hits: Hits) -> bool:
    return comments.COMMENT_COUNT.match(text) is not None


def _is_comment_header(text: str, features: Features, hits: Hits) -> bool:
    return comments.looks_like_comment_header(text, features.words_lower)


def _ends_with_says(text: str, features: Features, hits: Hits) -> bool:
    words = features.words_lower
    return (
        bool(words)
        and words[-1] in comments.SAYS_WORDS
        and len(words) <= comments.SAYS_MAX_WORDS
    )


def _is_by_author(text: str, features: Features, hits: Hits) -> bool:
    """"By NAME": no sentence, and a name after the "by" word: the next word capitalised (or
    in a script without capitals), unless the line is all lower case or carries a date. So
    "Text messages show..." and "Door to door..." are not bylines, whatever the language of
    the word that reads as "by"."""
    if features.sentence_end:
        return False
    words = features.words_lower
    after = byline.BY_AUTHOR.prefix_length(words)
    if not 0 < after < len(words):
        return True
    first = text.lstrip()[:1]
    if first.islower() or _has_date_or_time(text, features, hits):
        return True
    tokens = WORD.findall(text, 0, _NAME_SCAN)
    if len(tokens) <= after:
        return True
    start = tokens[after][:1]
    return start.isupper() or (start.isalpha() and not start.isascii() and not start.islower())


def _has_date_or_time(text: str, features: Features, hits: Hits) -> bool:
    return (find_date(text, features.words_lower) is not None
            or (":" in text and TIME.search(text) is not None))


def _is_date_line(text: str, features: Features, hits: Hits) -> bool:
    found = find_date(text, features.words_lower)
    return found is not None and len(found.group(0)) * 2 >= len(text.strip())


def _is_caption(text: str, features: Features, hits: Hits) -> bool:
    return media.CAPTION_START.match(text) is not None


def _is_gallery_counter(text: str, features: Features, hits: Hits) -> bool:
    return media.GALLERY_COUNTER.match(text) is not None


def _is_breadcrumb(text: str, features: Features, hits: Hits) -> bool:
    return len(navigation.BREADCRUMB_SEPARATOR.findall(text)) >= 2


def _is_footer_link_row(text: str, features: Features, hits: Hits) -> bool:
    links = [link for link in footer.LINK_SEPARATOR.split(text) if link]
    if len(links) < 2:
        return False
    legal = sum(1 for link in links if footer.FOOTER_LINE.is_whole(words_of(link)))
    return legal >= footer.LINK_ROW_MIN_SHARE * len(links)


def _is_cookie_notice(text: str, features: Features, hits: Hits) -> bool:
    return promo.COOKIE_NOTICE.search(text) is not None


def _is_copyright(text: str, features: Features, hits: Hits) -> bool:
    return footer.COPYRIGHT.search(text) is not None


def _is_bio(text: str, features: Features, hits: Hits) -> bool:
    return text[:1].isupper() and bio.BIO_SENTENCE.match(text) is not None


#: Every phrase group the rules consult (RuleTable indexes them together).
PHRASE_GROUPS = (
    share.SHARE_LINE, share.SHARE_PHRASE, share.SOCIAL_NETWORK_NAMES,
    comments.COMMENTS_HEADING, comments.REPLY_LINE,
    related.RELATED_HEADING, related.RELATED_START, trending.TRENDING_HEADING,
    bio.BIO_HEADING, promo.PROMO_LINE, promo.PROMO_PHRASE, promo.BROWSER_NOTICE,
    footer.FOOTER_LINE,
    footer.FOOTER_PHRASE, footer.COPYRIGHT_WORDS, bio.BIO_VERBS, promo.COOKIE_WORDS,
    comments.SAYS, byline.BY_AUTHOR, byline.BYLINE_WORDS, media.CAPTION_PHRASE,
    media.GALLERY_WORDS, media.MEDIA_LINE, navigation.NAVIGATION_LINE,
)


def rules(t: Thresholds) -> tuple[Rule, ...]:
    """The first-pass rules in the order they are tried."""
    short = t.short_words
    return (
        Rule("leaked markup", Label.MARKUP, _is_markup, 10_000, needs_chars=_MARKUP_CHARACTERS),
        Rule("image placeholder", Label.OTHER, _is_image_placeholder, short,
             needs_chars=frozenset("[")),
        Rule("form widget", Label.MENU, _is_form_widget, 6, needs_chars=_BRACKETS),
        _phrase_rule("share/follow line", Label.SHARE, share.SHARE_LINE, "whole", 8),
        _phrase_rule("share/follow phrase", Label.SHARE, share.SHARE_PHRASE, "anywhere",
                     share.SHARE_BAR_MAX_WORDS),
        _phrase_rule("share/follow bar", Label.SHARE, share.SOCIAL_NETWORK_NAMES, "anywhere",
                     share.SHARE_BAR_MAX_WORDS, test=_is_share_bar),
        Rule("share/follow bar (glued words)", Label.SHARE, _is_glued_share_bar, 2),
        _phrase_rule("comments heading", Label.COMMENTS, comments.COMMENTS_HEADING, "whole",
                     12, heading=True),
        Rule("comments heading (count)", Label.COMMENTS, _is_comment_count, 12, heading=True,
             needs_chars=_DIGITS),
        Rule("comment header (name, date, time)", Label.COMMENTS, _is_comment_header, 14,
             strong=False, needs_chars=frozenset(":")),
        _phrase_rule("comment header (name says)", Label.COMMENTS, comments.SAYS, "anywhere",
                     comments.SAYS_MAX_WORDS, test=_ends_with_says, strong=False),
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
        _phrase_rule("author biography", Label.BIO, bio.BIO_VERBS, "anywhere", 120,
                     test=_is_bio, strong=False),
        _phrase_rule("browser notice (enable JavaScript)", Label.OTHER, promo.BROWSER_NOTICE,
                     "anywhere", promo.BROWSER_NOTICE_MAX_WORDS),
        _phrase_rule("cookie notice", Label.PROMO, promo.COOKIE_WORDS, "anywhere", 200,
                     test=_is_cookie_notice, list_items=False),
        _phrase_rule("promo line (ad, newsletter, subscribe)", Label.PROMO, promo.PROMO_LINE,
                     "whole", 8, list_items=False),
        _phrase_rule("call to action (subscribe, donate, cookies)", Label.PROMO,
                     promo.PROMO_PHRASE, "anywhere", 15, list_items=False),
        _phrase_rule("call to action in a sentence", Label.PROMO, promo.PROMO_PHRASE,
                     "anywhere", 40, strong=False, list_items=False),
        Rule("copyright sign", Label.FOOTER, _always, 40, needs_chars=frozenset("©")),
        _phrase_rule("copyright line", Label.FOOTER, footer.COPYRIGHT_WORDS, "anywhere", 40,
                     test=_is_copyright),
        _phrase_rule("footer link (privacy, terms, contact)", Label.FOOTER,
                     footer.FOOTER_LINE, "whole", 6, strong=False),
        _phrase_rule("footer phrase", Label.FOOTER, footer.FOOTER_PHRASE, "anywhere", 30),
        _phrase_rule("footer link row (privacy | terms | contact)", Label.FOOTER,
                     footer.FOOTER_LINE, "anywhere", 30, test=_is_footer_link_row),
        _phrase_rule("byline (by author)", Label.BYLINE, byline.BY_AUTHOR, "start", 15,
                     test=_is_by_author, strong=False),
        _phrase_rule("byline (date, reading time)", Label.BYLINE, byline.BYLINE_WORDS,
                     "anywhere", 15, test=_has_date_or_time, strong=False),
        Rule(DATE_LINE, Label.BYLINE, _is_date_line, 10, strong=False, needs_chars=_DIGITS),
        _phrase_rule("photo credit", Label.OTHER, media.CAPTION_PHRASE, "anywhere", 12),
        Rule("caption or photo credit", Label.OTHER, _is_caption, 12,
             needs_chars=_CAPTION_CHARACTERS),
        _phrase_rule("photo credit in a sentence", Label.OTHER, media.CAPTION_PHRASE,
                     "anywhere", 40, strong=False),
        Rule("caption or photo credit in a sentence", Label.OTHER, _is_caption, 40,
             strong=False, needs_chars=_CAPTION_CHARACTERS),
        _phrase_rule("gallery control", Label.OTHER, media.GALLERY_WORDS, "whole", 6),
        Rule("gallery counter", Label.OTHER, _is_gallery_counter, 6, needs_chars=_DIGITS),
        _phrase_rule("media control", Label.OTHER, media.MEDIA_LINE, "whole", 4),
        _phrase_rule("navigation link (home, menu, sign in)", Label.MENU,
                     navigation.NAVIGATION_LINE, "whole", 6),
        Rule("breadcrumb trail", Label.MENU, _is_breadcrumb, 40,
             needs_chars=_BREADCRUMB_CHARACTERS),
    )


#: Phrases inside a block are sought in blocks up to this long (rules look no further).
_PHRASE_SEARCH_WORDS = 40
#: Character pre-checks look at this much of a block (the rules that use them read short
#: blocks, or the start of long ones).
_PROFILED_CHARACTERS = 400


class RuleTable:
    """The rules in priority order, arranged so that a block costs few calls.

    Phrase rules fire from the block's phrase hits (each hit group points at its rules), with
    a call only for the few that confirm with a test. Test rules are kept in lists by the
    block length they apply to, so a long paragraph skips the many rules for short lines;
    only those ranked before the best phrase rule run, and only on blocks holding a character
    they need.
    """

    __slots__ = ("rules", "_verdicts", "_by_group", "_limits", "_tests", "_needed_characters",
                 "_tests_without_characters", "_no_rule", "_no_bucket", "_phrase_limits",
                 "_phrase_indexes")

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        #: The Evidence each rule gives, built once, and NO_EVIDENCE after them: the verdict
        #: of rank len(rules), where no rule fired.
        self._verdicts = [Evidence(r.label, r.name, r.heading, r.strong) for r in rules]
        self._verdicts.append(NO_EVIDENCE)
        self._no_rule = len(rules)
        #: For each phrase group, its rules as flat tuples (rank, max_words, list_items, which
        #: Hits field must hold the group, test or None): this loop runs for every hit.
        self._by_group: dict[str, list[tuple[int, int, bool, int, Test | None]]] = {}
        for rank, rule in enumerate(rules):
            if rule.needs is not None:
                group, where = rule.needs
                self._by_group.setdefault(group, []).append((
                    rank, rule.max_words, rule.list_items, Hits._fields.index(where),
                    None if rule.test is _always else rule.test,
                ))
        self._phrase_limits, self._phrase_indexes = _phrase_indexes(rules)
        tests = [(rank, rule) for rank, rule in enumerate(rules) if rule.needs is None]
        needed = "".join(sorted(set().union(*(r.needs_chars or () for _, r in tests))))
        #: Finds the characters test rules need: a block's profile is the few it holds.
        self._needed_characters = re.compile(f"[{re.escape(needed)}]")
        #: Distinct word limits, ascending; _tests[item][k] holds the test rules that apply to
        #: blocks of at most _limits[k] words (as flat tuples: this loop runs for every block).
        self._limits = sorted({rule.max_words for _, rule in tests})
        self._no_bucket = len(self._limits)
        self._tests = [
            [
                [(rank, rule.needs_chars, rule.test) for rank, rule in tests
                 if rule.max_words >= limit and (rule.list_items or not is_item)]
                for limit in self._limits
            ]
            for is_item in (False, True)
        ]
        #: The same, keeping only rules that need no particular character: all a block that
        #: holds none of the needed characters (most prose lines) has to try.
        self._tests_without_characters = [
            [[entry for entry in bucket if entry[1] is None] for bucket in buckets]
            for buckets in self._tests
        ]

    def first_match(self, block: Block, features: Features) -> Evidence:
        """The highest-ranked rule that fires on ``block``, as Evidence (or NO_EVIDENCE)."""
        words = features.words
        is_item = bool(block.marker)
        text = block.text
        hits = self._phrase_indexes[bisect_left(self._phrase_limits, words)].find(
            features.words_lower, _PHRASE_SEARCH_WORDS)
        best = self._no_rule
        if hits is not NO_HITS:
            by_group = self._by_group
            for group in hits.anywhere:
                for rank, max_words, list_items, where, test in by_group.get(group, ()):
                    if rank < best and words <= max_words and (list_items or not is_item) \
                            and group in hits[where] \
                            and (test is None or test(text, features, hits)):
                        best = rank
        bucket = bisect_left(self._limits, words)
        if bucket < self._no_bucket:
            characters = frozenset(self._needed_characters.findall(text, 0, _PROFILED_CHARACTERS))
            tests = self._tests if characters else self._tests_without_characters
            for rank, needs_chars, test in tests[is_item][bucket]:
                if rank >= best:
                    break
                if needs_chars is not None and needs_chars.isdisjoint(characters):
                    continue
                if test(text, features, hits):
                    best = rank
                    break
        return self._verdicts[best]


def _phrase_indexes(rules: tuple[Rule, ...]) -> tuple[list[int], list[PhraseIndex]]:
    """Phrase indexes by block length: for each distinct word limit of the phrase rules, in
    ascending order, an index of the groups that some rule reads in blocks that long, and an
    empty one for longer blocks. A block is looked up in the index of the first limit at or
    above its length: groups no rule could fire on are not sought (a long paragraph is not
    searched for menu words)."""
    by_name = {group.name: group for group in PHRASE_GROUPS}
    longest: dict[str, int] = {}
    for rule in rules:
        if rule.needs is not None:
            name = rule.needs[0]
            if name not in by_name:
                raise ValueError(f"rule {rule.name!r} reads phrase group {name!r}, which "
                                 "PHRASE_GROUPS does not hold")
            longest[name] = max(longest.get(name, 0), rule.max_words)
    limits = sorted(set(longest.values()))
    indexes = [PhraseIndex(by_name[name] for name, most in longest.items() if most >= limit)
               for limit in limits]
    indexes.append(PhraseIndex(()))  # past the longest limit: no rule reads any group
    return limits, indexes
