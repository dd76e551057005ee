"""Map an extracted text (another tool's output) back onto our blocks, by matching words."""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.deadline import CHECK_EVERY, NO_DEADLINE, Deadline
from cleaner.patterns import words_of

#: A block with fewer words than this is kept only when it equals a whole line of the output,
#: so a "Share" button does not count as kept because the article uses the word "share".
SHORT_BLOCK_WORDS = 4
#: Blocks that are no whole line are looked for in the whole output: by a plain search until
#: the searches have read this many times the output's length, then through a word index
#: (searching for every block would take time quadratic in the page's size: a table of
#: 200,000 cells, which trafilatura writes as rows of cells, spent 308 s here).
SEARCHES_BEFORE_INDEX = 4


def normalise(text: str) -> str:
    """Lower-cased words separated by single spaces, padded with a space on each side."""
    return " " + " ".join(words_of(text)) + " "


def kept_by(texts: Sequence[str], extracted: str,
            deadline: Deadline = NO_DEADLINE) -> list[bool]:
    """For each text, whether ``extracted`` contains it (whole-line match for short texts).

    Matching ignores order: a greedy in-order alignment derails on a short heading that recurs
    later in the article, and the extracted text rarely reorders a page anyway.
    """
    output = _Output(extracted)
    lines = {normalise(line) for line in extracted.splitlines()}
    kept: list[bool] = []
    for position, text in enumerate(texts):
        if not position % CHECK_EVERY:
            deadline.check("labelling", "matching trafilatura's text to the blocks")
        words = words_of(text)
        needle = " " + " ".join(words) + " "
        if len(words) < SHORT_BLOCK_WORDS:
            # (A block without words, such as "✕", counts as kept when the output has a line
            # without words: its needle is "  ", as an empty line's is.)
            kept.append(needle in lines)
        else:
            # A whole line first: a set lookup.
            kept.append(needle in lines or output.holds(needle, words))
    return kept


class _Output:
    """The extracted text as words, searched for runs of words (a block's text)."""

    __slots__ = ("_text", "_words", "_searched", "_index")

    def __init__(self, extracted: str) -> None:
        self._words = words_of(extracted)
        #: The words as one string, padded: a run of words is in it as " w1 w2 ... wn ".
        self._text = " " + " ".join(self._words) + " "
        #: Characters the plain searches have read so far.
        self._searched = 0
        #: Each word's positions in the output, built once plain searches have read enough.
        self._index: dict[str, list[int]] | None = None

    def holds(self, needle: str, words: Sequence[str]) -> bool:
        """Whether the words (``needle``: them as normalise writes them) run in the output."""
        if self._index is None:
            if self._searched < SEARCHES_BEFORE_INDEX * len(self._text):
                self._searched += len(self._text)
                return needle in self._text
            self._index = self._build_index()
        return self._indexed(needle, words, self._index)

    def _build_index(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for position, word in enumerate(self._words):
            positions = index.get(word)
            if positions is None:
                index[word] = [position]
            else:
                positions.append(position)
        return index

    def _indexed(self, needle: str, words: Sequence[str], index: dict[str, list[int]]) -> bool:
        # Where the needle's rarest word stands in the output, the needle may start.
        rarest: list[int] = []
        offset = 0
        for at, word in enumerate(words):
            positions = index.get(word)
            if positions is None:
                return False
            if at == 0 or len(positions) < len(rarest):
                rarest, offset = positions, at
        count = len(words)
        if len(rarest) * count > len(self._text):
            return needle in self._text  # common words only: one plain search costs less
        run = tuple(words)
        every = self._words
        return any(every[start - offset:start - offset + count] == run
                   for start in rarest if start >= offset)
