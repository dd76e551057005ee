"""The shipped model file: both classifiers fitted on every page, and the record of the data,
settings and cross-validated figures they came from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import lightgbm

from cleaner.learned.model import BLOCK_COLUMNS, BodyThresholds, model_bytes, thresholds_record
from cleaner.learned.page_features import KINDS, PAGE_FEATURE_NAMES
from cleaner.options import Favor
from cleaner.training.cross_validation import TrainingSettings, fit_final
from cleaner.training.dataset import PageRows


def build_model_file(pages: Sequence[PageRows], settings: TrainingSettings,
                     thresholds: Mapping[Favor, BodyThresholds],
                     cross_validated: Mapping[str, object]) -> bytes:
    """The bytes of the model file for ``pages`` (the same pages and settings give the same
    bytes), with the ``thresholds`` chosen per favor; ``cross_validated`` is the training
    report's figures, kept in the record."""
    kind_model, block_model = fit_final(pages, settings)
    record = {
        "trained_on": cross_validated,
        "lightgbm": lightgbm.__version__,
        "kinds": list(KINDS),
        "block_columns": list(BLOCK_COLUMNS),
        "page_columns": list(PAGE_FEATURE_NAMES),
        "thresholds": thresholds_record(thresholds),
    }
    return model_bytes(kind_model.model_to_string(), block_model.model_to_string(), record)
