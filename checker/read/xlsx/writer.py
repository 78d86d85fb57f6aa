"""Writing the Excel fill-in form (see :mod:`checker.read.xlsx.layout` for the layout).

openpyxl is imported inside the functions, so importing this module costs nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.catalogue.store import indicators as indicator_catalogue
from checker.core.errors import InputError
from checker.core.numbers import parse_number_or_percent
from checker.read.xlsx.choices import LISTS_SHEET, applicable, indicator_names
from checker.read.xlsx.layout import (
    ANNEX_COLUMNS,
    ANNEX_FIELDS,
    CITED_TARGET_COLUMNS,
    COLUMNS_ROW,
    DOCUMENT_COLUMNS,
    EMPTY_TEXT,
    ENUMS,
    FAMILY_VI,
    FLAG_NO,
    FLAG_YES,
    FORM_MARKER,
    FROZEN_AT,
    GOALS_YEAR,
    INDICATOR_COLUMNS,
    INFO_GROUPS,
    INSTRUCTIONS,
    MEASURE_FIELDS,
    MENTION_COLUMNS,
    SECTIONS,
    SHEET_TITLE,
    SPARE_ROW,
    TITLE,
    UNIT_VI,
    Column,
    Field,
    catalogue_by_family,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from checker.model.report import Measure, Report
    from checker.read.document.readings import Candidate

SPARE_BLANK = {"#goals": 10, "#documents": 10, "#period_mentions": 3, "#cited_targets": 3, "#annex": 10}
SPARE_FILLED = 2
SPARE_PER_FAMILY = 2
"""Unlocked rows under each family where a clerk picks an indicator for another statement of it."""
SPARE_HINT = "← chọn"
HIDDEN_LETTERS = ("A", "Q", "R")
"""The key column (codes and machine markers) and the two JSON columns: hidden from the clerk."""
DATE_FORMAT = "dd/mm/yyyy"
FIRST_EXCEL_DATE = dt.date(1900, 3, 1)
WIDTHS = {"A": 30, "B": 46, "C": 13, "D": 7, "E": 13, "F": 10, "G": 10, "H": 10, "I": 9, "J": 8, "K": 11,
          "L": 12, "M": 12, "N": 8, "O": 40, "P": 28, "Q": 24, "R": 16}
LAST_LETTER = "R"
GREY, HEAD, GROUP, SECTION, PICK = "E7E6E6", "DDEBF7", "F2F2F2", "BDD7EE", "FFF2CC"


class _Writer:
    """Fills one worksheet row by row and collects the data-validation ranges."""

    def __init__(self, ws: Worksheet, source: str) -> None:
        self.ws = ws
        self.source = source
        self.row = 0
        self.ranges: dict[str, list[str]] = {}
        self.code_rows: list[int] = []
        self.styles: dict[str, Any] = {}

    # --- cells -------------------------------------------------------------------------
    def put(self, letter: str, value: Any, pointer: str) -> None:
        """Write ``value`` into ``letter`` of the current row so that the reader gets it back exactly."""
        if value is None:
            return
        cell = self.ws[f"{letter}{self.row}"]
        if isinstance(value, bool):
            cell.value = value
        elif isinstance(value, int | float):
            self._put_number(cell, value, pointer)
        elif isinstance(value, dt.date):
            if value >= FIRST_EXCEL_DATE:
                cell.value = value
            else:
                cell.value = value.isoformat()
        else:
            self._put_text(cell, str(value), pointer)

    def _put_number(self, cell: Any, value: float, pointer: str) -> None:
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(self.source, pointer, "Excel không ghi được NaN/vô cực / cannot write NaN or infinity")
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            value = int(value)
        cell.value = value
        if float(f"{value:.16g}") != value or (isinstance(value, int) and abs(value) >= 10**16):
            # openpyxl writes numbers with 16 significant digits; keep the exact repr instead.
            cell._value = repr(value)  # noqa: SLF001 - written verbatim as <v>…</v>, read back exactly

    def _put_text(self, cell: Any, text: str, pointer: str) -> None:
        from openpyxl.utils.exceptions import IllegalCharacterError

        if text == "":
            text = EMPTY_TEXT
        try:
            cell.value = text
        except IllegalCharacterError as exc:
            raise InputError(self.source, pointer, "ký tự điều khiển không ghi được vào Excel / "
                             "control character cannot be stored in Excel") from exc
        cell.data_type = "s"  # a text starting with "=" stays text, not a formula

    def style_row(self, style: str | None = None, hidden: bool = False, grey: str = "ABC",
                  letters: str | None = None) -> None:
        """Apply the named styles to the current row: ``style`` everywhere, or grey read-only
        ``grey`` columns (the code column in small grey type) and white input cells elsewhere.

        The sheet is protected, so only the white (unlocked) cells take input; another statement of
        an indicator goes in a spare row of its family (:meth:`spare_row`).
        """
        for letter in letters or WIDTHS:
            name = style or ("form-key" if letter == "A" and letter in grey else
                             "form-grey" if letter in grey else "form-input")
            self.apply(self.ws[f"{letter}{self.row}"], name)
        if hidden:
            self.ws.row_dimensions[self.row].hidden = True

    def style_cell(self, letter: str, style: str) -> None:
        """Give one cell of the current row a named style."""
        self.apply(self.ws[f"{letter}{self.row}"], style)

    def apply(self, cell: Any, style: str) -> None:
        """Give ``cell`` the named style (its style array copied: openpyxl's lookup by name is slow)."""
        from copy import copy

        known = self.styles.get(style)
        if known is None:
            cell.style = style
            self.styles[style] = copy(cell._style)  # noqa: SLF001 - the style ids of a named style
        else:
            cell._style = copy(known)  # noqa: SLF001

    def validate(self, name: str, letter: str) -> None:
        """Add the current row's ``letter`` cell to the data validation ``name``."""
        self.ranges.setdefault(name, []).append(f"{letter}{self.row}")

    # --- rows ----------------------------------------------------------------------------
    def next_row(self, key: str | None = None) -> int:
        """Start a new row, with ``key`` in the key column."""
        self.row += 1
        if key is not None:
            self.ws[f"A{self.row}"] = key
        return self.row

    def section(self, key: str) -> None:
        """The heading row of a section and its hidden row of column keys."""
        title, columns = SECTIONS[key]
        self.next_row(key)
        self.ws[f"B{self.row}"] = title
        self.style_row("form-section")
        self.next_row(COLUMNS_ROW)
        for column in columns:
            if column.letter != "A":
                self.ws[f"{column.letter}{self.row}"] = column.key
        self.style_row("form-key", hidden=True)

    def headings(self, columns: tuple[Column, ...]) -> None:
        """A visible row of Vietnamese column headings for a table section."""
        self.next_row("@head")
        for column in columns:
            self.ws[f"{column.letter}{self.row}"] = column.heading
        self.style_row("form-head")

    def field(self, field: Field, value: Any, pointer: str) -> None:
        """One field row: key, label, hint and the value in column E."""
        self.next_row(field.key)
        self.ws[f"B{self.row}"] = field.label
        self.ws[f"C{self.row}"] = field.hint
        self.style_row(letters="ABCDE")
        long_text = field.kind in ("text", "list")
        self.style_cell("E", "form-date" if field.kind == "date" else "form-text" if long_text else "form-input")
        if field.kind in ENUMS and value is not None:
            value = ENUMS[field.kind][value]
        elif field.kind == "list":
            value = _recipients_text(value)
        self.put("E", value, pointer)
        self._field_validation(field)

    def _field_validation(self, field: Field) -> None:
        name = {"int": "year" if field.key.endswith("year") else "quarter", "date": "date"}.get(field.kind)
        if field.kind in ENUMS:
            name = field.kind
        self.validate(name or f"say:{field.key}", "E")

    def measure_row(self, code: str, index: int | None, measure: Measure | None, pointer: str) -> None:
        """One indicator row: code, label, unit, and the statement (or nothing)."""
        entry = indicator_catalogue()[code]
        self.next_row(code)
        self.code_rows.append(self.row)
        self.ws[f"B{self.row}"] = entry.vi
        self.ws[f"C{self.row}"] = UNIT_VI.get(entry.unit, entry.unit)
        cells = _measure_cells(measure) if measure is not None else {}
        filled = {column.key for column, value in cells.items() if value is not None}
        open_keys = set(applicable(entry.unit)) | filled  # a value the report gave is never hidden away
        grey = "ABC" + "".join(column.letter for column in INDICATOR_COLUMNS[3:] if column.key not in open_keys)
        self.style_row(grey=grey)
        self.put("D", index, pointer)
        for column in INDICATOR_COLUMNS[4:]:
            if column.key in open_keys:
                self.measure_validation(column, entry.unit)
        for column, value in cells.items():
            self.put(column.letter, value, f"{pointer}/{column.key}")
        if measure is not None and (measure.line is not None or measure.quote):
            first = next((column for column in INDICATOR_COLUMNS[4:10] if column.key in filled), None)
            if first is not None:
                self.source_comment(first.letter, measure.line, measure.quote)

    def source_comment(self, letter: str, line: int | None, quote: str | None) -> None:
        """A cell comment saying where a value was read: "Nguồn: dòng 31 — «…»"."""
        from openpyxl.comments import Comment

        where = f"dòng {line}" if line is not None else "văn bản gốc"
        text = f"Nguồn / source: {where}" + (f"\n«{quote}»" if quote else "")
        comment = Comment(text, "checker")
        comment.width, comment.height = 320, 110
        self.ws[f"{letter}{self.row}"].comment = comment

    def spare_row(self, choices: str) -> None:
        """A spare row: the clerk picks the indicator's name in column B (from ``choices``) and fills it."""
        self.next_row(SPARE_ROW)
        self.style_row(grey="AC")
        self.style_cell("B", "form-pick")
        self.ws[f"C{self.row}"] = SPARE_HINT
        self.validate(f"pick:{choices}", "B")
        for column in INDICATOR_COLUMNS[4:]:
            if column.kind != "json":
                self.measure_validation(column, "number")

    def measure_validation(self, column: Column, unit: str) -> None:
        """The validation of one indicator cell, by column and the indicator's unit."""
        name = {"numerator": "count", "denominator": "count", "percent": "percent", "flag": "flag",
                "level": "level", "qualifier": "qualifier", "line": "line"}.get(column.key)
        if column.key == "value":
            name = {"count": "whole", "percent": "percent", "flag": None, "level": "level"}.get(unit, "count")
        if column.kind == "date":
            name = "date"
            self.style_cell(column.letter, "form-date")
        if column.key in TEXT_PROMPTS:
            name = f"say:{column.key}"
        if name:
            self.validate(name, column.letter)

    def entry_row(self, columns: tuple[Column, ...], values: dict[str, Any] | None, pointer: str) -> None:
        """One row of documents, period mentions or annex items."""
        self.next_row()
        self.style_row(grey="A")
        for column in columns:
            if column.kind == "date":
                self.style_cell(column.letter, "form-date")
                self.validate("date", column.letter)
            elif column.kind in ENUMS:
                self.validate(column.kind, column.letter)
            elif column.kind == "int":
                self.validate({"line": "line", "months": "months"}.get(column.key, "year"), column.letter)
            value = (values or {}).get(column.key)
            if column.kind in ENUMS and value is not None:
                value = ENUMS[column.kind][value]
            self.put(column.letter, value, f"{pointer}/{column.key}")


def _add_styles(book: Any) -> None:
    """The few named styles of the form (named styles keep writing fast)."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    top = Alignment(vertical="top", wrap_text=True)

    def fill(colour: str) -> PatternFill:
        return PatternFill("solid", fgColor=colour)

    styles = [
        NamedStyle("form-key", font=Font(color="595959", size=9), fill=fill(GREY), border=border,
                   alignment=Alignment(vertical="top"), protection=Protection(locked=True)),
        NamedStyle("form-grey", fill=fill(GREY), border=border, alignment=top, protection=Protection(locked=True)),
        NamedStyle("form-input", border=border, alignment=top, protection=Protection(locked=False)),
        NamedStyle("form-pick", font=Font(italic=True, color="1F4E79"), fill=fill(PICK), border=border,
                   alignment=top, protection=Protection(locked=False)),
        NamedStyle("form-text", border=border, alignment=Alignment(vertical="top"),
                   protection=Protection(locked=False)),
        NamedStyle("form-date", border=border, alignment=top, number_format=DATE_FORMAT,
                   protection=Protection(locked=False)),
        NamedStyle("form-section", font=Font(bold=True, size=12), fill=fill(SECTION), border=border,
                   protection=Protection(locked=True)),
        NamedStyle("form-head", font=Font(bold=True), fill=fill(HEAD), border=border, alignment=top,
                   protection=Protection(locked=True)),
        NamedStyle("form-group", font=Font(bold=True, italic=True), fill=fill(GROUP), border=border,
                   protection=Protection(locked=True)),
    ]
    for style in styles:
        book.add_named_style(style)


def _recipients_text(recipients: list[str] | None) -> str | None:
    """Recipients "; "-joined, or as a JSON list when a name would not survive the split."""
    if not recipients:
        return None
    if any(";" in name or not name or name.startswith("[") for name in recipients):
        return json.dumps(recipients, ensure_ascii=False)
    return "; ".join(recipients)


def _number_cell(value: float | None, raw: str | None) -> Any:
    """The original Vietnamese spelling when it reads back as the same number, else the number."""
    if value is not None and raw is not None:
        try:
            if parse_number_or_percent(raw) == value:
                return raw
        except ValueError:
            pass
    return value


def _measure_cells(measure: Measure) -> dict[Column, Any]:
    """The cell values of one statement, keyed by column."""
    by_key = {column.key: column for column in INDICATOR_COLUMNS}
    residual = dict(measure.parsed_from)
    cells: dict[Column, Any] = {}
    for key in MEASURE_FIELDS:
        value = getattr(measure, key)
        cell = _number_cell(value, residual.get(key))
        if isinstance(cell, str):
            residual.pop(key)
        cells[by_key[key]] = cell
    if measure.flag is not None:
        cells[by_key["flag"]] = FLAG_YES if measure.flag else FLAG_NO
    if measure.qualifier != "exact":
        cells[by_key["qualifier"]] = ENUMS["qualifier"][measure.qualifier]
    for key in ("level", "period_start", "as_of", "line", "quote", "note"):
        cells[by_key[key]] = getattr(measure, key)
    if measure.parts is not None:
        parts: dict[str, Any] = {}
        for name, number in measure.parts.items():
            cell = _number_cell(number, residual.get(f"parts/{name}"))
            if isinstance(cell, str):
                residual.pop(f"parts/{name}")
            elif isinstance(cell, float) and cell.is_integer() and abs(cell) < 2**53:
                cell = int(cell)
            parts[name] = cell
        cells[by_key["parts"]] = json.dumps(parts, ensure_ascii=False)
    if residual:
        cells[by_key["parsed_from"]] = json.dumps(residual, ensure_ascii=False)
    return cells


TEXT_PROMPTS: dict[str, tuple[str, str]] = {
    "quote": ("Trích dẫn", "Câu trong văn bản báo cáo nêu số liệu này (không bắt buộc)."),
    "note": ("Ghi chú", "Ghi chú của người điền (không bắt buộc)."),
}
"""Prompts of cells that take free text (no check, only the input message)."""

PROMPTS: dict[str, tuple[str, str]] = {
    "count": ("Số lượng", "Ghi một số ≥ 0, vd 2.777 hoặc 2777. Để trống nếu báo cáo không nêu (khác 0)."),
    "whole": ("Số lượng", "Ghi một số nguyên ≥ 0, vd 74. Để trống nếu báo cáo không nêu (khác 0)."),
    "percent": ("Tỷ lệ (%)", "Ghi số từ 0 đến 100, vd 98,34 (không cần dấu %)."),
    "level": ("Mức", "0 = chưa, 1 = đang làm, 2 = hoàn thành."),
    "line": ("Dòng", "Số dòng trong văn bản gốc nơi nêu số liệu (không bắt buộc)."),
    "year": ("Năm", "Ghi năm, vd 2025."),
    "quarter": ("Quý", "1, 2, 3 hoặc 4."),
    "months": ("Số tháng", "Số tháng của kỳ được nêu, 1–12."),
    "date": ("Ngày", "Ghi ngày dd/mm/yyyy, vd 30/06/2025."),
    "flag": ("Có/Không", "Chọn Có hoặc Không trong danh sách."),
    "qualifier": ("Cách nêu", "Để trống nếu số được nêu đúng như vậy; chọn hơn, khoảng, gần… nếu văn bản ghi "
                  "\"trên 80%\", \"khoảng 200\"."),
    "pick": ("Chọn chỉ tiêu", "Chọn tên chỉ tiêu trong danh sách để nêu thêm một lần chỉ tiêu đó, rồi điền "
             "các ô bên phải."),
}


def _add_validations(ws: Worksheet, ranges: dict[str, list[str]], code_rows: list[int],
                     lists: dict[str, str] | None = None) -> None:
    """Number, percentage, date and list validations, each with an input prompt; warnings, so a
    report's own mistakes can be kept (lists stop: a choice outside them cannot be read).
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    def listing(values: list[str]) -> str:
        return '"' + ",".join(values) + '"'

    specs: dict[str, dict[str, Any]] = {
        "count": {"type": "decimal", "operator": "greaterThanOrEqual", "formula1": "0",
                  "error": "Cần một số ≥ 0 / a number ≥ 0"},
        "whole": {"type": "whole", "operator": "greaterThanOrEqual", "formula1": "0",
                  "error": "Cần một số nguyên ≥ 0 / a whole number ≥ 0"},
        "percent": {"type": "decimal", "operator": "between", "formula1": "0", "formula2": "100",
                    "error": "Tỷ lệ ghi số từ 0 đến 100, vd 98,34 / a percentage from 0 to 100"},
        "level": {"type": "whole", "operator": "between", "formula1": "0", "formula2": "2",
                  "error": "Mức 0, 1 hoặc 2 / level 0–2"},
        "line": {"type": "whole", "operator": "greaterThanOrEqual", "formula1": "1",
                 "error": "Số dòng ≥ 1 / a line number ≥ 1"},
        "year": {"type": "whole", "operator": "between", "formula1": "2000", "formula2": "2100",
                 "error": "Năm từ 2000 đến 2100 / a year"},
        "quarter": {"type": "whole", "operator": "between", "formula1": "1", "formula2": "4",
                    "error": "Quý 1–4 / quarter 1–4"},
        "months": {"type": "whole", "operator": "between", "formula1": "1", "formula2": "12",
                   "error": "Số tháng 1–12 / months 1–12"},
        "date": {"type": "date", "operator": "greaterThan", "formula1": "1", "error": "Ngày dd/mm/yyyy / a date"},
        "flag": {"type": "list", "formula1": listing([FLAG_YES, FLAG_NO]), "error": "Chọn Có hoặc Không"},
    }
    for name, labels in ENUMS.items():
        specs[name] = {"type": "list", "formula1": listing(list(labels.values())),
                       "error": "Chọn một giá trị trong danh sách / pick from the list"}
    if code_rows:
        specs["code"] = {"type": "list", "formula1": f"$A${code_rows[0]}:$A${code_rows[-1]}",
                         "error": "Mã chỉ tiêu phải có trong mục II / a code listed in section II"}
    for key, formula in (lists or {}).items():
        specs[f"pick:{key}"] = {"type": "list", "formula1": formula,
                                "error": "Chọn một chỉ tiêu trong danh sách / pick an indicator from the list"}
    for name, cells in ranges.items():
        if name.startswith("say:"):
            _add_prompt(ws, name[4:], cells)
            continue
        spec = dict(specs[name])
        error = spec.pop("error")
        strict = spec["type"] == "list"
        title, prompt = PROMPTS.get(name.partition(":")[0], PROMPTS.get(name, ("", "")))
        if not prompt and name in ENUMS:
            title, prompt = "Chọn", "Chọn một giá trị trong danh sách."
        validation = DataValidation(allow_blank=True, showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                                    error=error, errorStyle="stop" if strict else "warning",
                                    showInputMessage=bool(prompt), promptTitle=title[:32] or None,
                                    prompt=prompt[:255] or None, **spec)
        for cell_range in _compress(cells):
            validation.add(cell_range)
        ws.add_data_validation(validation)


def _add_prompt(ws: Worksheet, key: str, cells: list[str]) -> None:
    """An input message (no check) on free-text cells: a text column or one field row."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from checker.read.xlsx.layout import FIELDS

    if key in TEXT_PROMPTS:
        title, prompt = TEXT_PROMPTS[key]
    else:
        field = FIELDS[key]
        title, prompt = field.label, field.label + (f" ({field.hint})" if field.hint else "") + "."
    validation = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=title[:32], prompt=prompt[:255])
    for cell_range in _compress(cells):
        validation.add(cell_range)
    ws.add_data_validation(validation)


def _compress(cells: list[str]) -> list[str]:
    """Cell references merged into column ranges: E5 E6 E7 E9 -> E5:E7 E9."""
    from openpyxl.utils.cell import coordinate_from_string

    rows: dict[str, list[int]] = {}
    for cell in cells:
        letter, row = coordinate_from_string(cell)
        rows.setdefault(letter, []).append(row)
    ranges: list[str] = []
    for letter, numbers in rows.items():
        numbers = sorted(set(numbers))
        start = previous = numbers[0]
        for number in [*numbers[1:], None]:
            if number is not None and number == previous + 1:
                previous = number
                continue
            ranges.append(f"{letter}{start}" if start == previous else f"{letter}{start}:{letter}{previous}")
            if number is not None:
                start = previous = number
    return ranges


def _add_lists(book: Any) -> dict[str, str]:
    """The very hidden sheet of drop-down lists: every indicator name, then one column per family.

    Returns the list formula of each choice set: ``all`` and each family.
    """
    from openpyxl.utils import get_column_letter

    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "veryHidden"
    names = indicator_names()
    columns = [("all", list(names.values()))]
    columns += [(family, [names[code] for code in codes]) for family, codes in catalogue_by_family()]
    formulas: dict[str, str] = {}
    for number, (key, values) in enumerate(columns, start=1):
        letter = get_column_letter(number)
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=number, value=value)
        formulas[key] = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(values)}"
    return formulas


def _protect(book: Any, ws: Worksheet) -> None:
    """Protect the sheet (only unlocked cells take input) and the workbook structure (no unhiding).

    There is no password: protection keeps a clerk from typing over labels and codes by accident;
    the reader still checks every cell of a form whose protection was removed.
    """
    from openpyxl.workbook.protection import WorkbookProtection

    for letter in HIDDEN_LETTERS:
        ws.column_dimensions[letter].hidden = True
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    from openpyxl.worksheet.properties import PageSetupProperties

    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"
    ws.protection.sheet = True
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False
    book.security = WorkbookProtection(lockStructure=True)


def write_form(path: Path, report: Report | None = None, source: str = "report",
               unplaced: list[Candidate] | None = None) -> None:
    """Write the form to ``path``, blank or filled from ``report``.

    ``unplaced`` (the numbers a document's reader left unplaced) adds the sheet "Số chưa đặt",
    where a reviewer assigns each number to an indicator (:mod:`checker.read.xlsx.unplaced`).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    ws = book.active
    if not isinstance(ws, Worksheet):  # a new workbook's one sheet is a worksheet
        raise TypeError("openpyxl gave no worksheet")
    ws.title = SHEET_TITLE
    _add_styles(book)
    lists = _add_lists(book)
    data = report.model_dump() if report is not None else {}
    writer = _Writer(ws, source)

    writer.next_row(FORM_MARKER)
    ws["B1"] = TITLE
    ws["B1"].font = Font(bold=True, size=14)
    writer.next_row("@note")
    ws["B2"] = INSTRUCTIONS
    ws.merge_cells(f"B2:{LAST_LETTER}2")
    ws["B2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 62
    writer.headings(INDICATOR_COLUMNS)

    writer.section("#info")
    for group, fields in INFO_GROUPS:
        writer.next_row("@group")
        ws[f"B{writer.row}"] = group
        writer.style_row("form-group")
        for field in fields:
            writer.field(field, _dig(data, field.path), "/" + "/".join(field.path))

    writer.section("#indicators")
    for family, codes in catalogue_by_family():
        writer.next_row("@group")
        ws[f"B{writer.row}"] = f"{FAMILY_VI.get(family, family)} ({family})"
        writer.style_row("form-group")
        for code in codes:
            _indicator_rows(writer, code, report.indicators.get(code) if report else None, "/indicators")
        for _ in range(SPARE_PER_FAMILY):
            writer.spare_row(family)

    indicator_rows = list(writer.code_rows)
    _goals(writer, report)
    spare = SPARE_FILLED if report is not None else None
    for key, columns, items in (("#documents", DOCUMENT_COLUMNS, data.get("documents", [])),
                                ("#period_mentions", MENTION_COLUMNS, data.get("period_mentions", [])),
                                ("#cited_targets", CITED_TARGET_COLUMNS, data.get("cited_targets", []))):
        writer.section(key)
        writer.headings(columns)
        for index, item in enumerate(items):
            writer.entry_row(columns, item, f"/{key[1:]}/{index}")
        for _ in range(spare if spare is not None else SPARE_BLANK[key]):
            writer.entry_row(columns, None, "")

    annex = data.get("annex")
    writer.section("#annex")
    for field in ANNEX_FIELDS:
        writer.field(field, _dig(data, field.path), "/" + "/".join(field.path))
    writer.headings(ANNEX_COLUMNS)
    for index, item in enumerate((annex or {}).get("items", [])):
        writer.entry_row(ANNEX_COLUMNS, item, f"/annex/items/{index}")
    for _ in range(spare if spare is not None else SPARE_BLANK["#annex"]):
        writer.entry_row(ANNEX_COLUMNS, None, "")

    _add_validations(ws, writer.ranges, indicator_rows, lists)
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = FROZEN_AT
    ws.sheet_view.zoomScale = 90
    _protect(book, ws)
    if unplaced is not None:
        from checker.read.xlsx.unplaced import write_unplaced

        write_unplaced(book, unplaced, lists["all"])
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames) - 1 - book.sheetnames.index(LISTS_SHEET))
    book.save(path)


def _indicator_rows(writer: _Writer, code: str, statements: list[Measure] | None, prefix: str) -> None:
    """One row per statement of ``code`` (the index marked when several), or one empty row."""
    if not statements:
        writer.measure_row(code, None, None, f"{prefix}/{code}/0")
        return
    for index, measure in enumerate(statements):
        number = index + 1 if len(statements) > 1 else None
        writer.measure_row(code, number, measure, f"{prefix}/{code}/{index}")


def _goals(writer: _Writer, report: Report | None) -> None:
    """The goals section: the year, a row per stated goal, and spare rows with a code list."""
    goals = report.goals if report is not None else None
    writer.section("#goals")
    writer.field(GOALS_YEAR, goals.year if goals else None, "/goals/year")
    if goals is not None:
        order = list(indicator_catalogue())
        for code in sorted(goals.indicators, key=order.index):
            _indicator_rows(writer, code, goals.indicators[code], "/goals/indicators")
    spare = SPARE_FILLED if report is not None else SPARE_BLANK["#goals"]
    for _ in range(spare):
        writer.spare_row("all")


def _dig(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The value at ``path`` in a nested dict, or None."""
    value: Any = data
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value
