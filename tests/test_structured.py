"""A page that shows (almost) no text of its own gets its body from its structured data."""

from __future__ import annotations

import json

import pytest

from cleaner import EmptyInputError, clean
from cleaner.labels import Label

POST = "Does anyone know when the winter ferry timetable starts this year? I need to plan a trip."
REPLY = "It starts on the first of November, same as every year, and runs until March."


def _page(linked_data: object | None, body: str = '<div id="app"></div>',
          description: str = "A short description of the thread.") -> str:
    script = ("" if linked_data is None else
              f'<script type="application/ld+json">{json.dumps(linked_data)}</script>')
    return (f'<html><head><meta name="description" content="{description}">{script}</head>'
            f"<body>{body}</body></html>")


def test_an_app_page_gets_its_posts_from_json_ld_saying_so():
    data = {"@context": "https://schema.org", "@type": "DiscussionForumPosting",
            "headline": "Ferry times", "text": POST,
            "comment": [{"@type": "Comment", "text": f"<p>{REPLY}</p>"}]}
    result = clean(_page(data))
    assert result.text == f"{POST}\n\n{REPLY}"
    body = [item for item in result.blocks if item.label is Label.BODY]
    assert len(body) == 2
    assert all("JSON-LD text" in item.reason and item.block.dom.path == "/html/head/script"
               for item in body)


def test_without_json_ld_the_meta_description_is_the_body():
    result = clean(_page(None, description="The winter timetable of the harbour ferry, "
                         "with every crossing &amp; its price."))
    assert result.text == ("The winter timetable of the harbour ferry, with every crossing & "
                           "its price.")
    assert "meta description" in result.blocks[0].reason


def test_a_page_that_shows_its_text_keeps_to_it():
    article = "".join(f"<p>{POST} {REPLY}</p>" for _ in range(3))
    data = {"@type": "Article", "articleBody": "Something else entirely, from the data."}
    result = clean(_page(data, body=article))
    assert "Something else" not in result.text and POST in result.text
    assert not any("JSON-LD" in item.reason for item in result.blocks)


def test_nothing_visible_and_nothing_structured_is_still_an_error():
    with pytest.raises(EmptyInputError, match="structured data"):
        clean("<html><head></head><body><div id=app></div></body></html>")
