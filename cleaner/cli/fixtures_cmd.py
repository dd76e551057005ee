"""``cleaner fixtures ...``: build regression cases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cleaner.cli.common import print_error, stderr_console
from cleaner.fixtures.from_bench import import_bench_pages
from cleaner.scoring.cases import CaseError

app = typer.Typer(help="Build fixture cases for the regression gate.", no_args_is_help=True)


@app.command("from-bench", no_args_is_help=True)
def from_bench_command(
    bench_dir: Annotated[Path, typer.Argument(
        help="A benchmark folder laid out like bench/aeb-dev (gold.jsonl, html/, text-w3m/).",
        show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the cases into.",
                                      show_default=False)],
    count: Annotated[int, typer.Option(min=1, help="How many pages, spread evenly over the "
                                                   "set's sorted ids.")] = 20,
) -> None:
    """Copy benchmark pages (HTML, w3m dump, gold body, origin and licence) into fixture cases."""
    try:
        cases = import_bench_pages(bench_dir, out, count)
    except (CaseError, OSError) as error:
        print_error(str(error))
        raise typer.Exit(2) from None
    stderr_console().print(f"wrote {len(cases)} cases under {out}")
