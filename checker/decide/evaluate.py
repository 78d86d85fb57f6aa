"""Evaluate a report: rules -> probes -> engine -> graded findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from checker.decide.checks import KINDS, CheckKind, Context, Probe
from checker.decide.engine import DurableEngine, RuleConditions, durable_engine_for
from checker.decide.findings import Finding
from checker.decide.grading import Grade, grade
from checker.decide.messages import TARGET_TEXTS, render
from checker.model.report import Report
from checker.catalogue.rules import RuleDef, all_rules
from checker.catalogue.targets import SourcedTarget

Backend = Literal["durable", "python"]


@dataclass
class Evaluation:
    """The result of checking one report."""

    report: Report
    findings: list[Finding]
    grade: Grade


def conditions_of(rules: Sequence[RuleDef]) -> RuleConditions:
    """The engine conditions of ``rules``: rule id -> variant -> condition."""
    return {rule.id: dict(KINDS[rule.kind].conditions) for rule in rules}


@dataclass
class RulePlan:
    """A rule set prepared once: each rule with its kind and checked params, and the conditions."""

    rules: tuple[RuleDef, ...]
    steps: tuple[tuple[RuleDef, CheckKind, Any], ...]
    by_id: dict[str, RuleDef]
    conditions: RuleConditions
    _engine: DurableEngine | None = None

    def durable_engine(self) -> DurableEngine:
        """The process's durable_rules engine for these conditions, looked up once per plan."""
        if self._engine is None:
            self._engine = durable_engine_for(self.conditions)
        return self._engine


_PLANS: dict[tuple[int, ...], RulePlan] = {}


def plan_for(rules: Sequence[RuleDef]) -> RulePlan:
    """The plan of ``rules``, built on first use and kept (the plan holds the rule objects it is keyed by)."""
    key = tuple(id(rule) for rule in rules)
    plan = _PLANS.get(key)
    if plan is None:
        plan = RulePlan(
            rules=tuple(rules),
            steps=tuple((rule, KINDS[rule.kind], rule.checked_params()) for rule in rules),
            by_id={rule.id: rule for rule in rules},
            conditions=conditions_of(rules),
        )
        if len(_PLANS) > 64:
            _PLANS.clear()
        _PLANS[key] = plan
    return plan


def probes_for(report: Report, rules: Sequence[RuleDef] | RulePlan,
               extra_targets: tuple[SourcedTarget, ...] = ()) -> list[Probe]:
    """Every probe of every rule (or of a prepared plan) on ``report``, in rule order."""
    plan = rules if isinstance(rules, RulePlan) else plan_for(rules)
    ctx = Context(report, extra_targets)
    probes: list[Probe] = []
    for rule, kind, params in plan.steps:
        probes.extend(kind.probes(rule, params, ctx))
    return probes


def facts_of(probes: Sequence[Probe]) -> list[dict[str, Any]]:
    """The engine facts of the probes that have one, keyed by probe index (``fid``)."""
    return [
        {**probe.fact, "rule": probe.rule_id, "variant": probe.variant, "fid": index}
        for index, probe in enumerate(probes)
        if probe.fact is not None
    ]


def decide_in_python(conditions: RuleConditions, probes: Sequence[Probe]) -> set[int]:
    """Indexes of the probes whose condition holds: the engine's decision, in plain Python.

    The same as ``fired_in_python(conditions, facts_of(probes))`` without building the
    engine's facts; property tests prove it equal to the engine on generated reports.
    """
    return {
        index
        for index, probe in enumerate(probes)
        if probe.fact is not None and conditions[probe.rule_id][probe.variant].holds(probe.fact)
    }


def evaluate(
    report: Report,
    rules: Sequence[RuleDef] | None = None,
    extra_targets: tuple[SourcedTarget, ...] = (),
    backend: Backend = "durable",
) -> Evaluation:
    """Check one report with ``rules`` (default: every bundled rule)."""
    rules = rules if rules is not None else all_rules()
    plan = plan_for(rules)
    probes = probes_for(report, plan, extra_targets)
    if backend == "durable":
        fired = plan.durable_engine().fired(facts_of(probes))
    else:
        fired = decide_in_python(plan.conditions, probes)
    by_id = plan.by_id
    findings = []
    for index, probe in enumerate(probes):
        finding = to_finding(by_id[probe.rule_id], probe, index in fired)
        if finding is not None:
            findings.append(finding)
    findings.sort(key=Finding.sort_key)
    return Evaluation(report=report, findings=findings, grade=grade(findings))


def to_finding(rule: RuleDef, probe: Probe, fired: bool) -> Finding | None:
    """The finding a probe yields: on firing, or a status for target-like probes."""
    if fired:
        status = probe.status_if_fired
        vi, en = rule.message.vi, rule.message.en
    elif probe.status_if_silent is not None:
        status = probe.status_if_silent
        vi, en = TARGET_TEXTS[probe.message_if_silent or status]
    else:
        return None
    severity = probe.severity or rule.severity
    if status in ("met", "no_data"):
        severity = "info"
    evidence, params = probe.explained()
    return Finding(
        rule_id=rule.id,
        rule_name=rule.name,
        category=rule.category,
        severity=severity,
        status=status,
        indicator=probe.indicator,
        observed=probe.observed,
        expected=probe.expected,
        evidence=evidence,
        target=probe.target,
        message=render(vi, en, params),
        pointer=probe.pointer,
    )
