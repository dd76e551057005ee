"""Pattern helpers: word tokenising and phrase lookup, which every rule builds on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.patterns import COMMON_NON_WORD_MARKS, WORD, PhraseIndex, Phrases, words_of


def _regex_words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(text.lower()))


def test_words_are_lower_cased_word_runs_split_at_every_other_character() -> None:
    assert words_of("Hello_World, it's 3AM\tOK!") == ("hello_world", "it", "s", "3am", "ok")
    assert words_of("Straße ÜBER café") == ("straße", "über", "café")
    assert words_of("  -- | ") == ()


def test_every_ascii_character_is_a_word_character_exactly_when_the_regex_says_so() -> None:
    # The ASCII path uses a translation table, not the regex: they must agree character by
    # character (control characters, punctuation, "_", digits, both cases).
    for code in range(128):
        text = f"a{chr(code)}b {chr(code)}"
        assert words_of(text) == _regex_words(text), repr(chr(code))


@given(st.text(alphabet=st.characters(max_codepoint=0x17F), max_size=40))
def test_words_match_the_word_regex_on_any_text(text: str) -> None:
    assert words_of(text) == _regex_words(text)


# Typographic marks (replaced before the quick path), Greek (whose final sigma depends on the
# characters after it), Cyrillic and CJK (the regex path), and ASCII around them.
_MIXED = st.sampled_from([*COMMON_NON_WORD_MARKS, *"ΟΔΣσςΑ", *"Привет", *"中文",
                          *"ab Z'.-_1", "\u2003", "\u200b", "İ", "K"])


@given(st.lists(_MIXED, max_size=30).map("".join))
def test_words_match_the_word_regex_on_text_with_typographic_marks(text: str) -> None:
    assert words_of(text) == _regex_words(text)


def test_typographic_marks_split_words_like_ascii_punctuation() -> None:
    assert words_of("Don’t miss “The Guide” — 5 tips…") == (
        "don", "t", "miss", "the", "guide", "5", "tips")
    assert words_of("ΟΔΟΣ’Α") == _regex_words("ΟΔΟΣ’Α")  # sigma before an apostrophe


def test_phrase_index_reports_whole_start_and_anywhere_hits() -> None:
    index = PhraseIndex([Phrases("share", ["share this", "share"]),
                         Phrases("footer", ["privacy policy"])])
    hits = index.find(words_of("Share this 12"), anywhere_limit=40)
    assert hits.whole == {"share"} and hits.start == {"share"}
    inside = index.find(words_of("Read our privacy policy now"), anywhere_limit=40)
    assert inside.anywhere == {"footer"} and not inside.start and not inside.whole
    # Past the limit only the start of a block is looked at.
    long_block = words_of("Read our privacy policy now " + "word " * 50)
    assert not index.find(long_block, anywhere_limit=40).anywhere
    assert index.find(words_of("nothing here"), anywhere_limit=40).anywhere == frozenset()


def test_a_one_word_block_hits_its_phrase_whole_unless_it_is_a_number() -> None:
    index = PhraseIndex([Phrases("menu", ["home"]), Phrases("hours", ["24"])])
    home = index.find(("home",), anywhere_limit=40)
    assert home.whole == home.start == home.anywhere == {"menu"}
    # A trailing number is a count ("Comments 12"), never the whole phrase.
    number = index.find(("24",), anywhere_limit=40)
    assert not number.whole and number.start == number.anywhere == {"hours"}
    assert not index.find(("away",), anywhere_limit=40).anywhere


def test_a_by_word_is_a_byline_only_before_a_name():
    from cleaner.extractors.heuristic import _first_pass
    from cleaner.labels import Label
    from cleaner.parse import parse_text

    def evidence(line: str):
        return _first_pass(parse_text(line + "\n"))[1][0].label

    # Headlines that start with a word some language uses for "by".
    for headline in ("Text messages show the minister knew of the plan",
                     "Door to door sales are back in the city", "Par for the course at the open",
                     "By the numbers: the budget", "Von der Leyen says no"):
        assert evidence(headline) is None, headline
    for line in ("By Jane Smith", "BY JOHN SMITH | Updated March 3, 2024", "Door Jan de Vries",
                 "Posted by admin on March 3, 2024", "by admin", "Texto: María López",
                 "By Élodie Durand", "文 / 王小明"):
        assert evidence(line) is Label.BYLINE, line
