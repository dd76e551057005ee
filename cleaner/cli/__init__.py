"""The ``cleaner`` command line: a thin layer over the library, the batch runner and the scorer."""

from __future__ import annotations

from typing import Annotated

import typer

from cleaner.cli import (
    bench_cmd,
    clean_cmd,
    explain_cmd,
    fixtures_cmd,
    score_cmd,
    throughput_cmd,
    train_cmd,
)
from cleaner.cli.common import Command

# Plain help and usage errors (no rich panels): messages stay one line, unwrapped, as written.
app = typer.Typer(
    name="cleaner",
    help="Keep the article of scraped web pages (HTML or text dumps); label everything else.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(asked: bool) -> None:
    if asked:
        from cleaner import __version__, build_kind

        typer.echo(f"cleaner {__version__}, {build_kind()}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True,
        help="Print the version and the build (compiled or pure Python), then exit.",
    )] = False,
) -> None:
    """Options before any command (typer shows the app's help, not this line)."""


app.command("clean", no_args_is_help=True, cls=Command)(clean_cmd.clean_command)
app.command("score", no_args_is_help=True, cls=Command)(score_cmd.score_command)
app.command("explain", no_args_is_help=True, cls=Command)(explain_cmd.explain_command)
app.command("bench", no_args_is_help=True, cls=Command)(bench_cmd.bench_command)
app.command("train", no_args_is_help=True, cls=Command)(train_cmd.train_command)
app.add_typer(fixtures_cmd.app, name="fixtures")
app.add_typer(throughput_cmd.app, name="throughput")


def main() -> None:
    """Console-script entry point."""
    app()
