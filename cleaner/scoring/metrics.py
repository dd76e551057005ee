"""The measures exactly as ../shared/bench/README.md (the article extraction benchmark) has them.

Body: tokens are ``\\w+`` matches; each text becomes a multiset of overlapping 4-token shingles
(a text shorter than 4 tokens is one shorter shingle); per page tp/fp/fn are normalised by their
sum; precision and recall are means over pages; F1 is taken from the two means.
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


def normalise_snippet(text: str) -> str:
    """Whitespace-collapsed, lower-cased text, as snippets are compared."""
    return " ".join(text.split()).lower()


def snippets_found(snippets: Iterable[str], output: str) -> int:
    """How many snippets occur (normalised) as substrings of the normalised output."""
    haystack = normalise_snippet(output)
    return sum(1 for snippet in snippets if normalise_snippet(snippet) in haystack)
