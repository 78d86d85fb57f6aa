"""The reader on shares stated beside their counts and fractions read by their predicate (issue 12,
reader-shares): invented sentences, one phenomenon each."""

from __future__ import annotations

from tests.test_document_reading import _read, _values


def _percents(draft, code):
    return [m.get("percent") for m in _values(draft, code)]


def test_a_share_in_brackets_after_a_count_is_that_counts_share(tmp_path):
    draft, _ = _read(tmp_path, "- Hồ sơ giải quyết trực tuyến toàn trình: 412 hồ sơ (38,5% tổng số hồ sơ).\n")
    assert [m["value"] for m in _values(draft, "dossiers.full_online")] == [412]
    assert _percents(draft, "dossiers.full_online_share") == [38.5]


def test_a_share_after_chiem_naming_the_whole_is_read(tmp_path):
    draft, _ = _read(tmp_path, "Số hồ sơ xử lý trực tuyến toàn trình 905 hồ sơ, chiếm 52,3% tổng số hồ sơ tiếp "
                               "nhận.\n")
    assert _percents(draft, "dossiers.full_online_share") == [52.3]


def test_a_part_share_is_read_when_its_whole_gives_it(tmp_path):
    draft, _ = _read(tmp_path, "Bộ phận Một cửa tiếp nhận 1.000 hồ sơ, trong đó trực tuyến 860 hồ sơ (86%), trực "
                               "tiếp 140 hồ sơ.\n")
    assert [m["value"] for m in _values(draft, "dossiers.online")] == [860]
    assert _percents(draft, "dossiers.online_share") == [86]


def test_a_share_its_whole_does_not_give_stays_a_candidate(tmp_path):
    draft, candidates = _read(tmp_path, "Bộ phận Một cửa tiếp nhận 1.000 hồ sơ, trong đó trực tuyến 860 hồ sơ "
                                        "(75%), trực tiếp 140 hồ sơ.\n")
    assert _values(draft, "dossiers.online_share") == []
    assert any(c.value == 75 for c in candidates)


def test_a_share_of_another_base_stays_a_candidate(tmp_path):
    draft, candidates = _read(tmp_path, "- Hồ sơ giải quyết trực tuyến toàn trình: 412 hồ sơ (38,5% số hồ sơ lĩnh vực "
                                        "đất đai).\n")
    assert _values(draft, "dossiers.full_online_share") == []
    assert any(c.value == 38.5 for c in candidates)


def test_a_fraction_of_officials_is_read_by_what_they_did(tmp_path):
    draft, _ = _read(tmp_path, "100% CBCCVC (46/46 người) được bố trí trang thiết bị làm việc. 45/46 CBCCVC "
                               "(97,8%) đã hoàn thành chương trình \"Bình dân học vụ số\".\n")
    (equipped,) = _values(draft, "staff.equipped_share")
    assert (equipped["numerator"], equipped["denominator"]) == (46, 46)
    (trained,) = _values(draft, "hr.officials_trained_share")
    assert (trained["numerator"], trained["denominator"], trained["percent"]) == (45, 46, 97.8)


def test_a_fraction_after_its_head_and_before_its_predicate_is_the_trained_share(tmp_path):
    draft, _ = _read(tmp_path, "27/28 cán bộ, công chức, viên chức (96,4%) hoàn thành chương trình kỹ năng số cơ "
                               "bản.\n")
    (trained,) = _values(draft, "hr.officials_trained_share")
    assert (trained["numerator"], trained["denominator"], trained["percent"]) == (27, 28, 96.4)
    assert _values(draft, "staff.officials") == []


def test_a_fraction_fitting_a_count_and_a_share_is_the_share(tmp_path):
    draft, _ = _read(tmp_path, "- Bồi dưỡng kỹ năng số cho cán bộ: 27/28 người hoàn thành (96,4%).\n")
    (trained,) = _values(draft, "hr.officials_trained_share")
    assert (trained["numerator"], trained["denominator"]) == (27, 28)
    assert _values(draft, "hr.training_sessions") == []


def test_residents_who_completed_a_course_are_not_the_officials_trained(tmp_path):
    draft, _ = _read(tmp_path, "Có 1.236 người dân đã hoàn thành khóa học kỹ năng số cơ bản.\n")
    assert _values(draft, "hr.officials_trained_share") == []


def test_people_holding_a_personal_signature_and_their_share(tmp_path):
    draft, _ = _read(tmp_path, "Có 94 người được cấp chữ ký số cá nhân (97,9%), trong đó 06 lãnh đạo, 88 công chức, "
                               "viên chức.\n")
    assert [m["value"] for m in _values(draft, "signatures.certificates")] == [94]
    assert _percents(draft, "signatures.officials_personal_share") == [97.9]


def test_a_share_after_the_bracket_of_parts_is_the_wholes(tmp_path):
    draft, _ = _read(tmp_path, "Xã có 74 người có chữ ký số cá nhân (05 lãnh đạo, 69 công chức, viên chức), đạt "
                               "96,1%.\n")
    assert [m["value"] for m in _values(draft, "signatures.certificates")] == [74]
    assert _percents(draft, "signatures.officials_personal_share") == [96.1]


def test_people_without_a_signature_are_not_the_holders(tmp_path):
    draft, _ = _read(tmp_path, "- 03 CBCCVC chưa được cấp chữ ký số cá nhân do mới tiếp nhận.\n")
    assert _values(draft, "signatures.certificates") == []


def test_equipped_and_signing_officials_give_both_shares(tmp_path):
    draft, _ = _read(tmp_path, "100% CBCCVC (40/40 người) được bố trí trang thiết bị làm việc và được cấp chữ ký số "
                               "cá nhân.\n")
    assert len(_values(draft, "staff.equipped_share")) == 1
    (signing,) = _values(draft, "signatures.officials_personal_share")
    assert (signing["numerator"], signing["denominator"]) == (40, 40)


def test_regular_use_of_the_mail_the_sentence_names(tmp_path):
    draft, _ = _read(tmp_path, "- Thư điện tử công vụ: 25/25 CBCC có tài khoản (100%); sử dụng thường xuyên: "
                               "21/25 (84%).\n")
    (regular,) = _values(draft, "email.regular_use_share")
    assert (regular["numerator"], regular["denominator"], regular["percent"]) == (21, 25, 84)


def test_antimalware_counted_in_machines(tmp_path):
    draft, _ = _read(tmp_path, "- Phần mềm phòng, chống mã độc: 18/20 máy.\n")
    (share,) = _values(draft, "security.antimalware_share")
    assert (share["numerator"], share["denominator"]) == (18, 20)


def test_a_sentence_opening_with_a_fraction_is_not_read_with_the_one_before(tmp_path):
    draft, _ = _read(tmp_path, "Xã đề nghị cấp mới 03 chứng thư số. 40/40 báo cáo định kỳ (100%) được gửi qua Hệ "
                               "thống thông tin báo cáo.\n")
    (reports,) = _values(draft, "reporting.via_system_share")
    assert (reports["numerator"], reports["denominator"], reports["percent"]) == (40, 40, 100)


def test_a_share_beside_a_count_no_count_indicator_holds_is_read_by_the_counts_words(tmp_path):
    draft, _ = _read(tmp_path, "Hồ sơ công việc phát sinh 1.530 hồ sơ, trong đó xử lý trên môi trường điện tử có ký "
                               "số cá nhân 1.530 hồ sơ (100%).\n")
    assert _percents(draft, "workfiles.online_signed_share") == [100]


def test_work_files_named_by_the_head_give_the_signed_share(tmp_path):
    draft, _ = _read(tmp_path, "a) Hồ sơ công việc: phát sinh 2.100 hồ sơ, trong đó 12 hồ sơ mật; hồ sơ xử lý trên "
                               "môi trường điện tử, có ký số cá nhân 2.088/2.088 hồ sơ (100%).\n")
    (signed,) = _values(draft, "workfiles.online_signed_share")
    assert (signed["numerator"], signed["denominator"], signed["percent"]) == (2088, 2088, 100)


def test_a_fraction_and_the_percentage_after_its_words_are_one_share(tmp_path):
    draft, _ = _read(tmp_path, "21/21 cán bộ, công chức có hộp thư công vụ @haiphong.gov.vn (100%); tỷ lệ thường "
                               "xuyên sử dụng đạt 87%.\n")
    (accounts,) = _values(draft, "email.officials_with_account_share")
    assert (accounts["numerator"], accounts["denominator"], accounts["percent"]) == (21, 21, 100)


def test_a_fraction_is_read_only_as_an_indicator_that_holds_a_share(tmp_path):
    draft, _ = _read(tmp_path, "Người dân, doanh nghiệp hài lòng với dịch vụ công trực tuyến đạt 1.850/1.900 phiếu "
                               "đánh giá (97,4%).\n")
    (satisfied,) = _values(draft, "satisfaction.services_share")
    assert (satisfied["numerator"], satisfied["denominator"], satisfied["percent"]) == (1850, 1900, 97.4)
    assert _values(draft, "dvc.procedures") == []


def test_the_unit_after_a_fractions_denominator_is_its_unit(tmp_path):
    draft, _ = _read(tmp_path, "Trả lời: Có mạng LAN, kết nối 22/24 máy tính, đường truyền cáp quang 100 Mbps.\n")
    (lan,) = _values(draft, "infra.lan_computers_share")
    assert (lan["numerator"], lan["denominator"]) == (22, 24)


def test_a_share_after_a_count_and_a_comma_is_read_with_the_counts_head(tmp_path):
    draft, candidates = _read(tmp_path, "- Văn bản đến: 1.540 văn bản, 100% nhận qua Hệ thống quản lý văn bản và điều "
                                        "hành.\n")
    assert [m["value"] for m in _values(draft, "docs.incoming")] == [1540]
    assert _values(draft, "docs.on_system_share") == []  # in and out together: the incoming alone has no code
    assert any(c.value == 100 for c in candidates)


def test_the_officials_that_remain_are_a_subgroup(tmp_path):
    draft, _ = _read(tmp_path, "- Hoàn thành cấp chữ ký số cá nhân cho 04 viên chức còn lại.\n")
    assert _values(draft, "staff.officials") == []


def test_a_fraction_of_transactions_with_its_unit_on_both_sides(tmp_path):
    draft, _ = _read(tmp_path, "Thanh toán trực tuyến phí, lệ phí: 190 giao dịch/200 giao dịch, đạt 95%.\n")
    (paid,) = _values(draft, "payment.transactions_online_share")
    assert (paid["numerator"], paid["denominator"], paid["percent"]) == (190, 200, 95)


def test_a_percentage_naming_no_one_after_the_staff_total_is_a_share_of_the_staff(tmp_path):
    draft, _ = _read(tmp_path, "Tổng số cán bộ, công chức, viên chức của xã là 64 người; 100% được bố trí trang "
                               "thiết bị làm việc.\n")
    assert [m["value"] for m in _values(draft, "staff.officials")] == [64]
    assert _percents(draft, "staff.equipped_share") == [100]


def test_officials_given_a_computer(tmp_path):
    draft, _ = _read(tmp_path, "Tổng số cán bộ, công chức là 40 người. 100% cán bộ, công chức được bố trí máy tính "
                               "làm việc.\n")
    assert _percents(draft, "infra.officials_with_computer_share") == [100]


def test_one_share_of_officials_trained_and_signing_is_both(tmp_path):
    draft, _ = _read(tmp_path, "- 100% CBCCVC được đào tạo kỹ năng số cơ bản và có chữ ký số cá nhân.\n")
    assert _percents(draft, "hr.officials_trained_share") == [100]
    assert _percents(draft, "signatures.officials_personal_share") == [100]


def test_a_share_of_another_base_beside_a_count_no_indicator_holds(tmp_path):
    draft, _ = _read(tmp_path, "- Tài khoản định danh điện tử mức 2: 5.210 tài khoản (đạt 71,3% dân số trưởng "
                               "thành).\n")
    assert _percents(draft, "society.adults_eid_share") == [71.3]


def test_a_percentage_after_a_fractions_bracket_joins_the_fraction(tmp_path):
    draft, _ = _read(tmp_path, "Tổng số cán bộ, công chức, viên chức của xã là 40 người; 40/40 CBCCVC được bố trí "
                               "trang thiết bị làm việc (máy tính, máy quét), đạt 100%.\n")
    (equipped,) = _values(draft, "staff.equipped_share")
    assert (equipped["numerator"], equipped["denominator"], equipped["percent"]) == (40, 40, 100)


def test_work_files_processed_and_signed_are_not_dossiers_resolved(tmp_path):
    draft, _ = _read(tmp_path, "Tổng số hồ sơ công việc phát sinh 1.100 hồ sơ; đã xử lý trên môi trường điện tử và ký "
                               "số cá nhân 1.078 hồ sơ, đạt 98%.\n")
    assert _values(draft, "dossiers.resolved") == []
    assert _percents(draft, "workfiles.online_signed_share") == [98]


def test_the_citys_average_beside_a_share_is_not_the_communes(tmp_path):
    draft, candidates = _read(tmp_path, "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình tuy đã vượt mức bình quân của thành "
                                        "phố (46,5%) nhưng chưa đạt yêu cầu.\n")
    assert _values(draft, "dossiers.full_online_share") == []
    assert any(c.value == 46.5 and "bình quân" in c.reason for c in candidates)
