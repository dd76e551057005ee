"""The same page as HTML and as its w3m dump gets the same labels and the same body (issue 4).

The case is ``fixtures/written/harbour-ferry``: a small page written for this test, with its
w3m dump beside it. The gate pins the same agreement on every fixture with both forms
(``form_agreement`` in fixtures/floors.json); this test says it block by block.
"""

from __future__ import annotations

import pytest
from conftest import REPO

from cleaner import clean
from cleaner.labels import Label
from cleaner.scoring.cases import Case
from cleaner.scoring.evaluate import CaseScore, grouped_totals, with_form_agreement
from cleaner.scoring.metrics import shingle_overlap

CASE = REPO / "fixtures" / "written" / "harbour-ferry"


def _both_forms(extractor_for_html: str):
    html = clean((CASE / "input.html").read_bytes(), extractor=extractor_for_html,
                 input_type="html")
    text = clean((CASE / "input.txt").read_bytes(), extractor="heuristic", input_type="text")
    return html, text


def test_heuristic_labels_every_block_alike_in_both_forms():
    html, text = _both_forms("heuristic")
    as_html = [(item.label, " ".join(item.block.text.split())) for item in html.blocks]
    as_text = [(item.label, " ".join(item.block.text.split())) for item in text.blocks]
    assert as_html == as_text
    assert {label for label, _ in as_html} >= {
        Label.MENU, Label.TITLE, Label.BYLINE, Label.SHARE, Label.BODY, Label.TRENDING,
        Label.COMMENTS, Label.FOOTER}


def test_heuristic_body_and_title_are_the_same_in_both_forms():
    html, text = _both_forms("heuristic")
    assert html.text == text.text
    assert html.title == text.title == "Harbour ferry returns after winter repairs"


def test_default_html_extractor_agrees_with_the_text_dump():
    # The ensemble keeps the headline as body when trafilatura does (measured neutral on the
    # dev sets either way), so the bodies agree to within that one line.
    html, text = _both_forms("auto")
    assert shingle_overlap(text.text, html.text).f1 >= 0.95
    assert html.text.endswith(text.text)
    assert html.title == text.title


def _score(case_id: str, form: str, output: str) -> CaseScore:
    case = Case(id=case_id, form=form, input_path=CASE / "input.txt", gold_body="")
    return CaseScore(case=case, overlap=shingle_overlap("", output), output=output)


def test_form_agreement_is_set_on_the_html_score_of_cases_with_both_forms():
    body = "one two three four five six seven eight"
    scores = with_form_agreement([
        _score("group/a", "text", body),
        _score("group/a", "html", body + " nine ten eleven twelve"),
        _score("group/b", "html", body),  # no text form: nothing to agree with
    ])
    assert [s.form_agreement for s in scores][0] is None
    assert 0.6 < scores[1].form_agreement < 1.0
    assert scores[2].form_agreement is None
    groups = grouped_totals(scores)
    assert set(groups) == {"html", "text", "group/html", "group/text", "all"}
    assert groups["group/html"].form_agreement == pytest.approx(scores[1].form_agreement)
