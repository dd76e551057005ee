"""The working state of one labelling run: local to the call, filled in by the steps in order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from cleaner.blocks import Block
from cleaner.extractors.heuristic.evidence import Evidence
from cleaner.extractors.heuristic.features import Features, is_flattened_list
from cleaner.extractors.heuristic.thresholds import Thresholds
from cleaner.labels import Label

#: Repetition only counts for blocks this long (short lines like "Share" legitimately recur).
_REPEAT_MIN_WORDS = 4


@dataclass(slots=True)
class Draft:
    blocks: Sequence[Block]
    features: list[Features]
    evidence: list[Evidence]
    thresholds: Thresholds
    #: Final labels and reasons, None until a step decides.
    labels: list[Label | None] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    #: Inclusive block index range of the article text (its highest-scoring run), if any...
    region: tuple[int, int] | None = None
    #: ...and every run taken as main content, in page order (the main run among them).
    regions: list[tuple[int, int]] = field(default_factory=list)
    title: int | None = None
    #: Whether the page is a thread of posts (a forum), where post headers are not comments.
    thread: bool = False
    #: Whether a block's text (of a few words or more) appears more than once on the page.
    repeated: list[bool] = field(default_factory=list)
    #: Whether each block reads as prose (see is_prose), worked out once.
    prose: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.labels:
            self.labels = [None] * len(self.blocks)
            self.reasons = [""] * len(self.blocks)
        if not self.prose:
            sentence_words = self.thresholds.prose_words
            long_words = self.thresholds.long_prose_words
            self.prose = [
                f.words >= sentence_words if f.sentence_end
                else f.words >= long_words and not is_flattened_list(block.text)
                for block, f in zip(self.blocks, self.features, strict=True)
            ]
        if not self.repeated:
            texts = [block.text for block in self.blocks]
            counts = Counter(texts)
            self.repeated = [
                features.words >= _REPEAT_MIN_WORDS and counts[text] > 1
                for text, features in zip(texts, self.features, strict=True)
            ]

    def decide(self, index: int, label: Label, reason: str) -> None:
        """Label a block that no earlier step has labelled."""
        if self.labels[index] is None:
            self.labels[index] = label
            self.reasons[index] = reason

    @property
    def content_start(self) -> int:
        """First block of the main content (the block count when there is none)."""
        return self.regions[0][0] if self.regions else len(self.blocks)

    @property
    def content_end(self) -> int:
        """Last block of the main content (-1 when there is none)."""
        return self.regions[-1][1] if self.regions else -1

    def force(self, index: int, label: Label, reason: str) -> None:
        self.labels[index] = label
        self.reasons[index] = reason

    def is_prose(self, index: int) -> bool:
        """Long enough, or a sentence of some length, and not a flattened list."""
        return self.prose[index]
