"""CS064: a report naming a unit merged away before its period end says which unit replaced it."""

import pytest

from checker.catalogue.store import current
from checker.decide.evaluate import evaluate
from checker.model.report import Report
from tests.conftest import report_dict


def findings(identity, period):
    data = report_dict(period=period)
    data["identity"] = identity
    return evaluate(Report.model_validate(data), [current().rule("CS064")]).findings


def test_a_split_commune_names_every_unit_it_went_to():
    # xã Thượng Quận (thị xã Kinh Môn): part to Trần Liễu (khoản 42), the rest to Phú Thái (khoản 109)
    found = findings({"commune": "Thượng Quận", "district": "Kinh Môn", "province": "Hải Dương"},
                     {"year": 2026, "kind": "half"})
    assert len(found) == 1
    message = found[0].message.vi
    assert "Trần Liễu (nhập một phần)" in message and "xã Phú Thái (phần còn lại)" in message
    assert "khoản 42" in message and "khoản 109" in message and found[0].pointer == "/identity/commune"
    assert found[0].severity == "warning" and "Traceback" not in message


def test_a_chain_of_mergers_ends_at_the_unit_in_force():
    # Đồng Tâm → thị trấn Ninh Giang (1/1/2025) → xã Ninh Giang (1/7/2025, khoản 99)
    identity = {"commune": "Đồng Tâm", "district": "Ninh Giang", "province": "Hải Dương",
                "unit_code": "hai-duong/ninh-giang/dong-tam"}
    first_half = findings(identity, {"year": 2025, "kind": "half"})
    assert "thị trấn Ninh Giang" in first_half[0].message.vi and "31/12/2024" in first_half[0].message.vi
    later = findings(identity, {"year": 2026, "kind": "year"})
    assert "xã Ninh Giang" in later[0].message.vi and later[0].pointer == "/identity/unit_code"
    assert not findings(identity, {"year": 2024, "kind": "year"})


@pytest.mark.parametrize(
    ("identity", "fires"),
    [
        ({"commune": "Tứ Kỳ", "unit_type": "thi_tran", "district": "Tứ Kỳ", "province": "Hải Dương"}, True),
        ({"commune": "Tứ Kỳ", "province": "Hải Phòng"}, False),  # the new xã Tứ Kỳ
        ({"commune": "Tứ Kỳ", "province": "TP Hải Phòng"}, False),
        ({"commune": "Không Có Tên Này", "province": "Hải Dương"}, False),  # unknown: not ours to judge
        ({"commune": "Chi Lăng Nam", "province": "Hải Dương", "unit_code": "elsewhere/x"}, False),
    ],
)
def test_names_are_matched_by_type_and_province(identity, fires):
    assert bool(findings(identity, {"year": 2026, "kind": "half"})) is fires


def test_former_communes_are_found_in_the_new_units_predecessors():
    units = current().units
    assert units.formed_from("Xã Chi Lăng Nam", province="hai-duong")[0][0] == "hai-phong/nam-thanh-mien"
    assert units.formed_from("Chi Lăng Nam", "phuong") == []
    assert units.formed_from("Thượng Quận", district="Huyện Tứ Kỳ") == []
    assert {c for c, _ in units.formed_from("Thượng Quận", district="Thị xã Kinh Môn")} == {
        "hai-phong/tran-lieu", "hai-phong/phu-thai"}
