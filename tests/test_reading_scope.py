"""Figures of another scope are left unplaced, with their reason (checker/read/document/scope.py).

The report read here is the third quarter of 2025 (tests/test_document_reading.HEAD): its goals'
year, the horizon, is 2025.
"""

from __future__ import annotations

import datetime as dt

from checker.read.document.date_phrases import blank_dates, scope_dates
from checker.read.document.scope import (
    ADDED,
    AVERAGE,
    FORMER_UNIT,
    HIGHER_PLAN,
    HORIZON,
    QUESTION,
    REMAINING,
    beyond,
    out_of_scope,
)
from tests.test_document_reading import _read, _values


def _why(sentence: str, number: str, horizon: int = 2025, count: bool = False) -> str | None:
    start = sentence.index(number)
    clause = max(sentence.rfind(";", 0, start), sentence.rfind(":", 0, start)) + 1
    return out_of_scope(sentence, (0, len(sentence)), clause, start, start + len(number), horizon, count)


def test_a_horizon_after_the_goals_year_is_not_placed(tmp_path):
    draft, candidates = _read(tmp_path, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2025\n"
                                        "- Phấn đấu 100% văn bản đi được ký số và gửi trên môi trường điện tử.\n"
                                        "- Định hướng đến năm 2030: 90% hồ sơ công việc xử lý trên môi trường "
                                        "mạng.\n")
    assert not _values(draft, "workfiles.online_share", goals=True)
    assert any(c.value == 90 and c.reason.startswith(HORIZON) for c in candidates)
    assert _values(draft, "docs.outgoing_signed_share", goals=True)  # the quarter's own goal stays


def test_a_year_within_the_horizon_is_no_horizon():
    assert beyond("Hướng tới năm 2030, ", 2027)
    assert not beyond("Đến năm 2025, ", 2025)
    assert beyond("mục tiêu giai đoạn 2026 - 2030: ", 2025)
    assert not beyond("Kế hoạch giai đoạn 2021 - 2025 ", 2024)  # a plan's name, not a horizon


def test_the_city_average_beside_the_result_is_not_the_result(tmp_path):
    draft, candidates = _read(tmp_path, "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng đạt 91,4%, cao hơn mức "
                                        "bình quân chung của tỉnh (83,2%).\n")
    assert [m["percent"] for m in _values(draft, "workfiles.online_share")] == [91.4]
    assert any(c.value == 83.2 for c in candidates)
    assert _why("vượt mức trung bình của thành phố (47,5%)", "47,5") == AVERAGE
    assert _why("tỷ lệ của xã (47,5%)", "47,5") is None


def test_one_former_commune_is_not_the_merged_unit(tmp_path):
    draft, candidates = _read(tmp_path, "Khoảng 95% hộ gia đình tại xã Hồng Quang (cũ) có Internet cáp quang.\n")
    assert not _values(draft, "society.households_fibre_share")
    assert any(c.value == 95 and c.reason.startswith(FORMER_UNIT) for c in candidates)


def test_a_former_commune_that_only_says_where_keeps_the_figure():
    assert _why("Nhà văn hóa (tại trụ sở xã An Lạc cũ) có 12 máy tính", "12", count=True) is None
    assert _why("Toàn xã (gồm cả các xã cũ) có 2.100 hồ sơ", "2.100", count=True) is None
    assert _why("Riêng xã An Lạc cũ có 12 máy tính", "12", count=True) == FORMER_UNIT


def test_a_higher_levels_plan_is_a_quoted_target_even_when_it_strives(tmp_path):
    draft, candidates = _read(tmp_path, "Theo Kế hoạch số 45/KH-UBND của UBND tỉnh, năm 2025 phấn đấu 90% hồ sơ "
                                        "công việc xử lý trên môi trường mạng.\n")
    assert not _values(draft, "workfiles.online_share") and not _values(draft, "workfiles.online_share", goals=True)
    assert any(c.value == 90 and c.reason.startswith(HIGHER_PLAN) for c in candidates)
    assert _why("Theo Kế hoạch số 45/KH-UBND của UBND tỉnh, xã đạt 92% hồ sơ", "92") is None


def test_an_addition_or_a_replacement_is_not_the_stock(tmp_path):
    draft, candidates = _read(tmp_path, "Trong quý, xã được thay mới 03 máy tính để bàn, nâng tổng số máy tính "
                                        "lên 30 máy.\n")
    assert [m["value"] for m in _values(draft, "infra.computers")] == [30]
    assert not _values(draft, "infra.desktops")
    assert any(c.value == 3 and c.reason.startswith(ADDED) for c in candidates)


def test_the_rest_of_a_group_is_not_the_total():
    assert _why("cấp chứng thư số cho 04 công chức còn lại", "04", count=True) == REMAINING
    assert _why("cấp chứng thư số cho 04 công chức", "04", count=True) is None


def test_a_part_of_the_group_named_before_it_is_not_the_group(tmp_path):
    draft, candidates = _read(tmp_path, "Xã phát hành 410 văn bản đi, trong số văn bản đi có 388 văn bản đi được "
                                        "gửi qua trục liên thông.\n")
    assert [m["value"] for m in _values(draft, "docs.outgoing")] == [410]
    assert any(c.value == 388 for c in candidates)


def test_a_number_in_a_question_is_not_an_answer():
    assert _why("Câu 9. Tỷ lệ hộ có cáp quang (chỉ tiêu: 70%)?", "70") == QUESTION
    assert _why("Tỷ lệ hộ có cáp quang đạt 70%. Vì sao?", "70") is None


def test_a_narrower_part_of_the_group_named_before_it_is_read(tmp_path):
    draft, _ = _read(tmp_path, "Xã tiếp nhận 820 hồ sơ trực tuyến, trong số hồ sơ trực tuyến có 512 hồ sơ được xử lý "
                               "trực tuyến toàn trình.\n")
    assert [m["value"] for m in _values(draft, "dossiers.full_online")] == [512]


def test_a_documents_list_of_targets_goes_on_across_its_semicolons(tmp_path):
    draft, candidates = _read(tmp_path, "Theo Quyết định số 2629/QĐ-TTg: 100% văn bản đi được ký số và gửi trên môi "
                                        "trường điện tử; 90% hồ sơ công việc xử lý trên môi trường mạng. Kết quả: "
                                        "hồ sơ công việc xử lý trên môi trường mạng đạt 86,5%.\n")
    assert [m["percent"] for m in _values(draft, "workfiles.online_share")] == [86.5]
    assert not _values(draft, "docs.outgoing_signed_share")
    assert any(c.value == 90 and "plan" in c.reason for c in candidates)


def test_items_on_a_higher_levels_portal_are_not_the_units_website(tmp_path):
    draft, candidates = _read(tmp_path, "Xã chưa có trang thông tin riêng; tin, bài đăng trên Cổng thông tin điện tử "
                                        "của tỉnh: 09 tin, bài.\n")
    assert not _values(draft, "web.articles")
    assert any(c.value == 9 for c in candidates)
    draft, _ = _read(tmp_path, "Trang thông tin điện tử xã (thành phần của Cổng thông tin điện tử tỉnh) đăng 09 tin, "
                               "bài.\n")
    assert [m["value"] for m in _values(draft, "web.articles")] == [9]


def test_posts_on_social_media_are_not_the_radios(tmp_path):
    draft, candidates = _read(tmp_path, "Đài truyền thanh xã phát 640 tin, bài, trong đó chuyên mục cải cách hành "
                                        "chính 41 tin, bài; fanpage của xã đăng 205 bài viết.\n")
    assert [m["value"] for m in _values(draft, "web.radio_articles")] == [640]
    assert any(c.value == 205 for c in candidates)


def test_work_files_handled_electronically_are_not_dossiers_resolved(tmp_path):
    draft, _ = _read(tmp_path, "Tổng số hồ sơ công việc phát sinh 900 hồ sơ; đã xử lý trên môi trường mạng 850 hồ "
                               "sơ. Đã giải quyết 1.204 hồ sơ thủ tục hành chính.\n")
    assert [m["value"] for m in _values(draft, "dossiers.resolved")] == [1204]


def test_van_ban_is_no_village(tmp_path):
    # "bản" (a village in the uplands) is not the "bản" of "văn bản" or "bản giấy"
    draft, _ = _read(tmp_path, "Văn bản đến: 512 (nhận qua phần mềm quản lý văn bản: 498; bằng bản giấy: 14).\n")
    assert not _values(draft, "directives.villages")
    assert [m["value"] for m in _values(draft, "docs.incoming")] == [512]


def test_a_share_whose_own_words_name_another_base_than_its_label_is_left(tmp_path):
    draft, candidates = _read(tmp_path, "Việc số hóa hồ sơ, kết quả giải quyết TTHC được thực hiện tốt: 100% hồ sơ "
                                        "được số hóa khi tiếp nhận.\n")
    assert not _values(draft, "dossiers.results_digitised_share")
    assert any(c.value == 100 and "dossiers.intake_digitised_share" in c.options for c in candidates)
    draft, _ = _read(tmp_path, "Tỷ lệ số hóa kết quả giải quyết TTHC: 98,5%.\n")
    assert [m["percent"] for m in _values(draft, "dossiers.results_digitised_share")] == [98.5]


def test_a_cumulative_figure_in_its_own_sentence_restates_the_figure_before_it(tmp_path):
    draft, _ = _read(tmp_path, "C.4. Hồ sơ xử lý trực tuyến toàn trình/tổng số hồ sơ: 1.204/2.010 (59,9%).\n"
                               "Lũy kế: 3.311/5.872 (56,39%).\n")
    shares = _values(draft, "dossiers.full_online_share")
    assert [(m["numerator"], m["denominator"]) for m in shares] == [(1204, 2010), (3311, 5872)]
    assert "Lũy kế" in shares[1]["note"] and "Lũy kế" not in shares[0]["note"]


def test_a_sub_period_figure_restates_a_share_but_never_a_count_of_another_kind(tmp_path):
    draft, _ = _read(tmp_path, "- Tỷ lệ hồ sơ xử lý trực tuyến toàn trình/tổng số hồ sơ: 55,2%. Riêng quý III/2025 "
                               "đạt 61,0% (1.020/1.672 hồ sơ).\n")
    assert [m["percent"] for m in _values(draft, "dossiers.full_online_share")] == [55.2, 61.0]
    draft, candidates = _read(tmp_path, "- Tỷ lệ hồ sơ trực tuyến đạt 93,3%.\nLũy kế: 3.264 hồ sơ.\n")
    assert [m["percent"] for m in _values(draft, "dossiers.online_share")] == [93.3]
    assert not _values(draft, "dossiers.online") and any(c.value == 3264 for c in candidates)


def test_a_cumulative_mark_holds_for_each_figure_of_its_list(tmp_path):
    draft, _ = _read(tmp_path, "Trong quý, tổ chức 02 lớp bồi dưỡng kỹ năng số cho 64 lượt cán bộ (lũy kế 9 tháng: "
                               "05 lớp, 187 lượt người).\n")
    assert [m["value"] for m in _values(draft, "hr.trained")] == [64, 187]


def test_bullets_by_span_of_time_under_an_opening_item_state_its_figure_for_each_span(tmp_path):
    draft, _ = _read(tmp_path, "Cả năm 2025, tiếp nhận 5.210 hồ sơ TTHC, trong đó trực tuyến 4.870, cụ thể:\n"
                               "- Trước sáp nhập (01/01 - 30/6/2025): 2.300 hồ sơ.\n"
                               "- Sau sáp nhập (01/7 - 30/9/2025): 2.910 hồ sơ.\n")
    received = _values(draft, "dossiers.received")
    assert [m["value"] for m in received] == [5210, 2300, 2910]
    assert (received[1]["period_start"], received[1]["as_of"]) == ("2025-01-01", "2025-06-30")
    assert (received[2]["period_start"], received[2]["as_of"]) == ("2025-07-01", "2025-09-30")
    assert "period_start" not in received[0]


def test_a_short_date_range_takes_the_year_of_its_end():
    assert scope_dates("Sau sáp nhập (01/7 - 05/12/2025): 4.514 hồ sơ", None) == {
        "period_start": dt.date(2025, 7, 1), "as_of": dt.date(2025, 12, 5)}
    assert "01" not in blank_dates("(01/7 - 05/12/2025): 4.514")
    assert scope_dates("(31/02 - 05/12/2025)", None) == {}
