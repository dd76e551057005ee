"""Block labels from a gold body: which of a page's blocks the gold text is made of.

The page's words and the gold's words (lower-cased ``\\w+``, as the metrics count them) are
aligned in order (difflib's longest matching runs, no junk heuristic); a block is body when at
least MIN_MATCHED_SHARE of its words are matched. In-order matching keeps a teaser that repeats
the article's first sentence, after the article, from counting as body.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from cleaner.blocks import Block
from cleaner.scoring.metrics import tokenize

#: A block is body when at least this share of its words are matched by the gold's.
MIN_MATCHED_SHARE = 0.5


def gold_body_blocks(blocks: Sequence[Block], gold: str) -> list[bool]:
    """For each block, whether the gold body holds it (see the module's docstring); a block
    without words is never body."""
    words: list[str] = []
    owners: list[int] = []
    sizes: list[int] = []
    for position, block in enumerate(blocks):
        block_words = tokenize(block.text.lower())
        words += block_words
        owners += [position] * len(block_words)
        sizes.append(len(block_words))
    matched = [0] * len(blocks)
    matcher = SequenceMatcher(None, words, tokenize(gold.lower()), autojunk=False)
    for start, _, length in matcher.get_matching_blocks():
        for at in range(start, start + length):
            matched[owners[at]] += 1
    return [size > 0 and count >= MIN_MATCHED_SHARE * size
            for count, size in zip(matched, sizes, strict=True)]


def kept_text(texts: Sequence[str], keep: Sequence[bool]) -> str:
    """The kept texts (of a page's blocks), a paragraph each: what an extractor keeping
    exactly those blocks would output."""
    return "\n\n".join(text for text, kept in zip(texts, keep, strict=True) if kept)
