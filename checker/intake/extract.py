"""From numbered lines of a commune report to a draft report dict and candidates.

The text is first laid out into *items*: a bullet, a numbered heading, a table row or a
paragraph, with the lines a PDF conversion broke joined back (a line that does not end a
sentence and is followed by a lowercase word, a value, a proper-noun continuation …).
Each item keeps, for every character, the line it came from, so every value carries its
provenance.  Numbers that are not values (dates, document numbers, years, "mức độ 3, 4",
row numbers …) are masked; every remaining number is read with its label (the words
before it: "Số máy in: 20 máy", "Tỷ lệ … đạt 80%") or with the words it counts ("đã tích
hợp 139 dịch vụ công …", "100% văn bản đi được ký số") and matched against the patterns
in ``patterns.yaml``.  A number that fits no indicator, fits several equally well, or
whose form does not fit (a fraction for a count, a decimal count, money without a unit)
is left out of the draft and returned as a :class:`Candidate` with the reason.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from checker.indicators import catalogue
from checker.intake.text import Line
from checker.numbers import parse_number
from checker.yamlio import load_yaml

EXTRACTED_NOTE = "trích tự động / extracted"
UNKNOWN_PROVINCE = "chưa xác định / unknown"

# --------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------

_FOLD_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_FOLD_RE = re.compile("|".join(sorted({*(_FOLD_PAIRS), *(k.upper() for k in _FOLD_PAIRS),
                                       *(k.capitalize() for k in _FOLD_PAIRS)}, key=len, reverse=True)))


def _fold_one(match: re.Match[str]) -> str:
    text = match.group(0)
    folded = _FOLD_PAIRS[text.lower()]
    if text.isupper():
        return folded.upper()
    if text[0].isupper():
        return folded[0].upper() + folded[1:]
    return folded


def fold(text: str) -> str:
    """Normalise old/new tone-mark placement ("hoá" -> "hóa"), keeping the length."""
    return _FOLD_RE.sub(_fold_one, text)


def _is_upper_word(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _is_caps_line(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 4:
        return False
    return sum(ch.isupper() for ch in letters) >= 0.85 * len(letters)


def _collapse(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class IndicatorPattern:
    """The compiled phrasings of one indicator."""

    code: str
    unit: str
    local: tuple[re.Pattern[str], ...]
    ctx: tuple[re.Pattern[str], ...]
    none: tuple[re.Pattern[str], ...]
    units: re.Pattern[str] | None


@dataclass(frozen=True)
class FlagPattern:
    """The compiled phrasings of one yes/no indicator."""

    code: str
    table: tuple[re.Pattern[str], ...]
    table_none: tuple[re.Pattern[str], ...]
    affirm: tuple[re.Pattern[str], ...]
    affirm_none: tuple[re.Pattern[str], ...]
    scope: str = "clause"
    in_goals: bool = False


@dataclass(frozen=True)
class Patterns:
    """Everything loaded from ``patterns.yaml``."""

    indicators: tuple[IndicatorPattern, ...]
    flags: tuple[FlagPattern, ...]
    ratios: dict[str, tuple[str, str]]
    unit_words: re.Pattern[str]
    negation: re.Pattern[str]


def _expand(pattern: str, concepts: dict[str, str]) -> str:
    def repl(match: re.Match[str]) -> str:
        return f"(?:{concepts[match.group(1)]})"

    for _ in range(3):
        pattern = re.sub(r"@(\w+)", repl, pattern)
    return fold(pattern)


def _word_regex(pattern: str, concepts: dict[str, str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_expand(pattern, concepts)})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """Load and compile ``checker/intake/patterns.yaml`` (once per process)."""
    raw = load_yaml(resources.files("checker.intake").joinpath("patterns.yaml").read_text("utf-8"))
    concepts: dict[str, str] = raw["concepts"]
    known = catalogue()

    def compile_all(items: Iterable[str] | None) -> tuple[re.Pattern[str], ...]:
        return tuple(_word_regex(item, concepts) for item in items or ())

    indicators = []
    for code, spec in raw["indicators"].items():
        if code not in known:
            raise ValueError(f"patterns.yaml: unknown indicator code {code}")
        units = spec.get("units")
        indicators.append(IndicatorPattern(
            code, known[code].unit, compile_all(spec.get("local")), compile_all(spec.get("ctx")),
            compile_all(spec.get("none")),
            re.compile(rf"^(?:{_expand(units, concepts)})$", re.IGNORECASE) if units else None,
        ))
    flags = []
    for code, spec in raw["flags"].items():
        if code not in known:
            raise ValueError(f"patterns.yaml: unknown indicator code {code}")
        flags.append(FlagPattern(code, compile_all(spec.get("table")), compile_all(spec.get("table_none")),
                                 compile_all(spec.get("affirm")), compile_all(spec.get("affirm_none")),
                                 spec.get("scope", "clause"), bool(spec.get("in_goals", False))))
    ratios = {code: (spec["part"], spec["whole"]) for code, spec in (raw.get("ratios") or {}).items()}
    unit_words = re.compile(rf"(?:{_expand(raw['unit_words'], concepts)})(?!\w)", re.IGNORECASE)
    return Patterns(tuple(indicators), tuple(flags), ratios, unit_words,
                    _word_regex(concepts["negation"], concepts))


# --------------------------------------------------------------------------------------
# Layout: lines -> items
# --------------------------------------------------------------------------------------

_BULLET = re.compile(r"^([-+*•–—])\s*(?=\S)")
_ROMAN = re.compile(r"^([IVX]{1,4})\s*[.)]\s*(?=\w)")
_ENUM = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)](?!\d)\s*(?=\w)")
_ENUM_DOTTED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\s+(?=[^\W\d])")
_LETTER = re.compile(r"^([a-zđ])\s*\)\s*(?=\w)")
_ORDINAL = re.compile(r"^(\d{1,3})\s*(?:-\s*)?(?=[^\W\d_])")
_LONE_ORDINAL = re.compile(r"^\d{1,2}\.?$")
_ENDS_WITH_VALUE = re.compile(r"(?:\d[\d.,]*\s*%?|\d[\d.,]*\s+[^\W\d]+)\s*$")
_CLOSING = re.compile(r"^(?:Trên đây là|Trên đây,? là|Nơi nhận)", re.IGNORECASE)
_ANNEX = re.compile(r"^(?:Biểu mẫu|BIỂU MẪU|Phụ lục|PHỤ LỤC|Biểu số|BIỂU SỐ)\b")
_GOALS_HEADING = re.compile(
    r"(?<!\w)(?:mục tiêu|phương hướng|nhiệm vụ(?:,? giải pháp)?(?: trọng tâm)? (?:năm|thời gian|\d+ tháng|quý))",
    re.IGNORECASE,
)
_RESULTS_HEADING = re.compile(
    r"(?<!\w)(?:kết quả|tồn tại|khó khăn|hạn chế|đánh giá|tình hình|thực trạng|công tác chỉ đạo)",
    re.IGNORECASE,
)


@dataclass
class Item:
    """A paragraph, bullet, numbered heading or table row, with per-character lines."""

    text: str
    lines: list[int]
    marker: str = ""
    depth: int | None = None
    prefix: int = 0
    section: str = "body"
    headings: tuple[str, ...] = ()
    physical: int = 1

    @property
    def first_line(self) -> int:
        """Line number of the item's first character."""
        return self.lines[0] if self.lines else 1


def _marker(text: str, prev_text: str | None) -> tuple[str, int | None, int]:
    """Kind of the leading marker of a line, its heading depth and its length."""
    if match := _ROMAN.match(text):
        return "roman", 0, match.end()
    if match := _BULLET.match(text):
        return match.group(1) if match.group(1) in "+*" else "-", None, match.end()
    if match := _ENUM.match(text):
        return "enum", match.group(1).count(".") + 1, match.end()
    if match := _ENUM_DOTTED.match(text):
        return "enum", match.group(1).count(".") + 1, match.end()
    if match := _LETTER.match(text):
        return "enum", 4, match.end()
    if match := _ORDINAL.match(text):
        rest = text[match.end():]
        if rest[:1].isupper():
            return "ordinal", None, match.end()
    if _LONE_ORDINAL.match(text) and not (prev_text or "").rstrip().endswith(":"):
        return "ordinal", None, len(text)
    return "", None, 0


def _starts_item(prev: str | None, cur: str, item: Item | None) -> bool:
    """Whether physical line ``cur`` starts a new item after line ``prev``."""
    if prev is None or item is None:
        return True
    p = prev.rstrip()
    if p.endswith("-") and not p.endswith(" -") and cur[:1].isalpha():
        return False
    if _marker(cur, prev)[0]:
        return True
    caps_item = _is_caps_line(item.text)
    if caps_item != _is_caps_line(cur) and (caps_item or len(cur) < 80):
        return True
    first = cur[0]
    if first.islower():
        return False
    if p.endswith((".", "!", "?", "…")):
        return True
    if p.endswith(";"):
        return True
    if p.endswith(":"):
        return not first.isdigit() and first not in "(+-"
    if first.isdigit() or first in "(),%/":
        return False
    if _ENDS_WITH_VALUE.search(p) or p.endswith((")", "%")):
        return True
    words = p.split()
    if words and (words[-1][:1].isupper() or words[-1] in ("xã", "huyện", "tỉnh", "phường")):
        return False
    if _is_upper_word(cur.split()[0]) and len(cur.split()[0]) >= 2:
        return False
    return item.marker in ("roman", "enum") and item.physical == 1


def layout(lines: list[Line]) -> list[Item]:
    """Group physical lines into items, keeping each character's line number."""
    items: list[Item] = []
    current: Item | None = None
    prev: str | None = None
    for line in lines:
        raw = line.text.strip()
        if not raw:
            continue
        if _starts_item(prev, raw, current):
            marker, depth, prefix = _marker(raw, prev)
            if current is not None:
                items.append(current)
            current = Item("", [], marker, depth, prefix)
            text = _collapse(raw)
        else:
            assert current is not None
            hyphen = current.text.endswith("-") and not current.text.endswith(" -")
            text = ("" if hyphen else " ") + _collapse(raw)
            current.physical += 1
        current.text += text
        current.lines.extend([line.number] * len(text))
        prev = raw
    if current is not None:
        items.append(current)
    _mark_sections(items)
    return items


def _heading_label(item: Item) -> str:
    text = item.text[item.prefix:]
    match = re.search(r"\d", text)
    return text[: match.start()] if match and match.start() > 10 else text[:160]


def _is_heading(item: Item) -> bool:
    if item.marker in ("roman", "enum"):
        return True
    return _is_caps_line(item.text) and len(item.text) < 160


def _mark_sections(items: list[Item]) -> None:
    """Set each item's section (body, goals, closing, annex) and its enclosing headings."""
    stack: list[tuple[int, str]] = []
    section = "body"
    goals_depth: int | None = None
    for item in items:
        if _ANNEX.match(item.text) and len(item.text) < 40:
            section = "annex"
        elif section != "annex" and _CLOSING.match(item.text):
            section = "closing"
        if section in ("body", "goals") and _is_heading(item):
            depth = item.depth if item.depth is not None else 0
            label = _heading_label(item)
            if section == "goals" and goals_depth is not None and depth <= goals_depth \
                    and _RESULTS_HEADING.search(label) and not _GOALS_HEADING.search(label):
                section, goals_depth = "body", None
            if section == "body" and _GOALS_HEADING.search(label) and not _RESULTS_HEADING.search(label):
                section, goals_depth = "goals", depth
            while stack and stack[-1][0] >= depth:
                stack.pop()
            stack.append((depth, label))
        item.section = section
        item.headings = tuple(label for _, label in reversed(stack))


# --------------------------------------------------------------------------------------
# Numbers in an item
# --------------------------------------------------------------------------------------

_DATE_SPAN = (
    r"(?:ngày\s+)?\d{1,2}\s*(?:tháng\s+){1,2}\d{1,2}\s*năm\s*\d{4}"
    r"|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s*[-.]\s*\d{1,2}\s*[-.]\s*\d{4}"
    r"|ngày\s+\d{1,2}\s*/\s*\d{1,2}(?!\s*/?\s*\d)|tháng\s+\d{1,2}\s*(?:/|năm)\s*\d{4}"
)
_MASKS = [
    re.compile(_DATE_SPAN, re.IGNORECASE),
    re.compile(r"(?:số\s+)?\d+(?:\s*,\s*\d+)*\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][\w&]*(?:\s*[-–]\s*[A-ZĐ][\w&]*)*"),
    re.compile(r"\d{4}\s*[-–]\s*\d{4}"),
    re.compile(r"(?<!\w)(?:năm|giai đoạn|từ|đến|trước|sau|cuối|đầu|NĂM)\s+\d{4}(?!\w)", re.IGNORECASE),
    re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,]*\s*(?:%|\w))"),
    re.compile(r"\d+\s*tháng(?!\w)", re.IGNORECASE),
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
]
_NUMBER = re.compile(r"(?<![\w.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?![\w])")
_PERCENT = re.compile(r"\s*(%|phần trăm)")
_FRACTION = re.compile(
    r"\s*(?:/|trên tổng số|trong tổng số|trên|trong số)\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\w.,]\d)(?!\w)"
)
_QUALIFIER_BEFORE = [
    (re.compile(r"(?:trên|hơn|vượt|ngoài ra còn|hơn\s+nữa)\s*$", re.IGNORECASE), "more_than"),
    (re.compile(r"(?:ít nhất|tối thiểu|từ)\s*$", re.IGNORECASE), "at_least"),
    (re.compile(r"(?:dưới|chưa đến|chưa tới|không đến|ít hơn)\s*$", re.IGNORECASE), "less_than"),
    (re.compile(r"(?:tối đa|không quá|không vượt quá)\s*$", re.IGNORECASE), "at_most"),
    (re.compile(r"(?:khoảng|gần|xấp xỉ|ước|ước đạt|ước tính|chừng)\s*$", re.IGNORECASE), "about"),
]
_QUALIFIER_WORDS = re.compile(
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
    masked = [False] * len(text)
    for index in range(min(prefix, len(text))):
        masked[index] = True
    for pattern in _MASKS:
        for match in pattern.finditer(text):
            for index in range(match.start(), match.end()):
                masked[index] = True
    return masked


def _parse(raw: str) -> float | None:
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
        value = _parse(raw)
        if value is None:
            bad.append((start, raw))
            continue
        token = Token(start, end, raw, value, "count", end)
        pos = end
        if percent := _PERCENT.match(text, pos):
            token.kind, token.percent, pos = "percent", value, percent.end()
            token.raw_parts["percent"] = raw + "%"
        else:
            unit = unit_words.match(folded, pos + (1 if folded[pos:pos + 1] == " " else 0))
            if unit and (folded[pos:pos + 1] == " " or unit.start() == pos):
                token.unit, pos = unit.group(0), unit.end()
            fraction = _FRACTION.match(text, pos)
            if fraction and not any(masked[fraction.start(1):fraction.end(1)]):
                denominator = _parse(fraction.group(1))
                if denominator is not None:
                    token.kind, token.numerator, token.denominator = "fraction", value, denominator
                    token.raw_parts.update(numerator=raw, denominator=fraction.group(1))
                    pos = fraction.end()
                    if (unit := unit_words.match(folded, pos + 1)) and folded[pos:pos + 1] == " ":
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


def _merge_percent_fraction(found: list[Token], text: str) -> list[Token]:
    """Join "2731/2777 (98,3%)" or "98,3% (2731/2777)" into one statement."""
    merged: list[Token] = []
    for token in found:
        if merged:
            last = merged[-1]
            between = text[last.end:token.start]
            joins = re.fullmatch(r"\s*[(,=–-]?\s*(?:đạt|bằng|chiếm|tỷ lệ|tỉ lệ|đạt tỷ lệ|đạt tỉ lệ)?\s*", between,
                                 re.IGNORECASE)
            if joins and {last.kind, token.kind} == {"fraction", "percent"}:
                fraction, percent = (last, token) if last.kind == "fraction" else (token, last)
                fraction.percent = percent.percent
                fraction.raw_parts.update(percent.raw_parts)
                fraction.start, fraction.end = min(last.start, token.start), max(last.end, token.end)
                merged[-1] = fraction
                continue
        merged.append(token)
    return merged


# --------------------------------------------------------------------------------------
# Candidates and statements
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    """A value the extractor left out of the draft, with the reason."""

    code: str | None
    value: float | None
    line: int
    quote: str
    reason: str
    field: str | None = None
    options: tuple[str, ...] = ()
    goal: bool = False

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "code": self.code, "field": self.field, "value": self.value, "line": self.line,
            "quote": self.quote, "reason": self.reason, "options": list(self.options), "goal": self.goal,
        }


@dataclass
class Statement:
    """A value placed on an indicator, with its provenance."""

    code: str
    fields: dict[str, Any]
    line: int
    lines: tuple[int, int]
    goal: bool
    start: int = 0
    item_index: int = 0
    sentence: int = 0


# --------------------------------------------------------------------------------------
# Matching numbers to indicators
# --------------------------------------------------------------------------------------

_LABEL_MARKER = re.compile(
    r"(?::|(?<!\w)(?:là|đạt|đạt tỷ lệ|đạt tỉ lệ|=|bằng|gồm|có tổng số|tổng số là|được|chiếm))\s*[(]?\s*$",
    re.IGNORECASE,
)
_SOFT_LABEL_MARKER = re.compile(r"(?<!\w)được\s*$", re.IGNORECASE)
_R_SHORT_END = re.compile(r"[,;.()/:]|(?<!\w)trong đó(?!\w)", re.IGNORECASE)
_R_LONG_END = re.compile(
    r";|[.!?](?=\s+[^\W\d]|\s*$)|(?<!\w)trong đó(?!\w)|(?<!như)(?<!gồm)(?<!\w\w là):(?=\s*[^\W\d])", re.IGNORECASE
)
_TRONG_DO = re.compile(r"(?<!\w)trong đó(?:\s+có)?\s*:?", re.IGNORECASE)
_L_BOUNDARY_STRICT = re.compile(
    r";|[.!?](?=\s+[^\W_])|(?<!\w)trong đó(?:\s+có)?\s*:?|(?<!như|gồm)(?<!bao gồm)(?<!\w\w là):(?=\s*[^\W\d(])",
    re.IGNORECASE,
)
_L_BOUNDARY = re.compile(
    r";|[.!?](?=\s+[^\W\d])|(?<!\w)trong đó(?:\s+có)?\s*:?|(?<!như|gồm)(?<!bao gồm)(?<!\w\w là):(?=\s*[^\W\d(])",
    re.IGNORECASE,
)
_GOALISH = re.compile(r"(?<!\w)(?:phấn đấu|mục tiêu|dự kiến|kế hoạch đề ra)(?!\w)", re.IGNORECASE)
_BARE_SHARE = re.compile(
    r"^[\W_]*(?:đạt|đạt được|đạt tỷ lệ|đạt tỉ lệ|tỷ lệ|tỉ lệ|bằng|chiếm|chiếm tỷ lệ)?[\W_]*$", re.IGNORECASE
)


_DATE_PHRASE = re.compile(
    rf"(?:tính\s+)?(?:từ\s+)?(?:ngày\s+)?(?:{_DATE_SPAN})(?:\s*(?:đến|-|–)\s*(?:hết\s+)?(?:ngày\s+)?(?:{_DATE_SPAN}))?"
    rf"|(?:tính\s+)?đến\s+(?:hết\s+)?(?:ngày\s+)?(?:{_DATE_SPAN})"
    r"|(?:tính\s+)?(?:đến nay|đến thời điểm (?:này|hiện tại))",
    re.IGNORECASE,
)


def _blank_dates(text: str) -> str:
    """The text with dates and date ranges replaced by spaces (same length), for matching."""
    return _DATE_PHRASE.sub(lambda m: " " * len(m.group(0)), text)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of an item: split after . ! ? before a capital letter or a bullet."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?]+\s+(?=[^\W\d_]|[-+*])", text):
        after = match.end()
        if text[after:after + 1].isupper() or text[after:after + 1] in "-+*":
            spans.append((start, match.end()))
            start = after
    spans.append((start, len(text)))
    return spans


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
    for index, (start, end) in enumerate(spans):
        if start <= pos < end:
            return index
    return len(spans) - 1


@dataclass
class _Context:
    """What surrounds a number (folded): its parent statement, sentence, item and headings."""

    parent: str
    sentence: str
    item: str
    headings: str


def _kind_fits(pattern: IndicatorPattern, token: Token) -> bool:
    if pattern.unit == "percent":
        return token.kind in ("percent", "fraction")
    if pattern.unit in ("count", "money", "number"):
        return token.kind == "count" or (token.kind == "fraction" and pattern.unit == "count")
    return False


def _local_groups(pattern: IndicatorPattern, local: str, split: int) -> tuple[int, int] | None:
    """(tier sum, matched length) of the local groups, or None when one does not match.

    With a ``split``, the words after it (what the number counts) weigh more than the
    words before it (the verb leading to the number): a match only before it costs 1.
    """
    tier_sum = length = 0
    for p in pattern.local:
        found = p.search(local, split)
        if found is None:
            found = p.search(local)
            if found is None:
                return None
            tier_sum += 1 if split else 0
        length += found.end() - found.start()
    return tier_sum, length


def _last_words_start(local: str, split: int, words: int = 3) -> int:
    """Where the last ``words`` words before ``split`` begin (the verb leading to the number)."""
    head = local[:split]
    spans = [m.start() for m in re.finditer(r"\S+", head.replace("#", " "))]
    return spans[-words] if len(spans) >= words else 0


def _match(local: str, token: Token, context: _Context, split: int = 0,
           strict: bool = False) -> list[tuple[int, int, int, str]]:
    """Indicators that fit ``local`` (with context), as (groups, tier sum, matched length, code).

    A context group found only in the sentence, paragraph or headings is required but does
    not count as a group: it must not outweigh wording found next to the number.  The
    exclusions (``none``) apply to what the number counts and the few words leading to it.
    """
    local = fold(local)
    guard = local[_last_words_start(local, split):] if split and not strict else local
    tiers = (context.parent, context.sentence, context.item, context.headings)
    results: list[tuple[int, int, int, str]] = []
    for pattern in patterns().indicators:
        if not _kind_fits(pattern, token):
            continue
        groups = _local_groups(pattern, local, split)
        if groups is None:
            continue
        if any(p.search(guard) for p in pattern.none):
            continue
        tier_sum, length = groups
        counted = len(pattern.local)
        for p in pattern.ctx:
            if p.search(local):
                continue
            tier = next((index + 1 for index, text in enumerate(tiers) if text and p.search(text)), None)
            if tier is None:
                break
            tier_sum += tier
            counted -= 0 if tier <= 1 else 1
        else:
            if pattern.units is not None and token.unit and not pattern.units.match(token.unit):
                continue
            results.append((counted + len(pattern.ctx), tier_sum, length, pattern.code))
    results.sort(key=lambda r: (-r[0], r[1], -r[2], r[3]))
    return results


def _decide(results: list[tuple[int, int, int, str]]) -> tuple[str | None, tuple[str, ...]]:
    """The single best code, or None with the options that fit about as well.

    Best: most pattern groups, then matched closest to the number, then the longest
    (most specific) wording; within 3 characters of wording it is a tie.
    """
    if not results:
        return None, ()
    best = results[0]
    ties = tuple(r[3] for r in results if (r[0], r[1]) == (best[0], best[1]) and best[2] - r[2] < 3)
    if len(ties) > 1:
        return None, ties
    return best[3], ()


def _fields_for(code: str, token: Token) -> tuple[dict[str, Any] | None, str | None]:
    """The measure fields a token gives an indicator, or a reason it does not fit."""
    unit = catalogue()[code].unit
    fields: dict[str, Any] = {}
    if unit == "percent":
        if token.kind == "fraction":
            fields.update(numerator=token.numerator, denominator=token.denominator)
            if token.percent is not None:
                fields["percent"] = token.percent
        else:
            fields["percent"] = token.percent
    elif token.kind == "fraction":
        return None, "phân số cho chỉ tiêu đếm / a fraction given for a count"
    elif unit == "money":
        scale = _money_scale(token.unit)
        if scale is None:
            return None, "số tiền không rõ đơn vị / amount without a money unit"
        fields["value"] = round(token.value * scale, 6)
        token.raw_parts["value"] = f"{token.raw} {token.unit}"
    else:
        if not float(token.value).is_integer():
            return None, "số lẻ cho chỉ tiêu đếm / a decimal number for a count"
        fields["value"] = token.value
    parsed = {key: raw for key, raw in token.raw_parts.items() if key in fields}
    if parsed:
        fields["parsed_from"] = parsed
    if token.qualifier != "exact":
        fields["qualifier"] = token.qualifier
    return fields, None


def _money_scale(unit: str | None) -> float | None:
    if not unit:
        return None
    unit = unit.lower().replace(".", "")
    if unit.startswith("tỷ"):
        return 1000.0
    if unit.startswith("triệu") or unit in ("trđ", "tr đ"):
        return 1.0
    if unit.startswith(("nghìn", "ngàn")):
        return 0.001
    if unit == "đồng":
        return 0.000001
    return None


class _ItemReader:
    """Reads the numbers of one item into statements and candidates."""

    def __init__(self, item: Item, index: int, out: _Output):
        self.item = item
        self.index = index
        self.out = out
        self.raw = item.text
        self.text = _blank_dates(item.text)
        self.folded_text = fold(self.text)
        self.spans = _sentences(item.text)
        self.goal = item.section == "goals"

    def quote(self, pos: int) -> tuple[int, str]:
        """The line of a position in the item and that line's text."""
        line = self.item.lines[min(pos, len(self.item.lines) - 1)]
        return line, self.out.quote(line)

    def run(self) -> None:
        """Read every number of the item, then its yes/no indicators."""
        found, bad = tokens(self.item, self.raw)
        for pos, raw in bad:
            line, quote = self.quote(pos)
            self.out.candidate(Candidate(None, None, line, quote,
                                         f"không đọc được số '{raw}' / unreadable number", goal=self.goal))
        last_end = self.item.prefix
        subjects: dict[int, str] = {}
        for number, token in enumerate(found):
            subjects[number] = self.read(token, found, number, last_end, subjects)
            last_end = token.end
        self.flags()

    def _l_start(self, token: Token, last_end: int, strict: bool = True) -> int:
        start = last_end
        boundary = _L_BOUNDARY_STRICT if strict else _L_BOUNDARY
        for match in boundary.finditer(self.raw, last_end, token.start):
            start = match.end()
        return start

    def _parent(self, token: Token, found: list[Token], number: int, subjects: dict[int, str]) -> str:
        sentence = _sentence_of(self.spans, token.start)
        marker = None
        for match in _TRONG_DO.finditer(self.raw, self.spans[sentence][0], token.start):
            marker = match
        if marker is None:
            return ""
        for back in range(number - 1, -1, -1):
            if found[back].end <= marker.start() and _sentence_of(self.spans, found[back].start) == sentence:
                return subjects.get(back, "")
        return ""

    def _readings(self, token: Token, found: list[Token], number: int,
                  last_end: int) -> tuple[list[tuple[str, int, bool]], str, int]:
        """The ways to read a number, best first, as (subject text, split, strict guard).

        * label first: the words since the previous number ("Số máy in: 20 máy",
          "Tỷ lệ … đạt 80%"), with the unit;
        * counted noun: the few words leading to the number and what follows it
          ("đã tích hợp 139 dịch vụ công …", "100% văn bản đi được ký số"), split at "#";
        * the label across a sentence that begins with the number ("… quy định. 0").
        Also returns the label text and where it starts.
        """
        text = self.text
        l_start = self._l_start(token, last_end)
        l_core = _QUALIFIER_WORDS.sub("", text[l_start:token.start])
        loose_start = self._l_start(token, last_end, strict=False)
        next_start = found[number + 1].start if number + 1 < len(found) else len(text)
        r_short_end = _R_SHORT_END.search(text, token.end, next_start)
        r_short = text[token.end:r_short_end.start() if r_short_end else next_start]
        r_long_end = _R_LONG_END.search(text, token.end, next_start)
        r_long = text[token.end:r_long_end.start() if r_long_end else next_start]
        if not r_long_end and number + 1 < len(found) and "," in r_long:
            r_long = r_long[: r_long.rindex(",")]  # words after the last comma lead to the next number
        unit = f" {token.unit}" if token.unit else ""
        l_tail = re.split(r"[,;]", l_core)[-1]
        label_first = bool(_LABEL_MARKER.search(l_core)) and not _SOFT_LABEL_MARKER.search(l_core)
        after = r_short if token.kind == "percent" else ""  # "đạt 97,6% số hồ sơ …" names the base
        counted = (l_tail + " # " + text[token.value_end:token.end] + r_long, len(l_tail) + 1)
        readings = [(l_core + unit + after, 0, False)]
        if re.search(r"[^\W\d_]{2,}", r_short):
            readings.insert(1 if label_first else 0, (*counted, False))
        elif r_long.strip():
            readings.append((*counted, True))
        if loose_start < l_start:
            l_loose = _QUALIFIER_WORDS.sub("", text[loose_start:token.start])
            readings.append((l_loose + unit + after, 0, False))
        return readings, l_core, l_start

    def read(self, token: Token, found: list[Token], number: int, last_end: int,
             subjects: dict[int, str]) -> str:
        """Place one number on an indicator, or list it as a candidate; return its subject."""
        readings, l_core, l_start = self._readings(token, found, number, last_end)
        sentence = _sentence_of(self.spans, token.start)
        context = _Context(
            fold(self._parent(token, found, number, subjects)),
            fold(self.text[self.spans[sentence][0]:self.spans[sentence][1]]),
            self.folded_text,
            fold(" | ".join(self.item.headings)),
        )
        options: tuple[str, ...] = ()
        chosen: str | None = None
        subject = readings[0][0]
        for local, split, strict in readings:
            chosen, options = _decide(_match(local, token, context, split, strict))
            if chosen or options:
                subject = local
                break
        line, quote = self.quote(token.start)
        shown = token.raw + ("%" if token.kind == "percent" else "")
        field_name = "percent" if token.kind == "percent" else "numerator" if token.kind == "fraction" else "value"

        def leave(code: str | None, reason: str) -> str:
            self.out.candidate(Candidate(code, token.value, line, quote, f"{reason} ({shown})", field_name,
                                         options, self.goal))
            return subject

        if chosen is None:
            if options:
                return leave(None, "khớp nhiều chỉ tiêu ngang nhau / fits several indicators equally: "
                             + ", ".join(options))
            if token.kind == "percent":
                self.out.pending_shares.append((self, token, re.split(r"[,;(]", l_core)[-1], sentence))
                return subject
            return leave(None, "không nhận ra chỉ tiêu / no indicator recognised")
        fields, problem = _fields_for(chosen, token)
        if fields is None:
            return leave(chosen, problem or "")
        if not self.goal and _GOALISH.search(self.text[self.spans[sentence][0]:token.start]):
            return leave(chosen, "nêu như mục tiêu, ngoài phần mục tiêu / stated as a goal")
        self.out.add(Statement(chosen, fields, line, self._line_range(l_start, token.end), self.goal,
                               token.start, self.index, sentence))
        return subject

    def _line_range(self, start: int, end: int) -> tuple[int, int]:
        lines = self.item.lines[start:max(start + 1, end)]
        return (min(lines), max(lines)) if lines else (self.item.first_line, self.item.first_line)

    def flags(self) -> None:
        """Yes/no indicators: table rows ending in an answer, or affirmative clauses."""
        text = fold(self.raw)
        answer = re.search(r"(?<!\w)(có|không|chưa có|x)\s*\.?\s*$", text, re.IGNORECASE)
        table_row = self.item.marker == "ordinal" or (answer and len(text) < 160)
        negation = patterns().negation
        for flag in patterns().flags:
            if self.goal and not flag.in_goals:
                continue
            if table_row and answer and flag.table and all(p.search(text) for p in flag.table) \
                    and not any(p.search(text) for p in flag.table_none):
                value = answer.group(1).lower() in ("có", "x")
                line, quote = self.quote(answer.start())
                self.out.flag(flag.code, value, line, quote, self.goal)
                continue
            if not flag.affirm or (table_row and answer):
                continue
            for clause in [text] if flag.scope == "item" else re.split(r"[;.]\s", text):
                first = flag.affirm[0].search(clause)
                if not first or not all(p.search(clause) for p in flag.affirm[1:]):
                    continue
                if any(p.search(clause) for p in flag.affirm_none):
                    continue
                before = clause[max(0, first.start() - 40):first.start()]
                if negation.search(before) or negation.search(clause[first.end():first.end() + 15]):
                    continue
                pos = text.find(clause) + first.start()
                line, quote = self.quote(pos)
                self.out.flag(flag.code, True, line, quote, self.goal)
                break


# --------------------------------------------------------------------------------------
# Collecting the output
# --------------------------------------------------------------------------------------

class _Output:
    """Statements, flags and candidates gathered over the items."""

    def __init__(self, lines: list[Line]):
        self.by_number = {line.number: line for line in lines}
        self.statements: list[Statement] = []
        self.candidates: list[Candidate] = []
        self.pending_shares: list[tuple[_ItemReader, Token, str, int]] = []
        self.flags_seen: set[tuple[str, bool, bool]] = set()

    def quote(self, line: int) -> str:
        """The quoted text of a line."""
        found = self.by_number.get(line)
        return _collapse(found.text) if found else ""

    def candidate(self, candidate: Candidate) -> None:
        """Record a value left out."""
        self.candidates.append(candidate)

    def add(self, statement: Statement) -> None:
        """Record a value placed on an indicator."""
        self.statements.append(statement)

    def flag(self, code: str, value: bool, line: int, quote: str, goal: bool) -> None:
        """Record a yes/no indicator once per value."""
        key = (code, value, goal)
        if key in self.flags_seen:
            return
        self.flags_seen.add(key)
        self.statements.append(Statement(code, {"flag": value}, line, (line, line), goal))

    def resolve_shares(self) -> None:
        """Bare "đạt tỷ lệ 97,6%" after a part and a whole: the share their ratio gives."""
        ratios = patterns().ratios
        for reader, token, label, sentence in self.pending_shares:
            line, quote = reader.quote(token.start)
            shown = f"{token.raw}%"
            placed = None
            if _BARE_SHARE.match(label):
                near = {s.code: s for s in self.statements
                        if s.item_index == reader.index and s.sentence == sentence and s.start < token.start
                        and "value" in s.fields}
                fits = []
                for code, (part, whole) in ratios.items():
                    if part in near and whole in near and near[whole].fields["value"]:
                        ratio = 100 * near[part].fields["value"] / near[whole].fields["value"]
                        decimals = len(token.raw.replace(".", ",").split(",")[1]) if "," in token.raw \
                            or "." in token.raw else 0
                        if abs(ratio - token.value) <= 0.5 * 10 ** -decimals + 1e-9:
                            fits.append(code)
                if len(fits) == 1:
                    placed = fits[0]
            if placed:
                fields, _ = _fields_for(placed, token)
                assert fields is not None
                self.statements.append(Statement(placed, fields, line, (line, line), reader.goal,
                                                 token.start, reader.index, sentence))
            else:
                self.candidates.append(Candidate(None, token.value, line, quote,
                                                 f"không nhận ra chỉ tiêu / no indicator recognised ({shown})",
                                                 goal=reader.goal))


# --------------------------------------------------------------------------------------
# Dates that scope a value (as_of, period_start)
# --------------------------------------------------------------------------------------

_RANGE = re.compile(rf"từ\s+(?:ngày\s+)?({_DATE_SPAN})\s*(?:đến|-|–)\s*(?:hết\s+)?(?:ngày\s+)?({_DATE_SPAN})",
                    re.IGNORECASE)
_UNTIL = re.compile(rf"(?:tính\s+)?đến\s+(?:hết\s+)?(?:ngày\s+)?({_DATE_SPAN})", re.IGNORECASE)
_MONTHS_INTO = re.compile(r"(\d{1,2})\s+tháng\s+đầu\s+năm\s+(\d{4})", re.IGNORECASE)


def _date(text: str) -> dt.date | None:
    text = re.sub(r"(tháng\s+)+", "tháng ", _collapse(text), flags=re.IGNORECASE)
    text = re.sub(r"\s*/\s*", "/", text)
    from checker.numbers import parse_date

    try:
        return parse_date(text)
    except ValueError:
        return None


def scope_dates(text: str, period: tuple[dt.date, dt.date] | None) -> dict[str, dt.date]:
    """period_start / as_of stated in ``text`` ("từ ngày … đến ngày …", "5 tháng đầu năm …")."""
    if match := _RANGE.search(text):
        start, end = _date(match.group(1)), _date(match.group(2))
        if start and end and start <= end:
            return {"period_start": start, "as_of": end}
    if match := _MONTHS_INTO.search(text):
        months, year = int(match.group(1)), int(match.group(2))
        if 1 <= months <= 12:
            end = dt.date(year, months, calendar.monthrange(year, months)[1])
            if period is None or end != period[1]:
                return {"period_start": dt.date(year, 1, 1), "as_of": end}
    if match := _UNTIL.search(text):
        end = _date(match.group(1))
        if end:
            return {"as_of": end}
    return {}


# --------------------------------------------------------------------------------------
# Identity, period, meta, documents, period mentions, annex
# --------------------------------------------------------------------------------------

_NAME_WORD = r"[^\W\d_][^\s,.;:()“”\"/]*"
_UNIT_NAME = re.compile(
    rf"(?<!\w)(xã|phường|thị trấn|huyện|thị xã|thành phố|tỉnh)\s+((?:{_NAME_WORD})(?:\s+{_NAME_WORD}){{0,3}})"
)
_UNIT_NAME_CAPS = re.compile(
    r"(?:(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+)?(XÃ|PHƯỜNG|THỊ TRẤN)\s+"
    r"((?:[A-ZĐ\u00C0-\u1EF8]+)(?:\s+[A-ZĐ\u00C0-\u1EF8]+){0,3})"
)
_NOT_NAME = {"UBND", "HĐND", "BCĐ", "Quyết", "Kế", "Ban", "Ủy", "Uỷ", "Trang", "Cổng", "Tổ", "Về", "Căn",
             "Báo", "Thực", "Trên", "Đảng", "Chủ", "Phó", "Sở", "Lãnh", "Công", "Tỉnh", "Huyện", "Xã"}


def _name_words(raw: str) -> str:
    words: list[str] = []
    for word in raw.split():
        if not word[:1].isupper() or (_is_upper_word(word) and len(word) > 1) or word in _NOT_NAME:
            break
        words.append(word)
    return " ".join(words)


def _vote(names: list[str]) -> str | None:
    """The most frequent name, counting longer mentions for their prefixes too."""
    if not names:
        return None
    counts = Counter(names)
    scores = {name: sum(c for other, c in counts.items() if other == name or other.startswith(name + " "))
              for name in counts}
    return max(scores, key=lambda name: (scores[name], counts[name], len(name)))


def find_units(items: list[Item], lines: list[Line]) -> dict[str, list[str]]:
    """Names following xã/phường/thị trấn, huyện/thị xã/thành phố, tỉnh, by kind."""
    found: dict[str, list[str]] = {"xa": [], "phuong": [], "thi_tran": [], "huyen": [], "tinh": [], "thanh_pho": []}
    kinds = {"xã": "xa", "phường": "phuong", "thị trấn": "thi_tran", "huyện": "huyen", "thị xã": "huyen",
             "thành phố": "thanh_pho", "tỉnh": "tinh"}
    for item in items:
        if item.section == "annex":
            continue
        for match in _UNIT_NAME.finditer(item.text):
            name = _name_words(match.group(2))
            if name:
                found[kinds[match.group(1)]].append(name)
    for line in lines[:12]:
        for cell in re.split(r"\s{2,}", line.text.strip()):
            # "UBND XÃ ĐẠI SƠN" in the capitalised letterhead: the name in title case
            if (match := _UNIT_NAME_CAPS.fullmatch(cell)) and not match.group(2).startswith("HỘI"):
                name = " ".join(word.capitalize() for word in match.group(2).split())
                found[kinds[match.group(1).lower()]].append(name)
    return found


def _units_index() -> dict[str, Any]:
    try:
        from checker.targets import units
    except Exception:  # noqa: BLE001 - the hierarchy is optional help
        return {}
    try:
        return units()
    except Exception:  # noqa: BLE001
        return {}


def _plain(name: str) -> str:
    for prefix in ("Tỉnh ", "Thành phố ", "Huyện ", "Thị xã ", "Xã ", "Phường ", "Thị trấn "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def identity(items: list[Item], lines: list[Line], candidates: list[Candidate]) -> dict[str, Any]:
    """Commune, unit type, district, province and unit code."""
    found = find_units(items, lines)
    communes = [(name, kind) for kind in ("xa", "phuong", "thi_tran") for name in found[kind]]
    commune = _vote([name for name, _ in communes])
    unit_type = "xa"
    if commune:
        kinds = Counter(kind for name, kind in communes if name == commune or name.startswith(commune + " "))
        unit_type = kinds.most_common(1)[0][0]
    known = _units_index()
    provinces_known = {_plain(u.name) for u in known.values() if u.level == "tinh"}
    cities = found["thanh_pho"]
    district = _vote(found["huyen"] + [c for c in cities if c not in provinces_known])
    province = _vote(found["tinh"] + [c for c in cities if c in provinces_known])
    unit_code = None
    if commune:
        matches = []
        for code, unit in known.items():
            if unit.level != "xa" or _plain(unit.name).casefold() != commune.casefold():
                continue
            parent = known.get(unit.parent or "")
            if district and parent is not None and _plain(parent.name).casefold() != district.casefold():
                continue
            matches.append(code)
        if len(matches) == 1:
            unit_code = matches[0]
            chain = _ancestors(unit_code, known)
            if district is None:
                district = next((_plain(known[c].name) for c in chain if known[c].level == "huyen"), None)
            if province is None:
                province = next((_plain(known[c].name) for c in chain if known[c].level == "tinh"), None)
    if province is None and district:
        for code, unit in known.items():
            if unit.level == "huyen" and _plain(unit.name).casefold() == district.casefold():
                province = next((_plain(known[c].name) for c in _ancestors(code, known)
                                 if known[c].level == "tinh"), None)
    result: dict[str, Any] = {"commune": commune or UNKNOWN_PROVINCE, "unit_type": unit_type,
                              "province": province or UNKNOWN_PROVINCE}
    if district:
        result["district"] = district
    if unit_code:
        result["unit_code"] = unit_code
    for key, value in (("commune", commune), ("province", province)):
        if value is None:
            candidates.append(Candidate(f"identity.{key}", None, 1, "",
                                        "không tìm thấy trong văn bản / not found in the text"))
    return result


def _ancestors(code: str, known: dict[str, Any]) -> list[str]:
    chain = []
    while code and code in known and code not in chain:
        chain.append(code)
        code = known[code].parent
    return chain


_PERIOD_PHRASES = [
    (re.compile(r"(6|sáu)\s+tháng\s+đầu\s+năm\s+(\d{4})", re.IGNORECASE), "half"),
    (re.compile(r"(9|chín)\s+tháng(?:\s+đầu)?\s+năm\s+(\d{4})", re.IGNORECASE), "nine_months"),
    (re.compile(r"quý\s+(I{1,3}|IV|[1-4])\s*(?:/|năm)?\s*(\d{4})", re.IGNORECASE), "quarter"),
    (re.compile(r"(?<!\w)()năm\s+(\d{4})", re.IGNORECASE), "year"),
]
_ROMAN_NUMBERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _period_in(text: str) -> dict[str, Any] | None:
    best: tuple[int, dict[str, Any]] | None = None
    for pattern, kind in _PERIOD_PHRASES:
        match = pattern.search(text)
        if not match:
            continue
        period: dict[str, Any] = {"year": int(match.group(2)), "kind": kind, "label": match.group(0)}
        if kind == "quarter":
            period["quarter"] = _ROMAN_NUMBERS[match.group(1).upper()]
        if best is None or match.start() < best[0]:
            best = (match.start(), period)
    return best[1] if best else None


def title_items(items: list[Item]) -> tuple[str | None, int | None]:
    """The report's title ("BÁO CÁO" and the line(s) after it) and its first line."""
    for index, item in enumerate(items[:25]):
        if re.fullmatch(r"BÁO\s*CÁO\.?", item.text.strip()):
            following = items[index + 1] if index + 1 < len(items) else None
            if following and not re.match(r"(?:Căn cứ|Thực hiện|Kính gửi|I\.)", following.text):
                text = re.split(r"\s(?:Căn cứ|Thực hiện|Kính gửi|Triển khai|Theo)\s", following.text)[0]
                return f"BÁO CÁO {text}", item.first_line
            return "BÁO CÁO", item.first_line
    return None, None


_CLOSING_TITLE = re.compile(r"Trên đây,?\s+là\s+(báo cáo\s.*?)(?=,|\s+của\s|\s+trên địa bàn|\./\.|\.\s|$)",
                            re.IGNORECASE)


def period_and_title(items: list[Item], candidates: list[Candidate]) -> tuple[dict[str, Any], str | None]:
    """The reporting period (from the title, else the closing sentence) and the title."""
    title, _ = title_items(items)
    closing = next((item.text for item in items if item.section == "closing" and item.text.startswith("Trên đây")),
                   "")
    closing_title = None
    if match := _CLOSING_TITLE.search(closing):
        closing_title = match.group(1).rstrip(" ./")
        closing_title = closing_title[0].upper() + closing_title[1:]
    for text in (title, closing, " ".join(item.text for item in items[:6])):
        if text and (period := _period_in(text)):
            return period, title or closing_title
    years = Counter(int(y) for item in items for y in re.findall(r"năm\s+(\d{4})", item.text))
    if not years:
        from checker.errors import InputError

        raise InputError("", "/period", "không xác định được kỳ báo cáo / cannot tell the reporting period")
    year = years.most_common(1)[0][0]
    candidates.append(Candidate("period", year, 1, "",
                                "kỳ báo cáo đoán theo năm hay gặp nhất / period guessed from the most frequent year"))
    return {"year": year, "kind": "year", "label": f"năm {year}"}, title or closing_title


# The report's own place-and-date line ("Minh Đức, ngày 15 tháng 6 năm 2023"), possibly in a
# column beside "Số: …/BC-UBND": the words before the comma must be a short place name (no
# digits, no "số"), so a cited plan's date ("Kế hoạch số 71/KH-UBND, ngày …") is not taken.
_DATE_AFTER_COMMA = re.compile(r",\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def _place_date(head: str) -> tuple[int, int, int] | None:
    for match in _DATE_AFTER_COMMA.finditer(head):
        line_start = head.rfind("\n", 0, match.start()) + 1
        before = re.split(r"\s{2,}", head[line_start:match.start()].strip())[-1]
        if 2 <= len(before) <= 40 and not re.search(r"\d|\b[Ss]ố\b|/", before):
            day, month, year = (int(g) for g in match.groups())
            return year, month, day
    return None


def meta(lines: list[Line], items: list[Item], title: str | None, source: str) -> dict[str, Any]:
    """Title, number, date, signer, recipients and source file."""
    result: dict[str, Any] = {"title": title, "source_file": source}
    head = "\n".join(line.text for line in lines[:20])
    if match := re.search(r"Số\s*:\s*(\d+\s*/\s*[A-ZĐ][\w\-–/ ]*?)(?=\s{2,}|\s*$|\n)", head, re.MULTILINE):
        result["number"] = _collapse(match.group(1))
    if found := _place_date(head):
        year, month, day = found
        try:
            result["date"] = dt.date(year, month, day).isoformat()
        except ValueError:
            pass
    signer = _signer(lines)
    if signer:
        result["signer"] = signer
    result["recipients"] = _recipients(lines)
    return {key: value for key, value in result.items() if value not in (None, [])} | {"source_file": source}


def _closing_start(lines: list[Line]) -> int:
    """Index of the "Nơi nhận" line (else the last "Trên đây" line, else 40 lines from the end)."""
    start = max(0, len(lines) - 40)
    for index, line in enumerate(lines):
        text = line.text.strip()
        if text.startswith("Nơi nhận"):
            return index
        if text.startswith("Trên đây"):
            start = index
    return start


def _signer(lines: list[Line]) -> dict[str, str] | None:
    start = _closing_start(lines)
    title_at = None
    title = None
    for index in range(start, len(lines)):
        text = lines[index].text
        if _ANNEX.match(text.strip()):
            break
        if re.search(r"PHÓ\s+CHỦ\s+TỊCH", text):
            title_at, title = index, "Phó Chủ tịch"
        elif re.search(r"(?<!PHÓ )CHỦ\s+TỊCH", text) and title != "Phó Chủ tịch":
            title_at, title = index, "Chủ tịch"
    if title_at is None:
        return None
    name_re = re.compile(r"^(?:[A-ZĐ\u00C0-\u1EF8][a-zđ\u00E0-\u1EF9]*\s+){1,4}"
                         r"[A-ZĐ\u00C0-\u1EF8][a-zđ\u00E0-\u1EF9]*$")
    for line in lines[title_at + 1: title_at + 15]:
        for part in reversed(re.split(r"\s{3,}", line.text.strip())):
            part = _collapse(part)
            if name_re.match(part) and len(part.split()) >= 2:
                return {"name": part, "title": title}
    return {"title": title}


def _recipients(lines: list[Line]) -> list[str]:
    result: list[str] = []
    inside = False
    for line in lines:
        text = line.text.strip()
        if text.startswith("Nơi nhận"):
            inside = True
            continue
        if not inside:
            continue
        if not text:
            if result:
                break
            continue
        if not text.startswith(("-", "+", "•")):
            if result:
                break
            continue
        text = re.split(r"\s{3,}", text)[0].lstrip("-+• ").strip()
        for part in text.split(";"):
            part = part.strip().rstrip(".").strip()
            if part:
                result.append(part)
    return result


_DOC_KINDS = {"KH": "KH", "QĐ": "QĐ", "QD": "QĐ", "QC": "QC", "NQ": "NQ", "CV": "CV", "TB": "TB"}
_DOC_WORDS = {"kế hoạch": "KH", "quyết định": "QĐ", "quy chế": "QC", "nghị quyết": "NQ", "công văn": "CV",
              "thông báo": "TB"}
_CITATION = re.compile(
    r"(?P<word>Kế hoạch|Quyết định|Quy chế|Nghị quyết|Công văn|Thông báo|Nghị định|Thông tư|Chỉ thị|Hướng dẫn)?"
    r"\s*(?:số\s*:?\s*)?(?P<nums>\d+(?:\s*,\s*\d+)*)\s*/\s*(?P<sym>(?:\d{4}\s*/\s*)?[A-ZĐ][\w&]*(?:\s*[-–]\s*[A-ZĐ][\w&]*)*)",
    re.IGNORECASE,
)
_CITED_DATE = re.compile(rf"^\s*,?\s*(?:ban hành\s+)?(?:ngày\s+)?({_DATE_SPAN})", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"Ngày\s+({_DATE_SPAN})\s+[^.;]{{0,60}}$", re.IGNORECASE)
_ISSUER = re.compile(
    r"^\s*,?\s*(?:[Cc]ủa\s+)(?P<who>(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân|BCĐ|Ban [Cc]hỉ đạo"
    r"|Thủ tướng Chính phủ|Chính phủ|Bộ|Sở|Tỉnh ủy|Huyện ủy|Đảng ủy)(?:[^,;]{0,40}?(?<!\w)"
    r"(?P<level>xã|phường|thị trấn|huyện|tỉnh|thành phố|thị xã)(?P<name>(?:\s+[A-ZĐ\u00C0-\u1EF8][\w]*){0,4}))?)"
)
_ISSUER_BEFORE = re.compile(
    r"(?P<who>UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?P<level>xã|phường|thị trấn|huyện)?\s*(?:đã\s+)?"
    r"(?:ban hành|ra|phê duyệt)\s*$"
)


def documents(items: list[Item], report_number: str | None, commune: str | None) -> tuple[list[dict[str, Any]],
                                                                                         list[tuple[int, int, int]]]:
    """Plans, decisions and other documents the report cites, and their text spans."""
    result: list[dict[str, Any]] = []
    seen: set[str] = set()
    spans: list[tuple[int, int, int]] = []
    for index, item in enumerate(items):
        if item.section in ("annex",):
            continue
        text = item.text
        for match in _CITATION.finditer(text):
            symbol = _collapse(match.group("sym"))
            head = re.split(r"\s*[-–]\s*", re.sub(r"^\d{4}\s*/\s*", "", symbol))[0].upper()
            word = (match.group("word") or "").lower()
            if head == "BC" or not (word or re.search(r"(?:số|Số)\s*:?\s*$", text[:match.start("nums")])
                                    or head in _DOC_KINDS or "/" in symbol):
                continue
            kind = _DOC_KINDS.get(head) or _DOC_WORDS.get(word) or "other"
            if "NĐ" in symbol.upper() or head in ("TT", "CT"):
                kind = "other" if word not in ("quyết định", "kế hoạch") else kind
            after = text[match.end():]
            date = None
            if date_match := _CITED_DATE.match(after):
                date = _date(date_match.group(1))
                after = after[date_match.end():]
            elif before := _DATE_BEFORE.search(text[:match.start()]):
                date = _date(before.group(1))
            issuer, title = _issuer_and_title(after, text[max(0, match.start() - 60):match.start()], commune)
            numbers = [n.strip() for n in match.group("nums").split(",")]
            for number in numbers:
                full = f"{number}/{symbol}" if len(numbers) > 1 else _collapse(text[match.start('nums'):match.end()])
                key = re.sub(r"\s+", "", full).upper()
                if key in seen or (report_number and key == re.sub(r"\s+", "", report_number).upper()):
                    continue
                seen.add(key)
                doc: dict[str, Any] = {"kind": kind, "number": full, "status": "issued",
                                       "line": item.lines[match.start("nums")],
                                       "quote": ""}
                if date:
                    doc["date"] = date.isoformat()
                if issuer:
                    doc["issuer"] = issuer
                if title:
                    doc["title"] = title
                    if years := re.search(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", title):
                        doc["period_from"], doc["period_to"] = int(years.group(1)), int(years.group(2))
                    elif year := re.search(r"(?<!đến )(?<!tới )năm\s+(\d{4})\s*$", title):
                        doc["for_year"] = int(year.group(1))
                result.append(doc)
            spans.append((index, match.start(), match.end() + len(text[match.end():]) - len(after)
                          + (len(title) if title else 0) + 10))
    return result, spans


def _issuer(who: str, level: str | None, name: str, commune: str | None) -> str:
    who = "UBND" if who.lower() in ("ủy ban nhân dân", "uỷ ban nhân dân") else who
    if level and not name and level == "xã" and commune and who == "UBND":
        name = commune
    return " ".join(part for part in (who, level, name) if part)


def _issuer_and_title(after: str, before: str, commune: str | None) -> tuple[str | None, str | None]:
    """Who issued a cited document and its title, from the words after (or before) it."""
    issuer = None
    if match := _ISSUER.match(after):
        raw_name = match.group("name") or ""
        name = _name_words(raw_name)
        head = match.group("who") if not match.group("level") else after[match.start("who"):match.start("name")]
        who = _collapse(head)
        issuer = who if not match.group("level") else _issuer(
            _collapse(after[match.start("who"):match.start("level")]), match.group("level"), name, commune)
        cut = match.start("name") + (raw_name.find(name) + len(name) if name else 0) if match.group("level") \
            else match.end()
        after = after[cut:]
    elif match := _ISSUER_BEFORE.search(before):
        issuer = _issuer(match.group("who"), match.group("level"), "", commune)
    title = None
    if match := re.match(r"\s*,?\s*(?:(?:Kế hoạch|Quyết định|kế hoạch|quyết định)\s+)?(?:về việc|về|V/v|v/v)?\s*"
                         r"(.*?)(?=;|\.\s|\.$|$|\s(?:Kế hoạch|Quyết định|Nghị quyết|Công văn) số)", after):
        title = match.group(1).strip().rstrip(",")[:240]
        title = title if re.search(r"[^\W\d_]{2,}", title) else None
    return issuer, title


_MENTION = re.compile(
    r"(?:(?:trong|đến hết|hết)\s+)?(?:(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+tháng\s+(?:đầu|cuối)\s+"
    r"năm(?:\s+(\d{4}))?|quý\s+(?:I{1,3}|IV|[1-4])(?:\s+năm)?(?:\s+(\d{4}))?"
    r"|(?<!đến )(?<!đến hết )(?:trong\s+)?năm\s+(\d{4}))",
    re.IGNORECASE,
)
_WORD_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}


def period_mentions(items: list[Item], spans: list[tuple[int, int, int]], out: _Output) -> list[dict[str, Any]]:
    """Periods named in the text ("5 tháng đầu năm 2023", "năm 2024"), outside document citations."""
    result: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        if item.section == "annex":
            continue
        for match in _MENTION.finditer(item.text):
            if any(i == index and s <= match.start() < e for i, s, e in spans):
                continue
            before = item.text[max(0, match.start() - 12):match.start()]
            if re.search(r"(?:đến|giai đoạn|từ)\s*$", before, re.IGNORECASE):
                continue
            label = match.group(0)
            months: int | None
            if match.group(1):
                raw = match.group(1).lower()
                months = int(raw) if raw.isdigit() else _WORD_NUMBERS[raw]
                year = match.group(2)
            elif label.lower().startswith(("quý", "trong quý", "hết quý")):
                months, year = 3, match.group(3)
            else:
                months, year = 12, match.group(4)
            if not months or not 1 <= months <= 12:
                continue
            line = item.lines[match.start()]
            mention: dict[str, Any] = {"label": label, "months": months, "line": line, "quote": out.quote(line)}
            if year:
                mention["year"] = int(year)
            result.append(mention)
    return result


_ANNEX_ROW = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?(?:\s+|$)(.*)$")
_ANNEX_UNIT = re.compile(
    r"(?:(?<=\s)|^)(%|Thủ tục|Hồ sơ|Văn bản|Người|Cái|Máy|(?:Chưa(?: có)?\s*=\s*0).*)\s*$", re.IGNORECASE)


def annex(lines: list[Line]) -> dict[str, Any] | None:
    """The statistical annex (Biểu mẫu …): its rows, with values only where clearly given."""
    start = next((i for i, line in enumerate(lines) if _ANNEX.match(line.text.strip())
                  and len(line.text.strip()) < 40), None)
    if start is None:
        return None
    form = _collapse(lines[start].text)
    rest = [line for line in lines[start + 1:] if line.text.strip()]
    title = None
    if rest and _is_caps_line(rest[0].text):
        title = _collapse(rest[0].text)
        rest = rest[1:]
    rows: list[list[str]] = []
    for line in rest:
        text = _collapse(line.text)
        match = _ANNEX_ROW.match(text)
        if match and (match.group(2)[:1].isupper() or not match.group(2)):
            rows.append([match.group(1), match.group(2)])
        elif rows:
            rows[-1].append(text)
    items = []
    for code, *parts in rows:
        body = " ".join(p for p in parts if p).strip().lstrip(".").strip()
        unit = None
        value: float | None = None
        if match := re.search(r"(?<![=\d.,])\s(\d+(?:[.,]\d+)?)\s*$", body):
            head = body[: match.start()].rstrip()
            if unit_match := _ANNEX_UNIT.search(head):
                unit, value = unit_match.group(1), _parse(match.group(1))
                body = head[: unit_match.start()].rstrip()
        if unit is None and (unit_match := _ANNEX_UNIT.search(body)):
            unit = unit_match.group(1)
            body = body[: unit_match.start()].rstrip()
        if body:
            items.append({"code": code, "label": body, "unit": unit, "value": value})
    return {"form": form, "title": title, "items": items}


# --------------------------------------------------------------------------------------
# The whole draft
# --------------------------------------------------------------------------------------

def _plain_number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _measure(statement: Statement, out: _Output, scope: dict[str, dt.date]) -> dict[str, Any]:
    fields = {key: _plain_number(value) for key, value in statement.fields.items()}
    for key, value in scope.items():
        fields.setdefault(key, value.isoformat())
    fields["line"] = statement.line
    fields["quote"] = out.quote(statement.line)
    note = EXTRACTED_NOTE
    first, last = statement.lines
    if first != last:
        note += f"; dòng {first}–{last} / lines {first}–{last}"
    page = out.by_number.get(statement.line)
    if page is not None and page.page is not None:
        note += f"; trang {page.page} / page {page.page}"
    fields["note"] = note
    return fields


def _scopes(items: list[Item], period: tuple[dt.date, dt.date]) -> dict[tuple[int, int], dict[str, dt.date]]:
    """Date scope per (item, sentence); "+" sub-items inherit their "-" item's scope."""
    result: dict[tuple[int, int], dict[str, dt.date]] = {}
    inherited: dict[str, dt.date] = {}
    for index, item in enumerate(items):
        spans = _sentences(item.text)
        item_scope = scope_dates(item.text, period)
        if item.marker != "+":
            inherited = item_scope
        for number, (start, end) in enumerate(spans):
            scope = scope_dates(item.text[start:end], period) or (inherited if item.marker == "+" else {})
            if scope:
                result[(index, number)] = scope
    return result


def extract_draft(lines: list[Line], source_file: str) -> tuple[dict[str, Any], list[Candidate]]:
    """Extract a draft report dict (valid for ``Report``) and the candidates left out."""
    items = layout(lines)
    candidates: list[Candidate] = []
    period, title = period_and_title(items, candidates)
    from checker.model import Period

    period_model = Period.model_validate(period)
    assert period_model.start is not None and period_model.end is not None
    ident = identity(items, lines, candidates)
    report_meta = meta(lines, items, title, source_file)
    commune = ident["commune"] if ident["commune"] != UNKNOWN_PROVINCE else None
    docs, spans = documents(items, report_meta.get("number"), commune)
    out = _Output(lines)
    for index, item in enumerate(items):
        if item.section in ("body", "goals"):
            _ItemReader(item, index, out).run()
    out.resolve_shares()
    for doc in docs:
        doc["quote"] = out.quote(doc["line"])
    scopes = _scopes(items, (period_model.start, period_model.end))
    indicators: dict[str, list[dict[str, Any]]] = {}
    goals: dict[str, list[dict[str, Any]]] = {}
    for statement in sorted(out.statements, key=lambda s: (s.line, s.start)):
        scope = {} if statement.goal else scopes.get((statement.item_index, statement.sentence), {})
        target = goals if statement.goal else indicators
        target.setdefault(statement.code, []).append(_measure(statement, out, scope))
    draft: dict[str, Any] = {
        "schema_version": "1",
        "identity": ident,
        "period": period,
        "meta": report_meta,
        "documents": docs,
        "period_mentions": period_mentions(items, spans, out),
        "indicators": {code: values if len(values) > 1 else values[0] for code, values in indicators.items()},
    }
    if goals:
        draft["goals"] = {"year": _goal_year(items, period),
                          "indicators": {code: v if len(v) > 1 else v[0] for code, v in goals.items()}}
    annex_data = annex(lines)
    if annex_data:
        draft["annex"] = annex_data
    return draft, sorted(candidates + out.candidates, key=lambda c: c.line)


def _goal_year(items: list[Item], period: dict[str, Any]) -> int:
    for item in items:
        if item.section == "goals":
            for heading in item.headings[::-1]:
                if _GOALS_HEADING.search(heading) and (match := re.search(r"(\d{4})", heading)):
                    return int(match.group(1))
            break
    return period["year"] + 1 if period["kind"] == "year" else period["year"]
