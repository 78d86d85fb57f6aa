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
