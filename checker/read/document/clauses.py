"""Clauses of a sentence: the head a colon list restates, and the modality of one clause.

A report often names an indicator once and gives several figures for it, one clause each,
after a colon and separated by semicolons:

    "Tỷ lệ hồ sơ … toàn trình trên tổng số hồ sơ: Kế hoạch 80%; thực hiện 76,4% (6.912/9.047
    hồ sơ); dự kiến cả năm đạt khoảng 80%"
    "Hồ sơ công việc … (trừ hồ sơ mật): quý III đạt 99,2% (…); lũy kế 9 tháng đạt 98,4% (…)"

Each clause's own words only say whose figure it is (the plan's, the result, a forecast) and
for which time (the quarter, the cumulative figure); what it counts is the *head*, the words
before the colon.  :func:`head_for` gives that head when, and only when, the clause before a
number holds nothing but such words, so a breakdown by field ("Chứng thực 812; Hộ tịch 301")
is never read as the head.  :func:`clause_modality` says whether a clause states the plan's
target or a goal.
"""

from __future__ import annotations

import re

# Words that say whose figure a clause gives or for which time, never what it counts.
_SCOPE_WORDS = re.compile(
    r"(?<!\w)(?:kế hoạch(?: giao| đề ra)?|chỉ tiêu|thực hiện|kết quả(?: thực hiện)?|đạt được|đạt|ước đạt|ước tính|ước"
    r"|dự kiến|phấn đấu|mục tiêu|cả năm|(?:trong|của|riêng)?\s*(?:quý|tháng|kỳ|năm)(?:\s+(?:[IVX]+|này|nay|\d+))?"
    r"|(?:\d+|sáu|chín|ba) tháng(?: đầu năm| cuối năm)?|lũy kế|luỹ kế|riêng|từ đầu năm|đầu năm|tính chung"
    r"|(?:trước|sau) (?:khi )?sáp nhập|(?:trước|sau) (?:khi )?hợp nhất"
    r"|là|bằng|chiếm|tỷ lệ|tỉ lệ|từ|trên|dưới|hơn|khoảng|gần|tối thiểu|tối đa|ít nhất|không quá|xấp xỉ)(?!\w)",
    re.IGNORECASE)
_PARTS = re.compile(r"(?<!\w)(?:trong đó|gồm|bao gồm|cụ thể|dự toán|chia theo|phân theo|theo lĩnh vực)(?!\w)",
                    re.IGNORECASE)
_SHARE_OF_PREVIOUS = re.compile(r"[,(]?\s*(?:đạt|bằng|chiếm)(?: t[ỷỉ] lệ)?\s*$", re.IGNORECASE)
# "xã sẽ tổ chức 02 lớp tập huấn": what will be done is a plan
_GOAL_WORDS = re.compile(r"(?<!\w)(?:phấn đấu|mục tiêu|dự kiến|sẽ)(?!\w)", re.IGNORECASE)
_PLAN_TARGET = re.compile(r"^\W*(?:kế hoạch(?: giao| đề ra)?|chỉ tiêu(?: kế hoạch)?)(?!\w)", re.IGNORECASE)


def without_brackets(text: str) -> str:
    """``text`` with its closed bracket groups blanked (same length): "(mục tiêu …: 50%)" says nothing here."""
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)
    return text


def clause_start(text: str, sentence_start: int, pos: int) -> int:
    """Where the clause holding ``pos`` begins: after the last ";" or label ":" outside brackets."""
    plain = without_brackets(text[sentence_start:pos])
    starts = [m.end() for m in re.finditer(r"[;:]", plain)]
    return sentence_start + (starts[-1] if starts else 0)


def head_for(text: str, sentence_start: int, pos: int, previous_end: int = 0) -> str | None:
    """The head a colon list restates, for the number at ``pos``; None when its clause says more.

    The head is the sentence's words before its first colon outside brackets; the clause of the
    number (since the colon or the last ";") must hold only scope and modality words, and so must its
    own words since the figure before it, which ends at ``previous_end``.
    """
    plain = without_brackets(text[sentence_start:pos])
    colon = plain.find(":")
    if colon < 0 or "(" in plain or ":" in plain[colon + 1:] or _PARTS.search(plain):
        return None  # inside brackets, a second label, or a breakdown ("trong đó: chứng thực: 3.105; …")
    clauses = plain[colon + 1:].split(";")
    previous = re.search(r"\d[^\d]*$", clauses[-1])
    if previous and _SHARE_OF_PREVIOUS.search(previous.group(0)) \
            and re.search(r"[^\W\d_]{2,}", _SCOPE_WORDS.sub(" ", previous.group(0))):
        return None  # "286 giao dịch/312 giao dịch, đạt 91,7%": the share of the figure before it, not of the head
    # the number's own words since the figure before it say nothing counted either
    own = without_brackets(text[max(previous_end, sentence_start + colon + 1):pos]) if previous_end < pos else ""
    for clause in [*clauses, own]:  # every clause since the colon restates the head: the words before its figure
        clause = re.split(r"\d", clause, maxsplit=1)[0]  # ("trong quý 21/21 báo cáo; lũy kế 64/64 …")
        if re.search(r"[^\W\d_]{2,}", _SCOPE_WORDS.sub(" ", clause)):
            return None
    head = text[sentence_start:sentence_start + colon]
    if not re.search(r"[^\W\d_]{2,}", head):
        return None
    return head


def list_head(text: str, sentence_start: int, pos: int) -> str | None:
    """The words before the one colon of a colon list whose clauses name their own items ("Số hóa: hồ sơ khi
    tiếp nhận 98,4%; kết quả giải quyết 97,9%"): what each clause's words complete; None inside brackets, after a
    second colon or in a breakdown ("trong đó …", "gồm …").
    """
    plain = without_brackets(text[sentence_start:pos])
    colon = plain.find(":")
    if colon < 0 or "(" in plain or ":" in plain[colon + 1:] or _PARTS.search(plain):
        return None
    head = text[sentence_start:sentence_start + colon]
    if re.search(r"\d", head):  # "Trong tổng số 1.846 hồ sơ …, chia theo lĩnh vực: Chứng thực 1.105; …": a breakdown
        return None
    return head if re.search(r"[^\W\d_]{2,}", head) else None


def scope_only(text: str) -> bool:
    """Whether ``text`` says only whose figure and which time it is ("Quý II", "Lũy kế từ đầu năm"), nothing counted."""
    return not re.search(r"[^\W\d_]{2,}", _SCOPE_WORDS.sub(" ", without_brackets(text)))


def clause_modality(text: str, sentence_start: int, pos: int) -> str | None:
    """"target" when the number's clause states the plan's target ("Kế hoạch 80%"), "goal" when it
    states a goal or a forecast ("dự kiến cả năm đạt 100%", "phấn đấu …"), else None.

    Only the number's own clause counts (since the last ";" or colon, brackets left out), or a
    colon list that a goal word opens ("Năm 2027, xã phấn đấu: 100% …; …").
    """
    start = clause_start(text, sentence_start, pos)
    clause = without_brackets(text[start:pos])
    if _PLAN_TARGET.match(clause):
        return "target"
    if _GOAL_WORDS.search(clause):
        return "goal"
    plain = without_brackets(text[sentence_start:pos])
    colon = plain.find(":")
    if colon >= 0 and start > sentence_start + colon and re.search(r"(?<!\w)(?:phấn đấu|mục tiêu)(?!\w)",
                                                                  plain[:colon], re.IGNORECASE):
        return "goal"
    return None
