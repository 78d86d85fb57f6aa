"""Exact linear feasibility on whole-number rows: the arithmetic behind locating the wrong figure.

A constraint Σ cᵢ·xᵢ op r over the freed figures (the others substituted at their written
values) is kept as a *row* of whole numbers: every term and the right-hand side multiplied
by the least common denominator of the rationals involved (decimals as written, the rounding
half-units and percent bounds of the relations), then divided by their greatest common
divisor.  Multiplying a row by a positive number changes neither the set of values that
satisfy it nor the answer of any step below, so feasibility is decided exactly as with
fractions, with no fraction object built in the inner loops: substitution for equalities,
Fourier–Motzkin for inequalities, each combination of two rows a whole-number combination.
Bounds on a single variable are rationals kept as (numerator, positive denominator) pairs
and compared by cross-multiplication.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import NamedTuple

from checker.decide.bounds import Bound
from checker.decide.bounds import single_bounds as _bounds
from checker.decide.bounds import unsatisfiable as _unsatisfiable
from checker.decide.relations import Linear, WholeLinear

Row = tuple[dict[str, int], str, int]
"""A constraint over the freed figures only, in whole numbers: coefficients, operator ("<=" or "=="), rhs."""


def rows_of(constraints: Iterable[Linear], values: Mapping[str, Fraction], free: frozenset[str]) -> list[Row]:
    """The constraints as whole-number rows over the ``free`` figures, every other figure at ``values``."""
    return [Template.of(constraint, values).row(free) for constraint in constraints]


class Template(NamedTuple):
    """A constraint in whole numbers, every term also at its figure's value: its row over any freed figures.

    Everything is multiplied by one common denominator ``L`` of the constraint's rationals (its
    coefficients, right-hand side and each term at its value), found once; the row over a set of
    freed figures only moves the other terms to the right-hand side, in whole numbers.  Reduced
    by its greatest common divisor it is the same row whatever ``L`` was: the one primitive
    whole-number row proportional to the constraint over those figures.

    A named tuple (immutable, compared field by field), not a frozen dataclass: one is made for every
    constraint of every relation of a group with a failed one, and a frozen dataclass sets each field
    through ``object.__setattr__``.
    """

    op: str
    rhs: int
    coefs: dict[str, int]
    """Σ coefficient·L per figure."""
    at_values: dict[str, int]
    """Σ coefficient·value·L per figure (figures without a value: absent, they must be freed)."""
    fixed: int | None
    """``rhs`` with every term at its value moved over (None when a figure has no value): the row's
    right-hand side needs only the freed terms moved back."""

    @staticmethod
    def of(constraint: Linear, values: Mapping[str, Fraction]) -> Template:
        """The template of ``constraint`` with its figures at ``values``.

        ``L`` is the least common multiple of the right-hand side's denominator and each term's
        (its coefficient's times its value's, when it has one: a multiple of the coefficient's),
        each numerator and denominator read once.
        """
        rhs = constraint.rhs
        rhs_d = rhs.denominator
        scale = rhs_d
        split: list[tuple[str, int, int, int | None, int]] = []
        for name, c in constraint.terms:
            c_n, c_d = c.numerator, c.denominator
            v = values.get(name)
            if v is None:
                split.append((name, c_n, c_d, None, 1))
                d = c_d
            else:
                v_n, v_d = v.numerator, v.denominator
                split.append((name, c_n, c_d, v_n, v_d))
                d = c_d * v_d
            if d != 1 and scale % d:
                scale = scale // math.gcd(scale, d) * d
        coefs: dict[str, int] = {}
        at_values: dict[str, int] = {}
        right = rhs.numerator * (scale // rhs_d)
        fixed = right
        for name, c_n, c_d, at_n, at_d in split:
            coefs[name] = coefs.get(name, 0) + c_n * (scale // c_d)
            if at_n is not None:
                term = c_n * at_n * (scale // (c_d * at_d))
                at_values[name] = at_values.get(name, 0) + term
                fixed -= term
        return Template(constraint.op, right, coefs, at_values, fixed if len(at_values) == len(coefs) else None)

    @staticmethod
    def of_whole(constraint: WholeLinear, pairs: Mapping[str, tuple[int, int]]) -> Template:
        """:meth:`of` of a constraint written in whole numbers (``Relation.whole_constraints``), the figures'
        values given as (numerator, denominator) pairs read once per group: the same template, with no
        fraction's numerator or denominator read per term.
        """
        terms, op, rhs_n, rhs_d = constraint
        scale = rhs_d
        for name, _c_n, c_d in terms:
            pair = pairs.get(name)
            d = c_d if pair is None else c_d * pair[1]
            if d != 1 and scale % d:
                scale = scale // math.gcd(scale, d) * d
        coefs: dict[str, int] = {}
        at_values: dict[str, int] = {}
        right = rhs_n * (scale // rhs_d)
        fixed = right
        for name, c_n, c_d in terms:
            coefs[name] = coefs.get(name, 0) + c_n * (scale // c_d)
            pair = pairs.get(name)
            if pair is not None:
                term = c_n * pair[0] * (scale // (c_d * pair[1]))
                at_values[name] = at_values.get(name, 0) + term
                fixed -= term
        return Template(op, right, coefs, at_values, fixed if len(at_values) == len(coefs) else None)

    def row(self, free: frozenset[str]) -> Row:
        """The row over the ``free`` figures, every other figure at its value (reduced)."""
        coefs = {name: c for name, c in self.coefs.items() if c and name in free}
        if self.fixed is not None:
            rhs = self.fixed
            for name in free:
                if name in self.at_values:
                    rhs += self.at_values[name]
        else:
            rhs = self.rhs
            for name in self.coefs:
                if name not in free:
                    rhs -= self.at_values[name]
        return _reduced(coefs, self.op, rhs)


def _reduced(coefs: dict[str, int], op: str, rhs: int) -> Row:
    """The row divided by the (positive) greatest common divisor of its numbers."""
    divisor = math.gcd(rhs, *coefs.values())
    if divisor > 1:
        return {name: c // divisor for name, c in coefs.items()}, op, rhs // divisor
    return coefs, op, rhs


def bounds_of_single(rows: Sequence[Row], name: str) -> tuple[Bound | None, Bound | None, bool]:
    """Bounds [lo; hi] of the one variable of ``rows``, and whether they are consistent."""
    return _bounds((coefs.get(name, 0), op, rhs) for coefs, op, rhs in rows)


class _Unfixed(Exception):
    """A template whose fixed side is unknown (a figure has no value): its rows must be made."""


def bounds_alone(templates: Sequence[Template], name: str) -> tuple[Bound | None, Bound | None, bool]:
    """:func:`bounds_of_single` of the templates' rows over ``name`` freed alone, without making the rows.

    A row over one figure is ``coef·x op rhs`` with ``coef`` the template's coefficient and ``rhs`` its fixed
    right-hand side with the figure's own term moved back; left unreduced (a positive multiple of the row
    ``row`` gives), it bounds the figure at the same values and is false exactly when that row is.  The bounds
    are the same rationals, not always the same pairs (not reduced).
    """
    def rows() -> Iterable[tuple[int, str, int]]:
        for template in templates:
            fixed = template.fixed
            if fixed is None:
                raise _Unfixed
            at = template.at_values.get(name)
            yield template.coefs.get(name, 0), template.op, fixed if at is None else fixed + at

    try:
        return _bounds(rows())
    except _Unfixed:  # a figure has no value: the rows as made (read in the same order, so the same answer)
        return bounds_of_single([t.row(frozenset({name})) for t in templates], name)


def scaled_bounds(lo: Bound | None, hi: Bound | None, scale: int) -> tuple[int | None, int | None]:
    """Bounds [lo; hi] on v as bounds on the whole number v·scale: ⌈lo·scale⌉ and ⌊hi·scale⌋."""
    return (None if lo is None else -((-lo[0] * scale) // lo[1])), (None if hi is None else (hi[0] * scale) // hi[1])


def feasible_rows(rows: list[Row], free: frozenset[str], counts: frozenset[str]) -> bool:
    """Whether some values ≥ 0 of the ``free`` figures satisfy every row (``rows`` is not changed).

    A single freed figure that is a count (in ``counts``) must also take a whole value.
    """
    if len(free) == 1:
        (name,) = free
        return feasible_single(*bounds_of_single(rows, name), name in counts)
    rows = rows + [({name: -1}, "<=", 0) for name in free]
    if any(not coefs and _unsatisfiable(op, rhs) for coefs, op, rhs in rows):
        return False
    remaining = [row for row in rows if row[0]]  # a row with no variable left that holds says nothing
    for name in sorted(free):
        equality = next((row for row in remaining if row[1] == "==" and row[0].get(name)), None)
        step = (_eliminate_by_equality(remaining, equality, name) if equality is not None
                else _fourier_motzkin(remaining, name))
        if step is None:
            return False
        remaining = step
    return True


def feasible_single(lo: Bound | None, hi: Bound | None, ok: bool, count: bool) -> bool:
    """Whether a single freed figure with bounds [lo; hi] (consistent: ``ok``, from :func:`bounds_of_single`)
    has a value ≥ 0 in them, a whole one when it is a ``count``.
    """
    if not ok:
        return False
    if lo is None or lo[0] < 0:
        lo = (0, 1)  # the figure is kept ≥ 0
    if hi is None:
        return True
    if count:
        return -((-lo[0]) // lo[1]) * hi[1] <= hi[0]
    return lo[0] * hi[1] <= hi[0] * lo[1]


def _kept(out: list[Row], row: Row) -> bool:
    """Add a combined row to ``out`` unless no variable is left in it; False when that row is false."""
    coefs, op, rhs = row
    if coefs:
        out.append(row)
        return True
    return not _unsatisfiable(op, rhs)


def _eliminate_by_equality(rows: list[Row], equality: Row, name: str) -> list[Row] | None:
    """Substitute ``name`` from ``equality`` into every other row: row·|p| − equality·f·sign(p).

    None when a row left with no variable is false (no values satisfy the rows).
    """
    coefs_e, _, rhs_e = equality
    pivot = coefs_e[name]
    sign = 1 if pivot > 0 else -1
    keep = pivot * sign
    out: list[Row] = []
    for row in rows:
        if row is equality:
            continue
        coefs, op, rhs = row
        factor = coefs.get(name)
        if not factor:
            out.append(row)
            continue
        take = factor * sign
        merged = dict(coefs) if keep == 1 else {key: value * keep for key, value in coefs.items()}
        for key, value in coefs_e.items():
            if key != name:
                merged[key] = merged.get(key, 0) - take * value
        del merged[name]  # factor·keep − take·pivot = 0
        if not _kept(out, _reduced({k: v for k, v in merged.items() if v}, op, rhs * keep - take * rhs_e)):
            return None
    return out


def _fourier_motzkin(rows: list[Row], name: str) -> list[Row] | None:
    """Eliminate ``name`` from inequalities: every upper row (a > 0) times b plus every lower row (−b) times a.

    None when a combined row is false (no values satisfy the rows).
    """
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
    seen: set[tuple[tuple[tuple[str, int], ...], int]] = set()
    for (cu, _, ru), (cl, _, rl) in itertools.product(upper, lower):
        a, b = cu[name], -cl[name]
        merged: dict[str, int] = {}
        for key in cu.keys() | cl.keys():
            if key != name and (value := b * cu.get(key, 0) + a * cl.get(key, 0)):
                merged[key] = value
        row = _reduced(merged, "<=", b * ru + a * rl)
        key_ = (tuple(sorted(row[0].items())), row[2])
        if key_ not in seen:
            seen.add(key_)
            if not _kept(out, row):
                return None
    return out
