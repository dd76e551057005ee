"""Options for one ``clean`` call: a frozen dataclass passed explicitly, never read from globals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cleaner.deadline import time_limit

InputType = Literal["text", "html"]
InputTypeChoice = Literal["auto", "text", "html"]
#: Where the learned extractor sets its threshold: fewer non-body words kept, or fewer body
#: words lost.
Favor = Literal["precision", "balanced", "recall"]
FAVORS: tuple[Favor, ...] = ("precision", "balanced", "recall")


@dataclass(frozen=True, slots=True)
class Options:
    """How to clean a document. Each field maps 1:1 to a CLI option of the same name."""

    #: Extractor name from the registry; "auto" picks the best measured one for the input type.
    extractor: str = "auto"
    #: The page's address, when known: recorded in the result and given to URL-aware extractors.
    url: str | None = None
    #: "auto" sniffs HTML vs text dump from the content; "text"/"html" force one front door.
    input_type: InputTypeChoice = "auto"
    #: Prepend the title to ``Result.text`` (the gold bodies of the benchmarks exclude it).
    include_title: bool = False
    #: Refuse documents larger than this many bytes (after decompression); None means no limit.
    max_bytes: int | None = 64 * 1024 * 1024
    #: Give up on a document after this many seconds (InputTimeoutError); None: no limit.
    #: Infinity is taken for None; zero, a negative number or NaN raise ValueError.
    timeout: float | None = None
    #: The learned extractor's threshold: "precision", "balanced" or "recall".
    favor: Favor = "balanced"
    #: Markdown output (HTML): write links as [text](target), bold and italic text, and
    #: images as ![alt](source).
    links: bool = False
    emphasis: bool = False
    images: bool = False

    @property
    def marks(self) -> frozenset[str]:
        """The kinds of inline span the HTML blocks keep for Markdown (parse_html)."""
        return frozenset(({"link"} if self.links else set())
                         | ({"strong", "em"} if self.emphasis else set())
                         | ({"image"} if self.images else set()))

    def __post_init__(self) -> None:
        if self.favor not in FAVORS:
            raise ValueError(f"favor must be one of {', '.join(FAVORS)}, not {self.favor!r}")
        # Normalised here, where every entry (clean(), the CLI, the batch's workers) passes.
        object.__setattr__(self, "timeout", time_limit(self.timeout))
