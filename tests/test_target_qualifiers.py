"""A qualified figure against a target: judged as the interval it stands for (docs/numbers.md).

"trên 80 %" against "≥ 85 %" does not say whether the target is met: the finding is no_data with
a message saying why, not "not met"; "dưới 70 %" against "≥ 70 %" is not met although 70 would be.
"""

from __future__ import annotations

import pytest

from checker.catalogue.store import current
from checker.decide.checks.target import qualified_verdict
from checker.decide.evaluate import evaluate
from checker.model.report import Report
from tests.conftest import report_dict


def _finding(percent: float, qualifier: str):
    data = report_dict(period={"year": 2024, "kind": "year"},
                       indicators={"workfiles.online_share": {"percent": percent, "qualifier": qualifier}})
    (finding,) = evaluate(Report.model_validate(data), [current().rule("TG001")]).findings
    return finding


def _threshold() -> float:
    data = report_dict(period={"year": 2024, "kind": "year"}, indicators={})
    report = Report.model_validate(data)
    choice = current().choose("workfiles.online_share", 2024, "xa", report.identity.unit_code, on=report.period.end)
    assert choice is not None and choice.chosen.target.comparator == ">="
    return choice.chosen.target.threshold


@pytest.mark.parametrize(("offset", "qualifier", "status"), [
    (0, "exact", "met"), (-5, "exact", "not_met"),
    (0, "more_than", "met"), (5, "more_than", "met"), (-5, "more_than", "no_data"),
    (0, "at_least", "met"), (-1, "at_least", "no_data"),
    (0, "less_than", "not_met"), (5, "less_than", "no_data"), (-5, "less_than", "not_met"),
    (0, "about", "no_data"), (5, "about", "met"), (-5, "about", "not_met"),
    (1, "nearly", "no_data"), (5, "nearly", "met"), (-1, "nearly", "not_met"),
])
def test_qualified_figure_is_judged_as_its_interval(offset, qualifier, status):
    finding = _finding(_threshold() + offset, qualifier)
    assert finding.status == status, (offset, qualifier, finding.message.vi)


def test_undetermined_says_why_in_both_languages():
    threshold = _threshold()
    finding = _finding(threshold - 5, "more_than")
    assert finding.severity == "info"
    assert "không đủ để biết" in finding.message.vi and "trên" in finding.message.vi
    assert "does not tell" in finding.message.en and "more than" in finding.message.en
    assert "undetermined" in finding.evidence.computation


@pytest.mark.parametrize(("comparator", "value", "qualifier", "threshold", "verdict"), [
    (">", 85, "more_than", 85, "met"), (">", 80, "more_than", 85, "undetermined"),
    (">", 85, "at_most", 85, "not_met"), ("<=", 10, "less_than", 10, "met"),
    ("<", 10, "at_most", 10, "undetermined"), ("=", 100, "about", 100, "undetermined"),
    ("=", 50, "less_than", 100, "not_met"),
])
def test_verdict_by_comparator(comparator, value, qualifier, threshold, verdict):
    assert qualified_verdict(comparator, value, 0, qualifier, threshold)[0] == verdict
