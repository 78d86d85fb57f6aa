"""The report JSON Schema, with the indicator codes of the catalogue enumerated."""

from __future__ import annotations

from typing import Any

from checker.catalogue.store import indicators as indicator_catalogue
from checker.model.report import Report


def report_schema() -> dict[str, Any]:
    """JSON Schema of a report; ``indicators`` keys are limited to catalogue codes."""
    schema = Report.model_json_schema()
    codes = sorted(indicator_catalogue())
    schema.setdefault("$defs", {})
    for holder in (schema, schema["$defs"].get("Goals", {})):
        indicators = holder.get("properties", {}).get("indicators")
        if indicators is not None:
            indicators["propertyNames"] = {"enum": codes}
            indicators["additionalProperties"] = {"anyOf": [
                {"$ref": "#/$defs/Measure"},
                {"type": "array", "items": {"$ref": "#/$defs/Measure"}, "minItems": 1},
            ]}
            indicators["description"] = "Mã chỉ tiêu → một hoặc nhiều lần nêu / code → one or more statements"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Báo cáo ứng dụng CNTT, chuyển đổi số cấp xã / commune DX report"
    return schema
