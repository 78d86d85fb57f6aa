"""The probe stage's shortcuts give the very values of the exact paths they spare (issue 18, speed-probes).

Whole-count sums on integers, the float screen of ratios, and the report's figures read once per
report (``Context.value``) must each agree with the exact or uncached computation they replace.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from checker.catalogue.store import Catalogue, current
from checker.decide.checks.arithmetic import sum_gap
from checker.decide.checks.base import Context, Value, resolve
from checker.decide.checks.ratios import _clearly_inside
from checker.decide.intervals import exact, half_unit, written_interval
from checker.model.report import Measure, Report
from tests.conftest import report_dict
from tests.strategies import consistent_reports

counts = st.integers(min_value=0, max_value=10**9).map(float)


def exact_sum_gap(whole: tuple[float, bool, int], parts: list[tuple[float, bool, int]],
                  tolerance: float) -> tuple[Fraction, Fraction, Fraction]:
    """sum_gap's general path, in fractions, as it was before the integer shortcut."""
    total = sum((exact(p[0]) for p in parts), Fraction(0))
    slack = sum((half_unit(t[2]) for t in (whole, *parts) if not t[1]), Fraction(0))
    return total, slack, max(Fraction(0), abs(exact(whole[0]) - total) - exact(tolerance) - slack)


@given(counts, st.lists(counts, min_size=2, max_size=6), st.integers(min_value=0, max_value=5).map(float))
def test_a_sum_of_whole_counts_on_integers_equals_the_exact_sum(whole, parts, tolerance):
    terms = [(part, True, 0) for part in parts]
    got = sum_gap((whole, True, 0), terms, tolerance)
    assert got == exact_sum_gap((whole, True, 0), terms, tolerance)
    assert all(isinstance(value, Fraction) for value in got)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), st.lists(counts, min_size=2, max_size=4),
       st.integers(min_value=0, max_value=4), st.floats(min_value=0, max_value=3))
def test_a_sum_with_inexact_terms_or_tolerance_takes_the_exact_path(whole, parts, decimals, tolerance):
    terms = [(part, True, 0) for part in parts]
    assert sum_gap((whole, False, decimals), terms, tolerance) == \
        exact_sum_gap((whole, False, decimals), terms, tolerance)
    assert sum_gap((float(round(whole)), True, 0), terms, tolerance) == \
        exact_sum_gap((float(round(whole)), True, 0), terms, tolerance)


def _stated(percent: float, written: str | None = None, qualifier: str = "exact") -> Value:
    measure = Measure.model_validate({"percent": written or percent, "qualifier": qualifier})
    return Value("x", 0, "percent", measure.percent, measure)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6),
       st.integers(min_value=0, max_value=4), st.integers(min_value=-3, max_value=3))
def test_the_ratio_screen_passes_only_ratios_the_exact_interval_holds(numerator, denominator, decimals, nudge):
    ratio = 100.0 * numerator / denominator
    # a stated figure near the ratio, written with ``decimals`` decimals, sometimes a unit or so off
    stated = _stated(round(ratio, decimals) + nudge * 10.0 ** -decimals / 2)
    if _clearly_inside(stated, ratio):
        exact_ratio = 100 * Fraction(numerator) / Fraction(denominator)
        assert written_interval(stated.number, stated.decimals).distance(exact_ratio) == 0


def test_the_ratio_screen_leaves_edges_and_qualified_figures_to_the_exact_path():
    assert not _clearly_inside(_stated(97.8), 97.85)          # on the edge of [97,75; 97,85]
    assert not _clearly_inside(_stated(97.8), 97.7500000001)  # within the margin of the edge
    assert _clearly_inside(_stated(97.8), 97.8)
    assert not _clearly_inside(_stated(85.0, qualifier="more_than"), 90.0)
    assert _clearly_inside(_stated(90.2, "90,20 %"), 90.2049)   # two written decimals: [90,195; 90,205]
    assert not _clearly_inside(_stated(90.2, "90,20 %"), 90.21)


@given(consistent_reports())
def test_a_context_reads_each_figure_as_resolve_does(data):
    report = Report.model_validate(data)
    ctx = Context(report, current())
    for code, statements in report.indicators.items():
        for index in range(len(statements) + 1):
            for selector in (code, f"{code}:value", f"{code}:percent", f"{code}:denominator"):
                assert ctx.value(selector, index) == resolve(report, selector, index)
                assert ctx.value(selector, index) is ctx.value(selector, index)
    listed = [(code, index) for code, _unit, index, _measure in ctx.statements]
    assert listed == [(code, index) for code, statements in sorted(report.indicators.items())
                      for index in range(len(statements))]


def test_a_target_question_follows_the_report():
    """The question names the report's year, level and period end, and the unit of its class of units: the
    report's own unit on a catalogue that has not seen another unit of that class (the suite's shared catalogue
    may have: then it is that unit, with the same targets, as tests/test_target_layers.py holds)."""
    report = Report.model_validate(report_dict())
    ctx = Context(report, Catalogue.load())
    assert ctx.target_question == (report.period.year, "xa", report.identity.unit_code, report.period.end)
    shared = Context(report, current())
    assert shared.target_question == (report.period.year, "xa", shared.target_unit, report.period.end)
