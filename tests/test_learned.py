"""The learned extractor with the shipped models: body and not-body on small written pages,
the favor setting, the page kind, the model file's checks, and explain's features."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from helpers import run_cli

pytest.importorskip("lightgbm")  # the learned extra (in dev)

from cleaner import Label, clean  # noqa: E402
from cleaner.learned.model import (  # noqa: E402
    MODEL_DIR,
    BodyThresholds,
    ModelError,
    model_path,
    read_model,
    shipped_model,
)
from cleaner.learned.page_features import KINDS  # noqa: E402
from cleaner.options import Options  # noqa: E402
from cleaner.pipeline import clean_document  # noqa: E402

PARAGRAPHS = [
    "The council voted on Monday to repair the harbour ferry before the winter storms "
    "arrive, after engineers found corrosion in two of the hull plates last month.",
    "Repairs will take six weeks, during which a replacement boat will run a reduced "
    "timetable between the harbour and the island, the council said in a statement.",
    "Residents who depend on the crossing said they welcomed the decision but worried about "
    "the reduced service, since many of them commute to the mainland every day for work.",
]
MENU = ["Home", "News", "Sport", "Weather", "Contact us"]
HTML = (
    "<html><head><title>Ferry repairs approved</title></head><body>"
    "<nav><ul>" + "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in MENU) + "</ul></nav>"
    "<main><article><h1>Ferry repairs approved</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article></main>"
    "<footer><p>© 2026 Harbour News. All rights reserved.</p>"
    "<p><a href='/privacy'>Privacy</a> <a href='/terms'>Terms</a></p></footer>"
    "</body></html>"
)
DUMP = "\n".join([*MENU, "", "Ferry repairs approved", "", *(p + "\n" for p in PARAGRAPHS),
                  "© 2026 Harbour News. All rights reserved.", "Privacy | Terms"])


@pytest.mark.parametrize("document", [HTML, DUMP], ids=["html", "text dump"])
def test_keeps_the_article_and_drops_the_menu_and_footer(document: str):
    result = clean(document, extractor="learned")
    assert result.extractor == "learned"
    for paragraph in PARAGRAPHS:
        assert paragraph in result.text
    for word in ("Weather", "Contact us", "All rights reserved"):
        assert word not in result.text
    reasons = [item.reason for item in result.blocks]
    assert all(reason.startswith("learned: ") or "stands over the learned model" in reason
               for reason in reasons), reasons
    dropped = [item for item in result.blocks if item.block.text == "Weather"]
    assert dropped and dropped[0].label is not Label.BODY  # keeps the heuristic's category


def test_the_headline_is_the_title_never_body_text():
    result = clean(HTML, extractor="learned")
    assert result.title == "Ferry repairs approved"
    assert result.text.startswith(PARAGRAPHS[0])
    headline = [item for item in result.blocks if item.block.text == "Ferry repairs approved"]
    assert headline[0].label is Label.TITLE
    with_title = clean_document(HTML, Options(extractor="learned", include_title=True))
    assert with_title.text.startswith("Ferry repairs approved\n\n" + PARAGRAPHS[0])


def test_the_page_kind_is_in_the_result_and_its_record():
    result = clean(HTML, extractor="learned")
    assert result.page_kind is not None
    assert result.page_kind.kind in KINDS and 0 < result.page_kind.confidence <= 1
    assert result.to_dict()["page_kind"] == result.page_kind.to_dict()
    assert clean(HTML, extractor="ensemble").page_kind is None


def test_precision_keeps_no_more_than_balanced_and_recall_no_less():
    bodies = {}
    for favor in ("precision", "balanced", "recall"):
        result = clean(HTML, extractor="learned", favor=favor)
        bodies[favor] = {i for i, item in enumerate(result.blocks) if item.label is Label.BODY}
    assert bodies["precision"] <= bodies["balanced"] <= bodies["recall"]


def test_the_shipped_thresholds_are_ordered_for_every_kind_mix():
    for form in ("html", "text"):
        thresholds = shipped_model(form).thresholds
        for article in (0.0, 0.3, 1.0):
            mix = [article if kind == "article" else (1 - article) / 6 for kind in KINDS]
            assert (thresholds["precision"].at(mix) > thresholds["balanced"].at(mix)
                    > thresholds["recall"].at(mix))
    assert BodyThresholds(0.6, 0.2).at([1.0, 0, 0, 0, 0, 0, 0]) == pytest.approx(0.6)


def test_favor_must_be_one_of_three():
    with pytest.raises(ValueError, match="favor must be one of"):
        Options(favor="most")  # type: ignore[arg-type]


def test_shipped_models_are_small_and_record_their_training():
    for form in ("html", "text"):
        path = model_path(form)
        assert path.parent == MODEL_DIR and path.stat().st_size <= 5_000_000
        record = shipped_model(form).record
        trained_on = record["trained_on"]
        assert {entry["set"] for entry in trained_on["sets"]} == {"aeb-dev", "wcxb-dev"}
        assert trained_on["settings"]["folds"] == 5
        assert any(row["group"].startswith("wcxb-dev") for row in trained_on["groups"])


def _rewritten(tmp_path: Path, change) -> Path:
    document = json.loads(gzip.decompress(model_path("html").read_bytes()))
    change(document)
    path = tmp_path / "model.json.gz"
    path.write_bytes(gzip.compress(json.dumps(document).encode()))
    return path


def test_a_model_for_other_features_or_format_is_refused_naming_the_file(tmp_path: Path):
    def other_columns(document):
        document["record"]["block_columns"] = document["record"]["block_columns"][:-1]

    def other_format(document):
        document["format"] = 99

    for change, message in ((other_columns, "other features"), (other_format, "format 99")):
        path = _rewritten(tmp_path, change)
        with pytest.raises(ModelError, match=message) as raised:
            read_model(path, "html")
        assert str(path) in str(raised.value)
    (tmp_path / "broken.json.gz").write_bytes(b"not gzip")
    with pytest.raises(ModelError, match="not a readable model file"):
        read_model(tmp_path / "broken.json.gz", "html")


def test_explain_shows_probabilities_kind_and_deciding_features(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(HTML)
    done = run_cli("explain", str(page), "-e", "learned", "--features", "2")
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    assert "page kind " in out.splitlines()[0]
    assert "learned: body, p " in out and "    features: " in out
    assert "page kind " in run_cli("explain", str(page), "--features", "2").stdout.decode()
    refused = run_cli("explain", str(page), "-e", "ensemble", "--features", "2")
    assert refused.returncode == 2 and "-e learned" in refused.stderr.decode()


def test_clean_cli_records_favor_and_refuses_a_resume_with_another(tmp_path: Path):
    page = tmp_path / "in" / "page.html"
    page.parent.mkdir()
    page.write_text(HTML)
    out = tmp_path / "out"
    first = run_cli("clean", str(page.parent), "-o", str(out), "-e", "learned", "--favor",
                    "recall", "-q")
    assert first.returncode == 0, first.stderr.decode()
    assert json.loads((out / "cleaner-run.json").read_text())["favor"] == "recall"
    again = run_cli("clean", str(page.parent), "-o", str(out), "-e", "learned", "-q")
    assert again.returncode != 0 and '--favor "recall" (now "balanced")' in again.stderr.decode()
    wrong = run_cli("clean", str(page), "--favor", "most")
    assert wrong.returncode == 2 and "--favor" in wrong.stderr.decode()


def test_an_extractor_whose_extra_is_missing_is_refused_with_the_install_command():
    from dataclasses import replace

    from cleaner.extractors import REGISTRY

    assert REGISTRY["learned"].installed
    missing = replace(REGISTRY["learned"], requires=("no_such_module_for_cleaner",))
    assert not missing.installed and REGISTRY["heuristic"].installed


def test_auto_runs_the_learned_extractor_on_html_and_the_heuristic_on_dumps():
    result = clean(HTML)
    assert result.extractor == "learned" and result.page_kind is not None
    assert "Copyright" not in result.text
    assert clean("A text dump.\n\nWith two paragraphs of words in it.\n").extractor == "heuristic"


def test_auto_falls_back_to_the_ensemble_where_the_learned_extra_is_missing(monkeypatch):
    import cleaner.extractors as extractors

    monkeypatch.setattr(extractors, "_installed", lambda modules: "lightgbm" not in modules)
    assert extractors.auto_extractor("html") == "ensemble"
    assert clean(HTML).extractor == "ensemble"


def test_a_run_record_says_what_auto_ran_so_a_resume_notices_a_change(monkeypatch):
    import cleaner.extractors as extractors
    from cleaner.batch.run_record import RunSettings

    settings = RunSettings.current("auto", "json", "auto", False, None)
    assert settings.extractor == "auto (html: learned, text: heuristic)"
    monkeypatch.setattr(extractors, "_installed", lambda modules: "lightgbm" not in modules)
    without = RunSettings.current("auto", "json", "auto", False, None)
    assert settings.differences(without) == [
        '--extractor "auto (html: ensemble, text: heuristic)" '
        '(now "auto (html: learned, text: heuristic)")']
    assert RunSettings.current("heuristic", "json", "auto", False, None).extractor == "heuristic"
