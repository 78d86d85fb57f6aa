import pytest
from pydantic import ValidationError

from checker.model.report import Report
from tests.conftest import report_dict


def test_vietnamese_number_strings_are_parsed_and_kept():
    report = Report.model_validate(report_dict(indicators={
        "docs.incoming": {"value": "1.255"},
        "dossiers.online_share": {"percent": "98,34 %"},
    }))
    measure = report.measure("docs.incoming")
    assert measure.value == 1255
    assert measure.parsed_from == {"value": "1.255"}
    assert report.measure("dossiers.online_share").percent == 98.34


def test_absent_is_not_zero():
    report = Report.model_validate(report_dict(indicators={"dossiers.late": {"value": 0}}))
    assert report.measure("dossiers.late").value == 0
    assert report.measure("dossiers.resolved") is None


def test_one_statement_or_a_list():
    report = Report.model_validate(report_dict(indicators={
        "docs.electronic_share": [{"percent": 100}, {"percent": 80}],
        "staff.officials": {"value": 20},
    }))
    assert [m.percent for m in report.indicators["docs.electronic_share"]] == [100, 80]
    assert len(report.indicators["staff.officials"]) == 1


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ({"surprise": 1}, "surprise"),
        ({"indicators": {"no.such.code": {"value": 1}}}, "no.such.code"),
        ({"indicators": {"staff.officials": {"value": 1, "colour": "red"}}}, "colour"),
        ({"indicators": {"staff.officials": {}}}, "staff.officials"),
        ({"indicators": {"staff.officials": {"value": "hai mươi"}}}, "hai mươi"),
    ],
)
def test_unknown_or_wrong_input_is_an_error(extra, needle):
    with pytest.raises(ValidationError) as info:
        Report.model_validate(report_dict(**extra))
    assert needle in str(info.value)


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [({"year": 2023, "kind": "year"}, "2023-01-01", "2023-12-31"),
     ({"year": 2023, "kind": "half"}, "2023-01-01", "2023-06-30"),
     ({"year": 2024, "kind": "nine_months"}, "2024-01-01", "2024-09-30"),
     ({"year": 2024, "kind": "quarter", "quarter": 1}, "2024-01-01", "2024-03-31")],
)
def test_period_dates_are_derived(period, start, end):
    report = Report.model_validate(report_dict(period=period))
    assert report.period.start.isoformat() == start
    assert report.period.end.isoformat() == end


def test_quarter_needs_its_number():
    with pytest.raises(ValidationError):
        Report.model_validate(report_dict(period={"year": 2024, "kind": "quarter"}))


def test_text_is_nfc_normalised():
    report = Report.model_validate(report_dict(identity={
        "commune": "Minh \u0110u\u031b\u0301c", "province": "Hải Dương"}))
    assert report.identity.commune == "Minh Đức"
