"""The regression gate: figures pinned as floors in a committed JSON file.

``compare`` lists every figure that fell more than ``epsilon`` below its floor (and fixtures that
changed since the floors were pinned); ``update`` raises floors to the measured figures and
refuses to lower any floor, or drop a pinned case, unless regressions are explicitly allowed.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.scoring.cases import Case
from cleaner.scoring.evaluate import CaseScore, grouped_totals

#: Default tolerance: a figure may sit this far below its floor before the gate fails.
DEFAULT_EPSILON = 0.002
#: Floors are stored rounded down to this many decimals, so a re-run always meets them.
FLOOR_DECIMALS = 4
FORMAT_VERSION = 1

Figures = dict[str, float]


@dataclass(frozen=True, slots=True)
class Measured:
    """What one scoring run measured, in the shape floors are pinned in."""

    fingerprint: str
    cases: dict[str, Figures]
    totals: dict[str, Figures]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the gate has to say: a figure below its floor, or a changed case set."""

    where: str
    message: str


def measure(cases: Sequence[Case], scores: Sequence[CaseScore]) -> Measured:
    """Per-case figures, totals per input form and over everything, and the cases' fingerprint."""
    return Measured(
        fingerprint=fingerprint(cases),
        cases={score.case.key: score.figures() for score in scores},
        totals={name: group.figures() for name, group in grouped_totals(scores).items()},
    )


def fingerprint(cases: Sequence[Case]) -> str:
    """Hash of everything that decides a score: each case's name, input bytes and gold."""
    digest = hashlib.sha256()
    for case in sorted(cases, key=lambda c: c.key):
        digest.update(case.key.encode())
        digest.update(hashlib.sha256(case.input_path.read_bytes()).digest())
        digest.update(case.gold_body.encode())
        digest.update(repr(case.gold_labels).encode())
        digest.update(repr(case.gold_title).encode())
        digest.update(repr((case.with_snippets, case.without_snippets)).encode())
    return "sha256:" + digest.hexdigest()


def load_floors(path: Path) -> dict[str, Any]:
    """Read a floors file; a missing file is an empty one."""
    if not path.exists():
        return {"version": FORMAT_VERSION, "epsilon": DEFAULT_EPSILON, "extractors": {}}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(document, dict) or "extractors" not in document:
        raise ValueError(f"{path}: not a floors file (no 'extractors' section)")
    return document


def save_floors(path: Path, document: Mapping[str, Any]) -> None:
    path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def compare(document: Mapping[str, Any], extractor: str, measured: Measured) -> list[Finding]:
    """Every way ``measured`` falls short of the floors pinned for ``extractor``."""
    section = document["extractors"].get(extractor)
    if section is None:
        return [Finding(extractor, f"no floors pinned for extractor {extractor!r}; "
                                   "pin them with --update")]
    epsilon = float(document.get("epsilon", DEFAULT_EPSILON))
    findings: list[Finding] = []
    if section.get("fingerprint") != measured.fingerprint:
        findings.append(Finding(
            "fixtures",
            "cases or gold changed since the floors were pinned; check the figures, then "
            "re-pin with --update",
        ))
    for kind, pinned, now in (
        ("case", section.get("cases", {}), measured.cases),
        ("total", section.get("totals", {}), measured.totals),
    ):
        for name, floors in sorted(pinned.items()):
            if name not in now:
                findings.append(Finding(f"{kind} {name}", "pinned but no longer scored"))
                continue
            for metric, floor in sorted(floors.items()):
                value = now[name].get(metric)
                if value is None:
                    findings.append(Finding(f"{kind} {name}", f"{metric} no longer measured"))
                elif value < floor - epsilon:
                    findings.append(Finding(
                        f"{kind} {name}", f"{metric} {value:.4f} is below its floor {floor:.4f}"
                    ))
    return findings


def update(
    document: Mapping[str, Any], extractor: str, measured: Measured
) -> tuple[dict[str, Any], list[Finding], list[Finding]]:
    """New floors from ``measured``: (document, raised, regressions).

    A figure below its floor by more than epsilon, or a pinned case no longer scored, is a
    regression: the caller must refuse to save the document unless regressions are allowed.
    """
    new_document = copy.deepcopy(dict(document))
    new_document.setdefault("version", FORMAT_VERSION)
    epsilon = float(new_document.setdefault("epsilon", DEFAULT_EPSILON))
    old = new_document["extractors"].get(extractor, {})
    raised: list[Finding] = []
    regressions: list[Finding] = []
    section: dict[str, Any] = {"fingerprint": measured.fingerprint}
    for kind, pinned, now in (
        ("cases", old.get("cases", {}), measured.cases),
        ("totals", old.get("totals", {}), measured.totals),
    ):
        floors: dict[str, Figures] = {}
        for name in sorted(set(pinned) - set(now)):
            regressions.append(Finding(f"{kind} {name}", "pinned but no longer scored"))
        for name, figures in sorted(now.items()):
            floors[name] = {}
            for metric, value in sorted(figures.items()):
                floor = pinned.get(name, {}).get(metric)
                candidate = _round_down(value)
                if floor is None or candidate > floor:
                    raised.append(Finding(f"{kind} {name}", f"{metric} floor -> {candidate:.4f}"))
                    floors[name][metric] = candidate
                elif value < floor - epsilon:
                    regressions.append(Finding(
                        f"{kind} {name}", f"{metric} {value:.4f} would lower floor {floor:.4f}"
                    ))
                    floors[name][metric] = candidate
                else:
                    floors[name][metric] = floor
        section[kind] = floors
    new_document["extractors"][extractor] = section
    return new_document, raised, regressions


def _round_down(value: float) -> float:
    scale = 10**FLOOR_DECIMALS
    return math.floor(value * scale + 1e-9) / scale
