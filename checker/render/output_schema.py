"""The JSON Schema of ``check --format json`` output (``checker schema --output``).

Built from the same pydantic models the output is dumped from (findings, grade, waivers),
so the schema cannot drift from the output; tests validate every JSON output against it.
"""

from __future__ import annotations

from typing import Any

from checker.decide.findings import Finding, adapter
from checker.decide.grading import Grade
from checker.decide.waivers import Waiver
from checker.render.json_out import OUTPUT_VERSION

SCHEMA_ID = f"https://xa-cds-checker.invalid/schemas/check-output-v{OUTPUT_VERSION}.json"

_NULLABLE_STRING = {"type": ["string", "null"]}
_NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}


def _report_object() -> dict[str, Any]:
    """The ``report`` object: which file, which commune, which period, the report's own particulars."""
    period = {
        "type": "object", "additionalProperties": False,
        "required": ["year", "kind", "quarter", "label", "start", "end"],
        "properties": {
            "year": {"type": "integer"},
            "kind": {"enum": ["quarter", "half", "nine_months", "year"]},
            "quarter": {"type": ["integer", "null"]},
            "label": _NULLABLE_STRING, "start": _NULLABLE_DATE, "end": _NULLABLE_DATE,
        },
    }
    signer = {"anyOf": [{"type": "null"}, {"type": "object", "additionalProperties": False,
                                            "properties": {"name": _NULLABLE_STRING, "title": _NULLABLE_STRING}}]}
    fields = {
        "file": {"type": "string", "description": "tệp đã kiểm tra / the file checked"},
        "extracted": {"type": "boolean", "description": "số liệu trích tự động từ văn bản / values extracted"},
        "commune": {"type": "string"}, "district": _NULLABLE_STRING, "province": {"type": "string"},
        "unit_code": _NULLABLE_STRING, "period": period, "number": _NULLABLE_STRING, "date": _NULLABLE_DATE,
        "signer": signer,
    }
    required = list(fields)
    unplaced = {"type": "object", "additionalProperties": False,
                "required": ["line", "quote", "value", "indicator", "field", "goal", "reason", "options"],
                "properties": {"line": {"type": "integer"}, "quote": {"type": "string"},
                               "value": {"type": ["number", "null"]}, "indicator": _NULLABLE_STRING,
                               "field": _NULLABLE_STRING, "goal": {"type": "boolean"}, "reason": {"type": "string"},
                               "options": {"type": "array", "items": {"type": "string"}}}}
    fields["reading"] = {
        "type": "object", "additionalProperties": False, "required": ["unplaced_count", "unplaced", "forced"],
        "description": "chỉ với văn bản (docx, pdf, txt): số chưa đặt vào chỉ tiêu, lý do kiểm tra bắt buộc / "
                       "documents only: numbers left unplaced, why a check was forced (--force)",
        "properties": {"unplaced_count": {"type": "integer", "minimum": 0},
                       "unplaced": {"type": "array", "items": unplaced},
                       "forced": {"type": "array", "items": {"type": "string"}}},
    }
    return {"type": "object", "additionalProperties": False, "required": required, "properties": fields}


def _lift_defs(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Move a model schema's ``$defs`` into the shared ``defs`` and return the rest."""
    schema = dict(schema)
    defs.update(schema.pop("$defs", {}))
    return schema


def output_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of the JSON output, version :data:`OUTPUT_VERSION`."""
    defs: dict[str, Any] = {}
    finding = _lift_defs(adapter(Finding).json_schema(mode="serialization"), defs)
    finding["properties"] = {
        **finding["properties"],
        "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{32}:[0-9]+$",
                        "description": "định danh ổn định giữa các lần chạy (luật, đơn vị, chỉ tiêu, giá trị) / "
                                       "stable identity across runs (rule, unit, indicator, values)"},
        "baseline": {"enum": ["new", "unchanged", None],
                     "description": "so với --baseline: mới hay đã có / against --baseline: new or unchanged"},
    }
    finding["required"] = sorted({*finding.get("required", []), "fingerprint", "baseline"})
    finding["additionalProperties"] = False
    defs["Finding"] = finding
    defs["Grade"] = _lift_defs(Grade.json_schema(), defs)
    waiver = _lift_defs(Waiver.model_json_schema(mode="serialization"), defs)
    waiver["properties"] = {**waiver["properties"], "index": {"type": "integer", "minimum": 0},
                            "message": {"$ref": "#/$defs/Message"}}
    defs["UnusedWaiver"] = waiver
    problem = {"type": "object", "additionalProperties": False, "required": ["pointer", "message", "got"],
               "properties": {"pointer": {"type": "string"}, "message": {"type": "string"}, "got": _NULLABLE_STRING}}
    error = {"type": "object", "additionalProperties": False, "required": ["file", "problems"],
             "properties": {"file": {"type": "string"}, "problems": {"type": "array", "items": problem}}}
    count = {"type": "integer", "minimum": 0}
    rule_summary = {"type": "object", "additionalProperties": False,
                    "required": ["rule_id", "fails", "holds", "not_checked"],
                    "properties": {"rule_id": {"type": "string"}, "fails": count, "holds": count,
                                   "not_checked": count}}
    checked = {"type": "object", "additionalProperties": False, "required": ["report", "grade", "findings"],
               "properties": {"report": _report_object(), "grade": {"$ref": "#/$defs/Grade"},
                              "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Kết quả `check --format json` / the JSON output of `check`",
        "description": "Một dạng cho một hay nhiều báo cáo / one shape for one report or many.",
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "reports", "errors", "unused_waivers", "rules"],
        "properties": {
            "version": {"const": OUTPUT_VERSION},
            "reports": {"type": "array", "items": {"$ref": "#/$defs/CheckedReport"}},
            "errors": {"type": "array", "items": {"$ref": "#/$defs/InputError"},
                       "description": "tệp không dùng được / inputs that could not be used (exit 2)"},
            "unused_waivers": {"type": "array", "items": {"$ref": "#/$defs/UnusedWaiver"}},
            "rules": {"type": "array", "items": {"$ref": "#/$defs/RuleSummary"},
                      "description": "mỗi luật trên cả lô: số báo cáo không đạt, đạt, chưa kiểm tra được / "
                                     "per rule across the batch: reports it fails, holds, could not check"},
        },
        "$defs": {**defs, "CheckedReport": checked, "InputError": error, "RuleSummary": rule_summary},
    }
