"""Exception types that ``cleaner.clean`` documents: callers catch these and nothing else."""

from __future__ import annotations


class CleanerError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(CleanerError, ValueError):
    """The document cannot be treated as a web page (empty, binary, too large, ...)."""

    kind = "input"


class EmptyInputError(InputError):
    """The document holds no visible text at all, nor any structured content (JSON-LD, meta
    description) to take instead."""

    kind = "empty"


class BinaryInputError(InputError):
    """The document is binary data (PDF, image, archive, ...) rather than HTML or text."""

    kind = "binary"


class InputTooLargeError(InputError):
    """The document is larger than the configured ``max_bytes``."""

    kind = "too-large"


class UnsupportedInputError(InputError):
    """The chosen extractor cannot handle this kind of input (an HTML-only one on text)."""

    kind = "unsupported"


class InputTimeoutError(InputError):
    """Cleaning the document took longer than the time limit (``timeout``) allowed."""

    kind = "timeout"


class UnknownExtractorError(CleanerError, ValueError):
    """No extractor is registered under the requested name."""

    kind = "unknown-extractor"


def failure_of(error: Exception) -> tuple[str, str]:
    """(kind, message) for an error that cost one document: its kind when it is one of ours,
    "internal" (with the exception's type) for anything else, which is a bug."""
    if isinstance(error, CleanerError):
        return getattr(error, "kind", "input"), str(error)
    return "internal", f"{type(error).__name__}: {error}"
