"""Evaluate a report: rules -> probes -> decisions (durable_rules or plain Python) -> findings -> grade.

Waivers are part of the decision: they are applied before the grade, so an evaluation is
final when it is returned.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import field
from typing import Any, Literal

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import Catalogue, current
from checker.core.records import dataclass
from checker.decide.checks import Context, Probe
from checker.decide.checks.base import Earlier, Part
from checker.decide.engine import EngineFact, RuleConditions
from checker.decide.findings import SCORED, Finding, Suspects
from checker.decide.grading import Grade, grade
from checker.decide.locate import Location
from checker.decide.messages import TARGET_TEXTS, render, supersedes_note, with_note
from checker.decide.plan import RulePlan, plan_for
from checker.decide.suspects import locations, suspected, suspects_of
from checker.decide.waivers import Waiver, WaiverLedger
from checker.model.report import Report

SHARED_FINDINGS_MAX = 4096
"""At most this many shared findings per plan (keys hold the unit and period end: a batch of many units)."""

_INFO_STATUSES = frozenset(("met", "no_data", *SCORED))
"""Statuses whose findings are information whatever the rule's severity: passes and classification points."""

Backend = Literal["durable", "python"]
RuleOutcome = Literal["fails", "holds", "not_checked"]
"""What one rule said of one report, three-valued as R ``validate``'s ``summary()`` (docs/numbers.md §6)."""


@dataclass
class Evaluation:
    """The result of checking one report: its findings after waivers, and its grade."""

    report: Report
    findings: list[Finding]
    grade: Grade
    used_waivers: set[int] = field(default_factory=set)
    outcomes: dict[str, RuleOutcome] = field(default_factory=dict)
    """Rule id -> fails (it fired, waived or not) / holds (it checked something and did not fire) /
    not_checked (nothing to check: the figures it reads are absent), for every rule that ran."""


def probes_for(report: Report, plan: RulePlan, catalogue: Catalogue,
               history: Sequence[Earlier] = (), parts: Sequence[Part] = ()) -> list[Probe]:
    """Every probe of every rule of a prepared plan on ``report`` (with its ``history``, ``parts``), in rule order."""
    ctx = Context(report, catalogue, tuple(history), tuple(parts))
    probes: list[Probe] = []
    for run in plan.runs:
        probes.extend(run(ctx))
    return probes


def engine_facts(probes: Sequence[Probe]) -> Iterator[EngineFact]:
    """What the engine decides on: (probe index, rule id, variant, fact) of each probe that has a fact.

    The probe's own fact is passed, not copied: the engine reads from it only the fields its
    rule's condition tests.
    """
    return ((index, probe.rule_id, probe.variant, probe.fact)
            for index, probe in enumerate(probes) if probe.fact is not None)


def facts_of(probes: Sequence[Probe]) -> list[dict[str, Any]]:
    """The probes' facts as dicts with rule, variant and ``fid`` (the probe index), for ``DurableEngine.fired``."""
    return [
        {**probe.fact, "rule": probe.rule_id, "variant": probe.variant, "fid": index}
        for index, probe in enumerate(probes)
        if probe.fact is not None
    ]


def decide_in_python(conditions: RuleConditions, probes: Sequence[Probe]) -> set[int]:
    """Indexes of the probes whose condition holds: the engine's decision, in plain Python.

    The same as ``fired_in_python(conditions, facts_of(probes))`` without building the
    engine's facts; property tests prove it equal to the engine on generated reports.  Each
    condition is compiled once (``Condition.test``), not interpreted per probe.
    """
    return {
        index
        for index, probe in enumerate(probes)
        if (fact := probe.fact) is not None and conditions[probe.rule_id][probe.variant].test(fact)
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
    parts: Sequence[Part] = (),
) -> Evaluation:
    """Check one report against ``catalogue`` (default: the bundled data) with its active rules or ``rules``.

    ``waivers`` (judged on ``today``, default today) mark findings as waived before the grade
    is computed; ``preview`` also runs rules in preview; ``history`` holds earlier reports of the
    same unit, for the rules comparing periods (docs/numbers.md §3); ``parts`` the reports of the
    communes of a district or city for the same period (roll-ups, §4).
    """
    catalogue = catalogue or current()
    plan = plan_for(catalogue, rules, preview)
    probes = probes_for(report, plan, catalogue, history, parts)
    if backend == "durable":
        fired = plan.durable_engine().decide(engine_facts(probes))
    else:
        fired = decide_in_python(plan.conditions, probes)
    findings = assemble(plan, probes, fired, locations(probes, fired))
    used: set[int] = set()
    if waivers:
        ledger = WaiverLedger(list(waivers), today or dt.date.today(), catalogue)
        findings = ledger.apply(report, findings)
        used = ledger.used
    return Evaluation(report=report, findings=findings, grade=grade(findings), used_waivers=used,
                      outcomes=rule_outcomes(plan, probes, fired))


def assemble(plan: RulePlan, probes: Sequence[Probe], fired: set[int],
             located: Mapping[int, Location]) -> list[Finding]:
    """The findings of a report's probes (``fired``: the decision; ``located``: suspects of fired probes), in order.

    A probe with a ``shared`` key reads no figure of the report (a target it gives no data for, silent;
    a required indicator or particular it does not state, fired): its finding is built once per plan, rule
    and decision, and the same (frozen) object serves every report.  The failed relations of one group
    share their location: its suspects are explained once per report.
    """
    by_id = plan.by_id
    taken: set[tuple[str, Hashable]] = set()  # a report's findings stay distinct objects (renderers key them by id)
    explained: dict[int, Suspects] = {}  # id of a location (alive in ``located``) -> its suspects
    findings: list[Finding] = []
    finding: Finding | None
    key: tuple[str, Hashable]  # (rule id, shared key); a fired probe's shared key is wrapped as (True, key)
    for index, probe in enumerate(probes):
        if index in fired:
            if (location := located.get(index)) is not None:
                suspects = explained.get(id(location))
                if suspects is None:
                    suspects = explained[id(location)] = suspects_of(location)
                finding = to_finding(by_id[probe.rule_id], probe, True, suspects)
            elif probe.shared is not None and (key := (probe.rule_id, (True, probe.shared))) not in taken:
                taken.add(key)
                finding = _shared_finding(plan, probe, True, key)
            else:
                finding = to_finding(by_id[probe.rule_id], probe, True)
        elif probe.status_if_silent is None:  # a silent probe without a status: no finding (most probes)
            continue
        elif probe.shared is not None and (key := (probe.rule_id, probe.shared)) not in taken:
            taken.add(key)
            finding = _shared_finding(plan, probe, False, key)
        else:
            finding = to_finding(by_id[probe.rule_id], probe, False)
        if finding is not None:
            findings.append(finding)
    findings.sort(key=Finding.sort_key)
    return findings


def _shared_finding(plan: RulePlan, probe: Probe, fired: bool, key: tuple[str, Hashable]) -> Finding | None:
    """The finding of a probe with a ``shared`` key: the plan's, or built now and kept by the plan."""
    shared = plan.shared_findings
    finding = shared.get(key)
    if finding is None and (finding := to_finding(plan.by_id[probe.rule_id], probe, fired)) is not None:
        if len(shared) >= SHARED_FINDINGS_MAX:  # one batch of many units: start afresh, memory stays flat
            shared.clear()
        shared[key] = finding
    return finding


def rule_outcomes(plan: RulePlan, probes: Sequence[Probe], fired: set[int]) -> dict[str, RuleOutcome]:
    """Each rule of the plan: fails when one of its probes fired; holds when one was decided (or a target
    was met) and none fired; not_checked when it had nothing to decide (no figure, or no data for a target).
    """
    outcomes: dict[str, RuleOutcome] = dict.fromkeys(plan.by_id, "not_checked")  # every rule, in plan order
    for probe in probes:  # a rule holds when one probe was decided (or a target met) ...
        if probe.fact is not None and probe.status_if_silent != "no_data":
            outcomes[probe.rule_id] = "holds"
    for index in fired:  # ... unless one fired: which probe came first does not matter
        outcomes[probes[index].rule_id] = "fails"
    return outcomes


def count_outcomes(counts: dict[str, Counter[str]], outcomes: Mapping[str, RuleOutcome]) -> None:
    """Add one report's rule outcomes (:func:`rule_outcomes`) to ``counts``: rule id -> Counter of outcomes.

    The per-rule totals of a batch (``Tally.rules``) and of ``checker summary``; a rule's Counter is made
    only the first time it is seen (``setdefault(rule_id, Counter())`` made one for every rule of every report).
    """
    for rule_id, outcome in outcomes.items():
        tally = counts.get(rule_id)
        if tally is None:
            tally = counts[rule_id] = Counter()
        tally[outcome] += 1


def to_finding(rule: RuleDef, probe: Probe, fired: bool, suspects: Suspects | None = None) -> Finding | None:
    """The finding a probe yields: on firing, or a status for target-like probes.

    ``suspects`` (of a fired probe's failed relation) go into its evidence and their explanation after
    its message, as :func:`checker.decide.suspects.with_suspects` adds them (built once, not copied).
    """
    if fired:
        status = probe.status_if_fired
        vi, en = rule.message.vi, rule.message.en
    elif probe.status_if_silent is not None:
        status = probe.status_if_silent
        vi, en = TARGET_TEXTS[probe.message_if_silent or status]
    else:
        return None
    severity = "info" if status in _INFO_STATUSES else probe.severity or rule.severity
    evidence, params = probe.explained()
    message = render(vi, en, params)
    ref = probe.target
    if ref is not None and ref.supersedes:
        message = with_note(message, supersedes_note(ref.document, ref.supersedes, ref.document_in_force_from))
    if suspects is not None:
        evidence, message = suspected(evidence, message, suspects)
    return Finding(  # the rule's values (validated when loaded), the probe's (this code's own), a rendered text
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
        score=probe.score,
        message=message,
        pointer=probe.pointer,
    )
