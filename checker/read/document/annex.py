"""The statistical annex ("Biểu mẫu …") at the end of a report: its form, title and rows."""

from __future__ import annotations

import re
from typing import Any

from checker.read.document.layout import Item, is_annex_heading
from checker.read.document.numbers_in_text import parse_value
from checker.read.document.text import Line
from checker.read.document.wording import collapse, is_caps_line

_ANNEX_ROW = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?(?:\s+|$)(.*)$")
_ANNEX_UNIT = re.compile(
    r"(?:(?<=\s)|^)(%|Thủ tục|Hồ sơ|Văn bản|Người|Cái|Máy|(?:Chưa(?: có)?\s*=\s*0).*)\s*$", re.IGNORECASE)


def _rows(lines: list[Line]) -> tuple[str, str | None, list[dict[str, Any]]] | None:
    """The annex's form, title and rows (code, label, unit, value, the value as written, its line)."""
    start = next((i for i, line in enumerate(lines) if is_annex_heading(line.text.strip())), None)
    if start is None:
        return None
    form = collapse(lines[start].text)
    rest = [line for line in lines[start + 1:] if line.text.strip()]
    title = None
    if rest and is_caps_line(rest[0].text):
        title = collapse(rest[0].text)
        rest = rest[1:]
    rows: list[tuple[str, list[str], int]] = []
    for line in rest:
        text = collapse(line.text)
        match = _ANNEX_ROW.match(text)
        if match and (match.group(2)[:1].isupper() or not match.group(2)):
            rows.append((match.group(1), [match.group(2)], line.number))
        elif rows:
            rows[-1][1].append(text)
            rows[-1] = (rows[-1][0], rows[-1][1], line.number)
    items = []
    for code, parts, last_line in rows:
        body = " ".join(p for p in parts if p).strip().lstrip(".").strip()
        unit = None
        value: float | None = None
        written = None
        if match := re.search(r"(?<![=\d.,])\s(\d+(?:[.,]\d+)?)\s*$", body):
            head = body[: match.start()].rstrip()
            if unit_match := _ANNEX_UNIT.search(head):
                unit, value, written = unit_match.group(1), parse_value(match.group(1)), match.group(1)
                body = head[: unit_match.start()].rstrip()
        if unit is None and (unit_match := _ANNEX_UNIT.search(body)):
            unit = unit_match.group(1)
            body = body[: unit_match.start()].rstrip()
        if body:
            items.append({"code": code, "label": body, "unit": unit, "value": value, "written": written,
                          "line": last_line})
    return form, title, items


def annex(lines: list[Line]) -> dict[str, Any] | None:
    """The statistical annex (Biểu mẫu …): its rows, with values only where clearly given."""
    found = _rows(lines)
    if found is None:
        return None
    form, title, rows = found
    items = [{key: row[key] for key in ("code", "label", "unit", "value")} for row in rows]
    return {"form": form, "title": title, "items": items}


def annex_items(lines: list[Line]) -> list[Item]:
    """The annex's filled rows as sentences for the reader ("Số hồ sơ … : 2.964 hồ sơ"), on the value's line.

    A filled annex restates the report's figures; a row coded "Chưa = 0, Hoàn thành = 1" is not read.
    """
    found = _rows(lines)
    if found is None:
        return []
    items = []
    for row in found[2]:
        unit = row["unit"] or ""
        if row["written"] is None or "=" in unit:
            continue
        shown = row["written"] + ("%" if unit == "%" else f" {unit.lower()}")
        text = f"{row['label']}: {shown}."
        items.append(Item(text, [row["line"]] * len(text), "table", None, 0, "annex", (), 1))
    return items
