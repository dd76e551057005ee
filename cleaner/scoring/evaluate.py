"""Run one extractor over scoring cases and measure every case against its gold."""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from cleaner.decode import decode
from cleaner.errors import CleanerError, EmptyInputError
from cleaner.labels import Label
from cleaner.options import Options
from cleaner.parse import parse_page
from cleaner.pipeline import clean_document
from cleaner.result import Result
from cleaner.scoring.alignment import gold_body_blocks, kept_text
from cleaner.scoring.cases import Case
from cleaner.scoring.metadata_score import MetadataScore, field_agreement, metadata_score
from cleaner.scoring.metrics import (
    BodyScore,
    Overlap,
    WordOverlap,
    WordScore,
    body_score,
    mean_rate,
    shingle_overlap,
    snippet_rate,
    snippets_found,
    word_overlap,
    word_score,
)
from cleaner.scoring.structure_score import (
    ElementOverlap,
    StructureScore,
    structure_overlap,
    structure_score,
)

Confusion = Counter  # Counter[tuple[gold Label, predicted Label]]
#: Fewer cases than this are scored in this process whatever the jobs asked (starting
#: processes and loading models in each costs more than they save).
PARALLEL_FROM_CASES = 40
#: Cases a scoring process takes at a time.
SCORE_CHUNK = 4

#: Not an extractor: keep exactly the blocks the alignment with the gold calls body (what a
#: labeller that gets every block right would score; see scoring.alignment).
ALIGNED_GOLD = "aligned-gold"


@dataclass(frozen=True, slots=True)
class CaseScore:
    """How one extractor did on one case."""

    case: Case
    overlap: Overlap
    #: Word-bag figures (WCXB's metric).
    words: WordOverlap = WordOverlap(0.0, 0.0, 0.0)
    line_total: int = 0
    line_correct: int = 0
    confusion: Confusion = field(default_factory=Counter)
    title_ok: bool | None = None
    with_found: int = 0
    without_found: int = 0
    error: str | None = None
    seconds: float = 0.0
    #: The extractor's body text (what the figures compare with the gold).
    output: str = ""
    #: HTML form of a case that also has a text dump: how far the two outputs agree (body F1
    #: of one against the other); None otherwise.
    form_agreement: float | None = None
    #: Cases with gold Markdown: the output's structure against it, and (HTML) trafilatura's
    #: own Markdown's, for comparison in the same run.
    structure: dict[str, ElementOverlap] | None = None
    trafilatura_structure: dict[str, ElementOverlap] | None = None
    #: Benchmark pages with gold metadata: which of title, author, date agree with it, and
    #: (HTML) which of trafilatura's (extract_metadata) do.
    metadata: dict[str, bool] | None = None
    trafilatura_metadata: dict[str, bool] | None = None

    @property
    def line_accuracy(self) -> float | None:
        return self.line_correct / self.line_total if self.line_total else None

    @property
    def with_rate(self) -> float | None:
        """Share of the page's must-keep snippets in the output, as WCXB counts them."""
        return snippet_rate(self.case.with_snippets, self.output)

    @property
    def without_rate(self) -> float | None:
        """Share of the page's must-drop snippets in the output, as WCXB counts them."""
        return snippet_rate(self.case.without_snippets, self.output)

    def figures(self) -> dict[str, float]:
        """The figures a floor can be pinned on, by name."""
        figures = {
            "precision": self.overlap.precision,
            "recall": self.overlap.recall,
            "f1": self.overlap.f1,
            "word_precision": self.words.precision,
            "word_recall": self.words.recall,
            "word_f1": self.words.f1,
        }
        if self.line_accuracy is not None:
            figures["line_accuracy"] = self.line_accuracy
        if self.title_ok is not None:
            figures["title"] = float(self.title_ok)
        if self.form_agreement is not None:
            figures["form_agreement"] = self.form_agreement
        if self.structure is not None:
            figures.update(structure_score([self.structure]).figures())
        if self.metadata is not None:
            figures.update(metadata_score([self.metadata]).figures())
        return figures


@dataclass(frozen=True, slots=True)
class Totals:
    """Figures over a set of cases: benchmark-style body score, lines, titles, snippets."""

    body: BodyScore
    words: WordScore
    line_total: int
    line_correct: int
    confusion: Confusion
    titles_total: int
    titles_ok: int
    with_total: int
    with_found: int
    without_total: int
    without_found: int
    failures: int
    seconds: float
    #: Mean agreement of HTML and text outputs over the cases that have both forms.
    form_agreement: float | None = None
    #: WCXB's with/without rates: per-page shares of snippets found, averaged over the pages
    #: that have snippets (the snippet_* figures pool the snippets of all pages instead).
    with_rate: float | None = None
    without_rate: float | None = None
    #: Over the cases with gold Markdown (None when none has it).
    structure: StructureScore | None = None
    trafilatura_structure: StructureScore | None = None
    #: Over the cases with gold metadata (None when none has it).
    metadata: MetadataScore | None = None
    trafilatura_metadata: MetadataScore | None = None

    @property
    def line_accuracy(self) -> float | None:
        return self.line_correct / self.line_total if self.line_total else None

    @property
    def title_accuracy(self) -> float | None:
        return self.titles_ok / self.titles_total if self.titles_total else None

    @property
    def snippet_recall(self) -> float | None:
        """Share of must-keep snippets present in the output."""
        return self.with_found / self.with_total if self.with_total else None

    @property
    def snippet_precision(self) -> float | None:
        """Share of must-drop snippets absent from the output."""
        if not self.without_total:
            return None
        return 1 - self.without_found / self.without_total

    def figures(self) -> dict[str, float]:
        figures = {
            "precision": self.body.precision,
            "recall": self.body.recall,
            "f1": self.body.f1,
            "word_precision": self.words.precision,
            "word_recall": self.words.recall,
            "word_f1": self.words.f1,
        }
        optional = {
            "line_accuracy": self.line_accuracy,
            "title_accuracy": self.title_accuracy,
            "snippet_precision": self.snippet_precision,
            "snippet_recall": self.snippet_recall,
            "form_agreement": self.form_agreement,
            "with_rate": self.with_rate,
            "without_rate": self.without_rate,
        }
        figures.update({name: value for name, value in optional.items() if value is not None})
        if self.structure is not None:
            figures.update(self.structure.figures())
        if self.metadata is not None:
            figures.update(self.metadata.figures())
        return figures


def score_case(case: Case, extractor: str, beside_trafilatura: bool = False) -> CaseScore:
    """Clean the case's input with ``extractor`` and compare with its gold; never raises.
    ``beside_trafilatura``: also score trafilatura's own Markdown and metadata (HTML)."""
    started = time.perf_counter()
    if extractor == ALIGNED_GOLD:
        return _score_aligned_gold(case, started)
    try:
        result = clean_document(
            case.read_input(),
            Options(extractor=extractor, input_type=case.input_kind),
            source=str(case.input_path),
        )
    except (CleanerError, OSError) as error:
        return CaseScore(
            case, shingle_overlap(case.gold_body, ""), word_overlap(case.gold_body, ""),
            error=f"{type(error).__name__}: {error}", seconds=time.perf_counter() - started,
        )
    seconds = time.perf_counter() - started
    line_total, line_correct, confusion = _line_figures(case, result)
    reference = _trafilatura_reference(case) if beside_trafilatura else (None, None)
    return CaseScore(
        case=case,
        overlap=shingle_overlap(case.gold_body, result.text),
        words=word_overlap(case.gold_body, result.text),
        line_total=line_total,
        line_correct=line_correct,
        confusion=confusion,
        title_ok=_title_ok(case.gold_title, result.title),
        with_found=snippets_found(case.with_snippets, result.text),
        without_found=snippets_found(case.without_snippets, result.text),
        seconds=seconds,
        output=result.text,
        structure=(structure_overlap(case.gold_markdown, result.markdown)
                   if case.gold_markdown is not None else None),
        trafilatura_structure=reference[0],
        metadata=(field_agreement(case.gold_meta, {"title": result.title,
                                                   "author": result.author,
                                                   "date": result.date})
                  if case.gold_meta is not None else None),
        trafilatura_metadata=reference[1],
    )


def _trafilatura_reference(case: Case) -> tuple[dict[str, ElementOverlap] | None,
                                                dict[str, bool] | None]:
    """trafilatura's own Markdown (tables and formatting on) against the case's gold Markdown,
    and its metadata (extract_metadata) against the gold's; None where the case has no such
    gold, and both None for a text case."""
    if case.input_kind != "html" or (case.gold_markdown is None and case.gold_meta is None):
        return None, None
    import trafilatura  # slow to import; only the reference figures need it here

    try:
        html = decode(case.read_input()).text
    except (CleanerError, OSError):
        html = ""
    structure = metadata = None
    if case.gold_markdown is not None:
        try:
            output = trafilatura.extract(html, output_format="markdown", include_tables=True,
                                         include_formatting=True, include_comments=False) or ""
        except Exception:  # noqa: BLE001 - the reference's failure scores as an empty output
            output = ""
        structure = structure_overlap(case.gold_markdown, output)
    if case.gold_meta is not None:
        try:
            found = trafilatura.extract_metadata(html)
        except Exception:  # noqa: BLE001 - the reference's failure finds nothing
            found = None
        metadata = field_agreement(case.gold_meta, {
            field: getattr(found, field, None) for field in ("title", "author", "date")})
    return structure, metadata


def _score_aligned_gold(case: Case, started: float) -> CaseScore:
    """The case scored as if its output were exactly the blocks the gold holds."""
    try:
        text = decode(case.read_input()).text
        page = parse_page(text, case.input_kind)
        if not page.blocks:
            raise EmptyInputError("the document has no visible text")
    except (CleanerError, OSError) as error:
        return CaseScore(
            case, shingle_overlap(case.gold_body, ""), word_overlap(case.gold_body, ""),
            error=f"{type(error).__name__}: {error}", seconds=time.perf_counter() - started,
        )
    output = kept_text([block.text for block in page.blocks],
                       gold_body_blocks(page.blocks, case.gold_body))
    return CaseScore(
        case=case,
        overlap=shingle_overlap(case.gold_body, output),
        words=word_overlap(case.gold_body, output),
        with_found=snippets_found(case.with_snippets, output),
        without_found=snippets_found(case.without_snippets, output),
        seconds=time.perf_counter() - started,
        output=output,
    )


def score_cases(
    cases: Iterable[Case], extractor: str, progress: Callable[[Case], None] | None = None,
    beside_trafilatura: bool = False, jobs: int = 1,
) -> list[CaseScore]:
    """Score every case, in order (``progress`` is called after each), in ``jobs`` processes
    (each case's figures and time are its own, whichever process ran it), then how the HTML
    and text forms of each case that has both agree."""
    cases = list(cases)
    score = partial(score_case, extractor=extractor, beside_trafilatura=beside_trafilatura)
    scores = []
    if jobs > 1 and len(cases) >= PARALLEL_FROM_CASES:
        with multiprocessing.Pool(jobs) as pool:
            for case, scored in zip(cases, pool.imap(score, cases, chunksize=SCORE_CHUNK),
                                    strict=True):
                scores.append(scored)
                if progress:
                    progress(case)
    else:
        for case in cases:
            scores.append(score(case))
            if progress:
                progress(case)
    return with_form_agreement(scores)


def with_form_agreement(scores: Sequence[CaseScore]) -> list[CaseScore]:
    """``scores`` with ``form_agreement`` set on the HTML score of every case that was also
    scored as a text dump: the same page in two forms should come out (nearly) the same."""
    text_outputs = {s.case.id: s for s in scores if s.case.input_kind == "text" and not s.error}
    agreed = []
    for score in scores:
        text = text_outputs.get(score.case.id)
        if score.case.form == "html" and text is not None and not score.error:
            score = replace(score, form_agreement=shingle_overlap(text.output, score.output).f1)
        agreed.append(score)
    return agreed


def totals(scores: Sequence[CaseScore]) -> Totals:
    confusion: Confusion = Counter()
    for score in scores:
        confusion.update(score.confusion)
    titled = [s for s in scores if s.title_ok is not None]
    agreements = [s.form_agreement for s in scores if s.form_agreement is not None]
    return Totals(
        body=body_score([s.overlap for s in scores]),
        words=word_score([s.words for s in scores]),
        line_total=sum(s.line_total for s in scores),
        line_correct=sum(s.line_correct for s in scores),
        confusion=confusion,
        titles_total=len(titled),
        titles_ok=sum(1 for s in titled if s.title_ok),
        with_total=sum(len(s.case.with_snippets) for s in scores),
        with_found=sum(s.with_found for s in scores),
        without_total=sum(len(s.case.without_snippets) for s in scores),
        without_found=sum(s.without_found for s in scores),
        failures=sum(1 for s in scores if s.error),
        seconds=sum(s.seconds for s in scores),
        form_agreement=sum(agreements) / len(agreements) if agreements else None,
        with_rate=mean_rate(s.with_rate for s in scores),
        without_rate=mean_rate(s.without_rate for s in scores),
        structure=_structure_totals([s.structure for s in scores]),
        trafilatura_structure=_structure_totals([s.trafilatura_structure for s in scores]),
        metadata=_metadata_totals([s.metadata for s in scores]),
        trafilatura_metadata=_metadata_totals([s.trafilatura_metadata for s in scores]),
    )


def _metadata_totals(pages: Sequence[dict[str, bool] | None]) -> MetadataScore | None:
    scored = [page for page in pages if page is not None]
    return metadata_score(scored) if scored else None


def _structure_totals(pages: Sequence[dict[str, ElementOverlap] | None]) -> StructureScore | None:
    scored = [page for page in pages if page is not None]
    return structure_score(scored) if scored else None


def grouped_totals(scores: Sequence[CaseScore]) -> dict[str, Totals]:
    """Totals per input form, per group and form ("seed/text", "real-aeb/html": cases in a
    sub-folder of the fixtures), per form and kind of page ("html article": cases that have a
    kind), and over all cases as "all"."""
    groups: dict[str, list[CaseScore]] = {}
    for score in scores:
        groups.setdefault(score.case.form, []).append(score)
        folder, _, rest = score.case.id.partition("/")
        if rest:
            groups.setdefault(f"{folder}/{score.case.form}", []).append(score)
        if score.case.kind:
            groups.setdefault(f"{score.case.form} {score.case.kind}", []).append(score)
    figures = {name: totals(group) for name, group in sorted(groups.items())}
    figures["all"] = totals(scores)
    return figures


def predicted_line_labels(result: Result, line_count: int) -> list[Label | None]:
    """The label of the block covering each input line (None where no block does: blank lines)."""
    labels: list[Label | None] = [None] * line_count
    for item in result.blocks:
        block = item.block
        if block.start_line is None or block.end_line is None:
            continue
        for line in range(block.start_line, block.end_line + 1):
            labels[line - 1] = item.label
    return labels


def _line_figures(case: Case, result: Result) -> tuple[int, int, Confusion]:
    if case.gold_labels is None or result.input_type != "text":
        return 0, 0, Counter()
    predicted = predicted_line_labels(result, len(case.gold_labels))
    confusion: Confusion = Counter(
        (gold, guess or Label.OTHER)
        for gold, guess in zip(case.gold_labels, predicted, strict=True)
        if gold is not None
    )
    total = sum(confusion.values())
    correct = sum(count for (gold, guess), count in confusion.items() if gold is guess)
    return total, correct, confusion


def _title_ok(gold: str | None, found: str | None) -> bool | None:
    if gold is None:
        return None
    return " ".join((found or "").split()).casefold() == " ".join(gold.split()).casefold()
