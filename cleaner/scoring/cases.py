"""Load scoring cases from a fixtures folder or a benchmark folder (laid out like bench/aeb-dev).

A fixtures folder holds one sub-folder per case: ``input.txt`` and/or ``input.html``, the gold
body ``expected.txt``, and optionally ``labels.txt`` (per-line gold labels of ``input.txt``, see
gold_labels) and ``meta.json`` (``title``, ``origin``, ``licence``...).

A benchmark folder holds ``gold.jsonl`` and the pages under ``html/ID.html.gz``,
``text-w3m/ID.txt`` and ``text-lynx/ID.txt``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cleaner.decode import decode
from cleaner.errors import InputError
from cleaner.labels import Label
from cleaner.reading import input_type_from_name, read_document
from cleaner.scoring.gold_labels import read_labels
from cleaner.scoring.metadata_score import FIELDS
from cleaner.sniff import sniff_input_type

#: Input forms of a benchmark folder: the sub-folder and file name pattern of each.
BENCH_FORMS: dict[str, tuple[str, str]] = {
    "html": ("html", "{id}.html.gz"),
    "w3m": ("text-w3m", "{id}.txt"),
    "lynx": ("text-lynx", "{id}.txt"),
}
FIXTURE_INPUTS: dict[str, str] = {"text": "input.txt", "html": "input.html"}
Form = Literal["text", "html", "w3m", "lynx"]


class CaseError(ValueError):
    """A fixture or benchmark folder that is not laid out as expected."""


@dataclass(frozen=True, slots=True)
class Case:
    """One page to score in one input form, with its gold."""

    id: str
    form: str
    input_path: Path
    gold_body: str
    #: Gold label per input line (None for blank lines), when the case has them.
    gold_labels: tuple[Label | None, ...] | None = None
    gold_title: str | None = None
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    kind: str | None = None
    #: The gold body as Markdown, for the structure score (None where the case has none).
    gold_markdown: str | None = None
    #: Gold title, author and date of a benchmark page (a field None: the page names none;
    #: missing: not known), for the metadata score.
    gold_meta: dict[str, str | None] | None = None

    @property
    def key(self) -> str:
        """Stable name of the case in one form, as floors and reports use it."""
        return f"{self.id}/{self.form}"

    @property
    def input_kind(self) -> Literal["text", "html"]:
        return "html" if self.form == "html" else "text"

    def read_input(self) -> bytes:
        return read_document(self.input_path, None)


def is_bench_folder(folder: Path) -> bool:
    return (folder / "gold.jsonl").is_file()


def load_cases(folder: Path, forms: tuple[str, ...] | None = None) -> list[Case]:
    """Cases of a fixtures or benchmark folder; ``forms`` picks input forms (default: all/html)."""
    if not folder.is_dir():
        raise CaseError(f"{folder}: not a folder")
    if is_bench_folder(folder):
        return list(_bench_cases(folder, forms or ("html",)))
    cases = list(_fixture_cases(folder, forms or tuple(FIXTURE_INPUTS)))
    if not cases:
        raise CaseError(f"{folder}: no fixture folders (with input.txt or input.html) found")
    return cases


def page_case(page: Path, gold: Path, form: str | None = None, name: str | None = None,
              ) -> Case:
    """One page scored against its gold body (a text file): the form is ``form`` ("text" or
    "html"), else what the page's name says, else what its content sniffs as. ``name`` is
    how messages and the report call the page (default: its path)."""
    name = name or str(page)
    try:
        gold_body = gold.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else error
        raise CaseError(f"{gold}: cannot read the gold body: {reason}") from None
    if form is None:
        form = input_type_from_name(page.name)
    if form is None:
        try:
            form = sniff_input_type(decode(read_document(page, None)).text)
        except OSError as error:
            raise CaseError(f"{name}: {error.strerror or error}") from None
        except InputError as error:
            raise CaseError(f"{name}: {error}") from None
    return Case(id=Path(name).name, form=form, input_path=page, gold_body=gold_body)


def fixture_dirs(folder: Path) -> list[Path]:
    """Case folders under a fixtures folder, sorted: any folder holding an input file."""
    return sorted(
        {path.parent for name in FIXTURE_INPUTS.values() for path in folder.rglob(name)
         if path.is_file()}
    )


def _fixture_cases(folder: Path, forms: tuple[str, ...]) -> Iterator[Case]:
    for case_dir in fixture_dirs(folder):
        case_id = case_dir.relative_to(folder).as_posix()
        expected = case_dir / "expected.txt"
        if not expected.is_file():
            raise CaseError(f"{case_dir}: missing expected.txt (the gold body)")
        gold_body = expected.read_text(encoding="utf-8")
        expected_markdown = case_dir / "expected.md"
        gold_markdown = (expected_markdown.read_text(encoding="utf-8")
                         if expected_markdown.is_file() else None)
        meta = _read_meta(case_dir)
        for form in forms:
            form = "text" if form in ("w3m", "lynx") else form
            input_path = case_dir / FIXTURE_INPUTS[form]
            if not input_path.is_file():
                continue
            labels = None
            labels_path = case_dir / "labels.txt"
            if form == "text" and labels_path.is_file():
                labels = tuple(
                    read_labels(
                        labels_path.read_text(encoding="utf-8"),
                        input_path.read_text(encoding="utf-8"),
                        name=str(labels_path),
                    )
                )
            yield Case(
                id=case_id,
                form=form,
                input_path=input_path,
                gold_body=gold_body,
                gold_labels=labels,
                gold_title=meta.get("title") or _title_from_labels(input_path, labels),
                kind=meta.get("kind"),
                gold_markdown=gold_markdown,
            )


def _read_meta(case_dir: Path) -> dict:
    path = case_dir / "meta.json"
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise CaseError(f"{path}: invalid JSON: {error}") from None


def _title_from_labels(input_path: Path, labels: tuple[Label | None, ...] | None) -> str | None:
    if not labels or Label.TITLE not in labels:
        return None
    lines = input_path.read_text(encoding="utf-8").splitlines()
    return " ".join(
        lines[i].strip() for i, label in enumerate(labels) if label is Label.TITLE
    )


def gold_records(folder: Path) -> Iterator[tuple[int, dict]]:
    """(line number, record) of each entry of a benchmark folder's gold.jsonl."""
    gold = folder / "gold.jsonl"
    if not gold.is_file():
        raise CaseError(f"{folder}: no gold.jsonl (not a benchmark folder)")
    with gold.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                raise CaseError(f"{gold}:{number}: invalid JSON: {error}") from None


def _bench_cases(folder: Path, forms: tuple[str, ...]) -> Iterator[Case]:
    for form in forms:
        if form not in BENCH_FORMS:
            raise CaseError(f"unknown input form {form!r}; choose one of {', '.join(BENCH_FORMS)}")
    for number, record in gold_records(folder):
        for form in forms:
            subfolder, pattern = BENCH_FORMS[form]
            path = folder / subfolder / pattern.format(id=record["id"])
            if not path.is_file():
                raise CaseError(f"{path}: missing (listed in gold.jsonl line {number})")
            yield Case(
                id=record["id"],
                form=form,
                input_path=path,
                gold_body=record.get("body") or "",
                with_snippets=tuple(record.get("with") or ()),
                without_snippets=tuple(record.get("without") or ()),
                kind=record.get("kind"),
                gold_markdown=record.get("markdown") or None,
                gold_meta={field: record[field] for field in FIELDS if field in record} or None,
            )
