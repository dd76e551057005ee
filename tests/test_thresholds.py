"""Threshold choice for the learned labeller: word scores per kept prefix agree with the
scorer's, each favor setting keeps a subset or superset of balanced, folds choose apart."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("numpy")  # the learned extra (in dev)

import numpy as np  # noqa: E402

from cleaner.learned.page_features import KINDS  # noqa: E402
from cleaner.scoring.alignment import kept_text  # noqa: E402
from cleaner.scoring.cases import Case  # noqa: E402
from cleaner.scoring.metrics import word_overlap  # noqa: E402
from cleaner.training.cross_validation import CrossValidated, TrainingSettings  # noqa: E402
from cleaner.training.dataset import PageRows  # noqa: E402
from cleaner.training.thresholds import _prefix_scores, choose_thresholds  # noqa: E402

TEXTS = ["the harbour ferry will be repaired", "Home News Sport", "repairs take six weeks",
         "the the the", "Share this story"]
GOLD = "The harbour ferry will be repaired.\n\nRepairs take six weeks."


def _page(gold: str = GOLD, texts: list[str] = TEXTS) -> PageRows:
    case = Case(id="p", form="html", input_path=Path("p.html"), gold_body=gold)
    return PageRows(case, "site.example", [[0.0]] * len(texts), [False] * len(texts),
                    texts, [0.0])


@pytest.mark.parametrize("gold", [GOLD, "", "the the"])
def test_prefix_scores_equal_the_scorers_on_the_kept_text(gold: str):
    page = _page(gold)
    order = np.array([3, 0, 4, 2, 1])
    precision, recall = _prefix_scores(page, order)
    for kept in range(len(TEXTS) + 1):
        keep = [index in set(order[:kept]) for index in range(len(TEXTS))]
        expected = word_overlap(gold, kept_text(TEXTS, keep))
        assert (precision[kept], recall[kept]) == pytest.approx(
            (expected.precision, expected.recall)), kept


def test_favors_nest_and_each_fold_chooses_without_its_own_pages():
    pages = [_page() for _ in range(6)]
    article = [1.0 if kind == "article" else 0.0 for kind in KINDS]
    service = [1.0 if kind == "service" else 0.0 for kind in KINDS]
    # On articles the gold blocks score 0.9 and 0.8, "the the the" 0.5; on the other pages
    # they score 0.6 and 0.4, the rest at most 0.3.
    probabilities = [np.array([0.9, 0.1, 0.8, 0.5, 0.2])] * 3 + [
        np.array([0.6, 0.1, 0.4, 0.3, 0.05])] * 3
    validated = CrossValidated([0, 1, 2, 0, 1, 2], np.array([article] * 3 + [service] * 3),
                               probabilities)
    chosen = choose_thresholds(pages, validated, TrainingSettings(folds=3))
    balanced = chosen.shipped["balanced"]
    assert 0.5 < balanced.article <= 0.8 and 0.3 < balanced.other <= 0.4
    precision, recall = chosen.shipped["precision"], chosen.shipped["recall"]
    assert precision.article > balanced.article and precision.other > balanced.other
    assert recall.article < balanced.article and recall.other < balanced.other
    assert len(chosen.per_fold) == 3
    assert chosen.for_page(validated, 3, "balanced") == chosen.per_fold[0]["balanced"].other


def test_thrown_away_lists_pages_far_below_the_reference_worst_first():
    from cleaner.scoring.metrics import shingle_overlap
    from cleaner.training.report import PageFigures, thrown_away

    def figure(page_id: str, learned: float, reference: float) -> PageFigures:
        empty = shingle_overlap("", "")
        return PageFigures("set", page_id, "article",
                           {"learned": learned, "trafilatura": reference},
                           {"learned": empty, "trafilatura": empty})

    figures = [figure("fine", 0.9, 0.95), figure("lost", 0.1, 0.9), figure("worse", 0.5, 0.85),
               figure("close", 0.65, 0.9)]
    lost = thrown_away(figures, has_trafilatura=True)
    assert [row["id"] for row in lost] == ["lost", "worse"]  # 0.25 below is kept
    assert lost[0]["learned word F1"] == 0.1 and lost[0]["trafilatura word F1"] == 0.9
