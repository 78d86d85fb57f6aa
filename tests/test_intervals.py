"""Tolerance from how a figure was written (docs/numbers.md §1): intervals, counts exact, severity by distance."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.catalogue.store import current
from checker.core.numbers import written_decimals
from checker.decide.evaluate import evaluate
from checker.decide.intervals import exact, rounded, written_interval
from checker.model.report import Measure, Report
from tests.conftest import report_dict
from tests.strategies import consistent_reports

CONSISTENCY = [r for r in current().rules if r.category == "consistency"]


def findings(indicators: dict[str, Any], backend: str = "python") -> list[Any]:
    report = Report.model_validate(report_dict(indicators=indicators))
    return [f for f in evaluate(report, CONSISTENCY, backend=backend).findings]  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "decimals"), [
    ("90,20 %", 2), ("90,2", 1), ("3.146", 0), ("98.34", 2), ("100", 0), ("1.234,5", 1), ("12 345", 0)])
def test_written_decimals_follow_the_spelling(text, decimals):
    assert written_decimals(text) == decimals


def test_a_measure_keeps_the_written_decimals_of_strings_and_json_numbers():
    measure = Measure.model_validate({"percent": "90,20 %", "value": 90.2, "parts": {"a": "1,50", "b": 2}})
    assert measure.percent == 90.2
    assert measure.written_decimals("percent") == 2
    assert measure.written_decimals("value") == 1
    assert measure.written_decimals("parts/a") == 2
    assert measure.written_decimals("parts/b") == 0


@pytest.mark.parametrize(("stated", "fires"), [("98 %", False), ("97,8 %", False), ("97,48 %", True)])
def test_the_validation_table_1450_of_1483(stated, fires):
    """VALIDATION.md §1: 1 450 / 1 483 = 97,7748 %."""
    got = findings({"hr.it_qualified": {"numerator": "1.450", "denominator": "1.483", "percent": stated}})
    assert bool([f for f in got if f.rule_id == "CS033"]) is fires


def test_the_finding_shows_the_interval_and_the_distance():
    (finding,) = findings({"hr.it_qualified": {"numerator": "1.450", "denominator": "1.483", "percent": "97,48 %"}})
    assert finding.evidence.interval is not None
    assert finding.evidence.interval.text == "[97,475; 97,485] %"
    assert finding.evidence.interval.distance == pytest.approx(0.2898, abs=1e-4)
    assert finding.severity == "warning"  # just outside: 0,29 points ≤ 1 point


def test_far_outside_is_an_error():
    (finding,) = findings({"hr.it_qualified": {"numerator": 18, "denominator": 20, "percent": 100}})
    assert finding.severity == "error"
    assert finding.evidence.interval.text == "[99,5; 100,5] %"  # type: ignore[union-attr]


def test_written_trailing_zero_narrows_the_interval():
    """"90,20 %" is [90,195; 90,205]; "90,2" would be [90,15; 90,25]: 9016/10000 = 90,16 %."""
    assert not findings({"hr.it_qualified": {"numerator": 9016, "denominator": 10000, "percent": "90,2"}})
    assert findings({"hr.it_qualified": {"numerator": 9016, "denominator": 10000, "percent": "90,20"}})


def test_a_whole_percent_no_longer_tolerates_one_point():
    """"99 %" stood for 98–100 (one unit of the last decimal); it is [98,5; 99,5]."""
    assert findings({"hr.it_qualified": {"numerator": 982, "denominator": 1000, "percent": 99}})
    assert not findings({"hr.it_qualified": {"numerator": 986, "denominator": 1000, "percent": 99}})


@pytest.mark.parametrize(("qualifier", "numerator", "fires"), [
    ("more_than", 81, False), ("more_than", 79, True), ("at_least", 80, False),
    ("less_than", 79, False), ("less_than", 81, True),
    ("about", 89, False), ("about", 88, True), ("nearly", 88, False), ("nearly", 87, True),
    ("nearly", 91, True)])
def test_qualifiers_widen_or_shift_the_interval(qualifier, numerator, fires):
    stated = 80 if qualifier in ("more_than", "at_least", "less_than") else 90
    got = findings({"hr.it_qualified": {"numerator": numerator, "denominator": 100, "percent": stated,
                                        "qualifier": qualifier}})
    assert bool(got) is fires


def test_counts_are_exact_points():
    """1 450 + 31 + 4 = 1 485 ≠ 1 483: counts are not "rounded to units" (which would overlap)."""
    got = findings({"dossiers.resolved": {"value": "1.483"}, "dossiers.resolved_early": {"value": "1.450"},
                    "dossiers.resolved_on_time": {"value": 31}, "dossiers.late": {"value": 4}})
    (finding,) = [f for f in got if f.rule_id == "CS003"]
    assert finding.severity == "warning"  # 2 of 1 483 is within 1 % of the whole
    assert finding.evidence.interval.distance == 2  # type: ignore[union-attr]


def test_a_sum_far_off_is_an_error():
    got = findings({"dossiers.resolved": {"value": 100}, "dossiers.resolved_early": {"value": 60},
                    "dossiers.resolved_on_time": {"value": 30}, "dossiers.late": {"value": 2}})
    assert [f.severity for f in got if f.rule_id == "CS003"] == ["error"]


def test_sums_of_figures_written_with_decimals_allow_their_rounding():
    """Money written "1,5" + "2,3" against "3,9": each stands for ± 0,05, so 3,8 ± 0,1 meets 3,9."""
    interval = written_interval(1.5, 1)
    assert (interval.lo, interval.hi) == (Fraction(145, 100), Fraction(155, 100))


def _written(value: Fraction, decimals: int) -> str:
    """value rounded half-up to ``decimals`` and written the Vietnamese way ("97,80 %")."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{rounded}".replace(".", ",") + " %"


SHARES = {  # stated share -> (numerator selector, denominator selector)
    "email.officials_with_account_share": ("email.accounts", "staff.officials"),
    "dossiers.online_share": ("dossiers.online", "dossiers.received"),
    "docs.outgoing_signed_share": ("docs.signed_outgoing", "docs.outgoing"),
}


@given(consistent_reports(), st.lists(st.integers(min_value=0, max_value=3), min_size=5, max_size=5))
def test_a_consistent_report_with_shares_rounded_as_written_never_fires(data, decimals):
    indicators = data["indicators"]
    for (code, (num, den)), d in zip(SHARES.items(), decimals, strict=False):
        if code in indicators:
            ratio = Fraction(100 * indicators[num]["value"], indicators[den]["value"])
            indicators[code]["percent"] = _written(ratio, d)
    for code, d in zip(("hr.it_qualified", "email.regular_use_share"), decimals[3:], strict=True):
        measure = indicators[code]
        measure["percent"] = _written(Fraction(100 * measure["numerator"], measure["denominator"]), d)
    report = Report.model_validate(data)
    assert evaluate(report, CONSISTENCY, backend="python").findings == []


@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                 st.builds(lambda n, d: n / 10**d, st.integers(-10**9, 10**9), st.integers(0, 8)),
                 st.integers(-10**20, 10**20)))
def test_exact_is_the_number_as_written(number):
    """exact() splits the shortest spelling of a float itself: the same fraction as parsing that spelling
    (a whole float is its whole number)."""
    if isinstance(number, int) or number.is_integer():
        assert exact(number) == int(number)
    else:
        assert exact(number) == Fraction(repr(number))


@given(st.floats(-1e6, 1e6, allow_nan=False), st.integers(0, 3),
       st.sampled_from(["exact", "more_than", "at_least", "less_than", "at_most", "about", "nearly"]), st.booleans())
def test_a_memoised_interval_is_the_one_computed(value, decimals, qualifier, exact_count):
    first = written_interval(value, decimals, qualifier, exact_count)
    assert first == written_interval.__wrapped__(value, decimals, qualifier, exact_count)
    assert written_interval(value, decimals, qualifier, exact_count) is first


@given(st.fractions(), st.integers(min_value=0, max_value=6))
def test_rounded_is_round_of_the_fraction(value, decimals):
    """``rounded`` (whole-number arithmetic) is ``float(round(value, decimals))``, halves to even included."""
    assert rounded(value, decimals) == float(round(value, decimals))


@pytest.mark.parametrize("value", [Fraction(1, 8), Fraction(3, 8), Fraction(-1, 8), Fraction(-3, 8), Fraction(5, 2),
                                   Fraction(7, 2), Fraction(-5, 2), Fraction(123456789, 20000), Fraction(0)])
def test_rounded_halves_to_even(value):
    for decimals in (0, 2):
        assert rounded(value, decimals) == float(round(value, decimals))
