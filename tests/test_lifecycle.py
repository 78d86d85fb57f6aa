"""Targets chosen by the report's period end: in-force dates, QĐ 2629 replacing QĐ 942, stages, `--date`."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from checker.catalogue.store import current
from checker.catalogue.targets import in_force_on, in_force_window
from checker.cli.main import checker_main
from checker.decide.evaluate import evaluate
from checker.model.report import Report
from tests.conftest import report_dict

D = dt.date
CHI_LANG_NAM = "hai-duong/thanh-mien/chi-lang-nam"
NAM_THANH_MIEN = "hai-phong/nam-thanh-mien"
ELSEWHERE = "some-other-province/x"  # national layer only


def chosen(indicator, on, unit=ELSEWHERE):
    choice = current().choose(indicator, on.year, "xa", unit, on=on)
    return None if choice is None else choice.chosen


def test_qd_942_applies_to_30_november_2025_and_qd_2629_from_1_december():
    before = chosen("docs.outgoing_signed_share", D(2025, 11, 30))
    after = chosen("docs.outgoing_signed_share", D(2025, 12, 1))
    assert before.document.number == "942/QĐ-TTg"
    assert after is None or after.document.number != "942/QĐ-TTg"
    assert chosen("dvc.full_online_eligible_share", D(2025, 11, 30)).document.number == "942/QĐ-TTg"
    assert chosen("dvc.full_online_eligible_share", D(2025, 12, 1)).document.number == "2629/QĐ-TTg"


def test_hai_duong_layer_to_30_june_2025_and_the_city_from_1_july():
    before = current().choose("workfiles.online_share", 2025, "xa", CHI_LANG_NAM, on=D(2025, 6, 30))
    after = current().choose("workfiles.online_share", 2025, "xa", CHI_LANG_NAM, on=D(2025, 7, 1))
    assert before.chosen.document.scope == "hai-duong" and before.chosen.target.threshold == 70
    assert after.chosen.target.threshold == 60
    assert "hai-duong" not in {after.chosen.document.scope, *(o.document.scope for o in after.overridden)}


def test_qd_2629_stage_2025_2027_to_end_2027_and_2028_2030_from_2028():
    last = chosen("satisfaction.services_share", D(2027, 12, 31))
    first = chosen("satisfaction.services_share", D(2028, 1, 1))
    assert last.target.stage == "2025-2027" and last.target.threshold == 95
    assert first.target.stage == "2028-2030" and first.target.threshold == 99
    choice = current().choose("satisfaction.services_share", 2027, "xa", ELSEWHERE, on=D(2027, 12, 31))
    assert choice.binding  # the 2027 deadline is reached in a 2027 report
    # results digitised: no national target in 2027 after 2025's ended; QĐ 2629's 2030 one from 2028
    assert chosen("dossiers.results_digitised_share", D(2027, 12, 31)) is None
    assert chosen("dossiers.results_digitised_share", D(2028, 1, 1)).target.id == "qd2629-results-digitised-2030"


def test_a_2025_deadline_is_not_a_2026_target():
    assert chosen("staff.digital_identity_share", D(2025, 11, 30)).document.number == "942/QĐ-TTg"
    assert chosen("staff.digital_identity_share", D(2026, 6, 30)) is None
    on_2026 = chosen("workfiles.online_share", D(2026, 6, 30), NAM_THANH_MIEN)
    assert on_2026.target.threshold == 100 and on_2026.document.number == "03/NQ-CP"


def _report(period, indicators, unit=NAM_THANH_MIEN):
    data = report_dict(period=period, indicators=indicators)
    data["identity"].update(unit_code=unit, province="Hải Phòng", commune="Nam Thanh Miện")
    return Report.model_validate(data)


def test_first_half_2025_report_falls_under_qd_942_and_the_annual_2025_report_under_qd_2629():
    indicators = {"dvc.full_online_eligible_share": {"percent": 90}}
    rule = [current().rule("TG006")]
    h1 = evaluate(_report({"year": 2025, "kind": "half"}, indicators, ELSEWHERE), rule).findings[0]
    year = evaluate(_report({"year": 2025, "kind": "year"}, indicators, ELSEWHERE), rule).findings[0]
    assert h1.target.document == "942/QĐ-TTg" and h1.severity == "error"
    assert year.target.document == "2629/QĐ-TTg" and year.severity == "warning"  # path to 2027
    assert "2629/QĐ-TTg (Điều 2) thay thế 942/QĐ-TTg từ 01/12/2025" in year.message.vi
    assert "2629/QĐ-TTg (Điều 2) replaced 942/QĐ-TTg from 01/12/2025" in year.message.en
    assert [r.document for r in year.target.supersedes] == ["942/QĐ-TTg"]
    assert any(r.startswith("qd942-dvc-full-online-eligible-2025") and "2629/QĐ-TTg" in r
               for r in year.target.retired)
    assert year.target.in_force_until == "2027-12-31" and year.target.stage == "2025-2027"
    assert "thay thế" not in h1.message.vi


def test_targets_listing_2026_hai_phong_has_qd_2629_and_the_city_and_no_qd_942():
    runner = CliRunner()
    result = runner.invoke(checker_main, ["targets", "--year", "2026", "--province", "hai-phong", "--level", "xa",
                                          "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    documents = {row["document"] for row in rows}
    assert "2629/QĐ-TTg" in documents and "5256/QĐ-UBND" in documents
    assert "942/QĐ-TTg" not in documents
    assert all(not row["id"].startswith("qd942") for row in rows)
    assert not any(row["indicator"] == "workfiles.online_share" and row["threshold"] == 60 for row in rows)
    table = runner.invoke(checker_main, ["targets", "--year", "2026", "--province", "hai-phong", "--level", "xa"])
    in_force, _, retired = table.output.partition("Không còn áp dụng")
    assert "2629/QĐ-TTg" in in_force and "942/QĐ-TTg" not in in_force
    assert "942/QĐ-TTg" in retired and "30/11/2025" in retired


HAI_DUONG_2023 = [
    "hdcchc2125-dvc-integrated-portal-2025", "hdcchc2125-on-time-2025", "hdcchc2125-payment-procedures-2025",
    "hdcchc2125-payment-transactions-2025", "hdcchc2125-routed-electronic-2025", "nq06tu-docs-electronic-2025",
    "nq06tu-dvc-full-online-eligible-2021", "nq06tu-dvc-level4-2025", "nq06tu-reports-system-xa-2025",
    "nq06tu-satisfaction-procedures-2025", "nq06tu-satisfaction-services-2025",
    "nq06tu-socioeconomic-reports-system-xa-2025", "nq06tu-workfiles-online-xa-2025", "qd17-adults-eid-2023",
    "qd17-age15-payment-account-2023", "qd17-dossiers-remote-online-2023", "qd17-ehr-2023",
    "qd17-households-fibre-2023", "qd17-results-digitised-2023", "qd17-security-level-approved-2023",
    "qd17-smartphone-subscriptions-2023", "qd411-adults-signature-2025", "qd411-adults-smartphone-2025",
    "qd411-digital-skills-2025", "qd749-population-epayment-2025", "qd942-docs-signed-2025",
    "qd942-dossiers-full-online-2025", "qd942-officials-digital-identity-2025",
]
"""What `checker targets --year 2023 --unit hai-duong --level xa` chose before targets had in-force dates."""


def test_2023_hai_duong_listing_is_unchanged():
    result = CliRunner().invoke(checker_main, ["targets", "--year", "2023", "--unit", "hai-duong", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert sorted(row["id"] for row in json.loads(result.output)) == HAI_DUONG_2023


def test_targets_date_option_answers_what_applied_that_day():
    runner = CliRunner()
    result = runner.invoke(checker_main, ["targets", "--date", "2026-06-30", "--unit", NAM_THANH_MIEN,
                                          "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["indicator"]: row for row in json.loads(result.output)}
    assert rows["staff.equipped_share"]["document"] == "11/QĐ-BCĐCP"
    assert rows["workfiles.online_signed_share"]["document"] == "2629/QĐ-TTg"
    before = runner.invoke(checker_main, ["targets", "--date", "2025-11-30", "--unit", NAM_THANH_MIEN])
    assert "942/QĐ-TTg" in before.output.partition("Không còn áp dụng")[0]
    assert "30/11/2025" in before.output.splitlines()[0]
    for args in (["--date", "30/06/2026"], ["--date", "2026-06-30", "--year", "2025"], []):
        bad = runner.invoke(checker_main, ["targets", *args])
        assert bad.exit_code == 2 and "Traceback" not in bad.output, args


INDICATORS = sorted({s.target.indicator for s in current().targets})
days = st.dates(min_value=D(2021, 1, 1), max_value=D(2031, 12, 31))


@given(st.sampled_from(INDICATORS), days, st.sampled_from([ELSEWHERE, CHI_LANG_NAM, NAM_THANH_MIEN]))
def test_the_chosen_target_is_in_force_on_the_period_end(indicator, on, unit):
    choice = current().choose(indicator, on.year, "xa", unit, on=on)
    if choice is None:
        return
    assert in_force_on(choice.chosen, on)
    assert all(in_force_on(o, on) for o in choice.overridden)
    assert all(in_force_window(r)[1] < on for r in choice.retired)
    assert choice.chosen not in choice.retired


def test_bundled_targets_have_no_from_year_workaround_left():
    qd2629 = [s.target for s in current().targets if s.document.number == "2629/QĐ-TTg"]
    assert {t.from_year for t in qd2629 if t.stage == "2025-2027"} == {2025}
    assert {s.target.from_year for s in current().targets if s.document.number == "03/NQ-CP"} == {2025}


@pytest.mark.parametrize(("on", "expected"), [(D(2025, 6, 30), "hai-duong"), (D(2025, 7, 1), "hai-phong")])
def test_ancestry_boundary_of_the_merger(on, expected):
    assert current().units.ancestry(CHI_LANG_NAM, on)[1] == expected
