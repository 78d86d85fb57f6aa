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


def install() -> None:
    """Handle SIGINT (unless ignored, as under ``nohup``) and SIGTERM in this process's main thread."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _handler)
    signal.signal(signal.SIGTERM, _handler)


def check() -> None:
    """Raise KeyboardInterrupt or Terminated again if a signal was received (and perhaps swallowed)."""
    if _received:
        _raise_for(_received[0])


def reset() -> None:
    """Forget received signals (a worker process, forked from a parent that saw none yet, starts clean)."""
    _received.clear()
