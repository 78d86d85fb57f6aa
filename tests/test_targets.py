"""Target files: validation errors, layering, year rules and monotonic grading properties."""

import textwrap

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from checker.catalogue.store import current
from checker.catalogue.targets import (
    SourceDocument,
    SourcedTarget,
    Target,
    ancestry,
    load_target_file,
)
from checker.cli.main import checker_main
from checker.core.errors import InputError
from checker.decide.evaluate import evaluate
from checker.model.report import Report
from tests.conftest import ROOT, report_dict

HD = "hai-duong/thanh-mien/chi-lang-nam"


def write(tmp_path, text):
    path = tmp_path / "t.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD = """
document: {id: test, number: "1/KH-UBND", date: 2024-01-05, issuer: UBND xã, title: Kế hoạch thử, scope: vn}
targets:
  - {id: t1, indicator: workfiles.online_share, comparator: ">=", threshold: 99, kind: annual, year: 2024,
     quote: "99 % hồ sơ công việc", confidence: sec}
"""


def test_every_bundled_target_file_loads_and_cites_a_quote():
    assert len(current().targets) >= 40
    for sourced in current().targets:
        assert sourced.target.quote and sourced.document.number and sourced.document.issuer
        assert sourced.target.confidence in ("verified", "read", "sec", "hdr", "mem")
    assert "hai-duong" in current().units and current().units["hai-duong"].successor == "hai-phong"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("document: [1, 2", "YAML"),
        ("- 1\n- 2\n", "mapping"),
        (GOOD.replace("indicator: workfiles.online_share", "indicator: no.such"), "/targets/0/indicator"),
        (GOOD.replace('comparator: ">="', 'comparator: "=>"'), "/targets/0/comparator"),
        (GOOD.replace("quote: \"99 % hồ sơ công việc\", ", ""), "/targets/0/quote"),
        (GOOD.replace("scope: vn", "scope: vn, colour: red"), "/document/colour"),
    ],
)
def test_broken_target_file_names_file_entry_and_field(tmp_path, text, needle):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_target_file(path, current().indicators)
    assert str(path) in info.value.render() and needle in info.value.render()


LIFECYCLE = """
document:
  id: test-2629
  number: 2629/QĐ-TTg
  date: 2025-12-01
  issuer: Thủ tướng Chính phủ
  title: Phê duyệt Chương trình phát triển Chính phủ số
  scope: vn
  url: https://thuvienphapluat.vn/van-ban/x-682760.aspx
  status: in_force
  in_force_from: 2025-12-01
  supersedes:
    - {document: 942/QĐ-TTg, article: Điều 2, date: 2021-06-15}
targets:
  - id: t-stage1
    indicator: dvc.full_online_eligible_share
    comparator: "="
    threshold: 100
    kind: deadline
    year: 2027
    from_year: 2025
    stage: 2025-2027
    in_force_until: 2027-12-31
    article: Điều 1, mục II, khoản 2, điểm a
    quote: "100% dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện."
    quote_en: 100 % of eligible procedures offered as fully online services.
    confidence: read
  - id: t-stage2
    indicator: satisfaction.services_share
    comparator: ">="
    threshold: 99
    kind: deadline
    year: 2030
    from_year: 2028
    stage: 2028-2030
    in_force_from: 2028-01-01
    in_force_until: 2030-12-31
    superseded_by: {document: 9/QĐ-TTg, article: Điều 3}
    quote: "99% người dân, doanh nghiệp đánh giá hài lòng khi sử dụng dịch vụ công trực tuyến."
    confidence: read
"""

HEADER_ONLY = """
document: {id: h, number: "238/KH-UBND", date: 2025-09-13, issuer: UBND thành phố Hải Phòng, title: Kế hoạch,
           scope: hai-phong, status: header_only}
targets: []
"""


def test_lifecycle_fields_load(tmp_path):
    loaded = load_target_file(write(tmp_path, LIFECYCLE))
    document = loaded.document
    assert document.status == "in_force" and document.url.startswith("https://")
    assert document.in_force_from.isoformat() == "2025-12-01" and document.in_force_until is None
    assert document.supersedes[0].document == "942/QĐ-TTg" and document.supersedes[0].article == "Điều 2"
    first, second = loaded.targets
    assert first.stage == "2025-2027" and first.quote_en and first.confidence == "read" and first.verified
    assert [d.isoformat() for d in first.in_force_window(document)] == ["2025-12-01", "2027-12-31"]
    assert [d.isoformat() for d in second.in_force_window(document)] == ["2028-01-01", "2030-12-31"]
    assert second.superseded_by.document == "9/QĐ-TTg" and second.superseded_by.date is None
    assert load_target_file(write(tmp_path, HEADER_ONLY)).document.status == "header_only"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (LIFECYCLE.replace("in_force_from: 2025-12-01", "in_force_from: 2025-13-01"), "/document/in_force_from"),
        (LIFECYCLE.replace("in_force_until: 2027-12-31", "in_force_until: 31/12/2027"), "/targets/0/in_force_until"),
        (LIFECYCLE.replace("status: in_force", "status: expired"), "/document/status"),
        (LIFECYCLE.replace("in_force_from: 2025-12-01", "in_force_from: 2025-12-01\n  in_force_until: 2025-11-30"),
         "/document/in_force_until"),
        (LIFECYCLE.replace("in_force_from: 2028-01-01", "in_force_from: 2031-01-01"), "/targets/1/in_force_until"),
        (LIFECYCLE.replace("in_force_until: 2027-12-31", "in_force_until: 2025-06-30"), "/targets/0/in_force_until"),
        (LIFECYCLE.replace("status: in_force", "status: repealed"), "/document/in_force_until"),
        (LIFECYCLE.replace("url: https://", "url: /work/shared/"), "/document/url"),
        (LIFECYCLE.replace("{document: 942/QĐ-TTg, ", "{"), "/document/supersedes/0/document"),
        (LIFECYCLE.replace("    quote: \"99%", "    quote_fr: \"99%"), "/targets/1/quote"),
        (HEADER_ONLY.replace("targets: []", GOOD.split("targets:")[1].join(["targets:", ""])), "/targets"),
    ],
)
def test_bad_lifecycle_field_names_file_and_field(tmp_path, text, needle):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_target_file(path)
    rendered = info.value.render()
    assert str(path) in rendered and needle in rendered


def test_bundled_documents_cite_no_local_paths_and_header_only_files_set_no_targets():
    from checker.catalogue.paths import data_dir
    from checker.catalogue.targets import target_files

    for path in target_files(data_dir("targets")):
        text = path.read_text(encoding="utf-8")
        assert "/work/" not in text and "shared/" not in text, path
        loaded = load_target_file(path, current().indicators)
        if loaded.document.status == "header_only":
            assert not loaded.targets, path
    qd942 = next(s for s in current().targets if s.document.number == "942/QĐ-TTg").document
    assert qd942.in_force_until.isoformat() == "2025-11-30" and qd942.superseded_by.document == "2629/QĐ-TTg"


def test_checker_targets_check_command(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(checker_main, ["targets", "--check", str(write(tmp_path, GOOD))])
    assert ok.exit_code == 0 and "OK" in ok.output
    bad = runner.invoke(checker_main, ["targets", "--check", str(write(tmp_path, "x: 1"))])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_checker_targets_lists_targets_in_force():
    runner = CliRunner()
    result = runner.invoke(checker_main, ["targets", "--year", "2023", "--unit", "hai-duong", "--level", "xa"])
    assert result.exit_code == 0, result.output
    assert "17/QĐ-UBQGCĐS" in result.output and "06-NQ/TU" in result.output
    as_json = runner.invoke(checker_main, ["targets", "--year", "2023", "--province", "hai-duong", "--format", "json"])
    assert '"indicator": "workfiles.online_share"' in as_json.output


def test_provincial_target_stricter_than_national_wins_with_override_shown():
    choice = current().choose("workfiles.online_share", 2024, "xa", HD)
    assert choice.chosen.target.threshold == 70 and choice.chosen.document.scope == "hai-duong"
    assert {o.target.threshold for o in choice.overridden} == {60}
    national_only = current().choose("workfiles.online_share", 2024, "xa", "some-other-province/x")
    assert national_only.chosen.target.threshold == 60


def test_annual_target_for_the_year_beats_a_path_deadline():
    choice = current().choose("dossiers.results_digitised_share", 2023, "xa", HD)
    assert choice.binding and choice.chosen.target.year == 2023 and choice.chosen.target.threshold == 100


def test_later_plan_in_the_same_layer_supersedes_for_its_year():
    choice = current().choose("payment.transactions_online_share", 2024, "xa", HD)
    assert choice.chosen.target.threshold == 50 and choice.binding


def test_nearest_deadline_wins_among_path_targets():
    choice = current().choose("society.adults_smartphone_share", 2023, "xa", HD)
    assert not choice.binding and choice.chosen.target.year == 2025


def test_targets_file_on_the_command_line_is_the_most_specific_layer(tmp_path):
    extra = current().with_extra_targets([write(tmp_path, GOOD)])
    choice = extra.choose("workfiles.online_share", 2024, "xa", HD)
    assert choice.chosen.target.id == "t1"
    data = report_dict(period={"year": 2024, "kind": "year"},
                       indicators={"workfiles.online_share": {"percent": 95}})
    data["identity"]["unit_code"] = HD
    findings = evaluate(Report.model_validate(data), [current().rule("TG001")], catalogue=extra).findings
    finding = next(iter(findings))
    assert finding.status == "not_met" and finding.target.id == "t1" and finding.target.overrides


def test_six_month_report_is_judged_on_percentages_not_failed_on_counts():
    data = report_dict(period={"year": 2023, "kind": "half"},
                       indicators={"dossiers.remote_online_share": {"percent": 60}})
    finding = evaluate(Report.model_validate(data), [current().rule("TG008")]).findings[0]
    assert finding.status == "met"


def test_unverified_target_never_fails_a_report():
    # QĐ 411's 2025 signature target is 'mem'; outside Hải Phòng nothing else applies in 2025
    data = report_dict(period={"year": 2025, "kind": "year"},
                       indicators={"society.adults_signature_share": {"percent": 1}})
    data["identity"]["unit_code"] = "some-other-province/x"
    finding = evaluate(Report.model_validate(data), [current().rule("TG020")]).findings[0]
    assert finding.status == "not_met" and finding.severity == "info"
    assert "chưa kiểm chứng" in finding.message.vi
    # a Hải Phòng commune (the former Hải Dương ones included) has the city's sec target (> 50 %)
    data["identity"]["unit_code"] = HD
    finding = evaluate(Report.model_validate(data), [current().rule("TG020")]).findings[0]
    assert finding.severity == "error" and finding.target.layer == "hai-phong"


def test_path_target_not_met_is_a_warning_binding_one_an_error():
    def severity(year):
        data = report_dict(period={"year": year, "kind": "year"},
                           indicators={"workfiles.online_share": {"percent": 10}})
        return evaluate(Report.model_validate(data), [current().rule("TG001")]).findings[0].severity
    assert severity(2023) == "warning" and severity(2025) == "error"


TARGET_RULES = ["TG001", "TG007", "TG012", "TG018", "TG021"]
STATUS_RANK = {"not_met": 0, "met": 1}


def status_of(rule_id, year, value, extra=None):
    rule = current().rule(rule_id)
    data = report_dict(period={"year": year, "kind": "year"},
                       indicators={rule.params["indicator"]: {"percent": value}})
    data["identity"]["unit_code"] = HD
    findings = evaluate(Report.model_validate(data), [rule], catalogue=extra).findings
    return findings[0].status if findings else None


values = st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda v: round(v, 2))


@given(st.sampled_from(TARGET_RULES), st.integers(2023, 2026), values, values)
def test_improving_an_indicator_never_turns_met_into_not_met(rule_id, year, low, high):
    low, high = sorted((low, high))
    before, after = status_of(rule_id, year, low), status_of(rule_id, year, high)
    if before is not None:
        assert STATUS_RANK[after] >= STATUS_RANK[before]


def extra_with(threshold):
    document = SourceDocument(id="x", number="1/KH", issuer="UBND", title="Thử", scope="vn")
    target = Target(id="t", indicator="workfiles.online_share", comparator=">=", threshold=threshold,
                    kind="annual", year=2024, quote="q", confidence="sec")
    return current().with_sourced_targets((SourcedTarget(target, document, "extra.yaml", 100_000),))


@given(values, values, st.floats(min_value=0, max_value=50, allow_nan=False))
def test_relaxing_a_threshold_never_turns_met_into_not_met(value, threshold, relax):
    strict = status_of("TG001", 2024, value, extra_with(threshold))
    relaxed = status_of("TG001", 2024, value, extra_with(round(max(0.0, threshold - relax), 2)))
    assert STATUS_RANK[relaxed] >= STATUS_RANK[strict]


def test_bundled_target_files_live_under_targets():
    assert all(str(ROOT / "targets") in s.path or "_bundled" in s.path for s in current().targets)


def test_reports_after_the_2025_reform_pick_the_successor_province():
    before = ancestry(current().units, "hai-duong/tu-ky/minh-duc", __import__("datetime").date(2025, 6, 30))
    after = ancestry(current().units, "hai-duong/tu-ky/minh-duc", __import__("datetime").date(2025, 12, 31))
    assert before == ["vn", "hai-duong", "hai-duong/tu-ky", "hai-duong/tu-ky/minh-duc"]
    # Minh Đức became part of xã Tứ Kỳ (NQ 1669/NQ-UBTVQH15 khoản 93), a unit of Hải Phòng
    assert after == ["vn", "hai-phong", "hai-phong/tu-ky"]
    # the Hải Dương resolution's 70 % no longer applies after the merger; the national 60 % does
    after_merger = current().choose("workfiles.online_share", 2025, "xa", "hai-duong/tu-ky/minh-duc")
    assert after_merger.chosen.target.threshold == 60
    assert current().choose("workfiles.online_share", 2025, "xa", "hai-duong/tu-ky/minh-duc",
                  on=__import__("datetime").date(2025, 6, 30)).chosen.target.threshold == 70
