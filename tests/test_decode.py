"""Bytes to text: BOMs, declared charsets, UTF-8, the fallback, and refusing binary data."""

import codecs
import random

import pytest

from cleaner.decode import declared_charset, decode
from cleaner.errors import BinaryInputError


def test_utf8_without_declaration():
    decoded = decode("Grüße, 世界".encode())
    assert decoded.text == "Grüße, 世界"
    assert decoded.encoding == "utf-8"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8", "utf-32-le"])
def test_byte_order_mark_decides(encoding):
    boms = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-8": codecs.BOM_UTF8, "utf-32-le": codecs.BOM_UTF32_LE}
    data = boms[encoding] + "<p>Ça marche</p>".encode(encoding)
    decoded = decode(data)
    assert decoded.text == "<p>Ça marche</p>"
    assert decoded.how == "bom"


def test_meta_charset_cp1252():
    html = '<html><head><meta charset="windows-1252"></head><body>café – “quoted”</body></html>'
    decoded = decode(html.encode("cp1252"))
    assert "café – “quoted”" in decoded.text
    assert decoded.how == "declared"


def test_meta_http_equiv_shift_jis():
    html = ('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
            "<p>日本語のテキスト</p>")
    decoded = decode(html.encode("shift_jis"))
    assert "日本語のテキスト" in decoded.text


def test_gb2312_label_decodes_as_gb18030():
    html = '<meta charset="gb2312"><p>中文文本</p>'
    assert "中文文本" in decode(html.encode("gb2312")).text


def test_latin1_label_on_utf8_bytes_is_utf8():
    html = '<meta charset="iso-8859-1"><p>naïve café</p>'
    decoded = decode(html.encode("utf-8"))
    assert "naïve café" in decoded.text


def test_invalid_utf8_falls_back_without_raising():
    decoded = decode(b"caf\xe9 and \x81 more")
    assert decoded.how == "fallback"
    assert decoded.text.startswith("café and ")


def test_stray_nul_bytes_are_dropped():
    line = "A line of ordinary text with a stray NUL, and more text after it.\n"
    data = line.replace("text with", "text\x00 with").encode() * 3
    assert decode(data).text == line * 3


@pytest.mark.parametrize(
    "data, what",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        (bytes(range(256)) * 4, "control characters"),
    ],
)
def test_binary_input_is_refused_with_a_reason(data, what):
    with pytest.raises(BinaryInputError, match=what):
        decode(data)


@pytest.mark.parametrize("size", [300, 4096, 100_000])
def test_random_bytes_are_refused(size):
    data = random.Random(size).randbytes(size)
    with pytest.raises(BinaryInputError, match="control characters"):
        decode(data)


def test_bom_less_utf16_is_recognised():
    decoded = decode("<html><body>plain ascii text here</body></html>".encode("utf-16-le"))
    assert decoded.text.startswith("<html><body>plain ascii")


def test_declared_charset_ignores_unknown_labels():
    assert declared_charset(b'<meta charset="no-such-charset">') is None
    assert declared_charset(b'<meta charset="UTF-8">') == "utf-8"


def test_utf8_with_a_broken_byte_stays_utf8():
    # A page cut or spliced mid-character: read as windows-1252 it would turn "é" into "Ã©".
    data = "Un café déjà servi à la fête.".encode().replace(b"\xc3\xa9", b"\xe9", 1)
    decoded = decode(data)
    assert decoded.how == "utf-8-damaged"
    assert decoded.text == "Un caf\ufffd déjà servi à la fête."


def test_undeclared_latin1_is_not_taken_for_damaged_utf8():
    decoded = decode("Größe und Maße, café crème.".encode("latin-1"))
    assert decoded.how == "fallback" and decoded.text == "Größe und Maße, café crème."
