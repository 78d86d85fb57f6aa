"""What a written figure stands for: an interval, from its written decimals and its qualifier.

XBRL calculations (Arelle's ``rangeValue``): a value written with *d* decimals stands for
[v − ½·10⁻ᵈ; v + ½·10⁻ᵈ] (round to nearest); an exact count is a point.  A qualifier widens
or shifts it: "trên 80 %" is (80; ∞), "dưới 10 %" is [0; 10), "khoảng 90 %" is 90 ± 1 point,
"gần 90 %" is [88; 90,5].  A relation fails only when the exact value lies outside; how far
outside (the *distance*) sets the severity.  All arithmetic is exact (fractions of the written
decimal strings), so "12,345" sits exactly on the edge of the interval of "12,34" and is inside.

An interval depends only on what it is built from (value, decimals, qualifier), so
:func:`written_interval` and :func:`half_unit` are memoised on exactly those arguments: a stated
percent's interval is computed once, not once per constraint that reads it.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

from checker.core.numbers import format_number
from checker.core.records import dataclass

ABOUT_BAND = Fraction(1)
""""khoảng x %" allows x ± 1 percentage point (or the rounding interval, if wider)."""
NEARLY_BAND = Fraction(2)
""""gần x %" allows [x − 2; x + ½ unit]: close to x, from below."""


def exact(number: float | int) -> Fraction:
    """The exact value of a number as it was written (97.8 is 978/10, not the nearest binary float)."""
    if isinstance(number, int):
        return Fraction(number)
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {number!r}")
    if number.is_integer():
        return Fraction(int(number))
    text = repr(float(number))
    whole, dot, tail = text.partition(".")
    if not dot or "e" in tail:  # exponent notation (1e-05, 1.5e-07): parsed as written
        return Fraction(text)
    return Fraction(int(whole + tail), 10 ** len(tail))  # "97.8": 978/10, what Fraction("97.8") is


@dataclass(frozen=True, slots=True)
class Interval:
    """[lo; hi] (either side may be open or unbounded: None)."""

    lo: Fraction | None
    hi: Fraction | None
    lo_open: bool = False
    hi_open: bool = False

    def distance(self, value: Fraction) -> Fraction:
        """How far ``value`` lies outside the interval (0 inside; open edges count as inside)."""
        if self.lo is not None and value < self.lo:
            return self.lo - value
        if self.hi is not None and value > self.hi:
            return value - self.hi
        return Fraction(0)

    def overlap_gap(self, other: Interval) -> Fraction:
        """Distance between two intervals (0 when they overlap)."""
        if self.lo is not None and other.hi is not None and other.hi < self.lo:
            return self.lo - other.hi
        if self.hi is not None and other.lo is not None and other.lo > self.hi:
            return other.lo - self.hi
        return Fraction(0)

    def text(self, unit: str = "") -> str:
        """Vietnamese notation: "[97,75; 97,85]", "(80; +∞)"; ``unit`` (e.g. " %") appended."""
        left = "(" if self.lo is None or self.lo_open else "["
        right = ")" if self.hi is None or self.hi_open else "]"
        lo = "−∞" if self.lo is None else format_fraction(self.lo)
        hi = "+∞" if self.hi is None else format_fraction(self.hi)
        return f"{left}{lo}; {hi}{right}{unit}"


def format_fraction(value: Fraction, decimals: int = 4) -> str:
    """A fraction the Vietnamese way, with up to ``decimals`` decimals: 1955/20 -> "97,75"."""
    number = rounded(value, decimals)
    return format_number(number, decimals if not number.is_integer() else 0)


def rounded(value: Fraction, decimals: int) -> float:
    """``float(round(value, decimals))`` in whole numbers (``decimals`` ≥ 0): half to even, as ``Fraction``
    rounds, without building the three fractions ``round`` does (the same float: both divide the same ratio).
    """
    shift: int = 10**decimals
    whole, rest = divmod(value.numerator * shift, value.denominator)
    twice = 2 * rest
    if twice > value.denominator or (twice == value.denominator and whole % 2):
        whole += 1
    return whole / shift


@lru_cache(maxsize=64)
def half_unit(decimals: int) -> Fraction:
    """Half a unit of the last written decimal: ½·10⁻ᵈ."""
    return Fraction(1, 2 * 10**decimals)


@lru_cache(maxsize=4096)
def written_interval(value: float, decimals: int, qualifier: str = "exact", exact_count: bool = False) -> Interval:
    """The interval a figure stands for, as written: ``decimals`` decimals and its ``qualifier``.

    An exact count is a point; any other exact figure is its rounding interval.
    """
    v = exact(value)
    half = Fraction(0) if exact_count else half_unit(decimals)
    if qualifier == "more_than":
        return Interval(v, None, lo_open=True)
    if qualifier == "at_least":
        return Interval(v, None)
    if qualifier == "less_than":
        return Interval(None, v, hi_open=True)
    if qualifier == "at_most":
        return Interval(None, v)
    if qualifier == "about":
        band = max(half, ABOUT_BAND)
        return Interval(v - band, v + band)
    if qualifier == "nearly":
        return Interval(v - NEARLY_BAND, v + half)
    return Interval(v - half, v + half)


def severity_by_distance(distance: Fraction, warning_within: float, severity: str) -> str:
    """``warning`` when just outside (distance ≤ ``warning_within``), else the rule's ``severity``."""
    if severity == "error" and distance <= exact(warning_within):
        return "warning"
    return severity
