"""Pattern data: phrase and keyword lists grouped by what they reveal, compiled once.

Each module holds the lists for one concern (share bars, navigation, bylines, comments, ...),
multilingual where cheap. Control flow never holds a literal phrase: rules ask these patterns.

Phrase lists are matched on words, not characters: a block's lower-cased ``\\w+`` tokens are
compared with each phrase's tokens through set lookups, which costs the same for a list of
five phrases or five hundred (a regex alternation of hundreds of phrases does not).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: What a word is, for phrase matching and for every word count and word test on a block.
WORD = re.compile(r"\w+")

Words = Sequence[str]


def words_of(text: str) -> tuple[str, ...]:
    """Lower-cased ``\\w+`` tokens: the form phrases are matched in."""
    return tuple(WORD.findall(text.lower()))


class Phrases:
    """A named group of phrases, each matched as a whole sequence of words."""

    __slots__ = ("name", "_phrases", "_longest")

    def __init__(self, name: str, phrases: Iterable[str]) -> None:
        tokenised = frozenset(words_of(p) for p in phrases if words_of(p))
        if not tokenised:
            # An empty group would be a silent no-op (or, as a regex, match everything).
            raise ValueError(f"phrase group {name!r} must not be empty")
        self.name = name
        self._phrases = tokenised
        self._longest = max(len(p) for p in tokenised)

    def __repr__(self) -> str:
        return f"Phrases({self.name!r}, {len(self._phrases)} phrases)"

    def is_whole(self, words: Words) -> bool:
        """The block is one of the phrases, give or take punctuation and trailing counts."""
        end = len(words)
        while end and words[end - 1].isdigit():
            end -= 1
        return 0 < end <= self._longest and tuple(words[:end]) in self._phrases

    def starts(self, words: Words) -> bool:
        """The block begins with one of the phrases."""
        return any(tuple(words[:n]) in self._phrases
                   for n in range(1, min(self._longest, len(words)) + 1))

    def occurs_in(self, words: Words) -> bool:
        """One of the phrases occurs anywhere in the block, on word boundaries."""
        count = len(words)
        for n in range(1, min(self._longest, count) + 1):
            for start in range(count - n + 1):
                if tuple(words[start : start + n]) in self._phrases:
                    return True
        return False


@dataclass(frozen=True, slots=True)
class Hits:
    """Names of the phrase groups found in one block: as the whole block, at its start, anywhere."""

    whole: frozenset[str]
    start: frozenset[str]
    anywhere: frozenset[str]


NO_HITS = Hits(frozenset(), frozenset(), frozenset())


class PhraseIndex:
    """Many phrase groups in one table, so a block's words are looked up once for all of them."""

    __slots__ = ("_table", "_sizes", "_first_words")

    def __init__(self, groups: Iterable[Phrases]) -> None:
        table: dict[tuple[str, ...], set[str]] = {}
        for group in groups:
            for phrase in group._phrases:
                table.setdefault(phrase, set()).add(group.name)
        self._table = {phrase: frozenset(names) for phrase, names in table.items()}
        #: For each word a phrase starts with, the lengths of the phrases starting with it: a
        #: position whose word starts no phrase costs one lookup.
        sizes: dict[str, set[int]] = {}
        for phrase in self._table:
            sizes.setdefault(phrase[0], set()).add(len(phrase))
        self._sizes = {word: tuple(sorted(lengths)) for word, lengths in sizes.items()}
        self._first_words = frozenset(self._sizes)

    def find(self, words: Words, anywhere_limit: int) -> Hits:
        """Groups matching ``words``; phrases inside the block are sought only in blocks of at
        most ``anywhere_limit`` words (in longer ones, only at the start)."""
        count = len(words)
        if not count:
            return NO_HITS
        if count > anywhere_limit:
            if words[0] not in self._first_words:
                return NO_HITS
        elif self._first_words.isdisjoint(words):
            return NO_HITS  # most blocks: no word of theirs starts a phrase
        end = count
        while end and words[end - 1].isdigit():
            end -= 1
        whole: set[str] = set()
        start: set[str] = set()
        anywhere: set[str] = set()
        table = self._table
        phrase_sizes = self._sizes
        starts = range(count) if count <= anywhere_limit else range(1)
        for first in starts:
            sizes = phrase_sizes.get(words[first])
            if sizes is None:
                continue
            for size in sizes:
                if first + size > count:
                    break
                names = table.get(words[first : first + size])
                if names is None:
                    continue
                anywhere.update(names)
                if first == 0:
                    start.update(names)
                    if size == end:
                        whole.update(names)
        if not anywhere:
            return NO_HITS
        return Hits(frozenset(whole), frozenset(start), frozenset(anywhere))


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases (for the few patterns that need a regex)."""
    unique = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    if not unique:
        raise ValueError("a phrase group must not be empty")
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in unique)


def word_set(words: Iterable[str]) -> frozenset[str]:
    """Lower-cased single words, for token-share tests."""
    result = frozenset(w.strip().lower() for w in words if w.strip())
    if not result:
        raise ValueError("a word set must not be empty")
    return result
