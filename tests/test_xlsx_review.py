"""Reviewing a reading in Excel: `checker extract DOC --form FORM.xlsx`, then `check FORM.xlsx`.

End to end on fixtures/intake/nam-thanh-mien-2025-q3.txt: the form is pre-filled with what was
read (each value with its line and sentence), the sheet "Số chưa đặt" lists the unplaced numbers,
and numbers a reviewer assigns there are checked as statements of the chosen indicator.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from checker.catalogue.store import indicators as indicator_catalogue
from checker.cli.check import check_command
from checker.cli.extract import extract_command
from checker.core.errors import InputError
from checker.read.document import load_document
from checker.read.inputs import read_input
from checker.read.xlsx.layout import SHEET_TITLE, UNPLACED_SHEET
from checker.read.xlsx.unplaced import ASSIGNED_NOTE, NUMBER_ROW
from tests.conftest import ROOT

TEXT = ROOT / "fixtures" / "intake" / "nam-thanh-mien-2025-q3.txt"


@pytest.fixture(scope="module")
def reading() -> tuple[dict, list]:
    return load_document(TEXT)


@pytest.fixture(scope="module")
def form(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("review") / "nam.xlsx"
    result = CliRunner().invoke(extract_command, [str(TEXT), "--form", str(path)])
    assert result.exit_code == 0, result.output
    assert "Số chưa đặt".casefold() in result.output.casefold() or "chưa đặt" in result.output
    return path


def number_rows(ws) -> dict[tuple[int, float], int]:
    """(line, number) → row of each unplaced number."""
    return {(ws[f"B{row}"].value, float(ws[f"C{row}"].value)): row
            for row in range(1, ws.max_row + 1) if ws[f"A{row}"].value == NUMBER_ROW}


def copy_with(form: Path, tmp_path: Path, assignments: dict[tuple[int, float], tuple]) -> Path:
    """A copy of the form with (code-or-name, field, goal) chosen for some unplaced numbers."""
    book = load_workbook(form)
    ws = book[UNPLACED_SHEET]
    rows = number_rows(ws)
    for key, (pick, field, goal) in assignments.items():
        row = rows[key]
        ws[f"G{row}"], ws[f"H{row}"], ws[f"I{row}"] = pick, field, goal
    path = tmp_path / "reviewed.xlsx"
    book.save(path)
    return path


def test_the_form_is_the_reading_with_its_sources(form, reading):
    draft, _ = reading
    read = read_input(form)
    expected = read_input(TEXT).report
    assert read.report.model_dump() == expected.model_dump()
    ws = load_workbook(form)[SHEET_TITLE]
    commented = [cell for row in ws.iter_rows() for cell in row if cell.comment is not None]
    assert commented
    staff = next(cell for cell in commented if ws[f"A{cell.row}"].value == "staff.officials")
    statement = draft["indicators"]["staff.officials"]
    assert f"dòng {statement['line']}" in staff.comment.text and statement["quote"] in staff.comment.text


def test_unplaced_numbers_are_listed_with_sentence_and_reason(form, reading):
    _, candidates = reading
    numbers = [c for c in candidates if c.value is not None and c.code != "period"]
    frame = pd.read_excel(form, sheet_name=UNPLACED_SHEET, header=2)
    assert list(frame.columns[1:6]) == ["Dòng", "Số", "Câu trong văn bản", "Lý do chưa đặt", "Gợi ý của máy"]
    assert len(frame) == len(numbers) > 10
    assert [(row["Dòng"], float(row["Số"])) for _, row in frame.iterrows()] == [(c.line, c.value) for c in numbers]
    assert frame["Câu trong văn bản"].tolist() == [c.quote for c in numbers]
    ws = load_workbook(form)[UNPLACED_SHEET]
    lists = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert {str(v.sqref).split(":")[0] for v in lists} == {"G4", "H4", "I4"}
    assert all(v.showInputMessage and v.prompt for v in lists)
    assert ws.column_dimensions["A"].hidden and ws.protection.sheet
    assert not ws["G4"].protection.locked and ws["D4"].protection.locked
    # nothing is dropped: an unreviewed form still lists every number as unplaced
    assert [(c.line, c.value) for c in read_input(form).candidates] == [(c.line, c.value) for c in numbers]


def test_assigned_numbers_are_checked_as_statements(form, tmp_path):
    computers = indicator_catalogue()["infra.computers"].vi
    unplaced_before = len(read_input(form).candidates)
    reviewed = copy_with(form, tmp_path, {(31, 74.0): (computers, None, None)})
    read = read_input(reviewed)
    (statement,) = read.report.indicators["infra.computers"]
    assert statement.value == 74 and statement.line == 31 and "74 máy" in statement.quote
    assert statement.note == ASSIGNED_NOTE
    assert len(read.candidates) == unplaced_before - 1
    assert (31, 74.0) not in {(c.line, c.value) for c in read.candidates}
    result = CliRunner().invoke(check_command, [str(reviewed), "--format", "json", "-o", "-"])
    assert result.exit_code in (0, 1), result.output
    out = json.loads(result.stdout)
    (report,) = out["reports"]
    assert report["report"]["reading"]["unplaced_count"] == unplaced_before - 1


def test_a_number_assigned_as_a_goal(form, tmp_path):
    reviewed = copy_with(form, tmp_path, {(79, 80.0): ("dossiers.full_online_share", None, "Có")})
    goals = read_input(reviewed).report.goals
    assert goals is not None and 80 in [m.percent for m in goals.indicators["dossiers.full_online_share"]]


@pytest.mark.parametrize(("assignment", "cell", "expected"), [
    (("Số máy tính của người ngoài hành tinh", None, None), "G", "không có chỉ tiêu"),
    (("infra.computers", "Tỷ lệ (%)", None), "H", "trường không dùng được"),
    ((None, "Giá trị", None), "G", "chưa chọn chỉ tiêu"),
    (("infra.lan", None, None), "G", "Có/Không"),
])
def test_a_wrong_assignment_names_the_cell(form, tmp_path, assignment, cell, expected):
    reviewed = copy_with(form, tmp_path, {(31, 74.0): assignment})
    row = number_rows(load_workbook(reviewed)[UNPLACED_SHEET])[(31, 74.0)]
    with pytest.raises(InputError) as exc:
        read_input(reviewed)
    (problem,) = exc.value.problems
    assert problem.pointer == f"{UNPLACED_SHEET}!{cell}{row}" and expected in problem.message
    result = CliRunner().invoke(check_command, [str(reviewed)])
    assert result.exit_code == 2 and f"{UNPLACED_SHEET}!{cell}{row}" in result.output


def test_an_altered_number_is_an_error(form, tmp_path):
    book = load_workbook(form)
    ws = book[UNPLACED_SHEET]
    ws["C4"] = "bảy mươi tư"
    path = tmp_path / "altered.xlsx"
    book.save(path)
    with pytest.raises(InputError) as exc:
        read_input(path)
    assert exc.value.problems[0].pointer == f"{UNPLACED_SHEET}!B4"


def test_form_needs_an_xlsx_name(tmp_path):
    result = CliRunner().invoke(extract_command, [str(TEXT), "--form", str(tmp_path / "x.ods")])
    assert result.exit_code == 2 and ".xlsx" in result.output


def test_a_reviewed_form_rewritten_keeps_its_unassigned_numbers(form, tmp_path):
    from checker.cli.template import template_command

    reviewed = copy_with(form, tmp_path, {(31, 74.0): ("infra.computers", None, None)})
    again = tmp_path / "again.xlsx"
    result = CliRunner().invoke(template_command, ["--from", str(reviewed), "-o", str(again)])
    assert result.exit_code == 0, result.output
    first, second = read_input(reviewed), read_input(again)
    assert second.report.model_dump() == first.report.model_dump()
    assert [(c.line, c.value) for c in second.candidates] == [(c.line, c.value) for c in first.candidates]
