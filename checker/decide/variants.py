"""The values a written figure may have been meant as, had one typing slip produced it.

Works on the digits as written, keeping the number of decimals: what is written may be the
meant number with one digit changed, two neighbours swapped, one digit left out (so a digit
is put back) or one digit typed twice (so one of a repeated pair is removed).  The variants of
a figure depend only on its digits and decimals, so they are generated once per such pair
(:func:`digit_variants`, memoised on exactly those two whole numbers) and shared by every
suspect, group and report that writes the same figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from functools import lru_cache

from checker.decide.relations import Figure

Variant = tuple[int, str]
"""A meant value as a whole number of the figure's last decimal (value × 10^decimals), and the slip's kind."""


def slip_variants(item: Figure) -> Iterator[tuple[Fraction, str]]:
    """Values the figure may have been meant as, had one typing slip produced what is written, with the slip's kind."""
    scale = 10**item.decimals
    for scaled, kind in scaled_variants(item):
        yield Fraction(scaled, scale), kind


def scaled_variants(item: Figure) -> tuple[Variant, ...]:
    """:func:`slip_variants` as whole numbers of the figure's last decimal, in the order they are tried.

    None for a negative figure or one with more decimals than it was written with.
    """
    scaled = _scaled(item)
    return () if scaled is None else digit_variants(scaled, item.decimals)


def scaled_variants_within(item: Figure, low: int | None, high: int | None) -> list[Variant]:
    """``within(scaled_variants(item), low, high)``, found without making the variants outside [low; high].

    Bounded on both sides (a relation that restores at one value or a narrow band), only the
    digits at each place that land inside are tried (:func:`digit_variants_within`); else the
    memoised variants are filtered.
    """
    if low is None or high is None:
        return within(scaled_variants(item), low, high)
    scaled = _scaled(item)
    return [] if scaled is None else digit_variants_within(scaled, item.decimals, low, high)


def _scaled(item: Figure) -> int | None:
    """The figure as a whole number of its last decimal (value × 10^decimals); None when negative or when it
    has more decimals than it was written with.  In whole numbers: no fraction is made.
    """
    value = item.value
    numerator, denominator = value.numerator, value.denominator
    if numerator < 0:
        return None
    scaled, rest = divmod(numerator * 10**item.decimals, denominator)
    return None if rest else scaled


def within(variants: tuple[Variant, ...], low: int | None, high: int | None) -> list[Variant]:
    """The variants in [low; high] (None: unbounded), in their order."""
    if low is None and high is None:
        return list(variants)
    if low is None:
        return [v for v in variants if v[0] <= high]  # type: ignore[operator]
    if high is None:
        return [v for v in variants if v[0] >= low]
    return [v for v in variants if low <= v[0] <= high]


@lru_cache(maxsize=4096)
def digit_variants(scaled: int, decimals: int) -> tuple[Variant, ...]:
    """The slip variants of the whole number ``scaled`` written with ``decimals`` decimals, in the order tried.

    On the digits as written (at least ``decimals + 1``, zero-padded): every digit changed, every
    two different neighbours swapped, every digit put back at every place, every repeated digit
    typed once.  A spelling is tried once (the first way it arises: a digit put back beside the
    same digit, or one of a run typed once, is the same spelling as at the run's start), never
    the written one, and never with a leading zero beyond the digits a decimal needs.  Values
    are computed from the number itself, place by place, not by re-spelling it.
    """
    digits = [int(d) for d in str(scaled).rjust(decimals + 1, "0")]
    n = len(digits)
    weight = [10 ** (n - 1 - i) for i in range(n)]
    long = n > decimals + 1  # longer than a decimal needs: a spelling of n digits may not start with 0
    out: list[Variant] = []
    for i, d in enumerate(digits):
        for r in range(10):
            if r != d and not (long and i == 0 and r == 0):
                out.append((scaled + (r - d) * weight[i], "digit"))
    for i in range(n - 1):
        a, b = digits[i], digits[i + 1]
        if a != b and not (long and i == 0 and b == 0):
            out.append((scaled + (b - a) * (weight[i] - weight[i + 1]), "swap"))
    for i in range(n + 1):  # longer than the written digits: may not start with 0
        place = 10 ** (n - i)
        high, low = divmod(scaled, place)
        for r in range(10):
            if (i > 0 and digits[i - 1] == r) or (r == 0 if i == 0 else digits[0] == 0):
                continue
            out.append(((high * 10 + r) * place + low, "dropped"))
    out.extend((value, "doubled") for value in _doubled_once(scaled, decimals, digits, weight))
    return tuple(out)


def _doubled_once(scaled: int, decimals: int, digits: list[int], weight: list[int]) -> Iterator[int]:
    """The values of ``scaled`` with one digit of a repeated pair typed once, each spelling once, in order."""
    n = len(digits)
    for i in range(n - 1):
        if digits[i] != digits[i + 1] or (i > 0 and digits[i - 1] == digits[i]):
            continue
        first = digits[1] if i == 0 else digits[0]
        if n - 1 > decimals + 1 and first == 0:
            continue
        yield (scaled // 10 ** (n - i)) * weight[i] + scaled % weight[i]


def digit_variants_within(scaled: int, decimals: int, low: int, high: int) -> list[Variant]:
    """The variants of :func:`digit_variants` in [low; high], in the same order.

    The same loops, place by place; at each place the digits tried are only those whose value
    falls inside (a place's values are evenly spaced in its digit), so a narrow interval costs a
    few steps per place instead of ten: the digits r with low ≤ base + r·step ≤ high are
    ⌈(low − base) / step⌉ … ⌊(high − base) / step⌋, within 0–9 (computed in the loops, no call per place).
    """
    if low > high:
        return []
    digits = [int(d) for d in str(scaled).rjust(decimals + 1, "0")]
    n = len(digits)
    weight = [10 ** (n - 1 - i) for i in range(n)]
    long = n > decimals + 1
    out: list[Variant] = []
    for i, d in enumerate(digits):
        w = weight[i]
        base = scaled - d * w
        for r in range(max(0, -((base - low) // w)), min(9, (high - base) // w) + 1):
            if r != d and not (long and i == 0 and r == 0):
                out.append((base + r * w, "digit"))
    for i in range(n - 1):
        a, b = digits[i], digits[i + 1]
        if a != b and not (long and i == 0 and b == 0):
            value = scaled + (b - a) * (weight[i] - weight[i + 1])
            if low <= value <= high:
                out.append((value, "swap"))
    for i in range(1 if digits[0] == 0 else n + 1):  # behind a leading 0, a digit put back would start with 0
        place = 10 ** (n - i)
        head, tail = divmod(scaled, place)
        base = head * 10 * place + tail
        for r in range(max(0, -((base - low) // place)), min(9, (high - base) // place) + 1):
            if (i > 0 and digits[i - 1] == r) or (i == 0 and r == 0):
                continue
            out.append((base + r * place, "dropped"))
    out.extend((value, "doubled") for value in _doubled_once(scaled, decimals, digits, weight) if low <= value <= high)
    return out
