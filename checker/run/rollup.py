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
from checker.decide.checks.rollup import same_period
from checker.model.report import Report
from checker.run.history import Stamp, read_stamps
from checker.run.stamp_columns import StampColumns


def batch_parts(paths: Sequence[Path], units: UnitTree,
                stamps: Sequence[Stamp] | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """For each roll-up report of a batch, the reports of the batch that are its communes', same period.

    ``stamps``: the batch's stamps when already read (``checker.run.history.read_stamps`` of ``paths``).
    """
    stamps = read_stamps(paths) if stamps is None else stamps
    return StampColumns.of(stamps, units).parts(lambda at: stamps[at].path)


def parts_of(report: Report, candidates: Iterable[tuple[Report, str]]) -> tuple[Part, ...]:
    """The candidates that cover the same period as ``report``, citable as parts of its roll-up."""
    return tuple(Part(other, f"{Path(path).name} ({other.identity.commune})") for other, path in candidates
                 if other is not report and same_period(other.period, report.period))
