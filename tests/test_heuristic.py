"""The heuristic labeller on small pages written for the purpose: each boilerplate kind it must
recognise, the body pieces it must keep (lists, subheadings, short paragraphs), other languages,
and a reason on every decision."""

from __future__ import annotations

import textwrap

import pytest

from cleaner import Label, clean
from cleaner.extractors.heuristic import _first_pass
from cleaner.extractors.heuristic.features import is_flattened_list, measure
from cleaner.parse import parse_text

NEWS_PAGE = textwrap.dedent("""\
    Daily Gazette
      • Home
      • World
      • Business
      • Sports
      • Contact

    Home » World » Europe

    River Towns Vote To Share One Fire Brigade

    By Anna Keller • March 3, 2025 • 4 Mins Read
    Facebook Twitter Email LinkedIn

    Three river towns agreed on Monday to merge their volunteer fire brigades into one service, ending decades of separate budgets and stations.

    The councils voted after a year of talks, which began when two of the towns could no longer staff their night shifts.

    Key points of the agreement:

      • One shared station on the east bank, open around the clock
      • A joint budget, split by population
      • Volunteers keep their current ranks

    What changes for residents

    Emergency calls will be routed to the new station from June, and response times are expected to fall by several minutes.

    "It is the only way to keep the service alive," the mayor said.

    Share

    Anna Keller
    Anna Keller is a reporter covering local government for the Daily Gazette.

    Related Posts
      • City Council Approves New Bus Routes
      • Bridge Repairs To Start In Spring
      • School Board Elects New Chair

    3 Comments

      1. Mark on March 3, 2025 10:14 AM
         About time. Our town has waited years for this and I hope it works out well for everyone involved.
      2. Jill on March 3, 2025 11:02 AM
         Who pays for the new station though? Nobody seems to have answered that question yet.

    Leave A Reply

    Subscribe to our newsletter for the latest news in your inbox.
    © 2025 Daily Gazette. All rights reserved.
    Privacy Policy | Terms of Use | Contact
    """)


def line_labels(page: str) -> dict[str, Label]:
    """Each block's first line (stripped of its bullet) mapped to the block's label."""
    result = clean(page, extractor="heuristic")
    return {item.block.text.splitlines()[0]: item.label for item in result.blocks}


@pytest.fixture(scope="module")
def news_labels() -> dict[str, Label]:
    return line_labels(NEWS_PAGE)


@pytest.mark.parametrize(("line", "label"), [
    ("Home", Label.MENU),
    ("Business", Label.MENU),
    ("Home » World » Europe", Label.MENU),
    ("River Towns Vote To Share One Fire Brigade", Label.TITLE),
    ("By Anna Keller • March 3, 2025 • 4 Mins Read", Label.BYLINE),
    ("Facebook Twitter Email LinkedIn", Label.SHARE),
    ("Share", Label.SHARE),
    ("Anna Keller", Label.BIO),
    ("Anna Keller is a reporter covering local government for the Daily Gazette.", Label.BIO),
    ("Related Posts", Label.RELATED),
    ("Bridge Repairs To Start In Spring", Label.RELATED),
    ("3 Comments", Label.COMMENTS),
    ("Mark on March 3, 2025 10:14 AM", Label.COMMENTS),
    ("Who pays for the new station though? Nobody seems to have answered that question yet.",
     Label.COMMENTS),
    ("Leave A Reply", Label.COMMENTS),
    ("Subscribe to our newsletter for the latest news in your inbox.", Label.PROMO),
    ("© 2025 Daily Gazette. All rights reserved.", Label.FOOTER),
    ("Privacy Policy | Terms of Use | Contact", Label.FOOTER),
])
def test_boilerplate_gets_its_label(news_labels: dict[str, Label], line: str,
                                    label: Label) -> None:
    assert news_labels[line] == label


@pytest.mark.parametrize("line", [
    "Key points of the agreement:",                       # a one-line lead-in
    "One shared station on the east bank, open around the clock",  # the article's list
    "A joint budget, split by population",
    "Volunteers keep their current ranks",
    "What changes for residents",                         # a subheading
    '"It is the only way to keep the service alive," the mayor said.',  # a short quote
])
def test_body_pieces_that_peers_drop_are_kept(news_labels: dict[str, Label], line: str) -> None:
    assert news_labels[line] == Label.BODY


def test_body_text_and_title() -> None:
    result = clean(NEWS_PAGE, extractor="heuristic")
    assert result.title == "River Towns Vote To Share One Fire Brigade"
    assert result.text.startswith("Three river towns agreed on Monday")
    assert result.text.rstrip().endswith('the mayor said.')
    assert "Mark on March" not in result.text and "Related Posts" not in result.text


def test_every_decision_has_a_reason() -> None:
    result = clean(NEWS_PAGE, extractor="heuristic")
    assert result.blocks
    assert all(item.reason.strip() for item in result.blocks)
    inside = [item.reason for item in result.blocks if item.label is Label.BODY]
    assert set(inside) == {"inside the article text"}


def test_lynx_wrapped_form_gets_the_same_body() -> None:
    """The same page hard-wrapped at 72 columns with lynx-style bullets."""
    wrapped = []
    for line in NEWS_PAGE.splitlines():
        stripped = line.strip()
        bullet = line.startswith("  • ")
        text = stripped[2:] if bullet else stripped
        lines = textwrap.wrap(text, 72, initial_indent="   * " if bullet else "",
                              subsequent_indent="     " if bullet else "") or [""]
        wrapped.extend(lines)
    result = clean("\n".join(wrapped) + "\n", extractor="heuristic")
    assert result.text == clean(NEWS_PAGE, extractor="heuristic").text


def test_clean_article_is_kept_whole() -> None:
    article = (
        "Bees navigate by the sun, and they correct for its movement across the sky.\n\n"
        "Researchers trained a colony to visit a feeder and then moved the hive overnight.\n\n"
        "The next morning the bees flew the old bearing, not the old place.\n"
    )
    result = clean(article, extractor="heuristic")
    assert [item.label for item in result.blocks] == [Label.BODY] * 3
    assert result.text.split() == article.split()


def test_comment_prose_is_not_body() -> None:
    """Comment texts read like body; their headers and the count heading give them away."""
    page = textwrap.dedent("""\
        The committee published its report on the harbour project on Friday afternoon.

        It recommends a smaller breakwater and a second survey of the seabed before any work begins.

        The port authority said it would study the findings and respond within a month.

        2 thoughts on "Harbour report published"

        Tom says:
        I have fished off that breakwater for thirty years and the seabed has changed a great deal.

        Ana says:
        A second survey seems sensible given how much the last estimate was off by in the end.
        """)
    labels = line_labels(page)
    assert labels["Tom says:"] == Label.COMMENTS
    assert labels["I have fished off that breakwater for thirty years and the seabed has "
                  "changed a great deal."] == Label.COMMENTS
    assert labels["The port authority said it would study the findings and respond within a "
                  "month."] == Label.BODY


GERMAN_PAGE = textwrap.dedent("""\
    Startseite
    Politik
    Wirtschaft

    Stadtrat beschließt neuen Radweg am Fluss

    Von Jana Richter | 12. März 2025

    Der Stadtrat hat am Dienstag mit großer Mehrheit beschlossen, einen neuen Radweg entlang des Flusses zu bauen.

    Die Arbeiten sollen im Herbst beginnen und rund zwei Jahre dauern, wie die Verwaltung mitteilte.

    Kritik kam vor allem von Anwohnern, die sich um die Parkplätze in der Uferstraße sorgen.

    Teilen: Facebook Twitter WhatsApp E-Mail

    Ähnliche Artikel
    Neue Buslinie ab Mai
    Schwimmbad öffnet früher

    Kommentare (2)

    Newsletter abonnieren
    Impressum | Datenschutz | Kontakt
    """)


@pytest.mark.parametrize(("line", "label"), [
    ("Stadtrat beschließt neuen Radweg am Fluss", Label.TITLE),
    ("Von Jana Richter | 12. März 2025", Label.BYLINE),
    ("Kritik kam vor allem von Anwohnern, die sich um die Parkplätze in der Uferstraße sorgen.",
     Label.BODY),
    ("Teilen: Facebook Twitter WhatsApp E-Mail", Label.SHARE),
    ("Ähnliche Artikel", Label.RELATED),
    ("Neue Buslinie ab Mai", Label.RELATED),
    ("Kommentare (2)", Label.COMMENTS),
    ("Newsletter abonnieren", Label.PROMO),
    ("Impressum | Datenschutz | Kontakt", Label.FOOTER),
])
def test_german_page(line: str, label: Label) -> None:
    assert line_labels(GERMAN_PAGE)[line] == label


CHINESE_PAGE = textwrap.dedent("""\
    首页
    新闻

    城市公园改造工程今日正式开工

    记者 王明 2025年3月12日

    市政府今天宣布，城市中心公园的改造工程正式开工，预计明年春天完工，届时将向市民全面开放。

    改造内容包括新建儿童游乐区、修复老旧步道以及增加夜间照明设施，总投资约为两亿元人民币。

    不少市民表示期待，希望改造后的公园能够成为周末休闲的好去处。

    分享到：微信 微博

    相关阅读
    版权所有 © 2025
    """)


def test_text_without_spaces_is_not_one_word() -> None:
    paragraph = "市政府今天宣布，城市中心公园的改造工程正式开工，预计明年春天完工。"
    assert measure(paragraph).words >= 10
    assert measure("首页").words <= 2  # a menu item stays short


def test_chinese_page() -> None:
    result = clean(CHINESE_PAGE, extractor="heuristic")
    labels = {item.block.text: item.label for item in result.blocks}
    assert result.title == "城市公园改造工程今日正式开工"
    assert labels["记者 王明 2025年3月12日"] == Label.BYLINE
    assert labels["分享到：微信 微博"] == Label.SHARE
    assert labels["相关阅读"] == Label.RELATED
    assert result.text.count("\n\n") == 2 and result.text.startswith("市政府今天宣布")


def test_leaked_markup_is_markup() -> None:
    page = NEWS_PAGE.replace(
        "Related Posts",
        '<span class="dsq-postid" data-dsqidentifier="1 https://example.org/?p=1"></span>\n\n'
        "Related Posts",
    )
    labels = line_labels(page)
    assert labels['<span class="dsq-postid" data-dsqidentifier="1 https://example.org/?p=1">'
                  "</span>"] == Label.MARKUP


def test_headline_and_date_pairs_after_the_article_are_not_body() -> None:
    page = NEWS_PAGE.replace("Share\n", textwrap.dedent("""\
        Share

        Recent News

        Harbour Report Calls For Smaller Breakwater
        March 2, 2025

        New Library Hours Start Next Week
        March 1, 2025
        """), 1)
    labels = line_labels(page)
    assert labels["Recent News"] == Label.TRENDING
    assert labels["Harbour Report Calls For Smaller Breakwater"] == Label.TRENDING
    assert labels["March 1, 2025"] == Label.TRENDING



_PARAGRAPH = ("The harbour ferry returned to service on Monday after a winter of repairs, and "
              "the first crossing ran full: commuters, school groups and a brass band that "
              "played on the upper deck while engineers watched the new propeller shafts from "
              "the quay and took notes for the council.")
_TEASERS = [("Council approves new ferry timetable for winter", "Jane Smith",
             "The timetable adds two early crossings and a late boat on Fridays, after a survey "
             "of commuters found that most of them travel before seven and that the last boat "
             "leaves too early for anyone working a late shift in town."),
            ("Harbour festival draws record crowds", "Tom Baker",
             "Organisers counted more visitors than in any year since the festival began, with "
             "queues for the tall ships stretching along the quay and the food stalls selling "
             "out of fish soup well before the fireworks started at nine."),
            ("Fishing fleet returns early as storms close in", "Ana Costa",
             "Skippers brought their boats home two days ahead of the forecast gales, landing "
             "what they had caught so far and tying up three deep along the inner wall while "
             "the harbour master closed the outer basin for the week."),
            ("New lighthouse keeper settles in on the point", "Lee Wong",
             "She moved from the city in autumn and has already repainted the lamp room, "
             "cleared the path down to the landing stage and started a logbook of every ship "
             "that passes, which she hopes the school will use for lessons.")]


def _article_then_teasers(paragraphs: int) -> str:
    article = "\n\n".join(f"{_PARAGRAPH} Part {n}." for n in range(paragraphs))
    teasers = "\n\n".join(f"{headline}\n\n{author}\n\nNovember {20 - n}, 2019\n\n{excerpt}"
                          for n, (headline, author, excerpt) in enumerate(_TEASERS))
    return f"Ferry Back In Service After Repairs\n\n{article}\n\n{teasers}\n"


def test_a_list_of_teasers_after_the_article_is_not_body() -> None:
    # Headline, author, date line and a sentence of excerpt, four times: prose enough to
    # extend the article's run, but the recurring date lines give the list away.
    labels = line_labels(_article_then_teasers(paragraphs=3))
    assert labels["The harbour ferry returned to service on Monday after a winter of "
                  "repairs, and the first crossing ran full: commuters, school groups and a "
                  "brass band that played on the upper deck while engineers watched the new "
                  "propeller shafts from the quay and took notes for the council. Part 2."
                  ] == Label.BODY
    for headline, author, excerpt in _TEASERS:
        for line in (headline, author, excerpt):
            assert labels[line] != Label.BODY, line


def test_teasers_without_an_article_before_them_are_kept() -> None:
    # A listing page is its teasers: with no long paragraphs before them, nothing is cut.
    labels = line_labels(_article_then_teasers(paragraphs=0))
    assert all(labels[excerpt] == Label.BODY for _, _, excerpt in _TEASERS)


def _product_cards(first: int, last: int) -> str:
    return "".join(f"Model {n} Trail Boot\n${100 + n * 7}.00\nLeather upper, 4.{n} stars ({n * 13})\n\n"
                   for n in range(first, last))


SHOP_PAGE = (
    "Trail Outfitters\n  • Men\n  • Women\n  • Sale\nSearch\n\nHiking Boots\n\n"
    "Our boots are built for long days on rough ground, with soles that grip wet rock and mud.\n\n"
    + _product_cards(1, 6)
    + "Every pair ships free and can be returned within sixty days if it does not fit.\n\n"
    + _product_cards(6, 12)
    + "Need help choosing? Our guide explains how to pick the right boot for the trail you walk.\n\n"
    "Compare\nLoad more\n\nFacebook Twitter Instagram\n© 2025 Trail Outfitters\n"
    "Privacy Policy | Terms of Use\n"
)


def test_page_of_short_pieces_keeps_its_content_broadly() -> None:
    """A shop grid has little prose, scattered: its products are the content, not footer."""
    labels = line_labels(SHOP_PAGE)
    for line in ("Model 1 Trail Boot", "$107.00", "Model 11 Trail Boot", "Leather upper, 4.11 stars (143)",
                 "Every pair ships free and can be returned within sixty days if it does not fit."):
        assert labels[line] == Label.BODY, line
    assert labels["Women"] == Label.MENU
    assert labels["Facebook Twitter Instagram"] == Label.SHARE
    assert labels["© 2025 Trail Outfitters"] == Label.FOOTER


def test_article_page_is_not_widened(news_labels: dict[str, Label]) -> None:
    """On an article the related headlines and comments stay out of the body."""
    assert news_labels["City Council Approves New Bus Routes"] == Label.RELATED


def test_code_between_two_runs_of_prose_is_body() -> None:
    """A long block of commands splits the article's prose in two runs; it is still the
    article's, as is what follows it."""
    def paragraph(n: int) -> str:
        return (f"Paragraph {n} explains the next step of the setup in plain words, with enough "
                "detail to follow along at home.")

    steps = "\n".join(f"step {i}: run make target-{i}" for i in range(1, 26))
    page = ("How To Build The Firmware\n\n" + "\n\n".join(paragraph(i) for i in range(1, 5))
            + "\n\n" + steps + "\n\n" + "\n\n".join(paragraph(i) for i in range(5, 9)) + "\n")
    labels = line_labels(page)
    assert labels["step 1: run make target-1"] == Label.BODY
    assert labels["step 25: run make target-25"] == Label.BODY
    assert labels[paragraph(8)] == Label.BODY


def test_flattened_lists_are_not_prose() -> None:
    languages = " ".join(["Afrikaans Albanian Amharic Arabic Armenian Basque Belarusian Bengali",
                          "Bosnian Bulgarian Catalan Chinese Croatian Czech Danish Dutch English",
                          "Estonian Finnish French"])
    ids = "Sf2f260c3-bf1f-466a-b856-6f031758a086p16207f0d-5442-4472-ad51-162a45a841c3 U58304ab9"
    german = ("Der Stadtrat hat am Dienstag mit großer Mehrheit beschlossen einen neuen Radweg "
              "entlang des Flusses zu bauen und die Arbeiten beginnen im Herbst")
    assert is_flattened_list(languages)
    assert is_flattened_list(ids)
    assert not is_flattened_list(german)  # nouns are capitalised, but far from all words


@pytest.mark.parametrize(("line", "reason"), [
    ("FacebookTwitterEmail", "share/follow bar (glued words)"),  # icons' labels run together
    ("ShareFacebookPinterest", "share/follow bar (glued words)"),
    ("McDonaldCorp", ""),   # glued capitals, but no network among the words
    ("iPhone", ""),
])
def test_a_share_bar_with_its_words_glued_is_found(line: str, reason: str) -> None:
    page = parse_text(f"{line}\n")
    assert _first_pass(page)[1][0].reason == reason


def test_a_rule_reading_a_phrase_group_the_index_lacks_is_refused() -> None:
    from cleaner.extractors.heuristic.evidence import Rule, RuleTable

    orphan = Rule("orphan", Label.MENU, lambda text, features, hits: True, 5,
                  needs=("no such group", "whole"))
    with pytest.raises(ValueError, match="no such group"):
        RuleTable((orphan,))


def test_long_blocks_are_still_searched_for_the_phrases_their_rules_read() -> None:
    # A biography runs past 40 words: its rule (up to 120 words) must still see "is a".
    bio = ("Anna Keller is a reporter covering local government, courts and the river towns "
           "for the Daily Gazette, where she has worked since 2015 after years at regional "
           "radio stations in the north, writing about budgets, elections and the people who "
           "keep small councils running.")
    page = parse_text(f"{bio}\n")
    assert _first_pass(page)[1][0].reason == "author biography"
