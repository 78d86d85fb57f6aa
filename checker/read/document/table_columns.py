"""What each column of a table means, from its header ("Kế hoạch năm 2024 | Thực hiện năm 2024").

A Word table flattened to text repeats a header cell merged over several columns in each of
them and writes the header over two or three rows ("Kết quả thực hiện | Kết quả thực hiện"
above "6 tháng đầu năm 2025 | Cùng kỳ năm 2024"); the rows are merged column by column into
one name each ("Kết quả thực hiện 6 tháng đầu năm 2025").  A column's name then gives its
role: the row order, the row label, the unit, the note, this period's result (``result``:
"Thực hiện", "Kết quả", "Số lượng", "Lũy kế", a period of the report such as "Quý II/2026"),
a figure of another kind (``other``: plan, target, the same period last year, a comparison),
the numerator, denominator and percent of a share ("Đạt | Tổng số | Tỷ lệ (%)"), or, in a
table whose rows are fields ("Lĩnh vực"), the measure the column counts (``measure``).  A
column whose name says none of these is ``unknown``: its numbers are left unplaced.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_ORDER_NAME = re.compile(r"^(?:STT|TT|Số TT|Số thứ tự)$", re.IGNORECASE)
_NOTE_NAME = re.compile(r"^(?:Ghi chú|Ghi chú, giải thích)$", re.IGNORECASE)
_UNIT_NAME = re.compile(r"^(?:Đơn vị tính|ĐVT|Đơn vị|Đơn vị đo)$", re.IGNORECASE)
_LABEL_NAME = re.compile(r"^(?:Chỉ tiêu|Nội dung|Tên chỉ tiêu|Hạng mục|Danh mục|Nội dung chỉ tiêu|Tiêu chí|"
                         r"Nội dung công việc|Câu hỏi)$", re.IGNORECASE)
# A label column that names a breakdown ("Lĩnh vực"): each row is a field, each column a measure.
_DIMENSION_NAME = re.compile(r"^(?:Lĩnh vực|Lĩnh vực giải quyết|Thôn|Thôn, tổ dân phố|Tổ dân phố|Bộ phận|"
                             r"Cơ quan, đơn vị|Khu dân cư)$", re.IGNORECASE)
_OTHER = re.compile(
    r"(?<!\w)(?:cùng kỳ|năm trước|kỳ trước|quý trước|tháng trước|kế hoạch|KH|KH giao|chỉ tiêu(?: giao| KH| kế hoạch)?|"
    r"mục tiêu|dự kiến|so sánh|so với|tăng(?:,|/)? giảm|tăng|giảm|chênh lệch|mức tăng)(?!\w)",
    re.IGNORECASE)
_RESULT = re.compile(
    r"(?<!\w)(?:thực hiện|kết quả|số lượng|số liệu|lũy kế|luỹ kế|giá trị|tổng số|"
    r"quý\s+(?:[IV]{1,3}|\d)|\d+ tháng|tháng|năm \d{4}|từ .+ đến)(?!\w)",
    re.IGNORECASE)
_PLAN = re.compile(r"(?<!\w)(?:kế hoạch|KH|chỉ tiêu|mục tiêu|dự kiến)(?!\w)", re.IGNORECASE)
_LUY_KE = re.compile(r"(?<!\w)(?:lũy kế|luỹ kế)(?!\w)", re.IGNORECASE)
_NUMERATOR = re.compile(r"(?<!\w)(?:đạt|số đạt|đã thực hiện|đã cấp)$", re.IGNORECASE)
_DENOMINATOR = re.compile(r"(?<!\w)(?:tổng số|tổng|mẫu số)$", re.IGNORECASE)
_PERCENT = re.compile(r"(?<!\w)(?:tỷ lệ|tỉ lệ)(?!\w)|\(%\)|^%$", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


@dataclass(frozen=True)
class Column:
    """One column of a table: its merged header name and its role."""

    name: str
    role: str


def merge_headers(rows: list[list[str]]) -> list[str]:
    """One name per column from header rows of equal length: the distinct cells top to bottom."""
    width = max(len(row) for row in rows)
    names = []
    for index in range(width):
        parts: list[str] = []
        for row in rows:
            cell = row[index].strip() if index < len(row) else ""
            if cell and cell not in parts:
                parts.append(cell)
        names.append(" ".join(parts))
    return names


def _last_part(rows: list[list[str]], index: int) -> str:
    """The bottom header cell of a column (the sub-heading under a merged one)."""
    for row in reversed(rows):
        if index < len(row) and row[index].strip():
            return row[index].strip()
    return ""


_QUARTER = re.compile(r"(?<!\w)quý\s+(IV|I{1,3}|[1-4])(?:\s*(?:/|năm)\s*(20\d{2}))?(?!\w)", re.IGNORECASE)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _outside(name: str, year: int | None, period: tuple[dt.date, dt.date] | None) -> bool:
    """Whether a column names a quarter that lies outside the report's period ("Quý I/2026" in a Q2 report)."""
    match = _QUARTER.search(name)
    if match is None or period is None:
        return False
    quarter = _ROMAN.get(match.group(1).upper()) or int(match.group(1))
    in_year = int(match.group(2)) if match.group(2) else year
    if in_year is None:
        return False
    first = dt.date(in_year, 3 * quarter - 2, 1)
    last = dt.date(in_year + 1, 1, 1) - dt.timedelta(days=1) if quarter == 4 else \
        dt.date(in_year, 3 * quarter + 1, 1) - dt.timedelta(days=1)
    overlap = (min(last, period[1]) - max(first, period[0])).days + 1
    return overlap < 45  # a report cut off mid-month ("15/12 – 14/3") still covers most of its quarter


def columns(rows: list[list[str]], year: int | None,
            period: tuple[dt.date, dt.date] | None = None) -> list[Column]:
    """The columns of a table with the given header rows, for a report of ``year`` over ``period``."""
    names = merge_headers(rows)
    bottoms = [_last_part(rows, index) for index in range(len(names))]
    roles: list[str] = []
    label_seen = False
    crosstab = False
    for index, name in enumerate(names):
        bottom = bottoms[index]
        if index == 0 and _ORDER_NAME.match(bottom):
            roles.append("order")
        elif _NOTE_NAME.match(bottom):
            roles.append("note")
        elif not label_seen and (_LABEL_NAME.match(bottom) or _DIMENSION_NAME.match(bottom)):
            label_seen = True
            crosstab = bool(_DIMENSION_NAME.match(bottom))
            roles.append("label")
        elif label_seen and _UNIT_NAME.match(bottom) and "unit" not in roles:
            roles.append("unit")
        else:
            roles.append("other" if _outside(name, year, period) else _value_role(name, bottom, year, crosstab))
    for index in range(len(roles) - 1):  # "Đạt | Tổng số": a numerator and its denominator
        if _NUMERATOR.search(bottoms[index]) and _DENOMINATOR.search(bottoms[index + 1]) \
                and roles[index] not in ("order", "label", "unit", "note", "other"):
            roles[index], roles[index + 1] = "numerator", "denominator"
    if "numerator" not in roles and not crosstab:
        # Beside a plan or target column, a bare "Tỷ lệ (%)" is as likely the share of the plan done
        # ("tỷ lệ thực hiện so với kế hoạch") as the indicator's own share: its meaning is not certain.
        planned = any(role == "other" and _PLAN.search(name) for name, role in zip(names, roles, strict=True))
        roles = [("unknown" if planned else "result") if role == "percent" else role for role in roles]
    return [Column(name, role) for name, role in zip(names, roles, strict=True)]


def _value_role(name: str, bottom: str, year: int | None, crosstab: bool) -> str:
    """The role of a column holding numbers."""
    if _OTHER.search(name):
        return "other"
    years = {int(found) for found in _YEAR.findall(name)}
    if year is not None and years and year not in years and not _LUY_KE.search(name):
        return "other"  # "Năm 2023" in a report on 2024
    if crosstab:
        return "measure"
    if _PERCENT.search(bottom):
        return "percent"
    if _RESULT.search(name):
        return "result"
    return "unknown"


def is_crosstab(cols: list[Column]) -> bool:
    """Whether the table's rows are fields and its columns measures."""
    return any(column.role == "measure" for column in cols)
