"""Default factories for pydantic fields: new empty lists and dicts.

Pydantic inspects the signature of every ``default_factory``; for the builtins ``list`` and
``dict`` that means parsing their text signature with :mod:`tokenize`, whose first use
costs several milliseconds of a cold start.  Plain functions are inspected directly.
"""

from __future__ import annotations

from typing import Any


def new_list() -> list[Any]:
    """A new empty list."""
    return []


def new_dict() -> dict[Any, Any]:
    """A new empty dict."""
    return {}
