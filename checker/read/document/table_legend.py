"""A table's legend: what the report itself says a column means.

An annex may explain its columns in a note above the table, in the report's own words:

    Ghi chú: cột "Tỷ lệ (%)" là tỷ lệ so với tổng số của chỉ tiêu (hồ sơ tiếp nhận, văn bản đi,
    hồ sơ đã giải quyết); cột "So cùng kỳ" là kết quả năm 2024 so với năm 2023 (%).

Beside a plan column a bare "Tỷ lệ (%)" column is read as unknown (it may as well be the share of
the plan done, ``table_columns.py``); the legend settles it.  :func:`legend` reads such a note into
column name → meaning: ``share`` (the row's own share of its total, read as this period's share)
or ``other`` (a comparison with the plan or another period, never placed).  Only a quoted column
name followed by "là" counts; a meaning not recognised gives nothing.
"""

from __future__ import annotations

import re

_ENTRY = re.compile(r"cột\s+[\"“']([^\"”']{1,40})[\"”']\s+là\s+([^;.]*)", re.IGNORECASE)
_OTHER = re.compile(r"(?<!\w)(?:so với (?:kế hoạch|chỉ tiêu|năm|cùng kỳ|kỳ trước|quý trước)|kế hoạch|cùng kỳ)(?!\w)",
                    re.IGNORECASE)
_SHARE = re.compile(r"^\s*t[ỷỉ] lệ (?:so với|trên) (?:tổng số|tổng)(?!\w)", re.IGNORECASE)


def legend(text: str) -> dict[str, str]:
    """Column name → ``share`` or ``other``, from a note explaining a table's columns; {} when there is none."""
    meanings: dict[str, str] = {}
    if "cột" not in text and "Cột" not in text and "CỘT" not in text:
        return meanings  # the reader asks this of every item: the cheap test first
    for match in _ENTRY.finditer(" ".join(text.split())):
        name, meaning = " ".join(match.group(1).split()), match.group(2)
        if _SHARE.match(meaning) and not _OTHER.search(meaning):
            meanings[name.lower()] = "share"
        elif _OTHER.search(meaning):
            meanings[name.lower()] = "other"
    return meanings
