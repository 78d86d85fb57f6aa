"""A 2026 report of a Hải Phòng commune: quoted obsolete targets, cited repealed documents, new indicators."""

import json

import pytest

from checker.catalogue.store import current
from checker.core.errors import InputError
from checker.decide.checks.obsolete import document_key
from checker.decide.evaluate import evaluate
from checker.model.report import Report
from checker.model.schema import report_schema
from checker.read.json_report import load_report
from tests.conftest import FIXTURES, report_dict

FIXTURE = FIXTURES / "nam-thanh-mien-2026-h1.json"
POST_REFORM = ["workfiles.online_signed_share", "staff.equipped_share", "signatures.officials_personal_share",
               "hr.officials_trained_share", "dvc.boundary_free_share", "dvc.business_online_share",
               "dossiers.digitised_reuse_share", "reporting.via_system_share", "dossiers.full_online_share",
               "directives.community_team_commune_members"]


def test_the_2026_fixture_is_judged_by_qd_2629_and_the_city_never_by_qd_942():
    findings = evaluate(load_report(FIXTURE)).findings
    targets = [f for f in findings if f.category == "target"]
    documents = {f.target.document for f in targets}
    assert "2629/QĐ-TTg" in documents and "5256/QĐ-UBND" in documents and "942/QĐ-TTg" not in documents
    signed = next(f for f in targets if f.rule_id == "TG032")
    assert signed.status == "not_met" and signed.target.document == "2629/QĐ-TTg" and signed.severity == "warning"
    assert "thay thế 942/QĐ-TTg" in signed.message.vi
    assert next(f for f in targets if f.rule_id == "TG034").severity == "error"  # QĐ 11/QĐ-BCĐCP, 2026
    quoted = [f for f in findings if f.rule_id == "CS065"]
    assert len(quoted) == 1 and "227/KH-UBND" in quoted[0].message.vi and quoted[0].evidence.items[0].line == 46
    cited = [f for f in findings if f.rule_id == "CS066"]
    assert len(cited) == 1 and "2629/QĐ-TTg (Điều 2)" in cited[0].message.vi
    assert not [f for f in findings if f.rule_id == "CS064"]  # the new unit's own name


def test_quoted_target_accepts_vietnamese_numbers_and_rejects_unknown_codes():
    data = report_dict(period={"year": 2026, "kind": "half"})
    data["cited_targets"] = [{"indicator": "workfiles.online_share", "threshold": "60,0 %"}]
    assert Report.model_validate(data).cited_targets[0].threshold == 60
    data["cited_targets"] = [{"indicator": "no.such", "threshold": 60}]
    with pytest.raises(ValueError, match="no.such"):
        Report.model_validate(data)


def test_unknown_quoted_code_in_a_file_is_an_input_error_naming_the_field(tmp_path):
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["cited_targets"][0]["indicator"] = "no.such"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_report(path)
    assert "/cited_targets/0/indicator" in info.value.render()


@pytest.mark.parametrize(("text", "key"), [
    ("Quyết định số 942/QĐ-TTg ngày 15/6/2021", "942/qđ-ttg"), ("03-NQ/TU", "03-nq/tu"),
    ("Nghị định 307/2025/NĐ-CP", "307/2025/nđ-cp"), ("không số", None), (None, None)])
def test_document_numbers_are_compared_by_their_number(text, key):
    assert document_key(text) == key


def test_post_reform_indicators_are_in_the_schema_and_the_catalogue():
    schema = report_schema()
    codes = schema["properties"]["indicators"]["propertyNames"]["enum"]
    assert set(POST_REFORM) <= set(codes) and set(POST_REFORM) <= set(current().indicators)
    assert "cited_targets" in schema["properties"] and "CitedTarget" in schema["$defs"]


def test_blank_form_has_a_row_for_each_post_reform_indicator_and_a_quoted_targets_section(tmp_path):
    from openpyxl import load_workbook

    from checker.read.xlsx.writer import write_form

    path = tmp_path / "form.xlsx"
    write_form(path)
    keys = [row[0] for row in load_workbook(path).active.iter_rows(min_col=1, max_col=1, values_only=True)]
    assert set(POST_REFORM) <= set(keys) and "#cited_targets" in keys
