"""Counts of those who lack something: "02 CBCCVC chưa có CKS (mới tuyển dụng)", "03 thôn chưa có tổ".

The number counts the part of a group that has not (yet) got what the sentence names, not the group
itself: read by its head noun it would be a wrong total (2 officials). It is left unplaced with its
reason, unless the indicator itself counts what is lacking ("25 hồ sơ chưa giải quyết").
"""

from __future__ import annotations

import re
from functools import cache

from checker.read.document.patterns import patterns

LACKING = ("số chưa có, chưa được (một phần của nhóm), không phải tổng số / those who lack it, a part of the group, "
           "not the total")
_LACKING = re.compile(
    r"\s*(?:[^\W\d_]+\s+){0,4}?(?:vẫn\s+)?(?:chưa|không|còn chưa)\s+(?:được\s+)?"
    r"(?:có|cấp|sử dụng|dùng|cài|kết nối|đăng ký|thực hiện|tham gia|đủ|đạt|hoàn thành)(?!\w)",
    re.IGNORECASE)


@cache
def _counts_lacking() -> frozenset[str]:
    """The indicators whose own words say what is lacking (their patterns name "chưa" or "không")."""
    return frozenset(pattern.code for pattern in patterns().indicators
                     if any(re.search(r"chưa|không", p.pattern) for p in pattern.local))


def lacking(raw: str, value_end: int, clause_end: int, code: str) -> str | None:
    """:data:`LACKING` when the words after the number, in its clause, say its group lacks something."""
    if code in _counts_lacking():
        return None
    match = _LACKING.match(raw, value_end, clause_end)
    return LACKING if match else None
