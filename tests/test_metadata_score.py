"""The metadata score: title, author and date agreeing with a benchmark's gold."""

from cleaner.scoring.metadata_score import field_agreement, metadata_score


def test_fields_agree_when_equal_aside_from_case_space_and_by():
    gold = {"title": "River Towns  Vote", "author": "Ana Ruiz", "date": "2025-09-04"}
    found = {"title": "river towns vote", "author": "By Ana Ruiz",
             "date": "2025-09-04T10:00:00Z"}
    assert field_agreement(gold, found) == {"title": True, "author": True, "date": True}


def test_an_absent_field_agrees_only_with_absence():
    gold = {"title": "Vote", "author": None, "date": None}
    assert field_agreement(gold, {"title": "Vote", "author": "Desk", "date": None}) == {
        "title": True, "author": False, "date": True}


def test_only_the_fields_the_gold_record_has_are_scored():
    assert field_agreement({"title": "Vote"}, {"title": "Other", "author": "X"}) == {
        "title": False}


def test_agreement_is_the_share_of_pages_per_field():
    score = metadata_score([{"title": True, "date": False}, {"title": False}])
    assert score.agreement == {"title": 0.5, "author": None, "date": 0.0}
    assert score.pages == {"title": 2, "author": 0, "date": 1}
    assert score.figures() == {"title_agreement": 0.5, "date_agreement": 0.0}
