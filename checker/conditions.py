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
        """Evaluate the condition on a fact in plain Python."""
        left = fact[self.left]
        right = fact[self.right[1:]] if self.right_is_field else self.right  # type: ignore[index]
        return bool(_OPS[self.op](left, right))

    def to_durable(self, m: Any) -> Any:
        """Build the durable_rules expression for this condition over ``m``."""
        left = getattr(m, self.left)
        right = getattr(m, self.right[1:]) if self.right_is_field else self.right  # type: ignore[index]
        return _OPS[self.op](left, right)

    def describe(self) -> str:
        """Readable form, e.g. ``abs_diff > $tolerance``."""
        return f"{self.left} {self.op} {self.right}"
