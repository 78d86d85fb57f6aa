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
    if item.value < 0:
        return ()
    scaled = item.value * 10**item.decimals
    if scaled.denominator != 1:
        return ()
    return digit_variants(scaled.numerator, item.decimals)


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
    """The slip variants of the whole number ``scaled`` written with ``decimals`` decimals (first kind wins)."""
    digits = str(scaled).rjust(decimals + 1, "0")
    seen = {digits}
    candidates: list[tuple[str, str]] = []
    for i, d in enumerate(digits):
        for r in "0123456789":
            if r != d:
                candidates.append((digits[:i] + r + digits[i + 1:], "digit"))
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1]:
            candidates.append((digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:], "swap"))
    for i in range(len(digits) + 1):
        for r in "0123456789":
            candidates.append((digits[:i] + r + digits[i:], "dropped"))
    for i in range(len(digits) - 1):
        if digits[i] == digits[i + 1]:
            candidates.append((digits[:i] + digits[i + 1:], "doubled"))
    out: list[Variant] = []
    for text, kind in candidates:
        if text in seen or (len(text) > decimals + 1 and text[0] == "0"):
            continue
        seen.add(text)
        out.append((int(text), kind))
    return tuple(out)
