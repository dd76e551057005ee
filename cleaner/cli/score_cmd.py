"""``cleaner score TARGET``: measure an extractor on fixtures or a benchmark folder, and gate."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cleaner.cli.common import (
    EXTRACTOR_HELP,
    EXTRACTOR_METAVAR,
    STDIN,
    TEXT_FORMS,
    check_choice,
    check_extractor,
    check_inputs,
    choices_metavar,
    print_error,
    stderr_console,
    stdout_console,
    usage_error,
)
from cleaner.extractors import REGISTRY
from cleaner.options import Options
from cleaner.reading import read_stdin
from cleaner.scoring import gate
from cleaner.scoring.cases import Case, CaseError, is_bench_folder, load_cases, page_case
from cleaner.scoring.evaluate import ALIGNED_GOLD, CaseScore, score_cases
from cleaner.scoring.report import print_findings, print_report, report_json

#: The floors file ``score`` uses when TARGET holds one and --baseline is not given.
DEFAULT_FLOORS_NAME = "floors.json"


def score_command(
    target: Annotated[str, typer.Argument(
        metavar="TARGET",
        help="A fixtures folder, a benchmark folder laid out like bench/aeb-dev, or one page "
        "(a file, or - for stdin) scored against --gold.",
        show_default=False,
    )],
    extractor: Annotated[str, typer.Option(
        "--extractor", "-e", metavar=EXTRACTOR_METAVAR, help=EXTRACTOR_HELP,
        callback=check_extractor,
    )] = "auto",
    gold: Annotated[Path | None, typer.Option(
        "--gold", metavar="FILE", help="With one page as TARGET: the gold body, as text.",
        show_default=False,
    )] = None,
    text: Annotated[str | None, typer.Option(
        "--text", metavar=choices_metavar(TEXT_FORMS),
        help="Score the text-dump inputs (benchmark folders: the w3m or lynx dumps).",
        show_default=False,
    )] = None,
    html: Annotated[bool, typer.Option("--html", help="Score the HTML inputs.")] = False,
    json_path: Annotated[Path | None, typer.Option(
        "--json", metavar="FILE", help="Also write every figure to this JSON file.",
        show_default=False,
    )] = None,
    baseline: Annotated[Path | None, typer.Option(
        metavar="FILE",
        help=f"Floors file to compare with (default: TARGET/{DEFAULT_FLOORS_NAME} if present).",
        show_default=False,
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
    aligned_gold: Annotated[bool, typer.Option(
        "--aligned-gold", help="Instead of an extractor, score keeping exactly the blocks the "
        "gold body holds (its words aligned to the page's blocks): the ceiling for a labeller "
        "of these blocks, and the check of the labels the learned model is trained on.",
    )] = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, metavar="N",
        help="Processes scoring the cases (0: one per core); the figures are the same.",
    )] = 0,
    beside_trafilatura: Annotated[bool, typer.Option(
        "--beside-trafilatura", help="Also score trafilatura's own Markdown (tables and "
        "formatting on) and metadata (extract_metadata) on the HTML cases that have such "
        "gold, beside the extractor's, in the structure and metadata tables.",
    )] = False,
) -> None:
    """Score an extractor: body P/R/F1 (4-token shingles), per-line label accuracy, titles."""
    if text is not None:
        check_choice(text, TEXT_FORMS, "--text")
    check_inputs([target, *([str(gold)] if gold is not None else [])], stdin=True,
                 command="cleaner score --gold FILE")
    if baseline is not None and not update:
        check_inputs([str(baseline)], stdin=False, command="cleaner score")
    if json_path is not None and (json_path.is_dir() or not json_path.parent.is_dir()):
        usage_error(f"--json {json_path}: not a file in an existing folder")
    if aligned_gold:
        if extractor != "auto":
            usage_error("--aligned-gold scores the gold's blocks, not an extractor: leave out "
                        "--extractor")
        if baseline is not None or update:
            usage_error("--aligned-gold is a measurement, not something to gate")
        extractor = ALIGNED_GOLD
    with tempfile.TemporaryDirectory(prefix="cleaner-score-") as scratch:
        cases = _cases(target, gold, text, html, Path(scratch))
        cases = _cases_it_takes(cases, extractor)
        if not cases:
            usage_error(f"{target}: no case in an input form {extractor} takes")
        scores, status = _score_and_gate(cases, target, extractor, json_path, baseline,
                                         update, allow_regression, cases_table,
                                         beside_trafilatura, jobs or os.cpu_count() or 1)
    failed = [score for score in scores if score.error]
    if gold is not None and failed:  # one page, which could not be cleaned
        print_error(f"{'<stdin>' if target == STDIN else target}: {failed[0].error}")
        status = 1
    raise typer.Exit(status)


def _cases(target: str, gold: Path | None, text: str | None, html: bool, scratch: Path,
           ) -> list[Case]:
    """The cases TARGET names; stdin is saved in ``scratch`` to be read as a page file."""
    is_folder = target != STDIN and Path(target).is_dir()
    if is_folder and gold is not None:
        usage_error(f"--gold goes with one page; {target} is a folder of cases with their gold")
    if not is_folder and gold is None:
        usage_error(f"{target}: one page is scored against its gold body: give --gold FILE")
    try:
        if is_folder:
            return load_cases(Path(target), _forms(Path(target), text, html))
        assert gold is not None
        page = Path(target)
        if target == STDIN:
            page = scratch / "stdin"
            page.write_bytes(read_stdin(Options().max_bytes))
        form = "html" if html else "text" if text else None
        return [page_case(page, gold, form, name="<stdin>" if target == STDIN else None)]
    except (CaseError, ValueError) as error:
        usage_error(str(error))


def _score_and_gate(cases: list[Case], target: str, extractor: str, json_path: Path | None,
                    baseline: Path | None, update: bool, allow_regression: bool,
                    cases_table: bool, beside_trafilatura: bool, jobs: int,
                    ) -> tuple[list[CaseScore], int]:
    """Score the cases, print the report, gate; the scores and the exit status."""
    scores = _score_with_progress(cases, extractor, beside_trafilatura, jobs)
    console = stdout_console()
    print_report(console, scores, extractor, cases_table)
    document = report_json(scores, extractor, str(target))
    floors_path = None if extractor == ALIGNED_GOLD else (
        baseline or _default_floors(Path(target), update))
    status = 0
    if floors_path is not None:
        status, document["gate"] = _gate(console, floors_path, extractor, cases, scores,
                                         update, allow_regression)
    elif update:
        print_error("--update needs --baseline FILE")
        status = 2
    if json_path is not None:
        try:
            json_path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            print_error(f"--json {json_path}: {error.strerror or error}")
            status = 2
    return scores, status


def _forms(target: Path, text: str | None, html: bool) -> tuple[str, ...] | None:
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
    if not target.is_dir() or is_bench_folder(target):
        return None
    path = target / DEFAULT_FLOORS_NAME
    return path if path.exists() or update else None


def _score_with_progress(cases: list[Case], extractor: str, beside_trafilatura: bool,
                         jobs: int) -> list[CaseScore]:
    console = stderr_console()
    if not console.is_terminal:
        return score_cases(cases, extractor, beside_trafilatura=beside_trafilatura, jobs=jobs)
    with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("score", total=len(cases))
        return score_cases(cases, extractor, lambda _case: progress.advance(task),
                           beside_trafilatura, jobs)


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
