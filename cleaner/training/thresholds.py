"""The learned labeller's thresholds, chosen on out-of-fold probabilities.

Per ``favor`` setting, the (article, other) pair of learned.model.BodyThresholds with the best
mean F-beta over pages (word bags, WCXB's metric): beta 0.5 for precision, 1 for balanced, 2
for recall; precision's pair above balanced's in both thresholds and recall's below, so each
keeps a subset (superset) of what balanced keeps on every page. The shipped pairs are chosen
on every page; the figures a fold reports use pairs chosen on the other folds' pages only, so
no page helps pick the threshold it is scored with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cleaner.learned.model import BodyThresholds
from cleaner.learned.page_features import KINDS
from cleaner.options import Favor
from cleaner.scoring.metrics import tokenize
from cleaner.training.cross_validation import CrossValidated, TrainingSettings
from cleaner.training.dataset import PageRows

ARTICLE = KINDS.index("article")


@dataclass(frozen=True, slots=True)
class ThresholdChoice:
    """The thresholds per favor: to ship (chosen on every page), and per fold (chosen on the
    other folds' pages, used for that fold's figures)."""

    shipped: Mapping[Favor, BodyThresholds]
    per_fold: Sequence[Mapping[Favor, BodyThresholds]]

    def for_page(self, validated: CrossValidated, page: int, favor: Favor) -> float:
        """The threshold page ``page`` is scored with, out of fold."""
        chosen = self.per_fold[validated.fold_of_page[page]][favor]
        return chosen.at(validated.kind_probabilities[page])


def choose_thresholds(pages: Sequence[PageRows], validated: CrossValidated,
                      settings: TrainingSettings) -> ThresholdChoice:
    pairs = [(article, other) for article in settings.threshold_grid
             for other in settings.threshold_grid]
    precision, recall = _pair_scores(pages, validated, pairs)
    folds = np.asarray(validated.fold_of_page)

    def best(mask: np.ndarray) -> dict[Favor, BodyThresholds]:
        scores = {favor: _f_beta(precision[mask], recall[mask], beta).mean(axis=0)
                  for favor, beta in settings.favor_betas}
        balanced = pairs[int(scores["balanced"].argmax())]
        above = np.array([a > balanced[0] and o > balanced[1] for a, o in pairs])
        below = np.array([a < balanced[0] and o < balanced[1] for a, o in pairs])
        chosen = {"balanced": BodyThresholds(*balanced)}
        for favor, allowed in (("precision", above), ("recall", below)):
            candidates = np.where(allowed, scores[favor], -np.inf) if allowed.any() else None
            pair = pairs[int(candidates.argmax())] if candidates is not None else balanced
            chosen[favor] = BodyThresholds(*pair)
        return chosen  # type: ignore[return-value]

    return ThresholdChoice(best(np.ones(len(pages), dtype=bool)),
                           [best(folds != fold) for fold in range(settings.folds)])


def _pair_scores(pages: Sequence[PageRows], validated: CrossValidated,
                 pairs: Sequence[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    """Word precision and recall of every page (rows) kept at every pair's threshold
    (columns)."""
    article = np.array([a for a, _ in pairs])
    other = np.array([o for _, o in pairs])
    precision = np.zeros((len(pages), len(pairs)))
    recall = np.zeros((len(pages), len(pairs)))
    for i, page in enumerate(pages):
        probabilities = validated.block_probabilities[i]
        order = np.argsort(-probabilities, kind="stable")
        page_precision, page_recall = _prefix_scores(page, order)
        p_article = validated.kind_probabilities[i][ARTICLE]
        thresholds = article * p_article + other * (1 - p_article)
        descending = probabilities[order]
        kept = np.searchsorted(-descending, -thresholds, side="right")  # blocks with p >= t
        precision[i], recall[i] = page_precision[kept], page_recall[kept]
    return precision, recall


def _prefix_scores(page: PageRows, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Word precision and recall when the first k blocks of ``order`` are kept, k = 0..n
    (as scoring.metrics.word_overlap computes them on the kept text)."""
    gold = Counter(tokenize(page.case.gold_body.lower()))
    gold_total = gold.total()
    output: Counter[str] = Counter()
    shared = output_total = 0
    precision, recall = [1.0 if not gold_total else 0.0], [1.0 if not gold_total else 0.0]
    for index in order:
        for word, count in Counter(tokenize(page.texts[index].lower())).items():
            before = min(gold[word], output[word])
            output[word] += count
            shared += min(gold[word], output[word]) - before
            output_total += count
        if not gold_total and not output_total:
            precision.append(1.0)
            recall.append(1.0)
        else:
            precision.append(shared / output_total if output_total else 0.0)
            recall.append(shared / gold_total if gold_total else 0.0)
    return np.array(precision), np.array(recall)


def _f_beta(precision: np.ndarray, recall: np.ndarray, beta: float) -> np.ndarray:
    weight = beta * beta
    denominator = weight * precision + recall
    return np.divide((1 + weight) * precision * recall, denominator,
                     out=np.zeros_like(precision), where=denominator > 0)
