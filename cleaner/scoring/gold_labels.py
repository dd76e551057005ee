"""Per-line gold labels of a text fixture, in a diffable file beside its input.

``labels.txt`` has one line per input line. A non-blank input line ``L`` becomes
``<label padded to 8> | L``; a blank input line stays blank. Repeating the line makes the file
readable and self-checking: a label file that has drifted from its input is an error, not a
silently wrong score.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.labels import Label, parse_label
from cleaner.parse.text_dump import split_lines

SEPARATOR = " | "
LABEL_WIDTH = 8


class GoldLabelError(ValueError):
    """A labels file that does not match its input, or names an unknown label."""


def format_labels(input_text: str, labels: Sequence[Label | None]) -> str:
    """Write the labels file for ``input_text``: one label per non-blank line, blank lines blank."""
    lines = split_lines(input_text)
    if len(lines) != len(labels):
        raise ValueError(f"{len(labels)} labels for {len(lines)} input lines")
    out = []
    for line, label in zip(lines, labels, strict=True):
        if not line.strip():
            out.append("")
        elif label is None:
            raise ValueError(f"non-blank line has no label: {line!r}")
        else:
            out.append(f"{label.value:<{LABEL_WIDTH}}{SEPARATOR}{line.rstrip()}")
    return "\n".join(out)


def read_labels(labels_text: str, input_text: str, name: str = "labels.txt") -> list[Label | None]:
    """Parse a labels file against its input: one Label per non-blank input line, None for blank."""
    input_lines = split_lines(input_text)
    label_lines = split_lines(labels_text)
    # A trailing newline in either file must not count as a line of its own.
    while label_lines and not label_lines[-1].strip() and len(label_lines) > len(input_lines):
        label_lines.pop()
    if len(label_lines) != len(input_lines):
        raise GoldLabelError(
            f"{name}: {len(label_lines)} lines, but the input has {len(input_lines)}"
        )
    labels: list[Label | None] = []
    for number, (entry, original) in enumerate(zip(label_lines, input_lines, strict=True), 1):
        if not original.strip():
            if entry.strip():
                raise GoldLabelError(f"{name}:{number}: input line is blank, label line is not")
            labels.append(None)
            continue
        label_name, separator, copied = entry.partition(SEPARATOR.strip())
        if not separator:
            raise GoldLabelError(f"{name}:{number}: expected '<label> | <input line>'")
        if copied.removeprefix(" ").rstrip() != original.rstrip():
            raise GoldLabelError(f"{name}:{number}: text differs from input line {number}")
        try:
            labels.append(parse_label(label_name))
        except ValueError as error:
            raise GoldLabelError(f"{name}:{number}: {error}") from None
    return labels
