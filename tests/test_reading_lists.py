"""The reader on lists (issue 12, reader-lists): yes/no answers after labels, and wholes with their parts
named by level or group.

Each test writes invented sentences of one way such lists are built, not lines of a corpus text.
"""

from __future__ import annotations

from checker.read.document.flags import answers, named_flag
from checker.read.document.layout import layout
from checker.read.document.numbers_in_text import tokens
from checker.read.document.teams import read_teams
from checker.read.document.text import Line
from checker.read.document.wording import fold
from tests.test_document_reading import _read, _values


def _flags(draft, code):
    return [m["flag"] for m in _values(draft, code)]


def test_a_semicolon_list_of_labels_and_answers_gives_each_flag(tmp_path):
    draft, _ = _read(tmp_path, "2. Hạ tầng\n- Mạng nội bộ LAN: có; tường lửa: chưa có.\n")
    assert _flags(draft, "infra.firewall") == [False]
    draft, _ = _read(tmp_path, "2. Hạ tầng\n- Tường lửa: không; mạng LAN: có.\n")
    assert _flags(draft, "infra.lan") == [True]
    assert _flags(draft, "infra.firewall") == [False]


def test_an_answer_followed_by_words_is_an_answer_only_before_a_bracket_or_comma(tmp_path):
    draft, _ = _read(tmp_path, "- Phòng họp trực tuyến: chưa có, các cuộc họp dùng máy tính cá nhân.\n")
    assert _flags(draft, "infra.online_meeting_room") == [False]
    draft, _ = _read(tmp_path, "- Tường lửa: có (thiết bị do thành phố cấp).\n")
    assert _flags(draft, "infra.firewall") == [True]


def test_a_team_not_yet_formed_is_a_no(tmp_path):
    draft, _ = _read(tmp_path, "1. Tổ chức\n- Tổ CNS cộng đồng: chưa thành lập.\n")
    assert _flags(draft, "directives.community_team_commune") == [False]


def test_a_label_naming_no_flag_or_a_count_after_co_gives_nothing():
    assert list(answers(fold("- Camera: có (12 chiếc)."), [], str)) == []
    assert list(answers(fold("- Tổ công nghệ số cộng đồng: có 33 tổ ở thôn."), [], str)) == []
    assert named_flag(fold("mạng LAN, phòng họp trực tuyến")) is None  # two flags: no reading


def test_a_bare_answer_answers_the_one_yes_no_question(tmp_path):
    text = ("Câu 1. Xã đã thành lập Ban Chỉ đạo chuyển đổi số chưa? Số thành viên?\n"
            "Trả lời: Đã kiện toàn theo Quyết định số 12/QĐ-UBND ngày 03/3/2025 của UBND xã.\n")
    draft, _ = _read(tmp_path, text)
    assert _flags(draft, "directives.steering_committee") == [True]
    said = list(answers(fold("Trả lời: Có."), ["UBND xã có mạng LAN không", "Mạng LAN có tường lửa không"], str))
    assert said == []  # two yes/no questions: a bare "Có" answers neither for sure


def test_lan_and_firewall_stated_in_prose(tmp_path):
    draft, _ = _read(tmp_path, "Toàn bộ máy tính kết nối mạng LAN; mạng LAN có thiết bị tường lửa.\n")
    assert _flags(draft, "infra.lan") == [True]
    assert _flags(draft, "infra.firewall") == [True]
    draft, _ = _read(tmp_path, "Xã chưa kết nối mạng LAN; đề nghị trang bị tường lửa.\n")
    assert not _flags(draft, "infra.lan")
    assert not _flags(draft, "infra.firewall")


def _value_of(draft, code):
    return [m["value"] for m in _values(draft, code)]


def test_procedures_by_level_in_brackets_with_their_whole(tmp_path):
    draft, _ = _read(tmp_path, "2. Thủ tục hành chính\nXã thực hiện 352 TTHC (toàn trình 201; một phần 107; "
                               "cung cấp thông tin 44).\n")
    assert _value_of(draft, "dvc.procedures_total") == [352]
    assert _value_of(draft, "dvc.full_online") == [201]
    assert _value_of(draft, "dvc.partial_online") == [107]
    assert _value_of(draft, "dvc.info_only") == [44]
    (whole,) = _values(draft, "dvc.procedures_total")
    assert whole["parts"] == {"toàn trình": 201, "một phần": 107, "cung cấp thông tin": 44}


def test_parts_named_after_their_number_after_gom(tmp_path):
    draft, _ = _read(tmp_path, "Phường giải quyết 340 TTHC, gồm: 190 thủ tục toàn trình, 110 thủ tục một phần, "
                               "40 thủ tục cung cấp thông tin.\n")
    assert _value_of(draft, "dvc.procedures_total") == [340]
    assert _value_of(draft, "dvc.partial_online") == [110]
    assert _value_of(draft, "dvc.info_only") == [40]


def test_a_whole_closing_its_colon_list(tmp_path):
    draft, _ = _read(tmp_path, "- TTHC cấp xã: toàn trình 200, một phần 100, chỉ cung cấp thông tin 50 (tổng 350).\n")
    assert _value_of(draft, "dvc.procedures_total") == [350]
    assert _value_of(draft, "dvc.partial_online") == [100]
    assert _value_of(draft, "dvc.info_only") == [50]


def test_signatures_by_holder(tmp_path):
    draft, _ = _read(tmp_path, "- CKS: 15 chứng thư (tổ chức 01; lãnh đạo 04; CC 10).\n")
    assert _value_of(draft, "signatures.certificates") == [15]
    assert _value_of(draft, "signatures.organisation") == [1]
    assert _value_of(draft, "signatures.leaders") == [4]
    assert _value_of(draft, "signatures.officials") == [10]


def test_a_group_named_twice_or_without_its_number_stays_a_candidate(tmp_path):
    draft, _ = _read(tmp_path, "- Chữ ký số: 09 (Chủ tịch, 03 Phó Chủ tịch và 05 công chức).\n")
    assert _value_of(draft, "signatures.officials") == [5]
    assert not _value_of(draft, "signatures.leaders")  # the chairman is a leader too: 03 is not all leaders
    (whole,) = _values(draft, "signatures.certificates")
    assert "parts" not in whole  # the list is not complete: no sum to check


def test_computers_and_trainings_by_kind(tmp_path):
    draft, _ = _read(tmp_path, "UBND xã hiện có 31 máy tính (27 máy để bàn, 04 máy xách tay).\n")
    assert _value_of(draft, "infra.desktops") == [27]
    assert _value_of(draft, "infra.laptops") == [4]
    draft, _ = _read(tmp_path, "Xã tổ chức 02 lớp tập huấn cho 88 lượt cán bộ, công chức (trực tiếp 60 lượt, "
                               "trực tuyến 28 lượt).\n")
    assert _value_of(draft, "hr.trained_in_person") == [60]
    assert _value_of(draft, "hr.trained_online") == [28]


def test_a_list_of_the_websites_posts(tmp_path):
    draft, _ = _read(tmp_path, "- Trang thông tin điện tử xã: 41 tin, bài; 13 văn bản; 2.100 lượt truy cập.\n")
    assert _value_of(draft, "web.articles") == [41]
    assert _value_of(draft, "web.documents_posted") == [13]


def test_parts_of_another_unit_end_the_list(tmp_path):
    draft, _ = _read(tmp_path, "Xã thực hiện 352 TTHC, trong đó toàn trình 150 hồ sơ.\n")
    assert not _value_of(draft, "dvc.full_online")


def test_community_teams_by_level_with_their_members(tmp_path):
    draft, _ = _read(tmp_path, "2. Tổ công nghệ số cộng đồng\n- Cấp xã: 01 tổ với 13 thành viên.\n"
                               "- Thôn, tổ dân phố: 27 tổ với 190 thành viên.\n")
    assert _flags(draft, "directives.community_team_commune") == [True]
    assert _value_of(draft, "directives.community_team_commune_members") == [13]
    assert _value_of(draft, "directives.community_teams_village") == [27]
    assert _value_of(draft, "directives.community_teams_village_members") == [190]


def test_teams_counted_before_their_level(tmp_path):
    draft, _ = _read(tmp_path, "Tổ CNS cộng đồng: phường 01 tổ (14 thành viên); tổ dân phố 19 tổ (133 thành viên).\n")
    assert _value_of(draft, "directives.community_team_commune_members") == [14]
    assert _value_of(draft, "directives.community_teams_village") == [19]
    assert _value_of(draft, "directives.community_teams_village_members") == [133]


def test_the_former_communes_teams_are_not_read_by_level(tmp_path):
    text = ("Tổ công nghệ số cộng đồng: trước sáp nhập, các xã cũ có 21 tổ ở thôn với 150 thành viên; sau sáp "
            "nhập, xã có 19 tổ ở 19 thôn với 140 thành viên.")
    item = layout([Line(1, text)])[0]
    found, _ = tokens(item, item.text)
    reading = read_teams(item.text, found, "")
    assert sorted(found[index].value for index in reading.codes) == [19, 140]
    draft, _ = _read(tmp_path, text + "\n")
    assert 140 in _value_of(draft, "directives.community_teams_village_members")


def test_teams_by_level_only_where_the_teams_are_spoken_of(tmp_path):
    draft, _ = _read(tmp_path, "3. Hạ tầng\n- Cấp xã: 01 tổ với 13 thành viên.\n")
    assert not _flags(draft, "directives.community_team_commune")


def test_a_list_answering_its_question(tmp_path):
    draft, _ = _read(tmp_path, "Câu 20. Số tin, bài và số văn bản đăng trên Trang thông tin điện tử xã trong quý?\n"
                               "Trả lời: 27 tin, bài; 08 văn bản.\n")
    assert _value_of(draft, "web.articles") == [27]
    assert _value_of(draft, "web.documents_posted") == [8]


def test_all_teams_with_the_communes_are_not_the_villages_teams(tmp_path):
    draft, candidates = _read(tmp_path, "Tổ công nghệ số cộng đồng: 10 tổ (01 tổ cấp xã, 09 tổ ở 09 thôn).\n")
    assert _value_of(draft, "directives.community_teams_village") == [9]
    assert _flags(draft, "directives.community_team_commune") == [True]
    assert any(c.value == 10 and "villages' alone" in c.reason for c in candidates)


def test_a_comma_list_that_a_semicolon_ends(tmp_path):
    draft, _ = _read(tmp_path, "Phường giải quyết 340 TTHC, trong đó toàn trình 190, một phần 110, cung cấp thông tin "
                               "40; 100% TTHC thực hiện không phụ thuộc địa giới hành chính.\n")
    assert _value_of(draft, "dvc.procedures_total") == [340]
    assert _value_of(draft, "dvc.full_online") == [190]
    assert _value_of(draft, "dvc.info_only") == [40]


def test_the_wards_streets_are_its_villages(tmp_path):
    draft, _ = _read(tmp_path, "5. Tổ công nghệ số cộng đồng\nPhường có 37 tổ dân phố. Tổ công nghệ số cộng đồng "
                               "phường có 21 thành viên.\n")
    assert _value_of(draft, "directives.villages") == [37]


def test_the_steering_committee_under_its_2025_name(tmp_path):
    draft, _ = _read(tmp_path, "Xã kiện toàn Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và "
                               "chuyển đổi số gồm 15 thành viên.\n")
    assert _flags(draft, "directives.steering_committee") == [True]


def test_the_whole_the_parts_count_when_another_count_stands_before_the_list(tmp_path):
    draft, _ = _read(tmp_path, "Năm 2025, xã cử 37 lượt cán bộ, công chức tham gia 04 lớp tập huấn (25 lượt trực "
                               "tiếp, 12 lượt trực tuyến).\n")
    (whole,) = _values(draft, "hr.trained")
    assert whole["value"] == 37
    assert whole["parts"] == {"lượt trực tiếp": 25, "lượt trực tuyến": 12}
    assert _value_of(draft, "hr.trained_online") == [12]


def test_computers_added_are_not_the_stock_by_kind(tmp_path):
    draft, _ = _read(tmp_path, "Năm 2025, UBND xã được cấp bổ sung 03 máy tính để bàn, nâng tổng số máy tính lên "
                               "25 máy.\n")
    assert not _value_of(draft, "infra.desktops")


def test_a_count_after_van_ban_is_no_village(tmp_path):
    draft, _ = _read(tmp_path, "Văn bản đến: 520 (nhận qua phần mềm quản lý văn bản: 512; bằng giấy: 08).\n")
    assert not _value_of(draft, "directives.villages")


def test_a_whole_the_parts_make_by_definition(tmp_path):
    text = ("Xã cung cấp 120 TTHC trên Hệ thống thông tin giải quyết thủ tục hành chính thành phố, trong đó 50 dịch "
            "vụ công trực tuyến toàn trình và 70 dịch vụ công trực tuyến một phần.\n")
    draft, _ = _read(tmp_path, text)
    assert _value_of(draft, "dvc.procedures") == [120]
    draft, _ = _read(tmp_path, text.replace("và 70", "và 60"))  # 50 + 60 is not 120: the whole stays unread
    assert not _value_of(draft, "dvc.procedures")
    assert _value_of(draft, "dvc.partial_online") == [60]
