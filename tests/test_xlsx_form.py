"""The Excel fill-in form: blank template, reading filled forms, and lossless JSON → xlsx → JSON."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from checker.catalogue.store import indicators as indicator_catalogue
from checker.cli.template import template_command
from checker.core.errors import InputError
from checker.core.numbers import format_number, format_percent
from checker.model.report import Report
from checker.read.xlsx import load_xlsx, write_form
from checker.read.xlsx.choices import LISTS_SHEET
from checker.read.xlsx.layout import FORM_MARKER, SHEET_TITLE
from tests.conftest import FIXTURES, ROOT, report_dict
from tests.strategies import consistent_reports

SEEDS = sorted(FIXTURES.glob("*.json"))


# --- helpers ---------------------------------------------------------------------------------
def sheet(path: Path):
    return load_workbook(path)[SHEET_TITLE]


def section_rows(ws, section: str) -> list[int]:
    """Rows of a section (after its heading, up to the next heading)."""
    rows: list[int] = []
    inside = False
    for row in range(1, ws.max_row + 1):
        key = ws[f"A{row}"].value
        if isinstance(key, str) and key.startswith("#"):
            inside = key == section
            continue
        if inside:
            rows.append(row)
    return rows


def code_row(ws, code: str, section: str = "#indicators") -> int:
    return next(row for row in section_rows(ws, section) if ws[f"A{row}"].value == code)


def column_of(ws, section: str, key: str) -> str:
    """The letter of a column key, read from the section's hidden @cols row."""
    cols = next(row for row in section_rows(ws, section) if ws[f"A{row}"].value == "@cols")
    return next(cell.column_letter for cell in ws[cols] if cell.value == key)


def field_cell(ws, key: str) -> str:
    row = next(row for row in range(1, ws.max_row + 1) if ws[f"A{row}"].value == key)
    return f"E{row}"


def problems(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [f"{p.pointer}: {p.message}" for p in exc.value.problems]


def minimal_form(tmp_path: Path, **extra: Any) -> tuple[Path, Any, Any]:
    """A form filled from a small report; returns the path, the workbook and its sheet."""
    path = tmp_path / "form.xlsx"
    write_form(path, Report.model_validate(report_dict(**extra)))
    book = load_workbook(path)
    return path, book, book[SHEET_TITLE]


def round_trip(report: Report, tmp_path: Path, name: str = "trip.xlsx") -> Report:
    path = tmp_path / name
    write_form(path, report)
    return load_xlsx(path)


# --- the blank template ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "form.xlsx"
    result = CliRunner().invoke(template_command, ["--format", "xlsx", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_blank_template_has_one_row_per_catalogue_code(blank):
    book = load_workbook(blank)
    assert book.sheetnames == [SHEET_TITLE, LISTS_SHEET]
    assert book[LISTS_SHEET].sheet_state == "veryHidden"
    ws = book[SHEET_TITLE]
    assert ws["A1"].value == FORM_MARKER
    assert "Hướng dẫn" in ws["B2"].value
    codes = [ws[f"A{row}"].value for row in section_rows(ws, "#indicators")
             if ws[f"A{row}"].value and not ws[f"A{row}"].value.startswith("@")]
    assert sorted(codes) == sorted(indicator_catalogue()) and len(codes) == len(set(codes))
    row = code_row(ws, "staff.officials")
    assert ws[f"B{row}"].value == indicator_catalogue()["staff.officials"].vi
    assert ws[f"C{row}"].value == "số lượng"
    assert all(ws[f"{letter}{row}"].value is None for letter in "DEFGHIJKLMNOPQR")
    for heading in ("THÔNG TIN CHUNG", "CHỈ TIÊU", "MỤC TIÊU NĂM SAU", "VĂN BẢN ĐƯỢC DẪN",
                    "KỲ ĐƯỢC NÊU TRONG VĂN BẢN", "BIỂU MẪU KÈM THEO"):
        assert any(heading in str(ws[f"B{r}"].value) for r in range(1, ws.max_row + 1))


def test_blank_template_codes_are_grouped_by_family_in_catalogue_order(blank):
    ws = sheet(blank)
    order = list(indicator_catalogue())
    families: list[list[str]] = []
    for row in section_rows(ws, "#indicators"):
        key = ws[f"A{row}"].value
        if key == "@group":
            families.append([])
        elif key and not key.startswith("@"):
            families[-1].append(key)
    for codes in families:
        assert len({code.split(".")[0] for code in codes}) == 1
        assert codes == sorted(codes, key=order.index)


def test_blank_template_validations_frozen_header_widths(blank):
    ws = sheet(blank)
    assert ws.freeze_panes == "C4"
    assert ws.column_dimensions["B"].width >= 40 and ws.column_dimensions["A"].width >= 20
    validations = ws.data_validations.dataValidation
    by_kind: dict[str, list[Any]] = {}
    for validation in validations:
        by_kind.setdefault(validation.type, []).append(validation)
    assert {"decimal", "whole", "list", "date"} <= set(by_kind)
    officials = code_row(ws, "staff.officials")
    share = code_row(ws, "docs.electronic_share")
    percent_col, flag_col, value_col = (column_of(ws, "#indicators", key) for key in ("percent", "flag", "value"))

    def covering(cell: str) -> list[Any]:
        return [v for v in validations if cell in v.sqref]

    percent = covering(f"{percent_col}{share}")
    assert any(v.type == "decimal" and (v.formula1, v.formula2) == ("0", "100") for v in percent)
    assert any(v.type == "whole" and v.operator == "greaterThanOrEqual" and v.formula1 == "0"
               for v in covering(f"{value_col}{officials}"))
    lan = code_row(ws, "infra.lan")
    assert any(v.type == "list" and v.formula1 == '"Có,Không"' for v in covering(f"{flag_col}{lan}"))
    assert not covering(f"{flag_col}{officials}")  # a count offers no Có/Không cell
    kind = field_cell(ws, "period.kind")
    assert any(v.type == "list" and "6 tháng" in v.formula1 for v in covering(kind))
    qualifier_col = column_of(ws, "#indicators", "qualifier")
    assert any(v.type == "list" and "khoảng" in v.formula1 for v in covering(f"{qualifier_col}{officials}"))
    assert ws["A5"].value == "@cols" and ws.row_dimensions[5].hidden


def test_blank_template_reads_back_naming_the_required_cells(blank):
    with pytest.raises(InputError) as exc:
        load_xlsx(blank)
    ws = sheet(blank)
    text = "\n".join(problems(exc))
    assert f"{SHEET_TITLE}!{field_cell(ws, 'identity.commune')} (/identity/commune)" in text
    assert f"{SHEET_TITLE}!{field_cell(ws, 'period.year')} (/period/year)" in text


def test_template_needs_an_output_file():
    result = CliRunner().invoke(template_command, ["--format", "xlsx"])
    assert result.exit_code == 2
    assert "--output" in result.output


def test_template_from_a_bad_report_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = CliRunner().invoke(template_command, ["--from", str(bad), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert "JSON" in result.output


def test_modules_do_not_import_openpyxl_at_start_up():
    code = "import sys, checker.cli.template, checker.read.xlsx.layout; print('openpyxl' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"


# --- round trips -----------------------------------------------------------------------------
@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_fixture_round_trip_is_lossless(path, tmp_path):
    original = Report.model_validate(json.loads(path.read_text(encoding="utf-8")))
    filled = tmp_path / "filled.xlsx"
    result = CliRunner().invoke(template_command, ["--format", "xlsx", "--from", str(path), "-o", str(filled)])
    assert result.exit_code == 0, result.output
    assert load_xlsx(filled).model_dump() == original.model_dump()
    again = tmp_path / "again.xlsx"
    result = CliRunner().invoke(template_command, ["--from", str(filled), "-o", str(again)])
    assert result.exit_code == 0, result.output
    assert load_xlsx(again).model_dump() == original.model_dump()


TEXT = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyĐỨẢ0123456789 ;=,.%/-[\n", max_size=24)
DATES = st.dates(min_value=dt.date(1850, 1, 1), max_value=dt.date(2100, 12, 31))
QUALIFIERS = st.sampled_from(["exact", "more_than", "at_least", "less_than", "at_most", "about"])
PERCENTS = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)


@st.composite
def rich_reports(draw) -> dict[str, Any]:
    """A consistent report plus what the form must also carry: Vietnamese number strings,
    restatements, goals, meta, an annex, awkward texts, floats and dates."""
    data = draw(consistent_reports())
    ind = data["indicators"]
    year = data["period"]["year"]
    code = draw(st.sampled_from(sorted(ind)))
    measure = ind[code]
    if "value" in measure and draw(st.booleans()):
        measure["value"] = format_number(measure["value"])
    if "percent" in measure and draw(st.booleans()):
        measure["percent"] = format_percent(measure["percent"])
    for key in ("quote", "note"):
        if draw(st.booleans()):
            measure[key] = draw(TEXT)
    if draw(st.booleans()):
        ind["workfiles.online_share"] = [
            {"percent": draw(PERCENTS)},
            {"percent": draw(PERCENTS), "qualifier": draw(QUALIFIERS), "as_of": draw(DATES).isoformat(),
             "period_start": draw(DATES).isoformat(), "line": draw(st.integers(1, 10**18)),
             "numerator": draw(st.floats(0, 1e9)), "level": draw(st.integers(0, 2))},
        ]
    if draw(st.booleans()):
        ind["dossiers.received"]["parts"] = {"Tư pháp/hộ tịch": "1.234", "Khác": draw(st.floats(0, 1e6))}
        ind["dossiers.received"]["parsed_from"] = {"value": "nguyên văn"}
    if draw(st.booleans()):
        data["goals"] = {"year": year + 1, "indicators": {
            "docs.electronic_share": [{"percent": draw(PERCENTS)}, {"percent": 100, "note": draw(TEXT)}],
            "infra.lan": {"flag": draw(st.booleans())}}}
    data["meta"] = {"title": draw(TEXT), "number": draw(st.none() | TEXT), "date": draw(st.none() | DATES),
                    "signer": draw(st.none() | st.fixed_dictionaries({"name": TEXT, "title": st.none() | TEXT})),
                    "recipients": draw(st.lists(TEXT, max_size=3))}
    if draw(st.booleans()):
        data["annex"] = {"form": "Biểu mẫu 7", "title": draw(st.none() | TEXT), "items": draw(st.lists(
            st.fixed_dictionaries({"code": TEXT, "label": TEXT, "unit": st.none() | TEXT,
                                   "value": st.none() | TEXT | st.floats(-1e6, 1e6)}), max_size=3))}
    data["period_mentions"].append({"label": draw(TEXT), "line": draw(st.none() | st.integers(1, 500))})
    return data


@settings(max_examples=min(settings().max_examples, 10))
@given(consistent_reports())
def test_generated_reports_round_trip(tmp_path_factory, data):
    original = Report.model_validate(data)
    back = round_trip(original, tmp_path_factory.mktemp("gen"))
    assert back.model_dump() == original.model_dump()


@settings(max_examples=min(settings().max_examples, 10))
@given(rich_reports())
def test_rich_generated_reports_round_trip(tmp_path_factory, data):
    original = Report.model_validate(data)
    back = round_trip(original, tmp_path_factory.mktemp("rich"))
    assert back.model_dump() == original.model_dump()


def test_awkward_values_round_trip(tmp_path):
    original = Report.model_validate(report_dict(
        meta={"title": "=SUM(A1)", "number": "", "recipients": ["UBND huyện; Phòng VH", "Lưu VT"],
              "signer": {"name": "Nguyễn Văn A"}},
        documents=[{"kind": "other", "number": "12", "date": "1899-12-31", "status": "missing"}],
        indicators={"staff.officials": {"value": "2.777"},
                    "docs.electronic_share": {"percent": "98,34 %", "note": "0.1"},
                    "workfiles.online_share": {"percent": 0.1 + 0.2, "line": 10**17 + 1},
                    "dossiers.received": {"value": 7, "parts": {"a/b": "1.000", "c": 2.5},
                                          "parsed_from": {"numerator": "khoảng 3"}}},
        annex={"form": "Biểu mẫu 7", "items": [{"code": "1", "label": "x", "value": "12"},
                                               {"code": "2", "label": "y", "value": 12.5}]},
    ))
    back = round_trip(original, tmp_path)
    assert back.model_dump() == original.model_dump()
    assert back.indicators["staff.officials"][0].parsed_from == {"value": "2.777"}
    assert back.annex.items[0].value == "12"


# --- reading filled forms --------------------------------------------------------------------
def test_vietnamese_numbers_and_excel_percent_cells_are_read(tmp_path):
    path, book, ws = minimal_form(tmp_path)
    value, percent = column_of(ws, "#indicators", "value"), column_of(ws, "#indicators", "percent")
    ws[f"{value}{code_row(ws, 'staff.officials')}"] = "2.777"
    ws[f"{percent}{code_row(ws, 'docs.electronic_share')}"] = "98,34 %"
    cell = ws[f"{percent}{code_row(ws, 'workfiles.online_share')}"]
    cell.value, cell.number_format = 0.9834, "0.00%"
    ws[f"{value}{code_row(ws, 'web.articles')}"] = 0
    book.save(path)
    report = load_xlsx(path)
    assert report.measure("staff.officials").value == 2777
    assert report.measure("staff.officials").parsed_from == {"value": "2.777"}
    assert report.measure("docs.electronic_share").percent == 98.34
    assert report.measure("workfiles.online_share").percent == pytest.approx(98.34)
    assert report.measure("web.articles").value == 0
    assert "infra.computers" not in report.indicators  # a blank row is "not reported", not 0


def test_garbage_in_a_number_cell_names_the_cell(tmp_path):
    path, book, ws = minimal_form(tmp_path)
    row = code_row(ws, "staff.officials")
    letter = column_of(ws, "#indicators", "value")
    ws[f"{letter}{row}"] = "khoảng hai chục"
    book.save(path)
    with pytest.raises(InputError) as exc:
        load_xlsx(path)
    assert exc.value.problems[0].pointer == f"{SHEET_TITLE}!{letter}{row} (/indicators/staff.officials/0/value)"
    assert "số" in exc.value.problems[0].message
    assert exc.value.problems[0].got == repr("khoảng hai chục")


@pytest.mark.parametrize(("key", "text", "expected"), [
    ("flag", "có lẽ", "Có hoặc Không"),
    ("as_of", "mùng 5", "dd/mm/yyyy"),
    ("qualifier", "chừng", "khoảng"),
    ("line", "dòng 7", "số nguyên"),
    ("parts", "{Tư pháp: 3}", "JSON"),
    ("parts", "[1, 2]", "JSON"),
])
def test_unreadable_cells_name_cell_and_expectation(tmp_path, key, text, expected):
    path, book, ws = minimal_form(tmp_path)
    row = code_row(ws, "infra.lan")
    letter = column_of(ws, "#indicators", key)
    ws[f"{letter}{row}"] = text
    book.save(path)
    with pytest.raises(InputError) as exc:
        load_xlsx(path)
    (problem,) = exc.value.problems
    assert problem.pointer.startswith(f"{SHEET_TITLE}!{letter}{row} (/indicators/infra.lan/0")
    assert expected in problem.message


def test_an_unknown_code_row_is_an_error(tmp_path):
    path, book, ws = minimal_form(tmp_path)
    row = code_row(ws, "staff.officials")
    ws.insert_rows(row + 1)
    ws[f"A{row + 1}"] = "staff.aliens"
    book.save(path)
    with pytest.raises(InputError) as exc:
        load_xlsx(path)
    (problem,) = exc.value.problems
    assert problem.pointer == f"{SHEET_TITLE}!A{row + 1} (/indicators/staff.aliens)"
    assert "danh mục" in problem.message


def test_inserted_rows_are_found_by_key_and_restatements_kept(tmp_path):
    path, book, ws = minimal_form(tmp_path)
    value = column_of(ws, "#indicators", "value")
    ws.insert_rows(4, amount=3)  # above every section: nothing is found by row number
    row = code_row(ws, "web.articles")
    ws[f"{value}{row}"] = 10
    ws.insert_rows(row + 1)
    ws[f"A{row + 1}"], ws[f"D{row + 1}"], ws[f"{value}{row + 1}"] = "web.articles", 2, 12
    book.save(path)
    report = load_xlsx(path)
    assert [m.value for m in report.indicators["web.articles"]] == [10, 12]
    assert report.identity.commune == "Thử"


@pytest.mark.parametrize("where", ["unknown column", "row without code", "unknown field"])
def test_filled_cells_are_never_dropped(tmp_path, where):
    path, book, ws = minimal_form(tmp_path)
    row = code_row(ws, "staff.officials")
    if where == "unknown column":
        cell = f"T{row}"
        ws[cell] = 5
    elif where == "row without code":
        ws.insert_rows(row + 1)
        cell = f"{column_of(ws, '#indicators', 'value')}{row + 1}"
        ws[cell] = 5
    else:
        commune = int(field_cell(ws, "identity.commune")[1:])
        ws.insert_rows(commune + 1)
        cell = f"A{commune + 1}"
        ws[cell], ws[f"E{commune + 1}"] = "identity.village", "Thôn Một"
    book.save(path)
    with pytest.raises(InputError) as exc:
        load_xlsx(path)
    assert [p.pointer.partition(" (")[0] for p in exc.value.problems] == [f"{SHEET_TITLE}!{cell}"]


def test_model_errors_are_located_at_the_cell(tmp_path):
    path, book, ws = minimal_form(tmp_path)
    row = code_row(ws, "web.articles")
    line, note = column_of(ws, "#indicators", "line"), column_of(ws, "#indicators", "note")
    ws[f"{line}{row}"] = 0
    other = code_row(ws, "web.visits")
    ws[f"{note}{other}"] = "chỉ có ghi chú"
    book.save(path)
    with pytest.raises(InputError) as exc:
        load_xlsx(path)
    pointers = [p.pointer for p in exc.value.problems]
    assert f"{SHEET_TITLE}!{line}{row} (/indicators/web.articles/0/line)" in pointers
    assert f"{SHEET_TITLE}!A{other} (/indicators/web.visits/0)" in pointers


def test_dates_as_excel_dates_or_text(tmp_path):
    path, book, ws = minimal_form(tmp_path)
    value, as_of = column_of(ws, "#indicators", "value"), column_of(ws, "#indicators", "as_of")
    for code, date in (("web.articles", dt.datetime(2023, 5, 31)), ("web.visits", "2023-06-05"),
                       ("web.radio_articles", "31/5/2023")):
        row = code_row(ws, code)
        ws[f"{value}{row}"], ws[f"{as_of}{row}"] = 1, date
    ws[field_cell(ws, "meta.date")] = "ngày 08 tháng 3 năm 2023"
    book.save(path)
    report = load_xlsx(path)
    assert report.measure("web.articles").as_of == dt.date(2023, 5, 31)
    assert report.measure("web.visits").as_of == dt.date(2023, 6, 5)
    assert report.measure("web.radio_articles").as_of == dt.date(2023, 5, 31)
    assert report.meta.date == dt.date(2023, 3, 8)


def test_vietnamese_choices_and_recipients(tmp_path):
    path, book, ws = minimal_form(tmp_path)
    flag, qualifier, value = (column_of(ws, "#indicators", k) for k in ("flag", "qualifier", "value"))
    ws[f"{flag}{code_row(ws, 'infra.lan')}"] = "không"
    row = code_row(ws, "hr.trained")
    ws[f"{value}{row}"], ws[f"{qualifier}{row}"] = 200, "hơn"
    ws[field_cell(ws, "period.kind")] = "9 tháng"
    ws[field_cell(ws, "meta.recipients")] = "UBND huyện; Lưu VT;"
    book.save(path)
    report = load_xlsx(path)
    assert report.measure("infra.lan").flag is False
    assert report.measure("hr.trained").qualifier == "more_than"
    assert report.period.kind == "nine_months"
    assert report.meta.recipients == ["UBND huyện", "Lưu VT"]


def test_formula_cells_need_a_cached_result(tmp_path):
    path, book, ws = minimal_form(tmp_path)
    ws[f"{column_of(ws, '#indicators', 'value')}{code_row(ws, 'web.articles')}"] = "=1+1"
    book.save(path)
    with pytest.raises(InputError) as exc:
        load_xlsx(path)
    assert "công thức" in exc.value.problems[0].message


def test_not_a_form(tmp_path):
    other = tmp_path / "other.xlsx"
    book = Workbook()
    book.active["A1"] = "Tên xã"
    book.save(other)
    with pytest.raises(InputError, match="không phải biểu mẫu"):
        load_xlsx(other)
    text = tmp_path / "report.xlsx"
    text.write_text("không phải Excel", encoding="utf-8")
    with pytest.raises(InputError, match="xlsx"):
        load_xlsx(text)
    with pytest.raises(InputError, match="không tìm thấy"):
        load_xlsx(tmp_path / "missing.xlsx")


def test_data_on_another_sheet_is_an_error(tmp_path):
    path, book, _ = minimal_form(tmp_path)
    book.create_sheet("Ghi chú")["A1"] = "số liệu"
    book.save(path)
    with pytest.raises(InputError, match="Ghi chú"):
        load_xlsx(path)


# --- what the clerk sees: protection, hidden markers, applicable columns, prompts ----------------
def test_form_is_protected_and_machine_markers_are_hidden(blank):
    book = load_workbook(blank)
    ws = book[SHEET_TITLE]
    assert ws.protection.sheet and book.security.lockStructure
    assert book[LISTS_SHEET].sheet_state == "veryHidden"
    hidden_columns = {letter for letter, dim in ws.column_dimensions.items() if dim.hidden}
    assert {"A", column_of(ws, "#indicators", "parts"), column_of(ws, "#indicators", "parsed_from")} <= hidden_columns
    for row in ws.iter_rows():
        if ws.row_dimensions[row[0].row].hidden:
            continue
        for cell in row:
            if not isinstance(cell.value, str) or cell.column_letter in hidden_columns:
                continue
            assert not cell.value.startswith(("@", "#", "checker-form")), cell.coordinate
            assert "JSON" not in cell.value, cell.coordinate


@pytest.mark.parametrize(("code", "open_keys"), [
    ("docs.electronic_share", {"numerator", "denominator", "percent"}),
    ("staff.officials", {"value"}),
    ("infra.lan", {"flag"}),
])
def test_only_the_columns_that_apply_are_unlocked(blank, code, open_keys):
    ws = sheet(blank)
    row = code_row(ws, code)
    measures = {"value", "numerator", "denominator", "percent", "flag", "level"}
    for key in measures | {"qualifier", "as_of", "quote", "note", "line"}:
        cell = ws[f"{column_of(ws, '#indicators', key)}{row}"]
        expected_open = key in open_keys or key not in measures
        assert cell.protection.locked is not expected_open, (code, key)
    assert ws[f"A{row}"].protection.locked and ws[f"B{row}"].protection.locked


def test_a_value_the_report_gave_is_never_locked_away(tmp_path):
    report = Report.model_validate(report_dict(indicators={"staff.officials": {"value": 5, "percent": 50}}))
    path = tmp_path / "odd.xlsx"
    write_form(path, report)
    ws = sheet(path)
    cell = ws[f"{column_of(ws, '#indicators', 'percent')}{code_row(ws, 'staff.officials')}"]
    assert cell.value == 50 and not cell.protection.locked
    assert load_xlsx(path).model_dump() == report.model_dump()


def test_every_validation_has_an_input_prompt(blank):
    ws = sheet(blank)
    validations = ws.data_validations.dataValidation
    assert validations
    for validation in validations:
        assert validation.showInputMessage and validation.prompt, validation.sqref
    row = code_row(ws, "staff.officials")
    for cell, words in ((field_cell(ws, "identity.commune"), "Tên xã"),
                        (f"{column_of(ws, '#indicators', 'quote')}{row}", "Câu trong văn bản"),
                        (f"{column_of(ws, '#indicators', 'value')}{row}", "số nguyên")):
        assert any(cell in v.sqref and words in v.prompt for v in validations), cell


def spare_rows(ws, section: str = "#indicators") -> list[int]:
    return [row for row in section_rows(ws, section) if ws[f"A{row}"].value == "@spare"]


def test_each_family_has_unlocked_spare_rows_with_a_name_list(blank):
    ws = sheet(blank)
    rows = spare_rows(ws)
    families = sum(1 for row in section_rows(ws, "#indicators") if ws[f"A{row}"].value == "@group")
    assert len(rows) == 2 * families
    validations = ws.data_validations.dataValidation
    row = rows[0]
    assert not ws[f"B{row}"].protection.locked
    (pick,) = [v for v in validations if f"B{row}" in v.sqref]
    assert pick.type == "list" and LISTS_SHEET in pick.formula1
    names = [cell.value for cell in load_workbook(blank)[LISTS_SHEET]["B"] if cell.value]
    assert indicator_catalogue()["directives.steering_committee"].vi in names


def test_a_second_statement_goes_in_a_spare_row(tmp_path):
    path, book, ws = minimal_form(tmp_path)
    value = column_of(ws, "#indicators", "value")
    ws[f"{value}{code_row(ws, 'web.articles')}"] = 10
    row = next(r for r in spare_rows(ws) if r > code_row(ws, "web.articles"))
    ws[f"B{row}"], ws[f"{value}{row}"] = indicator_catalogue()["web.articles"].vi, 12
    goal_row = spare_rows(ws, "#goals")[0]
    ws[f"B{goal_row}"] = "docs.electronic_share"  # a bare code is accepted too
    ws[f"{column_of(ws, '#goals', 'percent')}{goal_row}"] = 100
    ws[field_cell(ws, "goals.year")] = 2024
    book.save(path)
    report = load_xlsx(path)
    assert [m.value for m in report.indicators["web.articles"]] == [10, 12]
    assert report.goals.indicators["docs.electronic_share"][0].percent == 100


@pytest.mark.parametrize(("pick", "expected"), [("Số bài viết của người ngoài hành tinh", "không có chỉ tiêu"),
                                                (None, "chưa chọn chỉ tiêu")])
def test_a_spare_row_without_a_known_indicator_names_the_cell(tmp_path, pick, expected):
    path, book, ws = minimal_form(tmp_path)
    row = spare_rows(ws)[0]
    value = column_of(ws, "#indicators", "value")
    ws[f"B{row}"], ws[f"{value}{row}"] = pick, 3
    book.save(path)
    with pytest.raises(InputError) as exc:
        load_xlsx(path)
    (problem,) = exc.value.problems
    assert problem.pointer == f"{SHEET_TITLE}!{'B' if pick else value}{row}" and expected in problem.message


def test_a_tampered_form_is_reported_by_cell(tmp_path):
    path, book, ws = minimal_form(tmp_path)
    ws.protection.sheet = False
    cols = next(row for row in section_rows(ws, "#indicators") if ws[f"A{row}"].value == "@cols")
    ws[f"{column_of(ws, '#indicators', 'value')}{cols}"] = "gia_tri"
    ws[f"A{code_row(ws, 'staff.officials')}"] = "Tổng số cán bộ"
    book.save(path)
    with pytest.raises(InputError) as exc:
        load_xlsx(path)
    text = "\n".join(problems(exc))
    assert f"{SHEET_TITLE}!E{cols}" in text and "gia_tri" in text
    assert f"{SHEET_TITLE}!A{code_row(ws, 'Tổng số cán bộ')}" in text and "danh mục" in text


def test_a_form_without_the_lists_sheet_still_reads(tmp_path):
    path, book, ws = minimal_form(tmp_path)
    ws[f"{column_of(ws, '#indicators', 'value')}{code_row(ws, 'web.articles')}"] = 7
    del book[LISTS_SHEET]
    book.save(path)
    assert load_xlsx(path).measure("web.articles").value == 7


def test_pandas_reads_the_form(blank):
    import pandas as pd

    frame = pd.read_excel(blank, sheet_name=SHEET_TITLE, header=None, dtype=object)
    assert frame.iloc[0, 0] == FORM_MARKER
    assert indicator_catalogue()["staff.officials"].vi in set(frame.iloc[:, 1].dropna())
    assert set(pd.read_excel(blank, sheet_name=None)) == {SHEET_TITLE, LISTS_SHEET}


def test_libreoffice_renders_the_form_without_markers(blank, tmp_path):
    import shutil

    office = shutil.which("libreoffice") or shutil.which("soffice")
    calc = Path("/usr/lib/libreoffice/program/libsclo.so")
    if office is None or not calc.exists() or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice Calc or pdftotext not installed")
    profile = tmp_path / "profile"
    result = subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(blank)], capture_output=True, text=True, timeout=60)
    pdf = tmp_path / "form.pdf"
    assert pdf.exists(), result.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squeezed = "".join(text.split())  # pdftotext splits some stacked diacritics from their letter
    assert "BIỂUMẪUBÁOCÁO" in squeezed and "Tổngsốcánbộ" in squeezed
    assert "checker-form" not in text and "@cols" not in text and "#indicators" not in text
