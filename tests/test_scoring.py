"""Commune classification points (NĐ 307/2025/NĐ-CP, rules SC001/SC002): scored, never failing a report."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from checker.catalogue.scoring import Band, load_scoring, points
from checker.catalogue.store import Catalogue, current
from checker.cli.check import check_main
from checker.decide.evaluate import evaluate
from checker.model.report import Report
from tests.conftest import ROOT
from tests.test_ci_outputs import validate_sarif

XA_G = Band(article="Điều 6 khoản 3 điểm g", quote="…", quote_en="…", threshold=70, base_points=3, step=5,
            step_points=0.5, max_points=5)
XA_E = Band(article="Điều 6 khoản 3 điểm e", quote="…", quote_en="…", base_points=3, step=0.5, step_points=0.25,
            max_points=5)

NAM_THANH_MIEN = {"commune": "Nam Thanh Miện", "unit_type": "xa", "province": "Hải Phòng",
                  "unit_code": "hai-phong/nam-thanh-mien"}

LOW_SCORING = {
    # A 2026 annual report that meets every check, whose outgoing documents score the lowest points (60 %
    # ≤ 70 %: 3 points); no target is set on that ratio for 2026, so nothing but the points is said of it.
    "identity": NAM_THANH_MIEN,
    "period": {"year": 2026, "kind": "year"},
    "meta": {"number": "12/BC-UBND", "date": "2026-12-20", "signer": {"name": "Nguyễn Văn A", "title": "Chủ tịch"}},
    "indicators": {
        "staff.officials": {"value": 20}, "workfiles.online_share": {"percent": 100},
        "docs.electronic_share": {"percent": 100}, "email.accounts": {"value": 20}, "dvc.procedures": {"value": 139},
        "dossiers.received": {"value": 3225}, "dossiers.online": {"value": 3147},
        "docs.outgoing_signed_share": {"percent": "60 %", "line": 3,
                                       "quote": "văn bản đi được ký số, gửi trên môi trường mạng đạt 60%"},
    },
}


def report(indicators: dict, period: dict | None = None, identity: dict | None = None) -> Report:
    return Report.model_validate({"identity": identity or NAM_THANH_MIEN,
                                  "period": period or {"year": 2025, "kind": "year"}, "indicators": indicators})


def scored(evaluation, rule_id):
    return [f for f in evaluation.findings if f.rule_id == rule_id]


# --- the arithmetic of Điều 4 and Điều 6 khoản 3 ---------------------------------------------------------

@pytest.mark.parametrize(("ratio", "expected", "capped"), [
    ("0", "3.00", False), ("70", "3.00", False),            # at or below 70 %: 3 points
    ("70.01", "3.00", False),                               # 3 + 0,5 × 0,01 / 5 = 3,001 → 3,00
    ("75", "3.50", False), ("83.33", "4.33", False),        # in proportion (Điều 4 khoản 3), not by whole steps
    ("72.55", "3.26", False),                               # 3,255 → 3,26: halves up (Điều 4 khoản 1)
    ("90", "5.00", False), ("90.01", "5.00", True), ("100", "5.00", True),
])
def test_criterion_g_points_for_a_xa(ratio, expected, capped):
    assert points(Decimal(ratio), Decimal(70), XA_G) == (Decimal(expected), capped)


def test_criterion_e_is_measured_against_the_province_average():
    average = Decimal("39.98")
    assert points(Decimal("39.98"), average, XA_E) == (Decimal("3.00"), False)
    assert points(Decimal("40.98"), average, XA_E) == (Decimal("3.50"), False)   # + 0,25 per 0,5 %
    assert points(Decimal("43.98"), average, XA_E) == (Decimal("5.00"), False)
    assert points(Decimal("60"), average, XA_E) == (Decimal("5.00"), True)


@given(st.decimals(min_value=0, max_value=100, places=2), st.decimals(min_value=0, max_value=100, places=2))
def test_points_never_fall_as_the_ratio_rises_and_stay_in_their_range(a, b):
    low, high = sorted((a, b))
    p_low, p_high = points(low, Decimal(70), XA_G)[0], points(high, Decimal(70), XA_G)[0]
    assert Decimal(3) <= p_low <= p_high <= Decimal(5)
    assert p_high == p_high.quantize(Decimal("0.01"))


# --- the data ---------------------------------------------------------------------------------------------

def test_the_scoring_data_quotes_the_decree_and_its_numbers_agree():
    scoring = load_scoring(ROOT / "targets")
    document = scoring.rules.document
    assert document.number == "307/2025/NĐ-CP" and str(document.in_force_from) == "2025-11-27"
    assert "hai chữ số thập phân" in document.rounding.quote
    assert "31 tháng 12" in document.data_as_of.quote
    e, g = scoring.rules.criterion("e"), scoring.rules.criterion("g")
    assert e is not None and g is not None and e.confidence == g.confidence == "read"
    assert g.bands["xa"].threshold == 70 and g.bands["phuong"].threshold == 80
    for criterion in (e, g):
        for band in criterion.bands.values():
            assert band.article.startswith(("Điều 6 khoản 3", "Điều 7 khoản 3"))
            for number in (band.base_points, band.step, band.step_points, band.max_points):
                written = f"{number:g}".replace(".", ",")
                assert written in band.quote, (band.article, written)
            if band.threshold is not None:
                assert f"{band.threshold:g}%" in band.quote
            else:
                assert "bình quân chung của tỉnh, thành phố" in band.quote


def test_no_province_average_is_invented_for_hai_phong():
    scoring = load_scoring(ROOT / "targets")
    assert scoring.averages.average("hai-phong", 2025) is None
    assert any(n.province == "hai-phong" and 2025 in n.years for n in scoring.averages.not_found)


def test_scoring_files_are_not_read_as_target_files():
    files = {str(s.path) for s in current().targets}
    assert not any("/scoring/" in f for f in files)


# --- findings ---------------------------------------------------------------------------------------------

def test_a_report_with_the_figures_gets_the_points_and_the_formula():
    evaluation = evaluate(report({"docs.outgoing_signed_share": {"numerator": 5, "denominator": 6}}))
    [finding] = scored(evaluation, "SC002")
    assert finding.status == "scored" and finding.severity == "info" and finding.category == "scoring"
    # 5/6 = 83,333… % → 3 + 0,5 × 13,333… / 5 = 4,333… → 4,33
    assert finding.observed == 4.33 and finding.score is not None and finding.score.points == 4.33
    assert "3 + 0,5 × (83,3333 − 70) / 5" in finding.message.vi
    assert "3 + 0.5 × (83.3333 − 70) / 5" in finding.message.en
    assert "Điều 6 khoản 3 điểm g" in finding.message.vi and "307/2025/NĐ-CP" in finding.message.vi
    assert "năm 2025" in finding.message.vi and "gửi năm 2026" in finding.message.vi
    assert finding.pointer == "/indicators/docs.outgoing_signed_share/0/numerator"
    assert not finding.counts
    assert evaluation.grade.infos == 0


def test_a_phuong_is_scored_against_80_percent():
    ward = {"commune": "Hồng Bàng", "unit_type": "phuong", "province": "Hải Phòng", "unit_code": "hai-phong/hong-bang"}
    [finding] = scored(evaluate(report({"docs.outgoing_signed_share": {"percent": 85}}, identity=ward)), "SC002")
    assert finding.observed == 3.5 and finding.score is not None and finding.score.scored_as == "phuong"


def test_a_former_commune_code_is_scored_as_the_unit_that_replaced_it():
    former = {"commune": "Chi Lăng Nam", "unit_type": "xa", "district": "Thanh Miện", "province": "Hải Dương",
              "unit_code": "hai-duong/thanh-mien/chi-lang-nam"}
    [finding] = scored(evaluate(report({"docs.outgoing_signed_share": {"percent": 85}}, identity=former)), "SC002")
    assert finding.observed == 4.5 and "Thành phố Hải Phòng" not in finding.message.vi


def test_a_half_year_report_says_its_figures_are_not_the_years():
    evaluation = evaluate(report({"docs.outgoing_signed_share": {"percent": 95}}, {"year": 2026, "kind": "half"}))
    [finding] = scored(evaluation, "SC002")
    assert "chưa phải số liệu cả năm" in finding.message.vi and "31/12/2026" in finding.message.vi
    assert "30/06/2026" in finding.message.vi and "indicative" in finding.message.en


def test_criterion_e_cannot_be_scored_without_the_province_average():
    [finding] = scored(evaluate(report({"dossiers.full_online_share": {"percent": 45.2}})), "SC001")
    assert finding.status == "not_scored" and finding.observed is None and not finding.counts
    assert "chưa có tỷ lệ bình quân chung của Thành phố Hải Phòng" in finding.message.vi
    assert "cannot be scored" in finding.message.en and "{" not in finding.message.vi + finding.message.en


def test_criterion_e_is_scored_once_the_average_is_data(tmp_path):
    targets = tmp_path / "targets"
    shutil.copytree(ROOT / "targets", targets)
    averages = targets / "scoring" / "province-averages.yaml"
    averages.write_text(
        "averages:\n- {province: hai-phong, year: 2025, percent: 40, as_of: 2025-12-31, source: test figure,"
        " quote: '40%', confidence: sec}\n", encoding="utf-8")
    catalogue = Catalogue.load(targets_dir=targets)
    for backend in ("durable", "python"):
        evaluation = evaluate(report({"dossiers.full_online_share": {"percent": 41.1}}), backend=backend,
                              catalogue=catalogue)
        [finding] = scored(evaluation, "SC001")
        # 3 + 0,25 × (41,1 − 40) / 0,5 = 3,55
        assert finding.status == "scored" and finding.observed == 3.55
        assert "bình quân của Thành phố Hải Phòng: 40 %" in finding.message.vi
        assert "3 + 0,25 × (41,1 − 40) / 0,5 = 3,55" in finding.message.vi
        assert "{" not in finding.message.vi + finding.message.en
        assert finding.score is not None and finding.score.reference_source.startswith("test figure")


# --- never a failure --------------------------------------------------------------------------------------

def _run(path, *args):
    return CliRunner().invoke(check_main, [str(path), *args])


def test_a_report_scoring_low_still_exits_0_with_fail_on_info(tmp_path):
    path = tmp_path / "low.json"
    path.write_text(json.dumps(LOW_SCORING, ensure_ascii=False), encoding="utf-8")
    result = _run(path, "--fail-on", "info", "--format", "json")
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["reports"][0]["findings"]
    [points_found] = [f for f in findings if f["rule_id"] == "SC002"]
    assert points_found["status"] == "scored" and points_found["observed"] == 3
    assert points_found["score"]["points"] == 3 and points_found["score"]["formula"] == "60 ≤ 70 → 3"

    junit = _run(path, "--format", "junit", "--junit-fail-on", "info", "--fail-on", "never")
    assert junit.exit_code == 0
    suites = ET.fromstring(junit.stdout)
    assert all(int(s.get("failures", "0")) == 0 for s in suites.iter("testsuite"))

    plain = _run(path, "--format", "sarif", "--fail-on", "never")
    assert not any(r["ruleId"].startswith("SC") for r in json.loads(plain.stdout)["runs"][0]["results"])
    passes = json.loads(_run(path, "--format", "sarif", "--fail-on", "never", "--sarif-passes").stdout)
    validate_sarif(passes)
    [result_sc] = [r for r in passes["runs"][0]["results"] if r["ruleId"] == "SC002"]
    assert result_sc["kind"] == "informational" and result_sc["level"] == "none"

    table = _run(path, "--fail-on", "info")
    assert table.exit_code == 0
    assert "Điểm phân loại đơn vị hành chính" in table.output and "SC002 Tính điểm" in table.output
