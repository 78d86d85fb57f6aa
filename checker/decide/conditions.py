"""Rule conditions: one comparison on a derived fact, run by durable_rules or in Python.

durable_rules cannot do arithmetic between fields, so every derived quantity (sums,
recomputed ratios, deviations) is computed in Python and put on a small fact; a condition
then compares one field of that fact with a constant or with another field.  The same
condition object is compiled for the engine and evaluated in Python, so the two paths can
be proven equal by property tests.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import field
from typing import Any

from checker.core.records import dataclass

FACT_DECIMALS = 4
FACT_LIMIT = 1e15
INT_LIMIT = 10**15


def encode_value(value: Any) -> Any:
    """A fact value the engine's JSON parser reads: no exponent notation.

    durable_rules rejects ``1e-05`` (error 204), so floats are rounded to 4 decimals and
    integral floats are written as integers; magnitudes are clamped to ±1e15.  Both the
    engine and the plain-Python path decide on these encoded values.
    """
    kind = value.__class__
    if kind is int and -INT_LIMIT <= value <= INT_LIMIT:
        return value  # what the float round trip below gives back for such an int
    if kind is float and -FACT_LIMIT <= value <= FACT_LIMIT:  # the common case, without clamping
        number = round(value, FACT_DECIMALS)
        return int(number) if number.is_integer() else number
    if kind is not float and (kind is bool or not isinstance(value, int | float)):
        return value
    number = max(-FACT_LIMIT, min(FACT_LIMIT, float(value)))
    number = round(number, FACT_DECIMALS)
    return int(number) if number.is_integer() else number


_OPS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


@dataclass(frozen=True)
class Condition:
    """``left op right`` where left is a fact field and right a constant or ``$field``."""

    left: str
    op: str
    right: float | str | bool
    test: Callable[[dict[str, Any]], bool] = field(init=False, repr=False, compare=False)
    """:meth:`holds`, compiled once per condition into a closure (set in ``__post_init__``)."""

    def __post_init__(self) -> None:
        if self.op not in _OPS:
            raise ValueError(f"unknown operator {self.op!r}")
        object.__setattr__(self, "test", _compiled(self.left, _OPS[self.op], self.right))

    def __reduce__(self) -> tuple[type[Condition], tuple[str, str, float | str | bool]]:
        """Pickled as its three fields: the compiled :attr:`test` is built again."""
        return Condition, (self.left, self.op, self.right)

    @property
    def right_is_field(self) -> bool:
        """Whether the right side names another field of the fact."""
        return isinstance(self.right, str) and self.right.startswith("$")

    def holds(self, fact: dict[str, Any]) -> bool:
        """Evaluate the condition on a fact in plain Python, on the values as the engine receives them."""
        return self.test(fact)

    def to_durable(self, m: Any) -> Any:
        """Build the durable_rules expression for this condition over ``m``."""
        left = getattr(m, self.left)
        right = getattr(m, self.right[1:]) if self.right_is_field else self.right  # type: ignore[index]
        return _OPS[self.op](left, right)

    def describe(self) -> str:
        """Readable form, e.g. ``abs_diff > $tolerance``."""
        return f"{self.left} {self.op} {self.right}"


def _compared(value: Any) -> Any:
    """The value a condition compares: a float within ±1e15 only rounded to 4 decimals (:func:`encode_value`
    would also make an integral one an int, which compares the same), an int within ±1e15 as it is, any
    other value through :func:`encode_value` itself.
    """
    kind = value.__class__
    if kind is float and -FACT_LIMIT <= value <= FACT_LIMIT:
        # a whole float (0.0, the common excess, distance, fraction …) is its own rounding: no round() call
        return value if value.is_integer() else round(value, FACT_DECIMALS)
    if kind is int and -INT_LIMIT <= value <= INT_LIMIT:
        return value
    return encode_value(value)


def _compiled(left: str, compare: Callable[[Any, Any], Any],
              right: float | str | bool) -> Callable[[dict[str, Any]], bool]:
    """``compare(encode_value(fact[left]), right)`` (or ``encode_value(fact[field])`` for ``$field``) as a
    closure, on :func:`_compared` values.
    """
    if isinstance(right, str) and right.startswith("$"):
        other = right[1:]

        def against_field(fact: dict[str, Any]) -> bool:
            return bool(compare(_compared(fact[left]), _compared(fact[other])))

        return against_field

    def against_constant(fact: dict[str, Any]) -> bool:
        value = fact[left]
        kind = value.__class__
        # a whole float or an int within ±1e15 (most facts) is compared as it is: _compared without its call
        if not ((kind is int or (kind is float and value.is_integer())) and -FACT_LIMIT <= value <= FACT_LIMIT):
            value = _compared(value)
        return bool(compare(value, right))

    return against_constant
