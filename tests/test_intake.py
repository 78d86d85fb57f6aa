"""Intake: reading .txt/.docx/.pdf reports and extracting a draft report with candidates.

The synthetic reports below are written in other words than the seeds (other communes,
paraphrased sentences, other number formats, a table layout, a report after the 2025
reform): they guard against an extractor tuned to the three seed texts.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.cli.extract import candidates_path, extract_command
from checker.core.errors import InputError
from checker.model.report import Report
from checker.read.document import EXTRACTED_NOTE, load_document, read_lines
from checker.read.document.extract import Item, extract_draft, fold, layout, tokens
from checker.read.document.text import lines_from_text
from tests.conftest import FIXTURES

READING_PENDING = {"nam-thanh-mien-2026-h1"}
"""Fixtures whose post-reform sentences the reader does not read yet (see test_post_reform_seed_is_not_read_yet)."""
SEEDS = sorted(p for p in FIXTURES.glob("*.txt") if p.with_suffix(".json").exists() and p.stem not in READING_PENDING)
FIELDS = ("value", "numerator", "denominator", "percent", "flag")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

AN_BINH = """\
ỦY BAN NHÂN DÂN                                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG AN BÌNH                                       Độc lập - Tự do - Hạnh phúc
Số: 112/BC-UBND                                An Bình, ngày 15 tháng 12 năm 2024

BÁO CÁO
Kết quả thực hiện chuyển đổi số, ứng dụng công nghệ thông tin
năm 2024 của UBND phường An Bình

Thực hiện Kế hoạch số 18/KH-UBND ngày 20/01/2024 của UBND huyện Kim Thành về chuyển
đổi số năm 2024; Quyết định số 35/QĐ-UBND ngày 05 tháng 02 năm 2024 của UBND phường về
việc kiện toàn Ban Chỉ đạo chuyển đổi số phường, UBND phường An Bình báo cáo kết quả như sau:

I. KẾT QUẢ ĐẠT ĐƯỢC
1. Hạ tầng và nhân lực
- Tổng số cán bộ, công chức của phường: 25 người.
- Phường hiện có 27 máy tính để bàn và 3 máy tính xách tay phục vụ công tác chuyên môn.
- Số máy in: 12 chiếc; máy quét (scan) 4 chiếc.
- Phường bố trí 01 công chức kiêm nhiệm công nghệ thông tin.
- Số camera giám sát an ninh trật tự: 24 camera.
2. Văn bản và hồ sơ công việc
- Số văn bản đến: 1.234 văn bản; số văn bản đi: 687 văn bản.
- Tỷ lệ văn bản điện tử được gửi, nhận trên môi trường mạng đạt 98,5 %.
- Tổng số văn bản đã được ký số trong năm: 652 văn bản.
3. Thư điện tử công vụ, chữ ký số
- Tỉ lệ cán bộ, công chức thường xuyên dùng hộp thư công vụ để xử lý công việc đạt 92,3%.
- Đã cấp 21 chứng thư số cho lãnh đạo và công chức của phường.
4. Giải quyết thủ tục hành chính
Trong năm, bộ phận một cửa của phường đã tiếp nhận tổng cộng 2.150 hồ sơ thủ tục hành
chính, trong đó nộp trực tuyến 1.980 hồ sơ, nộp trực tiếp 170 hồ sơ. Số hồ sơ đã giải quyết: 2.101 hồ sơ,
trong đó đúng hạn 2.095 hồ sơ, quá hạn 6 hồ sơ.
- Tỷ lệ hồ sơ được số hóa khi tiếp nhận đạt 87,4%.
- Kinh phí chi cho ứng dụng CNTT, chuyển đổi số năm 2024 là 120 triệu đồng.
5. Xã hội số
- Tỷ lệ hộ gia đình có cáp quang băng rộng: 91%.
- Tỷ lệ người trưởng thành có tài khoản định danh điện tử VNeID: 88,6%.

II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025
- Phấn đấu 100% hồ sơ công việc của phường được xử lý trên môi trường mạng.
- Trên 95% hộ gia đình có kết nối cáp quang băng rộng.

Trên đây là báo cáo kết quả chuyển đổi số năm 2024 của UBND phường An Bình./.

Nơi nhận:                                              TM. ỦY BAN NHÂN DÂN
- UBND huyện Kim Thành;                                  KT. CHỦ TỊCH
- Phòng VH-TT huyện;                                     PHÓ CHỦ TỊCH
- Lưu: VT.

                                                          Trần Thị Hoa
"""

AN_BINH_VALUES = {
    "directives.steering_committee": True,
    "staff.officials": 25, "infra.desktops": 27, "infra.laptops": 3, "infra.printers": 12, "infra.scanners": 4,
    "hr.it_part_time": 1, "infra.cameras": 24, "docs.incoming": 1234, "docs.outgoing": 687,
    "docs.electronic_share": 98.5, "docs.signed": 652, "email.regular_use_share": 92.3,
    "signatures.certificates": 21, "dossiers.received": 2150, "dossiers.online": 1980, "dossiers.in_person": 170,
    "dossiers.resolved": 2101, "dossiers.resolved_on_time": 2095, "dossiers.late": 6,
    "dossiers.intake_digitised_share": 87.4, "budget.it_total": 120, "society.households_fibre_share": 91,
    "society.adults_eid_share": 88.6,
}

# After the 2025 reform: no district, the commune reports straight to the city; a table
# whose borders were lost; a fraction with its percentage; "khoảng", "trên".
TAN_HUNG = """\
UBND XÃ TÂN HƯNG
Số: 45/BC-UBND                              Tân Hưng, ngày 28 tháng 6 năm 2025

BÁO CÁO
Tình hình ứng dụng công nghệ thông tin, chuyển đổi số
6 tháng đầu năm 2025

Kính gửi: Sở Khoa học và Công nghệ thành phố Hải Phòng.

I. ĐÁNH GIÁ CHUNG
Căn cứ Kế hoạch số 07/KH-UBND ngày 10 tháng 01 năm 2025 của UBND xã Tân Hưng về ứng dụng
công nghệ thông tin năm 2025, UBND xã đã triển khai các nhiệm vụ như sau:

II. SỐ LIỆU CỤ THỂ
STT Nội dung Số lượng Ghi chú
1 Tổng số cán bộ, công chức, viên chức 32 người
2 Máy tính để bàn 30 máy
3 Máy tính xách tay 4 máy
4 Máy chủ 1 máy
5 Số máy tính được cài phần mềm diệt
virus bản quyền 34 máy
6 Có mạng LAN Có
7 Số cán bộ chuyên trách CNTT 0 người
8 Cán bộ kiêm nhiệm CNTT 2 người

- Văn bản đi trong kỳ: 1.048 văn bản, văn bản đến trong kỳ: 2.317 văn bản.
- Số lượng văn bản được ký số: 1.012 văn bản.
- Số cán bộ, công chức có hộp thư điện tử công vụ: 30/32 (93,75%).
- Số hồ sơ thủ tục hành chính tiếp nhận trong kỳ: 1.406 hồ sơ; số hồ sơ đã giải quyết đúng hạn và trước
hạn 1.388 hồ sơ; số hồ sơ đang giải quyết 18 hồ sơ.
- Tỷ lệ hồ sơ tiếp nhận trực tuyến trên tổng số hồ sơ đạt 96,2%.
- Tỷ lệ thủ tục hành chính có phát sinh phí, lệ phí được thanh toán trực tuyến đạt 100%.
- Tỷ lệ kết quả giải quyết thủ tục hành chính được số hoá: 95%.
- Mức độ hài lòng của người dân đối với việc giải quyết thủ tục hành chính đạt trên 98 %.
- Trang thông tin điện tử của xã đăng tải 86 tin, bài; có 12.540 lượt truy cập.
- Tỷ lệ người dân trưởng thành có điện thoại thông minh: 87,5%.
- Tỷ lệ dân số có tài khoản thanh toán điện tử khoảng 64%.
- Tổng kinh phí thực hiện 6 tháng đầu năm: 85,5 triệu đồng.

III. PHƯƠNG HƯỚNG 6 THÁNG CUỐI NĂM 2025
- 100% văn bản (trừ văn bản mật) được gửi, nhận dưới dạng điện tử.
- Tối thiểu 98% hồ sơ thủ tục hành chính được tiếp nhận trực tuyến.

Nơi nhận:
- Sở KH&CN;
- Lưu: VP.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lê Văn Nam
"""

TAN_HUNG_VALUES = {
    "staff.officials": 32, "infra.desktops": 30, "infra.laptops": 4, "infra.servers": 1,
    "infra.antivirus_computers": 34, "infra.lan": True, "hr.it_dedicated": 0, "hr.it_part_time": 2,
    "docs.outgoing": 1048, "docs.incoming": 2317, "docs.signed": 1012,
    "email.officials_with_account_share": 93.75, "dossiers.received": 1406, "dossiers.pending": 18,
    "dossiers.online_share": 96.2, "payment.procedures_enabled_share": 100, "dossiers.results_digitised_share": 95,
    "satisfaction.procedures_share": 98, "web.articles": 86, "web.visits": 12540,
    "society.adults_smartphone_share": 87.5, "society.population_epayment_share": 64, "budget.it_total": 85.5,
}

# A quarterly report of a thị trấn, narrative, with the breakdowns in parentheses.
PHU_THAI = """\
ỦY BAN NHÂN DÂN
THỊ TRẤN PHÚ THÁI
Số: 09/BC-UBND                        Phú Thái, ngày 25 tháng 3 năm 2024

BÁO CÁO
Kết quả ứng dụng CNTT, chuyển đổi số quý I năm 2024

Thực hiện chỉ đạo của UBND huyện Kim Thành, tỉnh Hải Dương, UBND thị trấn Phú Thái báo cáo
kết quả quý I năm 2024 như sau:

1. Công tác chỉ đạo
Thị trấn đã thành lập Ban chỉ đạo chuyển đổi số gồm 11 thành viên. Toàn thị trấn có 9 khu
dân cư với 9 Tổ công nghệ số cộng đồng, tổng số 54 thành viên.

2. Hạ tầng, nhân lực
Đội ngũ cán bộ, công chức thị trấn gồm 21 đồng chí; 100% cán bộ, công chức được trang bị máy
vi tính. Tỷ lệ máy tính có cài đặt phần mềm phòng chống mã độc đạt 100%.

3. Giải quyết thủ tục hành chính
Trong quý, Bộ phận Một cửa tiếp nhận 512 hồ sơ, đã trả kết quả 498 hồ sơ (đúng hạn 495 hồ
sơ, trễ hạn 3 hồ sơ). Hồ sơ nộp trực tuyến: 438/512 hồ sơ, đạt 85,5%.
Số thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình là 98 thủ tục, một phần
45 thủ tục.

4. Thông tin, tuyên truyền
Trang thông tin điện tử thị trấn đã đăng 47 tin bài và 35 văn bản chỉ đạo, điều hành. Hệ
thống truyền thanh phát 60 tin, bài về chuyển đổi số.
Tổ chức 3 lớp tập huấn kỹ năng số cho 145 lượt người.

5. Thư điện tử, chữ ký số
Đã cấp 19 tài khoản thư điện tử công vụ cho cán bộ, công chức.

Trên đây là báo cáo kết quả ứng dụng CNTT, chuyển đổi số quý I năm 2024 của UBND thị trấn Phú Thái./.
Nơi nhận:
- UBND huyện;
- Lưu: VP.
                                   CHỦ TỊCH

                                   Phạm Quang Huy
"""

PHU_THAI_VALUES = {
    "directives.steering_committee": True, "directives.steering_committee_members": 11, "directives.villages": 9,
    "directives.community_teams_village": 9, "directives.community_teams_village_members": 54,
    "staff.officials": 21, "infra.officials_with_computer_share": 100, "security.antimalware_share": 100,
    "dossiers.received": 512, "dossiers.resolved": 498, "dossiers.resolved_on_time": 495, "dossiers.late": 3,
    "dossiers.online_share": 85.5, "dvc.full_online": 98, "dvc.partial_online": 45, "web.articles": 47,
    "web.documents_posted": 35, "web.radio_articles": 60, "hr.training_sessions": 3, "hr.trained": 145,
    "email.accounts": 19,
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def flat(indicators: dict) -> dict[str, object]:
    """code -> the headline value of its single statement (fails on several statements)."""
    result = {}
    for code, measure in indicators.items():
        assert isinstance(measure, dict), f"{code} stated more than once: {measure}"
        result[code] = next(measure[name] for name in ("flag", "percent", "value", "numerator") if name in measure)
    return result


def values(indicators: dict) -> Counter:
    counted: Counter = Counter()
    for code, statements in indicators.items():
        for measure in statements if isinstance(statements, list) else [statements]:
            for name in FIELDS:
                if measure.get(name) is not None:
                    raw = measure[name]
                    counted[(code, name, raw if isinstance(raw, bool) else round(float(raw), 6))] += 1
    return counted


def all_values(report: dict) -> Counter:
    counted = values(report.get("indicators") or {})
    goals = (report.get("goals") or {}).get("indicators") or {}
    counted.update({("goals/" + code, name, value): n for (code, name, value), n in values(goals).items()})
    return counted


# --------------------------------------------------------------------------------------
# Reading text into lines
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_txt_line_numbers_are_the_files_lines(seed):
    lines = read_lines(seed)
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    assert len(lines) == len(seed.read_text(encoding="utf-8").split("\n"))
    fixture = json.loads(seed.with_suffix(".json").read_text(encoding="utf-8"))
    by_number = {line.number: " ".join(line.text.split()) for line in lines}
    for statements in fixture["indicators"].values():
        for measure in statements if isinstance(statements, list) else [statements]:
            if measure.get("line") and measure.get("quote"):
                assert " ".join(measure["quote"].split())[:20] in by_number[measure["line"]]


def test_lines_are_nfc_and_split_on_newlines_only():
    decomposed = "Tỷ le\u0302\u0323 đạt 90%\r\nDòng hai\fcó ngắt trang"
    lines = lines_from_text(decomposed)
    assert [line.text for line in lines] == ["Tỷ lệ đạt 90%", "Dòng haicó ngắt trang"]


# --------------------------------------------------------------------------------------
# Numbers and layout
# --------------------------------------------------------------------------------------

def _tokens(text: str):
    item = Item(text, [1] * len(text))
    return tokens(item, fold(text))[0]


def test_vietnamese_numbers_units_and_percentages():
    found = _tokens("Số văn bản đến: 1.234 văn bản; tỷ lệ đạt 98,5 % và 98.34%; kinh phí 85,5 triệu đồng")
    assert [(t.value, t.kind, t.unit) for t in found] == [
        (1234, "count", "văn bản"), (98.5, "percent", None), (98.34, "percent", None), (85.5, "count", "triệu đồng"),
    ]


def test_dates_document_numbers_years_levels_and_periods_are_not_values():
    text = ("Kế hoạch số 46/KH-UBND ngày 31/12/2022, Quyết định số 56, 57,58/QĐ-UBND ngày 08 tháng 3 năm 2023, "
            "Nghị định số 43/2011/NĐ-CP; DVC mức độ 3, 4; giai đoạn 2021 - 2025; 6 tháng đầu năm 2023; quý II; 4G")
    assert _tokens(text) == []


def test_fractions_with_percentages_and_qualifiers():
    first, second, third = _tokens("có hộp thư: 30/32 (93,75%); trên 95 % hộ; 100% trở lên cán bộ")
    assert (first.kind, first.numerator, first.denominator, first.percent) == ("fraction", 30, 32, 93.75)
    assert (second.value, second.qualifier) == (95, "more_than")
    assert (third.value, third.qualifier) == (100, "at_least")


def test_broken_lines_are_joined_but_keep_the_numbers_line():
    lines = lines_from_text("10 Số máy tính kết nối mạng LAN, có \n\nInternet tốc độ cao 20 máy\n"
                            "- Tỷ lệ văn bản điện tử được trao đổi qua mạng (thông qua phần mềm \n\n"
                            "VOFFICE và hộp thư điện tử). 90 %\n")
    items = layout(lines)
    assert len(items) == 2
    assert items[0].text == "10 Số máy tính kết nối mạng LAN, có Internet tốc độ cao 20 máy"
    assert items[0].lines[items[0].text.index("20")] == 3


# --------------------------------------------------------------------------------------
# The seeds against their hand encodings
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_draft_validates_and_carries_provenance(seed):
    draft, candidates = load_document(seed)
    report = Report.model_validate(draft)
    assert draft["meta"]["source_file"] == seed.name
    lines = {line.number: " ".join(line.text.split()) for line in read_lines(seed)}
    for statements in [*report.indicators.values(), *(report.goals.indicators.values() if report.goals else [])]:
        for measure in statements:
            assert measure.line is not None and measure.quote == lines[measure.line]
            assert measure.note and measure.note.startswith(EXTRACTED_NOTE)
    for candidate in candidates:
        assert candidate.reason


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_identity_period_and_signer(seed):
    draft, _ = load_document(seed)
    fixture = json.loads(seed.with_suffix(".json").read_text(encoding="utf-8"))
    assert draft["identity"] == fixture["identity"]
    assert {k: draft["period"][k] for k in ("year", "kind")} == {k: fixture["period"][k] for k in ("year", "kind")}
    assert draft["meta"]["signer"] == fixture["meta"]["signer"]
    assert draft["meta"]["recipients"] == fixture["meta"]["recipients"]
    # every cited document with a number, with its date; none invented
    fixture_docs = {d["number"]: (d["kind"], d.get("date")) for d in fixture["documents"] if d.get("number")}
    draft_docs = {d["number"]: (d["kind"], d.get("date")) for d in draft["documents"]}
    assert draft_docs == fixture_docs


def test_seeds_precision_and_recall():
    expected = got = recovered = 0
    for seed in SEEDS:
        fixture = json.loads(seed.with_suffix(".json").read_text(encoding="utf-8"))
        draft, _ = load_document(seed)
        want, have = all_values(fixture), all_values(draft)
        expected += sum(want.values())
        got += sum(have.values())
        recovered += sum((want & have).values())
    assert recovered / got >= 0.98
    assert recovered / expected >= 0.85


@pytest.mark.xfail(strict=True, reason="the hand-made JSON of this seed writes shares as numerator/denominator "
                                       "from counts the text states apart (640 văn bản đi … 634 ký số), which the "
                                       "reader never combines (fixtures/intake/README.md rule 8), and a figure "
                                       "(satisfaction 98 %, services or procedures) is not read yet")
@pytest.mark.parametrize("stem", sorted(READING_PENDING))
def test_post_reform_seed_is_not_read_yet(stem):
    seed = FIXTURES / f"{stem}.txt"
    fixture = json.loads(seed.with_suffix(".json").read_text(encoding="utf-8"))
    draft, _ = load_document(seed)
    want, have = all_values(fixture), all_values(draft)
    recovered = sum((want & have).values())
    assert recovered / sum(have.values()) >= 0.98 and recovered / sum(want.values()) >= 0.85


def test_goals_section_numbers_go_to_goals_not_indicators():
    draft, _ = load_document(FIXTURES / "dong-tam-ninh-giang-2023.txt")
    assert draft["goals"]["year"] == 2024
    assert draft["goals"]["indicators"]["society.adults_signature_share"]["percent"] == 25
    assert draft["goals"]["indicators"]["society.adults_signature_share"]["qualifier"] == "more_than"
    assert draft["indicators"]["society.adults_signature_share"]["percent"] == 10


def test_minh_duc_annex_rows_are_read_blank():
    draft, _ = load_document(FIXTURES / "minh-duc-tu-ky-2023-h1.txt")
    annex = draft["annex"]
    assert annex["form"] == "Biểu mẫu 7"
    assert len(annex["items"]) >= 20
    assert all(item["value"] is None for item in annex["items"])


# --------------------------------------------------------------------------------------
# Reports the extractor was not written from
# --------------------------------------------------------------------------------------

def test_paraphrased_report_of_another_commune(tmp_path):
    draft, candidates = load_document(write(tmp_path, "an-binh.txt", AN_BINH))
    assert draft["identity"]["commune"] == "An Bình"
    assert draft["identity"]["unit_type"] == "phuong"
    assert draft["identity"]["district"] == "Kim Thành"
    assert draft["period"] == {"year": 2024, "kind": "year", "label": "năm 2024"}
    assert draft["meta"]["number"] == "112/BC-UBND"
    assert draft["meta"]["date"] == "2024-12-15"
    assert draft["meta"]["signer"] == {"name": "Trần Thị Hoa", "title": "Phó Chủ tịch"}
    assert flat(draft["indicators"]) == AN_BINH_VALUES
    assert draft["goals"]["year"] == 2025
    goals = draft["goals"]["indicators"]
    assert goals["workfiles.online_share"]["percent"] == 100
    assert (goals["society.households_fibre_share"]["percent"], goals["society.households_fibre_share"]["qualifier"]) \
        == (95, "more_than")
    assert {d["number"]: d["date"] for d in draft["documents"]} == {"18/KH-UBND": "2024-01-20",
                                                                   "35/QĐ-UBND": "2024-02-05"}
    # the province is not named, but Kim Thành is a former district of Hải Dương in the unit list
    assert draft["identity"]["province"] == "Hải Dương"
    assert not any(c.code == "identity.province" for c in candidates)
    Report.model_validate(draft)


def test_table_report_after_the_reform(tmp_path):
    draft, candidates = load_document(write(tmp_path, "tan-hung.txt", TAN_HUNG))
    assert draft["identity"] == {"commune": "Tân Hưng", "unit_type": "xa", "province": "Hải Phòng"}
    assert draft["period"]["kind"] == "half" and draft["period"]["year"] == 2025
    assert flat(draft["indicators"]) == TAN_HUNG_VALUES
    email = draft["indicators"]["email.officials_with_account_share"]
    assert (email["numerator"], email["denominator"], email["percent"]) == (30, 32, 93.75)
    assert draft["indicators"]["satisfaction.procedures_share"]["qualifier"] == "more_than"
    assert draft["indicators"]["society.population_epayment_share"]["qualifier"] == "about"
    # "đúng hạn và trước hạn" together has no code of its own: a candidate, not a guess
    assert [c.value for c in candidates] == [1388]
    assert draft["goals"]["year"] == 2025
    assert draft["goals"]["indicators"]["dossiers.online_share"]["qualifier"] == "at_least"


def test_quarterly_narrative_report(tmp_path):
    draft, _ = load_document(write(tmp_path, "phu-thai.txt", PHU_THAI))
    assert draft["identity"]["unit_type"] == "thi_tran"
    assert draft["identity"]["province"] == "Hải Dương"
    assert draft["period"] == {"year": 2024, "kind": "quarter", "quarter": 1, "label": "quý I năm 2024"}
    assert flat(draft["indicators"]) == PHU_THAI_VALUES
    share = draft["indicators"]["dossiers.online_share"]
    assert (share["numerator"], share["denominator"], share["percent"]) == (438, 512, 85.5)


def test_unsure_values_become_candidates_not_guesses(tmp_path):
    text = ("BÁO CÁO\nKết quả chuyển đổi số năm 2024 của UBND xã Hòa Bình, huyện Gia Lộc, tỉnh Hải Dương\n"
            "1. Kết quả\n- Tổng số: 45.\n- Số máy tính để bàn và máy tính xách tay: 25 máy.\n- Kinh phí: 55.\n"
            "- Phấn đấu 100% hồ sơ công việc được xử lý trên môi trường mạng.\n- Số camera: 12,5 cái.\n")
    draft, candidates = load_document(write(tmp_path, "mini.txt", text))
    assert draft["indicators"] == {}
    reasons = {c.line: c for c in candidates}
    assert reasons[4].code is None and "no indicator" in reasons[4].reason
    assert set(reasons[5].options) == {"infra.desktops", "infra.laptops"}
    assert reasons[6].code == "budget.it_total" and "money unit" in reasons[6].reason
    assert 7 not in reasons  # "Phấn đấu 100% …" in the results is a goal (fixtures/intake/README.md, rule 13)
    assert draft["goals"]["indicators"]["workfiles.online_share"]["percent"] == 100
    assert reasons[8].code == "infra.cameras" and "decimal" in reasons[8].reason


def test_a_statement_repeated_is_kept_twice():
    draft, _ = load_document(FIXTURES / "dong-tam-ninh-giang-2023.txt")
    shares = draft["indicators"]["dossiers.online_share"]
    assert [m["percent"] for m in shares] == [17.65, 98.1]
    assert [m["line"] for m in shares] == [98, 108]


def test_cut_off_dates_are_kept_on_the_values():
    draft, _ = load_document(FIXTURES / "chi-lang-nam-thanh-mien-2023.txt")
    outgoing = draft["indicators"]["docs.outgoing"]
    assert (outgoing["period_start"], outgoing["as_of"]) == ("2023-01-01", "2023-12-14")
    assert draft["indicators"]["web.articles"]["as_of"] == "2023-12-20"


# --------------------------------------------------------------------------------------
# .docx and .pdf
# --------------------------------------------------------------------------------------

def _provenance_free(draft: dict) -> dict:
    """The draft without line numbers, quotes, notes and the file name."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("line", "quote", "note", "source_file")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    result = strip(draft)
    result.pop("period_mentions", None)
    return result


def test_docx_one_paragraph_per_line_gives_the_same_draft(tmp_path):
    docx = pytest.importorskip("docx")
    seed = FIXTURES / "minh-duc-tu-ky-2023-h1.txt"
    document = docx.Document()
    for line in seed.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "minh-duc.docx"
    document.save(path)
    from_docx, candidates_docx = load_document(path)
    from_txt, candidates_txt = load_document(seed)
    from_docx["meta"].pop("source_file")
    from_txt["meta"].pop("source_file")
    assert from_docx == from_txt  # same lines, so same line numbers too
    assert [c.as_dict() for c in candidates_docx] == [c.as_dict() for c in candidates_txt]


def test_docx_table_rows_are_lines(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    head, _, rest = TAN_HUNG.partition("STT Nội dung Số lượng Ghi chú\n")
    table_text, _, tail = rest.partition("\n\n")
    for line in head.split("\n"):
        document.add_paragraph(line)
    rows = [["1", "Tổng số cán bộ, công chức, viên chức", "32 người", ""],
            ["2", "Máy tính để bàn", "30 máy", ""], ["3", "Máy tính xách tay", "4 máy", ""],
            ["4", "Máy chủ", "1 máy", ""], ["5", "Số máy tính được cài phần mềm diệt virus bản quyền", "34 máy", ""],
            ["6", "Có mạng LAN", "Có", ""], ["7", "Số cán bộ chuyên trách CNTT", "0 người", ""],
            ["8", "Cán bộ kiêm nhiệm CNTT", "2 người", ""]]
    table = document.add_table(rows=len(rows) + 1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["STT", "Nội dung", "Số lượng", "Ghi chú"], strict=True):
        cell.text = text
    for row, values_ in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, values_, strict=True):
            cell.text = text
    for line in tail.split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "tan-hung.docx"
    document.save(path)
    draft, _ = load_document(path)
    assert flat(draft["indicators"]) == TAN_HUNG_VALUES
    lines = read_lines(path)
    # a table of three columns or more keeps its columns, one cell each (tables.py reads them)
    assert any(line.text == "2 | Máy tính để bàn | 30 máy | " for line in lines)


def _pdf_from_text(text: str, path: Path) -> None:
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not DEJAVU.exists():
        pytest.skip(f"no TTF font with Vietnamese glyphs at {DEJAVU}")
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    canvas = canvas_module.Canvas(str(path))
    y = 800
    for line in text.split("\n"):
        if y < 40:
            canvas.showPage()
            y = 800
        canvas.setFont("DejaVuSans", 9)
        canvas.drawString(30, y, line)
        y -= 14
    canvas.save()


def test_pdf_text_layer_gives_the_same_values(tmp_path):
    """Blank lines vanish from a PDF text layer, so lines differ: compare all but provenance."""
    pytest.importorskip("pdfplumber")
    seed = FIXTURES / "chi-lang-nam-thanh-mien-2023.txt"
    path = tmp_path / "chi-lang-nam.pdf"
    _pdf_from_text(seed.read_text(encoding="utf-8"), path)
    from_pdf, _ = load_document(path)
    from_txt, _ = load_document(seed)
    assert _provenance_free(from_pdf) == _provenance_free(from_txt)
    assert all_values(from_pdf) == all_values(from_txt)
    measure = from_pdf["indicators"]["docs.incoming"]
    assert "trang 2 / page 2" in measure["note"]
    assert "1.255" in measure["quote"]


# --------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "message"), [
    ("report.odt", b"whatever", "unsupported"),
    ("empty.txt", b"", "empty"),
    ("latin.txt", "Báo cáo".encode("cp1258"), "not UTF-8"),
    ("broken.docx", b"this is not a zip file", "unreadable .docx"),
    ("broken.pdf", b"%PDF-1.4 garbage", "unreadable .pdf"),
    ("numbers.txt", b"123 456\n", "no text"),
])
def test_bad_input_is_an_input_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        load_document(path)
    assert message in error.value.render()


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_document(tmp_path / "missing.txt")


def test_pdf_without_text_layer_is_an_input_error(tmp_path):
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")
    pytest.importorskip("pdfplumber")
    path = tmp_path / "scan.pdf"
    canvas = canvas_module.Canvas(str(path))
    canvas.rect(50, 50, 200, 200, fill=1)
    canvas.save()
    with pytest.raises(InputError, match="no text layer"):
        load_document(path)


# --------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------

def test_extract_command_writes_a_valid_draft_and_candidates(tmp_path):
    out = tmp_path / "draft.json"
    result = CliRunner().invoke(
        extract_command, [str(FIXTURES / "minh-duc-tu-ky-2023-h1.txt"), "-o", str(out), "--candidates"]
    )
    assert result.exit_code == 0, result.output
    draft = json.loads(out.read_text(encoding="utf-8"))
    Report.model_validate(draft)
    assert "Minh Đức" in out.read_text(encoding="utf-8")  # ensure_ascii=False
    listed = json.loads(candidates_path(out).read_text(encoding="utf-8"))
    assert listed and all({"line", "quote", "reason"} <= set(item) for item in listed)
    assert "candidates" in result.output or "chưa đưa" in result.output


def test_extract_command_to_stdout(tmp_path):
    path = write(tmp_path, "an-binh.txt", AN_BINH)
    result = CliRunner().invoke(extract_command, [str(path)])
    assert result.exit_code == 0
    start = result.output.index("{")
    end = result.output.rindex("}") + 1
    Report.model_validate(json.loads(result.output[start:end]))


@pytest.mark.parametrize("name", ["missing.txt", "report.rtf"])
def test_extract_command_bad_input_exits_2(tmp_path, name):
    if name.endswith(".rtf"):
        write(tmp_path, name, "{\\rtf1}")
    result = CliRunner().invoke(extract_command, [str(tmp_path / name)])
    assert result.exit_code == 2
    assert "input error" in result.output


def test_extract_is_a_checker_subcommand_once_registered():
    from checker.cli.main import checker_main

    if "extract" not in checker_main.commands:
        pytest.skip("extract is not registered in checker.cli.main yet")
    result = CliRunner().invoke(checker_main, ["extract", str(FIXTURES / "minh-duc-tu-ky-2023-h1.txt")])
    assert result.exit_code == 0


@settings(max_examples=25, deadline=None)
@given(seed=st.sampled_from(SEEDS), start=st.integers(0, 400), length=st.integers(1, 400), upper=st.booleans())
def test_any_slice_of_a_report_gives_a_valid_draft_or_an_input_error(seed, start, length, upper):
    text = "\n".join(seed.read_text(encoding="utf-8").split("\n")[start:start + length])
    text = text.upper() if upper else text
    try:
        draft, candidates = extract_draft(lines_from_text(text), "slice.txt")
    except InputError:
        return
    Report.model_validate(draft)
    assert all(candidate.reason for candidate in candidates)
