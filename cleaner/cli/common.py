"""Pieces the commands share: the stderr console and option validation."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

from cleaner.extractors import extractor_names


def stderr_console() -> Console:
    """Where progress, tables of errors and summaries go (stdout stays for data)."""
    return Console(stderr=True, highlight=False)


def print_error(message: str) -> None:
    """One error line on stderr, never wrapped (paths stay whole for grep and for logs)."""
    stderr_console().print(f"[red]error[/red]: {escape(message)}", soft_wrap=True)


def stdout_console() -> Console:
    """Where reports go; wide when redirected, so tables are not squeezed to 80 columns."""
    console = Console(highlight=False)
    return console if console.is_terminal else Console(highlight=False, width=160)


def check_extractor(name: str) -> str:
    """Typer callback: refuse unknown extractor names with the list of valid ones."""
    if name not in extractor_names():
        raise typer.BadParameter(f"unknown extractor {name!r}; choose one of: "
                                 f"{', '.join(extractor_names())}")
    return name


EXTRACTOR_HELP = "Extractor: " + ", ".join(extractor_names()) + "."
