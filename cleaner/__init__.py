"""cleaner: keep the article of a scraped web page, and say what every other piece of it was.

    >>> from cleaner import clean
    >>> result = clean(open("page.txt", "rb").read())
    >>> result.text, result.title, [s.label for s in result.segments]
"""

from cleaner.blocks import Block, DomHints, Page
from cleaner.build_info import build_kind
from cleaner.errors import (
    BinaryInputError,
    CleanerError,
    EmptyInputError,
    InputError,
    InputTimeoutError,
    InputTooLargeError,
    UnknownExtractorError,
    UnsupportedInputError,
)
from cleaner.labels import Label
from cleaner.options import Options
from cleaner.pipeline import clean, clean_document
from cleaner.result import Decision, LabelledBlock, Result, Segment

__version__ = "0.1.0"

__all__ = [
    "BinaryInputError",
    "Block",
    "CleanerError",
    "Decision",
    "DomHints",
    "EmptyInputError",
    "InputError",
    "InputTimeoutError",
    "InputTooLargeError",
    "Label",
    "LabelledBlock",
    "Options",
    "Page",
    "Result",
    "Segment",
    "UnknownExtractorError",
    "UnsupportedInputError",
    "clean",
    "clean_document",
    "__version__",
    "build_kind",
]
