"""Exit codes and the guard every command runs under: input errors exit 2, bugs exit 3, never a traceback.

Exit codes: 0 no finding at or above ``--fail-on``; 1 such findings; 2 usage or input error
(after every other report was checked); 3 internal error (a bug: please report it; set
``CHECKER_DEBUG=1`` for the traceback); 130 interrupted by Ctrl-C (SIGINT), 143 stopped by
SIGTERM — workers are stopped and no partial output file is left.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from checker.cli.quickexit import freeze_at_exit
from checker.core import interrupts
from checker.core.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, InputError
from checker.core.printable import visible

EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM
__all__ = ["EXIT_FINDINGS", "EXIT_INPUT", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_TERMINATED",
           "guarded", "internal_error"]

F = TypeVar("F", bound=Callable[..., Any])


def internal_error(exc: BaseException) -> str:
    """The message of exit 3: the exception in one line, and how to see the traceback."""
    return (f"Lỗi nội bộ / internal error: {type(exc).__name__}: {exc}\n"
            "Đặt CHECKER_DEBUG=1 để xem chi tiết / set CHECKER_DEBUG=1 for the traceback.")


def guarded(func: F) -> F:
    """Turn InputError into exit 2, unexpected exceptions into exit 3, Ctrl-C into 130 and SIGTERM into 143."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # a command keeps rules, targets and models to the end: skip freeing them one by one at exit
        freeze_at_exit()
        interrupts.reset()
        previous = interrupts.install()
        try:
            return _run(func, *args, **kwargs)
        finally:
            interrupts.restore(previous)

    return wrapper  # type: ignore[return-value]


def _run(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a command: InputError exits 2, Ctrl-C 130, SIGTERM 143, anything unexpected 3."""
    try:
        return func(*args, **kwargs)
    except KeyboardInterrupt:
        interrupts.handled()
        click.echo("Đã dừng theo yêu cầu (Ctrl-C), không ghi kết quả dở dang / interrupted, no partial output "
                   "written", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except interrupts.Terminated:
        click.echo("Đã dừng (SIGTERM), không ghi kết quả dở dang / terminated, no partial output written", err=True)
        sys.exit(EXIT_TERMINATED)
    except InputError as exc:
        click.echo(visible(exc.render()), err=True)
        sys.exit(EXIT_INPUT)
    except (click.exceptions.Exit, click.ClickException, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("CHECKER_DEBUG"):
            raise
        click.echo(visible(internal_error(exc)), err=True)
        sys.exit(EXIT_INTERNAL)
