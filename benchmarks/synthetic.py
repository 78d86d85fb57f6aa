"""Generated report files for the speed benchmarks and the findings dump (deterministic for a seed).

Each report is one of the real fixtures with some of its figures perturbed (which breaks sums,
shares and targets as real slips do) and, for a few, some statements left out (which exercises the
"no data" and partial paths).  The same ``count`` and ``seed`` always give the same reports.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

from checker.model.report import Report

ROOT = Path(__file__).resolve().parent.parent


def fixture_paths() -> list[Path]:
    """The real fixture reports the generated ones are made from, in their order."""
    return sorted((ROOT / "fixtures").glob("*.json"))


def _bases(paths: Sequence[Path] | None = None) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in (fixture_paths() if paths is None else paths)]


def _shift_lines(value: object, offset: int) -> None:
    """Add ``offset`` to every source line number in a report's data (in place)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "line" and isinstance(item, int) and not isinstance(item, bool):
                value[key] = item + offset
            else:
                _shift_lines(item, offset)
    elif isinstance(value, list):
        for item in value:
            _shift_lines(item, offset)


def synthetic_reports(count: int, seed: int = 7, drop: float = 0.0,
                      bases: Sequence[Path] | None = None, distinct: bool = False,
                      shared_units: frozenset[str] = frozenset()) -> Iterator[Report]:
    """``count`` reports made by perturbing the real fixtures' numbers; ``drop``: share of indicators left out.

    ``bases``: the fixtures to start from (default all of them, in turn).  ``distinct``: as in a real
    batch of different communes' documents, every report's source lines are moved down by its index
    (report ``i`` quotes line ``n + i`` where the fixture quotes ``n``), so no two reports have a
    finding with the same evidence, and every report is of a commune of its own (its unit code gets
    the suffix ``-i``: a commune the catalogue does not list, under the fixture's district or
    province, which the checker treats as it treats the fixture's commune), except the units of
    ``shared_units``, whose reports the batch compares with an earlier report of the same unit.
    Without it most findings of a batch repeat another report's exactly and the batch names four
    communes, and whatever remembers identical findings or units looks better than it would on
    real reports.
    """
    rnd = random.Random(seed)
    bases = _bases(bases)
    for index in range(count):
        data = copy.deepcopy(bases[index % len(bases)])
        if distinct:
            _shift_lines(data, index)
            identity = data.get("identity", {})
            if identity.get("unit_code") and identity["unit_code"] not in shared_units:
                identity["unit_code"] = f"{identity['unit_code']}-{index}"
        for code in list(data["indicators"]):
            if drop and rnd.random() < drop:
                del data["indicators"][code]
                continue
            statements = data["indicators"][code]
            for measure in statements if isinstance(statements, list) else [statements]:
                for key in ("value", "numerator", "percent"):
                    if isinstance(measure.get(key), int | float) and rnd.random() < 0.3:
                        measure[key] = round(measure[key] * rnd.uniform(0.8, 1.1), 0 if key != "percent" else 2)
                        if key == "percent":
                            measure[key] = min(measure[key], 100)
        yield Report.model_validate(data)


def write_report_files(folder: Path, count: int, seed: int = 7, drop: float = 0.0,
                       bases: Sequence[Path] | None = None, distinct: bool = False,
                       shared_units: frozenset[str] = frozenset()) -> list[Path]:
    """``count`` generated report files ``r00000.json``… in ``folder``; returns their paths."""
    paths = []
    for index, report in enumerate(synthetic_reports(count, seed, drop, bases, distinct, shared_units)):
        path = folder / f"r{index:05d}.json"
        path.write_text(report.model_dump_json(exclude_none=True), encoding="utf-8")
        paths.append(path)
    return paths
