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
from rich.text import Text

from cleaner.batch.errors import BatchRefusedError, BatchStoppedError
from cleaner.batch.files import DEFAULT_GLOBS, error_report_path
from cleaner.batch.runner import (
    BatchConfig,
    Outcome,
    Summary,
    count_inputs,
    run_batch,
)
from cleaner.cli.common import (
    EXTRACTOR_HELP,
    EXTRACTOR_METAVAR,
    FAVOR_HELP,
    FAVOR_METAVAR,
    INPUT_TYPE_HELP,
    INPUT_TYPE_METAVAR,
    INPUT_TYPES,
    STDIN,
    check_choice,
    check_extractor,
    check_inputs,
    check_output_folder,
    check_parents,
    choices_metavar,
    print_error,
    stderr_console,
    usage_error,
)
from cleaner.deadline import hard_time_limit
from cleaner.errors import CleanerError
from cleaner.labels import ALL_LABELS, Label
from cleaner.options import FAVORS, Options
from cleaner.output import (
    FORMATS,
    LABEL_FORMATS,
    SINGLE_FILE_FORMATS,
    STDOUT_FORMATS,
    is_single_file,
    render,
)
from cleaner.pipeline import clean_document
from cleaner.reading import read_stdin

DEFAULT_MAX_BYTES = Options().max_bytes


def clean_command(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH",
        help="Files, or directories walked for the names --glob gives, or - for stdin.",
        show_default=False,
    )],
    out: Annotated[str | None, typer.Option(
        "--out", "-o", metavar="DIR|FILE",
        help="txt, md, json: the directory to write into (mirrors the input tree). jsonl: the file "
        "to append to, or - for stdout (the default). parquet: the file to write (it appears "
        "when the run completes).",
        show_default=False,
    )] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", metavar=choices_metavar(FORMATS),
        help="txt: the body text; md: the body as Markdown; json: the labelled record of each "
        "document; jsonl: every record in one file; parquet: one row per document in one file "
        "(source, url, text, title, author, date, page_kind, markdown, warc_*, segments; "
        "needs pip install 'cleaner[parquet]').",
        show_default="jsonl or parquet when -o names a .jsonl or .parquet file, else txt",
    )] = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, metavar="N", help="Parallel worker processes (0: one per core).",
    )] = 0,
    extractor: Annotated[str, typer.Option(
        "--extractor", "-e", metavar=EXTRACTOR_METAVAR, help=EXTRACTOR_HELP,
        callback=check_extractor,
    )] = "auto",
    force: Annotated[bool, typer.Option(
        "--force", help="Rewrite every output, even one already there or written with other "
        "settings.",
    )] = False,
    input_type: Annotated[str, typer.Option(
        "--input-type", metavar=INPUT_TYPE_METAVAR, help=INPUT_TYPE_HELP,
    )] = "auto",
    favor: Annotated[str, typer.Option(
        "--favor", metavar=FAVOR_METAVAR, help=FAVOR_HELP,
    )] = "balanced",
    include_title: Annotated[bool, typer.Option(
        "--include-title", help="Start the body text with the title.",
    )] = False,
    globs: Annotated[list[str] | None, typer.Option(
        "--glob", "-g", metavar="PATTERN",
        help="File names to take from directories, in place of the default "
        f"({' '.join(DEFAULT_GLOBS)}); repeat for several; -g '*' takes every file. Matched "
        "regardless of case.",
        show_default=False,
    )] = None,
    url: Annotated[str | None, typer.Option(
        "--url", metavar="URL", help="The page's address, recorded in its JSON record (one "
        "document only: a file or -).",
        show_default=False,
    )] = None,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="Clean files that links in a folder lead to outside it (by "
        "default they are reported, not followed).",
    )] = False,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, metavar="BYTES", help="Skip (and report) documents larger than "
        "this.",
    )] = DEFAULT_MAX_BYTES,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", min=0.001, metavar="SECONDS", help="Give up on (and report) a document "
        "after this many seconds, so one pathological page cannot stall the batch.",
        show_default="no limit",
    )] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar and no per-file error lines; summary only.",
    )] = False,
    links: Annotated[bool, typer.Option(
        "--links", help="Markdown (md, and the records' markdown): links as [text](target).",
    )] = False,
    emphasis: Annotated[bool, typer.Option(
        "--emphasis", help="Markdown: bold and italic text as **bold** and *italic*.",
    )] = False,
    images: Annotated[bool, typer.Option(
        "--images", help="Markdown: the body's images as ![alt](source).",
    )] = False,
    label: Annotated[str | None, typer.Option(
        "--label", "-l", metavar=choices_metavar(label.value for label in ALL_LABELS),
        help="txt, md: write this label's text instead of the body (comments, bio, menu...).",
        show_default=False,
    )] = None,
) -> None:
    """Clean documents: write the body (txt) or the labelled record (json, jsonl, parquet) of
    each."""
    fmt = fmt if fmt is not None else _format_named_by(out)
    check_choice(fmt, FORMATS, "--format")
    check_choice(input_type, INPUT_TYPES, "--input-type")
    check_choice(favor, FAVORS, "--favor")
    if label is not None:
        check_choice(label, [label.value for label in ALL_LABELS], "--label")
        if fmt not in LABEL_FORMATS:
            usage_error(f"--label goes with --format {' or '.join(LABEL_FORMATS)}: the {fmt} "
                        f"record holds every label's text already (its segments)")
    chosen_label = Label(label) if label is not None else None
    check_inputs(paths, stdin=True, command="cleaner clean")
    options = Options(extractor=extractor, url=url, input_type=input_type,  # type: ignore[arg-type]
                      include_title=include_title, max_bytes=max_bytes, timeout=timeout,
                      favor=favor, links=links, emphasis=emphasis,  # type: ignore[arg-type]
                      images=images)
    if STDIN in paths:
        _check_stdin_run(paths, out, fmt)
        raise typer.Exit(_clean_stdin(options, fmt, chosen_label))
    if any("/" in pattern for pattern in globs or ()):
        usage_error("--glob matches file names, not paths: give a pattern without /")
    if url is not None and (len(paths) > 1 or os.path.isdir(paths[0])):
        usage_error("--url names one page: give one file (or -), not several or a directory")
    config = BatchConfig(
        paths=tuple(Path(path) for path in paths),
        out=_output(out, fmt),
        fmt=fmt,  # type: ignore[arg-type]
        jobs=jobs or os.cpu_count() or 1,
        options=options,
        force=force,
        globs=tuple(globs) if globs else DEFAULT_GLOBS,
        follow_links=follow_links,
        label=chosen_label,
    )
    console = stderr_console()
    try:
        summary = _run_with_progress(config, quiet)
    except BatchRefusedError as error:
        usage_error(str(error))
    except BatchStoppedError as stopped:
        console.print(_summary_line(stopped.summary, config))
        print_error(f"{stopped}; what was written is whole: the same command resumes the run")
        raise typer.Exit(128 + stopped.signal_number if stopped.signal_number else 1) from None
    raise typer.Exit(1 if summary.failed else 0)


def _format_named_by(out: str | None) -> str:
    """The format an output's name asks for when --format is not given: a one-file format
    for a file named after it (``.jsonl``: jsonl, ``.parquet``: parquet), else txt."""
    named = [fmt for fmt in SINGLE_FILE_FORMATS
             if out is not None and out.lower().endswith(f".{fmt}")]
    return named[0] if named else "txt"


def _output(out: str | None, fmt: str) -> Path | None:
    """Where the outputs go (None: stdout, jsonl only); a usage error for every -o that cannot
    work, before anything is cleaned."""
    if not is_single_file(fmt):
        if out is None:
            usage_error(f"--format {fmt} writes one file per input: give -o DIR")
        if out == STDIN:
            usage_error(f"-o - (stdout) takes --format jsonl; --format {fmt} writes one file "
                        f"per input into -o DIR (or clean one document from stdin: "
                        f"cleaner clean - < FILE)")
        return check_output_folder(out, f"--format {fmt} writes one file per input")
    to_stdout = ", or - for stdout" if fmt in STDOUT_FORMATS else ""
    if out is None or out == STDIN:
        if not to_stdout:
            usage_error(f"--format {fmt} cannot go to stdout: give -o FILE.{fmt}")
        return None
    if Path(out).is_dir() or out.endswith(os.sep):
        usage_error(f"-o {out} names a directory; --format {fmt} writes one file: give -o "
                    f"FILE.{fmt}{to_stdout}")
    check_parents(out)
    return Path(out)


def _check_stdin_run(paths: list[str], out: str | None, fmt: str) -> None:
    """A usage error unless stdin (-) is the one input and its output can go to stdout."""
    if len(paths) > 1:
        usage_error("- (stdin) cannot be mixed with paths")
    if out not in (None, STDIN):
        usage_error(f"-o {out}: a document read from stdin (-) is written to stdout; "
                    f"drop -o, or redirect: > FILE")
    if is_single_file(fmt) and fmt not in STDOUT_FORMATS:
        usage_error(f"--format {fmt} writes a file, and a document read from stdin (-) is "
                    f"written to stdout: clean files into -o FILE.{fmt}, or choose another "
                    f"--format")


def _clean_stdin(options: Options, fmt: str, label: Label | None) -> int:
    try:
        data = read_stdin(options.max_bytes)
        with hard_time_limit(options.timeout):
            result = clean_document(data, options, source=STDIN)
    except CleanerError as error:
        print_error(f"<stdin>: {error}")
        return 1
    sys.stdout.buffer.write(render(result, fmt, label))  # type: ignore[arg-type]
    sys.stdout.buffer.flush()
    return 0


def _run_with_progress(config: BatchConfig, quiet: bool) -> Summary:
    console = stderr_console()
    show_bar = not quiet and console.is_terminal

    def report_failure(outcome: Outcome) -> None:
        if outcome.status == "failed" and not quiet:
            message = (outcome.message or "").replace("\n", " ")  # one line per failure
            console.print(Text.assemble(("failed", "red"), f" {outcome.source}: {message} ",
                                        (f"({outcome.error_kind})", "dim")))

    if show_bar:
        with Progress(
            TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn(),
            console=console, transient=True,
        ) as progress:
            task = progress.add_task("clean", total=count_inputs(config), rate="")

            def on_outcome(outcome: Outcome) -> None:
                report_failure(outcome)
                if outcome.status == "ignored":
                    return
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
    empty = f" ({summary.empty} with an empty body)" if summary.empty else ""
    ignored = (f", ignored {summary.ignored} (names matching no --glob pattern)"
               if summary.ignored else "")
    line = (
        f"done {summary.written}{empty}, skipped {summary.skipped} (output exists), "
        f"failed {summary.failed}{ignored} in {summary.seconds:.2f}s "
        f"({summary.docs_per_second:.1f} docs/s, {config.jobs} jobs)"
    )
    if summary.warc_skipped:
        kinds = ", ".join(f"{kind} {count}" for kind, count in summary.warc_skipped.most_common())
        line += f"; WARC records that are not pages, left out: {kinds}"
    if summary.report_problem is not None:
        line += (f"; the error report could not be written ({summary.report_problem}): "
                 f"the failures are the 'failed' lines above")
    elif summary.failed and config.out is not None:
        line += f"; failures listed in {error_report_path(config.out, config.fmt)}"
    return line
