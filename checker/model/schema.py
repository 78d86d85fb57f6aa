"""The report JSON Schema (``checker schema``), written for editors as well as validators.

Built from the report model, then made helpful where a person types:

* every indicator code of the catalogue is a property with its Vietnamese title and a
  description (family, unit, what the denominator counts), so an editor completes codes
  with their meaning; an unknown code is refused, as ``check`` refuses it;
* numbers may be written as Vietnamese strings ("3.146", "96,28 %") wherever the model
  accepts them (:data:`NUMBER_STRING` mirrors :func:`checker.core.numbers.parse_number_or_percent`,
  a test keeps the two in step), and dates as "31/12/2023" or "ngày 8 tháng 3 năm 2023";
* the fields people fill carry descriptions, Vietnamese first.
"""

from __future__ import annotations

from typing import Any

from checker.catalogue.indicators import IndicatorInfo
from checker.catalogue.store import indicators as indicator_catalogue
from checker.model.report import Report

NUMBER_STRING = (
    r"^\s*[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+,\d+|\d{1,3}(?:\.\d{3})+,\d+"
    r"|\d+\.\d{1,2}|\d+\.\d{4,})\s*%?\s*$"
)
"""The strings a number field accepts besides JSON numbers (the report model parses them)."""
DATE_STRING = r"^\s*(?:ngày\s+)?(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})\s*$"
"""Vietnamese date spellings a date field accepts besides ISO dates (YYYY-MM-DD)."""

UNIT_VI = {"count": "số đếm / count", "percent": "tỷ lệ % / percent", "money": "tiền, triệu đồng / money",
           "flag": "có/không / yes-no", "level": "mức 0/1/2 / level", "number": "số / number"}
FAMILY_VI = {
    "directives": "chỉ đạo, điều hành / directives", "staff": "cán bộ / staff", "infra": "hạ tầng / infrastructure",
    "hr": "nhân lực / human resources", "docs": "văn bản / documents", "email": "thư điện tử / email",
    "signatures": "chữ ký số / digital signatures", "dvc": "dịch vụ công trực tuyến / online public services",
    "dossiers": "hồ sơ TTHC / dossiers", "web": "trang thông tin điện tử / website",
    "reporting": "báo cáo qua hệ thống / reporting system", "payment": "thanh toán trực tuyến / online payment",
    "satisfaction": "mức độ hài lòng / satisfaction",
    "society": "xã hội số / digital society", "security": "an toàn thông tin / security",
    "budget": "kinh phí / budget", "workfiles": "hồ sơ công việc / work files",
}

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Measure": {
        "value": "Giá trị nêu trong báo cáo (số đếm, số tiền…); được viết \"3.146\" / the stated value",
        "numerator": "Tử số khi báo cáo nêu dạng a/b (vd 1.531 trong 1.531/1.592) / numerator of a stated fraction",
        "denominator": "Mẫu số khi báo cáo nêu dạng a/b / denominator of a stated fraction",
        "percent": "Tỷ lệ % như báo cáo ghi, vd \"96,28 %\" hoặc 96.28 / the stated percentage",
        "flag": "Có (true) / không (false), vd đã thành lập Ban chỉ đạo / a yes-no statement",
        "level": "Mức 0 chưa làm, 1 đang làm, 2 hoàn thành / 0 not started, 1 in progress, 2 done",
        "qualifier": "Từ kèm số: trên (more_than), từ … trở lên (at_least), dưới (less_than), tối đa (at_most), "
                     "khoảng (about) / the qualifier written with the number",
        "period_start": "Số liệu tính từ ngày (khi khác đầu kỳ) / figures counted from",
        "as_of": "Số liệu tính đến ngày, vd \"15/6/2023\" / figures as of",
        "line": "Dòng trong văn bản gốc / line in the source document",
        "quote": "Câu trích từ văn bản gốc / the sentence quoted from the source",
        "note": "Ghi chú của người nhập / the encoder's note",
        "parsed_from": "Chuỗi gốc của các số viết kiểu Việt Nam (tự điền) / original strings of parsed numbers",
    },
    "Identity": {
        "commune": "Tên xã, phường, thị trấn, đặc khu / commune name",
        "unit_type": "Loại đơn vị / unit type",
        "district": "Huyện (báo cáo trước 1/7/2025) / district (before the 2025 reform)",
        "province": "Tỉnh, thành phố / province or city",
        "unit_code": "Mã đơn vị trong targets/units, vd hai-duong/tu-ky/minh-duc / unit code",
    },
    "Period": {
        "year": "Năm báo cáo / report year", "kind": "Loại kỳ: quý, 6 tháng, 9 tháng, năm / period kind",
        "quarter": "Quý 1–4 (báo cáo quý) / quarter", "label": "Tên kỳ như văn bản ghi / period as written",
        "start": "Từ ngày (trống = tự tính) / start", "end": "Đến ngày (trống = tự tính) / end",
    },
    "ReportMeta": {
        "title": "Trích yếu / title", "number": "Số văn bản, vd 45/BC-UBND / document number",
        "date": "Ngày ký / date signed", "signer": "Người ký / signer",
        "recipients": "Nơi nhận / recipients", "source_file": "Tệp văn bản gốc đã mã hoá / the source document",
    },
    "Goals": {"year": "Năm của mục tiêu / year the goals are for",
              "indicators": "Mục tiêu theo mã chỉ tiêu / goals by indicator code"},
}
TOP_DESCRIPTIONS = {
    "identity": "Đơn vị báo cáo / the reporting unit", "period": "Kỳ báo cáo / the reporting period",
    "meta": "Thông tin văn bản báo cáo / the report's particulars",
    "documents": "Kế hoạch, quyết định được dẫn / plans and decisions cited",
    "period_mentions": "Các lần nhắc tới kỳ trong văn bản / period labels in the text",
    "indicators": "Chỉ tiêu: mã → một hoặc nhiều lần nêu; chỉ tiêu không nêu thì bỏ trống (khác 0) / "
                  "indicator code → one or more statements; leave out what is not reported (not 0)",
    "goals": "Mục tiêu năm sau / next year's goals", "annex": "Biểu mẫu kèm theo / statistical annex",
}


def indicator_description(info: IndicatorInfo) -> str:
    """What one indicator is, for an editor's hover: title, family, unit, what the base counts."""
    parts = [f"{info.vi} / {info.en}.", f"Nhóm / family: {FAMILY_VI.get(info.family, info.family)};",
             f"đơn vị / unit: {UNIT_VI.get(info.unit, info.unit)}"]
    if info.basis:
        parts[-1] += ";"
        parts.append(f"tính trên / out of: {info.basis}")
    return " ".join(parts) + "."


def _allow_strings(prop: dict[str, Any], pattern: str, what: str) -> None:
    """Let a number (or date) field also take the Vietnamese spelling."""
    options = prop.get("anyOf")
    if options is None:
        options = [{key: prop.pop(key) for key in list(prop) if key in ("type", "format", "minimum", "maximum")}]
    options.insert(1, {"type": "string", "pattern": pattern, "description": what})
    prop["anyOf"] = options


def _indicator_properties(codes: dict[str, IndicatorInfo]) -> dict[str, Any]:
    statement = {"anyOf": [{"$ref": "#/$defs/Measure"},
                           {"type": "array", "items": {"$ref": "#/$defs/Measure"}, "minItems": 1}]}
    return {code: {**statement, "title": info.vi, "description": indicator_description(info),
                   "markdownDescription": f"**{info.vi}** — _{info.en}_\n\n{indicator_description(info)}"}
            for code, info in sorted(codes.items())}


def report_schema() -> dict[str, Any]:
    """JSON Schema of a report: catalogue codes with their meaning, Vietnamese numbers and dates allowed."""
    schema = Report.model_json_schema()
    defs = schema.setdefault("$defs", {})
    codes = indicator_catalogue()
    number_text = 'số viết kiểu Việt Nam, vd "3.146", "96,28 %" / a number as Vietnamese writes it'
    date_text = 'ngày viết kiểu Việt Nam, vd "31/12/2023" / a date as Vietnamese writes it'
    measure = defs["Measure"]["properties"]
    for name in ("value", "numerator", "denominator", "percent"):
        _allow_strings(measure[name], NUMBER_STRING, number_text)
    measure["parts"]["anyOf"][0]["additionalProperties"] = {
        "anyOf": [{"type": "number"}, {"type": "string", "pattern": NUMBER_STRING, "description": number_text}]}
    for holder, fields in (("Measure", ("period_start", "as_of")), ("Period", ("start", "end")),
                           ("ReportMeta", ("date",)), ("CitedDocument", ("date",))):
        for name in fields:
            if name in defs.get(holder, {}).get("properties", {}):
                _allow_strings(defs[holder]["properties"][name], DATE_STRING, date_text)
    for holder, texts in DESCRIPTIONS.items():
        for field_name, text in texts.items():
            prop = defs.get(holder, {}).get("properties", {}).get(field_name)
            if prop is not None:
                prop["description"] = text
    for field_name, text in TOP_DESCRIPTIONS.items():
        if field_name in schema["properties"]:
            schema["properties"][field_name]["description"] = text
    for container in (schema, defs.get("Goals", {})):
        indicators = container.get("properties", {}).get("indicators")
        if indicators is not None:
            indicators.pop("additionalProperties", None)
            indicators["properties"] = _indicator_properties(codes)
            indicators["propertyNames"] = {"enum": sorted(codes)}
            indicators["additionalProperties"] = False
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Báo cáo ứng dụng CNTT, chuyển đổi số cấp xã / commune DX report"
    return schema
