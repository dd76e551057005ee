"""Bytes to text: BOM, then a declared charset (the transport's, then the page's), then UTF-8,
then a fallback that never raises.

Binary payloads (PDF, images, archives, executables) are refused here with a clear error, so
later stages only ever see text. Nothing else is ever raised: a declared charset that Python
cannot decode a document with (``base64``, ``rot13``, ``undefined``...) or that cannot be the
encoding of a declaration found by reading the bytes as ASCII (``cp037``, ``utf-16``,
``utf-7``...) is ignored, as if the page declared nothing.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass

from cleaner.errors import BinaryInputError

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Leading bytes of common binary formats, with the name used in the error message.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data (name the file .gz to have it decompressed)"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
)

#: How much of the document the binary check and the charset declaration search look at.
SNIFF_BYTES = 4096
#: Share of control bytes (other than tab, newline, CR, form feed, escape) that marks binary data:
#: text has next to none, random or compressed bytes about one in ten.
MAX_CONTROL_SHARE = 0.05

_CONTROL_BYTES = bytes(sorted(set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}))
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
#: WHATWG treats these labels as windows-1252, a superset that never fails on 0x80-0x9F.
_WHATWG_ALIASES = {
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "latin-1": "windows-1252",
    "latin1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
}
FALLBACK_ENCODING = "windows-1252"

#: Printable ASCII and the whitespace of text: what a declared encoding must read as ASCII.
_ASCII_TEXT = bytes(range(0x20, 0x7F)) + b"\t\n\r"
#: The probe a declared codec decodes: every byte of ``_ASCII_TEXT`` followed by every other, so
#: that the two-byte sequences codecs give a meaning to show (utf-7's "+A", HZ's "~{", the escape
#: codecs' "\\n" and "\\u"), then a host name with a label the idna codec decodes.
_ASCII_PROBE = (b"".join(bytes((a, b)) for a in _ASCII_TEXT for b in _ASCII_TEXT)
                + b" www.xn--bcher-kva.example ")
#: The characters markup is written with, which a declared codec must decode to themselves. The
#: rest of ASCII may read as another character, one per byte: Shift_JIS-2004 reads 0x5C as "¥"
#: and 0x7E as "‾" (JIS X 0201), cp864 reads "%" as the Arabic percent sign.
_MARKUP_BYTES = frozenset(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    b"<>/!?=\"'-&#;:._ \t\n\r"
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and how its encoding was decided."""

    text: str
    encoding: str
    #: "bom", "declared", "utf-8", "utf-8-damaged" (a few broken bytes replaced),
    #: "utf-16-guess" or "fallback".
    how: str


def decode(data: bytes, transport_charset: str | None = None) -> Decoded:
    """Decode a document's bytes; BinaryInputError for binary formats, otherwise never fails.
    ``transport_charset``: the charset the document came with (an HTTP Content-Type), which
    goes before the page's own declaration, as in a browser (a BOM goes before both)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            return Decoded(_clean_text(text), encoding, "bom")
    guessed_utf16 = _guess_utf16_without_bom(data)
    if guessed_utf16:
        text = data.decode(guessed_utf16, errors="replace")
        return Decoded(_clean_text(text), guessed_utf16, "utf-16-guess")
    _refuse_binary(data)
    # From here on every codec is byte-oriented: a NUL character is a NUL byte (and looking for
    # it in the bytes is much cheaper than in the decoded text).
    has_nul = b"\x00" in data
    declared = (transport_charset and _honoured_codec(
        _WHATWG_ALIASES.get(transport_charset.lower(), transport_charset.lower()))) \
        or declared_charset(data)
    utf8 = _as_utf8(data)
    if declared and declared != "utf-8":
        if _is_single_byte(declared) and not data.isascii() and utf8 is not None:
            # A page declared latin-1 whose bytes are valid UTF-8 is UTF-8 mislabelled: valid
            # multi-byte UTF-8 sequences almost never arise by chance in single-byte text.
            return Decoded(_without_nuls(utf8, has_nul), "utf-8", "utf-8")
        try:
            return Decoded(_without_nuls(data.decode(declared), has_nul), declared, "declared")
        except (UnicodeError, LookupError):
            pass  # not in the declared encoding after all
    if utf8 is not None:
        return Decoded(_without_nuls(utf8, has_nul), "utf-8", "utf-8")
    damaged = _mostly_utf8(data)
    if damaged is not None:
        return Decoded(_without_nuls(damaged, has_nul), "utf-8", "utf-8-damaged")
    text = data.decode(FALLBACK_ENCODING, errors="replace")
    return Decoded(_without_nuls(text, has_nul), FALLBACK_ENCODING, "fallback")


def declared_charset(data: bytes) -> str | None:
    """The Python codec name of the first ``<meta charset>`` or XML declaration in the head that
    names a text encoding able to read the declaration as it was found: one that reads ASCII as
    ASCII. Any other declaration (an unknown label, ``base64``, ``cp037``, ``utf-16`` without a
    BOM, ``utf-7``...) is false by construction or not a text encoding: it is skipped."""
    for match in _DECLARED_CHARSET.finditer(data[:SNIFF_BYTES]):
        label = (match.group(1) or match.group(2)).decode("ascii").lower()
        name = _honoured_codec(_WHATWG_ALIASES.get(label, label))
        if name is not None:
            return name
    return None


def _honoured_codec(label: str) -> str | None:
    """The codec name for ``label`` when it is a text encoding that reads ASCII markup as ASCII;
    None otherwise (never raises)."""
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError, TypeError):
        return None
    return name if _reads_ascii_markup(name) else None


@functools.lru_cache(maxsize=256)
def _reads_ascii_markup(name: str) -> bool:
    """Whether codec ``name`` is a text encoding that decodes ASCII one character per byte, and
    the characters of markup to themselves."""
    try:
        if not codecs.lookup(name)._is_text_encoding:
            return False  # base64, rot13, hex, zlib, bz2, uu, quopri: bytes to bytes
        text = _ASCII_PROBE.decode(name)
    except (LookupError, ValueError, TypeError):
        return False  # undefined, punycode, idna, utf-7, utf-32, HZ, the escape codecs, cp424
    if len(text) != len(_ASCII_PROBE):
        return False  # utf-16: two bytes a character
    return all(char == chr(byte) for char, byte in zip(text, _ASCII_PROBE, strict=True)
               if byte in _MARKUP_BYTES)  # false for EBCDIC (cp037, cp500, cp1140...)


def _refuse_binary(data: bytes) -> None:
    head = data[:SNIFF_BYTES]
    for signature, what in BINARY_SIGNATURES:
        if head.startswith(signature):
            raise BinaryInputError(f"binary input: looks like a {what}, not HTML or text")
    if not head:
        return
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls / len(head) > MAX_CONTROL_SHARE:
        raise BinaryInputError(
            f"binary input: {controls} of the first {len(head)} bytes are control characters"
        )


def _guess_utf16_without_bom(data: bytes) -> str | None:
    """Spot BOM-less UTF-16 of mostly-ASCII text: a NUL in every other byte."""
    head = data[:SNIFF_BYTES]
    if len(head) < 16:
        return None
    even_nuls = head[0::2].count(0) / len(head[0::2])
    odd_nuls = head[1::2].count(0) / len(head[1::2])
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _as_utf8(data: bytes) -> str | None:
    """``data`` decoded as UTF-8, or None when it is not valid UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated or spliced page), decoded with U+FFFD for
    them: when its valid multi-byte characters outnumber the broken ones. Reading it as
    windows-1252 instead would turn every "é" into "Ã©", and "©" means a footer to a cleaner.
    Single-byte text (latin-1, cp1252) almost never holds a valid multi-byte sequence."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", errors="ignore"))
    return text if wide - broken > broken else None


@functools.lru_cache(maxsize=512)
def _is_single_byte(codec_name: str) -> bool:
    """True for 8-bit codecs (latin-1, cp1251, koi8-r...), where every character is one byte."""
    try:
        return all(len(ch.encode(codec_name, errors="ignore")) <= 1 for ch in "é€жא中")
    except (UnicodeError, LookupError):
        return False


def _clean_text(text: str) -> str:
    """Drop NUL characters, which no page means to show and which break downstream parsers."""
    return _without_nuls(text, "\x00" in text)


def _without_nuls(text: str, has_nul: bool) -> str:
    return text.replace("\x00", "") if has_nul else text
