"""Findings shared between reports: a probe's ``shared`` key names everything its finding depends on.

``evaluate.assemble`` builds the finding of such a probe (silent: a target the report gives no data for;
fired: a required indicator or particular the report does not state) once per plan and decision and
serves the same frozen object to every report; these tests prove that a finding built
afresh is always equal to the shared one, that probes with equal keys give equal findings across
reports, and that nothing downstream (waivers) changes a shared finding.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
from dataclasses import asdict
from typing import Any

import pytest

from checker.catalogue.store import current
from checker.decide import evaluate as evaluate_module
from checker.decide.evaluate import assemble, decide_in_python, evaluate, probes_for, to_finding
from checker.decide.findings import json_form
from checker.decide.plan import plan_for
from checker.decide.suspects import locations, with_suspects
from checker.decide.waivers import Waiver
from checker.model.report import Report
from tests.conftest import FIXTURES, fixtures_with_gaps

SEEDS = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(FIXTURES.glob("*.json"))]


REPORTS = fixtures_with_gaps(18, 3, 3)
"""Every fixture, and copies with a third of their indicators left out (deterministic)."""


def _fresh(plan: Any, probes: Any, fired: set[int], located: Any) -> list[dict[str, Any]]:
    """The findings built one by one, nothing shared (the loop ``assemble`` had before sharing)."""
    found = []
    for index, probe in enumerate(probes):
        finding = to_finding(plan.by_id[probe.rule_id], probe, index in fired)
        if finding is not None:
            found.append(with_suspects(finding, located[index]) if index in located else finding)
    found.sort(key=lambda f: f.sort_key())
    return [asdict(f) for f in found]


def test_shared_findings_equal_findings_built_afresh():
    catalogue = current()
    plan = plan_for(catalogue)
    shared_seen = 0
    for report in REPORTS:
        probes = probes_for(report, plan, catalogue)
        fired = decide_in_python(plan.conditions, probes)
        located = locations(probes, fired)
        assembled = assemble(plan, probes, fired, located)
        assert [asdict(f) for f in assembled] == _fresh(plan, probes, fired, located)
        shared_seen += sum(1 for f in assembled if any(f is s for s in plan.shared_findings.values()))
    assert shared_seen > 0, "the reports should have targets without data"


def test_equal_keys_give_equal_findings_across_reports():
    catalogue = current()
    plan = plan_for(catalogue)
    by_key: dict[Any, dict[str, Any]] = {}
    reused = 0
    reused_fired = 0
    for report in REPORTS:
        probes = probes_for(report, plan, catalogue)
        fired = decide_in_python(plan.conditions, probes)
        for index, probe in enumerate(probes):
            if probe.shared is None:
                continue
            built = to_finding(plan.by_id[probe.rule_id], probe, index in fired)
            assert built is not None  # a shared key is set only where a finding is made
            key = (probe.rule_id, index in fired, probe.shared)
            if key in by_key:
                reused += 1
                reused_fired += index in fired
                assert asdict(built) == by_key[key], key
            by_key[key] = asdict(built)
    assert reused > 0, "some keys should repeat across reports"
    assert reused_fired > 0, "some fired keys (required indicators, particulars) should repeat across reports"


def test_a_shared_finding_is_one_object_for_every_report():
    data = copy.deepcopy(SEEDS[0])
    data["indicators"] = {}
    first, second = evaluate(Report.model_validate(data)), evaluate(Report.model_validate(copy.deepcopy(data)))
    no_data = [(a, b) for a, b in zip(first.findings, second.findings, strict=True) if a.status == "no_data"]
    assert no_data and all(a is b for a, b in no_data)


def test_findings_are_frozen():
    finding = evaluate(Report.model_validate(SEEDS[0])).findings[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.waiver = None  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.message.vi = "khác"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.evidence.computation = "khác"  # type: ignore[misc]


def test_a_waiver_copies_the_shared_finding_it_waives():
    data = copy.deepcopy(SEEDS[0])
    data["indicators"] = {}
    report = Report.model_validate(data)
    before = evaluate(report)
    target = next(f for f in before.findings if f.status == "no_data")
    waiver = Waiver(rule=target.rule_id, commune="*", indicator=target.indicator, reason="Đã giải trình",
                    accepted_by="Phòng VH-TT", expires=dt.date(2099, 12, 31))
    waived = evaluate(report, waivers=[waiver])
    marked = [f for f in waived.findings if f.waiver is not None]
    assert [(f.rule_id, f.indicator) for f in marked] == [(target.rule_id, target.indicator)]
    assert target.waiver is None, "the shared finding must stay unwaived"
    again = evaluate(report)
    assert all(f.waiver is None for f in again.findings)
    assert [json_form(f, exclude={"waiver"}) for f in waived.findings] == [json_form(f, exclude={"waiver"})
                                                                          for f in before.findings]


def test_the_shared_store_stays_bounded(monkeypatch):
    monkeypatch.setattr(evaluate_module, "SHARED_FINDINGS_MAX", 3)
    catalogue = current()
    plan = dataclasses.replace(plan_for(catalogue), shared_findings={})
    data = copy.deepcopy(SEEDS[0])
    data["indicators"] = {}
    report = Report.model_validate(data)
    probes = probes_for(report, plan, catalogue)
    fired = decide_in_python(plan.conditions, probes)
    assert sum(1 for p in probes if p.shared is not None) > 3
    findings = assemble(plan, probes, fired, locations(probes, fired))
    assert len(plan.shared_findings) <= 3
    assert [asdict(f) for f in findings] == _fresh(plan, probes, fired, locations(probes, fired))


def test_one_report_never_holds_the_same_object_twice():
    """Renderers key a report's findings by object (HTML anchors, JUnit cases): a rule listed twice keeps two."""
    catalogue = current()
    plan = plan_for(catalogue)
    twice = dataclasses.replace(plan, steps=plan.steps + tuple(s for s in plan.steps if s[0].kind == "target"))
    data = copy.deepcopy(SEEDS[0])
    data["indicators"] = {}
    probes = probes_for(Report.model_validate(data), twice, catalogue)
    fired = decide_in_python(twice.conditions, probes)
    findings = assemble(twice, probes, fired, locations(probes, fired))
    assert len({id(f) for f in findings}) == len(findings)
    assert [asdict(f) for f in findings] == _fresh(twice, probes, fired, locations(probes, fired))


def test_a_fired_shared_finding_is_one_object_for_every_report_and_waivers_copy_it():
    data = copy.deepcopy(SEEDS[0])
    data["indicators"] = {}
    data["meta"] = {key: value for key, value in data.get("meta", {}).items() if key not in ("number", "date")}
    report = Report.model_validate(data)
    first, second = evaluate(report), evaluate(Report.model_validate(copy.deepcopy(data)))
    shared = [(a, b) for a, b in zip(first.findings, second.findings, strict=True)
              if a.category == "completeness" and a.status is None]
    assert {a.rule_id for a, _ in shared} >= {"CP001", "CP003"}
    assert all(a is b for a, b in shared)
    target = next(a for a, _ in shared if a.rule_id == "CP003")
    waiver = Waiver(rule="CP003", commune="*", indicator=target.indicator, reason="Đã giải trình",
                    accepted_by="Phòng VH-TT", expires=dt.date(2099, 12, 31))
    waived = evaluate(report, waivers=[waiver])
    assert [f.rule_id for f in waived.findings if f.waiver is not None] == ["CP003"]
    assert target.waiver is None, "the shared finding must stay unwaived"
    assert all(f.waiver is None for f in evaluate(report).findings)
