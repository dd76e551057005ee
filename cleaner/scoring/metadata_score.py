"""How often an output's title, author and date agree with the gold's.

A field agrees when both are absent, or both are present and equal once white space, case and
a leading "By" are set aside (dates: the same YYYY-MM-DD). Agreement is the share of pages
that agree, over the pages whose gold record has the field at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cleaner.parse.html_meta import normal_date

#: The fields compared, in the order reports show them.
FIELDS = ("title", "author", "date")


def field_agreement(gold: Mapping[str, str | None],
                    found: Mapping[str, str | None]) -> dict[str, bool]:
    """Per field the gold has (its value may be None: the page names none), whether the found
    value agrees with it."""
    return {field: _normal(field, gold[field]) == _normal(field, found.get(field))
            for field in FIELDS if field in gold}


@dataclass(frozen=True, slots=True)
class MetadataScore:
    """Per field, the share of pages that agree (None when no page has the field's gold),
    and the number of pages it is over."""

    agreement: dict[str, float | None]
    pages: dict[str, int]

    def figures(self) -> dict[str, float]:
        return {f"{field}_agreement": value for field, value in self.agreement.items()
                if value is not None}


def metadata_score(pages: Iterable[Mapping[str, bool]]) -> MetadataScore:
    agreed = {field: 0 for field in FIELDS}
    counted = {field: 0 for field in FIELDS}
    for page in pages:
        for field, agrees in page.items():
            counted[field] += 1
            agreed[field] += agrees
    return MetadataScore(
        {field: agreed[field] / counted[field] if counted[field] else None for field in FIELDS},
        counted,
    )


def _normal(field: str, value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    if field == "date":
        return normal_date(value)
    text = " ".join(value.split()).casefold()
    return text[3:].strip() if field == "author" and text.startswith("by ") else text
