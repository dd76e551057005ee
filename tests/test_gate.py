"""The floors logic: compare fails on drops beyond epsilon, update never lowers silently."""

from cleaner.scoring.gate import Measured, compare, update

FLOORS = {
    "version": 1,
    "epsilon": 0.01,
    "extractors": {
        "x": {
            "fingerprint": "fp1",
            "cases": {"a/text": {"f1": 0.80, "line_accuracy": 0.90}},
            "totals": {"all": {"f1": 0.80}},
        }
    },
}


def _measured(f1=0.80, lines=0.90, fingerprint="fp1", cases=("a/text",)):
    return Measured(
        fingerprint=fingerprint,
        cases={case: {"f1": f1, "line_accuracy": lines} for case in cases},
        totals={"all": {"f1": f1}},
    )


def test_equal_figures_pass():
    assert compare(FLOORS, "x", _measured()) == []


def test_drop_within_epsilon_passes_and_beyond_fails():
    assert compare(FLOORS, "x", _measured(f1=0.795)) == []
    findings = compare(FLOORS, "x", _measured(lines=0.85))
    assert [f.where for f in findings] == ["case a/text"]
    assert "line_accuracy 0.8500 is below its floor 0.9000" in findings[0].message


def test_changed_fixtures_fail_until_repinned():
    findings = compare(FLOORS, "x", _measured(fingerprint="fp2"))
    assert [f.where for f in findings] == ["fixtures"]


def test_unpinned_extractor_fails_with_a_hint():
    (finding,) = compare(FLOORS, "other", _measured())
    assert "--update" in finding.message


def test_removed_case_fails():
    findings = compare(FLOORS, "x", _measured(cases=("b/text",)))
    assert any("no longer scored" in f.message for f in findings)


def test_update_raises_floors_rounding_down():
    document, raised, regressions = update(FLOORS, "x", _measured(f1=0.876543))
    assert regressions == []
    assert document["extractors"]["x"]["cases"]["a/text"]["f1"] == 0.8765
    assert raised and FLOORS["extractors"]["x"]["cases"]["a/text"]["f1"] == 0.80  # input untouched


def test_update_keeps_floor_for_noise_and_reports_real_drops():
    document, _, regressions = update(FLOORS, "x", _measured(f1=0.795))
    assert regressions == [] and document["extractors"]["x"]["cases"]["a/text"]["f1"] == 0.80
    document, _, regressions = update(FLOORS, "x", _measured(f1=0.70))
    assert {f.where for f in regressions} == {"cases a/text", "totals all"}
    assert document["extractors"]["x"]["cases"]["a/text"]["f1"] == 0.70


def test_update_counts_a_dropped_case_as_a_regression():
    _, _, regressions = update(FLOORS, "x", _measured(cases=("b/text",)))
    assert any("no longer scored" in f.message for f in regressions)


def test_update_pins_a_new_extractor():
    document, raised, regressions = update(FLOORS, "new", _measured())
    assert regressions == [] and raised
    assert document["extractors"]["new"]["fingerprint"] == "fp1"
