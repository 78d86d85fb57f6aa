"""Tables written as rows of cells ("STT | Nội dung | Đơn vị | Số lượng | Ghi chú").

A Word table converted to text, or a table typed with pipes, gives one line a row.  The
header rows (one, or two or three when merged cells were flattened) give each column its
meaning (``table_columns.py``): the row order (STT) is never a value, the unit sits in its
own column, and only the columns of this period's result ("Thực hiện", "Kết quả", "Số
lượng", "Quý II/2026", "Lũy kế 6 tháng") are read; a plan, last year's figure or a column
whose meaning is not clear leaves its numbers unplaced, with the reason.  Each row is
rewritten as the sentence it stands for, "Nhãn: 1.287 văn bản (ghi chú)", one clause per
result column, so that the reader reads it like prose; "Đạt | Tổng số | Tỷ lệ (%)" becomes
"Nhãn: 1.050/1.152 (91,1%)".  A sub-row ("1.1 | Trong đó: …", "- Trực tuyến", or a row whose
label cell repeats its parent's, merged down, with its own label in the next cell) takes its
parent row's label as a heading.  In a table by field ("Lĩnh vực | Tổng số | Trực tuyến …")
the total row is read, one clause per column, and the fields' figures become its parts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from checker.read.document.layout import Item
from checker.read.document.numbers_in_text import parse_value
from checker.read.document.patterns import patterns
from checker.read.document.readings import Candidate, Output, Statement
from checker.read.document.table_columns import Column, columns, is_crosstab

_SEPARATOR = re.compile(r"\s*\|\s*")
_ORDER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|[IVX]{1,4}|[a-zđ]\)?)$")
_HEADER_WORDS = re.compile(
    r"^(?:STT|TT|Số TT|Nội dung|Chỉ tiêu|Đơn vị(?: tính)?|ĐVT|Số lượng|Ghi chú|Kết quả(?: thực hiện)?|Thực hiện|"
    r"Lĩnh vực|Kế hoạch|Tỷ lệ(?: \(%\))?|Tổng số|Đạt|Hạng mục|Lũy kế)(?:\s.*)?$", re.IGNORECASE)
_STRICT_HEADER_WORDS = re.compile(r"^(?:STT|TT|Số TT|Nội dung|Chỉ tiêu|Đơn vị(?: tính)?|ĐVT|Số lượng|Ghi chú|"
                                  r"Kết quả|Kết quả thực hiện|Số liệu|Thực hiện)$", re.IGNORECASE)
_VALUE = re.compile(r"^[<>≥≤~]?\s*(?:trên|dưới|khoảng|gần|hơn)?\s*\d[\d.,]*\s*%?$|^-$", re.IGNORECASE)
_NUMBER_CELL = re.compile(r"^[<>≥≤~]?\s*(?:trên|dưới|khoảng|gần|hơn)?\s*(\d[\d.,]*)\s*%?$", re.IGNORECASE)
_ANSWER = re.compile(r"^(?:có|không|chưa có|x)$", re.IGNORECASE)
_SUB_ROW = re.compile(r"^(?:[-–+]\s*|trong đó\s*:?\s*)", re.IGNORECASE)
_TOTAL_ROW = re.compile(r"^(?:tổng cộng|tổng số|tổng|cộng|toàn xã|toàn phường)$", re.IGNORECASE)
# "05 máy", "2.417 văn bản": a count with its unit, not a header ("6 tháng đầu năm 2025", "Quý II/2026" are)
_COUNTED = re.compile(r"^[<>≥≤~]?\s*\d[\d.,]*\s*%?(?!\s*(?:tháng|năm|quý|/))(?:\s+\S.*)?$", re.IGNORECASE)
_ESTIMATE = re.compile(r"(?<!\w)(?:ước|ước tính|ước thực hiện|ước đạt)(?!\w)", re.IGNORECASE)
_PERCENT_NAME = re.compile(r"(?<!\w)(?:tỷ lệ|tỉ lệ)(?!\w)|%", re.IGNORECASE)


def is_table_row(text: str, state: TableState | None = None) -> bool:
    """Whether a line is a row of a table written with pipes: at least three cells, or two under a
    two-column header ("Nội dung | Số liệu") or as that header.
    """
    if text.count("|") >= 2:
        return True
    if text.count("|") != 1:
        return False
    if state is not None and state.cols is not None and len(state.cols) == 2:
        return True
    row = cells(text)
    return len(row) == 2 and is_header(row)


@dataclass
class TableState:
    """What the rows read so far tell about the rows that follow.

    The header rows and the columns they define, the parent row's label and unit, the group
    row ("II | HẠ TẦNG KỸ THUẬT | …") above, and in a table by field the total row's
    statements with the fields' figures waiting to become their parts.
    """

    year: int | None = None
    period: tuple[dt.date, dt.date] | None = None
    parent: str = ""
    parent_unit: str = ""
    group: str = ""
    header_rows: list[list[str]] = field(default_factory=list)
    cols: list[Column] | None = None
    in_header: bool = False
    total_spans: list[tuple[int, int, int]] = field(default_factory=list)
    totals: dict[int, Statement] = field(default_factory=dict)
    field_parts: list[tuple[int, str, float, int, bool]] = field(default_factory=list)
    parent_codes: list[str] = field(default_factory=list)
    sub_row: bool = False
    legend: dict[str, str] = field(default_factory=dict)  # column name -> meaning, from a note (table_legend.py)

    def reset(self) -> None:
        """Forget the table (a line that is not a row ends it); a legend waits for the table it explains."""
        year, period, legend = self.year, self.period, {} if self.header_rows else self.legend
        self.__init__()  # type: ignore[misc]
        self.year, self.period, self.legend = year, period, legend


def cells(text: str) -> list[str]:
    """The cells of a row, stripped; a leading or trailing pipe gives no empty cell."""
    parts = _SEPARATOR.split(text.strip())
    if parts and parts[0] == "":
        parts = parts[1:]
    return parts


def _raw_cells(text: str) -> list[str]:
    return _SEPARATOR.split(text.strip())


def _aligned(text: str, width: int) -> list[str] | None:
    """The cells of a row laid on a header of ``width`` columns, or None when they do not fit."""
    parts = _raw_cells(text)
    if len(parts) > width and parts[-1] == "":
        parts = parts[:-1]
    if len(parts) > width and parts[0] == "":
        parts = parts[1:]
    if len(parts) > width and parts[-1] == "":
        parts = parts[:-1]
    if len(parts) < width:
        parts = parts + [""] * (width - len(parts))
    return parts if len(parts) == width else None


def is_header(row: list[str]) -> bool:
    """Whether a row is the table's header ("STT | Nội dung | Đơn vị …")."""
    if any(_VALUE.match(cell) for cell in row):
        return False
    named = sum(1 for cell in row if _STRICT_HEADER_WORDS.match(cell))
    loose = sum(1 for cell in row if _HEADER_WORDS.match(cell))
    first = bool(row) and bool(re.match(r"^(?:STT|TT|Số TT)$", row[0], re.IGNORECASE))
    return (named >= 2 or (first and loose >= 2)) and not any(re.search(r"\d", cell) for cell in row[:2])


def _continues_header(row: list[str], state: TableState) -> bool:
    """A row right under a header, with no number and no row order, is more of the header."""
    if not state.in_header or not state.header_rows or not row:
        return False
    if any(_VALUE.match(cell) or _COUNTED.match(cell) for cell in row) or (_ORDER.match(row[0]) and row[0] != ""):
        return False
    if row[0] and not any(cell for cell in row[1:]):
        return False  # "I. Hạ tầng, nhân lực⇥⇥⇥⇥⇥": a group row, its other cells empty
    return len(row) == len(state.header_rows[-1])


def rewrite(item: Item, state: TableState, out: Output | None = None) -> Item | None:
    """The row as a sentence (an item on the same line), or None for a header or a row without values.

    With ``out``, the numbers of columns that are not this period's result are recorded there as
    candidates, with the reason.
    """
    row = cells(item.text)
    raw = _raw_cells(item.text)
    if is_header(row) or _continues_header(raw, state) or _continues_header(row, state):
        if not state.in_header:
            state.header_rows = []
        state.header_rows.append(raw if _continues_header(raw, state) and len(raw) != len(row) else row)
        state.cols = [Column(column.name, _LEGEND_ROLES.get(state.legend.get(column.name.lower(), ""), column.role))
                      if column.role in ("unknown", "percent", "result", "other") else column
                      for column in columns(state.header_rows, state.year, state.period)]
        state.in_header = True
        state.parent = state.parent_unit = state.group = ""
        return None
    state.in_header = False
    if state.cols is not None and out is not None:
        aligned = _aligned(item.text, len(state.cols))
        if aligned is None:
            _leave_all(item, row, out, "bảng: không xác định được cột (số ô khác tiêu đề) / table: the column could "
                                       "not be determined (the row's cells do not fit the header)")
            return None
        return _rewrite_with_columns(item, aligned, state, out)
    return _rewrite_plain(item, row, state)


_LEGEND_ROLES = {"share": "share", "other": "other"}


def _leave(out: Output, item: Item, cell: str, reason: str, goal: bool) -> None:
    match = _NUMBER_CELL.match(cell)
    if not match:
        return
    line = item.first_line
    value = parse_value(match.group(1))
    out.candidate(Candidate(None, value, line, out.quote(line), f"{reason} ({cell})", "value", (), goal))


def _leave_all(item: Item, row: list[str], out: Output, reason: str) -> None:
    for cell in row[1:]:
        _leave(out, item, cell, reason, item.section == "goals")


def _role_cell(cols: list[Column], row: list[str], role: str) -> str:
    return next((cell for column, cell in zip(cols, row, strict=True) if column.role == role), "")


def _rewrite_with_columns(item: Item, row: list[str], state: TableState, out: Output) -> Item | None:
    """A row read through its header's columns."""
    cols = state.cols
    assert cols is not None
    goal = item.section == "goals"
    order = _role_cell(cols, row, "order")
    label = _role_cell(cols, row, "label")
    unit = _role_cell(cols, row, "unit")
    note = _role_cell(cols, row, "note")
    if order and not _ORDER.match(order):
        label = label or order  # "Tổng cộng | Tổng cộng | …": a cell merged over STT and the label
        order = ""
    values = [(index, column, cell) for index, (column, cell) in enumerate(zip(cols, row, strict=True))
              if column.role not in ("order", "label", "unit", "note")]
    if not any(cell and cell != "-" for _, _, cell in values) and not note:
        if label:
            state.group, state.parent, state.parent_unit = label, "", ""  # a group row
        return None
    if values and all(cell == label for _, _, cell in values):
        state.group, state.parent, state.parent_unit = label, "", ""  # a group row merged across the table
        return None
    sub = bool(_SUB_ROW.match(label)) or order.count(".") >= 1 and not order.endswith(".")
    if not order and state.parent and label == state.parent and unit and unit != state.parent_unit:
        label, unit, sub = unit, state.parent_unit, True  # the parent's label merged down, the sub-label beside it
    clean_label = _SUB_ROW.sub("", label).strip()
    if is_crosstab(cols):
        return _crosstab_row(item, clean_label, values, state, goal)
    headings = item.headings
    if state.group:
        headings = (state.group, *headings)
    if sub and state.parent:
        headings = (state.parent, *headings)
        clean_label = _under_parent(state.parent, clean_label)
        state.sub_row = True
    else:
        state.parent, state.parent_unit = clean_label, unit
        state.parent_codes, state.sub_row = [], False
    unit_text = unit.lower()
    after = "" if unit_text in ("", "%") or _PERCENT_NAME.search(unit_text) else " " + unit_text
    clauses: list[str] = []
    fraction: dict[str, str] = {}
    for _, column, cell in values:
        if not cell or cell == "-":
            continue
        if column.role in ("numerator", "denominator", "percent"):
            fraction[column.role] = cell
            continue
        if column.role == "other":
            _leave(out, item, cell, f"bảng: cột “{column.name}” không phải kết quả kỳ này / table: the column is "
                                    "not this period's result", goal)
            continue
        if column.role == "share" and _NUMBER_CELL.match(cell):  # the legend says: the row's own share
            clauses.append(f"{clean_label}: {cell if cell.endswith('%') else cell + '%'}")
            continue
        if column.role != "result":
            _leave(out, item, cell, f"bảng: không xác định được cột “{column.name}” / table: the column's meaning "
                                    "could not be determined", goal)
            continue
        percent = unit_text == "%" or bool(_PERCENT_NAME.search(column.name)) and not after
        shown = cell + "%" if percent and _NUMBER_CELL.match(cell) and not cell.endswith("%") else cell
        # "Ước thực hiện": an estimate, read as "ước đạt" (about)
        link = " ước đạt " if _ESTIMATE.search(column.name) and _NUMBER_CELL.match(cell) else ": "
        clauses.append(f"{clean_label}{link}{shown}{after if _NUMBER_CELL.match(cell) else ''}")
    if "numerator" in fraction and "denominator" in fraction:
        stated = fraction.get("percent", "")
        share = f" ({stated if stated.endswith('%') else stated + '%'})" if stated else ""
        clauses.append(f"{clean_label}: {fraction['numerator']}/{fraction['denominator']}{share}")
    else:
        for role, cell in fraction.items():
            _leave(out, item, cell, f"bảng: cột {role} không đủ tử số và mẫu số / table: a share's column "
                                    "without its numerator and denominator", goal)
    if not clauses:
        if not note:
            return None
        text = f"{clean_label}: {note}"
    else:
        text = "; ".join(clauses) + (f" ({note})" if note else "") + "."
    line = item.first_line
    return Item(text, [line] * len(text), "table", item.depth, 0, item.section, headings, 1)


_SHARE_HEAD = re.compile(r"^(tỷ lệ|tỉ lệ|số lượng|số)\s+", re.IGNORECASE)


def _under_parent(parent: str, label: str) -> str:
    """A sub-row's label read with its parent's: "Văn bản đi" + "Được ký số" → "Văn bản đi được ký số",
    "Tỷ lệ ký số" → "Tỷ lệ văn bản đi ký số".
    """
    head = parent[:1].lower() + parent[1:]
    if match := _SHARE_HEAD.match(label):
        return f"{match.group(1)} {head} {label[match.end():]}"
    return f"{parent} {label[:1].lower() + label[1:]}"


def _crosstab_row(item: Item, label: str, values: list[tuple[int, Column, str]], state: TableState,
                  goal: bool) -> Item | None:
    """A row of a table by field: the total row as a sentence, a field's figures kept as parts."""
    if not _TOTAL_ROW.match(label):
        for index, column, cell in values:
            match = _NUMBER_CELL.match(cell)
            if column.role == "measure" and match and (value := parse_value(match.group(1))) is not None:
                state.field_parts.append((index, label, value, item.first_line, goal))
        return None
    text = ""
    state.total_spans = []
    for index, column, cell in values:
        if column.role != "measure" or not _NUMBER_CELL.match(cell):
            continue
        clause = f"{column.name}: {cell}"
        if text:
            text += "; "
        state.total_spans.append((len(text), len(text) + len(clause), index))
        text += clause
    if not text:
        return None
    text += "."
    line = item.first_line
    return Item(text, [line] * len(text), "table", item.depth, 0, item.section, item.headings, 1)


def placed(state: TableState, statements: list[Statement]) -> None:
    """Note which column each statement read from a table's total row came from, and what a parent row
    placed; a sub-row's statement is narrowed by its parent's code (``under:`` in patterns.yaml).
    """
    under = patterns().under
    if state.sub_row:
        for statement in statements:
            for parent in state.parent_codes:
                statement.code = under.get(parent, {}).get(statement.code, statement.code)
    else:
        state.parent_codes = [statement.code for statement in statements]
    for statement in statements:
        for start, end, index in state.total_spans:
            if start <= statement.start < end and "value" in statement.fields:
                state.totals.setdefault(index, statement)
    state.total_spans = []


def end_table(state: TableState, out: Output) -> None:
    """At the end of a table: the fields' figures become parts of the total row's statements, or candidates."""
    for index, name, value, line, goal in state.field_parts:
        statement = state.totals.get(index)
        if statement is None:
            out.candidate(Candidate(None, value, line, out.quote(line),
                                    f"bảng: số theo lĩnh vực “{name}”, không có dòng tổng đã đặt / table: a field's "
                                    "figure with no placed total row", "value", (), goal))
            continue
        parts = statement.fields.setdefault("parts", {})
        if name not in parts:
            parts[name] = value
    state.reset()


def _rewrite_plain(item: Item, row: list[str], state: TableState) -> Item | None:
    """A row of a table without a header line: the first numbers after the label are its values."""
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
