"""Pattern data: phrase and keyword lists grouped by what they reveal, compiled once.

Each module holds the lists for one concern (share bars, navigation, bylines, comments, ...),
multilingual where cheap. Control flow never holds a literal phrase: rules ask these patterns.

Phrase lists are matched on words, not characters: a block's lower-cased ``\\w+`` tokens are
compared with each phrase's tokens through set lookups, which costs the same for a list of
five phrases or five hundred (a regex alternation of hundreds of phrases does not).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import NamedTuple

#: What a word is, for phrase matching and for every word count and word test on a block.
WORD = re.compile(r"\w+")
#: For ASCII text, one bytes.translate does what lower() and WORD do: capitals become small
#: letters, every byte that is not a word character (letter, digit, "_") a space to split on.
#: It gives the same words as the regex at a third of its cost (words_of runs on every block).
_ASCII_LOWER_WORDS = bytes(
    (byte | 0x20 if chr(byte).isupper() else byte)
    if byte < 128 and (chr(byte).isalnum() or chr(byte) == "_") else ord(" ")
    for byte in range(256)
)

#: The non-word characters beyond ASCII that pages use most (typographic quotes and dashes,
#: bullets, no-break space, signs): replaced by spaces, they leave most lines ASCII, for the
#: quick path (the regex is several times slower on text with wide characters).
COMMON_NON_WORD_MARKS = "’•–“”\xa0—…‘©®™·»«€£→"
if WORD.search(COMMON_NON_WORD_MARKS):
    raise ValueError("COMMON_NON_WORD_MARKS must hold no word character")

Words = Sequence[str]

#: ``str.lower`` called as a function: what the modules setup.py compiles lower-case text with.
#: mypyc's own ``lower()`` changes letter by letter and misses the final sigma ("ΟΣ" gives
#: "οσ", not "ος"); a call through this name runs CPython's (tests/test_build.py holds them to it).
lower: Callable[[str], str] = str.lower


def words_of(text: str) -> tuple[str, ...]:
    """Lower-cased ``\\w+`` tokens: the form phrases are matched in."""
    if not text.isascii():
        # Lower-cased first: a letter's lower case can depend on the marks around it.
        text = lower(text)
        for mark in COMMON_NON_WORD_MARKS:
            if mark in text:
                text = text.replace(mark, " ")
        if not text.isascii():
            return tuple(WORD.findall(text))
    return tuple(text.encode("ascii").translate(_ASCII_LOWER_WORDS).decode("ascii").split())


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
        end = _end_before_counts(words)
        return 0 < end <= self._longest and tuple(words[:end]) in self._phrases

    def starts(self, words: Words) -> bool:
        """The block begins with one of the phrases."""
        return any(tuple(words[:n]) in self._phrases
                   for n in range(1, min(self._longest, len(words)) + 1))

    def prefix_length(self, words: Words) -> int:
        """How many words the longest phrase the block begins with has (0: none)."""
        for n in range(min(self._longest, len(words)), 0, -1):
            if tuple(words[:n]) in self._phrases:
                return n
        return 0

    def occurs_in(self, words: Words) -> bool:
        """One of the phrases occurs anywhere in the block, on word boundaries."""
        count = len(words)
        for n in range(1, min(self._longest, count) + 1):
            for start in range(count - n + 1):
                if tuple(words[start : start + n]) in self._phrases:
                    return True
        return False


def _end_before_counts(words: Words) -> int:
    """How many words remain without trailing numbers ("Comments 12" is the phrase "comments")."""
    end = len(words)
    while end and words[end - 1].isdigit():
        end -= 1
    return end


class Hits(NamedTuple):
    """Names of the phrase groups found in one block: as the whole block, at its start, anywhere."""

    whole: frozenset[str]
    start: frozenset[str]
    anywhere: frozenset[str]


#: Hits without the NamedTuple constructor's Python frame (built for every block with a hit).
_new_hits = partial(tuple.__new__, Hits)
NO_HITS = _new_hits((frozenset(), frozenset(), frozenset()))


class PhraseIndex:
    """Many phrase groups in one table, so a block's words are looked up once for all of them."""

    __slots__ = ("_table", "_sizes", "_first_words", "_one_word_hits")

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
        #: A one-word block's Hits, by its word (most blocks that hit are one-word lines: menu
        #: items, "Share"): its start and its only word, and the whole block unless the word
        #: is a number (a trailing count, as _end_before_counts reads it).
        self._one_word_hits = {
            phrase[0]: _new_hits((frozenset() if phrase[0].isdigit() else names, names, names))
            for phrase, names in self._table.items() if len(phrase) == 1
        }

    def find(self, words: tuple[str, ...], anywhere_limit: int) -> Hits:
        """Groups matching ``words``; phrases inside the block are sought only in blocks of at
        most ``anywhere_limit`` words (in longer ones, only at the start)."""
        count = len(words)
        if count < 2:
            return self._one_word_hits.get(words[0], NO_HITS) if count else NO_HITS
        phrase_sizes = self._sizes
        if count > anywhere_limit:
            if words[0] not in phrase_sizes:
                return NO_HITS
            firsts: Sequence[int] = (0,)
        else:
            first_words = self._first_words
            if first_words.isdisjoint(words):
                return NO_HITS  # most blocks: no word of theirs starts a phrase
            firsts = [i for i, word in enumerate(words) if word in first_words]
        end = _end_before_counts(words)
        whole: set[str] = set()
        start: set[str] = set()
        anywhere: set[str] = set()
        table = self._table
        for first in firsts:
            for size in phrase_sizes[words[first]]:
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
        return _new_hits((frozenset(whole), frozenset(start), frozenset(anywhere)))


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases (for the few patterns that need a regex).

    Written as a trie (``jan(?:uary)?|...``), longest match first: the regex engine then tries
    a few branches per position instead of every phrase in turn; a space matches any run of
    white space.
    """
    unique = {lower(p.strip()) for p in phrases if p.strip()}
    if not unique:
        raise ValueError("a phrase group must not be empty")
    trie: dict[str, dict] = {}
    for phrase in unique:
        node = trie
        for character in phrase:
            node = node.setdefault(character, {})
        node[_END] = {}
    return _trie_pattern(trie)


#: Marks the end of a phrase in alternation()'s trie (no character is empty).
_END = ""


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [
        (r"\s+" if character == " " else re.escape(character)) + _trie_pattern(child)
        for character, child in sorted(node.items())
        if character != _END
    ]
    if not branches:
        return ""
    pattern = "|".join(branches)
    if _END in node:
        return f"(?:{pattern})?"  # greedy: the longer phrase is tried first
    return f"(?:{pattern})" if len(branches) > 1 else pattern


def word_set(words: Iterable[str]) -> frozenset[str]:
    """Lower-cased single words, for token-share tests."""
    result = frozenset(lower(w.strip()) for w in words if w.strip())
    if not result:
        raise ValueError("a word set must not be empty")
    return result
