"""Map an extracted text (another tool's output) back onto our blocks, by matching words."""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.patterns import words_of

#: A block with fewer words than this is kept only when it equals a whole line of the output,
#: so a "Share" button does not count as kept because the article uses the word "share".
SHORT_BLOCK_WORDS = 4


def normalise(text: str) -> str:
    """Lower-cased words separated by single spaces, padded with a space on each side."""
    return " " + " ".join(words_of(text)) + " "


def kept_by(texts: Sequence[str], extracted: str) -> list[bool]:
    """For each text, whether ``extracted`` contains it (whole-line match for short texts).

    Matching ignores order: a greedy in-order alignment derails on a short heading that recurs
    later in the article, and the extracted text rarely reorders a page anyway.
    """
    haystack = normalise(extracted)
    lines = {normalise(line) for line in extracted.splitlines()}
    kept: list[bool] = []
    for text in texts:
        needle = normalise(text)
        words = needle.count(" ") - 1
        if words <= 0:
            kept.append(False)
        elif words < SHORT_BLOCK_WORDS:
            kept.append(needle in lines)
        else:
            # A whole line first: a set lookup, where searching the whole output for every
            # block would take time quadratic in the page's size (a 50 MB page never ended).
            kept.append(needle in lines or needle in haystack)
    return kept
