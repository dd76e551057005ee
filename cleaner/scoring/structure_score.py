"""How much of a page's structure an output keeps: its Markdown's headings, list items, table
cells and rows, and code lines, matched against the gold Markdown's.

Each element is compared by its words (lower-cased runs of letters and digits, inline
markup and link targets removed), as a multiset: precision is the share of the output's
elements the gold has, recall the share of the gold's the output has. Per page, then averaged
over the pages that have such elements (gold ones for recall, output ones for precision).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: The elements compared, in the order reports show them.
ELEMENTS = ("headings", "list_items", "table_cells", "table_rows", "code_lines")

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^[\s|:-]+$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class ElementOverlap:
    """One kind of element on one page: how many the gold and the output have, and share."""

    gold: int
    output: int
    shared: int

    @property
    def precision(self) -> float | None:
        return self.shared / self.output if self.output else None

    @property
    def recall(self) -> float | None:
        return self.shared / self.gold if self.gold else None


def markdown_elements(markdown: str) -> dict[str, Counter[str]]:
    """The structural elements of a Markdown text, each as its normalised words."""
    found: dict[str, Counter[str]] = {element: Counter() for element in ELEMENTS}
    fence: str | None = None
    for line in markdown.splitlines():
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1) == fence:
                fence = None
            else:
                _add(found["code_lines"], line)
            continue
        if opened:
            fence = opened.group(1)
            continue
        if match := _HEADING.match(line):
            _add(found["headings"], match.group(1))
        elif match := _TABLE_ROW.match(line):
            if _TABLE_RULE.match(line):
                continue
            cells = _CELL_SPLIT.split(match.group(1))
            for cell in cells:
                _add(found["table_cells"], cell)
            _add(found["table_rows"], " ".join(cells))
        elif match := _LIST_ITEM.match(line):
            _add(found["list_items"], match.group(1))
    return found


def structure_overlap(gold_markdown: str, output_markdown: str) -> dict[str, ElementOverlap]:
    """Per element, what the gold and the output have and share."""
    gold, output = markdown_elements(gold_markdown), markdown_elements(output_markdown)
    return {element: ElementOverlap(gold[element].total(), output[element].total(),
                                    (gold[element] & output[element]).total())
            for element in ELEMENTS}


@dataclass(frozen=True, slots=True)
class StructureScore:
    """Per element, mean precision and recall over the pages that have such elements (None
    when none has), and the number of pages each mean is over."""

    precision: dict[str, float | None]
    recall: dict[str, float | None]
    precision_pages: dict[str, int]
    recall_pages: dict[str, int]

    def figures(self) -> dict[str, float]:
        """Figures by name ("headings_recall", ...), those that exist."""
        figures = {}
        for element in ELEMENTS:
            for name, means in (("precision", self.precision), ("recall", self.recall)):
                value = means[element]
                if value is not None:
                    figures[f"{element}_{name}"] = value
        return figures


def structure_score(pages: Iterable[dict[str, ElementOverlap]]) -> StructureScore:
    """The mean figures of the pages' overlaps."""
    precisions: dict[str, list[float]] = {element: [] for element in ELEMENTS}
    recalls: dict[str, list[float]] = {element: [] for element in ELEMENTS}
    for page in pages:
        for element, overlap in page.items():
            if overlap.precision is not None:
                precisions[element].append(overlap.precision)
            if overlap.recall is not None:
                recalls[element].append(overlap.recall)
    return StructureScore(
        {element: _mean(values) for element, values in precisions.items()},
        {element: _mean(values) for element, values in recalls.items()},
        {element: len(values) for element, values in precisions.items()},
        {element: len(values) for element, values in recalls.items()},
    )


def _add(counter: Counter[str], text: str) -> None:
    words = _words(text)
    if words:
        counter[words] += 1


def _words(text: str) -> str:
    text = _LINK.sub(r"\1", _IMAGE.sub(r"\1", text))
    return " ".join(_WORD.findall(text.lower()))


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None
