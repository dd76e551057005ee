"""Peer extractors (trafilatura, readability-lxml, jusText, resiliparse, html-text) as the
article extraction benchmark calls them, for measuring beside ours. Each is optional."""

from __future__ import annotations

import html
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

PeerFunction = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Peer:
    name: str
    module: str  # import name, to tell whether the peer is installed
    load: Callable[[], PeerFunction]


def _trafilatura() -> PeerFunction:
    import trafilatura

    return lambda page: trafilatura.extract(page, include_comments=False) or ""


def _readability() -> PeerFunction:
    import html_text
    from readability import Document

    return lambda page: html_text.extract_text(Document(page).summary(html_partial=True))


def _justext() -> PeerFunction:
    import justext

    stoplist = justext.get_stoplist("English")

    def run(page: str) -> str:
        paragraphs = justext.justext(page, stoplist, 50, 200, 0.1, 0.2, 0.2, 200, True)
        return " ".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _resiliparse() -> PeerFunction:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda page: extract_plain_text(page, main_content=True)


def _html_text() -> PeerFunction:
    import html_text

    return html_text.extract_text


PEERS: tuple[Peer, ...] = (
    Peer("trafilatura", "trafilatura", _trafilatura),
    Peer("readability-lxml", "readability", _readability),
    Peer("justext", "justext", _justext),
    Peer("resiliparse", "resiliparse", _resiliparse),
    Peer("html-text (whole page)", "html_text", _html_text),
)


def installed_peers() -> list[Peer]:
    """Peers whose packages can be imported here (the ``bench`` extra installs them all)."""
    return [peer for peer in PEERS if importlib.util.find_spec(peer.module) is not None]


def lines_as_html(text: str) -> str:
    """A text dump as HTML with one <p> per non-blank line: how peers are run on text."""
    paragraphs = "".join(
        f"<p>{html.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip()
    )
    return f"<html><body>\n{paragraphs}</body></html>"
