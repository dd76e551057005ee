"""Step 1b, HTML only: what a block's place in the DOM says when its text says nothing.

A page's landmarks (``<footer>``, ``<nav>``, ``<aside>``, ``<header>`` and their ARIA roles)
hold its boilerplate; a block inside one, with no text evidence of its own, gets that
landmark's label as weak evidence: the article region (step 3) still overrides it, so an
article that a site wraps in a ``<header>`` or an ``<aside>`` keeps its paragraphs.

Measured on the dev sets' HTML (heuristic extractor, body F1): no DOM evidence 0.921 aeb-dev /
0.764 modern-dev; footer alone 0.927 / 0.778; footer, nav, aside and header 0.941 / 0.774.
Class and id vocabulary (related, share, comment, ...) was tried as well and left out: the
tokens of every ancestor up to ``<body>`` make it fire on whole pages.

A ``<figcaption>`` is a figure's caption, strong evidence for ``other``: the gold of both
benchmarks leaves captions out (words of heuristic-kept captions in gold: aeb-dev 0 of 292,
modern-dev 400 of 2,272). It scores as neutral in the region step, so an article runs on
across its figures. Measured (body F1, heuristic / ensemble): aeb-dev 0.945 -> 0.949 /
0.961 -> 0.964, modern-dev 0.774 -> 0.775 / 0.795 -> 0.795 (0.7945 -> 0.7954). Class tokens
holding "caption" were tried too: they sit on whole pages (aeb-dev heuristic 0.931).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from cleaner.blocks import Block
from cleaner.extractors.heuristic.evidence import Evidence
from cleaner.labels import Label

#: Landmark (as DomHints.landmarks names it) and the label its blocks lean to, in the order
#: they are tried when a block sits in several (a <nav> inside a <header> is a menu).
LANDMARK_LABELS: Mapping[str, Label] = MappingProxyType({
    "footer": Label.FOOTER,
    "nav": Label.MENU,
    "aside": Label.RELATED,
    "header": Label.MENU,
})
_LANDMARK_EVIDENCE = {
    landmark: Evidence(label, f"inside the page's <{landmark}>", heading=False, strong=False)
    for landmark, label in LANDMARK_LABELS.items()
}


#: A figure's caption: not article text (both benchmarks' gold leave captions out), but no
#: break in it either (the region step scores it as neutral).
FIGURE_CAPTION = Evidence(Label.OTHER, "figure caption (<figcaption>)", heading=False,
                          strong=True)


def add_dom_evidence(blocks: Sequence[Block], evidence: list[Evidence]) -> None:
    """Give blocks without text evidence the evidence of their place (in place): a figure's
    caption, else the landmark they sit in."""
    for index, block in enumerate(blocks):
        dom = block.dom
        if dom is None or evidence[index].label is not None:
            continue
        if "figcaption" in dom.tag_path:
            evidence[index] = FIGURE_CAPTION
            continue
        if not dom.landmarks:
            continue
        for landmark, landmark_evidence in _LANDMARK_EVIDENCE.items():
            if landmark in dom.landmarks:
                evidence[index] = landmark_evidence
                break

