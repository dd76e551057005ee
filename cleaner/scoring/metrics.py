"""The measures exactly as ../shared/bench/README.md has them.

Shingles (the article extraction benchmark): tokens are ``\\w+`` matches; each text becomes a
multiset of overlapping 4-token shingles (a text shorter than 4 tokens is one shorter shingle);
per page tp/fp/fn are normalised by their sum; precision and recall are means over pages; F1 is
taken from the two means.

Word bag (WCXB): tokens are ``\\w+`` matches of the lower-cased text; per page precision and
recall of the multiset overlap, and their F1; each of the three is averaged over pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of overlapping ``size``-token shingles; fewer tokens make one short shingle."""
    tokens = tokenize(text)
    if len(tokens) <= size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True, slots=True)
class Overlap:
    """Shared, output-only and gold-only shingles of one page, normalised to sum to 1."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)


def shingle_overlap(gold: str, output: str) -> Overlap:
    """Compare an output body with the gold body of the same page."""
    gold_shingles, output_shingles = shingles(gold), shingles(output)
    tp = sum((gold_shingles & output_shingles).values())
    fp = sum((output_shingles - gold_shingles).values())
    fn = sum((gold_shingles - output_shingles).values())
    total = tp + fp + fn
    if not total:
        return Overlap(0.0, 0.0, 0.0)
    return Overlap(tp / total, fp / total, fn / total)


@dataclass(frozen=True, slots=True)
class BodyScore:
    """Precision and recall averaged over pages; F1 of those two means."""

    precision: float
    recall: float
    f1: float
    pages: int


def body_score(overlaps: Sequence[Overlap]) -> BodyScore:
    """Aggregate pages: a page counts for precision when tp+fp > 0, for recall when tp+fn > 0."""
    precisions = [o.precision for o in overlaps if o.tp + o.fp > 0]
    recalls = [o.recall for o in overlaps if o.tp + o.fn > 0]
    precision = _mean(precisions)
    recall = _mean(recalls)
    return BodyScore(precision, recall, harmonic_mean(precision, recall), len(overlaps))


def harmonic_mean(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b else 0.0


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True, slots=True)
class WordOverlap:
    """Word-bag precision, recall and F1 of one page (WCXB's metric)."""

    precision: float
    recall: float
    f1: float


def word_overlap(gold: str, output: str) -> WordOverlap:
    """Compare an output body with the gold body of the same page, as bags of lower-cased
    words; an empty output of a page whose gold is empty scores 1."""
    gold_words, output_words = Counter(tokenize(gold.lower())), Counter(tokenize(output.lower()))
    if not gold_words and not output_words:
        return WordOverlap(1.0, 1.0, 1.0)
    shared = sum((gold_words & output_words).values())
    precision = shared / output_words.total() if output_words else 0.0
    recall = shared / gold_words.total() if gold_words else 0.0
    return WordOverlap(precision, recall, harmonic_mean(precision, recall))


@dataclass(frozen=True, slots=True)
class WordScore:
    """Word-bag precision, recall and F1, each the mean over pages."""

    precision: float
    recall: float
    f1: float
    pages: int


def word_score(overlaps: Sequence[WordOverlap]) -> WordScore:
    return WordScore(_mean([o.precision for o in overlaps]), _mean([o.recall for o in overlaps]),
                     _mean([o.f1 for o in overlaps]), len(overlaps))


def snippet_rate(snippets: Sequence[str], output: str) -> float | None:
    """Share of ``snippets`` that are lower-cased substrings of the lower-cased output, as WCXB
    counts them (whitespace as it is); None for a page without snippets."""
    if not snippets:
        return None
    haystack = output.lower()
    return sum(1 for snippet in snippets if snippet.lower() in haystack) / len(snippets)


def mean_rate(rates: Iterable[float | None]) -> float | None:
    """The mean of the rates that are not None (None when there is none)."""
    present = [rate for rate in rates if rate is not None]
    return _mean(present) if present else None


def normalise_snippet(text: str) -> str:
    """Whitespace-collapsed, lower-cased text, as snippets are compared."""
    return " ".join(text.split()).lower()


def snippets_found(snippets: Iterable[str], output: str) -> int:
    """How many snippets occur (normalised) as substrings of the normalised output."""
    haystack = normalise_snippet(output)
    return sum(1 for snippet in snippets if normalise_snippet(snippet) in haystack)
