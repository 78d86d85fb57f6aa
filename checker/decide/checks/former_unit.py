"""The former-unit kind: a report whose period ends after its unit was merged away names the unit that replaced it.

The unit is the report's ``identity.unit_code`` when the hierarchy knows it, else the commune's
name looked up among the former units the new units were formed from (NQ 1669/NQ-UBTVQH15:
the 374 former communes of Hải Dương and Hải Phòng).  A report of a unit still in force at its
period end, or of a name the hierarchy does not know, gives no probe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import Catalogue
from checker.catalogue.units import Predecessor, UnitTree, in_force_on
from checker.core.vnnames import TYPE_PREFIX, split_type
from checker.decide.checks.base import CheckKind, Context, Probe
from checker.decide.checks.violations import former_commune, identity_of, move_to_year
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence, EvidenceItem
from checker.model.report import Identity

SHARE_TEXT = {
    "whole": ("nhập toàn bộ", "all of it"),
    "part": ("nhập một phần", "part of it"),
    "part_area": ("nhập một phần diện tích", "part of its area"),
    "rest": ("phần còn lại", "the rest"),
}


def in_sentence(name: str) -> str:
    """A unit name as written inside a sentence: "Xã Chi Lăng Nam" → "xã Chi Lăng Nam"."""
    return name[0].lower() + name[1:] if split_type(name)[0] is not None else name


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def province_code(units: UnitTree, name: str) -> str | None:
    """The code of the province-level unit called ``name`` ("Hải Dương", "tỉnh Hải Dương", "TP Hải Phòng")."""
    found = [code for code in units.units_named(name) if units[code].level == "tinh"]
    if not found and name.lower().startswith("tp "):
        found = [code for code in units.units_named(name[3:]) if units[code].level == "tinh"]
    return found[0] if len(found) == 1 else None


def _named_unit(units: UnitTree, identity: Identity, end: dt.date) -> tuple[str | None, list[tuple[str, Predecessor]]]:
    """(code of the report's former unit, or None; the new units formed from it, with how) — empty if current."""
    code = identity.unit_code
    if code and code in units:
        unit = units[code]
        if unit.valid_until is None or end <= unit.valid_until:
            return None, []
        successor = units.successor_at(code, end)
        if successor is not None:
            return code, [(successor, Predecessor(name=unit.name, type=unit.type,
                                                  province=units.province_of(code) or "", code=code))]
        return code, units.formed_from(unit.name, unit.type, units.province_of(code))
    if code:
        return None, []  # a code the hierarchy does not know: not ours to judge
    province = province_code(units, identity.province)
    current_province = units.successor_at(province, end) if province else None
    name = f"{TYPE_PREFIX.get(identity.unit_type, '')} {identity.commune}".strip()
    if split_type(identity.commune)[0] is not None:
        name = identity.commune
    current = [c for c in units.units_named(name, on=end, province=current_province)
               if in_force_on(units[c], end)]
    if current:
        return None, []
    unit_type = split_type(name)[0]
    return None, units.formed_from(name, unit_type, province, identity.district)


class FormerUnitKind(CheckKind):
    """The report names a unit that no longer existed at its period end."""

    name = "former_unit"
    conditions = {"default": Condition("replaced", "==", 1)}

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe when the named unit is a former one the hierarchy can follow to its successors."""
        report, units = ctx.report, ctx.catalogue.units
        end = report.period.end
        assert end is not None  # derived by Period
        code, formed = _named_unit(units, report.identity, end)
        if not formed:
            return
        first = formed[0][1]
        former = first.name if code is None else units[code].name
        district = first.district or ""
        if code is not None:
            parent = units.get(units[code].parent or "")
            district = parent.name if parent is not None and parent.level == "huyen" else ""
        province = units.get(first.province or "")
        place = ", ".join(in_sentence(p) for p in (district, province.name if province else "") if p)
        until = units[code].valid_until if code is not None else None
        new_units = []
        sources: list[tuple[str, str | None]] = []
        for new_code, pred in formed:
            unit = units[new_code]
            if until is None and unit.valid_from is not None:
                until = unit.valid_from - dt.timedelta(days=1)
            share_vi, share_en = SHARE_TEXT[pred.share]
            new_units.append((in_sentence(unit.name), share_vi, share_en))
            if unit.source is not None:
                sources.append((unit.source.document, unit.source.article))
        listed_vi = "; ".join(f"{name} ({share})" for name, share, _ in new_units)
        listed_en = "; ".join(f"{name} ({share})" for name, _, share in new_units)
        by_document: dict[str, list[str]] = {}
        for document, article in sources:
            by_document.setdefault(document, [])
            if article and article not in by_document[document]:
                by_document[document].append(article)
        source = "; ".join(doc + "".join(f", {a}" if i == 0 else f"; {a}" for i, a in enumerate(articles))
                           for doc, articles in by_document.items()) or "targets/units"
        pointer = "/identity/unit_code" if code is not None else "/identity/commune"
        yield Probe(
            rule_id=rule.id, fact={"replaced": 1}, observed=former, expected=listed_vi, pointer=pointer,
            evidence=Evidence(
                items=[EvidenceItem(name="unit", value=code or report.identity.commune, pointer=pointer),
                       EvidenceItem(name="period_end", value=end.isoformat(), pointer="/period/end"),
                       *[EvidenceItem(name="successor", value=new_code) for new_code, _ in formed]],
                computation=f"{former}: hết hiệu lực / ended {until.isoformat() if until else '?'} < {end.isoformat()}",
            ),
            params={"former": in_sentence(former), "place": f" ({place})" if place else "", "end": _day(end),
                    "until": _day(until) if until else "?", "successors": listed_vi, "successors_en": listed_en,
                    "source": source},
        )

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Name, in a report after its merger, a commune that was merged away (by code, or only by name)."""
        pair = former_commune(catalogue.units)
        if pair is None:
            return None
        old, _new = pair
        until = catalogue.units[old].valid_until
        assert until is not None
        move_to_year(report, until.year + 1)
        report["identity"] = identity_of(catalogue.units, old)
        if k % 2:
            report["identity"]["unit_code"] = None
        return set()
