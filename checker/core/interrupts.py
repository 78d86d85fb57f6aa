"""Ctrl-C and SIGTERM: unwind the run (temporary outputs removed, workers stopped), and never lose one.

:func:`install` makes SIGINT raise ``KeyboardInterrupt`` and SIGTERM raise :class:`Terminated`
in the main process, and remembers that the signal came.  Python can swallow an exception
raised by a signal handler (one arriving inside an ``at fork`` hook or a finaliser is only
printed), so long loops and the final rename of an output call :func:`check`, which raises
again for a signal that was received but did not unwind the run.
"""

from __future__ import annotations

import signal
import threading
from typing import Any

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


def install() -> dict[int, Any]:
    """Handle SIGINT (unless ignored, as under ``nohup``) and SIGTERM in this process's main thread.

    Returns the handlers replaced, for :func:`restore` (a command run inside a longer-lived
    process, such as a test or a library user, leaves that process's handlers as it found them).
    """
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous: dict[int, Any] = {signal.SIGTERM: signal.signal(signal.SIGTERM, _handler)}
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        previous[signal.SIGINT] = signal.signal(signal.SIGINT, _handler)
    return previous


def restore(previous: dict[int, Any]) -> None:
    """Put back the handlers :func:`install` replaced."""
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def check() -> None:
    """Raise KeyboardInterrupt or Terminated again if a signal was received (and perhaps swallowed)."""
    if _received:
        _raise_for(_received[0])


def reset() -> None:
    """Forget received signals (a worker process, forked from a parent that saw none yet, starts clean)."""
    _received.clear()
