"""``cleaner explain FILE``: the page block by block, with its label and the rule behind it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from cleaner.batch.files import read_document
from cleaner.cli.common import (
    EXTRACTOR_HELP,
    check_extractor,
    print_error,
    stdout_console,
)
from cleaner.errors import CleanerError
from cleaner.labels import Label
from cleaner.options import Options
from cleaner.pipeline import clean_document

#: One colour per label, so a glance shows what was kept (green) and what was dropped.
LABEL_STYLES: dict[Label, str] = {
    Label.TITLE: "bold bright_green",
    Label.BODY: "green",
    Label.BYLINE: "cyan",
    Label.MENU: "blue",
    Label.TRENDING: "magenta",
    Label.RELATED: "bright_magenta",
    Label.SHARE: "bright_blue",
    Label.BIO: "yellow",
    Label.COMMENTS: "bright_yellow",
    Label.PROMO: "red",
    Label.FOOTER: "bright_black",
    Label.MARKUP: "bright_red",
    Label.OTHER: "white",
}


def explain_command(
    path: Annotated[Path, typer.Argument(help="A page (HTML or text dump, .gz too).",
                                         show_default=False)],
    extractor: Annotated[str, typer.Option(
        "--extractor", "-e", help=EXTRACTOR_HELP, callback=check_extractor,
    )] = "auto",
    input_type: Annotated[str, typer.Option(
        "--input-type", help="auto (sniff), text or html.",
    )] = "auto",
    width: Annotated[int, typer.Option(help="Characters of each block's text to show.")] = 100,
) -> None:
    """Show every block of a page with its label and the reason, coloured by label."""
    if input_type not in ("auto", "text", "html"):
        raise typer.BadParameter("choose auto, text or html", param_hint="--input-type")
    options = Options(extractor=extractor, input_type=input_type)  # type: ignore[arg-type]
    try:
        result = clean_document(read_document(path, options.max_bytes), options,
                                source=str(path))
    except (CleanerError, OSError) as error:
        print_error(f"{path}: {error}")
        raise typer.Exit(1) from None
    console = stdout_console()
    console.print(f"{path}: {result.input_type}, extractor {result.extractor}, "
                  f"title: {result.title!r}")
    for item in result.blocks:
        block = item.block
        where = (f"{block.start_line:>5}" if block.start_line == block.end_line
                 else f"{block.start_line}-{block.end_line}") if block.start_line else ""
        text = block.rendered().replace("\n", " ")
        if len(text) > width:
            text = text[: width - 1] + "…"
        line = Text(f"{where:>9} ")
        line.append(f"{item.label.value:<9}", style=LABEL_STYLES[item.label])
        line.append(f" {text}")
        line.append(f"  ← {item.reason}", style="dim")
        console.print(line, soft_wrap=True)
