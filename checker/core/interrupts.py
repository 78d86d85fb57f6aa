"""Ctrl-C and SIGTERM: unwind the run (temporary outputs removed, workers stopped), and never lose one.

:func:`install` makes SIGINT raise ``KeyboardInterrupt`` and SIGTERM raise :class:`Terminated`
in the main process, and remembers that the signal came.  Python can swallow an exception
raised by a signal handler (one arriving inside an ``at fork`` hook or a finaliser is only
printed), so long loops and the final rename of an output call :func:`check`, which raises
again for a signal that was received but did not unwind the run.

A blocked signal is never delivered, and a process inherits its parent's signal mask through
``fork`` and ``exec`` (a launcher that blocks SIGINT around starting it, as Python's own
``subprocess`` passes its caller's mask on): :func:`install` unblocks SIGINT and SIGTERM, which
the run relies on to stop.  An *ignored* SIGINT is different and is kept ignored: a shell
without job control (a script's ``command &``) starts background commands with SIGINT ignored
so that Ctrl-C meant for the foreground does not stop them (POSIX, "Signals and Error Handling").
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from dataclasses import field
from typing import Any

from checker.core.records import dataclass

_received: list[int] = []


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C does; the command then exits 143."""


def _raise_for(signum: int) -> None:
    if signum == signal.SIGTERM:
        raise Terminated
    raise KeyboardInterrupt


def _handler(signum: int, frame: Any) -> None:
    _received.append(signum)
    _raise_for(signum)


STOPPING = frozenset({signal.SIGINT, signal.SIGTERM})
"""The signals that stop a run."""


@dataclass(frozen=True, slots=True)
class Previous:
    """What :func:`install` replaced: the handlers, and the signal mask of the main thread."""

    handlers: dict[int, Any] = field(default_factory=dict)
    mask: frozenset[int] = frozenset()


def install() -> Previous:
    """Handle SIGINT (unless ignored, as for a script's background command) and SIGTERM in this
    process's main thread, and unblock both if the process inherited them blocked.

    Returns what it replaced, for :func:`restore` (a command run inside a longer-lived process,
    such as a test or a library user, leaves that process's handlers and mask as it found them).
    """
    if threading.current_thread() is not threading.main_thread():
        return Previous()
    handlers: dict[int, Any] = {signal.SIGTERM: signal.signal(signal.SIGTERM, _handler)}
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        handlers[signal.SIGINT] = signal.signal(signal.SIGINT, _handler)
    mask = frozenset(signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING))
    return Previous(handlers, mask)


def restore(previous: Previous) -> None:
    """Put back the signal mask and the handlers :func:`install` replaced."""
    if previous.mask & STOPPING:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous.mask)
    for signum, handler in previous.handlers.items():
        signal.signal(signum, handler)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back in this thread for the block: one that comes meanwhile is delivered
    (and raises) when the block ends.

    Processes forked and threads started in the block begin with both blocked.
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def check() -> None:
    """Raise KeyboardInterrupt or Terminated again if a signal was received (and perhaps swallowed)."""
    if _received:
        _raise_for(_received[0])


def handled() -> None:
    """Tell CPython that a KeyboardInterrupt was handled, so that the exit code chosen is the one the process ends with.

    CPython remembers a KeyboardInterrupt that ended source text run by ``exec``/``eval`` (as
    ``dataclasses`` and ``namedtuple`` do to make a class: Ctrl-C can land there while the
    run is still importing), even when a caller then caught it, and under ``python -m`` the
    process, once finalised, kills itself with SIGINT instead of exiting with its code (-2 for
    its parent rather than 130).  Running an empty source text clears that record.
    """
    exec("", {})


def reset() -> None:
    """Forget received signals (a worker process, forked from a parent that saw none yet, starts clean)."""
    _received.clear()
