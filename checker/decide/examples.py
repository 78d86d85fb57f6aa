"""Rule examples: build the report of an example and say whether the rule behaved."""

from __future__ import annotations

import copy
from typing import Any

from checker.decide.evaluate import evaluate
from checker.decide.findings import Finding
from checker.model.report import Report
from checker.catalogue.rules import Example, RuleDef

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


def run_example(rule: RuleDef, example: Example, backend: str = "durable") -> tuple[bool, list[Finding]]:
    """Check an example with its rule alone; return whether it behaved as documented."""
    findings = evaluate(example_report(example), [rule], backend=backend).findings  # type: ignore[arg-type]
    if example.expect == "fires":
        ok = bool(findings) and all(f.status in (None, "not_met") for f in findings)
        if example.count is not None:
            ok = ok and len(findings) == example.count
    elif example.expect == "silent":
        ok = not findings
    else:
        ok = bool(findings) and all(f.status == example.expect for f in findings)
    return ok, findings
