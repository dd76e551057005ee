"""Print scoring results as tables (rich), and as a JSON document for machines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cleaner.labels import ALL_LABELS
from cleaner.scoring.evaluate import CaseScore, Totals, grouped_totals, totals
from cleaner.scoring.gate import Finding
from cleaner.scoring.metadata_score import FIELDS
from cleaner.scoring.structure_score import ELEMENTS, StructureScore


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _title_mark(value: bool | None) -> str:
    return {None: "-", True: "yes", False: "NO"}[value]


def case_table(scores: Sequence[CaseScore], extractor: str) -> Table:
    table = Table(title=f"cases ({extractor})", title_justify="left")
    for column in ("case", "form", "kind", "P", "R", "F1", "word F1", "lines", "title", "≡text",
                   "ms", "note"):
        table.add_column(column, justify="left" if column in ("case", "form", "kind", "note")
                         else "right")
    for score in scores:
        table.add_row(
            score.case.id,
            score.case.form,
            score.case.kind or "-",
            _figure(score.overlap.precision),
            _figure(score.overlap.recall),
            _figure(score.overlap.f1),
            _figure(score.words.f1),
            _figure(score.line_accuracy),
            _title_mark(score.title_ok),
            _figure(score.form_agreement),
            f"{score.seconds * 1000:.1f}",
            score.error or "",
        )
    return table


def totals_table(groups: dict[str, Totals], extractor: str) -> Table:
    """One row per group. P, R, F1: shingles (aeb); word P, R, F1, with, without: WCXB's word
    bag and snippet rates; "≡text" is how far HTML outputs agree with the same pages' text
    dump outputs (body F1 of one against the other), where a case has both forms."""
    table = Table(title=f"totals ({extractor})", title_justify="left")
    for column in ("set", "pages", "P", "R", "F1", "word P", "word R", "word F1", "with",
                   "without", "lines", "titles", "≡text", "failed", "ms/page"):
        table.add_column(column, justify="left" if column == "set" else "right")
    for name, group in groups.items():
        pages = group.body.pages
        table.add_row(
            name,
            str(pages),
            _figure(group.body.precision),
            _figure(group.body.recall),
            _figure(group.body.f1),
            _figure(group.words.precision),
            _figure(group.words.recall),
            _figure(group.words.f1),
            _figure(group.with_rate),
            _figure(group.without_rate),
            _figure(group.line_accuracy),
            f"{group.titles_ok}/{group.titles_total}" if group.titles_total else "-",
            _figure(group.form_agreement),
            str(group.failures),
            f"{group.seconds * 1000 / pages:.1f}" if pages else "-",
        )
    return table


def confusion_table(group: Totals) -> Table | None:
    """Rows: gold label; columns: predicted label; only labels that occur."""
    if not group.confusion:
        return None
    used = [label for label in ALL_LABELS
            if any(label in pair for pair in group.confusion)]
    table = Table(title="per-line confusion (rows gold, columns predicted)", title_justify="left")
    table.add_column("gold \\ predicted")
    for label in used:
        table.add_column(label.value[:8], justify="right")
    for gold in used:
        row = [group.confusion.get((gold, guess), 0) for guess in used]
        if any(row):
            table.add_row(gold.value, *(str(count) if count else "." for count in row))
    return table


def structure_table(groups: dict[str, Totals], extractor: str) -> Table | None:
    """Per group with gold Markdown: recall and precision of each structural element, the
    extractor's Markdown beside trafilatura's own (HTML cases) from the same run."""
    rows = _beside_trafilatura(groups, extractor, "structure")
    if not rows:
        return None
    table = Table(title="structure against the gold Markdown (recall / precision, pages)",
                  title_justify="left")
    for column in ("set", "output", *ELEMENTS):
        table.add_column(column.replace("_", " "),
                         justify="left" if column in ("set", "output") else "right")
    for name, who, score in rows:
        table.add_row(name, who, *(_element_cell(score, element) for element in ELEMENTS))
    return table


def metadata_table(groups: dict[str, Totals], extractor: str) -> Table | None:
    """Per group with gold metadata: the share of pages whose title, author and date agree
    with the gold, the extractor's beside trafilatura's extract_metadata (HTML cases)."""
    rows = _beside_trafilatura(groups, extractor, "metadata")
    if not rows:
        return None
    table = Table(title="metadata agreeing with the gold (share of pages)", title_justify="left")
    for column in ("set", "output", *FIELDS, "pages"):
        table.add_column(column, justify="left" if column in ("set", "output") else "right")
    for name, who, score in rows:
        table.add_row(name, who, *(_figure(score.agreement[field]) for field in FIELDS),
                      str(max(score.pages.values())))
    return table


def _beside_trafilatura(groups: dict[str, Totals], extractor: str, figure: str,
                        ) -> list[tuple[str, str, Any]]:
    """(group, who, score) rows of a figure ("structure", "metadata") that exists: the
    extractor's, then trafilatura's, per group."""
    return [(name, who, score) for name, group in groups.items()
            for who, score in ((extractor, getattr(group, figure)),
                               ("trafilatura", getattr(group, f"trafilatura_{figure}")))
            if score is not None]


def _element_cell(score: StructureScore, element: str) -> str:
    return (f"{_figure(score.recall[element])} / {_figure(score.precision[element])}"
            f" ({score.recall_pages[element]})")


def print_report(
    console: Console, scores: Sequence[CaseScore], extractor: str, show_cases: bool
) -> None:
    if show_cases:
        console.print(case_table(scores, extractor))
    groups = grouped_totals(scores)
    if len({score.case.form for score in scores}) == 1:  # one form: its row is "all"
        groups.pop("all")
    console.print(totals_table(groups, extractor))
    for extra in (structure_table(groups, extractor), metadata_table(groups, extractor)):
        if extra is not None:
            console.print(extra)
    overall = totals(scores)
    confusion = confusion_table(overall)
    if confusion is not None:
        console.print(confusion)


def print_findings(console: Console, findings: Sequence[Finding], heading: str) -> None:
    console.print(Text(heading, style="bold"), soft_wrap=True)
    for finding in findings:
        console.print(f"  {finding.where}: {finding.message}", soft_wrap=True)


def report_json(scores: Sequence[CaseScore], extractor: str, target: str) -> dict[str, Any]:
    """Everything the tables show, for machines."""
    groups = grouped_totals(scores)
    return {
        "extractor": extractor,
        "target": target,
        "cases": [
            {
                "case": score.case.id,
                "form": score.case.form,
                "kind": score.case.kind,
                **{name: round(value, 6) for name, value in score.figures().items()},
                "title_ok": score.title_ok,
                "form_agreement": score.form_agreement,
                "with_found": score.with_found,
                "with_total": len(score.case.with_snippets),
                "without_found": score.without_found,
                "without_total": len(score.case.without_snippets),
                "seconds": round(score.seconds, 6),
                "error": score.error,
            }
            for score in scores
        ],
        "totals": {
            name: {
                **{metric: round(value, 6) for metric, value in group.figures().items()},
                "pages": group.body.pages,
                "failures": group.failures,
                "titles_ok": group.titles_ok,
                "titles_total": group.titles_total,
                **{name: {metric: round(value, 6) for metric, value in score.figures().items()}
                   for name, score in (("trafilatura_structure", group.trafilatura_structure),
                                       ("trafilatura_metadata", group.trafilatura_metadata))
                   if score is not None},
            }
            for name, group in groups.items()
        },
        "confusion": [
            {"gold": gold.value, "predicted": guess.value, "lines": count}
            for (gold, guess), count in sorted(totals(scores).confusion.items())
        ],
    }
