"""The reading cannot regress: per-text floors of recall and precision on the reading corpus and the seeds.

Figures from ``benchmarks/bench_extract.py`` (same comparison), pinned a little below the
values measured when the floors were set.  Raise a floor when the reader improves; never
lower one to let a change through.  The held-out texts are pinned by their summary figures
only (their wording is not used in developing the reader).
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from checker.read.document import load_document
from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "benchmarks" / "bench_extract.py")
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

# text: (recall floor, precision floor), in per cent
FLOORS = {
    "an-lao-xa-2026-q1": (94, 99),
    "bach-long-vi-dac-khu-2026-q1": (87, 99),
    "cam-vu-cam-giang-2025-q1": (91, 99),
    "hai-duong-phuong-2025-year": (87, 99),
    "hiep-cat-nam-sach-2024-h1": (97, 99),
    "hiep-son-kinh-mon-2024-year": (92, 99),
    "kim-dinh-kim-thanh-2024-q1": (99, 99),
    "nam-thanh-mien-2025-q3": (94, 99),
    "tan-hung-phuong-2025-q4": (93, 99),
    "thai-tan-2026-h1": (93, 99),
    "tien-thanh-tien-lang-2024-9m": (94, 99),
    "vinh-bao-xa-2026-year": (97, 99),
    # the original held-out five, measured as held out after the second round of the reader and
    # released for development in the third round
    "cat-hai-dac-khu-2025-9m": (94, 99),
    "gia-loc-2026-9m": (94, 99),
    "hong-phong-ninh-giang-2024-year": (81, 99),
    "le-chan-phuong-2026-q2": (89, 96),
    "vinh-hung-binh-giang-2025-h1": (99, 99),
    # second batch, written without seeing the reader and first measured as held out; released for
    # development in the second round of issue 12 (moved from fixtures/intake/holdout/)
    "cat-hai-dac-khu-2026-h1": (96, 99),
    "hong-bang-phuong-2026-9m": (91, 99),
    "nguyen-giap-2025-year": (90, 97),
    "tam-cuong-vinh-bao-2025-q2": (91, 99),
    "thanh-xuan-thanh-ha-2024-q3": (91, 97),
    "thuan-thien-kien-thuy-2024-year": (93, 99),
    # seeds
    "seed chi-lang-nam-thanh-mien-2023": (97, 100),
    "seed dong-tam-ninh-giang-2023": (100, 100),
    "seed minh-duc-tu-ky-2023-h1": (93, 100),
    # the 2026 Hải Phòng fixture (written for the target-lifecycle issue, after the reader changes)
    "seed nam-thanh-mien-2026-h1": (77, 96),
    # third batch, written without seeing the reader, measured as held out after the second round of
    # the reader; released for development in the third round (moved from fixtures/intake/holdout/)
    "bach-long-vi-dac-khu-2025-q4": (92, 99),
    "duong-kinh-phuong-2026-q3": (91, 99),
    "hoang-hoa-tham-chi-linh-2025-h1": (99, 99),
    "kien-hai-xa-2026-year": (94, 99),
    "quang-hung-an-lao-2024-year": (93, 99),
    # fourth batch, released after one held-out measurement: the table work of the third round lowered its
    # precision from 100 % to 78,8 % (a group row of empty tab cells ended its annex); it was then looked
    # at, fixed and moved to fixtures/intake/ (no longer a held-out measurement)
    "dai-thang-tien-lang-2024-year": (95, 99),
    # the rest of the fourth batch, written without seeing the reader and held out through the reader's third
    # round and the first part of its fourth (shares, lists): measured held out at recall 68,4 %, precision
    # 84,3 % over 307 values, then released for development in the fourth round (moved from
    # fixtures/intake/holdout/)
    "chi-minh-xa-2025-h1": (98, 99),
    "dang-lam-hai-an-2024-h1": (91, 97),
    "ha-dong-xa-2026-q1": (77, 97),
    "hung-thang-xa-2026-h1": (29, 99),
    "le-thanh-nghi-phuong-2025-9m": (87, 97),
    # held out, fifth batch (fixtures/intake/holdout/, written without seeing the reader): floors a point or two
    # under their first measurement (recall 67,0 %, precision 90,7 % over 233 values, before the reader's scope
    # and precision branches); held out: do not develop on them
    "cat-hai-dac-khu-2025-year": (84, 90),
    "doan-tung-thanh-mien-2024-9m": (88, 93),
    "ngo-quyen-phuong-2026-q3": (70, 81),
    "tan-ky-xa-2026-h1": (10, 85),
}


def _pairs():
    pairs = {}
    for holdout in (False, True):
        for text, expected in bench.texts(holdout=holdout):
            pairs[("seed " if text.parent.name == "fixtures" else "") + text.stem] = (text, expected)
    return pairs


PAIRS = _pairs()

def test_every_text_has_a_floor():
    assert set(PAIRS) == set(FLOORS)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_reading_floor(name):
    text, expected = PAIRS[name]
    draft, _ = load_document(text)
    result = bench.compare(json.loads(expected.read_text(encoding="utf-8")), draft)
    recall_floor, precision_floor = FLOORS[name]
    assert 100 * result["recall"] >= recall_floor, (name, result["recall"])
    assert 100 * result["precision"] >= precision_floor, (name, result["precision"])


def test_reading_is_deterministic():
    text, _ = PAIRS["thai-tan-2026-h1"]
    assert load_document(text) == load_document(text)
