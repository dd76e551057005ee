"""``cleaner score TARGET``: measure an extractor on fixtures or a benchmark folder, and gate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cleaner.cli.common import (
    EXTRACTOR_HELP,
    check_extractor,
    print_error,
    stderr_console,
    stdout_console,
)
from cleaner.extractors import REGISTRY
from cleaner.scoring import gate
from cleaner.scoring.cases import Case, CaseError, is_bench_folder, load_cases
from cleaner.scoring.evaluate import CaseScore, score_cases
from cleaner.scoring.report import print_findings, print_report, report_json

#: The floors file ``score`` uses when TARGET holds one and --baseline is not given.
DEFAULT_FLOORS_NAME = "floors.json"


def score_command(
    target: Annotated[Path, typer.Argument(
        help="A fixtures folder, or a benchmark folder laid out like bench/aeb-dev.",
        show_default=False,
    )],
    extractor: Annotated[str, typer.Option(
        "--extractor", "-e", help=EXTRACTOR_HELP, callback=check_extractor,
    )] = "auto",
    text: Annotated[str | None, typer.Option(
        "--text", help="Score the text-dump inputs: w3m or lynx (benchmark folders).",
    )] = None,
    html: Annotated[bool, typer.Option("--html", help="Score the HTML inputs.")] = False,
    json_path: Annotated[Path | None, typer.Option(
        "--json", help="Also write every figure to this JSON file.",
    )] = None,
    baseline: Annotated[Path | None, typer.Option(
        help=f"Floors file to compare with (default: TARGET/{DEFAULT_FLOORS_NAME} if present).",
    )] = None,
    update: Annotated[bool, typer.Option(
        "--update", help="Raise the floors to the measured figures (never lowers them).",
    )] = False,
    allow_regression: Annotated[bool, typer.Option(
        "--allow-regression", help="With --update: allow floors to go down.",
    )] = False,
    cases_table: Annotated[bool, typer.Option(
        "--cases/--summary", help="Print the per-case table, or the totals only.",
    )] = True,
) -> None:
    """Score an extractor: body P/R/F1 (4-token shingles), per-line label accuracy, titles."""
    forms = _forms(target, text, html)
    try:
        cases = load_cases(target, forms)
    except (CaseError, ValueError) as error:
        print_error(str(error))
        raise typer.Exit(2) from None
    cases = _cases_it_takes(cases, extractor)
    if not cases:
        print_error(f"{target}: no case in an input form {extractor} takes")
        raise typer.Exit(2)
    scores = _score_with_progress(cases, extractor)
    console = stdout_console()
    print_report(console, scores, extractor, cases_table)
    document = report_json(scores, extractor, str(target))
    floors_path = baseline or _default_floors(target, update)
    status = 0
    if floors_path is not None:
        status, document["gate"] = _gate(console, floors_path, extractor, cases, scores,
                                         update, allow_regression)
    elif update:
        print_error("--update needs --baseline FILE")
        status = 2
    if json_path is not None:
        json_path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    raise typer.Exit(status)


def _forms(target: Path, text: str | None, html: bool) -> tuple[str, ...] | None:
    if text is not None and text not in ("w3m", "lynx"):
        raise typer.BadParameter("choose w3m or lynx", param_hint="--text")
    chosen = ((text,) if text else ()) + (("html",) if html else ())
    if not chosen:
        return None
    if not is_bench_folder(target):
        chosen = tuple(dict.fromkeys("text" if form != "html" else form for form in chosen))
    return chosen


def _cases_it_takes(cases: list[Case], extractor: str) -> list[Case]:
    """The cases in input forms the extractor takes; says which it leaves out (an HTML-only
    extractor on a fixtures folder holding text dumps too)."""
    if extractor not in REGISTRY:  # "auto" takes every form
        return cases
    takes = REGISTRY[extractor].input_types
    kept = [case for case in cases if case.input_kind in takes]
    if len(kept) < len(cases):
        stderr_console().print(
            f"{len(cases) - len(kept)} cases left out: {extractor} takes "
            f"{' and '.join(sorted(takes))} input only", soft_wrap=True)
    return kept


def _default_floors(target: Path, update: bool) -> Path | None:
    if is_bench_folder(target):
        return None
    path = target / DEFAULT_FLOORS_NAME
    return path if path.exists() or update else None


def _score_with_progress(cases: list[Case], extractor: str) -> list[CaseScore]:
    console = stderr_console()
    if not console.is_terminal:
        return score_cases(cases, extractor)
    with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("score", total=len(cases))
        return score_cases(cases, extractor, lambda _case: progress.advance(task))


def _gate(
    console: Console,
    floors_path: Path,
    extractor: str,
    cases: list[Case],
    scores: list[CaseScore],
    update: bool,
    allow_regression: bool,
) -> tuple[int, dict]:
    """Compare with (or update) the floors; returns the exit status and a JSON summary."""
    try:
        document = gate.load_floors(floors_path)
    except ValueError as error:
        print_error(str(error))
        return 2, {"error": str(error)}
    measured = gate.measure(cases, scores)
    if not update:
        findings = gate.compare(document, extractor, measured)
        if findings:
            print_findings(console, findings, f"GATE FAILED against {floors_path}:")
            return 1, {"passed": False, "findings": [f.message for f in findings]}
        console.print(f"gate passed: every figure meets its floor in {floors_path}")
        return 0, {"passed": True}
    new_document, raised, regressions = gate.update(document, extractor, measured)
    if regressions and not allow_regression:
        print_findings(console, regressions,
                       "REFUSED: these floors would go down (use --allow-regression to accept):")
        return 1, {"updated": False, "refused": [f.message for f in regressions]}
    gate.save_floors(floors_path, new_document)
    if regressions:
        print_findings(console, regressions, "lowered (--allow-regression):")
    console.print(f"floors for {extractor!r} pinned in {floors_path} "
                  f"({len(raised)} raised or new, {len(regressions)} lowered)")
    return 0, {"updated": True}
