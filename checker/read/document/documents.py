"""Documents the report cites (plans, decisions …) and the periods it names outside them."""

from __future__ import annotations

import re
from typing import Any

from checker.read.document.date_phrases import DATE_SPAN, read_date
from checker.read.document.identity import name_words
from checker.read.document.layout import Item
from checker.read.document.readings import Output
from checker.read.document.wording import collapse

_DOC_KINDS = {"KH": "KH", "QĐ": "QĐ", "QD": "QĐ", "QC": "QC", "NQ": "NQ", "CV": "CV", "TB": "TB"}
_DOC_WORDS = {"kế hoạch": "KH", "quyết định": "QĐ", "quy chế": "QC", "nghị quyết": "NQ", "công văn": "CV",
              "thông báo": "TB"}
_CITATION = re.compile(
    r"(?P<word>Kế hoạch|Quyết định|Quy chế|Nghị quyết|Công văn|Thông báo|Nghị định|Thông tư|Chỉ thị|Hướng dẫn)?"
    r"\s*(?:số\s*:?\s*)?(?P<nums>\d+(?:\s*,\s*\d+)*)\s*/\s*(?P<sym>(?:\d{4}\s*/\s*)?[A-ZĐ][\w&]*(?:\s*[-–]\s*[A-ZĐ][\w&]*)*)",
    re.IGNORECASE,
)
_CITED_DATE = re.compile(rf"^\s*,?\s*(?:ban hành\s+)?(?:ngày\s+)?({DATE_SPAN})", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"Ngày\s+({DATE_SPAN})\s+[^.;]{{0,60}}$", re.IGNORECASE)
# The people's committee, abbreviated or in full (old and new tone-mark placement).
_COMMITTEE = "UBND|Ủy ban nhân dân|Uỷ ban nhân dân"
_ISSUER = re.compile(
    rf"^\s*,?\s*(?:[Cc]ủa\s+)(?P<who>(?:{_COMMITTEE}|HĐND|Hội đồng nhân dân|BCĐ|Ban [Cc]hỉ đạo"
    r"|Thủ tướng Chính phủ|Chính phủ|Bộ|Sở|Tỉnh ủy|Huyện ủy|Đảng ủy)(?:[^,;]{0,40}?(?<!\w)"
    r"(?P<level>xã|phường|thị trấn|huyện|tỉnh|thành phố|thị xã)(?P<name>(?:\s+[A-ZĐ\u00C0-\u1EF8][\w]*){0,4}))?)"
)
_ISSUER_BEFORE = re.compile(
    rf"(?P<who>{_COMMITTEE})\s+(?P<level>xã|phường|thị trấn|huyện)?\s*(?:đã\s+)?"
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
            symbol = collapse(match.group("sym"))
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
                date = read_date(date_match.group(1))
                after = after[date_match.end():]
            elif before := _DATE_BEFORE.search(text[:match.start()]):
                date = read_date(before.group(1))
            issuer, title = _issuer_and_title(after, text[max(0, match.start() - 60):match.start()], commune)
            numbers = [n.strip() for n in match.group("nums").split(",")]
            for number in numbers:
                full = f"{number}/{symbol}" if len(numbers) > 1 else collapse(text[match.start('nums'):match.end()])
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
        name = name_words(raw_name)
        head = match.group("who") if not match.group("level") else after[match.start("who"):match.start("name")]
        who = collapse(head)
        issuer = who if not match.group("level") else _issuer(
            collapse(after[match.start("who"):match.start("level")]), match.group("level"), name, commune)
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


def period_mentions(items: list[Item], spans: list[tuple[int, int, int]], out: Output) -> list[dict[str, Any]]:
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
