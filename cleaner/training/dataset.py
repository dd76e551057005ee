"""Training rows from a benchmark folder: every block of every page in one input form, with its
features, its gold label (from the alignment) and the page's site and kind."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from cleaner.decode import decode
from cleaner.extractors import heuristic
from cleaner.extractors.trafilatura_based import skip_reason, trafilatura_keeps
from cleaner.learned.features import block_rows
from cleaner.learned.page_features import page_row
from cleaner.options import Options
from cleaner.parse import parse_page
from cleaner.scoring.alignment import gold_body_blocks
from cleaner.scoring.cases import Case


@dataclass(frozen=True, slots=True)
class PageRows:
    """One page's blocks as training rows."""

    case: Case
    site: str
    rows: list[list[float]]
    gold: list[bool]
    texts: list[str]
    #: The page-kind classifier's row (learned.page_features).
    page: list[float]


def site_of(url: str) -> str:
    """The site a page belongs to, for grouping folds: its host without a leading "www."."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def page_rows(case: Case, url: str) -> PageRows | None:
    """The rows of one page (None for a page without blocks); ``url`` is its address."""
    text = decode(case.read_input()).text
    # Parsed without the gold address, as most callers give none (the page's canonical link
    # stands in for it); the address only says which site the page belongs to.
    page = parse_page(text, case.input_kind)
    if not page.blocks:
        return None
    decisions, evidence = heuristic.label_with_evidence(page)
    kept = None
    if page.input_type == "html" and skip_reason(page) is None:
        kept = trafilatura_keeps(page, Options(input_type="html"))
    return PageRows(case, site_of(url), block_rows(page, decisions, evidence, kept),
                    gold_body_blocks(page.blocks, case.gold_body),
                    [block.text for block in page.blocks], page_row(page, decisions, kept))

