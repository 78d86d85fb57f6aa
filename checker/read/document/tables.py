"""Tables written as rows of cells ("STT | Nội dung | Đơn vị | Số lượng | Ghi chú").

A Word table converted to text, or a table typed with pipes, gives one line a row.  The
first cell is the row's order (STT), not a value; the unit sits in its own column; a row
may carry several value columns ("Quý II/2026 | Lũy kế 6 tháng") and a note.  Each row is
rewritten as the sentence it stands for, "Nhãn: 1.287 văn bản (ghi chú)", one clause per
value column, so that the reader reads it like prose: the row number is never a value.
A sub-row ("1.1 | Trong đó: …", "- Trực tuyến") takes its parent row's label as a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.read.document.layout import Item

_SEPARATOR = re.compile(r"\s*\|\s*")
_ORDER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|[IVX]{1,4}|[a-zđ]\)?)$")
_HEADER_WORDS = re.compile(r"^(?:STT|TT|Số TT|Nội dung|Chỉ tiêu|Đơn vị(?: tính)?|ĐVT|Số lượng|Ghi chú|Kết quả)$",
                           re.IGNORECASE)
_VALUE = re.compile(r"^[<>≥≤~]?\s*(?:trên|dưới|khoảng|gần|hơn)?\s*\d[\d.,]*\s*%?$|^-$", re.IGNORECASE)
_SUB_ROW = re.compile(r"^(?:[-–+]\s*|trong đó\s*:?\s*)", re.IGNORECASE)


def is_table_row(text: str) -> bool:
    """Whether a line is a row of a table written with pipes (at least three cells)."""
    return text.count("|") >= 2


@dataclass
class TableState:
    """What the rows read so far tell about the rows that follow: the parent row's label."""

    parent: str = ""


def cells(text: str) -> list[str]:
    """The cells of a row, stripped; a leading or trailing pipe gives no empty cell."""
    parts = _SEPARATOR.split(text.strip())
    if parts and parts[0] == "":
        parts = parts[1:]
    return parts


def is_header(row: list[str]) -> bool:
    """Whether a row is the table's header ("STT | Nội dung | Đơn vị …")."""
    named = sum(1 for cell in row if _HEADER_WORDS.match(cell))
    return named >= 2 and not any(re.search(r"\d", cell) for cell in row[:2])


def rewrite(item: Item, state: TableState) -> Item | None:
    """The row as a sentence (an item on the same line), or None for a header or a row without values."""
    row = cells(item.text)
    if is_header(row):
        state.parent = ""
        return None
    order = ""
    if row and _ORDER.match(row[0]):
        order, row = row[0], row[1:]
    if not row:
        return None
    label = row[0]
    rest = row[1:]
    unit = ""
    if rest and not _VALUE.match(rest[0]) and len(rest) >= 2:
        unit, rest = rest[0], rest[1:]
    values: list[str] = []
    while rest and _VALUE.match(rest[0]):
        values.append(rest.pop(0))
    note = "; ".join(cell for cell in rest if cell)
    sub = bool(_SUB_ROW.match(label)) or order.count(".") >= 1 and not order.endswith(".")
    clean_label = _SUB_ROW.sub("", label).strip()
    headings = item.headings
    if sub and state.parent:
        headings = (state.parent, *headings)
    else:
        state.parent = clean_label
    unit_text = unit.lower()
    clauses = []
    for value in values:
        if value == "-":
            continue
        shown = value if value.endswith("%") or unit_text != "%" else value + "%"
        after = "" if unit_text in ("", "%") else " " + unit_text
        clauses.append(f"{clean_label}: {shown}{after}")
    if not clauses:
        text = f"{clean_label}: {note}" if note else clean_label
    else:
        text = "; ".join(clauses) + (f" ({note})" if note else "") + "."
    line = item.first_line
    return Item(text, [line] * len(text), "table", item.depth, 0, item.section, headings, 1)
