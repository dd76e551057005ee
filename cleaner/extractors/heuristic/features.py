"""Per-block measurements the rules read: size, sentence shape, and the words to match."""

from __future__ import annotations

import re
from functools import partial
from typing import NamedTuple

from cleaner.patterns import WORD, words_of

#: Closing quotes and brackets that may follow a sentence's final punctuation.
_CLOSERS = "\"'”’»)]」』›*"
_SENTENCE_END = frozenset(".!?…。！？:;")
#: Kana, CJK ideographs and Hangul: every two of these count as a word, so a Chinese paragraph
#: (written without spaces) does not look like a one-word line, and a Korean one, whose
#: space-separated words are long, is not undercounted.
_SPACELESS = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff]")
#: Words are tokenised in this much of a block; beyond it they are counted by spaces.
_HEAD_CHARACTERS = 300
#: Phrase lists are matched against at most this many leading words of a block: boilerplate
#: phrases sit in short blocks, and it keeps long paragraphs cheap.
MATCHED_WORDS = 40
#: A long block without sentence punctuation is a flattened list, not prose, when at least this
#: share of its words are capitalised (names, languages, menu items) or hold a digit (ids,
#: prices, tracking strings). Prose, even German prose, stays well below it.
LISTY_SHARE = 0.75
#: ...counted over the block's words up to this many (enough to tell, cheap on long blocks).
LISTY_SAMPLE_WORDS = 60


class Features(NamedTuple):
    #: Words; in scripts without spaces every two wide characters count as one word.
    words: int
    #: The block ends like a sentence (., !, ?, …, :, CJK full stops), quotes aside.
    sentence_end: bool
    #: The first MATCHED_WORDS words, lower-cased: the form phrase lists are matched in.
    words_lower: tuple[str, ...] = ()


#: Features without the NamedTuple constructor's Python frame: measure runs for every block.
_new_features = partial(tuple.__new__, Features)


def measure(text: str) -> Features:
    """Measure one block's text."""
    head = text[:_HEAD_CHARACTERS]
    words_lower = words_of(head)
    words = len(words_lower)
    if len(text) > _HEAD_CHARACTERS:
        # Past the head the exact count matters little: count the spaces.
        words += text.count(" ", _HEAD_CHARACTERS)
    if not text.isascii():
        spaceless = len(_SPACELESS.findall(text))
        if spaceless:
            words += spaceless // 2
    stripped = text.rstrip().rstrip(_CLOSERS)
    sentence_end = bool(stripped) and stripped[-1] in _SENTENCE_END
    return _new_features((words, sentence_end, words_lower[:MATCHED_WORDS]))


def is_flattened_list(text: str) -> bool:
    """Capitalised or numeric words through and through: a list of names, menu items or ids
    run together into one block (read on long blocks without sentence punctuation)."""
    sample = WORD.findall(text[:_HEAD_CHARACTERS])[:LISTY_SAMPLE_WORDS]
    marked = sum(1 for word in sample if word[0].isupper() or not word.isalpha())
    return marked >= LISTY_SHARE * len(sample)


def capitalised_share(text: str) -> float:
    """Share of alphabetic words that start with a capital letter (names, headlines, menus)."""
    alphabetic = [word for word in WORD.findall(text) if word[0].isalpha()]
    if not alphabetic:
        return 0.0
    return sum(1 for word in alphabetic if word[0].isupper()) / len(alphabetic)
