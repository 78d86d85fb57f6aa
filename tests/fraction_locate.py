"""The fraction arithmetic that locating the wrong figure used before whole-number rows (checker.decide.rows).

Kept, unchanged but for these lines, as the reference the property tests compare the whole-number
version with (tests/test_rows.py): the same answers on random constraints, values and freed figures.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from checker.decide.relations import MINUS_ONE, ZERO, Linear

Row = tuple[dict[str, Fraction], str, Fraction]
"""A constraint over the freed figures only: coefficients, operator, right-hand side."""


def _substitute(constraints: Iterable[Linear], values: Mapping[str, Fraction], free: frozenset[str]) -> list[Row]:
    rows: list[Row] = []
    for constraint in constraints:
        coefs: dict[str, Fraction] = {}
        rhs = constraint.rhs
        for name, coef in constraint.terms:
            if name in free:
                coefs[name] = coefs.get(name, ZERO) + coef
            else:
                rhs -= coef * values[name]
        rows.append(({k: v for k, v in coefs.items() if v}, constraint.op, rhs))
    return rows


def _bounds_of_single(rows: Sequence[Row], name: str) -> tuple[Fraction | None, Fraction | None, bool]:
    """Bounds [lo; hi] of the one variable of ``rows``, and whether they are consistent."""
    lo: Fraction | None = None
    hi: Fraction | None = None
    for coefs, op, rhs in rows:
        coef = coefs.get(name, ZERO)
        if not coef:
            if (op == "==" and rhs != 0) or (op == "<=" and rhs < 0):
                return lo, hi, False
            continue
        bound = rhs / coef
        if op == "==":
            lo = bound if lo is None else max(lo, bound)
            hi = bound if hi is None else min(hi, bound)
        elif coef > 0:
            hi = bound if hi is None else min(hi, bound)
        else:
            lo = bound if lo is None else max(lo, bound)
    return lo, hi, lo is None or hi is None or lo <= hi


def _trivially_false(rows: Iterable[Row]) -> bool:
    return any(not coefs and ((op == "==" and rhs != 0) or (op == "<=" and rhs < 0)) for coefs, op, rhs in rows)


def feasible(constraints: Sequence[Linear], values: Mapping[str, Fraction], free: frozenset[str],
             counts: frozenset[str] = frozenset()) -> bool:
    """Whether some values of the ``free`` figures satisfy every constraint (others at ``values``).

    Freed figures are ≥ 0; a single freed figure that is a count (in ``counts``) must also
    take a whole value.
    """
    return _feasible_rows(_substitute(constraints, values, free), free, counts)


def _feasible_rows(rows: list[Row], free: frozenset[str], counts: frozenset[str]) -> bool:
    """:func:`feasible` on constraints already written over the freed figures only (``rows``, not changed)."""
    rows = rows + [({name: MINUS_ONE}, "<=", ZERO) for name in free]
    if len(free) == 1:
        (name,) = free
        lo, hi, ok = _bounds_of_single(rows, name)
        if not ok:
            return False
        if name in counts and lo is not None and hi is not None:
            return _ceil(lo) <= hi
        return True
    variables = sorted(free)
    for name in variables:
        if _trivially_false(rows):
            return False
        equality = next((row for row in rows if row[1] == "==" and row[0].get(name)), None)
        if equality is not None:
            rows = _eliminate_by_equality(rows, equality, name)
        else:
            rows = _fourier_motzkin(rows, name)
    return not _trivially_false(rows)


def _ceil(value: Fraction) -> int:
    return -((-value.numerator) // value.denominator)


def _eliminate_by_equality(rows: list[Row], equality: Row, name: str) -> list[Row]:
    coefs_e, _, rhs_e = equality
    pivot = coefs_e[name]
    out: list[Row] = []
    for row in rows:
        if row is equality:
            continue
        coefs, op, rhs = row
        factor = coefs.get(name)
        if not factor:
            out.append(row)
            continue
        scale = factor / pivot
        merged = dict(coefs)
        for key, value in coefs_e.items():
            merged[key] = merged.get(key, ZERO) - scale * value
        merged.pop(name, None)
        out.append(({k: v for k, v in merged.items() if v}, op, rhs - scale * rhs_e))
    return out


def _fourier_motzkin(rows: list[Row], name: str) -> list[Row]:
    upper: list[Row] = []
    lower: list[Row] = []
    out: list[Row] = []
    for row in rows:
        coef = row[0].get(name)
        if not coef:
            out.append(row)
        elif coef > 0:
            upper.append(row)
        else:
            lower.append(row)
    seen: set[tuple[tuple[tuple[str, Fraction], ...], Fraction]] = set()
    for (cu, _, ru), (cl, _, rl) in itertools.product(upper, lower):
        a, b = cu[name], -cl[name]
        merged: dict[str, Fraction] = {}
        for key in set(cu) | set(cl):
            if key == name:
                continue
            value = cu.get(key, ZERO) / a + cl.get(key, ZERO) / b
            if value:
                merged[key] = value
        rhs = ru / a + rl / b
        key_ = (tuple(sorted(merged.items())), rhs)
        if key_ not in seen:
            seen.add(key_)
            out.append((merged, "<=", rhs))
    return out
