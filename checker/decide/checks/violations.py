"""How to break a rule: the edits a check kind makes to a report that satisfies it, so that it fails.

Every consistency kind can say how a report that satisfies one of its rules is changed so
that the rule fires (:meth:`checker.decide.checks.base.CheckKind.violate`); property tests
use it to break exactly one relation of a generated consistent report (tests/strategies.py),
so a new rule needs no hand-written "breaker".  The edits work on the report as JSON data
(the dict a report file holds) and return the indicator codes they changed, so the test can
set aside other relations that read those codes.

Helpers here read and change one statement of one indicator through a selector
(``code`` or ``code:field``), as rule params name them.
"""

from __future__ import annotations

from typing import Any

Edited = set[str]
"""The indicator codes an edit changed (or added)."""

ReportData = dict[str, Any]


def split_selector(selector: str) -> tuple[str, str]:
    """``code:field`` -> (code, field); ``code`` alone -> (code, '') (the headline number)."""
    code, _, field = selector.partition(":")
    return code, field


def first_measure(report: ReportData, code: str) -> dict[str, Any] | None:
    """The first statement of ``code`` in report data, or None."""
    statements = report.get("indicators", {}).get(code)
    if isinstance(statements, list):
        return statements[0] if statements else None
    return statements if isinstance(statements, dict) else None


def headline_field(measure: dict[str, Any], wanted: str) -> str | None:
    """The field a selector reads: the one named, else the percent when stated, else the value."""
    if wanted:
        return wanted if measure.get(wanted) is not None else None
    for name in ("percent", "value"):
        if measure.get(name) is not None:
            return name
    return None


def number_at(report: ReportData, selector: str) -> float | None:
    """The number a selector reads in report data, or None when not stated."""
    code, wanted = split_selector(selector)
    measure = first_measure(report, code)
    if measure is None:
        return None
    field = headline_field(measure, wanted)
    return None if field is None else float(measure[field])


def set_number(report: ReportData, selector: str, number: float) -> Edited:
    """Set the number a selector reads; changing a numerator or denominator drops the statement's
    own stated percent, which the change would otherwise contradict (another relation).
    """
    code, wanted = split_selector(selector)
    measure = first_measure(report, code)
    assert measure is not None, f"{selector} is not stated"
    field = headline_field(measure, wanted) or wanted or "value"
    measure[field] = int(number) if float(number).is_integer() else number
    if field in ("numerator", "denominator"):
        measure.pop("percent", None)
    return {code}


def misstate_percent(measure: dict[str, Any], k: int) -> None:
    """Move a stated percent by 2–6 points, staying inside 0–100."""
    stated = float(measure["percent"])
    measure["percent"] = round(stated + 2 + k % 5 if stated <= 90 else stated - 2 - k % 5, 2)


def stated_codes(report: ReportData) -> list[str]:
    """The indicator codes a report states, in its order."""
    return list(report.get("indicators", {}))
