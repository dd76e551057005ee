"""Extractors map a Page to one Decision per block. This module is their registry.

Extractors are pure functions of (Page, Options): they read no files, print nothing and keep no
state between calls, so the same input always gives the same labels.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from cleaner.blocks import Page
from cleaner.deadline import Deadline
from cleaner.errors import UnknownExtractorError, UnsupportedInputError
from cleaner.extractors import ensemble, heuristic, keep_all, learned, trafilatura_based
from cleaner.options import InputType, Options
from cleaner.result import Decision, PageKind

#: (page, options, deadline) -> one decision per block.
LabelFunction = Callable[[Page, Options, Deadline], list[Decision]]
#: (page, options, deadline) -> one decision per block, and the page's kind.
KindLabelFunction = Callable[[Page, Options, Deadline], tuple[list[Decision], PageKind | None]]


@dataclass(frozen=True, slots=True)
class ExtractorSpec:
    """A registered extractor: its name, what it is, which inputs it takes, its function."""

    name: str
    summary: str
    input_types: frozenset[InputType]
    label: LabelFunction
    #: For extractors that also tell the page's kind: labels and kind in one pass.
    label_with_kind: KindLabelFunction | None = None
    #: Modules an extra brings that this extractor needs (the learned one: lightgbm).
    requires: tuple[str, ...] = ()
    #: Whether the labels are made to agree with the page's title and tables afterwards
    #: (title_agreement, whole_tables); not for a baseline that labels every block body.
    agrees_with_page: bool = True

    @property
    def installed(self) -> bool:
        """Whether the modules it needs can be imported here."""
        return _installed(self.requires)

    def labelling(self, page: Page, options: Options, deadline: Deadline,
                  ) -> tuple[list[Decision], PageKind | None]:
        """One decision per block, and the page's kind where this extractor tells it."""
        if self.label_with_kind is not None:
            return self.label_with_kind(page, options, deadline)
        return self.label(page, options, deadline), None


REGISTRY: Mapping[str, ExtractorSpec] = MappingProxyType({
    spec.name: spec
    for spec in (
        ExtractorSpec(
            "keep-all",
            "baseline: every block is body (what 'whole page text' scores)",
            frozenset({"text", "html"}),
            keep_all.label,
            agrees_with_page=False,
        ),
        ExtractorSpec(
            "heuristic",
            "our rules: evidence per block, sections, the article region, title, layout",
            frozenset({"text", "html"}),
            heuristic.label,
        ),
        ExtractorSpec(
            "trafilatura",
            "trafilatura's extract() on the HTML, mapped back onto our blocks",
            frozenset({"html"}),
            trafilatura_based.label,
        ),
        ExtractorSpec(
            "ensemble",
            "heuristic and trafilatura combined block by block (the default for HTML where "
            "the learned extra is not installed)",
            frozenset({"html"}),
            ensemble.label,
        ),
        ExtractorSpec(
            "learned",
            "gradient-boosted trees over every block's features, the heuristic's evidence and "
            "(HTML) trafilatura's choice (the default for HTML); needs pip install "
            "'cleaner[learned]'",
            frozenset({"text", "html"}),
            learned.label,
            learned.label_with_kind,
            requires=("lightgbm", "numpy"),
        ),
    )
})

#: What "auto" means per input type: the extractors that measure best on the dev sets (the
#: learned one by cross-validation grouped by site), best first; the first whose modules are
#: installed runs (the learned one needs the learned extra, which the core install lacks).
AUTO: Mapping[InputType, tuple[str, ...]] = MappingProxyType({
    "text": ("heuristic",),
    "html": ("learned", "ensemble"),
})


def extractor_names() -> list[str]:
    """Every name ``--extractor`` accepts, "auto" first."""
    return ["auto", *REGISTRY]


def auto_extractor(input_type: InputType) -> str:
    """The extractor "auto" runs on this input type here: the best measured one installed."""
    return next(name for name in AUTO[input_type] if REGISTRY[name].installed)


@cache
def _installed(modules: tuple[str, ...]) -> bool:
    """Whether every one of ``modules`` can be imported (looked up once per process)."""
    return all(importlib.util.find_spec(module) is not None for module in modules)


def resolve_extractor(name: str, input_type: InputType) -> ExtractorSpec:
    """The extractor called ``name`` for this input type; clear errors for unknown or unsuited."""
    key = auto_extractor(input_type) if name == "auto" else name
    spec = REGISTRY.get(key)
    if spec is None:
        raise UnknownExtractorError(
            f"unknown extractor {name!r}; choose one of: {', '.join(extractor_names())}"
        )
    if input_type not in spec.input_types:
        accepted = " or ".join(sorted(spec.input_types))
        raise UnsupportedInputError(
            f"extractor {spec.name!r} takes {accepted} input, and this document is {input_type}"
        )
    return spec
