"""Results restated in the outlook: "Tỷ lệ hồ sơ nộp trực tuyến quý I đạt 94,1%; quý II phấn đấu đạt trên 95%".

A report's goals section often recalls the period's result before the goal it sets. The result is
the number the clause says was reached: after "đã đạt", after the report's own
period ("quý I đạt", in a first-quarter report), or the starting point of a rise ("từ 48,7% lên 60%").
Such a number is read as a result, not as a goal; the goal beside it ("quý II phấn đấu đạt trên
95%", "lên 60%") stays a goal. A clause that also sets a goal before the number ("phấn đấu", "nâng",
"tiếp tục", "duy trì") is never read so.
"""

from __future__ import annotations

import datetime as dt
import re

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_GOAL_VERB = re.compile(r"(?<!\w)(?:phấn đấu|nâng|tiếp tục|duy trì|mục tiêu|dự kiến|sẽ|kế hoạch)(?!\w)",
                        re.IGNORECASE)
_REACHED = r"(?:đạt|đạt được|đạt tỷ lệ|đạt tỉ lệ)"
_DONE = re.compile(rf"(?<!\w)đã\s+{_REACHED}\s*$", re.IGNORECASE)
_RISE_FROM = re.compile(r"(?<!\w)từ\s*$", re.IGNORECASE)
_RISE_TO = re.compile(r"\s*%?\s*lên\s+(?:mức\s+)?\d", re.IGNORECASE)


def own_period(start: dt.date | None, end: dt.date | None) -> re.Pattern[str] | None:
    """The words naming a report's own period ("quý I", "6 tháng đầu năm", "9 tháng", "năm 2026"), or None."""
    if start is None or end is None:
        return None
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 3 and start.month in (1, 4, 7, 10):
        quarter = (start.month - 1) // 3 + 1
        words = rf"quý\s+(?:{_ROMAN[quarter]}|0?{quarter})(?![\wIVX])"
    elif months == 6 and start.month == 1:
        words = r"6 tháng(?: đầu năm)?"
    elif months == 9 and start.month == 1:
        words = r"9 tháng(?: đầu năm)?"
    elif months == 12:
        words = rf"năm\s+{end.year}"
    else:
        return None
    return re.compile(rf"(?<!\w){words}(?:\s*(?:/|năm)\s*{end.year})?(?:\s+\S+){{0,2}}?\s+(?:đã\s+)?{_REACHED}\s*$",
                      re.IGNORECASE)


def restated_result(clause_before: str, after: str, period: re.Pattern[str] | None) -> bool:
    """Whether the number whose clause reads ``clause_before`` up to it (and ``after`` it) restates a result."""
    if _RISE_FROM.search(clause_before) and _RISE_TO.match(after):
        return True  # "nâng tỷ lệ … từ 48,7% lên 60%": where it starts from is reached
    if _GOAL_VERB.search(clause_before):
        return False
    if _DONE.search(clause_before):
        return True
    return period is not None and period.search(clause_before) is not None
