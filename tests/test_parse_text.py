"""Text dumps to blocks: w3m, lynx (hard-wrapped) and plain paragraphs."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.parse.text_dump import parse_text, split_lines

W3M = """The Site
  • News
    • Local
  • Sport

A first paragraph that is one long line in a w3m dump.

  1. Alice on March 1, 2024
"""


def test_w3m_bullets_nesting_and_numbers():
    blocks = parse_text(W3M).blocks
    assert [(b.text, b.marker, b.indent) for b in blocks] == [
        ("The Site", "", 0),
        ("News", "•", 2),
        ("Local", "•", 4),
        ("Sport", "•", 2),
        ("A first paragraph that is one long line in a w3m dump.", "", 0),
        ("Alice on March 1, 2024", "1.", 2),
    ]
    assert [(b.start_line, b.end_line) for b in blocks] == [
        (1, 1), (2, 2), (3, 3), (4, 4), (6, 6), (8, 8)
    ]


def _lynx_page() -> str:
    # Wrapped at 74 columns like ``lynx -dump``: the wrap moved the next word down.
    paragraph = (
        "   The controller is really comfortable to hold over long periods of\n"
        "   time and has good battery life. That's important, since it's the\n"
        "   only way to control the games you're playing.\n"
    )
    filler = (
        "   Another paragraph of prose that runs on for quite a while until it\n"
        "   wraps around to a second line and then stops here.\n"
    )
    bullets = (
        "     * Home\n"
        "     * A menu entry whose text is long enough that lynx had to wrap the\n"
        "       rest of it onto the next line\n"
        "          + nested entry\n"
    )
    return "Heading Line\n\n" + paragraph + "\n" + filler * 4 + "\n" + bullets


def test_lynx_wrapped_lines_are_joined_into_one_block():
    blocks = parse_text(_lynx_page()).blocks
    first = blocks[1]
    assert first.text == (
        "The controller is really comfortable to hold over long periods of time and has good "
        "battery life. That's important, since it's the only way to control the games you're "
        "playing."
    )
    assert (first.start_line, first.end_line) == (3, 5)


def test_lynx_bullet_continuation_and_nested_bullet():
    blocks = parse_text(_lynx_page()).blocks
    texts = [(b.text, b.marker) for b in blocks[-3:]]
    assert texts == [
        ("Home", "*"),
        ("A menu entry whose text is long enough that lynx had to wrap the rest of it onto the "
         "next line", "*"),
        ("nested entry", "+"),
    ]


def test_short_lines_are_not_joined_even_in_a_wrapped_dump():
    page = _lynx_page() + "   Short line\n   Another short line\n"
    blocks = parse_text(page).blocks
    assert [b.text for b in blocks[-2:]] == ["Short line", "Another short line"]


def test_unwrapped_dump_never_joins_lines():
    text = "\n".join(["word " * 30] * 20)  # 150-column lines: not hard-wrapped
    assert len(parse_text(text).blocks) == 20


def test_chinese_wrapped_lines_join_without_space():
    line = "这是一个很长的中文句子没有空格" * 2  # 30 wide characters: 60 columns
    text = "\n".join([line] * 12) + "\n"
    blocks = parse_text(text).blocks
    assert len(blocks) == 1
    assert " " not in blocks[0].text


def test_portuguese_o_at_continuation_column_is_not_a_bullet():
    lines = [
        "   Este texto em português continua por muitas palavras até chegar à margem",
        "   o que vem depois é a continuação da mesma frase, não um item de lista.",
    ]
    filler = ["   " + "palavra " * 8 + "fim da linha que a enche"] * 10  # 3 + 64 + 24 = 91
    filler = [line[:72] for line in filler]
    blocks = parse_text("\n".join(filler + [""] + lines) + "\n").blocks
    assert blocks[-1].text.startswith("Este texto")
    assert "o que vem depois" in blocks[-1].text
    assert blocks[-1].marker == ""


def test_blank_neighbours_are_recorded():
    blocks = parse_text("a\nb\n\nc").blocks
    assert [(b.blank_before, b.blank_after) for b in blocks] == [
        (True, False), (False, True), (True, True)
    ]


def test_crlf_and_cr_line_endings_count_as_lines():
    assert split_lines("a\r\nb\rc\n") == ["a", "b", "c", ""]
    assert [b.start_line for b in parse_text("a\r\n\r\nb").blocks] == [1, 3]


_LINE = st.one_of(
    st.just(""),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
            max_size=90),
    st.sampled_from(
        ["  • item", "   * wrapped", "     o nested", "  1. first", "- dash", "\t\ttab"]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=40))
def test_every_non_blank_line_is_in_exactly_one_block(lines):
    text = "\n".join(lines)
    covered: list[int] = []
    for block in parse_text(text).blocks:
        covered.extend(range(block.start_line, block.end_line + 1))
    non_blank = [n for n, line in enumerate(split_lines(text), 1) if line.strip()]
    assert covered == non_blank
