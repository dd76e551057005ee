"""``cleaner throughput build|run``: a bench WARC, then docs/s and memory per runner (CLI,
datatrove, Spark) beside trafilatura, on the same records in the same run."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cleaner.bench.throughput import (
    CLUSTER_CORES,
    CRAWL_PAGES,
    PEER,
    RUNNERS,
    Agreement,
    JobResult,
    agreement,
    crawl_hours,
    run_throughput,
)
from cleaner.bench.warc_build import build_warcs
from cleaner.cli.common import (
    Command,
    check_choice,
    check_extractor,
    check_inputs,
    choices_metavar,
    error_text,
    print_error,
    stderr_console,
    stdout_console,
    usage_error,
)
from cleaner.extractors import REGISTRY

#: What a runner needs beyond the core install: (module, the extra that brings it).
RUNNER_EXTRAS = {"datatrove": ("datatrove", "datatrove"), "spark": ("pyspark", "spark")}

app = typer.Typer(help="Throughput on WARC files: build a bench WARC, time the runners.",
                  no_args_is_help=True, rich_markup_mode=None)


@app.command("build", no_args_is_help=True, cls=Command)
def build_command(
    bench_dirs: Annotated[list[str], typer.Argument(
        metavar="BENCH_DIR...", help="Benchmark folders (gold.jsonl, html/) whose pages to use.",
        show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR",
                                      help="Folder to write the WARC files into.",
                                      show_default=False)],
    records: Annotated[int, typer.Option(min=1, metavar="N",
                                         help="Page records (pages are cycled).")] = 2000,
    files: Annotated[int, typer.Option(min=1, metavar="N", help="WARC files.")] = 8,
    damaged: Annotated[int, typer.Option(min=0, metavar="N",
                                         help="Records to damage (corrupt or cut off).")] = 6,
) -> None:
    """Write a folder of WARC files of benchmark pages, a few records damaged."""
    check_inputs(bench_dirs, stdin=False, command="cleaner throughput build")
    try:
        built = build_warcs([Path(path) for path in bench_dirs], out, records, files, damaged)
    except (ValueError, OSError) as error:
        print_error(error_text(error))
        raise typer.Exit(2) from None
    stderr_console().print(f"{built.pages} page records ({built.damaged} damaged) in "
                           f"{len(built.files)} WARC files in {out}")


@app.command("run", no_args_is_help=True, cls=Command)
def run_command(
    warcs: Annotated[str, typer.Argument(metavar="WARC_DIR", help="A folder of .warc.gz files.",
                                         show_default=False)],
    work: Annotated[Path, typer.Option("--work", metavar="DIR",
                                       help="Empty folder for the jobs' outputs.",
                                       show_default=False)],
    runner: Annotated[list[str] | None, typer.Option(
        "--runner", "-r", metavar=choices_metavar(RUNNERS),
        help="Runner to time; repeat for several (default: every installed one).",
        show_default=False)] = None,
    extractor: Annotated[list[str] | None, typer.Option(
        "--extractor", "-e", metavar=choices_metavar(REGISTRY),
        help="Our extractor; repeat for several (default: heuristic and auto).",
        show_default=False)] = None,
    workers: Annotated[list[int] | None, typer.Option(
        "--workers", "-w", min=1, metavar="N",
        help="Worker processes; repeat for a scaling table (default: 1 and 2).",
        show_default=False)] = None,
    peer: Annotated[bool, typer.Option(
        "--peer/--no-peer", help=f"Also run {PEER} in each runner.")] = True,
    json_path: Annotated[Path | None, typer.Option(
        "--json", metavar="FILE", help="Write the figures as JSON.", show_default=False)] = None,
) -> None:
    """Clean the WARC folder with each runner and extractor; print docs/s, memory, errors."""
    check_inputs([warcs], stdin=False, command="cleaner throughput run")
    for name in runner or ():
        check_choice(name, RUNNERS, "--runner")
    for name in extractor or ():
        check_choice(name, list(REGISTRY), "--extractor")
        check_extractor(name)
    console = stderr_console()
    runners = _runners(runner, console)
    if work.exists() and any(work.iterdir()):
        usage_error(f"--work {work} is not empty: give a new or empty folder")
    extractors = list(extractor or ("heuristic", "auto")) + ([PEER] if peer else [])

    def report(result: JobResult) -> None:
        console.print(f"{result.runner} {result.extractor} ×{result.workers}: "
                      f"{result.docs_per_second:.1f} docs/s, {result.largest_mib} MiB")

    try:
        results = run_throughput(Path(warcs), work, runners, extractors,
                                 list(workers or (1, 2)), report)
    except (RuntimeError, ValueError, OSError) as error:
        print_error(error_text(error))
        raise typer.Exit(1) from None
    agreements = [found for name in extractors
                  if (found := agreement(work, results, name)) is not None]
    out = stdout_console()
    out.print(_table(results, f"{warcs}: {results[0].records_in} page records"))
    out.print(_scaling(results))
    for found in agreements:
        out.print(_agreement_line(found))
    if json_path is not None:
        json_path.write_text(json.dumps({
            "jobs": [result.to_dict() for result in results],
            "agreement": [asdict(found) for found in agreements]}, indent=2) + "\n",
            encoding="utf-8")


def _runners(chosen: list[str] | None, console: Console) -> list[str]:
    """The runners asked for (a usage error when one's engine is missing), or by default
    every runner whose engine is installed, with a note for each left out."""
    if chosen:
        for name in chosen:
            if (missing := _missing(name)) is not None:
                usage_error(f"--runner {name} needs {missing[0]}, which is not installed: pip "
                            f"install 'cleaner[{missing[1]}]' (or leave the runner out)")
        return list(chosen)
    runners = []
    for name in RUNNERS:
        if (missing := _missing(name)) is None:
            runners.append(name)
        else:
            console.print(f"note: runner {name} left out: {missing[0]} is not installed "
                          f"(pip install 'cleaner[{missing[1]}]')")
    return runners


def _missing(runner: str) -> tuple[str, str] | None:
    """The module a runner needs and the extra that brings it, when it is not installed."""
    needed = RUNNER_EXTRAS.get(runner)
    if needed is not None and importlib.util.find_spec(needed[0]) is None:
        return needed
    return None


def _table(results: list[JobResult], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for header in ("runner", "extractor", "workers", "out", "errors", "lost", "seconds",
                   "docs/s", "per worker", "largest MiB", "tree MiB", "JVM MiB", "startup s"):
        table.add_column(header, justify="left" if header in ("runner", "extractor") else "right")
    for result in results:
        table.add_row(result.runner, result.extractor, str(result.workers),
                      str(result.records_out), str(result.errors), str(result.lost),
                      f"{result.seconds:.1f}", f"{result.docs_per_second:.1f}",
                      f"{result.per_worker:.1f}", str(result.largest_mib),
                      str(result.tree_mib), str(result.jvm_mib) if result.jvm_mib else "-",
                      f"{result.startup:.1f}" if result.startup else "-")
    return table


def _scaling(results: list[JobResult]) -> Table:
    """Per extractor and runner, the rate per worker at the most workers measured, and what
    it gives for a monthly crawl on a cluster."""
    table = Table(title=f"on paper: {CRAWL_PAGES / 1e9:.2f} billion pages on {CLUSTER_CORES:,} "
                        f"cores, at the rate per worker measured with the most workers",
                  title_justify="left")
    for header in ("runner", "extractor", "docs/s per worker", "hours"):
        table.add_column(header, justify="left" if header in ("runner", "extractor") else "right")
    most: dict[tuple[str, str], JobResult] = {}
    for result in results:
        key = (result.runner, result.extractor)
        if key not in most or result.workers > most[key].workers:
            most[key] = result
    for (runner, extractor), result in most.items():
        table.add_row(runner, extractor, f"{result.per_worker:.1f}",
                      f"{crawl_hours(result.per_worker):.1f}" if result.per_worker else "-")
    return table


def _agreement_line(found: Agreement) -> str:
    runners = ", ".join(found.runners)
    if found.identical == found.records:
        return (f"{found.extractor}: the same text for all {found.records} records from "
                f"{runners}")
    return (f"{found.extractor}: {found.records - found.identical} of {found.records} records "
            f"differ between {runners} (first: {', '.join(found.examples)})")
