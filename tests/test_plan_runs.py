"""A plan's compiled steps (``RulePlan.runs``, ``CheckKind.compile``): built from the plan's own steps, and
never raising what a rule's probes raise (errors of a rule stay where, and as, they always were).
"""

from __future__ import annotations

import copy
import dataclasses
import json
from collections import Counter

import pytest

from checker.catalogue.store import current
from checker.decide.evaluate import probes_for
from checker.decide.plan import RulePlan, plan_for
from checker.model.report import Report
from tests.conftest import FIXTURES

SEED = json.loads(sorted(FIXTURES.glob("*.json"))[0].read_text(encoding="utf-8"))


def test_a_plan_copied_with_other_steps_compiles_its_own():
    catalogue = current()
    plan = plan_for(catalogue)
    report = Report.model_validate(copy.deepcopy(SEED))
    targets = tuple(step for step in plan.steps if step[0].kind == "target")
    twice = dataclasses.replace(plan, steps=plan.steps + targets)
    assert len(twice.runs) == len(twice.steps) == len(plan.steps) + len(targets)
    once, doubled = Counter(p.rule_id for p in probes_for(report, plan, catalogue)), \
        Counter(p.rule_id for p in probes_for(report, twice, catalogue))
    target_ids = {rule.id for rule, _kind, _params in targets}
    assert any(once[rule_id] for rule_id in target_ids)
    assert all(doubled[rule_id] == 2 * once[rule_id] for rule_id in target_ids)
    assert all(doubled[rule_id] == count for rule_id, count in once.items() if rule_id not in target_ids)


@pytest.mark.parametrize(("groups", "error", "text"), [
    ([["no.such_indicator"]], ValueError, "unknown indicator codes ['no.such_indicator']"),
    ([[]], IndexError, "list index out of range"),
])
def test_compiling_a_rule_raises_nothing_its_probes_raise_as_before(groups, error, text):
    """A required_indicators rule naming an unknown code (or an empty group) builds a plan; the probes raise."""
    catalogue = current()
    rule = next(rule for rule in catalogue.rules if rule.kind == "required_indicators")
    broken = rule.model_copy(update={"params": {"groups": groups}})
    plan = RulePlan.build([broken])
    assert len(plan.runs) == 1
    with pytest.raises(error) as raised:
        probes_for(Report.model_validate(copy.deepcopy(SEED)), plan, catalogue)
    assert text in str(raised.value)
