"""The district summary: table, CSV, XLSX, the HTML page, and the page in headless Chromium."""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

from checker.catalogue.store import label
from checker.cli.summary import summary_command
from checker.decide.evaluate import evaluate
from checker.decide.grading import GRADES
from checker.read.json_report import load_report
from checker.render.summary import (
    COLUMN_CODES,
    COMMUNE,
    DISTRICT,
    ERRORS,
    GRADE,
    KEY_INDICATORS,
    KIND,
    MET_SHARE,
    PERIOD,
    RANK,
    rank_frame,
    summary_frame,
)
from tests.conftest import FIXTURES, ROOT, report_dict

SEEDS = sorted(FIXTURES.glob("*.json"))
COMMUNES = {"Chi Lăng Nam", "Đồng Tâm", "Minh Đức"}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def evaluations():
    return [evaluate(load_report(path)) for path in SEEDS]


@pytest.fixture(scope="module")
def frame(evaluations):
    return summary_frame(evaluations)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def html_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("page") / "summary.html"
    result = CliRunner().invoke(summary_command, [str(FIXTURES), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def column(code):
    return label(code)


# --- the table -----------------------------------------------------------------------------

def test_fixtures_give_one_row_per_commune_with_their_grades(frame, evaluations):
    assert len(frame) == 3
    assert set(frame[COMMUNE]) == COMMUNES
    grades = {ev.report.identity.commune: ev.grade for ev in evaluations}
    for row in frame.to_dict("records"):
        g = grades[row[COMMUNE]]
        assert row[GRADE] == g.level
        assert (row[ERRORS], row["Cảnh báo"], row["Thông tin"]) == (g.errors, g.warnings, g.infos)
        assert (row["Chỉ tiêu đạt"], row["Chỉ tiêu chưa đạt"], row["Chỉ tiêu không có số liệu"]) == (
            g.targets_met, g.targets_not_met, g.targets_no_data)
        assert row[MET_SHARE] == g.targets_met_share
    assert list(frame[RANK]) == [1, 2, 1]  # two annual reports, then the six-month one ranked apart
    assert list(frame[KIND]) == ["Năm", "Năm", "6 tháng"]


def test_columns_are_vietnamese_with_one_per_key_indicator(frame):
    assert list(frame.columns) == list(COLUMN_CODES)
    for code in KEY_INDICATORS:
        assert label(code) in frame.columns and label(code) != code


def test_rows_are_ranked_by_grade_then_errors_then_met_share_within_each_period_kind(frame):
    annual = frame[frame[KIND] == "Năm"]
    order = [GRADES.index(level) for level in annual[GRADE]]
    keys = list(zip(order, annual[ERRORS], -annual[MET_SHARE], strict=True))
    assert keys == sorted(keys)
    assert frame.iloc[-1][COMMUNE] == "Minh Đức"  # a six-month report is not ranked against annual ones
    assert frame.iloc[-1][RANK] == 1


def test_rank_ties_break_on_errors_then_share_then_name():
    rows = pd.DataFrame([
        {COMMUNE: "Yên", DISTRICT: "A", PERIOD: "năm 2023", GRADE: "Khá", ERRORS: 1, MET_SHARE: 60.0},
        {COMMUNE: "Đông", DISTRICT: "A", PERIOD: "năm 2023", GRADE: "Khá", ERRORS: 1, MET_SHARE: 60.0},
        {COMMUNE: "Bắc", DISTRICT: "A", PERIOD: "năm 2023", GRADE: "Khá", ERRORS: 1, MET_SHARE: 90.0},
        {COMMUNE: "Nam", DISTRICT: "A", PERIOD: "năm 2023", GRADE: "Khá", ERRORS: 0, MET_SHARE: 50.0},
        {COMMUNE: "Tây", DISTRICT: "A", PERIOD: "năm 2023", GRADE: "Yếu", ERRORS: 0, MET_SHARE: 100.0},
        {COMMUNE: "Giữa", DISTRICT: "A", PERIOD: "năm 2023", GRADE: "Xuất sắc", ERRORS: 0, MET_SHARE: 95.0},
    ])
    ranked = rank_frame(rows)
    assert list(ranked[COMMUNE]) == ["Giữa", "Nam", "Bắc", "Đông", "Yên", "Tây"]
    assert list(ranked[RANK]) == [1, 2, 3, 4, 5, 6]


def test_absent_indicators_are_empty_not_zero(frame):
    by_commune = frame.set_index(COMMUNE)
    assert math.isnan(by_commune.loc["Chi Lăng Nam", column("dossiers.online_share")])
    assert math.isnan(by_commune.loc["Minh Đức", column("workfiles.online_share")])
    assert by_commune.loc["Đồng Tâm", column("dossiers.online_share")] == pytest.approx(17.65)
    assert by_commune.loc["Chi Lăng Nam", column("workfiles.online_share")] == 100.0


def test_terminal_table_writes_numbers_the_vietnamese_way(runner):
    result = runner.invoke(summary_command, [str(FIXTURES)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for commune in COMMUNES:
        assert commune in result.stdout
    assert "17,65" in result.stdout and "66,7" in result.stdout
    assert "17.65" not in result.stdout
    assert "Hạng" in result.stdout and "Xếp loại" in result.stdout


# --- CSV and XLSX --------------------------------------------------------------------------

def test_csv_has_a_bom_and_round_trips_through_pandas(runner, frame):
    result = runner.invoke(summary_command, [str(FIXTURES), "--format", "csv"])
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", sep=";", decimal=",")
    assert list(back.columns) == list(frame.columns)
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)
    text = data.decode("utf-8-sig")
    assert "17,65" in text and "17.65" not in text  # Vietnamese Excel: decimal comma, ";" between fields
    chi_lang = next(line for line in text.splitlines() if "Chi Lăng Nam" in line)
    assert ";;" in chi_lang  # an absent indicator is an empty field, not 0


def test_csv_to_a_file(runner, tmp_path, frame):
    out = tmp_path / "tong-hop.csv"
    result = runner.invoke(summary_command, [str(FIXTURES), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    back = pd.read_csv(out, encoding="utf-8-sig", sep=";", decimal=",")
    assert list(back[COMMUNE]) == list(frame[COMMUNE])


def test_xlsx_opens_with_openpyxl_and_holds_the_rows(runner, tmp_path, frame):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "tong-hop.xlsx"
    result = runner.invoke(summary_command, [str(FIXTURES), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Tổng hợp", "Phát hiện", "Chỉ tiêu"]
    sheet = book["Tổng hợp"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(frame.columns)
    data = rows[1:]  # no row of machine keys under the header
    assert len(data) == 3
    communes = [row[1] for row in data]
    assert communes == list(frame[COMMUNE])
    chi_lang = data[communes.index("Chi Lăng Nam")]
    assert chi_lang[list(frame.columns).index(column("dossiers.online_share"))] is None
    dong_tam = data[communes.index("Đồng Tâm")]
    assert dong_tam[list(frame.columns).index(column("dossiers.online_share"))] == pytest.approx(17.65)
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == sheet.dimensions
    share = list(frame.columns).index(column("dossiers.online_share")) + 1
    cell = sheet.cell(row=2 + communes.index("Đồng Tâm"), column=share)
    assert cell.number_format == "0.0#" and cell.fill.fgColor.rgb.endswith("FFF3CD")  # stated twice, differently
    assert "Dưới mức chỉ tiêu >= 80 (942/QĐ-TTg, 2025)" in cell.comment.text  # below its own target
    assert "17,65 (dòng 98); 98,1 (dòng 108)" in cell.comment.text
    assert sheet.cell(row=2, column=1).number_format == "0"


def test_xlsx_reads_with_pandas_numeric_columns_findings_and_targets(runner, tmp_path, frame, evaluations):
    out = tmp_path / "tong-hop.xlsx"
    assert runner.invoke(summary_command, [str(FIXTURES), "--format", "xlsx", "-o", str(out)]).exit_code == 0
    table = pd.read_excel(out, sheet_name="Tổng hợp")
    assert list(table.columns) == list(frame.columns)
    for name in (RANK, ERRORS, MET_SHARE, column("dossiers.online_share")):
        assert pd.api.types.is_numeric_dtype(table[name]), name
    findings = pd.read_excel(out, sheet_name="Phát hiện")
    expected = sum(1 for ev in evaluations for f in ev.findings if f.status not in ("met", "no_data"))
    assert len(findings) == expected
    cs030 = findings[findings["Mã luật"] == "CS030"].iloc[0]
    assert cs030["Xã"] == "Chi Lăng Nam" and "(CBCCVC) 20 người" in cs030["Câu trích"]
    targets = pd.read_excel(out, sheet_name="Chỉ tiêu")
    assert len(targets) == sum(1 for ev in evaluations for f in ev.findings if f.target is not None)
    assert pd.api.types.is_numeric_dtype(targets["Mức"]) and set(targets["Độ tin cậy"]) >= {
        "theo trang tin trích dẫn văn bản / read on a page restating the document"}


def test_terminal_summary_fits_the_terminal(runner):
    for columns in (60, 80, 120):
        result = runner.invoke(summary_command, [str(FIXTURES)], env={"COLUMNS": str(columns)})
        assert result.exit_code == 0
        assert max(map(len, result.stdout.splitlines())) <= columns
        assert "Minh Đức" in result.stdout and "Xếp loại" in result.stdout


@pytest.mark.parametrize("fmt", ["xlsx", "html"])
def test_file_formats_need_an_output_file(runner, fmt):
    result = runner.invoke(summary_command, [str(FIXTURES), "--format", fmt])
    assert result.exit_code == 2
    assert "-o/--output" in result.stderr
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


# --- bad inputs ----------------------------------------------------------------------------

def test_a_broken_report_is_listed_and_the_others_still_summarised(runner, tmp_path):
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "hong.json").write_text('{"identity": ', encoding="utf-8")
    result = runner.invoke(summary_command, [str(tmp_path), "--format", "csv"])
    assert result.exit_code == 2
    assert "hong.json" in result.stderr
    back = pd.read_csv(io.BytesIO(result.stdout_bytes), encoding="utf-8-sig", sep=";", decimal=",")
    assert set(back[COMMUNE]) == COMMUNES


def test_a_broken_report_is_named_on_the_html_page(runner, tmp_path):
    shutil.copy(SEEDS[0], tmp_path / SEEDS[0].name)
    (tmp_path / "hong.json").write_text("[]", encoding="utf-8")
    out = tmp_path / "page.html"
    result = runner.invoke(summary_command, [str(tmp_path), "--format", "html", "-o", str(out)])
    assert result.exit_code == 2
    assert "hong.json" in out.read_text(encoding="utf-8")


def test_nothing_readable_exits_2_without_output(runner, tmp_path):
    (tmp_path / "hong.json").write_text("không phải JSON", encoding="utf-8")
    out = tmp_path / "page.html"
    result = runner.invoke(summary_command, [str(tmp_path), "--format", "html", "-o", str(out)])
    assert result.exit_code == 2
    assert not out.exists()


def test_an_empty_directory_is_an_input_error(runner, tmp_path):
    result = runner.invoke(summary_command, [str(tmp_path)])
    assert result.exit_code == 2
    assert "không có báo cáo" in result.stderr
    assert "Traceback" not in result.output


def test_importing_the_command_does_not_import_pandas():
    code = "import sys, checker.cli.summary; sys.exit('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0


# --- the HTML page -------------------------------------------------------------------------

def test_html_is_one_self_contained_vietnamese_page(html_page):
    page = html_page.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in page and '<meta charset="utf-8">' in page
    for forbidden in ("<script", "<link", "<img", "<iframe", "@import", "url(", "src="):
        assert forbidden not in page, forbidden
    assert set(re.findall(r'href="([^"]*)"', page)) == {f"#xa-{i}" for i in range(3)}  # links inside the page
    external = set(re.findall(r"https?://[^\"'\s<>]+", page))
    assert external <= {"http://www.w3.org/2000/svg"}
    for commune in COMMUNES:
        assert commune in page
    assert "<th" in page and "Xếp loại" in page and label("dossiers.online_share") in page


def test_html_has_the_targets_chart_and_one_chart_per_reported_indicator(html_page, frame):
    page = html_page.read_text(encoding="utf-8")
    reported = [code for code in KEY_INDICATORS if frame[label(code)].notna().any()]
    assert page.count("<svg") == 1 + len(reported)
    assert 'id="chart-targets"' in page
    assert "Chỉ tiêu ≥ 80 % — 942/QĐ-TTg" in page  # dossiers.online_share: line labelled with its document
    assert "≥ 50 %" in page  # dossiers.remote_online_share, 17/QĐ-UBQGCĐS, binding in 2023
    email_chart = page.split(label("email.officials_with_account_share"))[-1].split("</figure>")[0]
    assert "stroke-dasharray" not in email_chart  # no target in force -> no line


def test_html_escapes_every_text(runner, tmp_path):
    data = report_dict(indicators={"dossiers.online_share": [{"percent": 90}]})
    data["identity"]["commune"] = "<script>alert('x')</script> & Co"
    data["identity"]["district"] = 'Tứ "Kỳ"'
    (tmp_path / "r.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "page.html"
    result = runner.invoke(summary_command, [str(tmp_path), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co" in page
    assert 'Tứ "Kỳ"' not in page and "Tứ &quot;Kỳ&quot;" in page


# --- the page in a real browser -------------------------------------------------------------

def _chromium(tmp_path, *args):
    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    profile = tmp_path / "profile"
    command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, check=False, timeout=180)


def test_page_renders_in_headless_chromium(html_page, tmp_path):
    url = html_page.resolve().as_uri()
    dumped = _chromium(tmp_path, "--dump-dom", url)
    assert dumped.returncode == 0, dumped.stderr.decode("utf-8", "replace")[-2000:]
    dom = dumped.stdout.decode("utf-8")
    for commune in COMMUNES:
        assert commune in dom
    assert dom.count("<svg") >= 2 and "<rect" in dom and "<table" in dom
    shot = tmp_path / "summary.png"
    taken = _chromium(tmp_path, "--window-size=1280,1600", "--hide-scrollbars", f"--screenshot={shot}", url)
    assert taken.returncode == 0, taken.stderr.decode("utf-8", "replace")[-2000:]
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 30_000  # a blank 1280x1600 page is about 9 kB; this one about 180 kB
