"""Bytes to text: BOMs, declared charsets, UTF-8, the fallback, and refusing binary data."""

import codecs
import encodings
import encodings.aliases
import pkgutil
import random
import warnings

import pytest
from helpers import run_cli

import cleaner
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


# Declared charsets that are no text encoding, or cannot be the encoding of a declaration read as
# ASCII bytes (issue 17, point 11): ignored, as if the page declared nothing; never an error.

_ARTICLE = ("The council voted on Monday to repair the harbour ferry before the winter storms. "
            "Engineers will replace both propeller shafts and rebuild the passenger deck.")
# "+ADw-b+AD4-" is "<b>" in UTF-7, the trick behind UTF-7 script injection.
_TICKETS = "Tickets go on sale in March, see +ADw-b+AD4- or the town hall for prices."


def _charset_page(charset: str | None) -> bytes:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<html><head>{meta}<title>Ferry</title></head><body><nav>Home News</nav>"
            f"<article><h1>Ferry back</h1><p>{_ARTICLE}</p><p>{_TICKETS}</p></article>"
            "<footer>Contact us</footer></body></html>").encode("ascii")


_BAD_CHARSETS = [
    # bytes-to-bytes codecs: LookupError ("not a text encoding") when decoding with them
    "base64", "rot13", "hex", "zlib", "bz2", "uu", "quopri",
    # text codecs that raise a bare UnicodeError on any page
    "undefined", "idna", "punycode",
    # ASCII-incompatible: the declaration could not have been read as ASCII had they been right
    "cp037", "utf-16", "utf-7",
]


@pytest.mark.parametrize("charset", _BAD_CHARSETS)
def test_a_declared_charset_that_cannot_be_right_is_ignored(charset):
    # utf-16 passes on the code before issue 17 too (it mapped utf-16 to utf-8 by name); cp037
    # gave an empty body, utf-7 turned the text's "+ADw-b+AD4-" into markup, the rest raised.
    page = _charset_page(charset)
    assert declared_charset(page) is None
    decoded = decode(page)
    assert decoded.how == "utf-8" and decoded.text == page.decode("ascii")
    result = cleaner.clean(page)
    assert result.text == cleaner.clean(_charset_page(None)).text
    assert _ARTICLE in result.text and _TICKETS in result.text


def test_every_stdlib_codec_label_decodes_without_raising_or_warning():
    labels = set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values())
    labels |= {module.name for module in pkgutil.iter_modules(encodings.__path__)}
    labels |= {"utf-7", "idna", "punycode", "undefined", "x-user-defined", "no-such-charset"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the escape codecs warn of bad escapes in what they read
        for label in sorted(labels):
            head = f'<html><head><meta charset="{label}"></head><body><p>'.encode("ascii")
            page = head + _ARTICLE.encode("ascii") + b"</p></body></html>"
            assert f"<p>{_ARTICLE}</p>" in decode(page).text, label
            for other in ("Größe und Maße, café crème.".encode("latin-1"), "Größe, 東京".encode()):
                assert isinstance(decode(page + other).text, str)


def test_honoured_charsets_read_markup_as_ascii():
    # Shift_JIS-2004 reads 0x5C as "¥" and cp864 "%" as "٪", but markup as ASCII: honoured.
    assert declared_charset(b'<meta charset="shift_jis_2004">') == "shift_jis_2004"
    assert declared_charset(b'<meta charset="cp864">') == "cp864"
    assert declared_charset(b'<meta charset="koi8-r">') == "koi8-r"
    assert declared_charset(b'<?xml version="1.0" encoding="EUC-JP"?>') == "euc_jp"
    for label in ("cp500", "cp1140", "utf-16-le", "utf-32", "hz", "unicode_escape",
                  "raw_unicode_escape", "rot_13", "base64_codec"):
        assert declared_charset(f'<meta charset="{label}">'.encode()) is None, label


def test_a_declaration_that_is_ignored_gives_way_to_the_next_one():
    html = ('<html><head><meta charset="base64"><meta http-equiv="Content-Type" '
            'content="text/html; charset=windows-1251"></head><body><p>Москва</p></body></html>')
    decoded = decode(html.encode("cp1251"))
    assert decoded.how == "declared" and decoded.encoding == "cp1251"
    assert "<p>Москва</p>" in decoded.text


@pytest.mark.parametrize("charset", ["base64", "idna", "cp037"])
def test_explain_on_stdin_survives_a_bad_declared_charset(charset):
    done = run_cli("explain", "-", "--width", "200", stdin=_charset_page(charset))
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    assert b"harbour ferry" in done.stdout


def test_clean_on_stdin_survives_a_bad_declared_charset():
    done = run_cli("clean", "-", stdin=_charset_page("undefined"))
    assert done.returncode == 0, done.stderr.decode()
    assert _ARTICLE.encode() in done.stdout
