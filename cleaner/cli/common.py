"""Pieces the commands share: consoles that print text as written, usage errors, the checks
every command makes of its paths, and help that shows choices instead of Python types."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperArgument, TyperCommand

from cleaner.extractors import REGISTRY, extractor_names
from cleaner.options import FAVORS

#: Where the path arguments take standard input.
STDIN = "-"
#: Exit status of a usage error (as click gives for the errors it finds itself).
USAGE_ERROR = 2
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def _console(**options: Any) -> Console:
    """A console that prints text as written: no markup, emoji codes or highlighting are read
    into file names and messages (``report[bold].txt``, ``lxml[html-clean]`` stay whole)."""
    return Console(markup=False, emoji=False, highlight=False, **options)


def stderr_console() -> Console:
    """Where progress, errors and summaries go (stdout stays for data); lines are never
    hard-wrapped, so paths stay whole for grep and for logs."""
    return _console(stderr=True, soft_wrap=True)


def stdout_console() -> Console:
    """Where reports go; wide when redirected, so tables are not squeezed to 80 columns."""
    console = _console()
    return console if console.is_terminal else _console(width=160)


def print_error(message: str) -> None:
    """One error line on stderr: ``error: MESSAGE``."""
    stderr_console().print(Text.assemble(("error", "red"), f": {message}"))


def error_text(error: Exception) -> str:
    """An error's message without Python's decoration (``[Errno 2] ...``)."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    return str(error)


def usage_error(message: str) -> NoReturn:
    """Stop the command with a one-line message and the usage-error exit status."""
    print_error(message)
    raise typer.Exit(USAGE_ERROR)


def check_choice(value: str, choices: Sequence[str], option: str) -> str:
    """``value`` when it is one of ``choices``; a usage error naming them otherwise."""
    if value not in choices:
        usage_error(f"{option}: {value!r} is not one of {', '.join(choices)}")
    return value


def choices_metavar(choices: Iterable[str]) -> str:
    """How help shows an option's choices: ``[txt|json|jsonl]``."""
    return "[" + "|".join(choices) + "]"


def check_extractor(name: str) -> str:
    """Typer callback: refuse unknown extractor names with the list of valid ones, and one
    whose extra is not installed, saying how to install it."""
    if name not in extractor_names():
        usage_error(f"--extractor: unknown extractor {name!r}; choose one of "
                    f"{', '.join(extractor_names())}")
    spec = REGISTRY.get(name)
    if spec is not None and not spec.installed:
        usage_error(f"--extractor {name}: needs {', '.join(spec.requires)}, which this "
                    f"environment lacks: pip install 'cleaner[{name}]'")
    return name


def check_inputs(paths: Sequence[str], *, stdin: bool, command: str) -> None:
    """The same message and exit status in every command for an address (cleaner does not
    fetch) and for a path that does not exist; ``-`` is stdin where ``stdin`` allows it.
    ``command`` is how to pipe a page in (``cleaner clean``)."""
    for path in paths:
        if path == STDIN:
            if stdin:
                continue
            usage_error(f"- (stdin): {command} reads a file; give its path")
        if _URL.match(path):
            how = (f"pipe it in: curl -sL '{path}' | {command} -" if stdin
                   else "save it first: curl -sL -o page.html " + repr(path))
            usage_error(f"{path}: cleaner does not fetch pages; {how}")
        if not os.path.lexists(path):
            usage_error(f"{path}: no such file or directory")


def check_output_folder(out: str, what: str) -> Path:
    """``out`` as a folder to write into (it may not exist yet): a usage error when it, or a
    folder above it, is a file. ``what`` says what goes there, for the message."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        usage_error(f"-o {out} is a file; {what} into a directory: give -o DIR")
    check_parents(out)
    return path


def check_parents(out: str) -> None:
    """A usage error when a folder above ``out`` is a file (nothing could be written there)."""
    blocking = next((parent for parent in Path(out).parents if parent.exists()), None)
    if blocking is not None and not blocking.is_dir():
        usage_error(f"-o {out}: {blocking} is a file, not a directory")


EXTRACTOR_HELP = "Extractor ('auto': the best measured one for the input type)."
EXTRACTOR_METAVAR = choices_metavar(extractor_names())
FAVOR_HELP = ("The learned extractor's threshold: precision (keep less that is not body), "
              "balanced, or recall (lose less body).")
FAVOR_METAVAR = choices_metavar(FAVORS)
INPUT_TYPES = ("auto", "text", "html")
INPUT_TYPE_HELP = ("Input type: auto (by file name: .html/.htm and the like are HTML; else "
                   "sniffed from the content), text or html.")
INPUT_TYPE_METAVAR = choices_metavar(INPUT_TYPES)
#: The text-dump forms of a benchmark folder (score and bench --text).
TEXT_FORMS = ("w3m", "lynx")


class Command(TyperCommand):
    """A command whose help names each argument by its metavar alone (recent typer versions
    add the Python type, ``PATH... <list[str]>``); options set their metavars themselves."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument) and param.metavar:
                param.display_type_rich = _no_type  # type: ignore[method-assign]


def _no_type(ctx: object) -> None:
    return None
