"""How the document reader follows sentence structure, and how check treats a reading it cannot trust."""

from __future__ import annotations

import json

from click.testing import CliRunner

from checker.cli.check import check_main
from checker.read.document import load_document
from tests.conftest import FIXTURES

HEAD = """ỦY BAN NHÂN DÂN
XÃ NAM THANH MIỆN
Số: 45/BC-UBND
Nam Thanh Miện, ngày 26 tháng 9 năm 2025

BÁO CÁO
Kết quả thực hiện chuyển đổi số quý III năm 2025

Kính gửi: Sở Khoa học và Công nghệ thành phố Hải Phòng.

II. KẾT QUẢ THỰC HIỆN
"""


def _read(tmp_path, body: str, name: str = "bao-cao.txt"):
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return load_document(path)


def _values(draft, code, goals=False):
    section = (draft.get("goals") or {}).get("indicators", {}) if goals else draft["indicators"]
    found = section.get(code)
    return [] if found is None else found if isinstance(found, list) else [found]


def test_table_row_number_is_not_the_value(tmp_path):
    draft, _ = _read(tmp_path, "STT | Nội dung | Đơn vị tính | Số lượng | Ghi chú\n"
                               "1 | Tổng số cán bộ, công chức | Người | 21 |\n"
                               "2 | Số máy tính để bàn | Cái | 19 |\n"
                               "5 | Máy in | Cái | 12 |\n")
    assert [m["value"] for m in _values(draft, "staff.officials")] == [21]
    assert [m["value"] for m in _values(draft, "infra.desktops")] == [19]
    assert [m["value"] for m in _values(draft, "infra.printers")] == [12]
    assert all(m["line"] for m in _values(draft, "infra.printers"))


def test_parts_in_brackets_are_parts_not_totals(tmp_path):
    draft, _ = _read(tmp_path, "Tổng số cán bộ, công chức, viên chức của xã là 70 người (17 cán bộ, 41 công chức, "
                               "12 viên chức).\n")
    (officials,) = _values(draft, "staff.officials")
    assert officials["value"] == 70
    assert officials["parts"] == {"cán bộ": 17, "công chức": 41, "viên chức": 12}


def test_trong_do_narrows_to_signed_outgoing_and_one_number_states_two_facts(tmp_path):
    draft, _ = _read(tmp_path, "Văn bản đi: 874 văn bản, trong đó ký số và phát hành điện tử 874 văn bản.\n")
    assert [m["value"] for m in _values(draft, "docs.outgoing")] == [874]
    assert [m["value"] for m in _values(draft, "docs.signed_outgoing")] == [874]
    assert [m["value"] for m in _values(draft, "docs.outgoing_electronic")] == [874]
    assert not _values(draft, "docs.signed")


def test_fraction_with_bracketed_share_is_one_statement(tmp_path):
    draft, _ = _read(tmp_path, "Đã có 68/70 cán bộ, công chức, viên chức (đạt 97,1%) được cấp chữ ký số cá nhân.\n")
    (share,) = _values(draft, "signatures.officials_personal_share")
    assert (share["numerator"], share["denominator"], share["percent"]) == (68, 70, 97.1)


def test_target_quoted_from_a_plan_is_not_a_result_nor_a_goal(tmp_path):
    draft, candidates = _read(tmp_path, "- Theo Kế hoạch số 12/KH-UBND ngày 18/01/2025 của UBND xã, chỉ tiêu số hóa "
                                        "kết quả giải quyết TTHC năm 2025 là 100%, đến nay chưa đạt.\n")
    assert not _values(draft, "dossiers.results_digitised_share")
    assert any("kế hoạch" in c.reason for c in candidates)


def test_goals_section_gives_goals(tmp_path):
    draft, _ = _read(tmp_path, "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình đạt 50%.\n\nIV. NHIỆM VỤ QUÝ IV NĂM 2025\n"
                               "- Phấn đấu tỷ lệ hồ sơ xử lý trực tuyến toàn trình trên tổng số hồ sơ đạt trên 80%.\n")
    assert [m["percent"] for m in _values(draft, "dossiers.full_online_share")] == [50]
    (goal,) = _values(draft, "dossiers.full_online_share", goals=True)
    assert (goal["percent"], goal["qualifier"]) == (80, "more_than")


def test_dac_khu_letterhead_and_post_reform_unit_code(tmp_path):
    draft, _ = load_document(FIXTURES / "intake" / "bach-long-vi-dac-khu-2026-q1.txt")
    assert draft["identity"]["unit_type"] == "dac_khu"
    assert draft["identity"]["unit_code"] == "hai-phong/bach-long-vi"
    assert "district" not in draft["identity"]


def _garbled(tmp_path, keep_head: bool = False):
    """A report whose UTF-8 was read as Latin-1 (all of it, or all but the letterhead and title)."""
    lines = (FIXTURES / "intake" / "nam-thanh-mien-2025-q3.txt").read_text(encoding="utf-8").splitlines()
    kept = lines[:12] if keep_head else []
    broken = [line.encode("utf-8").decode("latin-1") for line in lines[len(kept):]]
    path = tmp_path / "hong-dau.txt"
    path.write_text("\n".join(kept + broken) + "\n", encoding="utf-8")
    return path


def test_garbled_text_is_refused_with_exit_2(tmp_path):
    result = CliRunner().invoke(check_main, [str(_garbled(tmp_path)), "--fail-on", "never"])
    assert result.exit_code == 2, result.output
    assert "không đọc được văn bản này một cách tin cậy" in result.output
    assert "lỗi mã hóa" in result.output  # the legibility sign: UTF-8 read as Windows-1252


def test_force_checks_anyway_and_says_so_in_table_and_json(tmp_path):
    path = _garbled(tmp_path, keep_head=True)
    refused = CliRunner().invoke(check_main, [str(path), "--fail-on", "never"])
    assert refused.exit_code == 2 and "không đọc được văn bản này một cách tin cậy" in refused.output
    table = CliRunner().invoke(check_main, [str(path), "--fail-on", "never", "--force"])
    assert table.exit_code == 0, table.output
    assert "KIỂM TRA BẮT BUỘC (--force)" in table.output
    data = json.loads(CliRunner().invoke(check_main, [str(path), "--format", "json", "--fail-on", "never",
                                                      "--force"]).stdout)
    assert data["reports"][0]["report"]["reading"]["forced"]


def test_unplaced_numbers_are_listed_in_table_and_json():
    path = FIXTURES / "intake" / "nam-thanh-mien-2025-q3.txt"
    data = json.loads(CliRunner().invoke(check_main, [str(path), "--format", "json", "--fail-on", "never"]).stdout)
    reading = data["reports"][0]["report"]["reading"]
    assert reading["forced"] == []
    assert reading["unplaced_count"] == len(reading["unplaced"]) > 0
    area = next(u for u in reading["unplaced"] if u["value"] == 28.6)  # the commune's area has no indicator
    assert area["line"] == 15 and "28,6 km²" in area["quote"]
    table = CliRunner().invoke(check_main, [str(path), "--fail-on", "never"]).output
    assert f"numbers left unplaced ({reading['unplaced_count']})" in table
    assert "dòng 15: 28,6" in table


def test_json_report_has_no_reading_block():
    path = FIXTURES / "chi-lang-nam-thanh-mien-2023.json"
    data = json.loads(CliRunner().invoke(check_main, [str(path), "--format", "json", "--fail-on", "never"]).stdout)
    assert "reading" not in data["reports"][0]["report"]


def test_a_share_over_100_percent_is_never_placed(tmp_path):
    draft, candidates = _read(tmp_path, "Tỷ lệ hồ sơ giải quyết trực tuyến đạt 105,6 %.\n")
    assert not _values(draft, "dossiers.online_share")
    assert any(c.value == 105.6 and "trên 100 %" in c.reason for c in candidates)
