"""Bounds of one variable from whole-number rows ``coef·x op rhs``: what :mod:`checker.decide.rows` reads off a
figure freed alone, and what the simplest relations (:meth:`checker.decide.relations.Relation.alone`) write
directly.  Bounds are rationals kept as (numerator, positive denominator) pairs, compared by
cross-multiplication.
"""

from __future__ import annotations

from collections.abc import Iterable

Bound = tuple[int, int]
"""A rational bound as (numerator, denominator), denominator > 0 (not necessarily reduced)."""


def unsatisfiable(op: str, rhs: int) -> bool:
    """Whether a row with no variable left (0 op rhs) is false."""
    return rhs != 0 if op == "==" else rhs < 0


def single_bounds(rows: Iterable[tuple[int, str, int]]) -> tuple[Bound | None, Bound | None, bool]:
    """Bounds [lo; hi] of one variable from rows ``coef·x op rhs`` taken in order, and whether they are consistent
    (a row without the variable that is false ends the reading there).
    """
    lo: Bound | None = None
    hi: Bound | None = None
    for coef, op, rhs in rows:
        if not coef:
            if unsatisfiable(op, rhs):
                return lo, hi, False
            continue
        bound = (rhs, coef) if coef > 0 else (-rhs, -coef)
        if op == "==" or coef < 0:
            if lo is None or bound[0] * lo[1] > lo[0] * bound[1]:
                lo = bound
        if op == "==" or coef > 0:
            if hi is None or bound[0] * hi[1] < hi[0] * bound[1]:
                hi = bound
    return lo, hi, lo is None or hi is None or lo[0] * hi[1] <= hi[0] * lo[1]
