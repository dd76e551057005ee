"""Gold labels per block: a block is body when the gold body holds (most of) its words in order."""

from __future__ import annotations

from cleaner.parse import parse_html, parse_text
from cleaner.scoring.alignment import gold_body_blocks, kept_text

ARTICLE = ("The council voted on Monday to repair the harbour ferry before the winter storms.",
           "Work starts in March and the crossing will close for two weeks while it runs.")
GOLD = "\n\n".join(ARTICLE)


def test_blocks_the_gold_holds_are_body_and_the_rest_are_not():
    page = parse_text("Site\n  • Home\n  • News\n\n" + GOLD + "\n\nShare Facebook Twitter\n")
    assert gold_body_blocks(page.blocks, GOLD) == [False, False, False, True, True, False]


def test_a_teaser_repeating_the_article_after_it_is_not_body():
    teaser = ARTICLE[0]  # the article's first sentence again, in a "more news" rail
    page = parse_text("\n\n".join([*ARTICLE, "More news", teaser]) + "\n")
    assert gold_body_blocks(page.blocks, GOLD) == [True, True, False, False]


def test_a_block_mostly_in_the_gold_is_body_and_one_barely_in_it_is_not():
    gold = "One two three four five six seven eight nine ten."
    page = parse_text("One two three four five six extra words.\n\n"
                      "seven eight and many other words that are not there at all\n")
    assert gold_body_blocks(page.blocks, gold) == [True, False]


def test_html_blocks_and_the_oracle_text():
    page = parse_html("<html><body><nav><a href='/'>Home</a></nav>"
                      + "".join(f"<p>{p}</p>" for p in ARTICLE) + "<footer>© Site</footer>")
    keep = gold_body_blocks(page.blocks, GOLD)
    assert keep == [False, True, True, False]
    assert kept_text([block.text for block in page.blocks], keep) == GOLD


def test_empty_gold_keeps_nothing():
    page = parse_text("Only a menu\n\nand a footer\n")
    assert gold_body_blocks(page.blocks, "") == [False, False]
