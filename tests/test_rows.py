"""Whole-number rows (checker.decide.rows) decide exactly what the fraction arithmetic decided.

The reference is the fraction version locating used before (tests/fraction_locate.py): on random
constraints, values, freed figures and counts, feasibility, the bounds of a single freed figure and
their scaling to whole numbers of a last decimal are the same.
"""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.decide import rows
from checker.decide.locate import feasible
from checker.decide.relations import Linear
from tests import fraction_locate as reference

NAMES = ["a", "b", "c", "d"]
DENOMINATORS = [1, 1, 1, 2, 3, 10, 20, 100, 200, 2000]


def fractions(limit: int) -> st.SearchStrategy[Fraction]:
    """Rationals like a relation's: whole or decimal values, half-units, percent bounds."""
    return st.builds(Fraction, st.integers(-limit, limit), st.sampled_from(DENOMINATORS))


def linears(limit: int) -> st.SearchStrategy[Linear]:
    """Constraints of up to four terms; small ``limit``s make feasibility turn on the rounding."""
    return st.builds(
        Linear,
        st.lists(st.tuples(st.sampled_from(NAMES), fractions(limit)), min_size=0, max_size=4).map(tuple),
        st.sampled_from(["<=", "<=", "<=", "=="]),
        fractions(limit * 10),
    )


systems = st.one_of(st.lists(linears(300), min_size=1, max_size=6), st.lists(linears(4), min_size=2, max_size=8))
values = st.fixed_dictionaries({name: fractions(50) for name in NAMES})
frees = st.sets(st.sampled_from(NAMES), min_size=1, max_size=3).map(frozenset)
counts = st.sets(st.sampled_from(NAMES)).map(frozenset)


def _fraction(bound: rows.Bound | None) -> Fraction | None:
    return None if bound is None else Fraction(*bound)


@settings(max_examples=100)
@given(systems, values, frees, counts)
def test_feasibility_equals_the_fraction_version(constraints, at, free, whole):
    assert feasible(constraints, at, free, whole) == reference.feasible(constraints, at, free, whole)


inequalities = st.builds(
    Linear,
    st.lists(st.tuples(st.sampled_from(NAMES[:3]), fractions(3)), min_size=1, max_size=3).map(tuple),
    st.sampled_from(["<=", "<=", "<=", "<=", "=="]),
    fractions(12),
)


@settings(max_examples=150)
@given(st.lists(inequalities, min_size=2, max_size=6), st.sampled_from([frozenset("ab"), frozenset("abc")]),
       fractions(12))
def test_eliminating_several_figures_equals_the_fraction_version(constraints, free, c):
    """Several freed figures, bound to each other: Fourier–Motzkin and substitution do the deciding."""
    assert feasible(constraints, {"c": c}, free) == reference.feasible(constraints, {"c": c}, free)


@settings(max_examples=100)
@given(systems, values, st.sampled_from(NAMES), st.sampled_from([1, 10, 100, 1000]))
def test_bounds_of_one_figure_equal_the_fraction_version(constraints, at, name, scale):
    free = frozenset({name})
    lo, hi, ok = rows.bounds_of_single(rows.rows_of(constraints, at, free), name)
    old_lo, old_hi, old_ok = reference._bounds_of_single(reference._substitute(constraints, at, free), name)
    assert (_fraction(lo), _fraction(hi), ok) == (old_lo, old_hi, old_ok)
    low, high = rows.scaled_bounds(lo, hi, scale)
    assert low == (None if old_lo is None else math.ceil(old_lo * scale))
    assert high == (None if old_hi is None else math.floor(old_hi * scale))


@given(systems, values, frees)
def test_rows_are_the_constraints_scaled_by_a_positive_number(constraints, at, free):
    """Each row is its constraint over the freed figures times a positive whole number, reduced."""
    for row, old in zip(rows.rows_of(constraints, at, free), reference._substitute(constraints, at, free),
                        strict=True):
        coefs, op, rhs = row
        old_coefs, old_op, old_rhs = old
        assert op == old_op and set(coefs) == set(old_coefs)
        assert math.gcd(rhs, *coefs.values()) in (0, 1)
        numbers = [(Fraction(coefs[k]), old_coefs[k]) for k in coefs] + [(Fraction(rhs), old_rhs)]
        factors = {new / was for new, was in numbers if was}
        assert len(factors) <= 1 and all(f > 0 for f in factors)
        assert all(not new for new, was in numbers if not was)


@given(systems, values, st.sampled_from(NAMES))
def test_bounds_of_one_figure_from_templates_are_those_of_its_rows(constraints, at, name):
    """``bounds_alone`` on the templates (no row made): the consistency and the bounds of ``bounds_of_single``
    on their rows over the figure alone (the same rationals; the pairs are not reduced)."""
    templates = [rows.Template.of(constraint, at) for constraint in constraints]
    lo, hi, ok = rows.bounds_alone(templates, name)
    expected = rows.bounds_of_single([t.row(frozenset({name})) for t in templates], name)
    assert ok == expected[2]
    if ok:
        assert (_fraction(lo), _fraction(hi)) == (_fraction(expected[0]), _fraction(expected[1]))
