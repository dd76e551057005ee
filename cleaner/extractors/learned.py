"""The learned labeller: gradient-boosted trees decide body or not for every block, from the
heuristic's evidence and label, the block's text, markup and neighbours, the page as a whole,
its likely kind, and (HTML) trafilatura's keep or drop.

Blocks the model drops keep the heuristic's category (a body block it drops is ``other``);
the heuristic's headline and its strong evidence of share bars, promotions and the like stand
over the model (learned.model.overruled).
Pages the model was not trained on the like of keep the heuristic's decisions, each reason
saying why: HTML fragments (no page to judge) and pages trafilatura is not run on.
Needs the ``learned`` extra (lightgbm, numpy); the model is read once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.blocks import Page
from cleaner.deadline import NO_DEADLINE, Deadline
from cleaner.extractors import heuristic
from cleaner.extractors.trafilatura_based import skip_reason, trafilatura_keeps, with_skip_reason
from cleaner.labels import Label
from cleaner.learned.features import block_rows
from cleaner.learned.model import LearnedModel, overruled, shipped_model
from cleaner.learned.page_features import KINDS, page_row
from cleaner.options import Options
from cleaner.result import Decision, PageKind


@dataclass(frozen=True, slots=True)
class LearnedLabelling:
    """The model's view of one page: its decisions, and what they came from (for explain)."""

    decisions: list[Decision]
    kind_probabilities: list[float]
    body_probabilities: list[float]
    threshold: float
    rows: list[list[float]]
    model: LearnedModel

    @property
    def page_kind(self) -> PageKind:
        """The most likely kind of page and its probability."""
        best = max(range(len(KINDS)), key=self.kind_probabilities.__getitem__)
        return PageKind(KINDS[best], self.kind_probabilities[best])


def label(page: Page, options: Options, deadline: Deadline = NO_DEADLINE) -> list[Decision]:
    """One decision per block: body where the model's probability reaches the threshold the
    page's kind and ``options.favor`` give."""
    return label_with_kind(page, options, deadline)[0]


def label_with_kind(page: Page, options: Options, deadline: Deadline = NO_DEADLINE,
                    ) -> tuple[list[Decision], PageKind | None]:
    """The decisions, and the page's kind (None on a page the model does not judge)."""
    labelling = label_page(page, options, deadline)
    if isinstance(labelling, list):
        return labelling, None
    return labelling.decisions, labelling.page_kind


def label_page(page: Page, options: Options, deadline: Deadline = NO_DEADLINE,
               ) -> LearnedLabelling | list[Decision]:
    """The model's labelling of ``page``, or the heuristic's decisions (with the reason) on a
    page the model does not judge."""
    decisions, evidence = heuristic.label_with_evidence(page, deadline)
    kept = None
    if page.input_type == "html":
        if page.fragment:
            return decisions  # no page around the content: nothing like what the model saw
        skipped = skip_reason(page, deadline)
        if skipped is not None:
            return with_skip_reason(decisions, skipped)
        kept = trafilatura_keeps(page, options, deadline)
    model = shipped_model("html" if page.input_type == "html" else "text")
    rows = block_rows(page, decisions, evidence, kept)
    deadline.check("the learned model's features")
    kinds = model.kind_probabilities(page_row(page, decisions, kept))
    probabilities = model.body_probabilities(rows, kinds)
    threshold = model.thresholds[options.favor].at(kinds)
    return LearnedLabelling(_decisions(decisions, probabilities, threshold, overruled(rows)),
                            kinds, probabilities, threshold, rows, model)


def _decisions(heuristic_decisions: Sequence[Decision], probabilities: Sequence[float],
               threshold: float, heuristic_stands: Sequence[bool]) -> list[Decision]:
    result = []
    for decision, probability, stands in zip(heuristic_decisions, probabilities,
                                             heuristic_stands, strict=True):
        # Not body: the heuristic's category (its body blocks are other).
        category = Label.OTHER if decision.label is Label.BODY else decision.label
        if stands:
            result.append(Decision(category, f"{decision.reason} (stands over the learned "
                                             f"model's p {probability:.2f})"))
        elif probability >= threshold:
            result.append(Decision(Label.BODY, f"learned: body, p {probability:.2f} ≥ "
                                               f"{threshold:.2f}"))
        else:
            result.append(Decision(category, f"learned: not body, p {probability:.2f} < "
                                             f"{threshold:.2f}; heuristic: {decision.reason}"))
    return result
