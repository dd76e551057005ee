"""``cleaner bench BENCH_DIR``: our extractors beside installed peers, same pages, one run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cleaner.bench.peers import installed_peers
from cleaner.bench.runner import BenchWorkerError, Candidate, RunResult, run_candidates
from cleaner.build_info import build_kind
from cleaner.cli.common import (
    TEXT_FORMS,
    check_choice,
    check_extractor,
    check_inputs,
    choices_metavar,
    print_error,
    stderr_console,
    stdout_console,
)
from cleaner.extractors import REGISTRY
from cleaner.scoring.cases import CaseError, load_cases
from cleaner.scoring.metrics import (
    body_score,
    mean_rate,
    shingle_overlap,
    snippet_rate,
    snippets_found,
    word_overlap,
    word_score,
)


def bench_command(
    bench_dir: Annotated[str, typer.Argument(
        metavar="BENCH_DIR",
        help="A benchmark folder laid out like bench/aeb-dev (gold.jsonl, html/, text-w3m/...).",
        show_default=False,
    )],
    text: Annotated[str | None, typer.Option(
        "--text", metavar=choices_metavar(TEXT_FORMS),
        help="Run on the text dumps (w3m or lynx) instead of the HTML.", show_default=False,
    )] = None,
    extractor: Annotated[list[str] | None, typer.Option(
        "--extractor", "-e", metavar=choices_metavar(REGISTRY),
        help="Our extractor to run; repeat for several (default: all that take the input).",
        show_default=False,
    )] = None,
    peers: Annotated[bool, typer.Option(
        "--peers/--no-peers", help="Also run the installed peers (pip install '.[bench]').",
    )] = True,
    limit: Annotated[int | None, typer.Option(
        min=1, metavar="N", help="Only the first N pages.", show_default=False,
    )] = None,
    repeat: Annotated[int, typer.Option(
        min=1, metavar="N", help="Passes over the pages per extractor; the fastest pass is "
        "reported.",
    )] = 5,
    json_path: Annotated[Path | None, typer.Option(
        "--json", metavar="FILE", help="Write the table as JSON.", show_default=False,
    )] = None,
    markdown: Annotated[bool, typer.Option(
        "--markdown", help="Also run each of our extractors returning its Markdown body (a "
        "row \"cleaner NAME (markdown)\"): what rendering Markdown adds to the time, and that "
        "its words are the text's.",
    )] = False,
) -> None:
    """P/R/F1, docs/s and peak memory per extractor, each in its own process, on the same pages.

    Each extractor runs --repeat passes over the pages, in rounds that give every extractor one
    pass in turn (so a slow spell of the machine falls on all alike); docs/s and ms/doc are from
    each one's fastest pass, quality from the first, peak memory over all of them.
    """
    if text is not None:
        check_choice(text, TEXT_FORMS, "--text")
    for name in extractor or ():
        check_choice(name, list(REGISTRY), "--extractor")
        check_extractor(name)
    check_inputs([bench_dir], stdin=False, command="cleaner bench")
    form = text or "html"
    input_kind = "text" if text else "html"
    try:
        cases = load_cases(Path(bench_dir), (form,))
    except CaseError as error:
        print_error(str(error))
        raise typer.Exit(2) from None
    cases = cases[:limit] if limit else cases
    candidates = _candidates(extractor, peers, input_kind, markdown)
    console = stderr_console()
    console.print(f"{len(candidates)} extractors, each in its own process, {repeat} "
                  f"interleaved pass(es) over {len(cases)} pages ({form}) ...")

    def report(candidate: Candidate, round_number: int, seconds: float) -> None:
        console.print(f"pass {round_number}/{repeat}  {candidate.name}: {seconds:.2f} s")

    try:
        results = run_candidates(candidates, [case.input_path for case in cases], input_kind,
                                 repeat, on_pass=report)
    except BenchWorkerError as error:
        print_error(str(error))
        raise typer.Exit(1) from None
    rows = [_row(result, cases) for result in results]
    out = stdout_console()
    # Our extractors' processes run the same build as this one (same environment).
    out.print(_table(rows, f"{bench_dir} ({form}, {len(cases)} pages); cleaner {build_kind()}"))
    if any(row["kinds"] for row in rows):
        out.print(_kinds_table(rows, f"word F1 per kind of page ({form})"))
    if json_path is not None:
        json_path.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


def _candidates(names: list[str] | None, with_peers: bool, input_kind: str,
                markdown: bool = False) -> list[Candidate]:
    ours = [name for name, spec in REGISTRY.items()
            if input_kind in spec.input_types and spec.installed]
    if names:  # known names (the command checked them)
        ours = [name for name in names if name in ours]
    candidates = [Candidate(f"cleaner {name}", "ours", name) for name in ours]
    if markdown:
        candidates += [Candidate(f"cleaner {name} (markdown)", "ours", name, markdown=True)
                       for name in ours]
    if with_peers:
        candidates += [Candidate(peer.name, "peer", peer.name) for peer in installed_peers()]
    return candidates


def _row(result: RunResult, cases) -> dict:
    pairs = list(zip(cases, result.outputs, strict=True))
    score = body_score([shingle_overlap(case.gold_body, text) for case, text in pairs])
    words = [word_overlap(case.gold_body, text) for case, text in pairs]
    word_figures = word_score(words)
    by_kind: dict[str, list] = {}
    for case, overlap in zip(cases, words, strict=True):
        if case.kind:
            by_kind.setdefault(case.kind, []).append(overlap)
    with_total = sum(len(case.with_snippets) for case in cases)
    without_total = sum(len(case.without_snippets) for case in cases)
    with_found = sum(snippets_found(case.with_snippets, text) for case, text in pairs)
    without_found = sum(snippets_found(case.without_snippets, text) for case, text in pairs)
    pages = len(cases)
    return {
        "extractor": result.candidate.name,
        "build": build_kind() if result.candidate.kind == "ours" else None,
        "pages": pages,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "word_precision": round(word_figures.precision, 4),
        "word_recall": round(word_figures.recall, 4),
        "word_f1": round(word_figures.f1, 4),
        "with_rate": _rounded(mean_rate(snippet_rate(case.with_snippets, text)
                                        for case, text in pairs)),
        "without_rate": _rounded(mean_rate(snippet_rate(case.without_snippets, text)
                                           for case, text in pairs)),
        "kinds": {kind: {"pages": len(group), "word_f1": round(word_score(group).f1, 4)}
                  for kind, group in sorted(by_kind.items())},
        "snippet_precision": round(1 - without_found / without_total, 4) if without_total else None,
        "snippet_recall": round(with_found / with_total, 4) if with_total else None,
        "docs_per_second": round(pages / result.seconds, 1) if result.seconds else None,
        "ms_per_doc": round(1000 * result.seconds / pages, 2) if pages else None,
        "peak_rss_mib": round(result.peak_rss_mib, 1),
        "added_rss_mib": round(result.added_rss_mib, 1),
        "errors": result.errors,
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _table(rows: list[dict], title: str) -> Table:
    """P, R, F1: shingles (aeb); word P, R, F1, with, without: WCXB's word bag and snippet
    rates."""
    table = Table(title=title, title_justify="left")
    columns = [("extractor", "extractor"), ("P", "precision"), ("R", "recall"), ("F1", "f1"),
               ("word P", "word_precision"), ("word R", "word_recall"), ("word F1", "word_f1"),
               ("with", "with_rate"), ("without", "without_rate"),
               ("docs/s", "docs_per_second"), ("ms/doc", "ms_per_doc"),
               ("peak MiB", "peak_rss_mib"), ("+MiB", "added_rss_mib"), ("errors", "errors")]
    for header, _ in columns:
        table.add_column(header, justify="left" if header == "extractor" else "right")
    for row in rows:
        table.add_row(*("-" if row[key] is None else str(row[key]) for _, key in columns))
    return table


def _kinds_table(rows: list[dict], title: str) -> Table:
    """Word F1 of each extractor on each kind of page (rows: extractors)."""
    kinds = sorted({kind for row in rows for kind in row["kinds"]})
    table = Table(title=title, title_justify="left")
    table.add_column("extractor")
    for kind in kinds:
        pages = next(row["kinds"][kind]["pages"] for row in rows if kind in row["kinds"])
        table.add_column(f"{kind} ({pages})", justify="right")
    for row in rows:
        table.add_row(row["extractor"], *(
            str(row["kinds"][kind]["word_f1"]) if kind in row["kinds"] else "-" for kind in kinds))
    return table
