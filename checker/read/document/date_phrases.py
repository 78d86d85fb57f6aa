"""Dates in report text: how they are written, reading one, and the dates that scope a value.

A value's scope is its cut-off (``as_of``) and, for a part of the year, its start
(``period_start``): "từ ngày … đến ngày …", "tính đến ngày …", "5 tháng đầu năm …".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from checker.core.numbers import parse_date
from checker.read.document.layout import Item, sentences
from checker.read.document.wording import collapse

DATE_SPAN = (
    r"(?:ngày\s+)?\d{1,2}\s*(?:tháng\s+){1,2}\d{1,2}\s*năm\s*\d{4}"
    r"|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s*[-.]\s*\d{1,2}\s*[-.]\s*\d{4}"
    r"|ngày\s+\d{1,2}\s*/\s*\d{1,2}(?!\s*/?\s*\d)|tháng\s+\d{1,2}\s*(?:/|năm)\s*\d{4}"
)
# "… đến (hết) (ngày) <date>" closes a range; "(tính) đến (hết) (ngày) <date>" is a cut-off.
_RANGE_TO = r"\s*(?:đến|-|–)\s*(?:hết\s+)?(?:ngày\s+)?"
_UNTIL_TO = r"(?:tính\s+)?đến\s+(?:hết\s+)?(?:ngày\s+)?"
# "(01/01 - 30/6/2025)": a range whose first date takes the second one's year
_SHORT_RANGE_TEXT = r"(\d{1,2})\s*/\s*(\d{1,2})\s*[-–]\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_SHORT_RANGE = re.compile(rf"(?<![\d/]){_SHORT_RANGE_TEXT}(?![\d/])")
_DATE_PHRASE = re.compile(
    rf"(?:tính\s+)?(?:từ\s+)?(?:ngày\s+)?(?<![\d/]){_SHORT_RANGE_TEXT.replace('(', '(?:')}(?![\d/])"
    rf"|(?:tính\s+)?(?:từ\s+)?(?:ngày\s+)?(?:{DATE_SPAN})(?:{_RANGE_TO}(?:{DATE_SPAN}))?"
    rf"|{_UNTIL_TO}(?:{DATE_SPAN})"
    r"|(?:tính\s+)?(?:đến nay|đến thời điểm (?:này|hiện tại))",
    re.IGNORECASE,
)
_RANGE = re.compile(rf"từ\s+(?:ngày\s+)?({DATE_SPAN}){_RANGE_TO}({DATE_SPAN})", re.IGNORECASE)
_UNTIL = re.compile(rf"{_UNTIL_TO}({DATE_SPAN})", re.IGNORECASE)
_MONTHS_INTO = re.compile(r"(\d{1,2})\s+tháng\s+đầu\s+năm\s+(\d{4})", re.IGNORECASE)


def blank_dates(text: str) -> str:
    """The text with dates and date ranges replaced by spaces (same length), for matching."""
    return _DATE_PHRASE.sub(lambda m: " " * len(m.group(0)), text)


def read_date(text: str) -> dt.date | None:
    """The date written in ``text`` (a :data:`DATE_SPAN` match), or None when it is no real date."""
    text = re.sub(r"(tháng\s+)+", "tháng ", collapse(text), flags=re.IGNORECASE)
    text = re.sub(r"\s*/\s*", "/", text)
    try:
        return parse_date(text)
    except ValueError:
        return None


def scope_dates(text: str, period: tuple[dt.date, dt.date] | None) -> dict[str, dt.date]:
    """period_start / as_of stated in ``text`` ("từ ngày … đến ngày …", "5 tháng đầu năm …")."""
    if match := _RANGE.search(text):
        start, end = read_date(match.group(1)), read_date(match.group(2))
        if start and end and start <= end:
            return {"period_start": start, "as_of": end}
    if ("-" in text or "–" in text) and (match := _SHORT_RANGE.search(text)):
        day, month, end_day, end_month, year = (int(group) for group in match.groups())
        try:
            start, end = dt.date(year, month, day), dt.date(year, end_month, end_day)
        except ValueError:
            start = end = None
        if start and end and start <= end:
            return {"period_start": start, "as_of": end}
    if match := _MONTHS_INTO.search(text):
        months, year = int(match.group(1)), int(match.group(2))
        if 1 <= months <= 12:
            end = dt.date(year, months, calendar.monthrange(year, months)[1])
            if period is None or end != period[1]:
                return {"period_start": dt.date(year, 1, 1), "as_of": end}
    if match := _UNTIL.search(text):
        end = read_date(match.group(1))
        if end:
            return {"as_of": end}
    return {}


def date_scopes(items: list[Item], period: tuple[dt.date, dt.date]) -> dict[tuple[int, int], dict[str, dt.date]]:
    """Date scope per (item, sentence); "+" sub-items inherit their "-" item's scope."""
    result: dict[tuple[int, int], dict[str, dt.date]] = {}
    inherited: dict[str, dt.date] = {}
    for index, item in enumerate(items):
        spans = sentences(item.text)
        item_scope = scope_dates(item.text, period)
        if item.marker != "+":
            inherited = item_scope
        for number, (start, end) in enumerate(spans):
            scope = scope_dates(item.text[start:end], period) or (inherited if item.marker == "+" else {})
            if scope:
                result[(index, number)] = scope
    return result
