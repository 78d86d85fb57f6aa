"""Numbers in an item's text: masking those that are not values, reading the rest as tokens.

Dates, document numbers, years, "mức độ 3, 4", row numbers … are masked; every remaining
number becomes a :class:`Token` (a count, a percent or a fraction) with its unit word,
its qualifier ("trên", "khoảng", "trở lên" …) and the raw text it was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.core.numbers import parse_number
from checker.read.document.date_phrases import DATE_SPAN
from checker.read.document.layout import Item
from checker.read.document.patterns import patterns
from checker.read.document.wording import fold

_MASKS = [
    re.compile(DATE_SPAN, re.IGNORECASE),
    re.compile(r"(?:số\s+)?\d+(?:\s*,\s*\d+)*\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][\w&]*(?:\s*[-–]\s*[A-ZĐ][\w&]*)*"),
    re.compile(r"\d{4}\s*[-–]\s*\d{4}"),
    re.compile(r"(?<!\w)(?:năm|giai đoạn|từ|đến|trước|sau|cuối|đầu|NĂM)\s+\d{4}(?!\w)", re.IGNORECASE),
    re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,]*\s*(?:%|\w))"),
    re.compile(r"\d+\s*tháng(?!\w)", re.IGNORECASE),
    re.compile(r"(?<!\w)tháng\s+\d{1,2}(?=\s*[:,;()])", re.IGNORECASE),  # "(riêng tháng 9: 921 hồ sơ)": a month
    # "đạt 5 điểm", "tăng 1,3 điểm phần trăm": points of a score or a change, not a count ("02 điểm tiếp nhận" is)
    re.compile(r"\d+(?:,\d+)?\s+điểm(?!\s+(?:tiếp nhận|giao dịch|cầu|truy cập|phục vụ|wi-?fi|bưu điện))(?!\w)",
               re.IGNORECASE),
    re.compile(r"quý\s+(?:\d|I{1,3}|IV)(?!\w)", re.IGNORECASE),
    re.compile(r"mức(?:\s+độ)?\s*\d(?:\s*(?:,|và|/|-|hoặc)\s*(?:mức(?:\s+độ)?\s*)?\d)*", re.IGNORECASE),
    re.compile(r"cấp\s+độ\s*\d(?:\s*(?:,|và|/|-)\s*\d)*", re.IGNORECASE),
    re.compile(r"(?:mô hình|bảo vệ)(?:\s+\w+){0,2}\s+\d\s+lớp|\d\s+lớp\s+(?:bảo vệ|an toàn)", re.IGNORECASE),
    re.compile(r"(?:điều|khoản|điểm|mục|phụ lục|biểu(?: mẫu)?|chương|tiêu chí|Nghị định|Thông tư)"
               r"\s+(?:số\s+)?\d+(?:\.\d+)*",
               re.IGNORECASE),
    re.compile(r"\d+\s*(?:trong|trên)\s*(?:số\s+|tổng số\s+)?\d+\s*(?:nội dung|tiêu chí|yêu cầu|tiêu chuẩn|chỉ tiêu)",
               re.IGNORECASE),
    re.compile(r"\d+[GgKk]\b|[A-Za-z]+\d+|\d+h\d*|\(\s*\d{1,2}\s*\)|\bx\d+"),
    re.compile(r"\d+\s*(?:tuổi|giờ|phút|ngày làm việc|ngày)(?!\w)", re.IGNORECASE),
    # "chợ 4.0", "công nghiệp 4.0": a version-like name; a thousands dot takes three digits
    re.compile(r'(?<=[^\W\d_] )\d\.0(?![\d.,%])|(?<=[^\W\d_] ")\d\.0(?![\d.,%])'),
    re.compile(r"(?:Ban Chỉ đạo|BCĐ|Đề án|Chương trình|Chỉ thị|Kết luận)\s+(?:số\s+)?\d+(?!\s*(?:%|thành viên|người))",
               re.IGNORECASE),
]
_NUMBER = re.compile(r"(?<![\w.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?![\w])")
_PERCENT = re.compile(r"\s*(%|phần trăm)")
_COLUMN_BEFORE = re.compile(r"\s–\s*$")
_COLUMN_AFTER = re.compile(r"\s+–\s*")
_FRACTION = re.compile(
    r"\s*(?:/|trên tổng số|trong tổng số|trên|trong số)\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\w.,]\d)(?!\w)"
)
_QUALIFIER_BEFORE = [
    (re.compile(r"(?:trên|hơn|vượt|ngoài ra còn|hơn\s+nữa|>)\s*$", re.IGNORECASE), "more_than"),
    (re.compile(r"(?:ít nhất|tối thiểu|từ|≥|>=)\s*$", re.IGNORECASE), "at_least"),
    (re.compile(r"(?:dưới|chưa đến|chưa tới|không đến|ít hơn|<)\s*$", re.IGNORECASE), "less_than"),
    (re.compile(r"(?:tối đa|không quá|không vượt quá|≤|<=)\s*$", re.IGNORECASE), "at_most"),
    (re.compile(r"(?:khoảng|xấp xỉ|ước|ước đạt|ước tính|chừng|~|≈)\s*$", re.IGNORECASE), "about"),
    # "gần 95%": close to 95 from below (docs/numbers.md), not "khoảng"
    (re.compile(r"(?<!\w)(?:gần|gần như|suýt)\s*$", re.IGNORECASE), "nearly"),
]
# The qualifier words themselves, stripped from the end of a label before it is matched.
QUALIFIER_WORDS = re.compile(
    r"\s*(?:trên|hơn|vượt|ít nhất|tối thiểu|từ|dưới|chưa đến|chưa tới|không đến|ít hơn|tối đa|không quá|"
    r"không vượt quá|khoảng|gần|xấp xỉ|ước đạt|ước tính|ước|chừng)\s*$",
    re.IGNORECASE,
)


@dataclass
class Token:
    """A number that may be a value: where it is and what it says."""

    start: int
    end: int
    raw: str
    value: float
    kind: str  # count | percent | fraction
    value_end: int = 0
    unit: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    percent: float | None = None
    qualifier: str = "exact"
    raw_parts: dict[str, str] = field(default_factory=dict)


def _mask(text: str, prefix: int) -> list[bool]:
    """Which characters of ``text`` no number may start in: the item's prefix and every mask's matches."""
    masked = [False] * len(text)
    cut = min(prefix, len(text))
    masked[:cut] = [True] * cut
    for pattern in _MASKS:
        for match in pattern.finditer(text):
            masked[match.start():match.end()] = [True] * (match.end() - match.start())
    return masked


def parse_value(raw: str) -> float | None:
    """``raw`` read as a Vietnamese-written number, or None when it cannot be read."""
    try:
        return parse_number(raw)
    except ValueError:
        return None


def tokens(item: Item, text: str) -> tuple[list[Token], list[tuple[int, str]]]:
    """The value-like numbers of an item, and the unreadable ones (position, raw text)."""
    masked = _mask(text, item.prefix)
    folded = fold(text)  # unit words are matched like the patterns, on folded text
    unit_words = patterns().unit_words
    found: list[Token] = []
    bad: list[tuple[int, str]] = []
    consumed_until = -1
    for match in _NUMBER.finditer(text):
        start, end = match.span(1)
        if start < consumed_until or any(masked[start:end]):
            continue
        raw = match.group(1)
        value = parse_value(raw)
        if value is None:
            bad.append((start, raw))
            continue
        token = Token(start, end, raw, value, "count", end)
        pos = end
        # "B5. Máy tính … – 02 – chiếc", "D8. Tỷ lệ … – 100 – % số TTHC …": a questionnaire's value column, its unit
        # in the next column
        if _COLUMN_BEFORE.search(text, max(0, start - 4), start) and (column := _COLUMN_AFTER.match(text, end)) \
                and (_PERCENT.match(text, column.end()) or unit_words.match(folded, column.end())):
            pos = column.end()
        if percent := _PERCENT.match(text, pos):
            token.kind, token.percent, pos = "percent", value, percent.end()
            token.raw_parts["percent"] = raw + "%"
        else:
            unit = unit_words.match(folded, pos + (1 if folded[pos:pos + 1] == " " else 0))
            if unit and (folded[pos:pos + 1] == " " or unit.start() == pos):
                token.unit, pos = unit.group(0), unit.end()
            fraction = _FRACTION.match(text, pos)
            if fraction and not any(masked[fraction.start(1):fraction.end(1)]):
                denominator = parse_value(fraction.group(1))
                if denominator is not None:
                    token.kind, token.numerator, token.denominator = "fraction", value, denominator
                    token.raw_parts.update(numerator=raw, denominator=fraction.group(1))
                    pos = fraction.end()
                    if (unit := unit_words.match(folded, pos + 1)) and folded[pos:pos + 1] == " ":
                        token.unit = token.unit or unit.group(0)  # "25/25 máy tính": the fraction's unit
                        pos = unit.end()
            if token.kind == "count":
                token.raw_parts["value"] = raw
        token.end = pos
        before = text[max(0, start - 25):start]
        for pattern, qualifier in _QUALIFIER_BEFORE:
            if pattern.search(before):
                token.qualifier = qualifier
                break
        if re.match(r"\s*trở lên", text[pos:], re.IGNORECASE):
            token.qualifier = "at_least"
        elif re.match(r"\s*trở xuống", text[pos:], re.IGNORECASE):
            token.qualifier = "at_most"
        consumed_until = pos
        found.append(token)
    return _merge_percent_fraction(found, text), bad


# "68/70 cán bộ, công chức (đạt 97,1%)", "100% cán bộ, công chức (70/70)", "44/46 CBCCVC được cấp chữ ký số,
# đạt 95,7%": the second figure, in brackets or after ", đạt", after the words the first one counts restates it.
_BRACKETED_AFTER_WORDS = re.compile(r"[^\d;.()%/]{1,80}(?:\(\s*(?:đạt|bằng|chiếm|tỷ lệ|tỉ lệ)?|,\s*(?:đạt|bằng|chiếm)"
                                    r"(?: t[ỷỉ] lệ)?)\s*", re.IGNORECASE)


def _merge_percent_fraction(found: list[Token], text: str) -> list[Token]:
    """Join "2731/2777 (98,3%)" or "98,3% (2731/2777)" into one statement."""
    merged: list[Token] = []
    for token in found:
        if merged:
            last = merged[-1]
            between = text[last.end:token.start]
            joins = re.fullmatch(r"\s*[(,=–-]?\s*(?:đạt|bằng|chiếm|tỷ lệ|tỉ lệ|đạt tỷ lệ|đạt tỉ lệ)?\s*", between,
                                 re.IGNORECASE) or _BRACKETED_AFTER_WORDS.fullmatch(between)
            if joins and {last.kind, token.kind} == {"fraction", "percent"}:
                fraction, percent = (last, token) if last.kind == "fraction" else (token, last)
                fraction.percent = percent.percent
                fraction.raw_parts.update(percent.raw_parts)
                if joins.re is _BRACKETED_AFTER_WORDS:  # the words between are what the first figure counts
                    fraction.start, fraction.end = last.start, last.end
                    fraction.value_end = last.value_end
                else:
                    fraction.start, fraction.end = min(last.start, token.start), max(last.end, token.end)
                merged[-1] = fraction
                continue
        merged.append(token)
    return merged

