"""The reader on tables: header rows, the meaning of each column, merged cells, tables by field.

Each test writes an invented table of one shape (not rows of a corpus text), so that a test
passes because the shape is read, not because one text is.  The report around them is a
quarter-III 2025 report (``HEAD`` of test_document_reading).
"""

from __future__ import annotations

from checker.read.document.table_columns import columns
from tests.test_document_reading import _read, _values


def _roles(*rows: str, year: int = 2025) -> list[str]:
    return [column.role for column in columns([[cell.strip() for cell in row.split("|")] for row in rows], year)]


def test_column_roles_from_a_header_split_over_two_rows():
    assert _roles("STT | Chỉ tiêu | ĐVT | Số liệu | Số liệu | Ghi chú",
                  "STT | Chỉ tiêu | ĐVT | Quý III/2025 | Quý III/2024 | Ghi chú") == [
        "order", "label", "unit", "result", "other", "note"]


def test_plan_comparison_and_unnamed_columns():
    assert _roles("TT | Nội dung | Đơn vị | Kế hoạch giao | Thực hiện | So với cùng kỳ (%) | Cột A") == [
        "order", "label", "unit", "other", "result", "other", "unknown"]


def test_numerator_denominator_and_percent_columns():
    assert _roles("STT | Nội dung | Số đạt | Tổng số | Tỷ lệ (%)") == [
        "order", "label", "numerator", "denominator", "percent"]


def test_a_year_other_than_the_report_s_is_another_period():
    assert _roles("STT | Chỉ tiêu | Năm 2024 | Năm 2025", year=2025) == ["order", "label", "other", "result"]


def test_only_this_period_s_column_is_read_and_last_year_s_left_with_its_reason(tmp_path):
    draft, candidates = _read(tmp_path, "STT | Chỉ tiêu | ĐVT | Kết quả | Kết quả | Ghi chú\n"
                                        "STT | Chỉ tiêu | ĐVT | Quý III/2025 | Cùng kỳ 2024 | Ghi chú\n"
                                        "1 | Máy quét tài liệu | Chiếc | 05 | 03 |\n"
                                        "2 | Văn bản đến | Văn bản | 2.417 | 2.230 |\n")
    assert [m["value"] for m in _values(draft, "infra.scanners")] == [5]
    assert [m["value"] for m in _values(draft, "docs.incoming")] == [2417]
    left = [c for c in candidates if "Cùng kỳ 2024" in c.reason]
    assert sorted(c.value for c in left) == [3, 2230]


def test_a_column_whose_meaning_is_unclear_is_left_unplaced(tmp_path):
    draft, candidates = _read(tmp_path, "STT | Chỉ tiêu | ĐVT | Cột 1 | Ghi chú\n"
                                        "1 | Máy quét tài liệu | Chiếc | 05 |\n")
    assert not _values(draft, "infra.scanners")
    assert any(c.value == 5 and "không xác định được cột" in c.reason for c in candidates)


def test_a_group_row_merged_across_the_table_and_a_sub_row_with_the_parent_merged_down(tmp_path):
    draft, _ = _read(tmp_path, "STT | Chỉ tiêu | Đơn vị tính | Số lượng | Ghi chú\n"
                               "I | VĂN BẢN | VĂN BẢN | VĂN BẢN | VĂN BẢN\n"
                               "1 | Văn bản đến | Văn bản | 906 |\n"
                               " | Văn bản đến | - Văn bản giấy | 31 |\n")
    assert [m["value"] for m in _values(draft, "docs.incoming")] == [906]
    assert [m["value"] for m in _values(draft, "docs.incoming_paper")] == [31]


def test_reached_total_and_share_columns_make_a_fraction(tmp_path):
    draft, _ = _read(tmp_path, "STT | Nội dung | Số đạt | Tổng số | Tỷ lệ (%)\n"
                               "1 | Hồ sơ được số hóa khi tiếp nhận | 640 | 655 | 97,7\n")
    (share,) = _values(draft, "dossiers.intake_digitised_share")
    assert (share["numerator"], share["denominator"], share["percent"]) == (640, 655, 97.7)


def test_a_table_by_field_gives_the_total_row_with_the_fields_as_parts(tmp_path):
    draft, _ = _read(tmp_path, "STT | Lĩnh vực | Hồ sơ tiếp nhận | Hồ sơ tiếp nhận | Đang giải quyết\n"
                               "STT | Lĩnh vực | Tổng số | Trực tuyến | Đang giải quyết\n"
                               "1 | Hộ tịch | 210 | 190 | 3\n"
                               "2 | Chứng thực | 95 | 80 | 1\n"
                               "Cộng | Cộng | 305 | 270 | 4\n")
    (received,) = _values(draft, "dossiers.received")
    assert received["value"] == 305 and received["parts"] == {"Hộ tịch": 210, "Chứng thực": 95}
    (online,) = _values(draft, "dossiers.online")
    assert online["value"] == 270 and online["parts"] == {"Hộ tịch": 190, "Chứng thực": 80}


def test_a_table_by_field_without_a_total_row_places_nothing(tmp_path):
    draft, candidates = _read(tmp_path, "STT | Lĩnh vực | Hồ sơ tiếp nhận\n"
                                        "1 | Hộ tịch | 210\n"
                                        "2 | Chứng thực | 95\n")
    assert not _values(draft, "dossiers.received")
    assert sorted(c.value for c in candidates if "dòng tổng" in c.reason) == [95, 210]


def test_an_appendix_table_after_the_signature_is_read(tmp_path):
    draft, candidates = _read(tmp_path, "Tỷ lệ văn bản đi được ký số đạt 97%.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
                                        "CHỦ TỊCH\n\nTrần Văn An\n\nPHỤ LỤC\nSỐ LIỆU CHUYỂN ĐỔI SỐ QUÝ III NĂM 2025\n"
                                        "STT | Chỉ tiêu | Đơn vị tính | Kế hoạch | Thực hiện\n"
                                        "1 | Máy quét tài liệu | Chiếc | 6 | 4\n")
    assert [m["value"] for m in _values(draft, "infra.scanners")] == [4]
    assert any(c.value == 6 and "Kế hoạch" in c.reason for c in candidates)


def test_a_row_of_signed_outgoing_documents_is_not_all_signed_documents(tmp_path):
    draft, _ = _read(tmp_path, "STT | Chỉ tiêu | Đơn vị tính | Số lượng\n"
                               "1 | Văn bản đi được ký số | Văn bản | 644\n")
    assert [m["value"] for m in _values(draft, "docs.signed_outgoing")] == [644]
    assert not _values(draft, "docs.signed")


def test_a_sub_row_is_narrowed_by_its_parent_row(tmp_path):
    draft, _ = _read(tmp_path, "STT | Chỉ tiêu | Đơn vị tính | Số lượng\n"
                               "1 | Văn bản đi | Văn bản | 650\n"
                               " | Văn bản đi | - Được ký số | 644\n")
    assert [m["value"] for m in _values(draft, "docs.outgoing")] == [650]
    assert [m["value"] for m in _values(draft, "docs.signed_outgoing")] == [644]


def test_word_tables_are_read_as_well_as_their_text(tmp_path):
    """The .docx of a corpus text, its tables real Word tables, reads as well as the .txt (within a value)."""
    import json
    import sys

    from checker.read.document import load_document
    from tests.conftest import FIXTURES

    sys.path.insert(0, str(FIXTURES.parent / "benchmarks"))
    from bench_extract import compare

    for name in ("le-chan-phuong-2026-q2", "hiep-cat-nam-sach-2024-h1", "hai-duong-phuong-2025-year"):
        expected = json.loads((FIXTURES / "intake" / f"{name}.expected.json").read_text(encoding="utf-8"))
        text = compare(expected, load_document(FIXTURES / "intake" / f"{name}.txt")[0])
        word = compare(expected, load_document(FIXTURES / "intake" / f"{name}.docx")[0])
        assert word["recall"] >= text["recall"] - 1 / 40, name
        assert word["precision"] >= min(text["precision"], 0.95), name


def test_columns_separated_by_tabs_are_a_table(tmp_path):
    draft, candidates = _read(tmp_path, "STT\tChỉ tiêu\tĐVT\tKế hoạch\tThực hiện\tGhi chú\n"
                                        "1\tMáy quét tài liệu\tChiếc\t6\t4\t\n"
                                        "2\tVăn bản đến\tVăn bản\t\t2.417\t\n")
    assert [m["value"] for m in _values(draft, "infra.scanners")] == [4]
    assert [m["value"] for m in _values(draft, "docs.incoming")] == [2417]
    assert any(c.value == 6 and "Kế hoạch" in c.reason for c in candidates)


def test_a_filled_statistical_annex_restates_its_figures(tmp_path):
    draft, _ = _read(tmp_path, "Văn bản đi được ký số đạt 99%.\n\nNơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\n\nTrần Văn An\n\n"
                               "Biểu mẫu 7\nXÂY DỰNG CHÍNH QUYỀN SỐ\n\n"
                               "1. Cập nhật Kiến trúc chính quyền điện tử\nChưa = 0 Hoàn thành = 1\n1\n\n"
                               "6.4.2 Tổng số hồ sơ TTHC đã tiếp nhận\nHồ sơ 1.874\n")
    assert [m["value"] for m in _values(draft, "dossiers.received")] == [1874]
    (row,) = [item for item in draft["annex"]["items"] if item["code"] == "6.4.2"]
    assert row["value"] == 1874


def test_a_two_column_table_under_its_header(tmp_path):
    draft, _ = _read(tmp_path, "Nội dung | Số liệu\nMáy quét tài liệu | 05 máy\nVăn bản đến | 2.417 văn bản\n")
    assert [m["value"] for m in _values(draft, "infra.scanners")] == [5]
    assert [m["value"] for m in _values(draft, "docs.incoming")] == [2417]


def test_a_quarter_outside_the_report_s_period_is_another_period():
    assert _roles("STT | Chỉ tiêu | Quý II/2025 | Quý III/2025") == ["order", "label", "result", "result"]
    import datetime as dt

    from checker.read.document.table_columns import columns as cols
    period = (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    roles = [c.role for c in cols([["STT", "Chỉ tiêu", "Quý II/2025", "Quý III/2025"]], 2025, period)]
    assert roles == ["order", "label", "other", "result"]


def test_an_estimate_column_reads_its_values_as_about(tmp_path):
    draft, _ = _read(tmp_path, "STT | Chỉ tiêu | Đơn vị tính | Ước thực hiện quý III\n"
                               "1 | Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng | % | 92\n")
    (share,) = _values(draft, "workfiles.online_share")
    assert share["percent"] == 92 and share["qualifier"] == "about"


def test_a_bare_share_column_beside_a_plan_column_is_not_taken_for_the_indicator_s_share(tmp_path):
    """Beside "Kế hoạch", "Tỷ lệ (%)" may be the share of the plan done: left unplaced, with its reason."""
    draft, candidates = _read(tmp_path, "STT\tChỉ tiêu\tĐVT\tKế hoạch năm\tThực hiện quý III\tTỷ lệ (%)\n"
                                        "1\tMáy quét tài liệu\tChiếc\t6\t5\t83,3\n"
                                        "2\tTỷ lệ hồ sơ trực tuyến\t%\t80\t84,5\t105,6\n")
    assert [m["value"] for m in _values(draft, "infra.scanners")] == [5]
    assert [m["percent"] for m in _values(draft, "dossiers.online_share")] == [84.5]
    unclear = sorted(c.value for c in candidates if "không xác định được cột" in c.reason)
    assert unclear == [83.3, 105.6]


def test_KH_is_the_plan(tmp_path):
    assert _roles("STT | Chỉ tiêu | ĐVT | KH năm 2025 | Thực hiện | So KH (%)") == [
        "order", "label", "unit", "other", "result", "other"]


def test_a_share_column_without_a_plan_beside_it_is_still_read():
    assert _roles("STT | Chỉ tiêu | ĐVT | Thực hiện | Tỷ lệ (%)") == ["order", "label", "unit", "result", "result"]


def test_a_group_row_under_a_tab_separated_header_is_no_more_header(tmp_path):
    # "I. Hạ tầng⇥⇥⇥⇥⇥" right under the header names a group of rows; read as more of the header it took the
    # label column's name away and no row could be read
    draft, candidates = _read(tmp_path, "Chỉ tiêu\tĐVT\tKế hoạch\tThực hiện\tTỷ lệ (%)\tSo cùng kỳ\n"
                                        "I. Hạ tầng, nhân lực\t\t\t\t\t\n"
                                        "Máy tính tại trụ sở\tChiếc\t20\t22\t-\t110,0\n"
                                        "Văn bản đến\tVăn bản\t-\t1.904\t-\t96,1\n")
    assert [m["value"] for m in _values(draft, "infra.computers")] == [22]
    assert [m["value"] for m in _values(draft, "docs.incoming")] == [1904]
    assert any(c.value == 20 and "Kế hoạch" in c.reason for c in candidates)


def test_a_note_above_the_table_says_what_its_share_column_means(tmp_path):
    body = ("Chỉ tiêu\tĐVT\tKế hoạch\tThực hiện\tTỷ lệ (%)\tSo cùng kỳ\n"
            "Hồ sơ tiếp nhận trực tuyến\tHồ sơ\t1.800\t1.912\t88,4\t110,2\n")
    draft, candidates = _read(tmp_path, body)
    assert not _values(draft, "dossiers.online_share")  # beside a plan, "Tỷ lệ (%)" may be the plan's share
    assert any(c.value == 88.4 for c in candidates)
    draft, candidates = _read(tmp_path, "Ghi chú: cột \"Tỷ lệ (%)\" là tỷ lệ so với tổng số của chỉ tiêu; cột \"So "
                                        "cùng kỳ\" là kết quả năm nay so với năm trước (%).\n\n" + body)
    assert [m["percent"] for m in _values(draft, "dossiers.online_share")] == [88.4]
    assert [m["value"] for m in _values(draft, "dossiers.online")] == [1912]
    assert any(c.value == 110.2 for c in candidates)


def test_a_legend_saying_the_share_is_of_the_plan_places_nothing():
    from checker.read.document.table_legend import legend

    assert legend('cột "Tỷ lệ (%)" là tỷ lệ so với kế hoạch') == {"tỷ lệ (%)": "other"}
    assert legend('cột "Tỷ lệ (%)" là tỷ lệ so với tổng số') == {"tỷ lệ (%)": "share"}
    assert legend("Ghi chú: số liệu tính đến ngày 15/12") == {}
