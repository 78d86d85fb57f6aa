"""Figures of a merged unit's report that are not the unit's for the period.

A report written just after communes merged gives, in the same paragraphs, the former communes'
totals for the period (the unit's own figures), the figures of each former commune, and the new
unit's figures from the day it began, after the period:

* "Từ ngày 01/7 đến ngày 12/7/2025, xã mới phát hành 86 văn bản đi" in a report on the first half
  of 2025: a clause opened by a date after the period's end (:func:`after_period`);
* "xã An Thanh có 14 máy tính, xã Văn Tố 12 máy tính, xã Chí Minh 16 máy tính": one named commune's
  figure in a list of several, with no total written (:func:`one_of_named_units`);
* "3 xã cũ tiếp nhận 3.846 văn bản đến": the "3" counts communes, it is no figure
  (:func:`counts_units`).

Each test follows the sentence's structure (a clause's opening adverbial of time, a list of named
holders, a number's own noun), never one report's wording; the number is left unplaced with its
reason, as a wrong value costs more than a missed one.
"""

from __future__ import annotations

import datetime as dt
import re

AFTER_PERIOD = "số sau khi kỳ báo cáo kết thúc / a figure for a time after the report's period"
ONE_OF_UNITS = ("số của từng đơn vị được nêu tên, không có tổng / one named unit's figure among several, no total "
                "written")
UNIT_COUNT = "số đơn vị hành chính, không phải số liệu / a number of communes, not a figure"

_D = r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?"
# a clause opened by a time: "Từ ngày 01/7/2025, …", "Ngày 05/7/2025, …", "Từ ngày 01/7 đến ngày 12/7/2025, …",
# "Đến ngày 30/6/2025, …" (a state or a total up to a day overlaps the period: it never leaves a figure)
_OPENING = re.compile(
    rf"(?:^|(?<=[;,.:(])|(?<=\bvà))\s*(?:kể\s+)?(?:(từ|sau)\s+|(đến|tính đến)\s+(?:hết\s+)?)?ngày\s+{_D}"
    rf"(?:\s*(?:đến|-|–)\s*(?:hết\s+)?(?:ngày\s+)?{_D})?\s*,",
    re.IGNORECASE)
_UNIT_NOUN = r"(?:xã|phường|thị trấn|đặc khu)"
_NAMED_FIGURE = re.compile(
    rf"(?<!\w){_UNIT_NOUN}\s+((?:[A-ZÀ-Ỹ][^\W\d_]*\s+){{0,3}}?[A-ZÀ-Ỹ][^\W\d_]*)\s*(?:\(\s*cũ\s*\)\s*|cũ\s+)?"
    r"(?:có\s+|đạt\s+|là\s+)?(?=\d)")
_UNITS_AFTER = re.compile(rf"\s*{_UNIT_NOUN}(?:\s+cũ)?(?!\w)", re.IGNORECASE)


def after_period(raw: str, sentence: tuple[int, int], start: int, period_end: dt.date | None) -> str | None:
    """:data:`AFTER_PERIOD` when the last clause opening of time before the number, in its sentence, begins
    after ``period_end``; None otherwise (no opening, a date that is no real date, or one within the period).
    """
    if period_end is None or "ngày" not in raw[sentence[0]:start].lower():
        return None
    last = None
    for match in _OPENING.finditer(raw[sentence[0]:start]):  # "^": the sentence's start
        last = match
    if last is None:
        return None
    if last.group(2):
        return None  # "(Tính) đến ngày …": a state or a total up to that day, which overlaps the period
    day, month, year = last.group(3), last.group(4), last.group(5)
    year = year or last.group(8) or str(period_end.year)
    try:
        begins = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return AFTER_PERIOD if begins > period_end else None


def one_of_named_units(raw: str, sentence: tuple[int, int], clause_begin: int, start: int) -> str | None:
    """:data:`ONE_OF_UNITS` when the number's clause opens with a named commune holding it ("xã Văn Tố 12 máy
    tính") and its sentence names another commune the same way; None otherwise (one named unit is the
    reporting unit itself).
    """
    text = raw[sentence[0]:sentence[1]]
    if "xã" not in text.lower() and "phường" not in text.lower() and "thị trấn" not in text.lower():
        return None
    named = [m for m in _NAMED_FIGURE.finditer(raw, sentence[0], sentence[1])]
    if len({m.group(1) for m in named}) < 2:
        return None
    begin = max(clause_begin, raw.rfind(",", sentence[0], start) + 1)
    return ONE_OF_UNITS if any(begin <= m.start() and m.end() == start for m in named) else None


def counts_units(raw: str, value_end: int) -> str | None:
    """:data:`UNIT_COUNT` when the number's own noun is a commune ("3 xã cũ", "02 phường")."""
    return UNIT_COUNT if _UNITS_AFTER.match(raw, value_end) else None
