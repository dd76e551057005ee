"""A per-call time limit: checked between the pipeline's stages and inside its long loops, with
a signal-based backstop for code that never checks.

Two mechanisms, as in ``cleaner clean``'s workers:

* ``Deadline.check`` (cooperative): cleaner's own stages and loops ask every CHECK_EVERY items
  and raise InputTimeoutError once the limit has passed;
* ``hard_time_limit`` (SIGALRM): interrupts whatever Python code runs, a trafilatura call
  included, when its time is up. Only where SIGALRM exists and only in a process's main
  thread; it stays out of the way of an earlier alarm the caller has set, and restores the
  caller's handler and alarm when it is done.

Neither interrupts a single call into C: lxml parsing one huge page (about 1 s per 15 MB of
HTML) ends before the next check or signal is handled.
"""

from __future__ import annotations

import gc
import math
import signal
import threading
import time
from contextlib import AbstractContextManager, nullcontext, suppress
from types import FrameType, TracebackType
from typing import Any

from cleaner.errors import InputTimeoutError

#: The hard time limit (SIGALRM) fires at this multiple of the time limit: the pipeline's own
#: checks come first wherever they can.
HARD_LIMIT_FACTOR = 1.5
#: Loops check the deadline once per this many items (a clock read costs more than an item).
CHECK_EVERY = 256


def time_limit(seconds: float | None) -> float | None:
    """``seconds`` as a time limit: None (and infinity) for no limit; ValueError for a limit
    that is not a positive number (zero, negative, NaN)."""
    if seconds is None or seconds == math.inf:
        return None
    if not seconds > 0:  # also refuses NaN, which compares false with everything
        raise ValueError(f"a time limit must be a positive number of seconds, not {seconds}")
    return float(seconds)


class Deadline:
    """The moment a call must give up by; ``check`` raises InputTimeoutError once it passes."""

    __slots__ = ("seconds", "_end")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = time_limit(seconds)
        self._end = None if self.seconds is None else time.monotonic() + self.seconds

    def check(self, stage: str, step: str = "") -> None:
        """Raise InputTimeoutError when the time is up (``stage`` and ``step``: where the call
        got to; the message is only put together when it is needed)."""
        if self._end is not None and time.monotonic() > self._end:
            raise InputTimeoutError(self.message(stage, step))

    def remaining(self) -> float | None:
        """Seconds left (0.0 once the time is up); None without a limit."""
        return None if self._end is None else max(0.0, self._end - time.monotonic())

    def message(self, stage: str, step: str = "") -> str:
        where = f"{stage} ({step})" if step else stage
        return f"gave up after the time limit of {self.seconds:g} s (while {where})"

    def enforced(self, stage: str) -> AbstractContextManager[None]:
        """A hard limit at this deadline for the block (``stage``: what runs, for the message):
        for a call that never checks, such as trafilatura's. Where no hard limit can be set
        (see ``hard_limit_usable``) the block runs to its end."""
        remaining = self.remaining()
        if remaining is None:
            return nullcontext()
        if remaining <= 0:
            raise InputTimeoutError(self.message(stage))
        return _Alarm(remaining, self.message(stage))


#: No limit: check() never raises.
NO_DEADLINE = Deadline(None)


def hard_limit_usable() -> bool:
    """Whether a hard limit can interrupt code here: SIGALRM exists and this is the main
    thread (Python runs signal handlers there only)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def hard_time_limit(seconds: float | None) -> AbstractContextManager[None]:
    """Interrupt whatever runs (trafilatura included) with InputTimeoutError when ``seconds``
    times HARD_LIMIT_FACTOR have passed: the backstop for the pipeline's own checks.

    No limit for None or infinity (ValueError for zero, negative or NaN). Uses SIGALRM, so only
    where it exists and only in a main thread; elsewhere the pipeline's own checks are the
    limit. Nests: inside an earlier alarm (an outer hard limit, or the caller's own) it sets
    none; inside a later one it restores that one's handler and remaining time when done.
    """
    limit = time_limit(seconds)
    if limit is None:
        return nullcontext()
    stop = limit * HARD_LIMIT_FACTOR
    return _Alarm(stop, f"gave up after the time limit of {limit:g} s (stopped at {stop:g} s)")


#: Seconds after which an alarm whose exception did not stop the block goes off again.
_AGAIN_AFTER = 0.05
#: The shortest alarm set (a time that rounds to zero microseconds would cancel it instead).
_SHORTEST = 0.001


class _TimeUp(BaseException):
    """Raised by the alarm handler: a BaseException, so that the ``except Exception`` (and
    ``except ValueError``) clauses inside trafilatura do not swallow it; _Alarm turns it into
    InputTimeoutError at its own boundary."""


class _Alarm:
    """Raise InputTimeoutError(message) in the block when ``seconds`` have passed (SIGALRM).

    A class, not a generator: the handler must never raise while the alarm is being set or
    taken down (a _TimeUp raised there would leave the block unconverted and the alarm set),
    and it can tell those moments by the code it interrupts. A contextmanager's own __exit__
    would be a window it cannot see.
    """

    __slots__ = ("seconds", "message", "armed", "fired", "_set", "_previous", "_outer",
                 "_started", "_collecting")

    def __init__(self, seconds: float, message: str) -> None:
        self.seconds = seconds
        self.message = message
        #: Whether the handler may still interrupt the block (cleared before taking it down).
        self.armed = False
        self.fired = False
        self._set = False
        self._previous: Any = None
        self._outer = (0.0, 0.0)
        self._started = 0.0
        #: Whether the garbage collector runs (its callbacks and finalizers only print an
        #: exception raised in them, so the handler waits until it is done).
        self._collecting = False

    def __enter__(self) -> None:
        if not hard_limit_usable():
            return
        self._outer = signal.getitimer(signal.ITIMER_REAL)
        if self._outer[0] and self._outer[0] <= self.seconds:
            return  # an alarm already set goes off first: its handler is the limit
        self._started = time.monotonic()
        self.armed = True
        self._set = True
        gc.callbacks.insert(0, self._gc_starts)
        gc.callbacks.append(self._gc_ends)
        self._previous = signal.signal(signal.SIGALRM, self._time_up)
        signal.setitimer(signal.ITIMER_REAL, max(self.seconds, _SHORTEST))

    def _time_up(self, signum: int, frame: FrameType | None) -> None:
        if not self.armed:
            return  # too late: the block has ended
        self.fired = True
        # Again soon: should this one be swallowed (raised in a gc callback or __del__,
        # Python only prints it; or caught by a bare except), or put off below.
        signal.setitimer(signal.ITIMER_REAL, _AGAIN_AFTER)
        if self._collecting or (frame is not None and frame.f_code in _SETTING_UP_OR_DOWN):
            return
        raise _TimeUp

    def _gc_starts(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._collecting = True

    def _gc_ends(self, phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            self._collecting = False
            if self.fired and self.armed:  # put off during the collection: go off right after
                signal.setitimer(signal.ITIMER_REAL, _SHORTEST)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if not self._set:
            return  # no alarm of ours: a _TimeUp here is an outer alarm's to turn
        self._take_down()
        if kind is _TimeUp:
            raise InputTimeoutError(self.message) from None
        if kind is None and self.fired:
            # The handler ran but its exception never came out of the block: the time is up
            # all the same.
            raise InputTimeoutError(self.message)

    def _take_down(self) -> None:
        """Stop the alarm and give the caller back its handler and its own alarm's remaining
        time."""
        self.armed = False
        self._set = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        # None: the handler was not set from Python; the default is the closest there is.
        signal.signal(signal.SIGALRM, signal.SIG_DFL if self._previous is None else self._previous)
        for callback in (self._gc_starts, self._gc_ends):
            with suppress(ValueError):  # taken out by someone else
                gc.callbacks.remove(callback)
        self._collecting = False
        outer_delay, outer_interval = self._outer
        if outer_delay:
            left = outer_delay - (time.monotonic() - self._started)
            signal.setitimer(signal.ITIMER_REAL, max(left, _SHORTEST), outer_interval)


#: The code during which the handler puts its exception off (see _Alarm).
_SETTING_UP_OR_DOWN = frozenset(
    function.__code__ for function in
    (_Alarm.__enter__, _Alarm._time_up, _Alarm._gc_starts, _Alarm._gc_ends, _Alarm.__exit__,
     _Alarm._take_down))
