"""The library call ``cleaner.clean``: inputs, options, errors, and the Result it returns."""

import json

import pytest

import cleaner
from cleaner import Label, clean

DUMP = "Site Name\n  • Home\n  • News\n\nA paragraph of the article.\n\nAnother paragraph.\n"


def test_clean_text_dump_from_str_and_bytes_agree():
    from_str = clean(DUMP, extractor="keep-all")
    from_bytes = clean(DUMP.encode("utf-8"), extractor="keep-all")
    assert from_str.to_dict() == from_bytes.to_dict()
    assert from_str.input_type == "text"
    assert from_str.extractor == "keep-all"


def test_keep_all_segments_cover_every_line_once():
    result = clean(DUMP, extractor="keep-all", source="dump.txt")
    record = result.to_dict()
    # DESIGN.md's record, with the page's url, metadata, kind, Markdown and the empty-body flag.
    assert list(record) == ["source", "url", "input_type", "extractor", "title", "author",
                            "date", "site_name", "description", "language", "tags", "image",
                            "canonical_url", "page_kind", "text", "markdown", "comments",
                            "posts", "empty_body", "segments"]
    assert record["page_kind"] is None  # only the learned extractor tells kinds apart
    assert record["posts"] is None  # posts are a forum thread's
    assert record["source"] == "dump.txt"
    assert [(s["label"], s["start_line"], s["end_line"]) for s in record["segments"]] == [
        ("body", 1, 7)
    ]
    json.dumps(record)  # serialisable as is


def test_text_renders_list_items_tight_and_paragraphs_apart():
    text = clean(DUMP, extractor="keep-all").text
    assert text == (
        "Site Name\n\n- Home\n- News\n\nA paragraph of the article.\n\nAnother paragraph."
    )


def test_html_input_segments_carry_paths():
    result = clean("<html><body><p>One para.</p><p>Two.</p></body></html>", extractor="keep-all")
    assert result.input_type == "html"
    segment = result.to_dict()["segments"][0]
    assert segment["path"] == "/html/body/p[1]"
    assert segment["start_line"] is None


def test_text_of_returns_the_blocks_of_a_label():
    result = clean(DUMP, extractor="keep-all")
    assert result.text_of(Label.BODY) == result.text
    assert result.text_of("comments") == ""


def test_forcing_the_input_type():
    html_as_text = clean("<p>hello</p>", input_type="text", extractor="keep-all")
    assert html_as_text.text == "<p>hello</p>"


@pytest.mark.parametrize("doc", ["", "   \n\t\n", b"", b"\n\n"])
def test_empty_documents_raise_empty_input_error(doc):
    with pytest.raises(cleaner.EmptyInputError):
        clean(doc)


def test_binary_document_raises_binary_input_error():
    with pytest.raises(cleaner.BinaryInputError):
        clean(b"%PDF-1.4 binary stuff")


def test_unknown_extractor_is_named_in_the_error():
    with pytest.raises(cleaner.UnknownExtractorError, match="no-such"):
        clean(DUMP, extractor="no-such")


def test_html_only_extractor_on_text_is_a_clear_error():
    with pytest.raises(cleaner.UnsupportedInputError, match="trafilatura"):
        clean(DUMP, extractor="trafilatura")


def test_all_input_errors_are_input_errors_and_value_errors():
    for error in (cleaner.EmptyInputError, cleaner.BinaryInputError,
                  cleaner.InputTooLargeError, cleaner.UnsupportedInputError):
        assert issubclass(error, cleaner.InputError)
        assert issubclass(error, ValueError)


def test_wrong_type_is_a_type_error():
    with pytest.raises(TypeError):
        clean(123)  # type: ignore[arg-type]


def test_same_input_same_output_regardless_of_history():
    first = clean(DUMP).to_dict()
    clean("<html><body><p>something else entirely</p></body></html>")
    assert clean(DUMP).to_dict() == first


def test_a_path_is_read_like_the_cli_reads_files(tmp_path):
    import gzip
    from pathlib import Path

    dump = tmp_path / "page.txt.gz"
    dump.write_bytes(gzip.compress(DUMP.encode("utf-8")))
    result = clean(dump, extractor="keep-all")
    assert result.text == clean(DUMP, extractor="keep-all").text
    assert result.source == str(dump)
    fragment = tmp_path / "notice.html"  # content alone would sniff as text
    fragment.write_text("Harbour notice\n<p>The office opens at nine.</p>\n", encoding="utf-8")
    assert clean(Path(fragment), extractor="keep-all").input_type == "html"
    assert clean(fragment, input_type="text", extractor="keep-all").input_type == "text"
    with pytest.raises(FileNotFoundError):
        clean(tmp_path / "missing.html")


def test_the_url_is_in_the_record():
    record = clean(DUMP, url="https://example.com/news/1", extractor="keep-all").to_dict()
    assert record["url"] == "https://example.com/news/1"
    assert clean(DUMP, extractor="keep-all").to_dict()["url"] is None


def test_the_record_flags_an_empty_body():
    assert clean("Home\nNews\nSport\n", extractor="heuristic").to_dict()["empty_body"] is True
    assert clean(DUMP, extractor="keep-all").to_dict()["empty_body"] is False


def test_a_lone_surrogate_in_str_input_becomes_a_replacement_character():
    # Half a UTF-16 pair (from a bad decode upstream) cannot be written as UTF-8: it must not
    # pass clean() and then fail when the record is written.
    result = clean("Title\n\nA paragraph with a lone \ud800 half in it.\n", extractor="keep-all")
    assert "lone \ufffd half" in result.text
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")
