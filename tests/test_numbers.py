from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.core.numbers import (
    format_number,
    nfc,
    parse_date,
    parse_number,
    parse_number_or_percent,
    parse_percent,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2.777", 2777), ("1.255", 1255), ("91.942", 91942), ("02", 2), ("0", 0),
     ("98,34", 98.34), ("98.34", 98.34), ("97,6", 97.6), ("1.234.567", 1234567),
     ("1.234,5", 1234.5), ("3 225", 3225)],
)
def test_parse_number_as_vietnamese_writes_it(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "12.3.4", "1,2,3", "2.7777.1", "98,34 %"])
def test_parse_number_refuses_to_guess(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(("text", "expected"), [("98,34%", 98.34), ("98.34 %", 98.34), ("100%", 100)])
def test_parse_percent(text, expected):
    assert parse_percent(text) == expected
    assert parse_number_or_percent(text) == expected


def test_percent_requires_sign():
    with pytest.raises(ValueError):
        parse_percent("98")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("31/12/2022", date(2022, 12, 31)), ("ngày 06/3/2023", date(2023, 3, 6)),
     ("ngày 08 tháng 3 năm 2023", date(2023, 3, 8)), ("30 tháng 12 năm 2023", date(2023, 12, 30))],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_parse_date_rejects_nonsense():
    with pytest.raises(ValueError):
        parse_date("31-12-2022")


def test_nfc_composes_decomposed_vietnamese():
    decomposed = "Ho\u0302\u0300 so\u031b"  # "Hồ sơ" written with combining marks
    assert nfc(decomposed) == "Hồ sơ"


@given(st.integers(min_value=0, max_value=10**9))
def test_format_then_parse_integers_round_trip(n):
    assert parse_number(format_number(n)) == n


@given(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False))
def test_format_then_parse_decimals_round_trip(value):
    text = format_number(float(value), decimals=2)
    assert parse_number(text) == pytest.approx(float(value))
