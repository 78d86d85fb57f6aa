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
    """Sort rows best first and number them in a leading ``Hạng`` column (1..n)."""
    order = {level: index for index, level in enumerate(GRADES)}
    keyed = frame.assign(
        _grade=frame[GRADE].map(order), _commune=frame[COMMUNE].map(name_key),
        _district=frame[DISTRICT].map(name_key), _period=frame[PERIOD].map(name_key),
    )
    helpers = ["_grade", "_commune", "_district", "_period"]
    keyed = keyed.sort_values(
        by=["_grade", ERRORS, MET_SHARE, "_commune", "_district", "_period"],
        ascending=[True, True, False, True, True, True],
        kind="mergesort", na_position="last",
    ).drop(columns=helpers).reset_index(drop=True)
    keyed.insert(0, RANK, range(1, len(keyed) + 1))
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


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as machine-readable CSV bytes.

    One header row (the Vietnamese labels), comma separators, dot decimals, an empty field
    for an indicator the report does not state; encoded UTF-8 *with a BOM* so that Excel
    opens the Vietnamese text correctly (``pandas.read_csv`` and most tools skip the BOM).
    """
    text = frame.to_csv(index=False, na_rep="", lineterminator="\n")
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


def terminal_table(frame: pd.DataFrame, header_width: int = 14) -> str:
    """The table for a terminal: wrapped Vietnamese headers, numbers written "98,34"."""
    from tabulate import tabulate

    headers = ["\n".join(textwrap.wrap(column, header_width)) for column in frame.columns]
    rows = [[_cell(value, column) for column, value in zip(frame.columns, record, strict=True)]
            for record in frame.itertuples(index=False, name=None)]
    numeric = {column for column in frame.columns
               if column in COUNT_COLUMNS or column in (RANK, MET_SHARE, *INDICATOR_COLUMNS)}
    align = ["right" if column in numeric else "left" for column in frame.columns]
    return tabulate(rows, headers=headers, tablefmt="simple", colalign=align, disable_numparse=True)


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """Write the table to an XLSX workbook (openpyxl).

    Row 1 holds the Vietnamese headers, row 2 the stable column keys (indicator codes for
    indicator columns); data start on row 3.  Absent indicators are empty cells.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    sheet.append(list(frame.columns))
    sheet.append([COLUMN_CODES.get(column, column) for column in frame.columns])
    for record in frame.itertuples(index=False, name=None):
        sheet.append([_xlsx_value(value) for value in record])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="666666")
    for index, column in enumerate(frame.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 8 if column in COUNT_COLUMNS else 16
    sheet.freeze_panes = "C3"
    book.save(path)


def _xlsx_value(value: Any) -> Any:
    """A cell value for openpyxl: NaN/None become an empty cell, numpy scalars plain Python."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
