"""What the learned labeller sees of each block: one row of numbers per block.

Built from the page's blocks, the heuristic's decisions and first-pass evidence, and (HTML)
whether trafilatura keeps the block: the block's own text and markup, its neighbours', and the
page's as a whole. Categories (labels, tags) are small integer codes, which the tree model
takes as they are. FEATURE_NAMES names the columns, in order; the model file records them, so
a model and the code that feeds it cannot drift apart silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from cleaner.blocks import Block, Page
from cleaner.extractors.heuristic.evidence import Evidence
from cleaner.labels import ALL_LABELS, Label
from cleaner.result import Decision

#: Label codes: position in ALL_LABELS; -1 for no label (evidence that says nothing).
_LABEL_CODE = {label: code for code, label in enumerate(ALL_LABELS)}
#: Block-level tags with a code of their own; any other tag is OTHER_TAG.
TAGS = ("p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "span", "a", "dd",
        "dt", "blockquote", "pre", "figcaption", "caption", "label", "button", "section",
        "article", "header", "footer", "nav", "aside", "form", "option", "time", "address",
        "summary", "body")
_TAG_CODE = {tag: code for code, tag in enumerate(TAGS)}
OTHER_TAG = len(TAGS)
#: Landmarks a block can sit in, one 0/1 column each.
LANDMARKS = ("nav", "header", "footer", "aside", "form", "main", "article")
#: Class/id token stems that say what a container is, one 0/1 column each: a token containing
#: the stem ("comment" in "comment-list") sets it.
TOKEN_STEMS = ("content", "article", "post", "entry", "body", "text", "story", "main",
               "comment", "reply", "nav", "menu", "footer", "header", "sidebar", "widget",
               "related", "share", "social", "promo", "ad", "banner", "newsletter", "subscribe",
               "cookie", "author", "byline", "meta", "date", "tag", "breadcrumb", "product",
               "price", "review", "card", "teaser", "list", "item", "title", "caption")
#: Neighbours on each side whose summary goes into a block's row.
WINDOW = 3
#: Ancestors (1: the owner element's parent) whose blocks are summed up in a block's row: the
#: container a block shares with its siblings says more than the block alone (a grid of
#: product names, a list of teasers, a comment thread).
ANCESTOR_LEVELS = (1, 2, 3)

_SENTENCE_END = re.compile(r"[.!?…:。！？]['\"”’)\]]*\s*$")
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")
_PUNCTUATION = re.compile(r"[,.;:!?]")
_WORD = re.compile(r"\w+")
_NOT_LETTER = re.compile(r"[\W\d_]")


def _own_names() -> list[str]:
    names = ["words", "log_words", "chars", "mean_word_chars", "sentence_end", "sentences",
             "commas_per_word", "digit_share", "upper_share", "starts_upper",
             "heuristic_label", "heuristic_body", "evidence_label", "evidence_strong",
             "evidence_heading", "trafilatura_keeps", "link_density", "tag", "heading_level",
             "in_list", "in_table", "depth", "indent", "marker", "numbered", "blank_before",
             "blank_after", "lines"]
    names += [f"in_{landmark}" for landmark in LANDMARKS]
    names += [f"token_{stem}" for stem in TOKEN_STEMS]
    return names


def _context_names() -> list[str]:
    names = ["position", "words_before_share", "body_run_blocks", "body_run_words_log",
             "same_tag_run", "repeats_on_page"]
    for offset in [*range(-WINDOW, 0), *range(1, WINDOW + 1)]:
        side = f"prev{-offset}" if offset < 0 else f"next{offset}"
        names += [f"{side}_present", f"{side}_heuristic_body", f"{side}_trafilatura_keeps",
                  f"{side}_log_words", f"{side}_link_density", f"{side}_same_parent"]
    return names


def _ancestor_names() -> list[str]:
    names = []
    for level in ANCESTOR_LEVELS:
        names += [f"up{level}_log_blocks", f"up{level}_log_words", f"up{level}_heuristic_body",
                  f"up{level}_trafilatura_keeps", f"up{level}_link_density",
                  f"up{level}_sentence_end"]
    return names


PAGE_NAMES = ["page_blocks_log", "page_words_log", "page_heuristic_body_share",
              "page_trafilatura_share", "page_trafilatura_run", "page_link_density",
              "page_fragment", "page_html", "page_longest_block_log", "page_list_share"]
FEATURE_NAMES: tuple[str, ...] = tuple(_own_names() + _context_names() + _ancestor_names()
                                       + PAGE_NAMES)


def block_rows(page: Page, decisions: Sequence[Decision], evidence: Sequence[Evidence],
               trafilatura_kept: Sequence[bool] | None) -> list[list[float]]:
    """One row of FEATURE_NAMES per block of ``page`` (``trafilatura_kept``: None where
    trafilatura did not run, as on text dumps)."""
    blocks = page.blocks
    stems_of: dict[frozenset[str], list[float]] = {}  # blocks of a page share their tokens
    own = [_own_row(block, decision, found, trafilatura_kept[i] if trafilatura_kept else -1,
                    stems_of)
           for i, (block, decision, found) in enumerate(zip(blocks, decisions, evidence,
                                                            strict=True))]
    words = [row[0] for row in own]
    heuristic_body = [decision.label is Label.BODY for decision in decisions]
    kept = list(trafilatura_kept) if trafilatura_kept is not None else [False] * len(blocks)
    page_row = _page_row(page, words, heuristic_body, kept, trafilatura_kept is not None)
    context = _context_rows(blocks, words, heuristic_body, kept, trafilatura_kept is not None)
    ancestors = _ancestor_rows(blocks, own, heuristic_body, kept, trafilatura_kept is not None)
    return [own_row + context_row + ancestor_row + page_row
            for own_row, context_row, ancestor_row in zip(own, context, ancestors, strict=True)]


def _own_row(block: Block, decision: Decision, found: Evidence, trafilatura: int,
             stems_of: dict[frozenset[str], list[float]]) -> list[float]:
    text = block.text
    words = _WORD.findall(text)
    count = len(words)
    letters = len(text) - len(_NOT_LETTER.findall(text))
    dom = block.dom
    row = [
        count, math.log1p(count), len(text), (sum(map(len, words)) / count) if count else 0.0,
        float(bool(_SENTENCE_END.search(text))), text.count(". ") + 1.0,
        text.count(",") / count if count else 0.0,
        len(_DIGIT.findall(text)) / len(text) if text else 0.0,
        len(_UPPER.findall(text)) / letters if letters else 0.0,
        float(text[:1].isupper()),
        _LABEL_CODE[decision.label], float(decision.label is Label.BODY),
        _LABEL_CODE[found.label] if found.label is not None else -1,
        float(found.strong), float(found.heading), trafilatura,
        block.link_density,
        _TAG_CODE.get(dom.tag, OTHER_TAG) if dom else -1,
        dom.heading_level if dom else -1,
        float(dom.in_list) if dom else float(bool(block.marker)),
        float(dom.in_table) if dom else -1,
        len(dom.tag_path) if dom else -1,
        block.indent if dom is None else -1,
        float(bool(block.marker)),
        float(block.is_numbered),
        float(block.blank_before), float(block.blank_after),
        (block.end_line - block.start_line + 1) if block.start_line and block.end_line else -1,
    ]
    if dom is None:
        row += [-1.0] * (len(LANDMARKS) + len(TOKEN_STEMS))
    else:
        row += [float(landmark in dom.landmarks) for landmark in LANDMARKS]
        stems = stems_of.get(dom.tokens)
        if stems is None:
            tokens = " ".join(dom.tokens)
            stems = stems_of[dom.tokens] = [float(stem in tokens) for stem in TOKEN_STEMS]
        row += stems
    return row


def _context_rows(blocks: Sequence[Block], words: Sequence[float], heuristic_body: list[bool],
                  kept: list[bool], has_trafilatura: bool) -> list[list[float]]:
    total = sum(words) or 1.0
    runs = _runs(heuristic_body, words)
    tag_runs = [float(end - start) for start, end in _spans(
        [block.dom.tag if block.dom else block.marker[:1] for block in blocks])]
    seen: dict[str, int] = {}
    for block in blocks:
        seen[block.text] = seen.get(block.text, 0) + 1
    parents = [block.dom.path.rsplit("/", 1)[0] if block.dom else "" for block in blocks]
    # What a block shows as a neighbour: present, heuristic body, trafilatura keeps, words,
    # links (then whether it shares the block's parent element).
    shown = [[1.0, float(body), float(keep) if has_trafilatura else -1.0, math.log1p(count),
              block.link_density]
             for block, body, keep, count in zip(blocks, heuristic_body, kept, words, strict=True)]
    absent = [0.0, -1.0, -1.0, -1.0, -1.0, -1.0]
    offsets = [*range(-WINDOW, 0), *range(1, WINDOW + 1)]
    rows = []
    before = 0.0
    count = len(blocks)
    for i, block in enumerate(blocks):
        run_blocks, run_words = runs[i]
        row = [i / max(1, count - 1), before / total, run_blocks, math.log1p(run_words),
               tag_runs[i], seen[block.text] - 1]
        before += words[i]
        has_dom = block.dom is not None
        for offset in offsets:
            j = i + offset
            if 0 <= j < count:
                row += shown[j]
                row.append(float(parents[j] == parents[i]) if has_dom else -1.0)
            else:
                row += absent
        rows.append(row)
    return rows


def _ancestor_rows(blocks: Sequence[Block], own: list[list[float]], heuristic_body: list[bool],
                   kept: list[bool], has_trafilatura: bool) -> list[list[float]]:
    """Per block and ancestor level: the blocks under that ancestor, their words, and the
    shares of their words the heuristic and trafilatura keep, in links, in sentences."""
    width = 6 * len(ANCESTOR_LEVELS)
    if not blocks or blocks[0].dom is None:
        return [[-1.0] * width for _ in blocks]
    sentence_end_column = 4
    rows: list[list[float]] = [[] for _ in blocks]
    link_density = [block.link_density for block in blocks]
    for level in ANCESTOR_LEVELS:
        keys = [block.dom.path.rsplit("/", level)[0] if block.dom else "" for block in blocks]
        totals: dict[str, list[float]] = {}
        for i, key in enumerate(keys):
            words = own[i][0]
            total = totals.setdefault(key, [0.0] * 6)
            total[0] += 1
            total[1] += words
            total[2] += words * heuristic_body[i]
            total[3] += words * kept[i]
            total[4] += words * link_density[i]
            total[5] += words * own[i][sentence_end_column]
        for i, key in enumerate(keys):
            count, words, body, keeps, links, sentences = totals[key]
            share = 1 / words if words else 0.0
            rows[i] += [math.log1p(count), math.log1p(words), body * share,
                        keeps * share if has_trafilatura else -1.0, links * share,
                        sentences * share]
    return rows


def _page_row(page: Page, words: Sequence[float], heuristic_body: list[bool], kept: list[bool],
              has_trafilatura: bool) -> list[float]:
    total = sum(words) or 1.0
    body_words = sum(w for w, body in zip(words, heuristic_body, strict=True) if body)
    kept_words = sum(w for w, keep in zip(words, kept, strict=True) if keep)
    link_chars = sum(block.dom.link_chars for block in page.blocks if block.dom)
    chars = sum(len(block.text) for block in page.blocks) or 1
    listed = sum(1 for block in page.blocks if block.marker or (block.dom and block.dom.in_list))
    return [
        math.log1p(len(page.blocks)), math.log1p(total), body_words / total,
        kept_words / total if has_trafilatura else -1.0,
        _longest_run(kept) if has_trafilatura else -1.0,
        link_chars / chars, float(page.fragment), float(page.input_type == "html"),
        math.log1p(max(words, default=0)), listed / len(page.blocks),
    ]


def _runs(flags: Sequence[bool], words: Sequence[float]) -> list[tuple[float, float]]:
    """For each block, the blocks and words of the run of equal flags it belongs to (0, 0 for
    blocks whose flag is False)."""
    result: list[tuple[float, float]] = []
    for i, (start, end) in enumerate(_spans(flags)):
        result.append((float(end - start), float(sum(words[start:end]))) if flags[i]
                      else (0.0, 0.0))
    return result


def _spans(values: Sequence[object]) -> list[tuple[int, int]]:
    """For each position, the (start, end) of the run of equal values it belongs to."""
    result: list[tuple[int, int]] = []
    start = 0
    while start < len(values):
        end = start
        while end < len(values) and values[end] == values[start]:
            end += 1
        result += [(start, end)] * (end - start)
        start = end
    return result


def _longest_run(flags: Sequence[bool]) -> float:
    """Share of the blocks in the longest run of True flags."""
    best = current = 0
    for flag in flags:
        current = current + 1 if flag else 0
        best = max(best, current)
    return best / len(flags) if flags else 0.0
