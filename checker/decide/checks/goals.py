"""Ambition kinds: next-year goals against this year's result and the target in force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import partial
from typing import Any

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import labels
from checker.catalogue.targets import Target
from checker.decide.checks.base import CheckKind, Context, Detail, Probe, Value, deferred_probe
from checker.decide.checks.layers import target_unit
from checker.decide.checks.target import target_ref
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence, EvidenceItem


def _goal_values(ctx: Context) -> Iterator[Value]:
    goals = ctx.report.goals
    if goals is None:
        return
    for code, statements in sorted(goals.indicators.items()):
        measure = statements[0]
        number = measure.main_number()
        if number is not None:
            field = "percent" if measure.percent is not None else "value"
            yield Value(code, 0, field, number, measure)


def _pointer(value: Value) -> str:
    return f"/goals/indicators/{value.code}/0/{value.field}"


class GoalBelowResultKind(CheckKind):
    """A goal for next year below what the report says was achieved this year."""

    name = "goal_below_result"
    conditions = {"default": Condition("goal", "<", "$result")}

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per goal whose indicator has a result this year, on the same field."""
        for goal in _goal_values(ctx):
            result = ctx.value(f"{goal.code}:{goal.field}")
            if result is None:
                continue
            yield deferred_probe(rule.id, {"goal": goal.number, "result": result.number}, goal.code, goal.number,
                                 f"≥ {result.number:g}", _pointer(goal),
                                 partial(_below_result_detail, goal, result, ctx.report.goals.year))  # type: ignore[union-attr]


def _goal_item(goal: Value) -> EvidenceItem:
    """A goal as an evidence item."""
    return EvidenceItem(name="goal", value=goal.number, indicator=goal.code, pointer=_pointer(goal),
                        line=goal.measure.line, quote=goal.measure.quote)


def _below_result_detail(goal: Value, result: Value, goal_year: int) -> Detail:
    """Evidence and message parameters of a goal below this year's result, built when it is a finding."""
    return Detail(
        Evidence(items=[_goal_item(goal), result.evidence("result this year")],
                 computation=f"{goal.number:g} < {result.number:g}"),
        {**labels(goal.code), "goal": goal.number, "result": result.number, "goal_year": str(goal_year)},
    )


class GoalBelowTargetKind(CheckKind):
    """A goal for next year below the target in force for that year."""

    name = "goal_below_target"
    conditions = {"default": Condition("goal", "<", "$threshold")}

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per goal with a '≥' target in force in the goal year."""
        goals = ctx.report.goals
        if goals is None:
            return
        # a unit of the same class as the report's for the goal year's targets (choose's day: 31/12 of it)
        unit = target_unit(ctx.catalogue, ctx.report.identity.unit_code, dt.date(goals.year, 12, 31))
        for goal in _goal_values(ctx):
            choice = ctx.catalogue.choose(goal.code, goals.year, ctx.level, unit)
            if choice is None or choice.chosen.target.comparator not in (">=", ">"):
                continue
            target = choice.chosen.target
            ref = target_ref(choice, ctx.catalogue)
            yield Probe(
                rule_id=rule.id, fact={"goal": goal.number, "threshold": target.threshold},
                indicator=goal.code, observed=goal.number, expected=f"{target.comparator} {target.threshold:g}",
                pointer=_pointer(goal), target=ref,
                severity=rule.severity if target.verified else "info",
                detail=partial(_below_target_detail, goal, target, ref.document, goals.year),
            )


def _below_target_detail(goal: Value, target: Target, document: str, goal_year: int) -> Detail:
    """Evidence and message parameters of a goal below the target in force, built when it is a finding."""
    return Detail(
        Evidence(items=[_goal_item(goal), EvidenceItem(name="threshold", value=target.threshold, quote=target.quote)],
                 computation=f"{goal.number:g} < {target.threshold:g}"),
        {**labels(goal.code), "goal": goal.number, "threshold": target.threshold,
         "comparator": target.comparator, "document": document, "goal_year": str(goal_year)},
    )
