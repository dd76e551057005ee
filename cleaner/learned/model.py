"""The learned labeller's model: a page-kind classifier and a block classifier (LightGBM), in
one gzipped JSON file that also records the data, settings and cross-validated figures it came
from. Reading a model needs the ``learned`` extra (lightgbm, numpy); nothing else here does.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from cleaner.errors import CleanerError
from cleaner.labels import ALL_LABELS, Label
from cleaner.learned.features import FEATURE_NAMES
from cleaner.learned.page_features import KINDS, PAGE_FEATURE_NAMES

#: Input forms with a model of their own: HTML, and text dumps (w3m, lynx, plain).
ModelForm = Literal["html", "text"]
#: Where the shipped models live, one file per form.
MODEL_DIR = Path(__file__).parent / "models"
#: Bumped when the file's layout changes; a model of another version is refused.
FORMAT_VERSION = 1
#: Threads LightGBM predicts one page with: one page is too small to share among threads
#: (two threads took several times as long as one), and batch runs already use a process
#: per core.
PREDICT_THREADS = 1
#: The block model's columns: the block's features, then the page's kind probabilities.
BLOCK_COLUMNS: tuple[str, ...] = (*FEATURE_NAMES, *(f"kind_{kind}" for kind in KINDS))


class ModelError(CleanerError):
    """A model file that is missing, unreadable, or made for other features."""


@dataclass(frozen=True, slots=True)
class BodyThresholds:
    """A block is body when its probability reaches ``article`` × P(article) + ``other`` ×
    (1 - P(article)): articles' gold is strict, other kinds' gold inclusive."""

    article: float
    other: float

    def at(self, kind_probabilities: Sequence[float]) -> float:
        p_article = float(kind_probabilities[KINDS.index("article")])
        return self.article * p_article + self.other * (1 - p_article)


#: Strong heuristic evidence of these labels keeps a block out of the body whatever the model
#: says: in the dev sets' gold, at most 3 % of such blocks' words are body (share bars,
#: promotions, comment and bio boxes, trending lists), and a page unlike the training pages
#: can make the model keep them all.
VETO_LABELS = (Label.SHARE, Label.PROMO, Label.COMMENTS, Label.BIO, Label.TRENDING)
_HEURISTIC_LABEL = FEATURE_NAMES.index("heuristic_label")
_EVIDENCE_LABEL = FEATURE_NAMES.index("evidence_label")
_EVIDENCE_STRONG = FEATURE_NAMES.index("evidence_strong")
_TITLE_CODE = float(ALL_LABELS.index(Label.TITLE))
_VETO_CODES = frozenset(float(ALL_LABELS.index(label)) for label in VETO_LABELS)


def overruled(rows: Sequence[Sequence[float]]) -> list[bool]:
    """Per block, whether the heuristic's verdict stands over the model's: its headline (the
    result's title, which Options.include_title puts in front of the body) and blocks with
    strong evidence of a VETO_LABELS label."""
    return [row[_HEURISTIC_LABEL] == _TITLE_CODE
            or (row[_EVIDENCE_STRONG] == 1 and row[_EVIDENCE_LABEL] in _VETO_CODES)
            for row in rows]


def without_overruled(probabilities: Sequence[float], rows: Sequence[Sequence[float]],
                      ) -> list[float]:
    """The probabilities, 0 where the heuristic's verdict stands (what training scores)."""
    return [0.0 if stands else float(probability)
            for probability, stands in zip(probabilities, overruled(rows), strict=True)]


def thresholds_record(thresholds: Mapping[str, BodyThresholds]) -> dict[str, list[float]]:
    """Per favor, [article, other]: how the model record (and read_model) holds them."""
    return {favor: [pair.article, pair.other] for favor, pair in thresholds.items()}


def block_matrix(rows: Sequence[Sequence[float]], kind_probabilities: Sequence[float]) -> Any:
    """The block model's input (a float32 numpy array of BLOCK_COLUMNS): each block's row
    with the page's kind probabilities appended; training builds its rows the same way."""
    import numpy as np

    kinds = np.asarray(kind_probabilities, dtype=np.float32)
    return np.hstack([np.asarray(rows, dtype=np.float32), np.tile(kinds, (len(rows), 1))])


def model_path(form: ModelForm) -> Path:
    return MODEL_DIR / f"{form}.json.gz"


def model_bytes(kind_model: str, block_model: str, record: Mapping[str, Any]) -> bytes:
    """The model file's bytes: the same inputs always give the same bytes (no time stamps),
    so ``cleaner train`` can be checked to rebuild the shipped file exactly."""
    document = {"format": FORMAT_VERSION, "record": record, "kind_model": kind_model,
                "block_model": block_model}
    text = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


@dataclass(frozen=True, slots=True)
class LearnedModel:
    """Both classifiers and the thresholds per ``favor`` setting."""

    form: ModelForm
    record: Mapping[str, Any]
    kind_model: Any  # lightgbm.Booster
    block_model: Any  # lightgbm.Booster
    thresholds: Mapping[str, BodyThresholds]

    def kind_probabilities(self, page_row: Sequence[float]) -> list[float]:
        import numpy as np

        row = np.asarray([page_row], dtype=np.float32)
        return [float(p) for p in self.kind_model.predict(row, num_threads=PREDICT_THREADS)[0]]

    def body_probabilities(self, rows: Sequence[Sequence[float]],
                           kind_probabilities: Sequence[float]) -> list[float]:
        matrix = block_matrix(rows, kind_probabilities)
        probabilities = self.block_model.predict(matrix, num_threads=PREDICT_THREADS)
        return [float(p) for p in probabilities]

    def contributions(self, rows: Sequence[Sequence[float]], kind_probabilities: Sequence[float],
                      top: int) -> list[list[tuple[str, float]]]:
        """Per block, the ``top`` columns that moved its score most (SHAP values from the
        trees, in log-odds; positive toward body), largest effect first."""
        import numpy as np

        matrix = block_matrix(rows, kind_probabilities)
        values = self.block_model.predict(matrix, pred_contrib=True,
                                          num_threads=PREDICT_THREADS)[:, :-1]
        result = []
        for row in values:
            order = np.argsort(-np.abs(row))[:top]
            result.append([(BLOCK_COLUMNS[i], float(row[i])) for i in order])
        return result


def read_model(path: Path, form: ModelForm) -> LearnedModel:
    """The model in ``path``; ModelError naming the file when it cannot be used."""
    try:
        import lightgbm
    except ImportError as error:
        raise ModelError(f"the learned extractor needs the learned extra ({error.name} is "
                         "missing): pip install 'cleaner[learned]'") from None
    try:
        document = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError) as error:
        raise ModelError(f"{path}: not a readable model file ({error})") from None
    if document.get("format") != FORMAT_VERSION:
        raise ModelError(f"{path}: model format {document.get('format')!r}, this cleaner "
                         f"reads {FORMAT_VERSION}; rebuild it with cleaner train")
    record = document["record"]
    if (tuple(record["block_columns"]) != BLOCK_COLUMNS
            or tuple(record["page_columns"]) != PAGE_FEATURE_NAMES):
        raise ModelError(f"{path}: made for other features than this cleaner computes; "
                         "rebuild it with cleaner train")
    thresholds = {favor: BodyThresholds(*pair) for favor, pair in record["thresholds"].items()}
    return LearnedModel(form, record, lightgbm.Booster(model_str=document["kind_model"]),
                        lightgbm.Booster(model_str=document["block_model"]), thresholds)


@cache
def shipped_model(form: ModelForm) -> LearnedModel:
    """The model shipped in the package for ``form``, read once per process."""
    return read_model(model_path(form), form)
