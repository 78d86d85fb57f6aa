"""Slip variants computed place by place (checker.decide.variants) are the ones spelled out digit by digit.

The reference is the string version locating used before (spell every variant, keep the first of
each spelling): the same values, kinds and order for random figures.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.decide.relations import Figure
from checker.decide.variants import _scaled, digit_variants, digit_variants_within, within


def spelled_variants(scaled: int, decimals: int) -> tuple[tuple[int, str], ...]:
    """The former string version of digit_variants."""
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
    out: list[tuple[int, str]] = []
    for text, kind in candidates:
        if text in seen or (len(text) > decimals + 1 and text[0] == "0"):
            continue
        seen.add(text)
        out.append((int(text), kind))
    return tuple(out)


numbers = st.one_of(st.integers(0, 10**7), st.sampled_from([0, 1, 5, 10, 11, 100, 101, 111, 1000, 1445, 9999, 10000]),
                    st.builds(lambda d, k: int(str(d) * k), st.integers(0, 9), st.integers(1, 6)))


@settings(max_examples=300)
@given(numbers, st.integers(0, 4))
def test_variants_are_the_spelled_ones(scaled, decimals):
    assert digit_variants.__wrapped__(scaled, decimals) == spelled_variants(scaled, decimals)


def test_the_runs_and_zeros_of_examples():
    for scaled in (0, 5, 50, 505, 1445, 1110, 10001, 2200, 98400):
        for decimals in range(4):
            assert digit_variants.__wrapped__(scaled, decimals) == spelled_variants(scaled, decimals), scaled


@settings(max_examples=300)
@given(numbers, st.integers(0, 4), st.data())
def test_the_variants_within_bounds_are_those_filtered(scaled, decimals, data):
    """Trying only the digits that land in [low; high] keeps exactly the variants within them, in order."""
    variants = digit_variants.__wrapped__(scaled, decimals)
    around = data.draw(st.sampled_from([v for v, _ in variants]) | st.integers(-10, 10**8))
    low = around - data.draw(st.sampled_from([0, 0, 1, 9, 10, 11, 100, 10**5]))
    high = around + data.draw(st.sampled_from([0, 0, 1, 9, 10, 99, 1000, 10**6]))
    assert digit_variants_within(scaled, decimals, low, high) == within(variants, low, high)
    assert digit_variants_within(scaled, decimals, high + 1, low) == []


@given(st.integers(-10**6, 10**6), st.integers(1, 10**4), st.integers(0, 4))
def test_a_figure_as_whole_units_of_its_last_decimal_is_the_fractions(numerator, denominator, decimals):
    """``variants._scaled`` in whole numbers against the fraction it replaced (value × 10^decimals)."""
    value = Fraction(numerator, denominator)
    scaled = value * 10**decimals
    expected = None if value < 0 or scaled.denominator != 1 else scaled.numerator
    assert _scaled(Figure("/p", value, "x", "x", "x", decimals=decimals)) == expected
