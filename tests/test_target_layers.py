"""Targets worked out once per class of units (``checks/layers.py``): a unit and the representative of its
class are judged by the same targets, so every check asking about targets gives them the same answer.

The reference is the per-unit path it replaces: ``choose_target`` and ``retired_targets`` called with the
unit itself, and a report checked on a catalogue that has seen no other unit of its class.
"""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from checker.catalogue.store import Catalogue
from checker.catalogue.targets import choose_target, retired_targets
from checker.decide.checks import Context
from checker.decide.checks.layers import target_layers, target_unit
from checker.decide.checks.target import target_step
from checker.decide.evaluate import evaluate, probes_for
from checker.decide.findings import json_form
from checker.decide.plan import plan_for
from checker.model.report import Report
from tests.conftest import FIXTURES

DAYS = (dt.date(2023, 12, 31), dt.date(2025, 6, 30), dt.date(2025, 12, 1), dt.date(2026, 6, 30),
        dt.date(2028, 12, 31))
"""Period ends on both sides of the 1/7/2025 reform (Hải Dương into Hải Phòng) and of ends of force."""


def _units(catalogue: Catalogue) -> list[str]:
    """Every unit of the catalogue and, below each district and province, a commune it does not know (most
    real communes).
    """
    above = [code for code, unit in catalogue.units.items() if unit.level in ("huyen", "tinh")]
    return sorted(catalogue.units) + [f"{code}/xa-khong-co" for code in sorted(above)] + ["khong-co"]


def _level(catalogue: Catalogue, code: str) -> str:
    unit = catalogue.units.get(code)
    return unit.level if unit is not None and unit.level in ("huyen", "tinh") else "xa"


def _same(one: object, other: object) -> bool:
    """Two choices (or None) with the same target, binding, overridden and retired targets."""
    if one is None or other is None:
        return one is other
    return (one.chosen, one.binding, one.overridden, one.retired) == (  # type: ignore[attr-defined]
        other.chosen, other.binding, other.overridden, other.retired)  # type: ignore[attr-defined]


def test_a_unit_and_its_representative_are_judged_by_the_same_targets():
    catalogue = Catalogue.load()
    indicators = sorted({sourced.target.indicator for sourced in catalogue.targets})
    shared = 0
    for day in DAYS:
        for code in _units(catalogue):
            representative = target_unit(catalogue, code, day)
            assert representative is not None
            if representative == code:
                continue
            shared += 1
            level = _level(catalogue, code)
            for indicator in indicators:
                ours = choose_target(catalogue.targets, catalogue.units, indicator, day.year, level, code, day)
                theirs = catalogue.choose(indicator, day.year, level, representative, day)  # once per class
                assert _same(ours, theirs), (day, code, representative, indicator)
                assert retired_targets(catalogue.targets, catalogue.units, indicator, level, code, day) == \
                    catalogue.retired(indicator, level, representative, day)
    assert shared > len(DAYS) * len(catalogue.units)  # classes are shared: most units are represented by another
    assert len(target_layers(catalogue).representatives) < len(DAYS) * len(_units(catalogue)) // 4


def test_units_in_different_layers_are_not_merged():
    catalogue = Catalogue.load()
    day = dt.date(2023, 12, 31)
    provinces = [code for code, unit in catalogue.units.items() if unit.level == "tinh"]
    assert len(provinces) >= 2
    representatives = {target_unit(catalogue, f"{code}/xa-khong-co", day) for code in provinces}
    assert len(representatives) == len(provinces)
    assert target_unit(catalogue, None, day) is None


SEEDS = sorted(FIXTURES.glob("*.json"))


@pytest.mark.parametrize("seed", SEEDS, ids=[path.stem for path in SEEDS])
@pytest.mark.parametrize("backend", ["python", "durable"])
def test_a_report_is_checked_as_on_a_catalogue_that_saw_no_other_unit_of_its_class(seed, backend):
    data = json.loads(seed.read_text(encoding="utf-8"))
    unit = data.get("identity", {}).get("unit_code")
    if not unit:
        pytest.skip("no unit code")
    sibling = copy.deepcopy(data)
    sibling["identity"]["unit_code"] = f"{unit}-khac"  # another commune of the same district
    first, second = Report.model_validate(data), Report.model_validate(sibling)

    fresh = Catalogue.load()
    alone = evaluate(second, catalogue=fresh, backend=backend)
    assert target_unit(fresh, second.identity.unit_code, second.period.end) == second.identity.unit_code

    seen = Catalogue.load()
    evaluate(first, catalogue=seen, backend=backend)
    after = evaluate(second, catalogue=seen, backend=backend)
    assert target_unit(seen, second.identity.unit_code, second.period.end) == unit  # represented by the first
    assert [json_form(finding) for finding in after.findings] == [json_form(finding) for finding in alone.findings]
    assert after.grade == alone.grade and after.outcomes == alone.outcomes


def test_a_compiled_target_rule_uses_the_steps_of_the_catalogue_it_is_given():
    report = Report.model_validate(json.loads(SEEDS[0].read_text(encoding="utf-8")))
    one, other = Catalogue.load(), Catalogue.load()
    plan = plan_for(one)
    by_id = {rule.id: rule for rule in plan.rules}
    for catalogue in (one, other, one):
        judged = [probe for probe in probes_for(report, plan, catalogue)
                  if by_id[probe.rule_id].kind == "target" and probe.target is not None]
        assert judged
        ctx = Context(report, catalogue)
        for probe in judged:
            rule = by_id[probe.rule_id]
            step = target_step(rule.params["indicator"], rule.severity, ctx)
            assert step is not None and probe.target is step.ref  # the catalogue's own step, not another's
