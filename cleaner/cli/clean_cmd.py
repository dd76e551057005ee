"""``cleaner clean PATH... -o OUT``: clean files and directories in parallel, resumably."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from cleaner.batch.runner import (
    BatchConfig,
    Outcome,
    Summary,
    count_inputs,
    hard_time_limit,
    run_batch,
)
from cleaner.cli.common import EXTRACTOR_HELP, check_extractor, print_error, stderr_console
from cleaner.errors import CleanerError
from cleaner.options import Options
from cleaner.output import FORMATS, render
from cleaner.pipeline import clean_document

DEFAULT_MAX_BYTES = Options().max_bytes


def clean_command(
    paths: Annotated[list[str], typer.Argument(
        help="Files or directories (walked for .txt/.html/.htm and their .gz), or - for stdin.",
        show_default=False,
    )],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o",
        help="Output directory (txt, json: mirrors the input tree), or file (jsonl; default: "
        "stdout).",
    )] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="txt: body text; json: record per document; jsonl: one file.",
    )] = "txt",
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, help="Parallel worker processes (0: one per core).",
    )] = 0,
    extractor: Annotated[str, typer.Option(
        "--extractor", "-e", help=EXTRACTOR_HELP, callback=check_extractor,
    )] = "auto",
    force: Annotated[bool, typer.Option(
        "--force", help="Redo documents whose output already exists.",
    )] = False,
    input_type: Annotated[str, typer.Option(
        "--input-type", help="auto (sniff), text or html.",
    )] = "auto",
    include_title: Annotated[bool, typer.Option(
        "--include-title", help="Start the body text with the title.",
    )] = False,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Skip (and report) documents larger than this.",
    )] = DEFAULT_MAX_BYTES,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", min=0.001, help="Give up on (and report) a document after this many "
        "seconds, so one pathological page cannot stall the batch.",
        show_default="no limit",
    )] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar and no per-file error lines; summary only.",
    )] = False,
) -> None:
    """Clean documents: write the body (txt) or the labelled record (json, jsonl) of each."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if input_type not in ("auto", "text", "html"):
        raise typer.BadParameter("choose auto, text or html", param_hint="--input-type")
    options = Options(extractor=extractor, input_type=input_type,  # type: ignore[arg-type]
                      include_title=include_title, max_bytes=max_bytes, timeout=timeout)
    if paths == ["-"]:
        raise typer.Exit(_clean_stdin(options, fmt))
    if "-" in paths:
        raise typer.BadParameter("'-' (stdin) cannot be mixed with paths", param_hint="PATHS")
    if fmt != "jsonl" and out is None:
        raise typer.BadParameter(f"--format {fmt} writes one file per input: give -o DIR",
                                 param_hint="--out")
    missing = [path for path in paths if not os.path.lexists(path)]
    if missing:
        raise typer.BadParameter(f"no such file or directory: {', '.join(missing)}",
                                 param_hint="PATHS")
    config = BatchConfig(
        paths=tuple(Path(path) for path in paths),
        out=None if out is None or str(out) == "-" else out,
        fmt=fmt,  # type: ignore[arg-type]
        jobs=jobs or os.cpu_count() or 1,
        options=options,
        force=force,
    )
    summary = _run_with_progress(config, quiet)
    raise typer.Exit(1 if summary.failed else 0)


def _clean_stdin(options: Options, fmt: str) -> int:
    try:
        data = sys.stdin.buffer.read()
        with hard_time_limit(options.timeout):
            result = clean_document(data, options, source="-")
    except CleanerError as error:
        print_error(f"<stdin>: {error}")
        return 1
    sys.stdout.buffer.write(render(result, fmt))  # type: ignore[arg-type]
    sys.stdout.buffer.flush()
    return 0


def _run_with_progress(config: BatchConfig, quiet: bool) -> Summary:
    console = stderr_console()
    show_bar = not quiet and console.is_terminal

    def report_failure(outcome: Outcome) -> None:
        if outcome.status == "failed" and not quiet:
            console.print(f"[red]failed[/red] {outcome.source}: {outcome.message} "
                          f"[dim]({outcome.error_kind})[/dim]")

    if show_bar:
        with Progress(
            TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn(),
            console=console, transient=True,
        ) as progress:
            task = progress.add_task("clean", total=count_inputs(config.paths), rate="")

            def on_outcome(outcome: Outcome) -> None:
                report_failure(outcome)
                elapsed = progress.tasks[task].elapsed or 0
                done = progress.tasks[task].completed + 1
                rate = f"{done / elapsed:.0f} docs/s" if elapsed > 0.5 else ""
                progress.update(task, advance=1, rate=rate)

            summary = run_batch(config, on_outcome)
    else:
        summary = run_batch(config, report_failure)
    console.print(_summary_line(summary, config))
    return summary


def _summary_line(summary: Summary, config: BatchConfig) -> str:
    line = (
        f"done {summary.written}, skipped {summary.skipped} (output exists), "
        f"failed {summary.failed} in {summary.seconds:.2f}s "
        f"({summary.docs_per_second:.1f} docs/s, {config.jobs} jobs)"
    )
    if summary.failed and config.out is not None and config.fmt != "jsonl":
        line += f"; failures listed in {config.out / 'errors.jsonl'}"
    return line
