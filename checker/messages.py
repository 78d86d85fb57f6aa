"""Rendering of finding messages: templates plus parameters, in one place.

Rule files hold templates such as ``"{label}: {stated} % nhưng {numerator}/{denominator}"``;
parameters are formatted here the Vietnamese way (2.777; 98,34) for the Vietnamese text and
the English way for the English text.
"""

from __future__ import annotations

import string
from typing import Any

from checker.findings import Message
from checker.numbers import format_number

# Shared texts of target findings that are not violations (the rule's own message covers
# the not-met case).
TARGET_TEXTS = {
    "met": (
        "{label}: {observed} % — đạt chỉ tiêu {comparator} {threshold} % ({document}, {year}){unverified_note}.",
        "{label_en}: {observed} % — meets the target {comparator} {threshold} % "
        "({document}, {year}){unverified_note_en}.",
    ),
    "no_data": (
        "{label}: báo cáo không nêu số liệu; chỉ tiêu {comparator} {threshold} % "
        "({document}, {year}){unverified_note}.",
        "{label_en}: not reported; target {comparator} {threshold} % ({document}, {year}){unverified_note_en}.",
    ),
}


def _format(value: Any, english: bool) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if english:
        return f"{value:,.2f}".rstrip("0").rstrip(".") if not float(value).is_integer() else f"{int(value):,}"
    return format_number(value)


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_text(template: str, params: dict[str, Any], english: bool = False) -> str:
    """Fill ``template`` with formatted ``params``; unknown placeholders stay visible."""
    values = _Params({key: _format(value, english) for key, value in params.items()})
    return template.format_map(values)


def render(vi: str, en: str, params: dict[str, Any]) -> Message:
    """Render the Vietnamese and English templates of one message."""
    return Message(vi=render_text(vi, params), en=render_text(en, params, english=True))


def placeholders(template: str) -> set[str]:
    """Names used by a template, for checking rule files."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
