"""The learned labeller's rows: one per block, FEATURE_NAMES long, saying what the block is."""

from __future__ import annotations

import pytest

from cleaner.extractors import heuristic
from cleaner.learned.features import FEATURE_NAMES, block_rows
from cleaner.parse import parse_html, parse_text

ARTICLE = ("The council voted on Monday to repair the harbour ferry before the winter storms.",
           "Work starts in March and the crossing will close for two weeks while it runs.")


def _rows(page, kept=None):
    decisions, evidence = heuristic.label_with_evidence(page)
    rows = block_rows(page, decisions, evidence, kept)
    return [dict(zip(FEATURE_NAMES, row, strict=True)) for row in rows]


def test_html_rows_carry_the_markup_and_trafilatura():
    page = parse_html("<html><body><nav><a href='/'>Home</a></nav>"
                      + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</body></html>")
    nav, first, second = _rows(page, [False, True, True])
    assert nav["in_nav"] == 1.0 and nav["link_density"] == 1.0 and nav["trafilatura_keeps"] == 0
    assert first["in_nav"] == 0.0 and first["trafilatura_keeps"] == 1
    assert first["heuristic_body"] == 1.0 and first["sentence_end"] == 1.0
    assert first["prev1_trafilatura_keeps"] == 0.0 and first["next1_trafilatura_keeps"] == 1.0
    assert second["next1_present"] == 0.0 and second["position"] == 1.0
    assert first["page_trafilatura_share"] > 0.9 and first["page_html"] == 1.0


def test_text_rows_have_no_markup_and_say_so():
    page = parse_text("Site\n  • Home\n  • News\n\n" + "\n\n".join(ARTICLE) + "\n")
    rows = _rows(page)
    assert len(rows) == len(page.blocks) == 5
    assert all(len(row) == len(FEATURE_NAMES) for row in rows)
    home, article = rows[1], rows[3]
    assert home["marker"] == 1.0 and home["indent"] == 2 and home["in_nav"] == -1.0
    assert article["trafilatura_keeps"] == -1 and article["words"] == 14
    assert article["body_run_blocks"] == 2.0  # the two paragraphs the heuristic keeps


def test_training_rows_of_a_page_carry_its_gold_labels_and_site(tmp_path):
    from cleaner.scoring.cases import Case
    from cleaner.training.dataset import page_rows, site_of

    page = tmp_path / "p1.txt"
    page.write_text("Site\n  • Home\n\n" + "\n\n".join(ARTICLE) + "\n\nShare Facebook\n")
    case = Case(id="p1", form="w3m", input_path=page, gold_body="\n\n".join(ARTICLE))
    rows = page_rows(case, "https://www.example.org/news/ferry")
    assert rows is not None and rows.site == "example.org" == site_of("http://example.org/")
    assert rows.gold == [False, False, True, True, False]
    assert len(rows.rows) == 5 and rows.texts[2] == ARTICLE[0]


def test_page_rows_read_the_address_structured_data_and_shape():
    from cleaner.learned.page_features import PAGE_FEATURE_NAMES, page_row

    html = ('<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
            ' "@type": "Product", "name": "Ferry ticket"}</script></head><body>'
            '<h1>Ferry ticket</h1><p>Price: $12.50 for a return crossing.</p>'
            '<ul><li><a href="/a">Harbour</a></li><li><a href="/b">Bay</a></li></ul>'
            '</body></html>')
    page = parse_html(html, url="https://shop.example.org/products/ferry-ticket")
    decisions, _ = heuristic.label_with_evidence(page)
    row = dict(zip(PAGE_FEATURE_NAMES, page_row(page, decisions, None), strict=True))
    assert row["url_products"] == 1.0 and row["url_blog"] == 0.0 and row["url_depth"] == 1.0
    assert row["schema_product"] == 1.0 and row["schema_article"] == 0.0
    assert row["prices_per_block"] > 0 and row["share_list_blocks"] == 0.5
    assert row["trafilatura_share"] < 0  # trafilatura did not run
    # Per hundred words of the page (11: "Ferry ticket", "Price: $12.50 for a return
    # crossing.", "Harbour", "Bay"); "return" is not "returns", and "for" is no kind word.
    assert row["word_price"] == pytest.approx(100 / 11) and row["word_returns"] == 0.0
    assert "word_for" not in row
    text_page = parse_text("A dump\n\nwith two lines.\n")
    text_row = page_row(text_page, heuristic.label(text_page, None), None)
    assert len(text_row) == len(PAGE_FEATURE_NAMES) and text_row[0] == -1.0  # no address


def test_page_rows_count_markup_title_words_and_repeated_structure():
    import math

    from cleaner.learned.page_features import PAGE_FEATURE_NAMES, REPEAT_MIN, page_row

    cards = "".join(f'<article class="product-card"><h3><a href="/p{n}">Boat {n}</a></h3>'
                    f"<p>Price ${n}0</p></article>" for n in range(REPEAT_MIN + 1))
    html = ("<html><head><title>Boats | Harbour Shop</title>"
            '<meta property="article:published_time" content="2026-01-01"></head><body>'
            f'<div class="grid">{cards}</div><form><input name="q"><button>Go</button></form>'
            "</body></html>")
    page = parse_html(html, url="https://shop.example.org/boats/?page=2")
    decisions, _ = heuristic.label_with_evidence(page)
    row = dict(zip(PAGE_FEATURE_NAMES, page_row(page, decisions, None), strict=True))
    assert row["tag_article"] == pytest.approx(math.log1p(REPEAT_MIN + 1))
    assert row["tag_form"] == row["tag_input"] == row["tag_button"] == pytest.approx(math.log1p(1))
    assert row["class_card"] == row["class_product"] == pytest.approx(math.log1p(REPEAT_MIN + 1))
    assert row["class_grid"] == pytest.approx(math.log1p(1)) and row["class_comment"] == 0.0
    assert row["source_published"] == pytest.approx(math.log1p(1))
    assert row["title_shop"] == 1.0 and row["title_blog"] == 0.0
    assert row["title_words"] == 3.0 and row["title_separators"] == 1.0
    assert row["url_query"] == 1.0 and row["url_trailing_slash"] == 1.0
    assert row["url_slug_words"] == 1.0  # "boats"
    # Two repeated structures (the card headings and the card paragraphs), each of 6 blocks.
    assert row["repeat_groups_log"] == pytest.approx(math.log1p(2))
    assert row["repeat_largest_share"] == pytest.approx((REPEAT_MIN + 1) / len(page.blocks))
    text_page = parse_text("A dump\n\nwith two lines.\n")
    text_row = dict(zip(PAGE_FEATURE_NAMES, page_row(text_page, heuristic.label(text_page, None),
                                                     None), strict=True))
    assert text_row["tag_article"] == text_row["repeat_share"] == text_row["title_shop"] == -1.0
