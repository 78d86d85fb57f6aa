"""The reader on classes of sentences met in the corpus (second round of issue 12).

Each test writes invented sentences of one phenomenon, not lines of a corpus text, so that a
test passes because the phenomenon is read, not because one text is.
"""

from __future__ import annotations

from tests.test_document_reading import _read, _values


def test_heading_that_compares_with_goals_opens_results_not_goals(tmp_path):
    draft, _ = _read(tmp_path, "III. SO SÁNH VỚI MỤC TIÊU KẾ HOẠCH NĂM 2025\n"
                               "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình đạt 57,4%.\n")
    assert [m["percent"] for m in _values(draft, "dossiers.full_online_share")] == [57.4]
    assert not _values(draft, "dossiers.full_online_share", goals=True)


def test_goal_named_item_that_states_its_result_is_a_result(tmp_path):
    draft, _ = _read(tmp_path, "3. Mục tiêu đến năm 2030 (tham khảo). Kết quả: tỷ lệ hồ sơ xử lý trực tuyến "
                               "toàn trình đạt 61,5%.\n")
    assert [m["percent"] for m in _values(draft, "dossiers.full_online_share")] == [61.5]
    assert not (draft.get("goals") or {}).get("indicators")


def test_target_quoted_after_theo_and_a_document_is_left_out(tmp_path):
    draft, candidates = _read(tmp_path, "2. Theo Quyết định số 2629/QĐ-TTg: 100% hồ sơ công việc cấp xã được xử lý "
                                        "trên môi trường điện tử.\nKết quả: 96,2% hồ sơ công việc được xử lý trên "
                                        "môi trường điện tử.\n")
    assert [m["percent"] for m in _values(draft, "workfiles.online_share")] == [96.2]
    assert any(c.value == 100 and "kế hoạch" in c.reason for c in candidates)


def test_result_after_a_target_in_brackets_is_read(tmp_path):
    draft, _ = _read(tmp_path, "1. Theo Nghị quyết số 57-NQ/TW (đến năm 2025, 100% cán bộ có chữ ký số): xã có "
                               "45/47 cán bộ, công chức được cấp chữ ký số cá nhân (95,7%).\n")
    (share,) = _values(draft, "signatures.officials_personal_share")
    assert (share["numerator"], share["denominator"], share["percent"]) == (45, 47, 95.7)


def test_theo_a_document_mid_sentence_is_not_a_quoted_target(tmp_path):
    draft, _ = _read(tmp_path, "Xã được thành lập theo Nghị quyết số 1669/NQ-UBTVQH15, gồm 24 thôn.\n")
    assert [m["value"] for m in _values(draft, "directives.villages")] == [24]


def test_officials_given_a_signature_are_not_the_staff_total(tmp_path):
    draft, candidates = _read(tmp_path, "Có 28 cán bộ, công chức, viên chức được cấp chữ ký số cá nhân.\n")
    assert not _values(draft, "staff.officials")
    assert any(c.value == 28 and "subgroup" in c.reason for c in candidates)


def test_one_official_doing_it_part_time_is_not_the_staff_total(tmp_path):
    draft, _ = _read(tmp_path, "Xã bố trí 01 công chức Văn phòng - Thống kê kiêm nhiệm công nghệ thông tin.\n")
    assert not _values(draft, "staff.officials")


def test_officials_in_the_brackets_of_another_whole_are_not_the_staff_total(tmp_path):
    draft, _ = _read(tmp_path, "- Tập huấn: 02 lớp, 35 lượt người (CBCC 24; thành viên Tổ công nghệ số 11).\n")
    assert not _values(draft, "staff.officials")


def test_staff_total_of_the_apparatus_keeps_its_parts(tmp_path):
    draft, _ = _read(tmp_path, "Bộ máy UBND xã gồm 26 cán bộ, công chức (12 cán bộ, 14 công chức) và 15 người "
                               "hoạt động không chuyên trách.\n")
    (staff,) = _values(draft, "staff.officials")
    assert staff["value"] == 26 and staff["parts"] == {"cán bộ": 12, "công chức": 14}


def test_staff_total_of_the_commune_is_read(tmp_path):
    draft, _ = _read(tmp_path, "Tổng số cán bộ, công chức của xã là 23 người.\n")
    assert [m["value"] for m in _values(draft, "staff.officials")] == [23]


def test_qualifiers_gan_is_nearly_and_signs_are_read(tmp_path):
    draft, _ = _read(tmp_path, "- Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng đạt gần 95%.\n"
                               "- Tỷ lệ hồ sơ trực tuyến >92%.\n- Tỷ lệ văn bản đi được ký số ≥ 98%.\n"
                               "- Tỷ lệ người trưởng thành có điện thoại thông minh ~83%.\n")
    assert [(m["percent"], m["qualifier"]) for m in _values(draft, "workfiles.online_share")] == [(95, "nearly")]
    assert [(m["percent"], m["qualifier"]) for m in _values(draft, "dossiers.online_share")] == [(92, "more_than")]
    assert [(m["percent"], m["qualifier"]) for m in _values(draft, "docs.outgoing_signed_share")] == [(98, "at_least")]
    assert [(m["percent"], m["qualifier"])
            for m in _values(draft, "society.adults_smartphone_share")] == [(83, "about")]


def test_goals_heading_with_its_period_in_digits_opens_goals(tmp_path):
    draft, _ = _read(tmp_path, "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình đạt 47,0%.\n\n"
                               "IV. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2025\n"
                               "- Tỷ lệ hồ sơ xử lý trực tuyến toàn trình đạt 55%.\n")
    assert [m["percent"] for m in _values(draft, "dossiers.full_online_share")] == [47.0]
    assert [m["percent"] for m in _values(draft, "dossiers.full_online_share", goals=True)] == [55]


def test_goal_words_later_in_an_enumerated_item_do_not_make_it_a_goals_heading(tmp_path):
    draft, _ = _read(tmp_path, "4. Xã hội số: dân số trưởng thành có tài khoản định danh điện tử 91,2% (mục tiêu "
                               "năm 2025: trên 90%).\n")
    assert [m["percent"] for m in _values(draft, "society.adults_eid_share")] == [91.2]
    assert not (draft.get("goals") or {}).get("indicators")


def test_a_figure_for_each_former_commune_is_not_the_units(tmp_path):
    draft, candidates = _read(tmp_path, "Trước sáp nhập, mỗi xã cũ cung cấp 115 dịch vụ công trực tuyến (toàn "
                                        "trình 45, một phần 70).\n")
    assert not _values(draft, "dvc.procedures") and not _values(draft, "dvc.full_online")
    assert any(c.value == 115 and "each" in c.reason for c in candidates)


def test_each_village_having_a_team_keeps_the_total_in_brackets(tmp_path):
    draft, _ = _read(tmp_path, "Xã có 08 thôn, mỗi thôn đều có Tổ công nghệ số cộng đồng (08 tổ, 64 thành viên).\n")
    assert [m["value"] for m in _values(draft, "directives.community_teams_village")] == [8]


def test_a_part_of_the_whole_a_sentence_opens_with_is_not_restated_as_the_whole(tmp_path):
    draft, _ = _read(tmp_path, "Đã giải quyết 1.200 hồ sơ, quá hạn 12 hồ sơ. Trong 12 hồ sơ quá hạn có 7 hồ sơ "
                               "trước sáp nhập.\n")
    assert 7 not in [m["value"] for m in _values(draft, "dossiers.late")]


def test_a_share_of_the_whole_a_sentence_opens_with_is_still_read(tmp_path):
    draft, _ = _read(tmp_path, "Trong 1.250 hồ sơ có phí, lệ phí, có 1.100 hồ sơ được thanh toán trực tuyến.\n")
    assert [m["value"] for m in _values(draft, "payment.dossiers_paid_online")] == [1100]


def test_the_commune_level_team_is_not_a_village_team(tmp_path):
    draft, _ = _read(tmp_path, "- Tổ CNS cộng đồng: cấp xã 01 tổ (07 TV); cấp thôn 05 tổ (31 TV).\n")
    assert [m["value"] for m in _values(draft, "directives.community_teams_village")] == [5]


def test_a_checklist_question_heads_its_answer_and_a_goals_question_gives_goals(tmp_path):
    draft, _ = _read(tmp_path, "Câu 5. Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng?\nTrả lời: 84%.\n"
                               "Câu 6. Nhiệm vụ trọng tâm quý IV năm 2025?\n"
                               "Trả lời: - Nâng tỷ lệ hồ sơ công việc xử lý trên môi trường mạng lên 90%.\n")
    assert [m["percent"] for m in _values(draft, "workfiles.online_share", goals=True)] == [90]
    assert 90 not in [m["percent"] for m in _values(draft, "workfiles.online_share")]


def test_the_question_after_a_goals_question_is_results_again(tmp_path):
    draft, _ = _read(tmp_path, "Câu 6. Nhiệm vụ trọng tâm quý IV năm 2025?\n"
                               "Trả lời: - Nâng tỷ lệ hồ sơ công việc xử lý trên môi trường mạng lên 90%.\n"
                               "Câu 7. Tỷ lệ văn bản đi được ký số?\nTrả lời: tỷ lệ văn bản đi được ký số đạt 97,5%.\n")
    assert [m["percent"] for m in _values(draft, "docs.outgoing_signed_share")] == [97.5]


def test_computers_bought_in_the_period_are_not_the_stock(tmp_path):
    draft, _ = _read(tmp_path, "Kinh phí chuyển đổi số trong quý là 42,5 triệu đồng (mua 03 máy tính để bàn, "
                               "gia hạn chữ ký số).\n")
    assert not _values(draft, "infra.desktops")


def test_a_scanner_beside_public_computers_is_not_a_public_computer(tmp_path):
    draft, _ = _read(tmp_path, "Bộ phận một cửa được bố trí 03 máy tính tra cứu và 05 máy quét tài liệu.\n")
    assert [m["value"] for m in _values(draft, "infra.computers_public")] == [3]


def test_computers_of_the_office_and_the_centre_together_are_not_the_centres(tmp_path):
    draft, _ = _read(tmp_path, "Tổng số máy tính tại UBND xã và Trung tâm Phục vụ hành chính công là 57 máy.\n")
    assert not _values(draft, "infra.computers_one_stop")


def test_non_dedicated_local_workers_are_not_dedicated_it_staff(tmp_path):
    draft, _ = _read(tmp_path, "Bộ máy có 21 cán bộ, công chức và 15 người hoạt động không chuyên trách về công "
                               "nghệ thông tin.\n")
    assert not _values(draft, "hr.it_dedicated")


def test_intake_points_and_version_names_are_not_values(tmp_path):
    draft, _ = _read(tmp_path, "Trung tâm và 03 điểm tiếp nhận đã tiếp nhận 4.120 hồ sơ. Xã xây dựng mô hình "
                               "\"chợ 4.0\" với 12 thôn tham gia.\n")
    assert [m["value"] for m in _values(draft, "dossiers.received")] == [4120]
    assert 4 not in [m["value"] for m in _values(draft, "directives.villages")]


def test_abbreviations_the_report_defines_are_read(tmp_path):
    draft, _ = _read(tmp_path, "Viết tắt: HS - hồ sơ; VB - văn bản; TT - trực tuyến.\n"
                               "- HS tiếp nhận: 1.184 (TT 1.097; trực tiếp 87).\n- Máy tính (MT): 24.\n"
                               "- MT kết nối Internet cáp quang: 24.\n")
    (received,) = _values(draft, "dossiers.received")
    assert received["value"] == 1184
    assert [m["value"] for m in _values(draft, "dossiers.online")] == [1097]
    assert 24 in [m["value"] for m in _values(draft, "infra.computers")]


def test_abbreviations_not_defined_by_the_report_are_not_guessed(tmp_path):
    draft, _ = _read(tmp_path, "- HS tiếp nhận: 1.184 (TT 1.097; trực tiếp 87).\n")
    assert not _values(draft, "dossiers.online")


def test_members_of_village_teams_in_their_brackets_are_village_members(tmp_path):
    draft, _ = _read(tmp_path, "- Tổ công nghệ số cộng đồng: cấp xã 01 tổ (07 thành viên); cấp thôn 05 tổ "
                               "(31 thành viên).\n")
    assert [m["value"] for m in _values(draft, "directives.community_teams_village_members")] == [31]


def test_intake_digitisation_in_other_words(tmp_path):
    draft, _ = _read(tmp_path, "- Số hóa hồ sơ đầu vào đạt 98,5%.\n")
    assert [m["percent"] for m in _values(draft, "dossiers.intake_digitised_share")] == [98.5]
    draft, _ = _read(tmp_path, "- Số hóa thành phần hồ sơ 1.200/1.250 hồ sơ (96,0%).\n")
    assert [m["percent"] for m in _values(draft, "dossiers.intake_digitised_share")] == [96.0]


def test_share_after_a_signed_outgoing_part_is_the_signed_share_when_it_fits(tmp_path):
    draft, _ = _read(tmp_path, "Phát hành 200 văn bản đi, trong đó ký số 198 văn bản (99%).\n")
    assert [m["percent"] for m in _values(draft, "docs.outgoing_signed_share")] == [99]


def test_share_after_a_signed_outgoing_part_that_does_not_fit_is_left_out(tmp_path):
    draft, _ = _read(tmp_path, "Phát hành 200 văn bản đi, trong đó ký số 198 văn bản (90%).\n")
    assert not _values(draft, "docs.outgoing_signed_share")
