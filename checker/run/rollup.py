"""Pairing a batch's roll-up reports with the reports of their communes (docs/numbers.md §4).

A report is a roll-up when its ``identity.unit_code`` names a district or a province/city in
the units data; its parts are the other reports of the batch, for the same period, whose unit
code is one of the communes belonging to it on the period end (``units_under``).  Only JSON
reports are paired (their identity and period are read cheaply, as for history pairing).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from checker.catalogue.units import UnitTree
from checker.decide.checks.base import Part
from checker.decide.checks.rollup import is_rollup, same_period, units_under
from checker.model.report import Report
from checker.run.history import Stamp, stamp


def batch_parts(paths: Sequence[Path], units: UnitTree,
                stamps: Sequence[Stamp] | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """For each roll-up report of a batch, the reports of the batch that are its communes', same period.

    ``stamps``: the batch's stamps when already read (``stamp`` of each path, unreadable ones left out).
    """
    if stamps is None:
        stamps = [s for s in (stamp(path) for path in paths) if s is not None]
    parents = [s for s in stamps if is_rollup(units, s.identity.unit_code) and s.period.end is not None]
    if not parents:
        return ()
    by_unit: dict[str, list[Stamp]] = {}
    for item in stamps:
        if item.identity.unit_code:
            by_unit.setdefault(item.identity.unit_code, []).append(item)
    found = []
    for parent in parents:
        assert parent.identity.unit_code is not None and parent.period.end is not None
        children = [child.path for unit in units_under(units, parent.identity.unit_code, parent.period.end)
                    for child in by_unit.get(unit, ()) if same_period(child.period, parent.period)]
        if children:
            found.append((parent.path, tuple(children)))
    return tuple(found)


def parts_of(report: Report, candidates: Iterable[tuple[Report, str]]) -> tuple[Part, ...]:
    """The candidates that cover the same period as ``report``, citable as parts of its roll-up."""
    return tuple(Part(other, f"{Path(path).name} ({other.identity.commune})") for other, path in candidates
                 if other is not report and same_period(other.period, report.period))
