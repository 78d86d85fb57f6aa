"""District summary: one ranked row per commune report, as a pandas DataFrame.

The table holds, for every report: commune, district, province, period, grade, the counts
of findings by severity, the targets met / not met / without data and the share met, then
one column per key indicator (the headline number the report states; an indicator the
report does not state is empty — NaN in the frame, an empty cell in CSV and XLSX — never 0).

Rows are ranked by grade (Xuất sắc best … Yếu worst, ``checker.decide.grading.GRADES``), then by
errors ascending, then by the share of targets met descending; remaining ties go by
commune, district and period so the order is deterministic.  ``Hạng`` numbers the rows
1..n in that order.

Headers are Vietnamese (indicator columns use ``checker.catalogue.indicators.label``).  The stable
machine keys of every column (``COLUMN_CODES``: indicator codes for indicator columns) go
in the XLSX second header row.

This module imports pandas at import time: import it lazily from command code so that
``check`` stays fast.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from checker.catalogue.store import label
from checker.core.numbers import format_number
from checker.decide.evaluate import Evaluation
from checker.decide.grading import GRADES

KEY_INDICATORS: tuple[str, ...] = (
    "workfiles.online_share",
    "docs.electronic_share",
    "docs.outgoing_signed_share",
    "email.officials_with_account_share",
    "dossiers.online_share",
    "dossiers.remote_online_share",
    "dossiers.results_digitised_share",
    "payment.transactions_online_share",
    "satisfaction.services_share",
    "society.adults_smartphone_share",
    "society.households_fibre_share",
)

RANK = "Hạng"
COMMUNE = "Xã"
DISTRICT = "Huyện"
PROVINCE = "Tỉnh"
PERIOD = "Kỳ báo cáo"
KIND = "Loại kỳ"
YEAR = "Năm"
GRADE = "Xếp loại"
ERRORS = "Lỗi"
WARNINGS = "Cảnh báo"
INFOS = "Thông tin"
MET = "Chỉ tiêu đạt"
NOT_MET = "Chỉ tiêu chưa đạt"
NO_DATA = "Chỉ tiêu không có số liệu"
MET_SHARE = "Tỷ lệ chỉ tiêu đạt (%)"

FIXED_COLUMNS: dict[str, str] = {
    RANK: "rank",
    COMMUNE: "commune",
    DISTRICT: "district",
    PROVINCE: "province",
    PERIOD: "period",
    KIND: "period_kind",
    YEAR: "year",
    GRADE: "grade",
    ERRORS: "errors",
    WARNINGS: "warnings",
    INFOS: "infos",
    MET: "targets_met",
    NOT_MET: "targets_not_met",
    NO_DATA: "targets_no_data",
    MET_SHARE: "targets_met_share",
}

INDICATOR_COLUMNS: dict[str, str] = {label(code): code for code in KEY_INDICATORS}
"""Vietnamese header -> indicator code, for the key indicators."""

COLUMN_CODES: dict[str, str] = {**FIXED_COLUMNS, **INDICATOR_COLUMNS}
"""Every column's Vietnamese header -> its stable machine key, in column order."""

COUNT_COLUMNS = (YEAR, ERRORS, WARNINGS, INFOS, MET, NOT_MET, NO_DATA)
KIND_VI = {"quarter": "Quý", "half": "6 tháng", "nine_months": "9 tháng", "year": "Năm"}
KIND_ORDER = ("Năm", "9 tháng", "6 tháng", "Quý")
"""Period kinds, in the order their rankings are shown: reports of different kinds are ranked apart."""


def indicator_header(code: str) -> str:
    """The Vietnamese column header of a key indicator."""
    return label(code)


def period_text(evaluation: Evaluation) -> str:
    """The report's period label, or its kind and year when the report gives no label."""
    period = evaluation.report.period
    return period.label or f"{period.kind} {period.year}"


def summary_row(evaluation: Evaluation) -> dict[str, Any]:
    """One report's row, without its rank; absent indicators are ``None`` (never 0)."""
    report, g = evaluation.report, evaluation.grade
    row: dict[str, Any] = {
        COMMUNE: report.identity.commune,
        DISTRICT: report.identity.district,
        PROVINCE: report.identity.province,
        PERIOD: period_text(evaluation),
        KIND: KIND_VI[report.period.kind],
        YEAR: report.period.year,
        GRADE: g.level,
        ERRORS: g.errors,
        WARNINGS: g.warnings,
        INFOS: g.infos,
        MET: g.targets_met,
        NOT_MET: g.targets_not_met,
        NO_DATA: g.targets_no_data,
        MET_SHARE: g.targets_met_share,
    }
    for code in KEY_INDICATORS:
        measure = report.measure(code)
        row[indicator_header(code)] = measure.main_number() if measure is not None else None
    return row


def name_key(text: Any) -> str:
    """A sort key that puts Vietnamese names in dictionary order ("Đông" next to "Dân", not after "Z")."""
    if not isinstance(text, str):
        return ""
    bare = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in bare if not unicodedata.combining(ch)).casefold() + "\0" + text


def rank_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Sort rows best first within each period kind and number them in a leading ``Hạng`` column.

    Annual, nine-month, six-month and quarterly reports are not comparable, so each kind is
    ranked on its own (``Hạng`` restarts at 1), kinds in :data:`KIND_ORDER`.  ``frame.attrs["order"]``
    keeps, for each ranked row, its position in the frame given (the evaluation it came from).
    """
    order = {level: index for index, level in enumerate(GRADES)}
    kinds = {kind: index for index, kind in enumerate(KIND_ORDER)}
    keyed = frame.assign(
        _kind=frame[KIND].map(kinds) if KIND in frame else 0,
        _grade=frame[GRADE].map(order), _commune=frame[COMMUNE].map(name_key),
        _district=frame[DISTRICT].map(name_key), _period=frame[PERIOD].map(name_key),
    )
    helpers = ["_kind", "_grade", "_commune", "_district", "_period"]
    keyed = keyed.sort_values(
        by=["_kind", "_grade", ERRORS, MET_SHARE, "_commune", "_district", "_period"],
        ascending=[True, True, True, False, True, True, True],
        kind="mergesort", na_position="last",
    )
    positions = [int(i) for i in keyed.index]
    ranks = keyed.groupby("_kind", sort=False).cumcount() + 1
    keyed = keyed.drop(columns=helpers).reset_index(drop=True)
    keyed.insert(0, RANK, ranks.to_numpy())
    keyed.attrs["order"] = positions
    return keyed


def summary_frame(evaluations: Sequence[Evaluation]) -> pd.DataFrame:
    """The ranked summary table of ``evaluations``, one row per report."""
    columns = [column for column in COLUMN_CODES if column != RANK]
    frame = pd.DataFrame([summary_row(ev) for ev in evaluations], columns=columns)
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype("int64")
    for column in (MET_SHARE, *INDICATOR_COLUMNS):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return rank_frame(frame)


CSV_SEPARATOR = ";"
CSV_DECIMAL = ","


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as CSV bytes that Excel opens correctly in a Vietnamese locale.

    Vietnamese Windows uses "," as the decimal mark and ";" as the list separator, so fields
    are separated by ";" and decimals written "66,7" (Excel then reads them as numbers); one
    header row of Vietnamese labels; an empty field for an indicator the report does not state;
    UTF-8 *with a BOM* so that Excel reads the Vietnamese text.  Read it back with
    ``pandas.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")``.
    """
    text = frame.to_csv(index=False, na_rep="", lineterminator="\n", sep=CSV_SEPARATOR, decimal=CSV_DECIMAL)
    return text.encode("utf-8-sig")


def _cell(value: Any, column: str) -> str:
    """A value as the terminal shows it: Vietnamese number format, ``—`` when absent."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if column in COUNT_COLUMNS or column == RANK:
        return str(int(value))
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


TERMINAL_FIXED = (RANK, COMMUNE, KIND, GRADE, ERRORS, WARNINGS, MET, NOT_MET, MET_SHARE)
"""Columns the terminal always shows; key indicators follow while they fit."""


def terminal_table(frame: pd.DataFrame, width: int = 100, header_width: int = 8) -> str:
    """The table for a terminal no wider than ``width``: wrapped headers, numbers written "98,34".

    The fixed columns come first; key indicators are added while the table fits, and a last
    line names how many were left out (all are in the CSV, XLSX and HTML outputs).
    """
    from tabulate import tabulate

    def draw(columns: list[str]) -> str:
        headers = ["\n".join(textwrap.wrap(column, header_width)) for column in columns]
        rows = [[_cell(value, column) for column, value in zip(columns, record, strict=True)]
                for record in frame[columns].itertuples(index=False, name=None)]
        numeric = {column for column in columns
                   if column in COUNT_COLUMNS or column in (RANK, MET_SHARE, *INDICATOR_COLUMNS)}
        align = ["right" if column in numeric else "left" for column in columns]
        return tabulate(rows, headers=headers, tablefmt="simple", colalign=align, disable_numparse=True)

    columns = [column for column in TERMINAL_FIXED if column in frame.columns]
    text = draw(columns)
    for optional in (NOT_MET, MET, WARNINGS, KIND):  # a very narrow terminal: fewer fixed columns
        if max(map(len, text.splitlines())) <= width:
            break
        columns.remove(optional)
        text = draw(columns)
    left_out = 0
    for column in INDICATOR_COLUMNS:
        if column not in frame.columns:
            continue
        wider = draw([*columns, column])
        if max(map(len, wider.splitlines())) <= width:
            columns.append(column)
            text = wider
        else:
            left_out += 1
    if left_out:
        text += "\n\n" + "\n".join(textwrap.wrap(
            f"{left_out} chỉ tiêu chính không vừa bề rộng terminal; xem --format csv, xlsx hoặc html / "
            f"{left_out} key indicators did not fit.", width))
    return text


FINDING_HEADERS = ("Hạng", "Xã", "Kỳ báo cáo", "Mã luật", "Mức độ", "Nhóm", "Trạng thái", "Nội dung",
                   "Message", "Dòng", "Câu trích")
TARGET_HEADERS = ("Hạng", "Xã", "Kỳ báo cáo", "Mã luật", "Chỉ tiêu", "Trạng thái", "Kết quả", "So sánh",
                  "Mức", "Năm", "Văn bản", "Điều khoản", "Trích dẫn", "Độ tin cậy")
BELOW_FILL = "FDECEA"
CONFLICT_FILL = "FFF3CD"


def ranked_evaluations(frame: pd.DataFrame, evaluations: Sequence[Evaluation]) -> list[Evaluation]:
    """The evaluations in the frame's ranked order (``frame.attrs["order"]``, see :func:`rank_frame`)."""
    order = frame.attrs.get("order", list(range(len(evaluations))))
    return [evaluations[index] for index in order]


def statements_differ(evaluation: Evaluation, code: str) -> list[tuple[float, int | None]]:
    """The headline numbers of an indicator stated more than once with different values ([] when consistent)."""
    stated = [(m.main_number(), m.line) for m in evaluation.report.indicators.get(code, [])]
    numbers = [(float(v), line) for v, line in stated if v is not None]
    return numbers if len({v for v, _ in numbers}) > 1 else []


def below_target(evaluation: Evaluation, code: str) -> Any:
    """The report's own target finding on ``code`` when it is not met (its year and unit), else None."""
    for finding in evaluation.findings:
        if finding.category == "target" and finding.indicator == code and finding.target is not None:
            return finding if finding.status == "not_met" else None
    return None


def write_xlsx(frame: pd.DataFrame, path: Path, evaluations: Sequence[Evaluation] = ()) -> None:
    """Write the summary workbook (openpyxl): the ranked table, every finding and every target applied.

    Sheet "Tổng hợp": one header row (``pandas.read_excel`` reads it as is, numbers as numbers),
    typed numbers with formats (whole numbers "0", shares "0.0" — Excel shows them with the
    reader's decimal mark), header frozen, an autofilter; an indicator below the target the
    report itself was judged against (its year and unit) is shaded red with a comment naming
    the target; an indicator stated twice with different values is shaded yellow, the values
    and their lines in a comment.  Sheet "Phát hiện": one row per finding with its sentence.
    Sheet "Chỉ tiêu": one row per target applied, with document, article, quote, confidence.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    sheet = book.active
    if not isinstance(sheet, Worksheet):  # a new workbook's one sheet is a worksheet
        raise TypeError("openpyxl gave no worksheet")
    sheet.title = "Tổng hợp"
    sheet.append(list(frame.columns))
    ranked = ranked_evaluations(frame, evaluations) if evaluations else []
    codes = {column: COLUMN_CODES[column] for column in INDICATOR_COLUMNS if column in frame.columns}
    for row_index, record in enumerate(frame.itertuples(index=False, name=None), start=2):
        sheet.append([_xlsx_value(value) for value in record])
        for col_index, column in enumerate(frame.columns, start=1):
            cell = sheet.cell(row=row_index, column=col_index)
            if column in COUNT_COLUMNS or column == RANK:
                cell.number_format = "0"
            elif column == MET_SHARE or column in codes:
                cell.number_format = "0.0#"
            if not ranked or column not in codes:
                continue
            evaluation = ranked[row_index - 2]
            missed = below_target(evaluation, codes[column])
            differ = statements_differ(evaluation, codes[column])
            notes = []
            if missed is not None and missed.target is not None:
                ref = missed.target
                notes.append(f"Dưới mức chỉ tiêu {ref.comparator} {format_number(ref.threshold)} "
                             f"({ref.document}, {ref.year})")
                cell.fill = PatternFill("solid", fgColor=BELOW_FILL)
            if differ:
                notes.append("Nêu nhiều giá trị khác nhau: " + "; ".join(
                    f"{format_number(v)} (dòng {line})" if line else format_number(v) for v, line in differ))
                cell.fill = PatternFill("solid", fgColor=CONFLICT_FILL)
            if notes:
                cell.comment = Comment("\n".join(notes), "checker")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(frame.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 8 if column in COUNT_COLUMNS else 16
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    _findings_sheet(book.create_sheet("Phát hiện"), frame, ranked)
    _targets_sheet(book.create_sheet("Chỉ tiêu"), frame, ranked)
    book.save(path)


def _finish(sheet: Any, widths: Sequence[int]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _findings_sheet(sheet: Any, frame: pd.DataFrame, ranked: Sequence[Evaluation]) -> None:
    from checker.decide.findings import CATEGORY_VI, SEVERITY_VI, STATUS_VI

    sheet.append(list(FINDING_HEADERS))
    for rank, evaluation in zip(frame[RANK], ranked, strict=True):
        for f in evaluation.findings:
            if f.status in ("met", "no_data"):
                continue
            lines = sorted({item.line for item in f.evidence.items if item.line})
            quotes = " | ".join(dict.fromkeys(item.quote for item in f.evidence.items if item.quote))
            sheet.append([int(rank), evaluation.report.identity.commune, period_text(evaluation), f.rule_id,
                          SEVERITY_VI[f.severity], CATEGORY_VI[f.category],
                          "Đã miễn trừ" if f.waiver else STATUS_VI.get(f.status or "", ""),
                          f.message.vi, f.message.en, ", ".join(map(str, lines)), quotes])
    _finish(sheet, (6, 16, 14, 9, 10, 12, 12, 70, 50, 10, 60))


def _targets_sheet(sheet: Any, frame: pd.DataFrame, ranked: Sequence[Evaluation]) -> None:
    from checker.decide.findings import STATUS_VI

    sheet.append(list(TARGET_HEADERS))
    for rank, evaluation in zip(frame[RANK], ranked, strict=True):
        for f in evaluation.findings:
            ref = f.target
            if ref is None:
                continue
            observed = float(f.observed) if isinstance(f.observed, int | float) else None
            sheet.append([int(rank), evaluation.report.identity.commune, period_text(evaluation), f.rule_id,
                          label(f.indicator) if f.indicator else "", STATUS_VI.get(f.status or "", ""), observed,
                          ref.comparator, ref.threshold, ref.year, ref.document, ref.article or "", ref.quote,
                          ref.confidence_text])
    _finish(sheet, (6, 16, 14, 9, 40, 14, 9, 8, 8, 6, 22, 16, 60, 40))


def _xlsx_value(value: Any) -> Any:
    """A cell value for openpyxl: NaN/None become an empty cell, numpy scalars plain Python."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
