"""A merged unit's report: figures after the period, of one named former commune, and counts of communes
are left unplaced with their reason (checker/read/document/merger_scope.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.read.document.merger_scope import (
    AFTER_PERIOD,
    ONE_OF_UNITS,
    UNIT_COUNT,
    after_period,
    counts_units,
    one_of_named_units,
)

H1_END = dt.date(2025, 6, 30)


def _after(sentence: str, number: str) -> str | None:
    return after_period(sentence, (0, len(sentence)), sentence.index(number), H1_END)


@pytest.mark.parametrize("sentence, number", [
    ("Từ ngày 01/7/2025, xã mới giải quyết 361 TTHC (toàn trình 212)", "361"),
    ("Từ ngày 01/7 đến ngày 12/7/2025, xã mới phát hành 86 văn bản đi", "86"),
    ("Ngày 05/7/2025, xã mới kiện toàn Tổ công nghệ số cộng đồng xã gồm 15 thành viên", "15"),
    ("Đến ngày 30/6/2025, 3 xã cũ có 71 cán bộ; từ ngày 01/7/2025, xã mới có 56 cán bộ", "56"),
])
def test_a_clause_opened_after_the_period_is_not_placed(sentence: str, number: str) -> None:
    assert _after(sentence, number) == AFTER_PERIOD


@pytest.mark.parametrize("sentence, number", [
    ("Đến ngày 30/6/2025, 3 xã cũ có 71 cán bộ; từ ngày 01/7/2025, xã mới có 56 cán bộ", "71"),
    ("Từ ngày 01/01/2025 đến ngày 30/6/2025, xã tiếp nhận 3.126 hồ sơ", "3.126"),
    # a document's date is no opening of the clause
    ("Ban Chỉ đạo được kiện toàn theo Quyết định số 46/QĐ-UBND ngày 12/7/2025, gồm 11 thành viên", "11"),
    ("Xã tiếp nhận 241 hồ sơ", "241"),
])
def test_a_figure_of_the_period_stays(sentence: str, number: str) -> None:
    assert _after(sentence, number) is None


def test_no_period_no_test() -> None:
    sentence = "Từ ngày 01/7/2025, xã mới có 56 cán bộ"
    assert after_period(sentence, (0, len(sentence)), sentence.index("56"), None) is None


def test_one_named_commune_among_several() -> None:
    sentence = "Trước sáp nhập, xã An Thanh có 14 máy tính, xã Văn Tố 12 máy tính, xã Chí Minh 16 máy tính"
    for number in ("14", "12", "16"):
        start = sentence.index(number)
        assert one_of_named_units(sentence, (0, len(sentence)), 0, start) == ONE_OF_UNITS


def test_the_unit_named_alone_is_the_unit() -> None:
    sentence = "Xã Chí Minh có 38 máy tính, 100% kết nối mạng LAN"
    assert one_of_named_units(sentence, (0, len(sentence)), 0, sentence.index("38")) is None


@pytest.mark.parametrize("text, number, expected", [
    ("3 xã cũ tiếp nhận 3.846 văn bản đến", "3", UNIT_COUNT),
    ("gồm 02 phường và 01 xã", "02", UNIT_COUNT),
    ("3 xã cũ tiếp nhận 3.846 văn bản đến", "3.846", None),
    ("21 thôn", "21", None),
])
def test_a_count_of_communes(text: str, number: str, expected: str | None) -> None:
    assert counts_units(text, text.index(number) + len(number)) == expected


def test_personal_certificates_beside_the_total_with_the_organisations(tmp_path) -> None:
    """The total with the organisation's part is the certificates; a personal count elsewhere is left."""
    from checker.read.document import load_document

    text = tmp_path / "r.txt"
    text.write_text("UBND XÃ ĐẠI THẮNG\nBÁO CÁO\nKết quả chuyển đổi số năm 2024\n\n"
                    "Tổng số chứng thư số đã được cấp là 15, gồm 01 chứng thư số của cơ quan, 02 của lãnh đạo "
                    "và 12 của công chức.\n\n"
                    "- Số người được cấp chữ ký số cá nhân: 14 người.\n", encoding="utf-8")
    draft, candidates = load_document(text)
    assert draft["indicators"]["signatures.certificates"]["value"] == 15
    assert any(c.value == 14 and "cá nhân" in c.reason for c in candidates)


@pytest.mark.parametrize("text, number, code, expected", [
    ("- 02 CBCCVC chưa có CKS (mới tuyển dụng).", "02", "staff.officials", True),
    ("03 thôn chưa có Tổ công nghệ số cộng đồng", "03", "directives.villages", True),
    ("41 CBCCVC, trong đó 39 người có chữ ký số", "41", "staff.officials", False),
])
def test_those_who_lack_it(text: str, number: str, code: str, expected: bool) -> None:
    from checker.read.document.subgroups import lacking

    end = text.index(number) + len(number)
    assert (lacking(text, end, len(text), code) is not None) == expected


def test_a_count_of_what_is_lacking_is_its_own_indicator() -> None:
    from checker.read.document.subgroups import lacking

    text = "25 hồ sơ chưa giải quyết"
    assert lacking(text, 2, len(text), "dossiers.pending") is None


@pytest.mark.parametrize("label, defined, expected", [
    ("- HS toàn trình: ", {}, True),
    ("- HS toàn trình: ", {"HS": "hồ sơ"}, False),  # the text defines it
    ("- TTHC cấp xã: ", {}, False),  # the vocabulary knows it
    ("- BC định kỳ gửi qua Hệ thống thông tin báo cáo: ", {}, False),  # a long label names its thing
    ("Xã tiếp nhận ", {}, False),
])
def test_a_label_headed_by_an_undefined_abbreviation(label: str, defined: dict[str, str], expected: bool) -> None:
    from checker.read.document.unknown_heads import unknown_head

    assert (unknown_head(label, defined) is not None) == expected


@pytest.mark.parametrize("row, kind, unit", [
    ("B5. Máy tính hướng dẫn người dân nộp hồ sơ trực tuyến – 02 – chiếc", "count", "chiếc"),
    ("D8. Tỷ lệ TTHC có phí, lệ phí được thanh toán trực tuyến – 100 – % số TTHC có nghĩa vụ tài chính",
     "percent", None),
    ("A3. Số tổ dân phố – 14", "count", None),  # no unit column after the value
])
def test_a_questionnaire_value_column_takes_its_unit_from_the_next(row: str, kind: str, unit: str | None) -> None:
    from checker.read.document.layout import layout
    from checker.read.document.numbers_in_text import tokens
    from checker.read.document.text import Line

    item = layout([Line(1, row)])[0]
    token = next(t for t in tokens(item, item.text)[0] if t.raw in ("02", "100", "14"))
    assert (token.kind, token.unit) == (kind, unit)


def test_a_bare_smaller_figure_after_the_whole_is_a_part(tmp_path) -> None:
    """'Camera an ninh: 12; tốt 10, TB 2': the 2 is a part whose name is unknown, not a second count."""
    from checker.read.document import load_document

    text = tmp_path / "r.txt"
    text.write_text("UBND XÃ HÙNG THẮNG\nBÁO CÁO\nKết quả chuyển đổi số 6 tháng đầu năm 2026\n\n"
                    "- Camera an ninh: 12; tốt 10, TB 2.\n", encoding="utf-8")
    draft, candidates = load_document(text)
    assert draft["indicators"]["infra.cameras"]["value"] == 12
    assert any(c.value == 2 and "một phần" in c.reason for c in candidates)


def test_a_state_up_to_a_later_day_overlaps_the_period() -> None:
    sentence = "Tính đến ngày 10/7/2025, xã có 58 cán bộ, công chức"
    assert _after(sentence, "58") is None
