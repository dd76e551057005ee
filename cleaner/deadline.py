"""A per-call time limit: checked between the pipeline's stages and inside its long loops.

Cooperative: a stage running inside a C library (lxml parsing one huge page) or a third-party
call (trafilatura) finishes before the next check. The batch runner adds a hard limit in its
worker processes (see cleaner.batch.runner).
"""

from __future__ import annotations

import time

from cleaner.errors import InputTimeoutError


class Deadline:
    """The moment a call must give up by; ``check`` raises InputTimeoutError once it passes."""

    __slots__ = ("seconds", "_end")

    def __init__(self, seconds: float | None) -> None:
        if seconds is not None and seconds <= 0:
            raise ValueError(f"a time limit must be positive, not {seconds}")
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def check(self, stage: str, step: str = "") -> None:
        """Raise InputTimeoutError when the time is up (``stage`` and ``step``: where the call
        got to; the message is only put together when it is needed)."""
        if self._end is not None and time.monotonic() > self._end:
            where = f"{stage} ({step})" if step else stage
            raise InputTimeoutError(
                f"gave up after the time limit of {self.seconds:g} s (while {where})"
            )


#: No limit: check() never raises.
NO_DEADLINE = Deadline(None)
#: Loops check the deadline once per this many items (a clock read costs more than an item).
CHECK_EVERY = 256
