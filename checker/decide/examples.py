"""Rule examples: build the report of an example and say whether the rule behaved."""

from __future__ import annotations

import copy
from typing import Any

from checker.catalogue.rules import Example, RuleDef
from checker.catalogue.store import Catalogue, current
from checker.decide.checks.base import Earlier
from checker.decide.evaluate import Backend, evaluate
from checker.decide.findings import Finding
from checker.decide.waivers import UNUSED_RULE_ID, Waiver, unused_finding
from checker.model.report import Report

EXAMPLE_BASE: dict[str, Any] = {
    "identity": {
        "commune": "Xã ví dụ",
        "district": "Ninh Giang",
        "province": "Hải Dương",
        "unit_code": "hai-duong/ninh-giang/dong-tam",
    },
    "period": {"year": 2023, "kind": "year"},
}


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and key != "indicators":
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def example_report(example: Example) -> Report:
    """The full report an example fragment stands for (base identity and period added)."""
    return Report.model_validate(_merge(EXAMPLE_BASE, example.report))


def example_findings(rule: RuleDef, example: Example, backend: Backend = "durable",
                     catalogue: Catalogue | None = None) -> list[Finding]:
    """The findings of ``rule`` on an example: the rule alone, or for a waiver rule every active
    rule with the example's waivers applied (a waiver covers the findings of other rules).
    """
    catalogue = catalogue or current()
    report = example_report(example)
    if rule.category != "waiver":
        history = [Earlier(Report.model_validate(_merge(EXAMPLE_BASE, earlier)), f"báo cáo trước {i + 1}")
                   for i, earlier in enumerate(example.previous)]
        return evaluate(report, [rule], backend=backend, catalogue=catalogue, history=history).findings
    waivers = [Waiver.model_validate(raw) for raw in example.waivers]
    evaluation = evaluate(report, backend=backend, catalogue=catalogue, waivers=waivers, today=example.today)
    if rule.id == UNUSED_RULE_ID:
        return [unused_finding(index, waiver, catalogue) for index, waiver in enumerate(waivers)
                if index not in evaluation.used_waivers]
    return [finding for finding in evaluation.findings if finding.rule_id == rule.id]


def run_example(rule: RuleDef, example: Example, backend: Backend = "durable",
                catalogue: Catalogue | None = None) -> tuple[bool, list[Finding]]:
    """Check an example; return whether the rule behaved as documented, and its findings."""
    findings = example_findings(rule, example, backend, catalogue)
    if example.expect == "fires":
        ok = bool(findings) and all(f.status in (None, "not_met") for f in findings)
        if example.count is not None:
            ok = ok and len(findings) == example.count
    elif example.expect == "silent":
        ok = not findings
    else:
        ok = bool(findings) and all(f.status == example.expect for f in findings)
    return ok, findings
