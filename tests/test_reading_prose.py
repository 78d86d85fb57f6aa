"""The reader on sentences in prose (issue 12, reader-prose): invented sentences, one phenomenon each."""

from __future__ import annotations

import pytest

from checker.read.document.number_words import read_words, respell
from tests.test_document_reading import _read, _values


@pytest.mark.parametrize(("words", "value"), [
    ("mười", 10), ("mười lăm", 15), ("hai mươi", 20), ("hai mươi mốt", 21), ("hai mươi lăm", 25),
    ("sáu mươi tư", 64), ("một trăm", 100), ("một trăm linh năm", 105), ("ba trăm mười hai", 312),
    ("bốn nghìn không trăm mười hai", 4012), ("chín nghìn hai trăm bốn mươi mốt", 9241),
    ("hai triệu", 2_000_000), ("năm", 5), ("không", 0),
])
def test_spelled_numbers_are_read(words, value):
    assert read_words(words) == value


@pytest.mark.parametrize("words", ["một phần", "mươi", "trăm", "lăm", "hai hai", "một trăm linh", "mốt mươi"])
def test_words_that_are_no_number_are_not_read(words):
    assert read_words(words) is None


def test_respelling_keeps_the_length_and_leaves_the_digits():
    text = "Ban Chỉ đạo gồm mười lăm (15) thành viên; Kế hoạch năm (2026)."
    rewritten, slips = respell(text)
    assert len(rewritten) == len(text)
    assert "mười lăm" not in rewritten and "15 thành viên" in rewritten
    assert "năm (2026)" in rewritten  # one word that differs from its digits is not a spelled number
    assert not slips


def test_spelled_count_with_digits_in_brackets_is_placed(tmp_path):
    draft, _ = _read(tmp_path, "Xã kiện toàn Ban Chỉ đạo chuyển đổi số gồm mười lăm (15) thành viên. Trụ sở có "
                               "bảy mươi mốt (71) máy tính, gồm năm mươi tám (58) máy tính để bàn và mười ba (13) "
                               "máy tính xách tay.\n")
    assert [m["value"] for m in _values(draft, "directives.steering_committee_members")] == [15]
    assert [m["value"] for m in _values(draft, "infra.computers")] == [71]
    assert [m["value"] for m in _values(draft, "infra.desktops")] == [58]
    assert [m["value"] for m in _values(draft, "infra.laptops")] == [13]


def test_words_and_digits_that_differ_read_the_digits_and_say_so(tmp_path):
    draft, candidates = _read(tmp_path, "Xã tổ chức 04 lớp tập huấn với một trăm ba mươi lăm (153) lượt người "
                                        "tham gia.\n")
    assert [m["value"] for m in _values(draft, "hr.trained")] == [153]
    assert any(c.value == 135 and "153" in c.reason for c in candidates)


def test_percentage_in_words_is_read(tmp_path):
    draft, _ = _read(tmp_path, "Tỷ lệ văn bản đi được ký số đạt một trăm phần trăm.\n")
    assert [m["percent"] for m in _values(draft, "docs.outgoing_signed_share")] == [100]


def test_clauses_after_a_colon_restate_their_head_with_their_modality(tmp_path):
    draft, candidates = _read(tmp_path, "3. Tỷ lệ hồ sơ xử lý trực tuyến toàn trình trên tổng số hồ sơ: Kế hoạch 80%; "
                                        "thực hiện 76,4% (6.912/9.047 hồ sơ); dự kiến cả năm đạt khoảng 70%.\n")
    (result,) = _values(draft, "dossiers.full_online_share")
    assert (result["numerator"], result["denominator"], result["percent"]) == (6912, 9047, 76.4)
    (goal,) = _values(draft, "dossiers.full_online_share", goals=True)
    assert (goal["percent"], goal["qualifier"]) == (70, "about")
    assert any(c.value == 80 and "plan" in c.reason for c in candidates)


def test_cumulative_clause_restates_the_head(tmp_path):
    draft, _ = _read(tmp_path, "Báo cáo định kỳ gửi trên Hệ thống thông tin báo cáo của thành phố: trong quý 21/21 "
                               "báo cáo; lũy kế 64/64 báo cáo (100%).\n")
    assert [(m["numerator"], m["denominator"]) for m in _values(draft, "reporting.via_system_share")] \
        == [(21, 21), (64, 64)]


def test_a_breakdown_after_a_colon_is_not_read_as_its_head(tmp_path):
    draft, _ = _read(tmp_path, "Hồ sơ tiếp nhận theo lĩnh vực: chứng thực 812; hộ tịch 301; đất đai 95.\n")
    assert not _values(draft, "dossiers.received")


def test_a_share_after_a_figure_with_its_own_noun_is_not_read_as_the_head(tmp_path):
    draft, _ = _read(tmp_path, "Thanh toán trực tuyến phí, lệ phí: 286 giao dịch/312 giao dịch, đạt 91,7%.\n")
    assert not _values(draft, "payment.procedures_enabled_share")


def test_a_goal_in_brackets_does_not_make_the_next_clause_a_goal(tmp_path):
    draft, _ = _read(tmp_path, "4. Xã hội số: dân số trưởng thành có chữ ký số cá nhân 41,7% (mục tiêu thành phố: "
                               "trên 50%); người từ 15 tuổi trở lên có tài khoản ngân hàng 91%.\n")
    assert [m["percent"] for m in _values(draft, "society.age15_payment_account_share")] == [91]
    assert not _values(draft, "society.age15_payment_account_share", goals=True)


def test_a_colon_list_opened_by_a_goal_verb_in_the_results_is_goals(tmp_path):
    draft, _ = _read(tmp_path, "Năm 2027, xã phấn đấu: 100% hồ sơ công việc được xử lý trên môi trường điện tử; tỷ "
                               "lệ khai thác, sử dụng lại dữ liệu số hóa đạt trên 65%.\n")
    assert [m["percent"] for m in _values(draft, "dossiers.digitised_reuse_share", goals=True)] == [65]
    assert not _values(draft, "dossiers.digitised_reuse_share")


def test_siblings_joined_by_va_keep_their_own_words(tmp_path):
    draft, _ = _read(tmp_path, "Xã có 364 TTHC thuộc thẩm quyền, trong đó 216 dịch vụ công trực tuyến toàn trình, "
                               "105 dịch vụ công trực tuyến một phần và 43 thủ tục cung cấp thông tin trực tuyến.\n")
    assert [m["value"] for m in _values(draft, "dvc.partial_online")] == [105]
    assert [m["value"] for m in _values(draft, "dvc.info_only")] == [43]


@pytest.mark.parametrize("sentence", [
    "Ban Chỉ đạo chuyển đổi số xã gồm 11 thành viên, tăng 02 thành viên so với năm 2023.",
    "Số văn bản đi giảm 37 văn bản so với cùng kỳ.",
    "Tỷ lệ giao dịch thanh toán trực tuyến tăng thêm 10% so với năm 2023.",
    "Xã trang bị 04 máy quét (năm 2023: 03 máy quét).",
])
def test_changes_and_other_periods_are_not_values(tmp_path, sentence):
    draft, candidates = _read(tmp_path, sentence + "\n")
    placed = [m.get("value", m.get("percent")) for code in draft["indicators"] for m in _values(draft, code)]
    assert not {2, 37, 10, 3} & set(placed)
    assert any("change" in c.reason or "another period" in c.reason for c in candidates)


def test_a_carried_over_count_in_brackets_is_still_read(tmp_path):
    draft, _ = _read(tmp_path, "Năm 2024 tiếp nhận 4.212 hồ sơ (kỳ trước chuyển sang 37 hồ sơ, mới tiếp nhận 4.175 "
                               "hồ sơ).\n")
    assert [m["value"] for m in _values(draft, "dossiers.carried_over")] == [37]


def test_cumulative_figures_restate_the_period_figure_not_a_part(tmp_path):
    draft, _ = _read(tmp_path, "Quý III, phường tiếp nhận 1.862 văn bản đến (lũy kế 9 tháng: 5.417 văn bản), trong đó "
                               "1.855 văn bản nhận trên môi trường mạng (lũy kế 5.391) và 07 văn bản giấy (lũy kế 26). "
                               "Phát hành 741 văn bản đi trong quý, lũy kế 2.160 văn bản.\n")
    assert [m["value"] for m in _values(draft, "docs.incoming")] == [1862, 5417]
    assert [m["value"] for m in _values(draft, "docs.incoming_paper")] == [7, 26]
    assert [m["value"] for m in _values(draft, "docs.outgoing")] == [741, 2160]
    assert all("parts" not in m for m in _values(draft, "docs.incoming_electronic"))


def test_cumulative_after_a_breakdown_restates_the_whole(tmp_path):
    draft, _ = _read(tmp_path, "Đã giải quyết 2.541 hồ sơ trong quý (trước hạn 1.980; đúng hạn 556; quá hạn 05), lũy "
                               "kế 7.262 hồ sơ.\n")
    assert [m["value"] for m in _values(draft, "dossiers.resolved")] == [2541, 7262]
    assert [m["value"] for m in _values(draft, "dossiers.late")] == [5]


def test_a_month_named_in_brackets_is_no_value(tmp_path):
    draft, _ = _read(tmp_path, "Quý III, xã tiếp nhận 2.573 hồ sơ (riêng tháng 9: 921 hồ sơ).\n")
    assert [m["value"] for m in _values(draft, "dossiers.received")] == [2573, 921]


def test_a_legend_of_abbreviations_ends_where_its_pairs_end(tmp_path):
    draft, _ = _read(tmp_path, "Viết tắt: CBCC - cán bộ, công chức; VB - văn bản;\nHS - hồ sơ; TT - trực tuyến.\n"
                               "- Camera: 12 (tốt 09; trung bình 03).\n"
                               "- HS tiếp nhận: 1.184 (TT 1.097; trực tiếp 87).\n")
    assert [m["value"] for m in _values(draft, "infra.cameras")] == [12]
    assert [m["value"] for m in _values(draft, "dossiers.online")] == [1097]


def test_parts_in_brackets_are_named_after_their_whole(tmp_path):
    draft, _ = _read(tmp_path, "- Máy tính: 24 (để bàn 21; xách tay 03).\n"
                               "- Văn bản đến: 1.036 (điện tử 1.021; giấy 15).\n")
    assert [m["value"] for m in _values(draft, "infra.desktops")] == [21]
    assert [m["value"] for m in _values(draft, "infra.laptops")] == [3]
    assert [m["value"] for m in _values(draft, "docs.incoming_electronic")] == [1021]


def test_points_of_a_score_are_no_count(tmp_path):
    draft, _ = _read(tmp_path, "Văn bản đi được ký số đạt 5 điểm.\n")
    assert not _values(draft, "docs.signed")


def test_a_result_answers_the_title_and_the_target_of_its_item(tmp_path):
    draft, candidates = _read(tmp_path, "II. ĐỐI CHIẾU VỚI MỤC TIÊU\n4. Chế độ báo cáo. Theo QĐ 2629: 100% chế độ "
                                        "báo cáo thực hiện trên Hệ thống thông tin báo cáo. Kết quả: 58/60 báo cáo "
                                        "(96,7%); chưa đạt.\n")
    (share,) = _values(draft, "reporting.via_system_share")
    assert (share["numerator"], share["denominator"], share["percent"]) == (58, 60, 96.7)
    assert any(c.value == 100 and "plan" in c.reason for c in candidates)


def test_an_answer_is_read_with_its_question(tmp_path):
    draft, _ = _read(tmp_path, "H. XÃ HỘI SỐ\nCâu 26. Tỷ lệ người trưởng thành có điện thoại thông minh (mục tiêu "
                               "quốc gia: 80%)? Tỷ lệ hộ gia đình có Internet băng rộng cáp quang?\n"
                               "Trả lời: Khoảng 84%; 79,6% (1.842/2.314 hộ).\n"
                               "Câu 27. Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử?\nTrả lời: 61,2%.\n")
    assert [(m["percent"], m["qualifier"]) for m in _values(draft, "society.adults_smartphone_share")] \
        == [(84, "about")]
    (fibre,) = _values(draft, "society.households_fibre_share")
    assert (fibre["numerator"], fibre["denominator"], fibre["percent"]) == (1842, 2314, 79.6)
    assert [m["percent"] for m in _values(draft, "society.adults_eid_share")] == [61.2]


def test_answers_that_do_not_pair_with_their_questions_are_not_guessed(tmp_path):
    draft, _ = _read(tmp_path, "Câu 26. Tỷ lệ người trưởng thành có điện thoại thông minh? Tỷ lệ hộ gia đình có "
                               "Internet cáp quang?\nTrả lời: 84%; 79,6%; 12%.\n")
    assert not _values(draft, "society.adults_smartphone_share")
    assert not _values(draft, "society.households_fibre_share")


@pytest.mark.parametrize("sentence", ["Phường có 22 tổ dân phố có Tổ công nghệ số cộng đồng.",
                                      "Xã có 22 thôn trên địa bàn đều đã thành lập Tổ công nghệ số cộng đồng."])
def test_villages_that_each_have_a_team_give_the_villages_and_the_teams(tmp_path, sentence):
    draft, _ = _read(tmp_path, sentence + "\n")
    assert [m["value"] for m in _values(draft, "directives.villages")] == [22]
    assert [m["value"] for m in _values(draft, "directives.community_teams_village")] == [22]


def test_teams_stated_in_brackets_are_not_implied_twice(tmp_path):
    draft, _ = _read(tmp_path, "Cả 06 thôn đều đã thành lập Tổ công nghệ số cộng đồng (06 tổ, tổng số 42 thành viên). "
                               "Tổ công nghệ số cộng đồng cấp xã có 09 thành viên.\n")
    assert [m["value"] for m in _values(draft, "directives.villages")] == [6]
    assert [m["value"] for m in _values(draft, "directives.community_teams_village")] == [6]
    assert [m["value"] for m in _values(draft, "directives.community_teams_village_members")] == [42]


def test_a_bullet_that_only_names_its_time_is_read_with_its_heading(tmp_path):
    draft, _ = _read(tmp_path, "8. KINH PHÍ\n- Quý II: 21 tr.đ (gia hạn chữ ký số). Lũy kế từ đầu năm: 47 tr.đ.\n")
    assert [m["value"] for m in _values(draft, "budget.it_total")] == [21, 47]


def test_a_part_whose_reading_ties_is_narrowed_by_its_whole(tmp_path):
    draft, _ = _read(tmp_path, "- Văn bản đi: 287 (ký số, phát hành điện tử 285 = 99,3%).\n")
    assert [m["value"] for m in _values(draft, "docs.signed_outgoing")] == [285]
    assert [m["value"] for m in _values(draft, "docs.outgoing_electronic")] == [285]
    assert [m["percent"] for m in _values(draft, "docs.outgoing_signed_share")] == [99.3]


def test_computers_of_the_service_centre_named_as_the_subject_are_its_own(tmp_path):
    draft, _ = _read(tmp_path, "Trụ sở UBND xã có 64 máy tính. Trung tâm Phục vụ hành chính công xã có 06 máy tính "
                               "tiếp nhận hồ sơ.\n")
    assert [m["value"] for m in _values(draft, "infra.computers")] == [64]
    assert [m["value"] for m in _values(draft, "infra.computers_one_stop")] == [6]


def test_officials_counted_by_their_noun_are_no_dossiers(tmp_path):
    draft, _ = _read(tmp_path, "Có 60 người được cấp chữ ký số cá nhân; 02 viên chức mới tuyển dụng đang hoàn thiện hồ "
                               "sơ đề nghị cấp.\n")
    assert not _values(draft, "dossiers.received_new")


def test_a_fraction_and_its_share_after_a_comma_are_one_statement(tmp_path):
    draft, _ = _read(tmp_path, "Có 44/46 CBCCVC được cấp chữ ký số cá nhân, đạt 95,7%.\n")
    (share,) = _values(draft, "signatures.officials_personal_share")
    assert (share["numerator"], share["denominator"], share["percent"]) == (44, 46, 95.7)


def test_the_head_is_read_first_when_the_clause_only_names_its_figure(tmp_path):
    draft, _ = _read(tmp_path, "2. Tỷ lệ văn bản đi được ký số, gửi trên môi trường điện tử: Kế hoạch 100%;\n"
                               "thực hiện 100% (1.684/1.684 văn bản); đạt.\n")
    (share,) = _values(draft, "docs.outgoing_signed_share")
    assert (share["numerator"], share["denominator"], share["percent"]) == (1684, 1684, 100)


def test_a_clause_with_its_own_words_after_an_earlier_figure_is_no_restatement(tmp_path):
    draft, candidates = _read(tmp_path, "- Tổng số chữ ký số được cấp: 17 số tài khoản chữ ký số đề nghị cấp năm 2023 "
                                        "là 04\n")
    assert not any(m["value"] == 4 for m in _values(draft, "signatures.certificates"))


def test_clauses_of_a_colon_list_complete_its_head(tmp_path):
    draft, _ = _read(tmp_path, "- Số hóa: hồ sơ khi tiếp nhận 98,4%; kết quả giải quyết 97,9%.\n")
    assert [m["percent"] for m in _values(draft, "dossiers.intake_digitised_share")] == [98.4]
    assert [m["percent"] for m in _values(draft, "dossiers.results_digitised_share")] == [97.9]


def test_a_breakdown_of_a_figure_in_the_head_is_not_read_as_the_head(tmp_path):
    draft, _ = _read(tmp_path, "Trong tổng số 1.846 hồ sơ tiếp nhận, chia theo lĩnh vực: Chứng thực 1.105; Hộ tịch 301."
                               "\n")
    assert [m["value"] for m in _values(draft, "dossiers.received")] == [1846]


@pytest.mark.parametrize(("sentence", "stated"), [
    ("Đã giải quyết 1.170 hồ sơ, quá hạn 03 hồ sơ do phải xác minh nguồn gốc đất đai.", True),
    ("05 hồ sơ quá hạn trong quý là hồ sơ đất đai, do người dân chậm bổ sung giấy tờ.", True),
    ("Đã giải quyết 1.170 hồ sơ, quá hạn 03 hồ sơ.", False),
])
def test_a_cause_given_for_late_dossiers_is_a_flag(tmp_path, sentence, stated):
    draft, _ = _read(tmp_path, sentence + "\n")
    assert bool(_values(draft, "dossiers.late_cause_stated")) is stated


@pytest.mark.parametrize("sentence", ["Tổ công nghệ số cộng đồng cấp xã gồm 15 thành viên.",
                                      "Tổ công nghệ số cộng đồng đặc khu có 19 thành viên.",
                                      "- Tổ CNS cộng đồng: cấp xã 01 tổ (07 thành viên); cấp thôn 05 tổ."])
def test_a_commune_team_given_members_is_a_flag(tmp_path, sentence):
    draft, _ = _read(tmp_path, sentence + "\n")
    assert [m["flag"] for m in _values(draft, "directives.community_team_commune")] == [True]


def test_a_share_whose_base_goes_on_after_a_comma_keeps_it(tmp_path):
    draft, _ = _read(tmp_path, "Năm 2027, xã phấn đấu: 100% hồ sơ công việc được xử lý trên môi trường điện tử, có ký "
                               "số cá nhân (trừ hồ sơ mật); tỷ lệ khai thác dữ liệu số hóa đạt trên 65%.\n")
    assert [m["percent"] for m in _values(draft, "workfiles.online_signed_share", goals=True)] == [100]
    assert not _values(draft, "workfiles.online_share", goals=True)
