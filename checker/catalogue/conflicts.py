"""Targets checked against each other (docs/numbers.md §5), as R ``validatetools`` checks rule sets.

Two targets are *in force together* when they name the same indicator (same unit of measure,
and the same denominator where both name one), apply to a common level, both bind a report of
the same year, are in force on a common day, and their layers lie on one unit's chain on that
day (the nation and a province of it; a ``--targets`` file is below every layer; a layer ends
with its unit).  A pair then is

* **contradictory** when no figure meets both (≥ 95 % and ≤ 90 %): infeasible;
* **redundant** when, in the same layer, one is implied by the other (≥ 90 % beside ≥ 95 %);
* **relaxing** when a more specific layer sets a weaker target than a broader one
  (a province's ≥ 70 % under the national ≥ 80 %): the broader one still binds, and the
  specific one suggests a floor that is not the law.

A target of a more specific layer that is *stricter* is the normal case and is not reported.
Within one layer a later document supersedes an earlier one for the same kind and year
(``choose_target``), so such pairs are not compared.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from checker.catalogue.targets import EXTRA_ORDER, SourcedTarget, Target, _is_binding, in_force_window
from checker.catalogue.units import Unit, ancestry

ConflictKind = Literal["contradiction", "redundant", "relaxes"]
LEVELS = ("xa", "huyen", "tinh")


@dataclass(frozen=True)
class Bound:
    """The figures a target allows: an interval with open or closed ends."""

    low: float
    low_open: bool
    high: float
    high_open: bool

    def empty_with(self, other: Bound) -> bool:
        """Whether no figure lies in both intervals."""
        if self.low != other.low:
            low, low_open = max((self.low, self.low_open), (other.low, other.low_open))
        else:
            low, low_open = self.low, self.low_open or other.low_open
        if self.high != other.high:
            high, high_open = min((self.high, self.high_open), (other.high, other.high_open))
        else:
            high, high_open = self.high, self.high_open or other.high_open
        return low > high or (low == high and (low_open or high_open))

    def within(self, other: Bound) -> bool:
        """Whether every figure this interval allows, ``other`` allows too (this implies other)."""
        low_ok = self.low > other.low or (self.low == other.low and (self.low_open or not other.low_open))
        high_ok = self.high < other.high or (self.high == other.high and (self.high_open or not other.high_open))
        return low_ok and high_ok


def bound_of(target: Target) -> Bound:
    """The interval of figures a target allows (≥ 95 → [95; +∞), < 10 → (−∞; 10), = 1 → [1; 1])."""
    t, inf = target.threshold, math.inf
    return {
        ">=": Bound(t, False, inf, True), ">": Bound(t, True, inf, True),
        "<=": Bound(-inf, True, t, False), "<": Bound(-inf, True, t, True), "=": Bound(t, False, t, False),
    }[target.comparator]


@dataclass(frozen=True)
class Conflict:
    """Two targets in force together that contradict each other, or where one makes the other idle."""

    kind: ConflictKind
    first: SourcedTarget
    """The broader (or, in one layer, the implying) target."""
    second: SourcedTarget
    """The more specific (or the implied) target."""
    on: dt.date
    """A day both are in force (the last common one)."""
    level: str


def _levels(target: Target) -> set[str]:
    return set(LEVELS) if "all" in target.levels else set(target.levels)


def _depth(sourced: SourcedTarget, chain: list[str]) -> int | None:
    if sourced.order >= EXTRA_ORDER:
        return len(chain) + 1
    scope = sourced.document.scope
    return chain.index(scope) if scope in chain else None


def _chain(units: Mapping[str, Unit], one: SourcedTarget, other: SourcedTarget, on: dt.date) -> list[str] | None:
    """The unit chain holding both targets' layers on ``on`` (the deeper layer's), or None when apart."""
    scopes = [s.document.scope for s in (one, other) if s.order < EXTRA_ORDER]
    if not scopes:
        return []  # two targets of --targets files: one layer, below every other
    for scope in scopes:
        chain = ancestry(units, scope, on) if scope in units else [scope]
        if all(s in chain for s in scopes):
            return chain
    return None


def _together(units: Mapping[str, Unit], one: SourcedTarget, other: SourcedTarget
              ) -> tuple[dt.date, str, int, int] | None:
    """The last day, a level and both layers' depths when two targets bind one report together."""
    a, b = one.target, other.target
    if (a.indicator, a.unit) != (b.indicator, b.unit) or (a.denominator and b.denominator
                                                          and a.denominator != b.denominator):
        return None
    common_levels = _levels(a) & _levels(b)
    start_a, end_a = in_force_window(one)
    start_b, end_b = in_force_window(other)
    end = min(end_a, end_b)
    for sourced in (one, other):  # a layer ends with its unit (Hải Dương's on 30/6/2025)
        unit = units.get(sourced.document.scope) if sourced.order < EXTRA_ORDER else None
        if unit is not None and unit.valid_until is not None:
            end = min(end, unit.valid_until)
    start = max(start_a or dt.date.min, start_b or dt.date.min)
    if not common_levels or start > end:
        return None
    year = end.year
    for target in (a, b):
        if target.kind == "annual" and target.year != year:
            return None
        if not _is_binding(target, year) or (target.kind == "deadline" and year < (target.from_year or 0)):
            return None
    if one.document.scope == other.document.scope and a.kind == b.kind and a.year == b.year \
            and one.document.date != other.document.date and (one.order < EXTRA_ORDER) == (other.order < EXTRA_ORDER):
        return None  # the later document supersedes the earlier one in its layer
    chain = _chain(units, one, other, end)
    if chain is None:
        return None
    depth_a, depth_b = _depth(one, chain), _depth(other, chain)
    if depth_a is None or depth_b is None:
        return None
    level = next(level for level in LEVELS if level in common_levels)
    return end, level, depth_a, depth_b


def target_conflicts(targets: Iterable[SourcedTarget], units: Mapping[str, Unit],
                     only: Sequence[SourcedTarget] | None = None) -> list[Conflict]:
    """Every pair of targets in force together that contradict, are redundant, or relax a broader floor.

    With ``only``, just the pairs that involve one of those targets (a file being checked).
    """
    targets = tuple(targets)
    by_indicator: dict[str, list[SourcedTarget]] = {}
    for sourced in targets:
        by_indicator.setdefault(sourced.target.indicator, []).append(sourced)
    wanted = {s.order for s in only} if only is not None else None
    found = []
    for group in by_indicator.values():
        for one, other in combinations(sorted(group, key=lambda s: s.order), 2):
            if wanted is not None and one.order not in wanted and other.order not in wanted:
                continue
            conflict = _judge(units, one, other)
            if conflict is not None:
                found.append(conflict)
    return sorted(found, key=lambda c: (c.first.target.indicator, c.on, c.first.order, c.second.order))


def _judge(units: Mapping[str, Unit], one: SourcedTarget, other: SourcedTarget) -> Conflict | None:
    together = _together(units, one, other)
    if together is None:
        return None
    on, level, depth_one, depth_other = together
    if depth_other < depth_one:
        one, other, depth_one, depth_other = other, one, depth_other, depth_one
    bound_one, bound_other = bound_of(one.target), bound_of(other.target)
    if bound_one.empty_with(bound_other):
        return Conflict("contradiction", one, other, on, level)
    if depth_one == depth_other:
        if bound_one.within(bound_other):
            return Conflict("redundant", one, other, on, level)
        if bound_other.within(bound_one):
            return Conflict("redundant", other, one, on, level)
        return None
    if bound_one.within(bound_other) and not bound_other.within(bound_one):
        return Conflict("relaxes", one, other, on, level)
    return None
