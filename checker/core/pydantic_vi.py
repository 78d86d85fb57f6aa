"""pydantic's validation messages in Vietnamese, the English kept alongside.

:func:`vietnamese` turns one error of ``ValidationError.errors()`` into "tiếng Việt / English"
by its ``type`` and ``ctx``; an unknown type keeps pydantic's English text.  Messages the
project's own validators raise are already bilingual and pass through without pydantic's
"Value error, " prefix.
"""

from __future__ import annotations

from typing import Any

VI: dict[str, str] = {
    "string_type": "cần một chuỗi chữ",
    "string_too_short": "chuỗi quá ngắn, cần ít nhất {min_length} ký tự",
    "string_too_long": "chuỗi quá dài, tối đa {max_length} ký tự",
    "string_pattern_mismatch": "chuỗi không đúng dạng {pattern}",
    "int_type": "cần một số nguyên",
    "int_parsing": "cần một số nguyên, không đọc được chuỗi này",
    "int_from_float": "cần một số nguyên, không có phần lẻ",
    "float_type": "cần một số",
    "float_parsing": "cần một số, không đọc được chuỗi này",
    "bool_type": "cần true hoặc false",
    "bool_parsing": "cần true hoặc false, không đọc được chuỗi này",
    "literal_error": "cần một trong {expected}",
    "enum": "cần một trong {expected}",
    "date_type": "cần một ngày (YYYY-MM-DD)",
    "date_parsing": "cần một ngày (YYYY-MM-DD)",
    "date_from_datetime_parsing": "cần một ngày (YYYY-MM-DD)",
    "date_from_datetime_inexact": "cần một ngày, không kèm giờ",
    "greater_than_equal": "cần lớn hơn hoặc bằng {ge}",
    "greater_than": "cần lớn hơn {gt}",
    "less_than_equal": "cần nhỏ hơn hoặc bằng {le}",
    "less_than": "cần nhỏ hơn {lt}",
    "too_short": "cần ít nhất {min_length} phần tử",
    "too_long": "tối đa {max_length} phần tử",
    "dict_type": "cần một đối tượng JSON {{…}}",
    "model_type": "cần một đối tượng JSON {{…}}",
    "model_attributes_type": "cần một đối tượng JSON {{…}}",
    "list_type": "cần một danh sách JSON […]",
    "tuple_type": "cần một danh sách JSON […]",
    "finite_number": "cần một số hữu hạn",
    "json_invalid": "JSON không hợp lệ",
}


FIXED = {
    "missing": "thiếu trường bắt buộc / required field is missing",
    "extra_forbidden": "trường không được phép / unknown field (not in the model)",
}
"""Errors whose whole message is ours (both languages)."""


def vietnamese(error: dict[str, Any]) -> str:
    """The message of one pydantic error, Vietnamese first."""
    kind = str(error.get("type", ""))
    if kind in FIXED:
        return FIXED[kind]
    english = str(error.get("msg", ""))
    if kind in ("value_error", "assertion_error"):
        for prefix in ("Value error, ", "Assertion failed, "):
            if english.startswith(prefix):
                return english[len(prefix):]
        return english
    template = VI.get(kind)
    if template is None:
        return english
    try:
        text = template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        text = template
    return f"{text} / {english[:1].lower() + english[1:]}"
