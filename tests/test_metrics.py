"""The benchmark metric, on texts small enough to count by hand."""

import pytest

from cleaner.scoring.metrics import (
    Overlap,
    WordOverlap,
    body_score,
    mean_rate,
    shingle_overlap,
    shingles,
    snippet_rate,
    snippets_found,
    word_overlap,
    word_score,
)


def test_shingles_are_overlapping_four_token_windows():
    assert list(shingles("a b c d e")) == [("a", "b", "c", "d"), ("b", "c", "d", "e")]


def test_short_text_is_one_short_shingle_and_empty_is_none():
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles("…  ") == {}


def test_punctuation_is_not_a_token():
    assert shingles("a, b! c? d.") == shingles("a b c d")


def test_overlap_counts_multisets_and_normalises():
    overlap = shingle_overlap(gold="a b c d e", output="a b c d x")
    # gold: abcd bcde; output: abcd bcdx -> tp 1, fp 1, fn 1
    assert overlap == pytest.approx(Overlap(1 / 3, 1 / 3, 1 / 3))
    assert overlap.precision == pytest.approx(0.5)
    assert overlap.recall == pytest.approx(0.5)


def test_identical_texts_score_one_and_empty_output_scores_zero_recall():
    assert shingle_overlap("same text here now", "same text here now").f1 == 1.0
    empty = shingle_overlap("some gold body text", "")
    assert empty.recall == 0.0 and empty.tp + empty.fp == 0


def test_body_score_means_over_pages_and_f1_of_means():
    perfect = shingle_overlap("a b c d", "a b c d")
    half = shingle_overlap("a b c d e", "a b c d x")
    empty_output = shingle_overlap("a b c d", "")
    score = body_score([perfect, half, empty_output])
    # precision skips the page with no output: (1 + 0.5) / 2; recall counts it: (1 + 0.5 + 0) / 3
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def test_snippets_match_normalised_substrings():
    output = "The  Quick\nbrown fox jumps."
    assert snippets_found(["the quick brown", "FOX JUMPS", "lazy dog"], output) == 2


def test_word_overlap_is_a_lower_cased_multiset():
    # gold: the×2 cat sat; output: The cat the dog -> shared: the×2, cat = 3 of 4 each way
    overlap = word_overlap(gold="the cat sat, the", output="The cat the dog")
    assert overlap == pytest.approx(WordOverlap(3 / 4, 3 / 4, 3 / 4))
    # A repeated word counts as often as the gold has it, no more.
    assert word_overlap(gold="ferry", output="ferry ferry ferry").precision == pytest.approx(1 / 3)


def test_word_overlap_of_empty_texts():
    assert word_overlap("", "") == WordOverlap(1.0, 1.0, 1.0)  # empty gold, empty output
    assert word_overlap("", "menu") == WordOverlap(0.0, 0.0, 0.0)
    assert word_overlap("the article", "") == WordOverlap(0.0, 0.0, 0.0)


def test_word_score_averages_each_figure_over_pages():
    # F1 is the mean of the pages' F1s, not the F1 of the mean P and R.
    score = word_score([WordOverlap(1.0, 0.5, 2 / 3), WordOverlap(0.5, 1.0, 2 / 3)])
    assert (score.precision, score.recall, score.f1, score.pages) == \
        pytest.approx((0.75, 0.75, 2 / 3, 2))


def test_snippet_rate_is_a_lower_cased_substring_share_and_pages_without_snippets_do_not_count():
    assert snippet_rate(["Harbour Ferry", "winter  storms", "absent"],
                        "the harbour ferry before the winter storms") == pytest.approx(1 / 3)
    assert snippet_rate([], "anything") is None
    assert mean_rate([1.0, None, 0.5]) == 0.75
    assert mean_rate([None]) is None
