"""The sheet "Số chưa đặt": numbers a document's reader left unplaced, for a reviewer to assign.

``checker extract report.docx --form report.xlsx`` writes the commune form pre-filled with what
was read and this second sheet: one row per unplaced number (line, the number, its sentence, the
reason, the reader's suggestion) with three cells the reviewer fills — the indicator (a drop-down
of indicator names), the field (Giá trị / Tử số / Mẫu số / Tỷ lệ) and whether it is a goal.
``check report.xlsx`` reads every assigned number as one more statement of the chosen indicator
(with its line and sentence, and a note that a reviewer assigned it); the numbers left unassigned
stay listed as unplaced in every output, so nothing read is dropped.

Column A (hidden) holds :data:`MARKER` in A1 and ``@number`` on each number's row; the reader
finds the rows by it, never by row number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.core.errors import Problem
from checker.read.xlsx.choices import FIELD_CHOICES, FIELDS_BY_UNIT, code_for, field_for, indicator_names
from checker.read.xlsx.layout import FLAG_NO, FLAG_YES, UNPLACED_SHEET

if TYPE_CHECKING:
    from checker.read.document.readings import Candidate

MARKER = "checker-unplaced:1"
NUMBER_ROW = "@number"
ASSIGNED_NOTE = "người duyệt gán từ trang Số chưa đặt / assigned by the reviewer on the unplaced sheet"
COLUMNS = {"line": "B", "value": "C", "quote": "D", "reason": "E", "suggestion": "F", "code": "G",
           "field": "H", "goal": "I"}
HEADINGS = {"line": "Dòng", "value": "Số", "quote": "Câu trong văn bản", "reason": "Lý do chưa đặt",
            "suggestion": "Gợi ý của máy", "code": "Gán cho chỉ tiêu", "field": "Trường", "goal": "Là mục tiêu?"}
WIDTHS = {"A": 10, "B": 7, "C": 11, "D": 70, "E": 36, "F": 26, "G": 46, "H": 12, "I": 11}
TITLE = "SỐ CHƯA ĐẶT VÀO CHỈ TIÊU — người duyệt gán / NUMBERS LEFT UNPLACED — for the reviewer to assign"
INSTRUCTIONS = (
    "Máy đọc văn bản chưa đặt được các số dưới đây vào chỉ tiêu nào. Với mỗi số thuộc một chỉ tiêu: chọn "
    "chỉ tiêu ở cột \"Gán cho chỉ tiêu\", chọn trường (Giá trị, Tử số, Mẫu số, Tỷ lệ; để trống = theo đơn vị "
    "của chỉ tiêu) và \"Có\" ở cột cuối nếu đó là mục tiêu kỳ sau. Số không thuộc chỉ tiêu nào: để trống — "
    "nó vẫn được liệt kê là chưa đặt khi kiểm tra. Kiểm tra: check ten-tep.xlsx"
)
FIELD_LIST = '"' + ",".join(FIELD_CHOICES.values()) + '"'


def write_unplaced(book: Any, candidates: list[Candidate], indicator_list: str) -> None:
    """Add the "Số chưa đặt" sheet listing ``candidates`` (numbers only) with the assignment drop-downs."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = book.create_sheet(UNPLACED_SHEET)
    ws["A1"], ws["B1"] = MARKER, TITLE
    ws["B1"].font = Font(bold=True, size=13)
    ws["A2"], ws["B2"] = "@note", INSTRUCTIONS
    ws.merge_cells("B2:I2")
    ws["B2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 48
    ws["A3"] = "@head"
    for key, letter in COLUMNS.items():
        ws[f"{letter}3"] = HEADINGS[key]
        ws[f"{letter}3"].font = Font(bold=True)
        ws[f"{letter}3"].fill = PatternFill("solid", fgColor="DDEBF7")
    top = Alignment(vertical="top", wrap_text=True)
    pick = PatternFill("solid", fgColor="FFF2CC")
    row = 3
    for candidate in candidates:
        if candidate.value is None or candidate.code == "period":
            continue
        row += 1
        ws[f"A{row}"] = NUMBER_ROW
        ws[f"B{row}"] = candidate.line
        ws[f"C{row}"] = int(candidate.value) if float(candidate.value).is_integer() else candidate.value
        ws[f"C{row}"].number_format = "#,##0" if float(candidate.value).is_integer() else "#,##0.0##"
        ws[f"D{row}"] = candidate.quote
        ws[f"E{row}"] = candidate.reason
        ws[f"F{row}"] = _suggestion(candidate)
        if candidate.goal:
            ws[f"I{row}"] = FLAG_YES
        ws.row_dimensions[row].height = 15 * min(4, 1 + max(len(candidate.quote) // 80, len(candidate.reason) // 40))
        for letter in "BCDEFGHI":
            ws[f"{letter}{row}"].alignment = top
        for letter in "GHI":
            ws[f"{letter}{row}"].protection = Protection(locked=False)
            ws[f"{letter}{row}"].fill = pick
    if row > 3:
        choices = (
            ("G", indicator_list, "Chọn chỉ tiêu",
             "Chọn chỉ tiêu mà số này nói về; để trống nếu không thuộc chỉ tiêu nào."),
            ("H", FIELD_LIST, "Trường", "Giá trị (số lượng), Tử số, Mẫu số hoặc Tỷ lệ (%); trống = theo chỉ tiêu."),
            ("I", f'"{FLAG_YES},{FLAG_NO}"', "Mục tiêu?", "Có nếu số là mục tiêu, kế hoạch kỳ sau; trống = kết quả."),
        )
        for letter, formula, title, prompt in choices:
            validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                                        errorTitle="Giá trị không hợp lệ",
                                        error="Chọn trong danh sách / pick from the list",
                                        showInputMessage=True, promptTitle=title, prompt=prompt)
            validation.add(f"{letter}4:{letter}{row}")
            ws.add_data_validation(validation)
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["A"].hidden = True
    ws.freeze_panes = "B4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True


def _suggestion(candidate: Candidate) -> str | None:
    """The reader's guesses, by indicator name (and field), for the reviewer to weigh."""
    names = indicator_names()
    codes = dict.fromkeys([*([candidate.code] if candidate.code else []), *candidate.options])
    guesses = [names.get(code, code) for code in codes]
    if guesses and candidate.field in FIELD_CHOICES:
        guesses[0] += f" ({FIELD_CHOICES[candidate.field]})"
    return "; ".join(guesses) or None


def read_unplaced(book: Any, data: dict[str, Any], cells: dict[str, str],
                  problems: list[Problem]) -> list[Candidate]:
    """Add the numbers assigned on "Số chưa đặt" to ``data`` as statements; return those left unassigned.

    ``cells`` gets the cell of each new statement; a choice that cannot be read becomes a problem
    naming its cell.  A workbook without the sheet gives no candidates.
    """
    from checker.catalogue.store import indicators
    from checker.read.document.readings import Candidate

    if UNPLACED_SHEET not in book.sheetnames:
        return []
    ws = book[UNPLACED_SHEET]
    where = f"{ws.title}!"
    if ws["A1"].value != MARKER:
        problems.append(Problem(f"{where}A1", f"trang {UNPLACED_SHEET!r} không phải của checker (thiếu {MARKER!r}) / "
                                "not the checker's unplaced sheet"))
        return []
    remaining: list[Candidate] = []
    for row in range(4, ws.max_row + 1):
        key = ws[f"A{row}"].value
        values = {name: _clean(ws[f"{letter}{row}"].value) for name, letter in COLUMNS.items()}
        if key != NUMBER_ROW:
            if key is not None or any(values[name] is not None for name in ("code", "field", "goal")):
                problems.append(Problem(f"{where}A{row}", "dòng lạ trên trang số chưa đặt (cột A ẩn phải là "
                                        f"{NUMBER_ROW!r}) / a row the checker did not write"))
            continue
        line, value, quote = values["line"], values["value"], values["quote"]
        if not isinstance(line, int) or isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(Problem(f"{where}B{row}", "dòng và số của một số chưa đặt bị sửa (cần số dòng ở B, số ở "
                                    "C) / the line (B) or the number (C) was altered", repr((line, value))[:60]))
            continue
        quote = str(quote or "")
        if values["code"] is None:
            if values["field"] is not None or values["goal"] not in (None, FLAG_YES, FLAG_NO):
                problems.append(Problem(f"{where}G{row}", "đã chọn trường nhưng chưa chọn chỉ tiêu / a field "
                                        "without an indicator"))
            remaining.append(Candidate(None, float(value), line, quote, str(values["reason"] or ""),
                                       goal=values["goal"] == FLAG_YES))
            continue
        code = code_for(str(values["code"]))
        if code is None:
            problems.append(Problem(f"{where}G{row}", "không có chỉ tiêu tên này; chọn trong danh sách / no "
                                    "indicator of that name: pick one from the list", repr(values["code"])[:60]))
            continue
        unit = indicators()[code].unit
        allowed = tuple(name for name in FIELDS_BY_UNIT.get(unit, ("value",)) if name in FIELD_CHOICES)
        if not allowed:
            problems.append(Problem(f"{where}G{row}", f"chỉ tiêu {code} ghi Có/Không hay mức, không nhận một số; sửa "
                                    "ở trang Báo cáo / this indicator takes a yes/no or a level, not a number",
                                    repr(values["code"])[:60]))
            continue
        field = field_for(str(values["field"])) if values["field"] is not None else allowed[-1]
        if field is None or field not in allowed:
            names = ", ".join(FIELD_CHOICES.get(name, name) for name in allowed)
            problems.append(Problem(f"{where}H{row}", f"trường không dùng được cho chỉ tiêu {code} ({unit}); cần: "
                                    f"{names} / a field this indicator does not take", repr(values["field"])[:60]))
            continue
        goal = values["goal"]
        if goal not in (None, FLAG_YES, FLAG_NO):
            problems.append(Problem(f"{where}I{row}", f"cần {FLAG_YES} hoặc {FLAG_NO} / yes or no", repr(goal)[:60]))
            continue
        container = data.setdefault("goals", {}) if goal == FLAG_YES else data
        statements = container.setdefault("indicators", {}).setdefault(code, [])
        prefix = "/goals/indicators" if goal == FLAG_YES else "/indicators"
        cells[f"{prefix}/{code}/{len(statements)}"] = f"{where}G{row}"
        statements.append({field: value, "line": line, "quote": quote or None, "note": ASSIGNED_NOTE})
    return remaining


def _clean(value: Any) -> Any:
    """Strings stripped (blank → None), other values as they are."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value
