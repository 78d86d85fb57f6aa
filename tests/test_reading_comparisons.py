"""A change against another period or an addition is not the period's figure ("tăng 16 thành viên")."""

from __future__ import annotations

from tests.test_document_reading import _read, _values


def test_an_increase_over_last_year_is_not_the_figure(tmp_path):
    draft, candidates = _read(tmp_path, "Tổ công nghệ số cộng đồng xã có 12 thành viên, tăng 03 thành viên so "
                                        "với năm 2024.\n")
    assert [m["value"] for m in _values(draft, "directives.community_team_commune_members")] == [12]
    assert any(c.value == 3 and "change" in c.reason for c in candidates)


def test_equipment_added_is_not_the_stock(tmp_path):
    draft, _ = _read(tmp_path, "Trong quý, xã được trang bị thêm 02 máy quét tài liệu.\n")
    assert not _values(draft, "infra.scanners")


def test_a_figure_that_rose_to_a_value_is_that_value(tmp_path):
    draft, _ = _read(tmp_path, "Số máy quét tài liệu tăng lên 06 máy.\n")
    assert [m["value"] for m in _values(draft, "infra.scanners")] == [6]


def test_parts_named_by_a_short_word_are_read_with_their_whole(tmp_path):
    draft, _ = _read(tmp_path, "- Máy tính: 31 máy (để bàn 26, xách tay 05); máy quét: 02 máy.\n")
    assert [m["value"] for m in _values(draft, "infra.computers")] == [31]
    assert [m["value"] for m in _values(draft, "infra.desktops")] == [26]
    assert [m["value"] for m in _values(draft, "infra.laptops")] == [5]


def test_residents_are_not_the_staff(tmp_path):
    draft, _ = _read(tmp_path, "Dân cư thường trú 1.204 người, chủ yếu là ngư dân và gia đình cán bộ.\n")
    assert not _values(draft, "staff.officials")


def test_a_short_goals_line_ending_in_a_colon_heads_goals(tmp_path):
    draft, _ = _read(tmp_path, "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng đạt 84,1%.\n\n"
                               "Nhiệm vụ quý IV năm 2025:\n"
                               "- Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng đạt trên 90%;\n\n"
                               "Nơi nhận:\n- Như trên;\n")
    assert [m["percent"] for m in _values(draft, "workfiles.online_share")] == [84.1]
    assert [m["percent"] for m in _values(draft, "workfiles.online_share", goals=True)] == [90]


def test_a_fraction_of_officials_with_an_official_mailbox_is_the_share(tmp_path):
    draft, _ = _read(tmp_path, "- 24/24 cán bộ, công chức được cấp tài khoản thư điện tử công vụ.\n")
    (share,) = _values(draft, "email.officials_with_account_share")
    assert (share["numerator"], share["denominator"]) == (24, 24)


def test_computers_on_the_lan_state_the_lan_unless_the_report_answers_it(tmp_path):
    draft, _ = _read(tmp_path, "- Số máy tính kết nối mạng LAN: 18 máy.\n")
    assert [m["flag"] for m in _values(draft, "infra.lan")] == [True]
    draft, _ = _read(tmp_path, "STT | Nội dung | Kết quả\n1 | Hệ thống mạng LAN của đơn vị | Không\n"
                               "2 | Số máy tính kết nối mạng LAN | 18\n")
    assert [m["flag"] for m in _values(draft, "infra.lan")] == [False]
