"""Why a batch run did not start, or stopped before its end (per-file failures are Outcomes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleaner.batch.runner import Summary


class BatchRefusedError(Exception):
    """The run cannot start as asked (its output is another run's, overlaps its inputs, holds
    results of other settings, or cannot be written); nothing was cleaned."""


class BatchStoppedError(Exception):
    """The run stopped before its end: a signal, or an output that can no longer be written.
    What it wrote is whole; the same command resumes it."""

    def __init__(self, reason: str, summary: Summary, signal_number: int | None = None) -> None:
        super().__init__(reason)
        self.summary = summary
        #: The signal that stopped the run (its exit status is 128 + this), if one did.
        self.signal_number = signal_number
