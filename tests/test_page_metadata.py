"""The page's metadata beyond title, author and date: site name, description, language, tags,
main image and canonical address, in the Result and the JSON record (issue 19)."""

import json

from cleaner import clean
from cleaner.language import declared_language, guess_language
from cleaner.parse import parse_html

ARTICLE = ("<p>The river towns voted on Tuesday to share one fire brigade, and the new service "
           "will start in the spring when the two stations have been joined together.</p>")


def _page(head: str, html_attributes: str = "") -> str:
    return (f"<html{html_attributes}><head>{head}</head><body><article>{ARTICLE}</article>"
            "</body></html>")


HEAD = """
<title>Towns share a fire brigade | Daily Courier</title>
<link rel="canonical" href="https://courier.example/towns-brigade">
<meta property="og:site_name" content="Daily Courier">
<meta name="description" content="Two river towns merge their fire brigades.">
<meta property="og:description" content="The og one, read first.">
<meta property="og:image" content="https://courier.example/img/brigade.jpg">
<meta property="article:tag" content="Fire service">
<meta property="article:tag" content="Local politics">
<meta name="keywords" content="local politics, river towns , ">
"""


def test_the_head_gives_site_name_description_tags_image_and_address():
    meta = parse_html(_page(HEAD, ' lang="en-gb"')).meta
    assert meta.site_name == "Daily Courier"
    assert meta.description == "The og one, read first."
    assert meta.tags == ("Fire service", "Local politics", "river towns")
    assert meta.image == "https://courier.example/img/brigade.jpg"
    assert meta.url == "https://courier.example/towns-brigade"
    assert meta.language == "en-GB"


def test_json_ld_fills_what_the_head_does_not_say():
    data = {"@type": "NewsArticle", "headline": "Towns share a brigade",
            "description": "From JSON-LD.", "keywords": ["Fire", "Towns"],
            "articleSection": "Local", "image": {"@type": "ImageObject",
                                                  "url": "https://courier.example/a.jpg"},
            "publisher": {"@type": "Organization", "name": "Courier"}}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    meta = parse_html(_page(head)).meta
    assert (meta.site_name, meta.description, meta.tags, meta.image) == (
        "Courier", "From JSON-LD.", ("Fire", "Towns", "Local"), "https://courier.example/a.jpg")


def test_a_relative_image_or_a_bad_language_tag_is_not_reported():
    head = ('<meta property="og:image" content="/img/a.jpg">'
            '<meta http-equiv="content-language" content="English">')
    meta = parse_html(_page(head)).meta
    assert meta.image is None
    assert meta.language is None


def test_the_record_has_every_field_null_when_absent():
    record = clean(_page("")).to_dict()
    for field in ("site_name", "description", "tags", "image", "canonical_url"):
        assert record[field] is None, field
    assert record["language"] == "en"  # not declared: guessed from the body


def test_the_record_carries_the_page_metadata():
    record = clean(_page(HEAD, ' lang="en-gb"')).to_dict()
    assert record["site_name"] == "Daily Courier"
    assert record["tags"] == ["Fire service", "Local politics", "river towns"]
    assert record["canonical_url"] == "https://courier.example/towns-brigade"
    assert record["language"] == "en-GB"


def test_declared_language_tags_in_their_usual_form():
    assert declared_language("en_US") == "en-US"
    assert declared_language(" pt-br ") == "pt-BR"
    assert declared_language("DE") == "de"
    assert declared_language("de-DE, en") == "de-DE"
    assert declared_language("English") is None
    assert declared_language("") is None


def test_guessing_a_language_from_words_or_script():
    assert guess_language(
        "Der Gemeinderat hat am Dienstag beschlossen, dass die beiden Feuerwehren der Stadt "
        "zusammengelegt werden, und die neue Wache wird im Frühjahr eröffnet, wenn sie fertig "
        "ist und die Mannschaft bereit ist") == "de"
    assert guess_language(
        "El ayuntamiento decidió el martes que los dos cuerpos de bomberos de la ciudad se "
        "unirán en uno solo, y la nueva estación abrirá en primavera para todos los vecinos "
        "de la zona") == "es"
    assert guess_language("東京は日本の首都であり、多くの人々が住んでいます。今日は天気が良いので"
                          "散歩に行きましょう。") == "ja"
    chinese = "这是中文的文章。北京是中国的首都，有很多人住在那里。今天天气很好。"
    assert guess_language(chinese) == "zh"
    assert guess_language("Too short to tell") is None
