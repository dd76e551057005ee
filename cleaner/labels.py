"""The fixed label vocabulary (DESIGN.md): every block of a page gets exactly one of these."""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    """What a piece of a page is. Values are the fixed lower-case names used in every output."""

    TITLE = "title"
    BYLINE = "byline"
    BODY = "body"
    MENU = "menu"
    TRENDING = "trending"
    RELATED = "related"
    SHARE = "share"
    BIO = "bio"
    COMMENTS = "comments"
    PROMO = "promo"
    FOOTER = "footer"
    MARKUP = "markup"
    OTHER = "other"


ALL_LABELS: tuple[Label, ...] = tuple(Label)

#: Labels whose text ``Result.text`` returns (title only when asked for).
CONTENT_LABELS: frozenset[Label] = frozenset({Label.BODY})


def parse_label(name: str) -> Label:
    """The Label called ``name`` (case-insensitive); ValueError listing the valid names if none."""
    try:
        return Label(name.strip().lower())
    except ValueError:
        valid = ", ".join(label.value for label in Label)
        raise ValueError(f"unknown label {name.strip()!r}; valid labels: {valid}") from None
