"""Cross-validation grouped by site: no site's pages both in the part a model is fitted on and
in the part it is scored on.

Two models, as the learned labeller runs them: a page-kind classifier over page rows, and a
block model over block rows with the page's kind probabilities appended. The block model's
training rows carry kind probabilities predicted out of fold as well (inner folds within the
training part), so it never learns from kinds its own pages were fitted on. The thresholds
on the block probabilities are chosen afterwards, out of fold too (training.thresholds).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import lightgbm
import numpy as np

from cleaner.learned.model import BLOCK_COLUMNS, block_matrix, without_overruled
from cleaner.learned.page_features import KINDS, PAGE_FEATURE_NAMES
from cleaner.options import Favor
from cleaner.training.dataset import PageRows


@dataclass(frozen=True, slots=True)
class TrainingSettings:
    """Every number the training uses, in one place (the model record repeats them)."""

    folds: int = 5
    #: Block model (LightGBM, binary).
    rounds: int = 300
    learning_rate: float = 0.05
    leaves: int = 31
    min_rows_in_leaf: int = 40
    feature_fraction: float = 0.8
    bagging_fraction: float = 0.8
    l2: float = 1.0
    #: Page-kind model (LightGBM, one class per kind).
    kind_rounds: int = 400
    kind_leaves: int = 7
    kind_min_pages_in_leaf: int = 10
    #: The article and other thresholds tried (learned.model.BodyThresholds), and per favor
    #: setting the F-beta the chosen pair maximises (training.thresholds).
    threshold_grid: tuple[float, ...] = tuple(round(0.05 * step, 2) for step in range(1, 19))
    favor_betas: tuple[tuple[Favor, float], ...] = (
        ("precision", 0.5), ("balanced", 1.0), ("recall", 2.0))
    seed: int = 1
    threads: int = 2

    def record(self) -> dict[str, object]:
        return asdict(self) | {"favor_betas": dict(self.favor_betas)}


@dataclass(frozen=True, slots=True)
class CrossValidated:
    """Out-of-fold predictions for every page: kind probabilities and block probabilities."""

    fold_of_page: list[int]
    kind_probabilities: np.ndarray
    block_probabilities: list[np.ndarray]


def site_folds(sites: Sequence[str], folds: int) -> list[int]:
    """A fold per page such that all pages of a site share one, with folds as even in pages
    as sites allow: the biggest sites first, each into the fold with the fewest pages so far
    (ties to the lowest fold; sites of equal size in name order, so the split is the same on
    every run)."""
    sizes: dict[str, int] = {}
    for site in sites:
        sizes[site] = sizes.get(site, 0) + 1
    load = [0] * folds
    fold_of_site: dict[str, int] = {}
    for site in sorted(sizes, key=lambda name: (-sizes[name], name)):
        fold = load.index(min(load))
        fold_of_site[site] = fold
        load[fold] += sizes[site]
    return [fold_of_site[site] for site in sites]


def kind_index(kind: str | None) -> int:
    """The class of a page's gold kind; a page without one (aeb-dev: news articles) is an
    article."""
    return KINDS.index(kind or "article")


def fit_kind_model(pages: Sequence[PageRows], settings: TrainingSettings) -> lightgbm.Booster:
    data = lightgbm.Dataset(np.array([page.page for page in pages], dtype=np.float32),
                            np.array([kind_index(page.case.kind) for page in pages]),
                            feature_name=list(PAGE_FEATURE_NAMES))
    return lightgbm.train(_kind_parameters(settings), data, settings.kind_rounds)


def fit_block_model(pages: Sequence[PageRows], kind_probabilities: np.ndarray,
                    settings: TrainingSettings) -> lightgbm.Booster:
    """The block model on every block of ``pages`` (each page's kind probabilities appended
    to its rows); rows weigh by the log of their words (column 0), so one long paragraph
    counts more than one "Share" button."""
    rows = pages_matrix(pages, kind_probabilities)
    gold = np.concatenate([np.array(page.gold, dtype=np.float32) for page in pages])
    weights = np.log1p(rows[:, 0]) + 1
    return lightgbm.train(_block_parameters(settings),
                          lightgbm.Dataset(rows, gold, weight=weights,
                                           feature_name=list(BLOCK_COLUMNS)),
                          settings.rounds)


def pages_matrix(pages: Sequence[PageRows], kind_probabilities: np.ndarray) -> np.ndarray:
    """Every block row of ``pages``, the page's kind probabilities appended to each."""
    return np.vstack([block_matrix(page.rows, kind_probabilities[i])
                      for i, page in enumerate(pages)])


def cross_validate(pages: Sequence[PageRows], settings: TrainingSettings,
                   progress: Callable[[str], None] | None = None) -> CrossValidated:
    """Out-of-fold kind and block probabilities for every page (folds grouped by site)."""
    folds = site_folds([page.site for page in pages], settings.folds)
    kinds = np.zeros((len(pages), len(KINDS)))
    blocks: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for fold in range(settings.folds):
        fitted = [i for i, f in enumerate(folds) if f != fold]
        scored = [i for i, f in enumerate(folds) if f == fold]
        if progress:
            progress(f"fold {fold + 1}/{settings.folds}: fitting on {len(fitted)} pages, "
                     f"scoring {len(scored)}")
        kind_model = fit_kind_model([pages[i] for i in fitted], settings)
        kinds[scored] = kind_model.predict(np.array([pages[i].page for i in scored],
                                                    dtype=np.float32))
        inner = out_of_fold_kinds([pages[i] for i in fitted], settings.folds - 1, settings)
        block_model = fit_block_model([pages[i] for i in fitted], inner, settings)
        for i in scored:
            blocks[i] = np.asarray(without_overruled(
                block_model.predict(block_matrix(pages[i].rows, kinds[i])), pages[i].rows))
    return CrossValidated(folds, kinds, blocks)


def fit_final(pages: Sequence[PageRows], settings: TrainingSettings,
              ) -> tuple[lightgbm.Booster, lightgbm.Booster]:
    """The models to ship, fitted on every page: the kind model, and the block model on kind
    probabilities predicted out of fold (as at run time, on pages the kind model has not seen)."""
    kind_model = fit_kind_model(pages, settings)
    kinds = out_of_fold_kinds(pages, settings.folds, settings)
    return kind_model, fit_block_model(pages, kinds, settings)


def out_of_fold_kinds(pages: Sequence[PageRows], folds: int, settings: TrainingSettings,
                      ) -> np.ndarray:
    """Kind probabilities for each of ``pages`` from a model fitted on the other sites'
    pages (``folds`` folds grouped by site)."""
    inner_folds = site_folds([page.site for page in pages], folds)
    probabilities = np.zeros((len(pages), len(KINDS)))
    for fold in range(folds):
        fitted = [page for page, f in zip(pages, inner_folds, strict=True) if f != fold]
        scored = [i for i, f in enumerate(inner_folds) if f == fold]
        model = fit_kind_model(fitted, settings)
        probabilities[scored] = model.predict(np.array([pages[i].page for i in scored],
                                                       dtype=np.float32))
    return probabilities


def _kind_parameters(settings: TrainingSettings) -> dict[str, object]:
    return {"objective": "multiclass", "num_class": len(KINDS),
            "learning_rate": settings.learning_rate, "num_leaves": settings.kind_leaves,
            "min_data_in_leaf": settings.kind_min_pages_in_leaf,
            "feature_fraction": settings.feature_fraction, "verbose": -1,
            "num_threads": settings.threads, "seed": settings.seed, "deterministic": True}


def _block_parameters(settings: TrainingSettings) -> dict[str, object]:
    return {"objective": "binary", "learning_rate": settings.learning_rate,
            "num_leaves": settings.leaves, "min_data_in_leaf": settings.min_rows_in_leaf,
            "feature_fraction": settings.feature_fraction,
            "bagging_fraction": settings.bagging_fraction, "bagging_freq": 1,
            "lambda_l2": settings.l2, "verbose": -1, "num_threads": settings.threads,
            "seed": settings.seed, "deterministic": True}
