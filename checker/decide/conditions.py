"""Rule conditions: one comparison on a derived fact, run by durable_rules or in Python.

durable_rules cannot do arithmetic between fields, so every derived quantity (sums,
recomputed ratios, deviations) is computed in Python and put on a small fact; a condition
then compares one field of that fact with a constant or with another field.  The same
condition object is compiled for the engine and evaluated in Python, so the two paths can
be proven equal by property tests.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any

FACT_DECIMALS = 4
FACT_LIMIT = 1e15
_INT_LIMIT = 10**15


def encode_value(value: Any) -> Any:
    """A fact value the engine's JSON parser reads: no exponent notation.

    durable_rules rejects ``1e-05`` (error 204), so floats are rounded to 4 decimals and
    integral floats are written as integers; magnitudes are clamped to ±1e15.  Both the
    engine and the plain-Python path decide on these encoded values.
    """
    kind = value.__class__
    if kind is int and -_INT_LIMIT <= value <= _INT_LIMIT:
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

    def __post_init__(self) -> None:
        if self.op not in _OPS:
            raise ValueError(f"unknown operator {self.op!r}")

    @property
    def right_is_field(self) -> bool:
        """Whether the right side names another field of the fact."""
        return isinstance(self.right, str) and self.right.startswith("$")

    def holds(self, fact: dict[str, Any]) -> bool:
        """Evaluate the condition on a fact in plain Python, on the values as the engine receives them."""
        left = encode_value(fact[self.left])
        right = encode_value(fact[self.right[1:]]) if self.right_is_field else self.right  # type: ignore[index]
        return bool(_OPS[self.op](left, right))

    def to_durable(self, m: Any) -> Any:
        """Build the durable_rules expression for this condition over ``m``."""
        left = getattr(m, self.left)
        right = getattr(m, self.right[1:]) if self.right_is_field else self.right  # type: ignore[index]
        return _OPS[self.op](left, right)

    def describe(self) -> str:
        """Readable form, e.g. ``abs_diff > $tolerance``."""
        return f"{self.left} {self.op} {self.right}"
