"""``cleaner train BENCH_DIR... --cv K``: the learned labeller's figures by cross-validation
grouped by site, beside the heuristic's and trafilatura's choices of the same blocks."""

from __future__ import annotations

import json
from multiprocessing import Pool
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cleaner.cli.common import (
    TEXT_FORMS,
    check_choice,
    check_inputs,
    choices_metavar,
    print_error,
    stderr_console,
    stdout_console,
    usage_error,
)
from cleaner.errors import CleanerError
from cleaner.scoring.cases import Case, CaseError, gold_records, load_cases


def train_command(
    bench_dirs: Annotated[list[str], typer.Argument(
        metavar="BENCH_DIR...",
        help="Benchmark folders laid out like bench/wcxb-dev (gold.jsonl with url and, where "
        "given, kind; html/, text-w3m/, text-lynx/).",
        show_default=False,
    )],
    text: Annotated[list[str] | None, typer.Option(
        "--text", metavar=choices_metavar(TEXT_FORMS),
        help="Train on these text dumps instead of the HTML (repeat for both).",
        show_default=False,
    )] = None,
    cv: Annotated[int, typer.Option(
        "--cv", min=2, metavar="K", help="Folds of the cross-validation (grouped by site).",
    )] = 5,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, metavar="N", help="Processes that turn pages into rows.",
    )] = 2,
    limit: Annotated[int | None, typer.Option(
        min=1, metavar="N", help="Only the first N pages of each folder.", show_default=False,
    )] = None,
    json_path: Annotated[Path | None, typer.Option(
        "--json", metavar="FILE", help="Also write the figures to this JSON file.",
        show_default=False,
    )] = None,
    model_out: Annotated[Path | None, typer.Option(
        "--model", metavar="FILE",
        help="Then fit the model on every page and write it here, with a record of the data, "
        "settings and the cross-validated figures (the shipped ones: "
        "cleaner/learned/models/html.json.gz and text.json.gz).",
        show_default=False,
    )] = None,
) -> None:
    """Cross-validate the learned labeller (no site in both the part fitted and the part
    scored) and, with --model, build the model file. Needs the train extra
    (pip install '.[train]')."""
    forms = tuple(dict.fromkeys(text or ()))
    for form_name in forms:
        check_choice(form_name, TEXT_FORMS, "--text")
    check_inputs(bench_dirs, stdin=False, command="cleaner train")
    for option, path in (("--json", json_path), ("--model", model_out)):
        if path is not None and (path.is_dir() or not path.parent.is_dir()):
            usage_error(f"{option} {path}: not a file in an existing folder")
    try:
        from cleaner.learned.model import thresholds_record
        from cleaner.training import cross_validation, report, thresholds
    except ImportError as error:
        print_error(f"cleaner train needs the train extra ({error.name} is missing): "
                    "pip install '.[train]'")
        raise typer.Exit(2) from None
    forms = forms or ("html",)
    form = "+".join(forms)
    jobs_list = _jobs(bench_dirs, forms, limit)
    console = stderr_console()
    console.print(f"turning {len(jobs_list)} pages ({form}) into rows, {jobs} processes ...")
    pages, set_names = [], []
    with Pool(jobs) as pool:
        for done, (set_name, rows) in enumerate(pool.imap(_rows, jobs_list, chunksize=4), 1):
            if rows is not None:
                pages.append(rows)
                set_names.append(set_name)
            if done % 200 == 0:
                console.print(f"  {done}/{len(jobs_list)} pages")
    settings = cross_validation.TrainingSettings(folds=cv)
    validated = cross_validation.cross_validate(pages, settings, console.print)
    console.print("choosing thresholds out of fold ...")
    chosen = thresholds.choose_thresholds(pages, validated, settings)
    figures = report.page_figures(pages, set_names, validated, chosen)
    rows = report.summary(figures, has_trafilatura=forms == ("html",))
    favors = report.favor_summary(pages, set_names, validated, chosen, settings)
    lost = report.thrown_away(figures, has_trafilatura=forms == ("html",))
    accuracy, confusion = report.kind_confusion(pages, validated)
    out = stdout_console()
    out.print(_table(rows, f"word and shingle F1, {cv}-fold cross-validation grouped by site "
                           f"({form}, {len(pages)} pages)"))
    out.print(_favor_table(favors))
    if lost:
        out.print(_lost_table(lost))
    out.print(_confusion_table(confusion, accuracy))
    document = {"form": form, "pages": len(pages), "left_out": len(jobs_list) - len(pages),
                "sets": _set_record(bench_dirs, set_names), "settings": settings.record(),
                "thresholds": thresholds_record(chosen.shipped),
                "thresholds_per_fold": [thresholds_record(fold) for fold in chosen.per_fold],
                "groups": rows, "favor": favors, "thrown_away": lost,
                "kind_accuracy": round(accuracy, 4),
                "kind_confusion": confusion}
    if json_path is not None:
        json_path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    if model_out is not None:
        console.print("fitting the model on every page ...")
        from cleaner.training.model_file import build_model_file

        model_out.write_bytes(build_model_file(pages, settings, chosen.shipped, document))
        console.print(f"wrote {model_out} ({model_out.stat().st_size / 1e6:.1f} MB)")


def _set_record(bench_dirs: list[str], groups: list[str]) -> list[dict[str, object]]:
    """Each training set's name, pages used and gold file's SHA-256: what the model came from."""
    import hashlib

    record = []
    for name in bench_dirs:
        folder = Path(name).resolve()
        digest = hashlib.sha256((folder / "gold.jsonl").read_bytes()).hexdigest()
        pages = sum(1 for group in groups
                    if group == folder.name or group.startswith(folder.name + " "))
        record.append({"set": folder.name, "pages": pages, "gold_sha256": digest})
    return record


def _jobs(bench_dirs: list[str], forms: tuple[str, ...], limit: int | None,
          ) -> list[tuple[str, Case, str]]:
    """(report group: the set, and its form on dumps; case; page address) of every page."""
    found = []
    for name in bench_dirs:
        folder = Path(name)
        try:
            urls = {record["id"]: record.get("url") or record["id"]
                    for _, record in gold_records(folder)}
            cases = load_cases(folder, forms)
        except CaseError as error:
            usage_error(str(error))
        except KeyError:
            usage_error(f"{folder}/gold.jsonl: a record has no id")
        cases = cases[:limit] if limit else cases
        # Groups of the report: the set, and on dumps the set and form (w3m, lynx).
        found += [(folder.resolve().name if forms == ("html",)
                   else f"{folder.resolve().name} {case.form}", case, urls[case.id])
                  for case in cases]
    return found


def _rows(job: tuple[str, Case, str]):
    """A worker's task: the page's training rows (None for a page without blocks)."""
    from cleaner.training.dataset import page_rows

    set_name, case, url = job
    try:
        return set_name, page_rows(case, url)
    except (CleanerError, OSError) as error:  # reported, and the page left out
        stderr_console().print(f"{case.input_path}: left out: {error}", soft_wrap=True)
        return set_name, None


def _table(rows: list[dict], title: str) -> Table:
    """A row per group; a column per system, each cell "word F1 / shingle F1"."""
    from cleaner.training.report import SYSTEMS

    systems = [system for system in SYSTEMS if f"{system} word F1" in rows[0]]
    table = Table(title=title + "; each cell: word F1 / shingle F1", title_justify="left")
    table.add_column("group")
    table.add_column("pages", justify="right")
    for system in systems:
        table.add_column("learned (out of fold)" if system == "learned" else system,
                         justify="right")
    table.add_column("thrown away", justify="right")
    for row in rows:
        table.add_row(str(row["group"]), str(row["pages"]), *(
            f"{row[f'{system} word F1']:.3f} / {row[f'{system} shingle F1']:.3f}"
            for system in systems), str(row["thrown away"]))
    return table


def _favor_table(rows: list[dict]) -> Table:
    table = Table(title="the favor setting, out of fold: mean word precision / recall / F1",
                  title_justify="left")
    for column in ("set", "favor", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column in ("set", "favor") else "right")
    for row in rows:
        table.add_row(str(row["group"]), str(row["favor"]), f"{row['precision']:.3f}",
                      f"{row['recall']:.3f}", f"{row['f1']:.3f}")
    return table


def _lost_table(lost: list[dict]) -> Table:
    table = Table(title="pages thrown away (out of fold), worst first", title_justify="left")
    for column in lost[0]:
        table.add_column(column, justify="right" if "F1" in column else "left")
    for row in lost:
        table.add_row(*(f"{value:.3f}" if isinstance(value, float) else str(value)
                        for value in row.values()))
    return table


def _confusion_table(matrix: list[list[int]], accuracy: float) -> Table:
    from cleaner.learned.page_features import KINDS

    table = Table(title=f"page kinds out of fold (rows gold, columns predicted): accuracy "
                        f"{accuracy:.3f}", title_justify="left")
    table.add_column("gold \\ predicted")
    for kind in KINDS:
        table.add_column(kind[:8], justify="right")
    for kind, row in zip(KINDS, matrix, strict=True):
        table.add_row(kind, *(str(count) if count else "." for count in row))
    return table
