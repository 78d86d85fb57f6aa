"""``rule_outcomes`` in two passes (holds, then fails) says what the one ordered pass said, rule by rule.

The reference is the loop it replaced: probes in order, a fired probe makes its rule fail, a decided
one (or a target met) makes a rule not yet judged hold.  Compared on the fixtures, copies with
figures left out, and random decisions (any probe may be said to fire, as another engine might).
"""

from __future__ import annotations

import random

import pytest

from checker.catalogue.store import current
from checker.decide.evaluate import RuleOutcome, decide_in_python, probes_for, rule_outcomes
from checker.decide.plan import RulePlan, plan_for
from tests.conftest import fixtures_with_gaps


def reference_outcomes(plan: RulePlan, probes: list, fired: set[int]) -> dict[str, RuleOutcome]:
    """The outcomes as the single ordered pass computed them."""
    outcomes: dict[str, RuleOutcome] = dict.fromkeys(plan.by_id, "not_checked")
    for index, probe in enumerate(probes):
        if index in fired:
            outcomes[probe.rule_id] = "fails"
        elif probe.fact is not None and probe.status_if_silent != "no_data" \
                and outcomes[probe.rule_id] == "not_checked":
            outcomes[probe.rule_id] = "holds"
    return outcomes


@pytest.mark.parametrize("preview", [False, True])
def test_outcomes_are_the_ordered_pass(preview: bool) -> None:
    catalogue = current()
    plan = plan_for(catalogue, None, preview)
    rnd = random.Random(18)
    compared = 0
    for report in fixtures_with_gaps(3, 2, 3):
        probes = probes_for(report, plan, catalogue)
        decisions = [decide_in_python(plan.conditions, probes), set(),
                     {index for index in range(len(probes)) if rnd.random() < 0.2}]
        for fired in decisions:
            made = rule_outcomes(plan, probes, fired)
            assert made == reference_outcomes(plan, probes, fired)
            assert list(made) == list(plan.by_id)  # every rule, in plan order
            compared += 1
    assert compared >= 12
