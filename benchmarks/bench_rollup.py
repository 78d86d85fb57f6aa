"""Benchmark: roll-up pairing and checking (CS080), target conflicts, the per-rule tally.

Run: python benchmarks/bench_rollup.py [--runs 3]
A batch of Hải Phòng's 114 commune reports (the 2026 fixture with its unit code changed) plus
the city's report: the time to pair the batch, to check it with and without the city report
(the city report reads its 114 communes again), and ``target_conflicts`` on the bundled targets.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.catalogue.conflicts import target_conflicts  # noqa: E402
from checker.catalogue.store import current  # noqa: E402
from checker.decide.checks.rollup import units_under  # noqa: E402
from checker.run.batch import CheckSettings, check_paths  # noqa: E402
from checker.run.rollup import batch_parts  # noqa: E402


def write_batch(folder: Path) -> list[Path]:
    """114 commune reports and the city's, whose figures are the communes' sums."""
    units = current().units
    base = json.loads((ROOT / "fixtures" / "nam-thanh-mien-2026-h1.json").read_text(encoding="utf-8"))
    communes = units_under(units, "hai-phong", dt.date(2026, 6, 30))
    totals: dict[str, float] = {}
    paths = []
    for code in communes:
        data = copy.deepcopy(base)
        data["identity"] = {"commune": units[code].name.split(" ", 1)[1], "unit_type": units[code].type,
                            "province": "Hải Phòng", "unit_code": code}
        for indicator, statements in data["indicators"].items():
            first = statements[0] if isinstance(statements, list) else statements
            if isinstance(first.get("value"), int | float):
                totals[indicator] = totals.get(indicator, 0) + first["value"]
        path = folder / f"{code.replace('/', '_')}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    city = {"identity": {"commune": "Hải Phòng", "unit_type": "thanh_pho", "province": "Hải Phòng",
                         "unit_code": "hai-phong"}, "period": base["period"],
            "indicators": {code: {"value": value} for code, value in totals.items()}}
    city_path = folder / "hai-phong.json"
    city_path.write_text(json.dumps(city, ensure_ascii=False), encoding="utf-8")
    return [city_path, *paths]


def timed(func, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    catalogue = current()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_batch(Path(tmp))
        pairing = timed(lambda: batch_parts(paths, catalogue.units), runs)
        print(f"pairing {len(paths)} reports (batch_parts): {pairing * 1000:.1f} ms")
        settings = CheckSettings(backend="python")
        check_paths(paths, settings)  # warm the caches (plans, parsed data) before timing
        without = timed(lambda: check_paths(paths[1:], settings), runs)
        whole = timed(lambda: check_paths(paths, settings), runs)
        print(f"check 114 communes: {without:.2f} s; with the city report: {whole:.2f} s "
              f"(+{(whole - without) * 1000:.0f} ms for the roll-up report)")
        city = check_paths(paths, settings).checked[0].evaluation
        statuses = sorted({f.status or "fired" for f in city.findings if f.rule_id == "CS080"})
        print(f"CS080 on the city report: {sum(f.rule_id == 'CS080' for f in city.findings)} indicators, {statuses}")
    conflicts = timed(lambda: target_conflicts(catalogue.targets, catalogue.units), runs)
    print(f"target_conflicts on {len(catalogue.targets)} bundled targets: {conflicts * 1000:.1f} ms")


if __name__ == "__main__":
    main()
