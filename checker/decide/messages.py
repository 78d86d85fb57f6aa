"""Rendering of finding messages: templates plus parameters, in one place.

Rule files hold templates such as ``"{label}: {stated} % nhưng {numerator}/{denominator}"``;
parameters are formatted here the Vietnamese way (2.777; 98,34) for the Vietnamese text and
the English way for the English text.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from checker.core.numbers import format_number
from checker.decide.findings import Message, Replaced

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
    "not_scored": (
        "{criterion_title}: {ratio} % — chưa tính được điểm phân loại {scored_as} ({document}, {article}): "
        "chưa có tỷ lệ bình quân chung của {province} cho số liệu năm {data_year} "
        "(targets/scoring/province-averages.yaml). {period_note}",
        "{criterion_title_en}: {ratio} % — cannot be scored for a {scored_as_en} ({document}, {article}) "
        "without the province average of {province} for the figures of {data_year} "
        "(targets/scoring/province-averages.yaml). {period_note_en}",
    ),
    "undetermined": (
        "{label}: báo cáo ghi {written} ({interval}), không đủ để biết có đạt chỉ tiêu {comparator} {threshold} % "
        "hay không ({document}, {year}){unverified_note}.",
        "{label_en}: the report says {written_en} ({interval}), which does not tell whether the target "
        "{comparator} {threshold} % is met ({document}, {year}){unverified_note_en}.",
    ),
    "goal_met": (
        "{label}: mục tiêu {goal} đặt trong {previous}; {outcome}.",
        "{label_en}: goal {goal} set in {previous}; {outcome_en}.",
    ),
    "rollup_holds": (
        "{label}: {unit} báo cáo {whole}, đúng bằng tổng {count} xã/phường trong lô ({total}).",
        "{label_en}: {unit} reports {whole}, equal to the sum of its {count} communes in the batch ({total}).",
    ),
    "rollup_unchecked": (
        "{label}: chưa kiểm tra được tổng của {unit} ({whole}): {count}/{expected} xã/phường có số liệu, "
        "cộng được {total}; thiếu: {missing}.",
        "{label_en}: the roll-up of {unit} ({whole}) could not be checked: {count} of {expected} communes "
        "give the figure, summing to {total}; missing: {missing_en}.",
    ),
}


SCORING_TEXTS = {
    "year": (
        "Dùng số liệu {period} (đến {end}); NĐ 307 chấm theo số liệu đến 31/12 của năm trước năm gửi hồ sơ "
        "({data_article}): đây là số liệu của hồ sơ phân loại gửi năm {next_year}. Thông tin, không phải chỉ "
        "tiêu: không tính vào xếp loại.",
        "Uses the figures of {period_en} (to {end}); NĐ 307 scores figures as of 31 December of the year before "
        "the dossier is sent ({data_article}): these are the figures of a classification dossier sent in "
        "{next_year}. Information, not a target: not counted in the grade.",
    ),
    "part": (
        "Dùng số liệu {period} (đến {end}), chưa phải số liệu cả năm: NĐ 307 chấm theo số liệu đến 31/12 của "
        "năm trước năm gửi hồ sơ ({data_article}), hồ sơ gửi năm {next_year} dùng số liệu đến 31/12/{data_year}; "
        "điểm này chỉ để tham khảo. Thông tin, không phải chỉ tiêu: không tính vào xếp loại.",
        "Uses the figures of {period_en} (to {end}), not a whole year's: NĐ 307 scores figures as of 31 December "
        "of the year before the dossier is sent ({data_article}), so a dossier sent in {next_year} uses the "
        "figures to 31/12/{data_year}; these points are indicative. Information, not a target: not counted in "
        "the grade.",
    ),
    "period_year": ("năm {year}", "the year {year}"),
    "period_half": ("6 tháng đầu năm {year}", "the first half of {year}"),
    "period_nine_months": ("9 tháng năm {year}", "the first nine months of {year}"),
    "period_quarter": ("quý {quarter} năm {year}", "quarter {quarter} of {year}"),
    "above": ("{base} + {step_points} × ({ratio} − {reference}) / {step} = {raw}",
              "{base} + {step_points} × ({ratio} − {reference}) / {step} = {raw}"),
    "below": ("{ratio} ≤ {reference} → {base}", "{ratio} ≤ {reference} → {base}"),
    "capped": (" → tối đa {max_points}", " → at most {max_points}"),
    "rounded": (" → {points} (làm tròn hai chữ số thập phân)", " → {points} (rounded to two decimals)"),
    "xa": ("xã", "commune (xã)"),
    "phuong": ("phường", "ward (phường)"),
    "dac_khu": ("đặc khu, tính như xã (Điều 8 khoản 1)", "special zone (đặc khu), scored as a xã (Điều 8 khoản 1)"),
    "dac_khu_urban": ("đặc khu, tính như phường (Điều 8 khoản 1)",
                      "special zone (đặc khu), scored as a phường (Điều 8 khoản 1)"),
}
"""Texts of classification points (NĐ 307, rules SC001/SC002): which figures were used, the formula."""


def scoring_text(key: str, english: bool, **params: Any) -> str:
    """One text of classification points, filled the language's way."""
    return render_text(SCORING_TEXTS[key][1 if english else 0], params, english)


SUPERSEDES_TEXT = (
    " {document} thay thế {replaced}{since}.",
    " {document} replaced {replaced}{since_en}.",
)
"""Appended to every finding judged by a target whose document replaced others (QĐ 2629 → QĐ 942)."""


def supersedes_note(document: str, replaced: list[Replaced], since: str | None) -> Message:
    """The note naming what a target's document replaced, where it says so and from when.

    " 2629/QĐ-TTg (Điều 2) thay thế 942/QĐ-TTg từ 01/12/2025." — the article is the replacing
    document's; when the replaced documents are named in different articles, each is given.
    """
    return _supersedes_note(document, tuple((ref.document, ref.article) for ref in replaced), since)


@lru_cache(maxsize=1024)
def _supersedes_note(document: str, replaced: tuple[tuple[str, str | None], ...], since: str | None) -> Message:
    """:func:`supersedes_note` of (document, article) pairs, remembered (every finding of such a target adds it)."""
    articles = {article for _, article in replaced}
    if len(articles) == 1:
        article = articles.pop()
        named = document + (f" ({article})" if article else "")
        listed = "; ".join(name for name, _ in replaced)
    else:
        named = document
        listed = "; ".join(name + (f" ({article})" if article else "") for name, article in replaced)
    params = {"document": named, "replaced": listed,
              "since": f" từ {format_day(since)}" if since else "",
              "since_en": f" from {format_day(since)}" if since else ""}
    return message_of(render_text(SUPERSEDES_TEXT[0], params), render_text(SUPERSEDES_TEXT[1], params, english=True))


def with_note(message: Message, note: Message) -> Message:
    """``message`` with ``note`` appended, in both languages."""
    return message_of(message.vi + note.vi, message.en + note.en)


def message_of(vi: str, en: str) -> Message:
    """A message of two texts this code wrote (two strings: nothing to validate)."""
    return Message(vi, en)


def format_day(iso: str) -> str:
    """An ISO date the Vietnamese way: 2025-12-01 → 01/12/2025."""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _format(value: Any, english: bool) -> Any:
    if value.__class__ is str:  # most parameters: labels, documents, dates
        return value
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


Compiled = tuple[str, tuple[tuple[str, str], ...]]
"""A template parsed once: its leading text, then each field's name with the text that follows it."""


@lru_cache(maxsize=4096)
def compiled(template: str) -> Compiled | None:
    """``template`` parsed once into its texts and plain fields, or None when a field is more than a name.

    A plain field is ``{name}`` with an identifier for a name, no conversion and no format spec: the rule
    files' and this module's templates (about 25 pairs a plan uses).  ``str.format_map`` writes such a field
    as ``format(value, "")``, so joining the texts with the formatted values gives the same string
    (:func:`render_text`); any other template (``{0}``, ``{a.b}``, ``{a!r}``, ``{a:>5}``, unbalanced
    braces) keeps ``format_map``, errors included.  Keyed by the template's text, which comes from the
    catalogue's rules and this code, never from a report.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    head = ""
    fields: list[tuple[str, str]] = []
    for literal, name, spec, conversion in parsed:
        if fields:
            fields[-1] = (fields[-1][0], fields[-1][1] + literal)
        else:
            head += literal
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion is not None:
            return None
        fields.append((name, ""))
    return head, tuple(fields)


def render_text(template: str, params: Mapping[str, Any], english: bool = False) -> str:
    """Fill ``template`` with formatted ``params``; unknown placeholders stay visible.

    The template is parsed once (:func:`compiled`); each field is filled with its parameter formatted the
    language's way, as ``template.format_map`` would write it, so no text depends on which path wrote it
    (``tests/test_message_templates.py`` compares the two on generated templates and parameters).
    """
    parts = compiled(template)
    if parts is None:
        return render_reference(template, params, english)
    head, fields = parts
    out = [head]
    for name, tail in fields:
        if name in params:
            value = params[name]
            if value.__class__ is not str:
                value = _format(value, english)
                if value.__class__ is not str:  # a flag, None, a list …: as format_map writes it
                    value = format(value, "")
            out.append(value)
        else:
            out.append("{" + name + "}")
        out.append(tail)
    return "".join(out)


def render_reference(template: str, params: Mapping[str, Any], english: bool = False) -> str:
    """:func:`render_text` as ``str.format_map`` writes it, every time: the reference the tests compare with."""
    return template.format_map(_Params({key: _format(params[key], english)
                                        for key in _used_names(template) if key in params}))


def render(vi: str, en: str, params: Mapping[str, Any]) -> Message:
    """Render the Vietnamese and English templates of one message.

    Many findings repeat the same message (every report without a figure for a target says
    so in the same words), so messages are remembered by template and parameters (with their
    types: 1, 1.0 and True are equal keys but are written differently), and the same (frozen)
    message object is returned for them.  Only the parameters the templates read are part of
    the key: the others cannot change the texts.  A message not remembered is filled from its
    templates parsed once (:func:`compiled`).
    """
    key = (vi, en, tuple([(name, params[name].__class__, params[name])
                          for name in _pair_names(vi, en) if name in params]))
    try:
        return _render_pair(key)
    except TypeError:  # an unhashable parameter: render without remembering
        return message_of(render_text(vi, params), render_text(en, params, english=True))


@lru_cache(maxsize=4096)
def _pair_names(vi: str, en: str) -> tuple[str, ...]:
    """The parameter names either template of a message reads."""
    return tuple(sorted({*_used_names(vi), *_used_names(en)}))


@lru_cache(maxsize=8192)
def _render_pair(key: tuple[str, str, tuple[tuple[str, type, Any], ...]]) -> Message:
    vi, en, items = key
    params = {name: value for name, _, value in items}
    return message_of(render_text(vi, params), render_text(en, params, english=True))


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
