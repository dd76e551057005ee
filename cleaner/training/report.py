"""Figures of a cross-validation: per set and kind of page, the learned labeller's out-of-fold
output beside the heuristic's and trafilatura's choices of the same blocks, and the ceiling
(the blocks the gold holds); the page-kind classifier's accuracy and confusion matrix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cleaner.learned.features import FEATURE_NAMES
from cleaner.learned.page_features import KINDS
from cleaner.scoring.alignment import kept_text
from cleaner.scoring.metrics import Overlap, body_score, shingle_overlap, word_overlap
from cleaner.training.cross_validation import (
    CrossValidated,
    TrainingSettings,
    kind_index,
)
from cleaner.training.dataset import PageRows
from cleaner.training.thresholds import ThresholdChoice

#: Whose blocks a figure is of: the learned model (out of fold), the two it reads, the gold.
SYSTEMS = ("learned", "heuristic", "trafilatura", "aligned-gold")
#: A page is thrown away when its word F1 is this far below trafilatura's.
THROWN_AWAY_GAP = 0.3

_HEURISTIC = FEATURE_NAMES.index("heuristic_body")
_TRAFILATURA = FEATURE_NAMES.index("trafilatura_keeps")


@dataclass(frozen=True, slots=True)
class PageFigures:
    set_name: str
    page_id: str
    kind: str
    word_f1: dict[str, float]
    shingles: dict[str, Overlap]


def page_figures(pages: Sequence[PageRows], set_names: Sequence[str], validated: CrossValidated,
                 thresholds: ThresholdChoice) -> list[PageFigures]:
    figures = []
    for i, page in enumerate(pages):
        threshold = thresholds.for_page(validated, i, "balanced")
        choices = {
            "learned": list(validated.block_probabilities[i] >= threshold),
            "heuristic": [row[_HEURISTIC] == 1 for row in page.rows],
            "trafilatura": [row[_TRAFILATURA] == 1 for row in page.rows],
            "aligned-gold": page.gold,
        }
        words, shingles = {}, {}
        for system, keep in choices.items():
            output = kept_text(page.texts, keep)
            words[system] = word_overlap(page.case.gold_body, output).f1
            shingles[system] = shingle_overlap(page.case.gold_body, output)
        figures.append(PageFigures(set_names[i], page.case.id, page.case.kind or "article",
                                   words, shingles))
    return figures


def summary(figures: Sequence[PageFigures], has_trafilatura: bool) -> list[dict[str, object]]:
    """One row per set, and per set and kind: pages, each system's word F1 and shingle F1,
    and the pages the learned labeller throws away (word F1 over THROWN_AWAY_GAP below
    trafilatura's, or the heuristic's on text dumps)."""
    groups: dict[str, list[PageFigures]] = {}
    for figure in figures:
        groups.setdefault(figure.set_name, []).append(figure)
        groups.setdefault(f"{figure.set_name} {figure.kind}", []).append(figure)
    reference = "trafilatura" if has_trafilatura else "heuristic"
    rows = []
    for name, group in sorted(groups.items()):
        row: dict[str, object] = {"group": name, "pages": len(group)}
        for system in SYSTEMS:
            if system == "trafilatura" and not has_trafilatura:
                continue
            row[f"{system} word F1"] = round(float(np.mean([f.word_f1[system] for f in group])), 4)
            row[f"{system} shingle F1"] = round(
                body_score([f.shingles[system] for f in group]).f1, 4)
        row["thrown away"] = sum(
            1 for f in group if f.word_f1["learned"] < f.word_f1[reference] - THROWN_AWAY_GAP)
        rows.append(row)
    return rows


def thrown_away(figures: Sequence[PageFigures], has_trafilatura: bool,
                ) -> list[dict[str, object]]:
    """The pages the learned labeller throws away, worst first: set, id, kind and the word
    F1 of the learned labeller and of the reference (trafilatura's blocks, or on dumps the
    heuristic's)."""
    reference = "trafilatura" if has_trafilatura else "heuristic"
    lost = [figure for figure in figures
            if figure.word_f1["learned"] < figure.word_f1[reference] - THROWN_AWAY_GAP]
    lost.sort(key=lambda f: f.word_f1["learned"] - f.word_f1[reference])
    return [{"group": f.set_name, "id": f.page_id, "kind": f.kind,
             "learned word F1": round(f.word_f1["learned"], 4),
             f"{reference} word F1": round(f.word_f1[reference], 4)} for f in lost]


def favor_summary(pages: Sequence[PageRows], set_names: Sequence[str],
                  validated: CrossValidated, thresholds: ThresholdChoice,
                  settings: TrainingSettings) -> list[dict[str, object]]:
    """Per set and ``favor`` setting, the learned labeller's mean word precision, recall and
    F1 out of fold (thresholds too): what moving the threshold buys and costs."""
    rows = []
    for set_name in sorted(set(set_names)):
        members = [i for i, name in enumerate(set_names) if name == set_name]
        for favor, _ in settings.favor_betas:
            overlaps = [word_overlap(pages[i].case.gold_body, kept_text(
                pages[i].texts,
                list(validated.block_probabilities[i] >= thresholds.for_page(validated, i,
                                                                             favor))))
                for i in members]
            rows.append({"group": set_name, "favor": favor, "pages": len(members), **{
                name: round(float(np.mean([getattr(o, name) for o in overlaps])), 4)
                for name in ("precision", "recall", "f1")}})
    return rows


def kind_confusion(pages: Sequence[PageRows], validated: CrossValidated,
                   ) -> tuple[float, list[list[int]]]:
    """Accuracy of the out-of-fold kinds over the pages that have a gold kind, and the
    confusion matrix (rows gold, columns predicted, in KINDS order)."""
    matrix = [[0] * len(KINDS) for _ in KINDS]
    for i, page in enumerate(pages):
        if page.case.kind is None:
            continue
        matrix[kind_index(page.case.kind)][int(validated.kind_probabilities[i].argmax())] += 1
    total = sum(map(sum, matrix))
    correct = sum(matrix[k][k] for k in range(len(KINDS)))
    return (correct / total if total else 0.0), matrix

