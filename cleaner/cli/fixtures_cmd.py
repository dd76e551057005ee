"""``cleaner fixtures ...``: build regression cases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cleaner.cli.common import (
    EXTRACTOR_HELP,
    EXTRACTOR_METAVAR,
    Command,
    check_extractor,
    check_inputs,
    check_output_folder,
    error_text,
    print_error,
    stderr_console,
)
from cleaner.fixtures.draft import draft_case
from cleaner.fixtures.from_bench import import_bench_pages
from cleaner.fixtures.synth import write_synthetic
from cleaner.scoring.cases import CaseError

app = typer.Typer(help="Build fixture cases for the regression gate.", no_args_is_help=True,
                  rich_markup_mode=None)


@app.command("from-bench", no_args_is_help=True, cls=Command)
def from_bench_command(
    bench_dir: Annotated[str, typer.Argument(
        metavar="BENCH_DIR",
        help="A benchmark folder laid out like bench/aeb-dev (gold.jsonl, html/, text-w3m/).",
        show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR",
                                      help="Folder to write the cases into.",
                                      show_default=False)],
    count: Annotated[int, typer.Option(min=1, metavar="N",
                                       help="How many pages, spread evenly over the "
                                                   "set's sorted ids.")] = 20,
) -> None:
    """Copy benchmark pages (HTML, w3m dump, gold body, origin and licence) into fixture cases."""
    check_inputs([bench_dir], stdin=False, command="cleaner fixtures from-bench")
    check_output_folder(str(out), "cases are written")
    try:
        cases = import_bench_pages(Path(bench_dir), out, count)
    except (CaseError, OSError) as error:
        print_error(error_text(error))
        raise typer.Exit(2) from None
    stderr_console().print(f"wrote {len(cases)} cases under {out}")


@app.command("synth", no_args_is_help=True, cls=Command)
def synth_command(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR",
                                      help="Folder to write the cases into.",
                                      show_default=False)],
    count: Annotated[int, typer.Option(min=1, metavar="N", help="How many pages.")] = 40,
    seed: Annotated[int, typer.Option(metavar="N", help="Random seed: the same seed gives "
                                      "the same bytes.")] = 1,
    seed_cases: Annotated[Path, typer.Option(
        metavar="DIR",
        help="The seed fixture cases the pages are built from (the labelled seed news page "
             "and the clean seed article).")] = Path("fixtures/seed"),
) -> None:
    """Generate pages around the seed article, each as HTML and as a text dump, with gold
    body and per-line labels by construction."""
    check_output_folder(str(out), "cases are written")
    check_inputs([str(seed_cases)], stdin=False, command="cleaner fixtures synth")
    try:
        cases = write_synthetic(out, count, seed, seed_cases)
    except (CaseError, OSError) as error:
        print_error(error_text(error))
        raise typer.Exit(2) from None
    stderr_console().print(f"wrote {len(cases)} cases under {out} (seed {seed})")


@app.command("draft", no_args_is_help=True, cls=Command)
def draft_command(
    page: Annotated[str, typer.Argument(metavar="PAGE",
                                         help="The page (HTML or text dump, .gz too).",
                                         show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR",
                                      help="The new case's folder, e.g. "
                                      "fixtures/mine/shop-page.", show_default=False)],
    extractor: Annotated[str, typer.Option("--extractor", "-e", metavar=EXTRACTOR_METAVAR,
                                           help=EXTRACTOR_HELP, callback=check_extractor,
                                           )] = "auto",
) -> None:
    """Draft a fixture case from a page: its input, and gold body and per-line labels taken
    from the current output, for a person to correct."""
    check_inputs([page], stdin=False, command="cleaner fixtures draft")
    check_output_folder(str(out), "the case's files are written")
    try:
        drafted = draft_case(Path(page), out, extractor)
    except CaseError as error:
        print_error(str(error))
        raise typer.Exit(2) from None
    console = stderr_console()
    to_correct = [path.name for path in drafted.to_correct]
    console.print(f"drafted {out}: " + ", ".join([drafted.input.name, *to_correct]))
    console.print(f"now read and correct {', '.join(to_correct)} by hand, then pin floors "
                  f"with `cleaner score fixtures/ --update`")
