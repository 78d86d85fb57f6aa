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
