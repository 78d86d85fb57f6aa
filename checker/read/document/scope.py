"""Whose figure and for which time: numbers whose scope is not the reporting unit's period.

A report states, beside its own results, figures that are not the unit's for the period:

* a horizon beyond the report's goals ("Hướng tới năm 2030: 100% …", "(mục tiêu quốc gia đến
  năm 2025: 80%)" in a 2024 quarter's report);
* another unit's figure: the city's average ("vượt mức bình quân của thành phố (47,5%)"), one
  former commune of a merged unit ("Gần 100% hộ gia đình ở thị trấn Cát Bà (cũ) …"), items posted
  on the city's portal ("tin, bài đăng trên Cổng thông tin điện tử thành phố: 14 tin, bài") or on
  social media, which no indicator holds ("…; fanpage của phường đăng 318 bài viết");
* a target of a higher level's plan, even when the plan "strives for" it ("Theo Kế hoạch số
  132/KH-UBND của UBND thành phố, năm 2025 phấn đấu 100% …");
* an addition or a replacement, not the stock ("cấp bổ sung 04 máy tính", "thay mới 06 máy");
* the rest of a group ("cho 05 viên chức còn lại"), or a part of a group named before it read as
  the group itself ("trong số văn bản ký số có 489 văn bản ký số cả …", :func:`group_named_before`);
* a number inside a checklist's question rather than its answer ("… (… 80%)? …").

:func:`out_of_scope` gives the reason to leave such a number unplaced (a candidate the reviewer
sees), or None.  Each test follows the sentence's structure around the number, never one
report's wording; when in doubt the number is left, as a wrong value costs more than a missed one.
"""

from __future__ import annotations

import re

from checker.read.document.clauses import without_brackets
from checker.read.document.readings import Statement

_YEAR_HORIZON = re.compile(
    r"(?<!\w)(?:hướng tới|định hướng|tầm nhìn|đến|tới)\s+(?:hết\s+)?(?:năm|giai đoạn)\s+(\d{4})"
    r"(?:\s*[-–]\s*(\d{4}))?(?!\d)"
    r"|(?<!\w)(?:mục tiêu|hướng tới|định hướng)\s+(?:quốc gia\s+)?giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})(?!\d)",
    re.IGNORECASE)
_AVERAGE = re.compile(
    r"(?<!\w)(?:mức\s+)?(?:bình quân|trung bình)(?:\s+chung)?(?:\s+của)?\s+(?:toàn\s+)?"
    r"(?:thành phố|tỉnh|huyện|cả nước|toàn quốc|TP)(?!\w)[^\d;.]{0,12}$",
    re.IGNORECASE)
_UNIT_NAME = re.compile(
    r"(?<!\w)(?:xã|phường|thị trấn)\s+((?:[^\W\d_]+\s+){0,3}?[^\W\d_]+)\s*(?:\(\s*cũ\s*\)|cũ(?!\w))", re.IGNORECASE)
_WHOLE_UNIT = re.compile(r"(?<!\w)(?:toàn|cả|các|gồm cả|bao gồm)\s*$", re.IGNORECASE)
_HIGHER_PLAN = re.compile(
    r"(?<!\w)theo\s+(?:kế hoạch|quyết định|nghị quyết|chương trình|đề án|chỉ thị|công văn|KH|QĐ|NQ)(?!\w)[^;:]*?"
    r"(?<!\w)của\s+(?:UBND\s+|ủy ban nhân dân\s+|HĐND\s+|ban thường vụ\s+)?"
    r"(?:thành phố|tỉnh|huyện|TP|thủ tướng|chính phủ|tỉnh ủy|thành ủy|huyện ủy|bộ)(?!\w)",
    re.IGNORECASE)
_OWN_SUBJECT = re.compile(
    r"(?<!\w)(?:xã|phường|đặc khu|thị trấn|đơn vị|UBND xã|UBND phường)\s+(?:đã\s+)?(?:phấn đấu|đạt|thực hiện|có)(?!\w)"
    r"|(?<!\w)kết quả(?!\w)|(?<!\w)thực hiện(?!\w)",
    re.IGNORECASE)
_HIGHER_CHANNEL = re.compile(
    r"(?<!\w)(?:cổng|trang) (?:thông tin|TTĐT)(?: điện tử)?(?: của)?(?: UBND)? (?:thành phố|tỉnh|huyện|TP)(?!\w)\D*$",
    re.IGNORECASE)
_SOCIAL = re.compile(r"(?<!\w)(?:fanpage|facebook|zalo|tiktok|youtube|mạng xã hội)(?!\w)", re.IGNORECASE)
_QUESTION_MARK = re.compile(r"[^.!?;]*\?")
_ADDED = re.compile(r"(?<!\w)(?:bổ sung|thay mới|thay thế|mua mới|lắp mới)\s*(?:thêm\s*)?$", re.IGNORECASE)
_REMAINING = re.compile(r"^\s*(?:[^\W\d_]+\s+){0,3}?còn lại(?!\w)", re.IGNORECASE)
_GROUP_BEFORE = re.compile(r"(?<!\w)trong (?:số|tổng số)\s+([^\d,;:()]+?)\s+(?:thì\s+)?có\s*$", re.IGNORECASE)

HORIZON = "mốc ngoài kỳ báo cáo và năm mục tiêu / a horizon beyond the report's period and goals"
AVERAGE = "bình quân của cấp trên, không phải số của đơn vị / a higher level's average, not the unit's figure"
FORMER_UNIT = ("số của một đơn vị cũ, không phải của cả đơn vị báo cáo / a former unit's figure, not the "
               "reporting unit's")
HIGHER_PLAN = "chỉ tiêu trích từ kế hoạch hoặc cấp trên / a target quoted from a plan"
HIGHER_CHANNEL = ("đăng trên kênh của cấp trên, không phải của đơn vị / posted on a higher level's portal, not the "
                  "unit's own")
SOCIAL = "mạng xã hội, chưa có chỉ tiêu / social media, no indicator"
ADDED = "số bổ sung, thay mới, không phải tổng số / an addition or a replacement, not the stock"
REMAINING = "phần còn lại của một nhóm, không phải tổng số / the rest of a group, not the total"
GROUP_PART = "một phần của nhóm nêu trước nó / a part of the group named before it"
QUESTION = "số trong câu hỏi, không phải câu trả lời / a number in the question, not the answer"


def out_of_scope(raw: str, sentence: tuple[int, int], clause_begin: int, start: int, end: int,
                 horizon_year: int | None, count: bool) -> str | None:
    """Why the number at ``raw[start:end]`` is not the reporting unit's figure for the period, or None.

    ``sentence`` is its sentence's span, ``clause_begin`` where its clause begins (after ";" or a
    label colon), ``horizon_year`` the last year the report speaks for (its goals' year), ``count``
    whether the number is a count (not a share).
    """
    before = raw[sentence[0]:start]
    folded = before.lower()  # cheap substring tests before each pattern: the reader asks this of every number
    if horizon_year is not None and ("năm" in folded or "giai đoạn" in folded) and beyond(before, horizon_year):
        return HORIZON
    if ("bình quân" in folded or "trung bình" in folded) and _AVERAGE.search(raw, max(sentence[0], start - 80), start):
        return AVERAGE
    clause_end = _clause_end(raw, end, sentence[1])
    if "cũ" in raw[clause_begin:clause_end].lower() and former_unit(raw, clause_begin, start, clause_end):
        return FORMER_UNIT
    if "theo" in folded and higher_plan(before):
        return HIGHER_PLAN
    if _SOCIAL.search(raw, max(sentence[0], raw.rfind(";", 0, start) + 1, raw.rfind(",", 0, start) + 1), start):
        return SOCIAL
    if ("cổng" in folded or "trang" in folded) \
            and _HIGHER_CHANNEL.search(without_brackets(before[before.rfind(";") + 1:])):
        return HIGHER_CHANNEL
    if count and _ADDED.search(raw, max(sentence[0], start - 30), start):
        return ADDED
    if count and _REMAINING.match(raw[end:clause_end]):
        return REMAINING
    if "?" in raw[end:sentence[1] + 1] and _QUESTION_MARK.match(raw, end, sentence[1] + 1):
        return QUESTION
    return None


def beyond(before: str, horizon_year: int) -> bool:
    """Whether the words before a number in its sentence set a horizon after ``horizon_year``."""
    for match in _YEAR_HORIZON.finditer(before):
        years = [int(year) for year in match.groups() if year]
        if years and max(years) > horizon_year:
            return True
    return False


def former_unit(raw: str, clause_begin: int, start: int, clause_end: int) -> bool:
    """Whether the number's clause names one former commune ("ở thị trấn Cát Bà (cũ)") as its holder.

    Not when the clause speaks of all of them ("toàn đặc khu (gồm cả các xã, thị trấn cũ)"), nor when the
    former commune only says where, in brackets.
    """
    for match in _UNIT_NAME.finditer(raw, clause_begin, clause_end):
        words = match.group(1).split()
        if not all(word[0].isupper() for word in words):
            continue  # "xã thuộc huyện … (cũ)": not one named commune
        if _WHOLE_UNIT.search(raw, max(clause_begin, match.start() - 12), match.start()):
            continue
        opened = raw[clause_begin:match.start()]
        if opened.count("(") > opened.count(")"):
            continue  # "Trụ sở UBND xã (đặt tại trụ sở xã Nguyên Giáp cũ) có 64 máy tính": where, not whose
        return True
    return False


def higher_plan(before: str) -> bool:
    """Whether a higher level's plan is quoted before the number and the unit's own result never follows."""
    plans = list(_HIGHER_PLAN.finditer(before))
    return bool(plans) and not _OWN_SUBJECT.search(before, plans[-1].end())


def group_named_before(clause_before: str, after: str) -> str | None:
    """The group a number counts part of, when its clause names it first and the number's own words
    begin with the group's noun ("trong số văn bản ký số có 489 văn bản ký số cả …": "văn bản ký số").

    The reader leaves the number when it would read as the group's own indicator; a narrower one
    ("trong số hồ sơ trực tuyến có 1.204 hồ sơ … toàn trình") is a further statement.
    """
    group = _GROUP_BEFORE.search(clause_before)
    if group is None:
        return None
    head = group.group(1).split()[:2]
    same = len(head) == 2 and after.lower().split()[:2] == [word.lower() for word in head]
    return group.group(1) if same else None


def _clause_end(raw: str, end: int, sentence_end: int) -> int:
    """Where the clause holding a number ends: the next ";" or the sentence's end."""
    semicolon = raw.find(";", end, sentence_end)
    return semicolon if semicolon >= 0 else sentence_end


def restated_before(statements: list[Statement], item: int, sentence: int, kind: str) -> Statement | None:
    """The statement a cumulative or sub-period figure opening its own sentence restates ("Lũy kế: 5.902/9.688
    (60,92%).", "Riêng quý III/2026 đạt 63,2% …"): the last statement placed before it, in its item or the
    one before, when it is of the same kind (a fraction, a share or a count); None otherwise, never a guess
    further back.
    """
    last = next((s for s in reversed(statements) if "flag" not in s.fields), None)
    if last is None or last.item_index not in (item, item - 1) or (last.item_index, last.sentence) >= (item, sentence):
        return None
    return last if ("value" in last.fields) == (kind == "count") else None


def opened_head(opening: str) -> str:
    """What an item opening a list by span of time counts ("Cả năm 2025, tiếp nhận 7.916 hồ sơ TTHC, trong đó …,
    cụ thể:" → "tiếp nhận hồ sơ TTHC"): the words of its first clause around its first figure, the figure left
    out; "" when it states no figure.
    """
    number = re.search(r"\d[\d.,]*", opening)
    if number is None:
        return ""
    before = re.split(r"[,;:(]", opening[:number.start()])[-1]
    after = re.split(r"[,;:(]", opening[number.end():])[0]
    return " ".join(f"{before} {after}".split())
