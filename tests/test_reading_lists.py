"""The reader on lists (issue 12, reader-lists): yes/no answers after labels, and wholes with their parts
named by level or group.

Each test writes invented sentences of one way such lists are built, not lines of a corpus text.
"""

from __future__ import annotations

from checker.read.document.flags import answers, named_flag
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

