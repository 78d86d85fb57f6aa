"""The JSON output: a stable shape ``{"report": …, "grade": …, "findings": […]}``."""

from __future__ import annotations

import json
from typing import Any

from checker.batch import BatchResult
from checker.evaluate import Evaluation
from checker.waivers import unused_message

OUTPUT_VERSION = "1"


def evaluation_dict(evaluation: Evaluation, source: str, extracted: bool = False) -> dict[str, Any]:
    """One report's result as a JSON-ready dict."""
    report = evaluation.report
    period = report.period
    return {
        "report": {
            "file": source,
            "extracted": extracted,
            "commune": report.identity.commune,
            "district": report.identity.district,
            "province": report.identity.province,
            "unit_code": report.identity.unit_code,
            "period": {
                "year": period.year, "kind": period.kind, "quarter": period.quarter,
                "label": period.label,
                "start": period.start.isoformat() if period.start else None,
                "end": period.end.isoformat() if period.end else None,
            },
            "number": report.meta.number,
            "date": report.meta.date.isoformat() if report.meta.date else None,
            "signer": report.meta.signer.model_dump() if report.meta.signer else None,
        },
        "grade": evaluation.grade.model_dump(),
        "findings": [finding.model_dump(mode="json") for finding in evaluation.findings],
    }


def render_json(batch: BatchResult, with_waivers: bool = False) -> str:
    """One report gives its own object; several give ``{"reports": [...], "errors": [...]}``."""
    results = [evaluation_dict(item.evaluation, item.path.as_posix(), item.extracted) for item in batch.checked]
    errors = [error.as_dict() for error in batch.errors]
    if len(results) == 1 and not errors:
        payload: Any = {"version": OUTPUT_VERSION, **results[0]}
    else:
        payload = {"version": OUTPUT_VERSION, "reports": results, "errors": errors}
    if with_waivers:
        payload["unused_waivers"] = [
            {"index": index, **waiver.model_dump(mode="json"), "message": unused_message(index, waiver).model_dump()}
            for index, waiver in batch.unused_waivers
        ]
    return json.dumps(payload, ensure_ascii=False, indent=2)
