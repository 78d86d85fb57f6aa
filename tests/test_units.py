"""The unit hierarchy after 1/7/2025: Hải Phòng's 114 units (NQ 1669/NQ-UBTVQH15), successors, lookup, errors."""

import datetime as dt
import subprocess
import sys
import textwrap
import unicodedata
from collections import Counter

import pytest
import yaml

from checker.catalogue.paths import data_dir
from checker.catalogue.store import current
from checker.catalogue.units import load_units, unit_files
from checker.core.errors import InputError
from checker.decide.evaluate import evaluate
from checker.model.report import Report
from tests.conftest import ROOT, report_dict

UNITS = current().units
GENERATED = ROOT / "targets" / "units" / "hai-phong-2025.yaml"
CHI_LANG_NAM = "hai-duong/thanh-mien/chi-lang-nam"
DONG_TAM = "hai-duong/ninh-giang/dong-tam"
MINH_DUC = "hai-duong/tu-ky/minh-duc"
REFORM = dt.date(2025, 7, 1)


def new_units():
    return {code: unit for code, unit in UNITS.items()
            if unit.parent == "hai-phong" and unit.level == "xa" and unit.valid_from == REFORM}


def test_hai_phong_has_114_units_67_xa_45_phuong_2_dac_khu():
    found = new_units()
    assert len(found) == 114
    assert Counter(unit.type for unit in found.values()) == {"xa": 67, "phuong": 45, "dac_khu": 2}


def test_every_new_unit_cites_its_khoan_and_lists_what_it_was_formed_from():
    found = new_units()
    articles = sorted(int(unit.source.article.rsplit(" ", 1)[1]) for unit in found.values()
                      if unit.source and unit.source.document == "1669/NQ-UBTVQH15")
    assert articles == list(range(1, 115))
    for code, unit in found.items():
        assert unit.predecessors or unit.unchanged, code
        assert unit.name.split()[0] in ("Xã", "Phường", "Đặc"), code
        for pred in unit.predecessors:
            assert pred.province in ("hai-duong", "hai-phong")
            assert pred.district or pred.type == "huyen", (code, pred.name)


def test_codes_are_unique_in_the_files_and_across_them():
    raw = yaml.safe_load(GENERATED.read_text(encoding="utf-8"))["units"]
    codes = [entry["code"] for entry in raw]
    assert len(codes) == len(set(codes))
    hand = yaml.safe_load((ROOT / "targets" / "units.yaml").read_text(encoding="utf-8"))["units"]
    assert not set(codes) & set(hand)
    # names that differ only in diacritics get the khoản in their codes
    assert UNITS["hai-phong/cam-giang-82"].name == "Xã Cẩm Giàng"
    assert UNITS["hai-phong/cam-giang-83"].name == "Xã Cẩm Giang"


def test_the_seed_communes_resolve_to_their_successors():
    assert UNITS.successor_at(CHI_LANG_NAM, dt.date(2025, 6, 30)) == CHI_LANG_NAM
    assert UNITS.successor_at(CHI_LANG_NAM, REFORM) == "hai-phong/nam-thanh-mien"
    assert UNITS.successor_at(MINH_DUC, REFORM) == "hai-phong/tu-ky"
    # Đồng Tâm went into thị trấn Ninh Giang on 1/1/2025, which went into xã Ninh Giang on 1/7/2025
    assert UNITS.successor_at(DONG_TAM, dt.date(2024, 12, 31)) == DONG_TAM
    assert UNITS.successor_at(DONG_TAM, dt.date(2025, 3, 1)) == "hai-duong/ninh-giang/ninh-giang"
    assert UNITS.successor_at(DONG_TAM, dt.date(2026, 1, 1)) == "hai-phong/ninh-giang"
    # an abolished district has no successor; the new city has none because it has not ended
    assert UNITS.successor_at("hai-duong/thanh-mien", REFORM) is None
    assert UNITS.successor_at("hai-phong", dt.date(2026, 1, 1)) == "hai-phong"
    with pytest.raises(KeyError):
        UNITS.successor_at("no/such/unit", REFORM)


def test_predecessors_name_the_seed_communes_with_their_codes():
    names = {p.name: p for p in UNITS.predecessors_of("hai-phong/nam-thanh-mien")}
    assert set(names) == {"Xã Hồng Phong", "Xã Thanh Giang", "Xã Chi Lăng Bắc", "Xã Chi Lăng Nam"}
    assert names["Xã Chi Lăng Nam"].code == CHI_LANG_NAM and names["Xã Chi Lăng Nam"].share == "whole"
    assert names["Xã Chi Lăng Nam"].district == "Huyện Thanh Miện" and names["Xã Chi Lăng Nam"].province == "hai-duong"
    tu_ky = {p.name: p.code for p in UNITS.predecessors_of("hai-phong/tu-ky")}
    assert tu_ky["Xã Minh Đức"] == MINH_DUC and "Thị trấn Tứ Kỳ" in tu_ky
    assert DONG_TAM in {p.code for p in UNITS.predecessors_of("hai-duong/ninh-giang/ninh-giang")}
    # units whose successor it is count too: Tỉnh Hải Dương for the city
    assert "hai-duong" in {p.code for p in UNITS.predecessors_of("hai-phong")}


def test_split_former_units_record_their_parts_and_rest():
    hoa_binh = [(code, p.share, p.after) for code in new_units() for p in UNITS.predecessors_of(code)
                if p.name == "Xã Hòa Bình" and p.district == "Huyện Kim Thành"]
    assert sorted(hoa_binh) == [("hai-phong/ha-nam", "part_area", ()), ("hai-phong/kim-thanh", "rest", (79,))]
    assert [p.name for p in UNITS.predecessors_of("hai-phong/bach-long-vi")] == ["Huyện Bạch Long Vĩ"]


@pytest.mark.parametrize("name", [
    "Xã Nam Thanh Miện", "NAM THANH MIỆN", "nam thanh miện", "UBND XÃ NAM THANH MIỆN",
    "Ủy ban nhân dân xã Nam Thanh Miện", unicodedata.normalize("NFD", "Xã Nam Thanh Miện"),
    unicodedata.normalize("NFD", "UBND XÃ NAM THANH MIỆN"), "  Xã  Nam   Thanh Miện ",
])
def test_lookup_by_name_normalises_case_form_and_type_word(name):
    assert UNITS.unit_by_name(name, province="hai-phong") == "hai-phong/nam-thanh-mien"
    assert UNITS.unit_by_name(name, "xa", province="hai-phong") == "hai-phong/nam-thanh-mien"


def test_lookup_by_name_respects_type_province_date_and_tone_placement():
    assert UNITS.unit_by_name("Phường Nam Thanh Miện") is None
    assert UNITS.unit_by_name("Nam Thanh Miện", "phuong") is None
    assert UNITS.unit_by_name("Xã Nam Thanh Miện", province="hai-duong") is None
    assert UNITS.unit_by_name("Xã Nam Thanh Miện", on=dt.date(2025, 6, 30)) is None
    assert UNITS.unit_by_name("Xã Nam Thanh Miện", on=dt.date(2026, 3, 31)) == "hai-phong/nam-thanh-mien"
    assert UNITS.unit_by_name("Đặc khu Cát Hải") == "hai-phong/cat-hai"
    thuy_nguyen = UNITS.unit_by_name("Phường Thuỷ Nguyên")
    assert UNITS.unit_by_name("PHƯỜNG THỦY NGUYÊN") == thuy_nguyen == "hai-phong/thuy-nguyen"
    assert UNITS.unit_by_name("Xã Vĩnh Hoà") == "hai-phong/vinh-hoa"
    # the same name, two units: thị trấn Ninh Giang (until 30/6/2025) and xã Ninh Giang (from 1/7/2025)
    assert set(UNITS.units_named("Ninh Giang", province=None)) >= {"hai-duong/ninh-giang/ninh-giang",
                                                                   "hai-phong/ninh-giang"}
    assert UNITS.unit_by_name("Ninh Giang", "xa") == "hai-phong/ninh-giang"
    assert UNITS.unit_by_name("UBND XÃ NINH GIANG", on=dt.date(2025, 12, 31)) == "hai-phong/ninh-giang"
    assert UNITS.unit_by_name("Chi Lăng Nam", "xa", province="hai-duong") == CHI_LANG_NAM


def tg001(unit_code, period):
    data = report_dict(period=period, indicators={"workfiles.online_share": {"percent": 65}})
    data["identity"]["unit_code"] = unit_code
    return evaluate(Report.model_validate(data), [current().rule("TG001")]).findings[0]


def test_first_half_2025_of_a_former_commune_keeps_hai_duong_second_half_of_its_successor_gets_hai_phong():
    before = tg001(CHI_LANG_NAM, {"year": 2025, "kind": "half"})  # ends 30/6/2025
    assert before.target.layer == "hai-duong" and before.target.threshold == 70 and before.status == "not_met"
    assert UNITS.ancestry(CHI_LANG_NAM, dt.date(2025, 6, 30)) == ["vn", "hai-duong", "hai-duong/thanh-mien",
                                                                  CHI_LANG_NAM]
    after = tg001("hai-phong/nam-thanh-mien",
                  {"year": 2025, "kind": "half", "start": "2025-07-01", "end": "2025-12-31"})
    assert UNITS.ancestry("hai-phong/nam-thanh-mien", dt.date(2025, 12, 31)) == ["vn", "hai-phong",
                                                                         "hai-phong/nam-thanh-mien"]
    assert after.target.layer in ("vn", "hai-phong")
    assert not any("06-NQ/TU" in overridden for overridden in after.target.overrides)
    # the same indicator chosen directly, as the target check does (hierarchy read at the period end)
    choice = current().choose("workfiles.online_share", 2025, "xa", "hai-phong/nam-thanh-mien",
                              on=dt.date(2025, 12, 31))
    assert "hai-duong" not in {choice.chosen.document.scope, *(o.document.scope for o in choice.overridden)}
    # the former commune's own code after the reform reads the successor's chain
    assert UNITS.ancestry(CHI_LANG_NAM, dt.date(2025, 12, 31)) == ["vn", "hai-phong", "hai-phong/nam-thanh-mien"]


def write(tmp_path, text, name="extra.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


BASE = ROOT / "targets" / "units.yaml"


def error_of(paths):
    with pytest.raises(InputError) as info:
        load_units(paths)
    return info.value


def test_the_bundled_unit_files_load_and_the_generated_file_is_up_to_date():
    assert unit_files(data_dir("targets"))[0] == BASE and GENERATED in unit_files(data_dir("targets"))
    assert len(load_units(unit_files(data_dir("targets")))) == len(UNITS)
    result = subprocess.run([sys.executable, "scripts/units_hai_phong_2025.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "114 units (67 xã, 45 phường, 2 đặc khu)" in result.stdout


def test_a_code_defined_again_in_another_file_is_an_input_error(tmp_path):
    path = write(tmp_path, """
        units:
          - {code: hai-duong/tu-ky/minh-duc, name: Xã Minh Đức, level: xa, parent: hai-duong/tu-ky}
    """)
    error = error_of([*unit_files(data_dir("targets")), path])
    assert error.file == str(path)
    assert error.problems[0].pointer == "/units/0/code" and "duplicate" in error.problems[0].message
    assert str(BASE) in error.problems[0].message


def test_a_code_twice_in_one_file_is_an_input_error(tmp_path):
    listed = write(tmp_path, """
        units:
          - {code: x/a, name: Xã A, level: xa, parent: vn}
          - {code: x/a, name: Xã B, level: xa, parent: vn}
    """)
    error = error_of([*unit_files(data_dir("targets")), listed])
    assert error.file == str(listed) and error.problems[0].pointer == "/units/1/code"
    mapping = write(tmp_path, """
        units:
          x/a: {name: Xã A, level: xa, parent: vn}
          x/a: {name: Xã B, level: xa, parent: vn}
    """, "mapping.yaml")
    error = error_of([*unit_files(data_dir("targets")), mapping])
    assert error.file == str(mapping) and error.problems[0].pointer == "/units/x~1a"
    assert "line 4" in error.problems[0].message


def test_a_predecessor_pointing_to_an_unknown_code_is_an_input_error(tmp_path):
    path = write(tmp_path, """
        units:
          - code: hai-phong/thu
            name: Xã Thử
            level: xa
            parent: hai-phong
            valid_from: 2025-07-01
            predecessors:
              - {name: Xã Ma, type: xa, province: hai-duong, code: hai-duong/thanh-mien/ma}
    """)
    error = error_of([*unit_files(data_dir("targets")), path])
    assert error.file == str(path)
    assert error.problems[0].pointer == "/units/0/predecessors/0/code"
    assert error.problems[0].got == "hai-duong/thanh-mien/ma"


@pytest.mark.parametrize(("entry", "pointer"), [
    ("{code: hai-phong/thu, name: Xã Thử, level: xa, parent: hai-phong/khong-co}", "/units/0/parent"),
    ("{code: hai-phong/thu, name: Xã Thử, level: xa, parent: hai-phong, colour: red}", "/units/0/colour"),
    ("{code: hai-phong/thu, name: Xã Thử, level: xa, type: quan, parent: hai-phong}", "/units/0/type"),
    ("{code: hai-phong/thu, name: Xã Thử, level: xa, parent: hai-phong, valid_from: 2025-07-01, "
     "predecessors: [{name: Xã Chi Lăng Nam, type: xa, province: hai-duong, code: hai-duong/thanh-mien/chi-lang-nam}]}",
     "/units/0/predecessors/0/code"),  # Chi Lăng Nam's successor is Nam Thanh Miện, not this unit
    ("{name: Xã Thử, level: xa, parent: hai-phong}", "/units/0/code"),
])
def test_broken_units_name_file_and_field(tmp_path, entry, pointer):
    path = write(tmp_path, f"units:\n  - {entry}\n")
    error = error_of([*unit_files(data_dir("targets")), path])
    assert error.file == str(path) and error.problems[0].pointer == pointer
    assert str(path) in error.render() and "Traceback" not in error.render()
