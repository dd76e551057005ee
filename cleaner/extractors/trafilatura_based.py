"""trafilatura's ``extract()`` on the page's HTML, mapped back onto our blocks."""

from __future__ import annotations

from cleaner.blocks import Page
from cleaner.extractors.align import kept_by
from cleaner.labels import Label
from cleaner.options import Options
from cleaner.result import Decision

_KEPT = Decision(Label.BODY, "trafilatura: kept in its main text")
_DROPPED = Decision(Label.OTHER, "trafilatura: not in its main text")


def label(page: Page, options: Options) -> list[Decision]:
    """Body for blocks trafilatura keeps (default settings, no comments); other for the rest."""
    import trafilatura  # imported here: it is slow to import and only this extractor needs it

    extracted = trafilatura.extract(
        page.source_text, url=options.url, include_comments=False, deduplicate=False
    ) or ""
    kept = kept_by([block.text for block in page.blocks], extracted)
    return [_KEPT if is_kept else _DROPPED for is_kept in kept]
