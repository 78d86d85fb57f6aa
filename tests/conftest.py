"""Shared test setup: hypothesis profiles and helpers to build reports."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", derandomize=True, max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"

BASE: dict[str, Any] = {
    "identity": {"commune": "Thử", "district": "Tứ Kỳ", "province": "Hải Dương",
                 "unit_code": "hai-duong/tu-ky/minh-duc"},
    "period": {"year": 2023, "kind": "year"},
}


def report_dict(**extra: Any) -> dict[str, Any]:
    """A minimal valid report dict with ``extra`` top-level keys merged in."""
    data = copy.deepcopy(BASE)
    data.update(copy.deepcopy(extra))
    return data


# Waivers of the Chi Lăng Nam fixture: one applies, one has expired, one matches nothing.
WAIVERS = """
waivers:
  - rule: CS042
    commune: hai-duong/thanh-mien/chi-lang-nam
    reason: Xã đã giải trình nguyên nhân
    accepted_by: Phòng VH-TT huyện Thanh Miện
    expires: 2030-12-31
  - rule: CS030
    commune: Chi Lăng Nam
    reason: Chấp nhận tạm
    accepted_by: Nguyễn Văn A
    expires: 2023-01-31
  - rule: CS001
    commune: "*"
    reason: Không khớp gì
    accepted_by: Nguyễn Văn B
    expires: 2030-12-31
"""


def count_calls(monkeypatch: Any, owner: Any, name: str) -> list[Any]:
    """Replace ``owner.name`` by a wrapper that records the first argument of every call (a list to assert on)."""
    calls: list[Any] = []
    real = getattr(owner, name)

    def counting(first: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(first)
        return real(first, *args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


def fixtures_with_gaps(seed: int, copies: int, one_in: int) -> list[Any]:
    """Every JSON fixture as a Report, then ``copies`` copies of each with one indicator in ``one_in`` left out.

    Deterministic (``seed``): the reports whose findings tests compare built one way and another.
    """
    import json
    import random

    from checker.model.report import Report

    rnd = random.Random(seed)
    reports = []
    for path in sorted(FIXTURES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        reports.append(Report.model_validate(data))
        for _ in range(copies):
            variant = copy.deepcopy(data)
            indicators = variant.get("indicators", {})
            for code in rnd.sample(sorted(indicators), len(indicators) // one_in):
                del indicators[code]
            reports.append(Report.model_validate(variant))
    return reports
