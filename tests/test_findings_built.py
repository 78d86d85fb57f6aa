"""Findings are built without validating again (``findings.built``): proof that validating changes nothing.

Every finding of every fixture, and of copies with figures left out or pushed past their targets,
is validated again from its own fields; the validated model must equal the built one, field by
field, with the same fields set and the same JSON.
"""

from __future__ import annotations

from typing import Any

from checker.decide.evaluate import evaluate
from checker.decide.findings import Evidence, Finding, Message, built
from tests.conftest import fixtures_with_gaps


def _revalidated(finding: Finding) -> Finding:
    fields: dict[str, Any] = {name: getattr(finding, name) for name in finding.model_fields_set}
    return Finding(**fields)


def test_every_finding_validates_to_itself():
    seen = 0
    for report in fixtures_with_gaps(7, 2, 4):
        for backend in ("python", "durable"):
            for finding in evaluate(report, backend=backend).findings:  # type: ignore[arg-type]
                again = _revalidated(finding)
                assert again == finding
                assert again.model_fields_set == finding.model_fields_set
                assert again.model_dump_json() == finding.model_dump_json()
                assert Finding.model_validate_json(finding.model_dump_json()).model_dump() == finding.model_dump()
                seen += 1
    assert seen > 100


def test_built_fills_defaults_and_marks_only_given_fields_as_set():
    message = built(Message, vi="a", en="b")
    assert message == Message(vi="a", en="b") and message.model_fields_set == {"vi", "en"}
    finding = built(Finding, rule_id="CS001", rule_name="x", category="consistency", severity="error",
                    message=message)
    made = Finding(rule_id="CS001", rule_name="x", category="consistency", severity="error", message=message)
    assert finding == made and finding.model_fields_set == made.model_fields_set
    assert finding.evidence == Evidence() and finding.evidence is not built(
        Finding, rule_id="CS001", rule_name="x", category="consistency", severity="error", message=message).evidence
