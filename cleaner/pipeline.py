"""The library call: decode → sniff → parse into blocks → label → Result."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from pathlib import Path

from cleaner.deadline import Deadline, hard_time_limit
from cleaner.decode import decode
from cleaner.errors import EmptyInputError, InputTooLargeError
from cleaner.extractors import resolve_extractor
from cleaner.labels import Label
from cleaner.options import Favor, InputTypeChoice, Options
from cleaner.parse import parse_page
from cleaner.parse.structured import source_of
from cleaner.reading import options_for_file, read_document
from cleaner.result import Decision, Result, build_result
from cleaner.sniff import sniff_input_type
from cleaner.title_agreement import agree_with_title
from cleaner.whole_tables import keep_tables_whole

_SURROGATE = re.compile("[\ud800-\udfff]")
#: After parsing an HTML document of this many characters, the memory its parse tree held goes
#: back to the system (release_freed_memory).
RELEASE_AFTER_CHARS = 4 * 1024 * 1024


def clean(
    doc: str | bytes | os.PathLike[str],
    *,
    url: str | None = None,
    extractor: str = "auto",
    input_type: InputTypeChoice = "auto",
    include_title: bool = False,
    source: str | None = None,
    timeout: float | None = None,
    favor: Favor = "balanced",
    links: bool = False,
    emphasis: bool = False,
    images: bool = False,
) -> Result:
    """Clean one document (HTML or a text dump, as str or bytes, or the file at a
    ``pathlib.Path``) and return its labelled Result.

    A file is read as ``cleaner clean`` reads it: gunzipped when its name ends in .gz, and
    HTML when its name says so (.html, .htm, ...); an unreadable one raises OSError.

    ``timeout``: give up after this many seconds with ``cleaner.InputTimeoutError`` (None or
    ``float("inf")``: no limit; zero, negative or NaN: ValueError). Checked between stages and
    inside cleaner's own loops; in a process's main thread (where SIGALRM exists), a signal
    stops trafilatura at the limit and anything else at 1.5 times it. In other threads a
    trafilatura call that would not fit in the time left is skipped (the reasons say so). A
    single C call (lxml parsing a huge page: about 1 s per 15 MB) is never interrupted.
    ``favor`` ("precision", "balanced", "recall") moves the learned extractor's threshold.
    ``links``, ``emphasis``, ``images``: ``Result.markdown`` writes links as
    ``[text](target)``, bold and italic text as ``**bold**`` and ``*italic*``, and images as
    ``![alt](source)`` (HTML input; relative targets resolved against ``url``).
    Raises ``cleaner.InputError`` (or a subclass) for input it cannot treat, and
    ``cleaner.UnknownExtractorError`` for a bad extractor name.
    """
    options = Options(extractor=extractor, url=url, input_type=input_type,
                      include_title=include_title, timeout=timeout, favor=favor,
                      links=links, emphasis=emphasis, images=images)
    if isinstance(doc, os.PathLike):
        return clean_file(Path(doc), options, source=source)
    return clean_document(doc, options, source=source)


def clean_file(path: Path, options: Options, *, source: str | None = None) -> Result:
    """Clean the document in the file at ``path`` (``source`` defaults to the path)."""
    options = options_for_file(options, path)
    data = read_document(path, options.max_bytes)
    return clean_document(data, options, source=str(path) if source is None else source)


def clean_document(doc: str | bytes, options: Options, *, source: str | None = None) -> Result:
    """``clean`` with an explicit Options object (what the CLI and the scorer use)."""
    deadline = Deadline(options.timeout)
    # The backstop for the deadline's own checks (inside a caller's, such as the batch
    # worker's, it stands aside).
    with hard_time_limit(options.timeout):
        return _clean_document(doc, options, deadline, source)


def clean_payload(content: str | bytes, options: Options, *, charset: str | None = None,
                  source: str | None = None) -> Result:
    """``clean_document`` for a payload that came with a charset from its transport (an HTTP
    header, which goes before the page's own ``<meta charset>``), decoding within the time
    limit too."""
    if isinstance(content, str) or charset is None:
        return clean_document(content, options, source=source)
    with hard_time_limit(options.timeout):
        return clean_document(decode(content, charset).text, options, source=source)


def _clean_document(doc: str | bytes, options: Options, deadline: Deadline,
                    source: str | None) -> Result:
    text = document_text(doc, options.max_bytes)
    input_type = sniff_input_type(text) if options.input_type == "auto" else options.input_type
    spec = resolve_extractor(options.extractor, input_type)
    deadline.check("decoding")
    page = parse_page(text, input_type, options.url, deadline, options.marks)
    if input_type == "html" and len(text) >= RELEASE_AFTER_CHARS:
        release_freed_memory()
    if not page.blocks and not page.structured:
        raise EmptyInputError("the document has no visible text, nor any in its structured data")
    deadline.check("parsing")
    decisions, page_kind = (spec.labelling(page, options, deadline) if page.blocks
                            else ([], None))
    deadline.check("labelling")
    decisions += [Decision(Label.BODY, f"from the page's {source_of(block)}: the page shows "
                                       "(almost) no text of its own")
                  for block in page.structured]
    blocks = page.blocks + page.structured
    if spec.agrees_with_page:
        decisions = agree_with_title(blocks, keep_tables_whole(blocks, decisions, deadline),
                                     page.meta.title)
    return build_result(
        blocks,
        decisions,
        source=source,
        input_type=input_type,
        extractor=spec.name,
        meta=page.meta,
        include_title=options.include_title,
        url=options.url,
        page_kind=page_kind,
        deadline=deadline,
    )


def document_text(doc: str | bytes, max_bytes: int | None) -> str:
    """Decoded text of ``doc``, refusing oversized, binary and empty documents."""
    if not isinstance(doc, str | bytes | bytearray | memoryview):
        raise TypeError(f"clean() takes str, bytes or a path, not {type(doc).__name__}")
    size = _size_over_limit(doc, max_bytes)
    if size is not None:
        raise InputTooLargeError(
            f"document is {size:,} bytes, above the limit of {max_bytes:,} (max_bytes)"
        )
    text = _whole_characters(doc) if isinstance(doc, str) else decode(bytes(doc)).text
    if text.isspace() or not text:
        raise EmptyInputError("the document is empty" if not text else "the document is blank")
    return text


def _whole_characters(text: str) -> str:
    """``text`` with any lone surrogate (half a UTF-16 pair, which no output can be written
    with) as U+FFFD; most text is checked by one isascii() or one encode."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _size_over_limit(doc: str | bytes | bytearray | memoryview, max_bytes: int | None,
                     ) -> int | None:
    """The document's size in bytes (a str as UTF-8) when it is over ``max_bytes``, else None.

    A str too short to pass the limit even at four bytes a character is not encoded.
    """
    if max_bytes is None:
        return None
    if isinstance(doc, str):
        if 4 * len(doc) <= max_bytes:
            return None
        size = len(doc.encode("utf-8", errors="replace"))
    else:
        size = len(doc)
    return size if size > max_bytes else None


def release_freed_memory() -> None:
    """Give the memory freed by a big parse tree back to the system (glibc's malloc_trim; a
    no-op where there is none): lxml's tree lives in C's heap, which the Python objects made
    afterwards do not reuse, so the labelling would add its peak on top of the freed tree's."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        import ctypes

        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except (ImportError, OSError):
        return None
