"""Benchmark: what NĐ 307 classification points (SC001, SC002) cost per report.

Run: python benchmarks/bench_scoring.py [--repeat 2000]
Times the probes of the two scoring rules alone on a report they score (the 2026 Hải Phòng fixture:
both criteria) and on one they skip (a 2023 report, before the decree), best of three runs.
Prints figures; asserts nothing (speed is measured here, not in tests).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.catalogue.store import current  # noqa: E402
from checker.decide.evaluate import probes_for  # noqa: E402
from checker.decide.plan import plan_for  # noqa: E402
from checker.read.json_report import load_report  # noqa: E402

FIXTURES = {"scored (2026, both criteria)": "nam-thanh-mien-2026-h1.json",
            "skipped (2023)": "chi-lang-nam-thanh-mien-2023.json"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    catalogue = current()
    plan = plan_for(catalogue, tuple(r for r in catalogue.active_rules() if r.category == "scoring"))
    for name, file in FIXTURES.items():
        report = load_report(ROOT / "fixtures" / file)
        probes_for(report, plan, catalogue)
        best = min(_timed(report, plan, catalogue, args.repeat) for _ in range(3))
        print(f"{name}: {best * 1e6:.1f} µs/report ({args.repeat} runs, best of 3)")


def _timed(report, plan, catalogue, repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        probes_for(report, plan, catalogue)
    return (time.perf_counter() - start) / repeat


if __name__ == "__main__":
    main()
