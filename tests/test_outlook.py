"""Results recalled in the outlook (checker/read/document/outlook.py) and the results' period of a title
that also names the outlook's (checker/read/document/meta.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.read.document.meta import _results_part
from checker.read.document.outlook import own_period, restated_result

Q1 = own_period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))


@pytest.mark.parametrize("before, after", [
    ("Tỷ lệ hồ sơ nộp trực tuyến quý I đạt ", "%; quý II phấn đấu đạt trên 95%"),
    ("Kết quả quý I đã đạt ", "% văn bản đi được ký số"),
    ("Đã đạt ", "% số hóa kết quả giải quyết TTHC"),
    ("nâng tỷ lệ khai thác, sử dụng lại dữ liệu số hóa từ ", "% lên 60%"),
])
def test_a_result_recalled(before: str, after: str) -> None:
    assert restated_result(before, after, Q1)


@pytest.mark.parametrize("before, after", [
    ("quý II phấn đấu đạt trên ", "%"),
    ("quý II đạt ", "%"),
    ("Tỷ lệ kết quả giải quyết TTHC được số hóa đạt ", "%."),  # "kết quả" is the procedures' results here
    ("Đã đạt 100% số hóa kết quả giải quyết TTHC, tiếp tục duy trì ", "% và nâng"),
    ("nâng tỷ lệ khai thác từ 48,7% lên ", "%"),
])
def test_a_goal_stays_a_goal(before: str, after: str) -> None:
    assert not restated_result(before, after, Q1)


def test_own_period_words() -> None:
    assert own_period(dt.date(2025, 1, 1), dt.date(2025, 6, 30)).search("6 tháng đầu năm đạt ")
    assert own_period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)).search("năm 2025 đạt ")
    assert own_period(None, dt.date(2025, 12, 31)) is None


@pytest.mark.parametrize("title, part", [
    ("BÁO CÁO Kết quả thực hiện nhiệm vụ chuyển đổi số quý I, phương hướng nhiệm vụ quý II năm 2026",
     "BÁO CÁO Kết quả thực hiện nhiệm vụ chuyển đổi số quý I năm 2026"),
    ("BÁO CÁO Kết quả chuyển đổi số năm 2025 và phương hướng nhiệm vụ năm 2026",
     "BÁO CÁO Kết quả chuyển đổi số năm 2025"),
    ("BÁO CÁO Kết quả chuyển đổi số 6 tháng đầu năm 2025", "BÁO CÁO Kết quả chuyển đổi số 6 tháng đầu năm 2025"),
    (None, None),
])
def test_the_results_part_of_a_title(title: str | None, part: str | None) -> None:
    assert _results_part(title) == part
