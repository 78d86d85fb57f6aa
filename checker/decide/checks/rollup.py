"""Roll-ups (docs/numbers.md §4): a city's or district's figure against the sum of its communes' reports.

As VTL's ``check_hierarchy`` and R ``validate::hierarchy()``: the result is three-valued —
holds (``met``), fails (a finding), or could not be checked (``no_data``, naming the communes
whose figure is missing) — and missing communes are handled by an explicit mode, never
silently.  Which communes belong to a unit comes from the unit tree, as the tree stood on the
report's period end; the reports of those communes come from the same batch
(``checker.run.rollup`` pairs them; rule examples give them as ``parts``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.catalogue.rules import RuleDef
from checker.catalogue.units import UnitTree, in_force_on
from checker.core.defaults import new_list
from checker.core.numbers import format_number
from checker.core.records import dataclass
from checker.decide.checks.arithmetic import sum_severity
from checker.decide.checks.base import CheckKind, Context, Part, Probe, Value, resolve
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence
from checker.model.report import Period

Missing = Literal["non_null", "partial_null", "always_zero"]
ROLLUP_LEVELS = ("tinh", "huyen")
"""Levels whose reports are roll-ups of the communes below them."""
NAMES_SHOWN = 8
"""How many missing communes a message names before saying how many more."""


def units_under(units: UnitTree, code: str, on: dt.date) -> tuple[str, ...]:
    """Codes of the communes (level xa) belonging to unit ``code`` on ``on``, in code order.

    A commune belongs to a district directly and to a province through its district, as the
    hierarchy stood on that day (before 1/7/2025 Hải Dương's communes through its districts;
    from then on Hải Phòng's 114 communes directly).
    """
    found = []
    for child, unit in units.items():
        if unit.level != "xa" or not in_force_on(unit, on):
            continue
        if code in units.ancestry(child, on)[:-1]:
            found.append(child)
    return tuple(sorted(found))


def is_rollup(units: UnitTree, code: str | None) -> bool:
    """Whether a report's unit code names a province/city or a district (its report sums communes)."""
    return code is not None and code in units and units[code].level in ROLLUP_LEVELS


@dataclass(frozen=True)
class Parts:
    """The communes a roll-up needs, split by what the batch gives for one indicator."""

    stated: tuple[tuple[Part, Value], ...]
    unknown: tuple[str, ...]
    """Names of the communes whose figure is not at hand (no report in the batch, or not stated)."""
    duplicates: tuple[str, ...]
    """Sources of further reports of a commune already counted (left out of the sum, and said so)."""


def same_period(one: Period, other: Period) -> bool:
    """Whether two reports cover the same period (same kind, year, quarter, start and end)."""
    return (one.kind, one.year, one.quarter, one.start, one.end) == (other.kind, other.year, other.quarter,
                                                                     other.start, other.end)


def split_parts(code: str, expected: Sequence[str], parts: Sequence[Part], units: UnitTree,
                period: Period) -> Parts:
    """Which expected communes state ``code`` for ``period``, and which are unknown (missing report or figure)."""
    by_unit: dict[str, Part] = {}
    duplicates = []
    for part in parts:
        unit = part.report.identity.unit_code
        if unit is None or unit not in expected or not same_period(part.report.period, period):
            continue
        if unit in by_unit:
            duplicates.append(part.source)
            continue
        by_unit[unit] = part
    stated, unknown = [], []
    for unit in expected:
        found = by_unit.get(unit)
        value = resolve(found.report, f"{code}:value") if found is not None else None
        if found is not None and value is not None:
            stated.append((found, value))
        else:
            unknown.append(units[unit].name)
    return Parts(tuple(stated), tuple(unknown), tuple(duplicates))


def name_list(names: Sequence[str]) -> str:
    """The first names and how many more: "Xã A, Xã B, … và 106 đơn vị khác"."""
    shown = ", ".join(names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    return f"{shown} và {more} đơn vị khác" if more > 0 else shown


class RollupSumKind(CheckKind):
    """A district's or city's figure = the sum of its communes' figures for the same period."""

    name = "rollup_sum"
    conditions = {"default": Condition("distance", ">", 0)}

    class Params(BaseModel):
        """codes: indicators that add up across communes (counts of dossiers, documents, computers …);
        missing: what a commune without a figure means (VTL's modes: ``non_null`` — the relation
        cannot be checked; ``partial_null`` — unknown but not negative, so the communes at hand
        must not exceed the whole; ``always_zero`` — counted as 0); complete: units whose every
        commune the units data lists (elsewhere the list may be partial and equality is never
        claimed); warning_within: a miss of at most this % of the whole is a warning.
        """

        model_config = ConfigDict(extra="forbid")
        codes: list[str] = Field(min_length=1)
        missing: Missing = "partial_null"
        complete: list[str] = Field(default_factory=new_list)
        warning_within: float = Field(default=1, ge=0)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per indicator the roll-up report states: holds, fails or could not be checked."""
        report, units = ctx.report, ctx.catalogue.units
        code = report.identity.unit_code
        if not is_rollup(units, code) or report.period.end is None:
            return
        assert code is not None
        expected = units_under(units, code, report.period.end)
        complete = code in params.complete
        unit_name = units[code].name
        for indicator in params.codes:
            whole = resolve(report, f"{indicator}:value")
            if whole is None:
                continue
            split = split_parts(indicator, expected, ctx.parts, units, report.period)
            yield self._probe(rule, params, ctx, indicator, whole, split, unit_name, complete, len(expected))

    def _probe(self, rule: RuleDef, params: Any, ctx: Context, indicator: str, whole: Value, split: Parts,
               unit_name: str, complete: bool, expected: int) -> Probe:
        total = sum((Fraction(str(value.number)) for _, value in split.stated), Fraction(0))
        whole_number = Fraction(str(whole.number))
        unknown = bool(split.unknown) or not complete
        zeroed = params.missing == "always_zero"
        if unknown and not zeroed:
            excess = total - whole_number if params.missing == "partial_null" else Fraction(0)
            distance: Fraction | None = excess if excess > 0 else None
        else:
            distance = abs(whole_number - total)
        diff = whole_number - total
        if split.unknown:
            missing_text = missing_en = name_list(split.unknown)
            more = len(split.unknown) - NAMES_SHOWN
            if more > 0:
                missing_en = missing_en.replace(f" và {more} đơn vị khác", f" and {more} more")
        elif not complete:
            missing_text = f"dữ liệu đơn vị có thể chưa liệt kê đủ các xã của {unit_name} (mới có {expected})"
            missing_en = f"the units data may not list every commune of {unit_name} ({expected} listed)"
        else:
            missing_text = missing_en = "—"
        items = [whole.evidence("whole"), *(value.evidence(part.report.identity.commune, part.source)
                                          for part, value in split.stated)]
        terms = " + ".join(format_number(value.number) for _, value in split.stated) or "0"
        computation = (f"{terms} = {format_number(float(total))}; {format_number(whole.number)} − "
                       f"{format_number(float(total))} = {format_number(float(diff))}")
        if split.unknown:
            computation += f"; thiếu / missing: {', '.join(split.unknown)}"
        if split.duplicates:
            computation += f"; báo cáo trùng, không cộng / duplicate reports not added: {', '.join(split.duplicates)}"
        params_out = {**ctx.catalogue.labels(indicator), "unit": unit_name, "whole": whole.number,
                      "total": float(total), "diff": float(diff), "count": len(split.stated),
                      "expected": expected, "missing": missing_text, "missing_en": missing_en, "mode": params.missing}
        fact = {"distance": float(distance)} if distance is not None else None
        holds_if_silent = fact is not None and (not unknown or zeroed)  # every commune's figure was counted
        return Probe(
            rule_id=rule.id, fact=fact, indicator=indicator,
            observed=whole.number, expected=float(total), pointer=whole.pointer,
            severity=sum_severity(distance, whole.number, params.warning_within, rule.severity)
            if distance is not None else None,
            status_if_fired="not_met", status_if_silent="met" if holds_if_silent else "no_data",
            message_if_silent="rollup_holds" if holds_if_silent else "rollup_unchecked",
            evidence=Evidence(items=items, computation=computation),
            params=params_out,
        )
