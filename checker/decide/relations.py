"""Relations between a report's figures, as linear constraints, for locating the wrong figure.

Every sum, breakdown, part-within-whole, equality and ratio rule yields, besides its probe, a
*relation*: the figures it reads and the linear constraints they must satisfy.  A ratio
"p % = 100·a/b" with p's interval [lo; hi] is linear in (a, b) once p is fixed:
lo·b ≤ 100·a ≤ hi·b.  When a figure is *freed* (supposed wrong), its value is unknown;
:mod:`checker.decide.locate` asks whether some values of the freed figures satisfy every
relation of the report at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from fractions import Fraction
from functools import lru_cache
from typing import Any, Generic, Literal, TypeVar, overload

from checker.core.numbers import format_number
from checker.core.records import dataclass
from checker.decide.bounds import single_bounds
from checker.decide.intervals import Interval, exact, half_unit, written_interval

Op = Literal["<=", "=="]

ZERO, ONE, MINUS_ONE = Fraction(0), Fraction(1), Fraction(-1)
"""Shared constants (fractions are immutable): building them in every constraint was a measurable cost."""
HUNDRED, MINUS_HUNDRED = Fraction(100), Fraction(-100)


_T = TypeVar("_T")


class _once(Generic[_T]):
    """``functools.cached_property`` without its lock: the value is found on the first read and kept in the
    object's ``__dict__``, where later reads find it without calling this.  Python 3.11's cached_property takes
    a lock on every first read (a relation's pointers, inexact figures, shaping figures: once per relation
    built); a relation is built and read by one thread.
    """

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _once[_T]: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> _T | _once[_T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass(frozen=True, slots=True)
class Figure:
    """One number of the report as written: where it is, what it is, how it was written."""

    pointer: str
    value: Fraction
    written: str
    label: str
    label_en: str
    line: int | None = None
    count: bool = True
    decimals: int = 0


@dataclass(frozen=True, slots=True)
class Linear:
    """Σ coefficient·figure ``op`` rhs, over figure pointers."""

    terms: tuple[tuple[str, Fraction], ...]
    op: Op
    rhs: Fraction

    def holds(self, values: Mapping[str, Fraction]) -> bool:
        """Whether the constraint holds with every figure at ``values``."""
        left = sum((coef * values[name] for name, coef in self.terms), ZERO)
        return left <= self.rhs if self.op == "<=" else left == self.rhs


Pair = tuple[int, int]
"""A rational as (numerator, denominator > 0), not necessarily reduced."""
Alone = tuple[Pair | None, Pair | None, bool]
"""A figure's lower and upper bounds (None: unbounded) and whether they are consistent."""
WholeTerm = tuple[str, int, int]
"""A term of a constraint with its coefficient as whole numbers: pointer, numerator, denominator (> 0)."""
WholeLinear = tuple[tuple[WholeTerm, ...], Op, int, int]
"""A :class:`Linear` in whole numbers: its terms, its operator, its right-hand side's numerator and denominator."""


def whole(constraint: Linear) -> WholeLinear:
    """The constraint with every coefficient and its right-hand side as (numerator, denominator)."""
    rhs = constraint.rhs
    return (tuple((name, c.numerator, c.denominator) for name, c in constraint.terms), constraint.op,
            rhs.numerator, rhs.denominator)


def _band(terms: Sequence[tuple[str, Fraction]], low: Fraction, high: Fraction) -> list[Linear]:
    """Low ≤ Σ terms ≤ high, as constraints (one equality when low == high)."""
    if low == high:
        return [Linear(tuple(terms), "==", low)]
    return [Linear(tuple(terms), "<=", high), Linear(tuple((n, -c) for n, c in terms), "<=", -low)]


@dataclass(frozen=True)
class Relation:
    """A rule's relation between figures; ``constraints`` gives its linear form."""

    rule_id: str
    title: str
    title_en: str
    figures: tuple[Figure, ...]
    pointer: str = field(default="")

    @_once
    def pointers(self) -> tuple[str, ...]:
        """The pointers of the figures the relation reads (found once: locating asks for them often)."""
        return tuple(figure.pointer for figure in self.figures)

    def constraints(self, values: Mapping[str, Fraction], free: frozenset[str] = frozenset()) -> list[Linear]:
        """The linear constraints, given the figures' ``values`` (those of ``free`` figures unknown)."""
        raise NotImplementedError

    def whole_constraints(self, values: Mapping[str, Fraction],
                          free: frozenset[str] = frozenset()) -> list[WholeLinear]:
        """:meth:`constraints` in whole numbers (:func:`whole`); the kinds write them directly, no fraction built."""
        return [whole(constraint) for constraint in self.constraints(values, free)]

    def shaped_by(self, free: frozenset[str]) -> frozenset[str]:
        """The freed figures the constraints depend on: ``constraints(values, free)`` is
        ``constraints(values, shaped_by(free))`` (default: every freed figure it reads).
        """
        return free & frozenset(self.pointers)

    def alone(self, pointer: str, pairs: Mapping[str, Pair]) -> Alone | None:
        """The bounds of figure ``pointer`` freed alone, every other at its value (``pairs``: each figure's value
        as (numerator, denominator)), written directly for kinds as simple as a part within a whole: the
        rationals ``rows.bounds_of_single`` finds on the rows of :meth:`constraints`, and the same consistency.
        None when the kind does not write them (its templates are read).
        """
        return None

    def holds(self, values: Mapping[str, Fraction]) -> bool:
        """Whether the relation holds with every figure at ``values``."""
        return all(constraint.holds(values) for constraint in self.constraints(values))


def _slack(figures: Sequence[Figure], free: frozenset[str]) -> Fraction:
    """Rounding allowed by the fixed, inexact figures of a sum: half a unit of each one's last decimal."""
    return sum((half_unit(f.decimals) for f in figures if not f.count and f.pointer not in free), ZERO)


@dataclass(frozen=True)
class SumRelation(Relation):
    """whole = Σ parts (within ``tolerance`` and the rounding of inexact terms)."""

    tolerance: Fraction = ZERO

    def constraints(self, values: Mapping[str, Fraction], free: frozenset[str] = frozenset()) -> list[Linear]:
        """−t ≤ Σ parts − whole ≤ t."""
        whole, *parts = self.figures
        terms = [(whole.pointer, MINUS_ONE)] + [(p.pointer, ONE) for p in parts]
        slack = _slack(self.figures, free)
        allowed = self.tolerance + slack if slack else self.tolerance  # most sums: counts only, no slack
        return _band(terms, -allowed if allowed else ZERO, allowed)

    def whole_constraints(self, values: Mapping[str, Fraction],
                          free: frozenset[str] = frozenset()) -> list[WholeLinear]:
        """:meth:`constraints` written in whole numbers: Σ parts − whole == 0, or both sides of the band."""
        slack = _slack(self.figures, free)
        allowed = self.tolerance + slack if slack else self.tolerance
        if not allowed:
            return [(self._terms, "==", 0, 1)]
        high = (allowed.numerator, allowed.denominator)
        return [(self._terms, "<=", *high), (self._negated, "<=", *high)]

    @_once
    def _terms(self) -> tuple[WholeTerm, ...]:
        """−whole + Σ parts, in whole numbers (found once)."""
        whole_, *parts = self.figures
        return ((whole_.pointer, -1, 1), *((p.pointer, 1, 1) for p in parts))

    @_once
    def _negated(self) -> tuple[WholeTerm, ...]:
        """The whole − Σ parts, in whole numbers (found once)."""
        return tuple((name, -n, d) for name, n, d in self._terms)

    @_once
    def _inexact(self) -> frozenset[str]:
        """The pointers of the figures that are not exact counts (found once)."""
        return frozenset(f.pointer for f in self.figures if not f.count)

    def shaped_by(self, free: frozenset[str]) -> frozenset[str]:
        """Only the freed inexact figures: their rounding leaves the slack."""
        return free & self._inexact


@dataclass(frozen=True)
class WithinRelation(Relation):
    """part ≤ whole."""

    def constraints(self, values: Mapping[str, Fraction], free: frozenset[str] = frozenset()) -> list[Linear]:
        """Part − whole ≤ 0."""
        part, whole = self.figures
        return [Linear(((part.pointer, ONE), (whole.pointer, MINUS_ONE)), "<=", ZERO)]

    def whole_constraints(self, values: Mapping[str, Fraction],
                          free: frozenset[str] = frozenset()) -> list[WholeLinear]:
        """:meth:`constraints` written in whole numbers."""
        part, whole_ = self.figures
        return [(((part.pointer, 1, 1), (whole_.pointer, -1, 1)), "<=", 0, 1)]

    def alone(self, pointer: str, pairs: Mapping[str, Pair]) -> Alone | None:
        """The part freed: at most the whole; the whole freed: at least the part."""
        part, whole_ = self.pointers
        if part == whole_:
            return None
        if pointer == part:
            return None, pairs[whole_], True
        if pointer == whole_:
            return pairs[part], None, True
        return None

    def shaped_by(self, free: frozenset[str]) -> frozenset[str]:
        """None: the constraint is the same whichever figures are freed."""
        return frozenset()


@dataclass(frozen=True)
class EqualRelation(Relation):
    """a = b (within ``tolerance``)."""

    tolerance: Fraction = ZERO

    def constraints(self, values: Mapping[str, Fraction], free: frozenset[str] = frozenset()) -> list[Linear]:
        """−t ≤ a − b ≤ t."""
        a, b = self.figures
        return _band([(a.pointer, ONE), (b.pointer, MINUS_ONE)], -self.tolerance, self.tolerance)

    def whole_constraints(self, values: Mapping[str, Fraction],
                          free: frozenset[str] = frozenset()) -> list[WholeLinear]:
        """:meth:`constraints` written in whole numbers."""
        a, b = self.figures
        tolerance = self.tolerance
        n, d = tolerance.numerator, tolerance.denominator
        if not n:
            return [(((a.pointer, 1, 1), (b.pointer, -1, 1)), "==", 0, 1)]
        return [(((a.pointer, 1, 1), (b.pointer, -1, 1)), "<=", n, d),
                (((a.pointer, -1, 1), (b.pointer, 1, 1)), "<=", n, d)]

    def alone(self, pointer: str, pairs: Mapping[str, Pair]) -> Alone | None:
        """Either figure freed: the other's value, within the tolerance t (consistent when t ≥ 0)."""
        a, b = self.pointers
        if a == b or pointer not in (a, b):
            return None
        other_n, other_d = pairs[b if pointer == a else a]
        tolerance = self.tolerance
        n, d = tolerance.numerator, tolerance.denominator
        if not n:
            return (other_n, other_d), (other_n, other_d), True
        return (other_n * d - n * other_d, other_d * d), (other_n * d + n * other_d, other_d * d), n > 0

    def shaped_by(self, free: frozenset[str]) -> frozenset[str]:
        """None: the constraints are the same whichever figures are freed."""
        return frozenset()


@dataclass(frozen=True)
class RatioRelation(Relation):
    """A stated percent p (figures[0]) against 100·numerator/denominator, capped at ``cap``."""

    qualifier: str = "exact"
    cap: Fraction | None = None

    def interval(self, values: Mapping[str, Fraction]) -> Interval:
        """The interval the stated percent stands for, at its (possibly changed) value."""
        percent = self.figures[0]
        return written_interval(float(values[percent.pointer]), percent.decimals, self.qualifier)

    def _bounds(self, values: Mapping[str, Fraction]) -> tuple[Fraction | None, Fraction | None] | None:
        """The bounds [lo; hi] the ratio must lie in at the percent's value (None: none can, the cap is below lo)."""
        return self._bounds_at(float(values[self.figures[0].pointer]))

    def _bounds_at(self, percent: float) -> tuple[Fraction | None, Fraction | None] | None:
        """:meth:`_bounds` with the percent's value given as the float :meth:`interval` reads."""
        interval = written_interval(percent, self.figures[0].decimals, self.qualifier)
        lo, hi = interval.lo, interval.hi
        if self.cap is not None:
            if lo is not None and lo > self.cap:
                return None
            if hi is None or hi >= self.cap:
                hi = None
        return lo, hi

    def holds(self, values: Mapping[str, Fraction]) -> bool:
        """Whether lo·b ≤ 100·a ≤ hi·b at ``values``: the constraints' test, without building them."""
        bounds = self._bounds(values)
        if bounds is None:
            return False
        lo, hi = bounds
        a, b = values[self.figures[1].pointer], values[self.figures[2].pointer]
        return (lo is None or lo * b - 100 * a <= 0) and (hi is None or 100 * a - hi * b <= 0)

    def percent_range(self, values: Mapping[str, Fraction]) -> tuple[Fraction | None, Fraction | None] | None:
        """The values v of the stated percent at which :meth:`holds` is true, as [low; high] (None: unbounded).

        Every qualifier's interval is v shifted by constants: [v − L; v + H] (either side may be
        absent), read off the interval at v = 0.  With b > 0 and r = 100·a/b, the ratio holds iff
        lo ≤ r, lo ≤ cap and (hi ≥ r or hi ≥ cap), that is v ≤ m + L and v ≥ m − H with
        m = min(r, cap).  None when b ≤ 0 (the test does not reduce to an interval): use
        :meth:`holds`.  ``v`` is the exact value of the percent as a float (as in :meth:`interval`).
        """
        percent, numerator, denominator = self.figures
        if percent.pointer in (numerator.pointer, denominator.pointer):
            return None
        b = values[denominator.pointer]
        if b <= 0:
            return None
        m = 100 * values[numerator.pointer] / b
        if self.cap is not None:
            m = min(m, self.cap)
        offsets = written_interval(0.0, percent.decimals, self.qualifier)
        low = None if offsets.hi is None else m - offsets.hi
        high = None if offsets.lo is None else m - offsets.lo
        return low, high

    def alone(self, pointer: str, pairs: Mapping[str, Pair]) -> Alone | None:
        """The percent freed: no constraint; the numerator a or the denominator b freed: the rows of
        :meth:`whole_constraints` over it, written directly (each a positive multiple of the template's row, in
        the same order), read as ``rows.bounds_of_single`` reads them: the same rationals, the same consistency.
        None when two of the figures are one.
        """
        percent, a, b = self.pointers
        if percent in (a, b) or a == b:
            return None
        if pointer == percent:
            return None, None, True
        if pointer != a and pointer != b:
            return None
        n, d = pairs[percent]
        bounds = self._bounds_at(n / d)  # the float of the percent's fraction, as :meth:`interval` reads it
        if bounds is None:
            rows: list[tuple[int, str, int]] = [(0, "<=", -1)]  # no ratio capped at cap reaches lo
        else:
            lo, hi = bounds
            rows = []
            if pointer == a:  # lo·b − 100·a ≤ 0 and 100·a − hi·b ≤ 0, b at its value
                b_n, b_d = pairs[b]
                if lo is not None:
                    rows.append((-100 * lo.denominator * b_d, "<=", -lo.numerator * b_n))
                if hi is not None:
                    rows.append((100 * hi.denominator * b_d, "<=", hi.numerator * b_n))
            else:  # the same rows, a at its value, and b ≥ 1
                a_n, a_d = pairs[a]
                if lo is not None:
                    rows.append((lo.numerator * a_d, "<=", 100 * a_n * lo.denominator))
                if hi is not None:
                    rows.append((-hi.numerator * a_d, "<=", -100 * a_n * hi.denominator))
                rows.append((-1, "<=", -1))
        return single_bounds(rows)

    def constraints(self, values: Mapping[str, Fraction], free: frozenset[str] = frozenset()) -> list[Linear]:
        """lo·b ≤ 100·a ≤ hi·b (and b ≥ 1 when b is free); nothing when p itself is free."""
        percent, numerator, denominator = self.figures
        if percent.pointer in free:
            return []
        bounds = self._bounds(values)
        if bounds is None:
            return [Linear((), "<=", MINUS_ONE)]  # no ratio capped at cap reaches lo
        lo, hi = bounds
        a, b = numerator.pointer, denominator.pointer
        out: list[Linear] = []
        if lo is not None:
            out.append(Linear(((b, lo), (a, MINUS_HUNDRED)), "<=", ZERO))
        if hi is not None:
            out.append(Linear(((a, HUNDRED), (b, -hi)), "<=", ZERO))
        if b in free:
            out.append(Linear(((b, MINUS_ONE),), "<=", MINUS_ONE))
        return out

    def whole_constraints(self, values: Mapping[str, Fraction],
                          free: frozenset[str] = frozenset()) -> list[WholeLinear]:
        """:meth:`constraints` written in whole numbers (each bound's numerator and denominator read once)."""
        percent, numerator, denominator = self.figures
        if percent.pointer in free:
            return []
        bounds = self._bounds(values)
        if bounds is None:
            return [((), "<=", -1, 1)]
        lo, hi = bounds
        a, b = numerator.pointer, denominator.pointer
        out: list[WholeLinear] = []
        if lo is not None:
            out.append((((b, lo.numerator, lo.denominator), (a, -100, 1)), "<=", 0, 1))
        if hi is not None:
            out.append((((a, 100, 1), (b, -hi.numerator, hi.denominator)), "<=", 0, 1))
        if b in free:
            out.append((((b, -1, 1),), "<=", -1, 1))
        return out

    @_once
    def _shaping(self) -> frozenset[str]:
        """The pointers of the percent and the denominator (found once)."""
        return frozenset((self.figures[0].pointer, self.figures[2].pointer))

    def shaped_by(self, free: frozenset[str]) -> frozenset[str]:
        """The percent (freed: no constraint) and the denominator (freed: kept ≥ 1)."""
        return free & self._shaping


_exact = lru_cache(maxsize=4096)(exact)
"""exact(), remembered: the same numbers (0, 100, small counts) are read in relation after relation, report
after report, and the fraction is immutable."""


def figure(pointer: str, number: float, written: str | None, label: str, label_en: str, line: int | None,
           count: bool, decimals: int) -> Figure:
    """A figure from a report value (its exact written value; ``written`` as the report spelled it)."""
    value = _exact(number)
    text = written if written is not None else format_number(number, decimals)
    return Figure(pointer, value, text, label, label_en, line, count, decimals)
