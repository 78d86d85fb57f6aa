"""The report's period, title and letterhead meta: number, date, signer and recipients."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from checker.core.errors import InputError
from checker.read.document.layout import ANNEX_HEADING, Item
from checker.read.document.readings import Candidate
from checker.read.document.text import Line
from checker.read.document.wording import collapse

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


_OUTLOOK = re.compile(r"[,;]?\s+(?:và\s+)?phương hướng(?!\w)", re.IGNORECASE)


def _results_part(title: str | None) -> str | None:
    """The title's words on the results, before its outlook: "Kết quả … quý I, phương hướng nhiệm vụ quý II năm
    2026" reports on "quý I năm 2026" (the year written once, at the end, is the results' year too).
    """
    if not title or not (outlook := _OUTLOOK.search(title)) or not (head := title[:outlook.start()]).strip():
        return title
    if re.search(r"\d{4}", head):
        return head
    year = re.search(r"năm\s+\d{4}", title[outlook.end():])
    return f"{head} {year.group(0)}" if year else title


def period_and_title(items: list[Item], candidates: list[Candidate]) -> tuple[dict[str, Any], str | None]:
    """The reporting period (from the title, else the closing sentence) and the title."""
    title, _ = title_items(items)
    closing = next((item.text for item in items if item.section == "closing" and item.text.startswith("Trên đây")),
                   "")
    closing_title = None
    if match := _CLOSING_TITLE.search(closing):
        closing_title = match.group(1).rstrip(" ./")
        closing_title = closing_title[0].upper() + closing_title[1:]
    for text in (_results_part(title), closing, " ".join(item.text for item in items[:6])):
        if text and (period := _period_in(text)):
            return period, title or closing_title
    years = Counter(int(y) for item in items for y in re.findall(r"năm\s+(\d{4})", item.text))
    if not years:
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
        result["number"] = collapse(match.group(1))
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


def _signer(lines: list[Line]) -> dict[str, str | None] | None:
    start = _closing_start(lines)
    title_at = None
    title = None
    for index in range(start, len(lines)):
        text = lines[index].text
        if ANNEX_HEADING.match(text.strip()):
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
            part = collapse(part)
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

