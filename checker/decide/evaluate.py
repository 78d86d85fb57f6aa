"""Evaluate a report: rules -> probes -> decisions (durable_rules or plain Python) -> findings -> grade.

Waivers are part of the decision: they are applied before the grade, so an evaluation is
final when it is returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import Catalogue, current
from checker.decide.checks import Context, Probe
from checker.decide.checks.base import Earlier
from checker.decide.engine import RuleConditions
from checker.decide.findings import Finding
from checker.decide.grading import Grade, grade
from checker.decide.messages import TARGET_TEXTS, render
from checker.decide.plan import RulePlan, plan_for
from checker.decide.suspects import locations, with_suspects
from checker.decide.waivers import Waiver, WaiverLedger
from checker.model.report import Report

Backend = Literal["durable", "python"]


@dataclass
class Evaluation:
    """The result of checking one report: its findings after waivers, and its grade."""

    report: Report
    findings: list[Finding]
    grade: Grade
    used_waivers: set[int] = field(default_factory=set)


def probes_for(report: Report, plan: RulePlan, catalogue: Catalogue,
               history: Sequence[Earlier] = ()) -> list[Probe]:
    """Every probe of every rule of a prepared plan on ``report`` (with its ``history``), in rule order."""
    ctx = Context(report, catalogue, tuple(history))
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
    backend: Backend = "durable",
    catalogue: Catalogue | None = None,
    waivers: Sequence[Waiver] = (),
    today: dt.date | None = None,
    preview: bool = False,
    history: Sequence[Earlier] = (),
) -> Evaluation:
    """Check one report against ``catalogue`` (default: the bundled data) with its active rules or ``rules``.

    ``waivers`` (judged on ``today``, default today) mark findings as waived before the grade
    is computed; ``preview`` also runs rules in preview; ``history`` holds earlier reports of the
    same unit, for the rules comparing periods (docs/numbers.md §3).
    """
    catalogue = catalogue or current()
    plan = plan_for(catalogue, rules, preview)
    probes = probes_for(report, plan, catalogue, history)
    if backend == "durable":
        fired = plan.durable_engine().fired(facts_of(probes))
    else:
        fired = decide_in_python(plan.conditions, probes)
    by_id = plan.by_id
    located = locations(probes, fired)
    findings = []
    for index, probe in enumerate(probes):
        finding = to_finding(by_id[probe.rule_id], probe, index in fired)
        if finding is not None:
            if index in located:
                finding = with_suspects(finding, located[index])
            findings.append(finding)
    findings.sort(key=Finding.sort_key)
    used: set[int] = set()
    if waivers:
        ledger = WaiverLedger(list(waivers), today or dt.date.today(), catalogue)
        findings = ledger.apply(report, findings)
        used = ledger.used
    return Evaluation(report=report, findings=findings, grade=grade(findings), used_waivers=used)


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
