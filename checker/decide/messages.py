"""Rendering of finding messages: templates plus parameters, in one place.

Rule files hold templates such as ``"{label}: {stated} % nhưng {numerator}/{denominator}"``;
parameters are formatted here the Vietnamese way (2.777; 98,34) for the Vietnamese text and
the English way for the English text.
"""

from __future__ import annotations

import string
from functools import lru_cache
from typing import Any

from checker.core.numbers import format_number
from checker.decide.findings import Message

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
    "goal_met": (
        "{label}: mục tiêu {goal} đặt trong {previous}; {outcome}.",
        "{label_en}: goal {goal} set in {previous}; {outcome_en}.",
    ),
}


def _format(value: Any, english: bool) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if english:
        return f"{value:,.2f}".rstrip("0").rstrip(".") if not float(value).is_integer() else f"{int(value):,}"
    return format_number(value)


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@lru_cache(maxsize=4096)
def _used_names(template: str) -> tuple[str, ...]:
    """The parameter names a template reads (only those are formatted)."""
    names = {name.partition(".")[0].partition("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
    return tuple(sorted(names))


def render_text(template: str, params: dict[str, Any], english: bool = False) -> str:
    """Fill ``template`` with formatted ``params``; unknown placeholders stay visible."""
    values = _Params({key: _format(params[key], english) for key in _used_names(template) if key in params})
    return template.format_map(values)


def render(vi: str, en: str, params: dict[str, Any]) -> Message:
    """Render the Vietnamese and English templates of one message.

    Many findings repeat the same message (every report without a figure for a target says
    so in the same words), so texts are remembered by template and parameters (with their
    types: 1, 1.0 and True are equal keys but are written differently).
    """
    key = (vi, en, tuple([(name, value.__class__, value) for name, value in params.items()]))
    try:
        texts = _render_pair(key)
    except TypeError:  # an unhashable parameter: render without remembering
        texts = (render_text(vi, params), render_text(en, params, english=True))
    return Message(vi=texts[0], en=texts[1])


@lru_cache(maxsize=8192)
def _render_pair(key: tuple[str, str, tuple[tuple[str, type, Any], ...]]) -> tuple[str, str]:
    vi, en, items = key
    params = {name: value for name, _, value in items}
    return render_text(vi, params), render_text(en, params, english=True)


def placeholders(template: str) -> set[str]:
    """Names used by a template, for checking rule files."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# Texts of "which figure is probably wrong" (checker/decide/suspects.py), Vietnamese and English.
SUSPECT_TEXTS = {
    "one": ("Có thể sai: {figures}.", "Probably wrong: {figures}."),
    "several": ("Cần sửa ít nhất {size} số cùng lúc; có thể sai: {sets}.",
                "At least {size} figures must change together; probably wrong: {sets}."),
    "none": ("Không tìm được tối đa {max} số mà sửa thì mọi quan hệ của báo cáo đều đúng; cần đọc lại báo cáo.",
             "No set of up to {max} figures restores every relation of the report; the report needs re-reading."),
    "cleared": ("{figure} được giữ vì «{relation}» đang đúng.", "{figure} is kept because “{relation_en}” holds."),
    "slips": ("Gợi ý, chưa sửa dữ liệu: {slips}.", "Suggestion, the data are not changed: {slips}."),
    "slip": ("{written} có thể là {meant} ({kind})", "{written} may be {meant} ({kind_en})"),
    "or": (" hoặc ", " or "),
    "and": (" và ", " and "),
}


def suspect_text(key: str, english: bool, **params: Any) -> str:
    """One sentence of the suspects' explanation, filled the language's way."""
    return render_text(SUSPECT_TEXTS[key][1 if english else 0], params, english)
