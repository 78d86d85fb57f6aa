"""Exit codes and the guard every command runs under: input errors exit 2, bugs exit 3, never a traceback.

Exit codes: 0 no finding at or above ``--fail-on``; 1 such findings; 2 usage or input error
(after every other report was checked); 3 internal error (a bug: please report it; set
``CHECKER_DEBUG=1`` for the traceback).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from checker.cli.quickexit import freeze_at_exit
from checker.core.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, InputError

EXIT_INTERNAL = 3
__all__ = ["EXIT_FINDINGS", "EXIT_INPUT", "EXIT_INTERNAL", "EXIT_OK", "guarded", "internal_error"]

F = TypeVar("F", bound=Callable[..., Any])


def internal_error(exc: BaseException) -> str:
    """The message of exit 3: the exception in one line, and how to see the traceback."""
    return (f"Lỗi nội bộ / internal error: {type(exc).__name__}: {exc}\n"
            "Đặt CHECKER_DEBUG=1 để xem chi tiết / set CHECKER_DEBUG=1 for the traceback.")


def guarded(func: F) -> F:
    """Turn InputError into exit 2 and unexpected exceptions into exit 3, without a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # a command keeps rules, targets and models to the end: skip freeing them one by one at exit
        freeze_at_exit()
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            click.echo(exc.render(), err=True)
            sys.exit(EXIT_INPUT)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if os.environ.get("CHECKER_DEBUG"):
                raise
            click.echo(internal_error(exc), err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]
