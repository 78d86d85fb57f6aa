"""The grade is a plain frozen record: the same grade, JSON and schema as the pydantic model it replaced.

``grade`` counts with plain integers; the reference here is the rule as it was written with
``collections.Counter`` and a pydantic ``Grade`` model, run on generated lists of findings (every
severity, status, category, waived or not) and on the fixtures.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict

from checker.decide.evaluate import evaluate
from checker.decide.findings import NOT_COUNTED, Finding, Message, WaiverRef, adapter
from checker.decide.grading import GRADES_EN, Grade, grade
from tests.conftest import fixtures_with_gaps


class ReferenceGrade(BaseModel):
    """The grade and the counts it was computed from."""  # the pydantic model as it was, docstring and all

    model_config = ConfigDict(extra="forbid")

    level: str
    level_en: str
    errors: int
    warnings: int
    infos: int
    targets_met: int
    targets_not_met: int
    targets_no_data: int
    targets_met_share: float
    rule: str


def reference_grade(findings: list[Finding]) -> ReferenceGrade:
    """``grade`` as it was written before it counted with plain integers."""
    severities: Counter[str] = Counter()
    statuses: Counter[str | None] = Counter()
    for f in findings:
        if f.waiver is not None:
            continue
        if f.status not in NOT_COUNTED:
            severities[f.severity] += 1
        if f.category == "target":
            statuses[f.status] += 1
    met, not_met = statuses["met"], statuses["not_met"]
    share = 100.0 * met / (met + not_met) if met + not_met else 0.0
    errors, warnings = severities["error"], severities["warning"]
    if errors == 0 and warnings == 0 and share >= 90:
        level = "Xuất sắc"
    elif errors == 0 and warnings <= 3 and share >= 75:
        level = "Tốt"
    elif errors <= 2 and share >= 50:
        level = "Khá"
    elif errors <= 5:
        level = "Trung bình"
    else:
        level = "Yếu"
    return ReferenceGrade(
        level=level, level_en=GRADES_EN[level], errors=errors, warnings=warnings,
        infos=severities["info"], targets_met=met, targets_not_met=not_met,
        targets_no_data=statuses["no_data"], targets_met_share=round(share, 1),
        rule="docs/grading.md",
    )


WAIVER = WaiverRef(reason="r", accepted_by="a", expires="2099-01-01", index=0)
FINDINGS = st.builds(
    lambda severity, status, category, waived: Finding(
        rule_id="X", rule_name="x", category=category, severity=severity, status=status,
        message=Message("m", "m"), waiver=WAIVER if waived else None),
    st.sampled_from(["error", "warning", "info"]),
    st.sampled_from([None, "met", "not_met", "no_data", "scored", "not_scored"]),
    st.sampled_from(["target", "consistency", "completeness", "ambition", "scoring"]),
    st.booleans(),
)


def assert_same(findings: list[Finding]) -> None:
    made, reference = grade(findings), reference_grade(findings)
    assert made.as_dict() == reference.model_dump()
    assert list(made.as_dict()) == list(reference.model_dump())  # the same keys in the same order
    assert json.dumps(made.as_dict()) == json.dumps(reference.model_dump())  # 20.0 stays 20.0, ints stay ints
    assert made.as_dict() == dataclasses.asdict(made)
    assert adapter(Grade).validate_python(made.as_dict()) == made


@settings(max_examples=300, deadline=None)
@given(st.lists(FINDINGS, max_size=40))
def test_grade_is_the_reference_grade(findings: list[Finding]) -> None:
    assert_same(findings)


@pytest.mark.parametrize("backend", ["python", "durable"])
def test_fixture_grades_are_the_reference_grades(backend: str) -> None:
    for report in fixtures_with_gaps(5, 2, 3):
        assert_same(evaluate(report, backend=backend).findings)  # type: ignore[arg-type]


def test_schema_is_the_pydantic_models() -> None:
    assert Grade.json_schema() == ReferenceGrade.model_json_schema(mode="serialization") | {"title": "Grade"}


def test_grade_is_frozen() -> None:
    made = grade([])
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.level = "Tốt"  # type: ignore[misc]
