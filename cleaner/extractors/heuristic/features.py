"""Per-block measurements the rules read: size, sentence shape, function-word share, case."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.parse.wide_chars import WIDE_CHARACTER
from cleaner.patterns.stopwords import STOPWORDS

_WORD = re.compile(r"\w+")
#: Closing quotes and brackets that may follow a sentence's final punctuation.
_CLOSERS = "\"'”’»)]」』›*"
_SENTENCE_END = frozenset(".!?…。！？:;")


@dataclass(frozen=True, slots=True)
class Features:
    #: Words; in scripts without spaces every two wide characters count as one word.
    words: int
    #: The block ends like a sentence (., !, ?, …, :, CJK full stops), quotes aside.
    sentence_end: bool
    #: Share of the words that are function words of a European language (prose is full of them).
    stopword_share: float
    #: Share of alphabetic words that start with a capital letter (headlines and menus are high).
    capitalised_share: float
    #: Share of the words that are pure numbers.
    number_share: float
    #: Lower-cased words (the first SAMPLE_WORDS), the form phrase lists are matched in.
    words_lower: tuple[str, ...] = ()


#: Word statistics are taken over at most this many words: enough to tell prose from a menu,
#: and it keeps long paragraphs cheap.
SAMPLE_WORDS = 60


def measure(text: str) -> Features:
    """Measure one block's text."""
    tokens = _WORD.findall(text)
    words = len(tokens)
    if not text.isascii():
        words += len(WIDE_CHARACTER.findall(text)) // 2
    stripped = text.rstrip().rstrip(_CLOSERS)
    sentence_end = bool(stripped) and stripped[-1] in _SENTENCE_END
    if not tokens:
        return Features(words, sentence_end, 0.0, 0.0, 0.0)
    sample = tokens[:SAMPLE_WORDS]
    lower = tuple(token.lower() for token in sample)
    count = len(sample)
    stop = len([word for word in lower if word in STOPWORDS])
    numbers = len([token for token in sample if token.isdigit()])
    alphabetic = [token for token in sample if token[0].isalpha()]
    capital = len([token for token in alphabetic if token[0].isupper()])
    return Features(
        words=words,
        sentence_end=sentence_end,
        stopword_share=stop / count,
        capitalised_share=capital / len(alphabetic) if alphabetic else 0.0,
        number_share=numbers / count,
        words_lower=lower,
    )
