"""Numbers written in words with their digits in brackets ("mười lăm (15)")."""

from __future__ import annotations

import pytest

from checker.read.document.number_words import read_words as spelled_value
from tests.test_document_reading import _read, _values


@pytest.mark.parametrize(("words", "value"), [
    ("mười lăm", 15), ("hai mươi mốt", 21), ("một trăm linh năm", 105), ("ba trăm mười", 310),
    ("bốn nghìn không trăm mười hai", 4012), ("chín nghìn hai trăm bốn mươi mốt", 9241),
    ("hai mươi tư", 24), ("một tỷ không trăm năm mươi triệu", 1_050_000_000), ("bảy", 7),
])
def test_spelled_value(words, value):
    assert spelled_value(words) == value


def test_two_digits_in_a_row_spell_no_number():
    assert spelled_value("hai ba") is None


def test_words_then_digits_are_one_number(tmp_path):
    draft, candidates = _read(tmp_path, "Xã có ba mươi hai (32) thôn; trụ sở có năm (05) máy quét tài liệu.\n")
    assert [m["value"] for m in _values(draft, "directives.villages")] == [32]
    assert [m["value"] for m in _values(draft, "infra.scanners")] == [5]
    assert not any(c.value in (32, 5) for c in candidates)


def test_a_year_in_brackets_after_a_word_is_not_touched(tmp_path):
    draft, _ = _read(tmp_path, "Kết quả trong năm (2025): 07 máy quét tài liệu.\n")
    assert [m["value"] for m in _values(draft, "infra.scanners")] == [7]
