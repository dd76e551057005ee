"""``cleaner explain FILE``: the page block by block, with its label and the rule behind it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from cleaner.blocks import Block
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
    print_error,
    stdout_console,
)
from cleaner.errors import CleanerError
from cleaner.labels import Label
from cleaner.options import FAVORS, Options
from cleaner.parse import parse_page
from cleaner.pipeline import clean_document, document_text
from cleaner.reading import options_for_file, read_document, read_stdin
from cleaner.result import Result

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
    path: Annotated[str, typer.Argument(
        metavar="PAGE", help="A page (HTML or text dump, .gz too), or - for stdin.",
        show_default=False)],
    extractor: Annotated[str, typer.Option(
        "--extractor", "-e", metavar=EXTRACTOR_METAVAR, help=EXTRACTOR_HELP,
        callback=check_extractor,
    )] = "auto",
    input_type: Annotated[str, typer.Option(
        "--input-type", metavar=INPUT_TYPE_METAVAR, help=INPUT_TYPE_HELP,
    )] = "auto",
    favor: Annotated[str, typer.Option(
        "--favor", metavar=FAVOR_METAVAR, help=FAVOR_HELP,
    )] = "balanced",
    url: Annotated[str | None, typer.Option(
        "--url", metavar="URL", help="The page's address (given to URL-aware extractors).",
        show_default=False,
    )] = None,
    width: Annotated[int, typer.Option(
        metavar="N", help="Characters of each block's text to show.")] = 100,
    features: Annotated[int, typer.Option(
        "--features", min=0, metavar="N",
        help="With the learned extractor: under each block, the N features that moved its "
        "probability most (+ toward body).")] = 0,
) -> None:
    """Show every block of a page with its label and the reason, coloured by label: its input
    lines for a text dump, its element path for HTML."""
    check_choice(input_type, INPUT_TYPES, "--input-type")
    check_choice(favor, FAVORS, "--favor")
    check_inputs([path], stdin=True, command="cleaner explain")
    options = Options(extractor=extractor, url=url, input_type=input_type,  # type: ignore[arg-type]
                      favor=favor)  # type: ignore[arg-type]
    try:
        if path == STDIN:
            data = read_stdin(options.max_bytes)
        else:
            options = options_for_file(options, Path(path))
            data = read_document(Path(path), options.max_bytes)
        result = clean_document(data, options, source=path)
    except (CleanerError, OSError) as error:
        reason = (error.strerror or error) if isinstance(error, OSError) else error
        print_error(f"{'<stdin>' if path == STDIN else path}: {reason}")
        raise typer.Exit(1) from None
    console = stdout_console()
    kind = (f", page kind {result.page_kind.kind} ({result.page_kind.confidence:.2f})"
            if result.page_kind else "")
    console.print(f"{path}: {result.input_type}, extractor {result.extractor}{kind}, "
                  f"title: {result.title!r}", soft_wrap=True)
    deciding = _deciding_features(data, options, result, features) if features else None
    for number, item in enumerate(result.blocks):
        block = item.block
        line = Text(f"{_lines(block):>9} " if block.dom is None else "")
        line.append(f"{item.label.value:<9}", style=LABEL_STYLES[item.label])
        line.append(f" {_shortened(block.rendered(), width)}")
        line.append(f"  ← {item.reason}", style="dim")
        if block.dom is not None:
            line.append(f"  @ {block.dom.path}", style="dim")
        console.print(line, soft_wrap=True)
        if deciding and number < len(deciding):
            console.print("    features: " + ", ".join(
                f"{name} {value:+.2f}" for name, value in deciding[number]), style="dim",
                soft_wrap=True)


def _deciding_features(data: bytes, options: Options, result: Result, top: int,
                       ) -> list[list[tuple[str, float]]] | None:
    """Per block, the learned model's ``top`` features (None when the page was not labelled
    by the model: another extractor, or a page it leaves to the heuristic)."""
    if result.extractor != "learned":
        print_error("--features shows the learned extractor's features: add -e learned")
        raise typer.Exit(2)
    from cleaner.extractors.learned import LearnedLabelling, label_page

    page = parse_page(document_text(data, options.max_bytes), result.input_type, options.url)
    labelling = label_page(page, options)
    if not isinstance(labelling, LearnedLabelling):
        return None
    return labelling.model.contributions(labelling.rows, labelling.kind_probabilities, top)


def _lines(block: Block) -> str:
    """The block's input lines (text dump)."""
    if block.start_line is None:
        return ""
    if block.start_line == block.end_line:
        return str(block.start_line)
    return f"{block.start_line}-{block.end_line}"


def _shortened(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"

