"""Reading a filled Excel form back into a :class:`Report` (layout: :mod:`checker.read.xlsx.layout`).

Sections and columns are found by the key column and the hidden ``@cols`` rows, never by row
numbers.  Every filled cell is either read or reported: an unknown code or key, a value in a
column the form does not define, text where a number belongs that is not a Vietnamese number —
each becomes a :class:`Problem` whose pointer names the cell and the report field, e.g.
``Báo cáo!E42 (/indicators/staff.officials/0/value)``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from checker.catalogue.store import indicators as indicator_catalogue
from checker.core.archive import checked_zip
from checker.core.bounded_read import read_bounded
from checker.core.errors import InputError, Problem, pydantic_problems
from checker.core.numbers import nfc, parse_date, parse_number_or_percent
from checker.model.report import Report
from checker.read.xlsx.choices import LISTS_SHEET, code_for
from checker.read.xlsx.layout import (
    COLUMNS_ROW,
    DESCRIPTIVE_ROWS,
    EMPTY_TEXT,
    ENUMS,
    FIELDS,
    FLAG_NO,
    FLAG_YES,
    FORM_MARKER,
    INDICATOR_COLUMNS,
    SECTION_FIELDS,
    SECTIONS,
    SPARE_ROW,
    UNPLACED_SHEET,
    Column,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from checker.read.document.readings import Candidate

SECTION_POINTERS = {"#info": ("/identity", "/period", "/meta"), "#indicators": ("/indicators",),
                    "#goals": ("/goals",), "#annex": ("/annex",)}
LIST_KEYS = {"#documents": "documents", "#period_mentions": "period_mentions", "#cited_targets": "cited_targets"}
IGNORED_IN_FIELD_ROWS = ("label", "hint", "unit")
EXPECTED = {
    "number": "một số, vd 2777, 2.777, 98,34 hoặc 98,34 % / a number",
    "int": "một số nguyên / a whole number",
    "date": "một ngày dd/mm/yyyy / a date",
    "flag": f"{FLAG_YES} hoặc {FLAG_NO} / yes or no",
    "text": "chữ / text",
}


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


class _Bad(ValueError):
    """A cell that cannot be read: what was expected."""


class _Reader:
    """Walks the rows of the form sheet, building the report dict and a pointer → cell map."""

    def __init__(self, ws: Worksheet, cached: Worksheet | None) -> None:
        self.ws = ws
        self.cached = cached
        self.problems: list[Problem] = []
        self.cells: dict[str, str] = {}
        self.data: dict[str, Any] = {"identity": {}, "period": {}}
        self.seen_sections: set[str] = set()
        self.seen_fields: set[str] = set()

    # --- cells -------------------------------------------------------------------------
    def where(self, coordinate: str) -> str:
        """``Sheet!E42``."""
        return f"{self.ws.title}!{coordinate}"

    def problem(self, coordinate: str, pointer: str, message: str, got: Any = None) -> None:
        """Record a problem located at a cell (and a report field, when known)."""
        location = f"{self.where(coordinate)} ({pointer})" if pointer else self.where(coordinate)
        self.problems.append(Problem(location, message, None if got is None else repr(got)[:60]))

    def value(self, cell: Any) -> Any:
        """The cell's value: the cached result of a formula, strings NFC and stripped, blanks None."""
        value = cell.value
        if cell.data_type == "f":
            value = self.cached[cell.coordinate].value if self.cached is not None else None
            if value is None:
                self.problem(cell.coordinate, "", "công thức chưa có kết quả; mở bằng Excel rồi lưu lại / "
                             "formula without a cached result: open and save the file in Excel")
                return None
        if isinstance(value, str):
            value = nfc(value).strip()
            if value == "":
                return None
            if value == EMPTY_TEXT:
                return ""
        if isinstance(value, float | int) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
            value = round(value * 100, 10)  # a cell Excel shows as "98%" holds 0.98
        return value

    def convert(self, kind: str, value: Any) -> Any:
        """Turn a cell value into what the model field expects, or raise :class:`_Bad`."""
        if kind == "number":
            return _number(value)
        if kind in ("int", "index"):
            return _integer(value)
        if kind == "date":
            return _date(value)
        if kind == "flag":
            return _flag(value)
        if kind in ENUMS:
            return _enum(kind, value)
        if kind == "json":
            return _json(value)
        if kind == "list":
            return _recipients(value)
        if kind == "any":
            return value if isinstance(value, str) else _number(value)
        return _text(value)

    def read(self, coordinate: str, kind: str, value: Any, pointer: str) -> Any:
        """Convert one cell, recording a problem (and returning None) when it cannot be read."""
        self.cells[pointer] = self.where(coordinate)
        try:
            return self.convert(kind, value)
        except _Bad as exc:
            expected = EXPECTED.get(kind, str(exc)) if not str(exc) else str(exc)
            self.problem(coordinate, pointer, f"không đọc được ô / cannot read the cell: cần {expected}", value)
            return None

    # --- rows ----------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        """Read every row; return the report dict (problems are collected in ``self.problems``)."""
        section: str | None = None
        columns: dict[str, Column] = {}
        for row in self.ws.iter_rows(min_row=2):
            cells = {cell.column_letter: cell for cell in row if cell.value is not None}
            row_number = row[0].row
            if not cells or row_number is None:  # a row read from a file always has its number
                continue
            key_cell = cells.pop("A", None)
            key = self.value(key_cell) if key_cell is not None else None
            key = key if isinstance(key, str) else (None if key is None else str(key))
            if section is None and not self.seen_sections and not (key or "").startswith("#"):
                continue  # the preamble: title, instructions, column headings
            if key in DESCRIPTIVE_ROWS:
                continue
            if key == COLUMNS_ROW:
                columns = self._columns(section, cells)
                continue
            if key is not None and key_cell is not None and key.startswith("#"):
                section = self._section(key_cell.coordinate, key)
                columns = {}
                continue
            values = {letter: self.value(cell) for letter, cell in cells.items()}
            values = {letter: value for letter, value in values.items() if value is not None}
            if key == SPARE_ROW:
                key, values = self._spare(section, values, row_number)
                if key is None:
                    continue
            if key is None and not values:
                continue
            self._row(section, columns, key, key_cell, values, row_number)
        return self.data

    def _spare(self, section: str | None, values: dict[str, Any], number: int) -> tuple[str | None, dict[str, Any]]:
        """A spare row's indicator (the name picked in column B) and its other cells; None when blank."""
        values = {letter: value for letter, value in values.items() if letter != "C"}  # C: the hint
        pick = values.pop("B", None)
        if section not in ("#indicators", "#goals"):
            if values or pick is not None:
                self.problem(f"A{number}", "", "dòng dự phòng ngoài mục chỉ tiêu / spare row outside the indicators")
            return None, {}
        if pick is None:
            if values:
                self.problem(f"{min(values)}{number}", "", "dòng dự phòng có số liệu nhưng chưa chọn chỉ tiêu ở cột "
                             "Chỉ tiêu (B) / a spare row with figures but no indicator picked in column B")
            return None, {}
        code = code_for(str(pick))
        if code is None:
            self.problem(f"B{number}", "", "không có chỉ tiêu tên này trong danh mục; chọn trong danh sách / "
                         "no indicator of that name: pick one from the list", pick)
            return None, {}
        return code, values

    def _section(self, coordinate: str, key: str) -> str | None:
        if key not in SECTIONS:
            self.problem(coordinate, "", f"mục không có trong biểu mẫu / unknown section {key!r}")
            return None
        if key in self.seen_sections:
            self.problem(coordinate, "", f"mục {key} lặp lại / section repeated")
        self.seen_sections.add(key)
        pointers = SECTION_POINTERS.get(key, ("/" + key[1:],))
        for pointer in pointers:
            self.cells[pointer] = self.where(coordinate)
        return key

    def _columns(self, section: str | None, cells: dict[str, Any]) -> dict[str, Column]:
        known = {column.key: column for column in SECTIONS[section][1]} if section else {}
        columns: dict[str, Column] = {}
        for letter, cell in cells.items():
            name = self.value(cell)
            if name not in known:
                self.problem(cell.coordinate, "", f"khóa cột lạ trong dòng ẩn / unknown column key {name!r}")
                continue
            columns[letter] = Column(known[name].key, known[name].heading, letter, known[name].kind)
        return columns

    def _row(self, section: str | None, columns: dict[str, Column], key: str | None, key_cell: Any,
             values: dict[str, Any], number: int) -> None:
        where = key_cell.coordinate if key_cell is not None else f"{min(values)}{number}"
        if section is None or not columns:
            self.problem(where, "", "dòng nằm ngoài các mục của biểu mẫu / row outside the form's sections")
            return
        stray = sorted(letter for letter in values if letter not in columns)
        for letter in stray:
            self.problem(f"{letter}{number}", "", "ô ngoài các cột của biểu mẫu / value in a column the form "
                         "does not define", values[letter])
        named = {columns[letter].key: (f"{letter}{number}", value)
                 for letter, value in values.items() if letter in columns}
        if key is not None and key in SECTION_FIELDS.get(section, ()):
            value_letter = next((letter for letter, column in columns.items() if column.key == "value"), "A")
            self._field(key, f"{value_letter}{number}", named)
        elif key is not None and key in FIELDS:
            self.problem(where, "", f"trường {key} không thuộc mục {section} / field in the wrong section")
        elif section in ("#indicators", "#goals"):
            self._statement(section, key, where, named)
        elif key is not None:
            self.problem(where, "", f"khóa lạ / unknown key {key!r}")
        elif section in LIST_KEYS:
            self._entry(LIST_KEYS[section], named, f"/{LIST_KEYS[section]}")
        elif section == "#annex":
            self._entry("items", named, "/annex/items", self.data.setdefault("annex", {}))
        else:
            self.problem(where, "", "dòng không có khóa ở cột A / row without a key in column A")

    def _field(self, key: str, where: str, named: dict[str, tuple[str, Any]]) -> None:
        field = FIELDS[key]
        pointer = "/" + "/".join(field.path)
        if key in self.seen_fields:
            self.problem(where, pointer, f"trường {key} lặp lại / field repeated")
            return
        self.seen_fields.add(key)
        for name, (coordinate, value) in named.items():
            if name != "value" and name not in IGNORED_IN_FIELD_ROWS:
                self.problem(coordinate, pointer, "ô thừa trong dòng trường / value beside a field row", value)
        self.cells[pointer] = self.where(where)
        if "value" not in named:
            return
        coordinate, raw = named["value"]
        value = self.read(coordinate, field.kind, raw, pointer)
        if value is not None:
            target = self.data
            for part in field.path[:-1]:
                target = target.setdefault(part, {})
            target[field.path[-1]] = value

    def _statement(self, section: str, code: str | None, where: str, named: dict[str, tuple[str, Any]]) -> None:
        data = {name: item for name, item in named.items() if name not in ("code", "label", "unit")}
        prefix = "/indicators" if section == "#indicators" else "/goals/indicators"
        if code is None:
            if data:
                coordinate = min(coordinate for coordinate, _ in data.values())
                self.problem(coordinate, "", "dòng có số liệu nhưng thiếu mã chỉ tiêu ở cột A / "
                             "a filled row without an indicator code in column A")
            return
        if code not in indicator_catalogue():
            self.problem(where, f"{prefix}/{_escape(code)}",
                         "mã chỉ tiêu không có trong danh mục / unknown indicator code", code)
            return
        index_cell = data.pop("index", None)
        if index_cell is not None:
            try:
                if _integer(index_cell[1]) < 1:
                    raise _Bad("")
            except _Bad:
                self.problem(index_cell[0], "", "lần nêu là số 1, 2, 3… / statement index 1, 2, 3…", index_cell[1])
        if not data:
            return
        container = self.data if section == "#indicators" else self.data.setdefault("goals", {})
        statements = container.setdefault("indicators", {}).setdefault(code, [])
        pointer = f"{prefix}/{code}/{len(statements)}"
        self.cells[pointer] = self.where(where)
        measure: dict[str, Any] = {}
        for name, (coordinate, raw) in data.items():
            kind = next(column.kind for column in INDICATOR_COLUMNS if column.key == name)
            value = self.read(coordinate, kind, raw, f"{pointer}/{name}")
            if name == "parts" and value is not None:
                value = self._parts(coordinate, value, f"{pointer}/parts")
            if value is not None:
                measure[name] = value
        statements.append(measure)

    def _parts(self, coordinate: str, value: Any, pointer: str) -> Any:
        """Check a parts object: names to numbers (or Vietnamese number strings)."""
        ok = isinstance(value, dict) and all(
            isinstance(number, int | float | str) and not isinstance(number, bool) for number in value.values())
        if ok:
            for number in value.values():
                if isinstance(number, str):
                    try:
                        parse_number_or_percent(number)
                    except ValueError:
                        ok = False
        if not ok:
            self.problem(coordinate, pointer, 'cần một đối tượng JSON tên → số, vd {"Tư pháp": 12} / '
                         "expected a JSON object of numbers", value)
            return None
        return value

    def _entry(self, key: str, named: dict[str, tuple[str, Any]], prefix: str,
               container: dict[str, Any] | None = None) -> None:
        items = (self.data if container is None else container).setdefault(key, [])
        pointer = f"{prefix}/{len(items)}"
        self.cells[pointer] = self.where(min(coordinate for coordinate, _ in named.values()))
        entry: dict[str, Any] = {}
        for name, (coordinate, raw) in named.items():
            kind = self._kind(prefix, name)
            value = self.read(coordinate, kind, raw, f"{pointer}/{name}")
            if value is not None:
                entry[name] = value
        items.append(entry)

    @staticmethod
    def _kind(prefix: str, name: str) -> str:
        section = {"/documents": "#documents", "/period_mentions": "#period_mentions",
                   "/cited_targets": "#cited_targets"}.get(prefix, "#annex")
        return next(column.kind for column in SECTIONS[section][1] if column.key == name)


# --- conversions ------------------------------------------------------------------------------
def _number(value: Any) -> Any:
    if isinstance(value, bool):
        raise _Bad("")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            parse_number_or_percent(value)
        except ValueError as exc:
            raise _Bad("") from exc
        return value  # the model parses it and keeps the original in parsed_from
    raise _Bad("")


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise _Bad("")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("+-").isdigit():
        return int(value)
    raise _Bad("")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise _Bad("")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            try:
                return parse_date(value)
            except ValueError as exc:
                raise _Bad("") from exc
    raise _Bad("")


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.casefold() in (FLAG_YES.casefold(), FLAG_NO.casefold()):
        return value.casefold() == FLAG_YES.casefold()
    raise _Bad("")


def _enum(kind: str, value: Any) -> str:
    labels = ENUMS[kind]
    if isinstance(value, str):
        for code, label in labels.items():
            if value.casefold() in (code.casefold(), label.casefold()):
                return code
    raise _Bad("một trong / one of: " + ", ".join(labels.values()))


def _json(value: Any) -> Any:
    if not isinstance(value, str):
        raise _Bad("JSON, vd {\"Tư pháp\": 12} / a JSON object")
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise _Bad(f"JSON hợp lệ ({exc.msg}), vd {{\"Tư pháp\": 12}} / valid JSON") from exc


def _recipients(value: Any) -> list[str]:
    text = _text(value)
    if text.startswith("["):
        try:
            names = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _Bad("danh sách JSON hoặc các tên ngăn cách bằng ; / names separated by ;") from exc
        if isinstance(names, list) and all(isinstance(name, str) for name in names):
            return [nfc(name) for name in names]
        raise _Bad("danh sách JSON các tên / a JSON list of names")
    return [name.strip() for name in text.split(";") if name.strip()]


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise _Bad("")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    raise _Bad("")


# --- the workbook -----------------------------------------------------------------------------
def _open(path: Path) -> tuple[Worksheet, Worksheet | None]:
    """The form sheet, and the same sheet with cached formula results when it has formulas."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = str(path)
    if not path.exists():
        raise InputError(name, "", "không tìm thấy tệp / file not found")
    data = read_bounded(path)
    checked_zip(data, name, ".xlsx")  # a zip bomb is refused before parsing
    try:
        book = load_workbook(io.BytesIO(data))
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(name, "", f"không đọc được tệp Excel .xlsx ({type(exc).__name__}) / not a readable "
                         "xlsx workbook") from exc
    forms = [ws for ws in book.worksheets if ws["A1"].value == FORM_MARKER]
    if not forms:
        raise InputError(name, "", f"không phải biểu mẫu của checker (ô A1 không có {FORM_MARKER!r}); tạo biểu mẫu "
                         "bằng `checker template --format xlsx` / not a checker form")
    ws = forms[0]
    for other in book.worksheets:
        if other.title in (LISTS_SHEET, UNPLACED_SHEET):
            continue  # the drop-down lists (never read) and the unplaced numbers (read by their module)
        if other is not ws and any(cell.value is not None for row in other.iter_rows() for cell in row):
            raise InputError(name, f"{other.title}!", "chỉ đọc trang biểu mẫu; trang này có dữ liệu — chuyển vào "
                             f"trang '{ws.title}' hoặc xóa / only the form sheet is read, this sheet holds data")
    has_formulas = any(cell.data_type == "f" for row in ws.iter_rows() for cell in row)
    cached = load_workbook(io.BytesIO(data), data_only=True)[ws.title] if has_formulas else None
    return ws, cached


def _locate(problem: Problem, cells: dict[str, str]) -> Problem:
    """Prefix a model problem's JSON pointer with the cell it came from (longest known prefix)."""
    pointer = problem.pointer
    candidate = pointer
    while candidate:
        if candidate in cells:
            return Problem(f"{cells[candidate]} ({pointer})", problem.message, problem.got)
        candidate = candidate.rsplit("/", 1)[0]
    return problem


def load_xlsx(path: Path) -> Report:
    """Read a filled form into a Report; every problem names its cell."""
    return load_xlsx_located(path)[0]


def load_xlsx_located(path: Path) -> tuple[Report, dict[str, str]]:
    """Read a filled form into a Report and the cell of each JSON pointer (``Báo cáo!E42``)."""
    report, cells, _ = load_xlsx_form(path)
    return report, cells


def load_xlsx_form(path: Path) -> tuple[Report, dict[str, str], list[Candidate]]:
    """Read a filled form: the Report, the cell of each JSON pointer, and the numbers still unplaced
    on its "Số chưa đặt" sheet (numbers assigned there are statements of the report).
    """
    from checker.read.xlsx.unplaced import read_unplaced

    ws, cached = _open(path)
    reader = _Reader(ws, cached)
    data = reader.run()
    remaining = read_unplaced(ws.parent, data, reader.cells, reader.problems)
    if reader.problems:
        raise InputError.from_problems(str(path), reader.problems)
    try:
        return Report.model_validate(data), reader.cells, remaining
    except ValidationError as exc:
        problems = [_locate(problem, reader.cells) for problem in pydantic_problems(exc, data)]
        raise InputError.from_problems(str(path), problems) from exc
