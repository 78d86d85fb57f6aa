"""The real reports: findings match the reviewed golden files and what a careful reviewer finds."""

import json

import pytest

from checker.decide.evaluate import evaluate
from checker.read.json_report import load_report
from checker.run.golden import golden_of
from tests.conftest import FIXTURES

SEEDS = sorted(FIXTURES.glob("*.json"))


def findings_of(stem):
    return evaluate(load_report(FIXTURES / f"{stem}.json")).findings


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_findings_match_golden_file(seed):
    expected = json.loads((FIXTURES / "expected" / f"{seed.stem}.findings.json").read_text(encoding="utf-8"))
    actual = golden_of(seed)
    assert actual == expected, "regenerate with `python -m checker.run.golden fixtures/*.json` only after review"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_texts_are_bundled_and_quotes_come_from_them(seed):
    lines = (FIXTURES / f"{seed.stem}.txt").read_text(encoding="utf-8").splitlines()
    report = load_report(seed)
    for code, statements in report.indicators.items():
        for measure in statements:
            if measure.line and measure.quote:
                assert measure.quote in lines[measure.line - 1], (code, measure.line)


def _ids(findings, rule_id):
    return [f for f in findings if f.rule_id == rule_id]


def test_chi_lang_nam_reviewer_findings():
    findings = findings_of("chi-lang-nam-thanh-mien-2023")
    mail = _ids(findings, "CS030")
    assert len(mail) == 1 and mail[0].severity == "error"
    assert mail[0].observed == 100 and mail[0].expected == 90
    staff = _ids(findings, "CS034")
    assert len(staff) == 1 and staff[0].expected == 20 and staff[0].observed == 33
    assert _ids(findings, "CS041")  # no LAN, yet 20 computers on the LAN
    assert _ids(findings, "CS042")  # cause for late dossiers while late = 0
    assert _ids(findings, "CS035")  # 120 fully online vs 128 level 4
    assert not _ids(findings, "CS004") and not _ids(findings, "CS005")  # both splits add up to 139


def test_dong_tam_reviewer_findings():
    findings = findings_of("dong-tam-ninh-giang-2023")
    restated = {f.indicator: f for f in _ids(findings, "CS040")}
    assert restated["docs.electronic_share"].observed == 80
    assert restated["docs.electronic_share"].expected == 100
    assert "dossiers.online_share" in restated
    digitised = [f for f in _ids(findings, "TG012")]
    assert digitised[0].status == "not_met" and digitised[0].target.document == "17/QĐ-UBQGCĐS"
    assert any(f.observed == "Ba tháng cuối năm 2023" for f in _ids(findings, "CS062"))


def test_minh_duc_reviewer_findings():
    findings = findings_of("minh-duc-tu-ky-2023-h1")
    late = sorted(f.observed for f in _ids(findings, "CS060"))
    assert late == ["2023-12-30", "2023-12-30"]
    assert _ids(findings, "CP004")  # Biểu mẫu 7 left blank
    assert len(_ids(findings, "CS062")) == 3  # "5 tháng đầu năm" in a 6-month report
    for rule in ("CS001", "CS006", "CS007", "CS008", "CS031"):  # figures that do add up
        assert not _ids(findings, rule), rule


def test_every_target_finding_cites_its_source():
    for seed in SEEDS:
        for finding in evaluate(load_report(seed)).findings:
            if finding.category == "target":
                ref = finding.target
                assert ref is not None and ref.document and ref.quote and ref.confidence
                assert ref.file.endswith(".yaml")
