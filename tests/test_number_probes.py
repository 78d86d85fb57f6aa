"""The probes of ``value_range`` and ``whole_number`` (``NumberProbe``) are the probes they replaced.

Before, each number of the report gave ``deferred_probe(rule_id, fact, code, number, expected, pointer,
partial(<detail>, code, index, field, number, measure))``; now a :class:`NumberProbe` whose pointer and detail
are made when read.  Here the old probe is rebuilt from the new one's parts as the old code built it, and every
field (the detail called: its evidence and parameters) must be equal, on real fixtures pushed to the edges and
on consistent reports with relations broken.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from hypothesis import given, reject

from checker.catalogue.store import current
from checker.decide.checks.base import NumberProbe, Probe, Value, deferred_probe
from checker.decide.checks.statements import WHOLE_NUMBER, _range_detail, _whole_detail
from checker.decide.evaluate import probes_for, to_finding
from checker.decide.plan import plan_for
from checker.model.report import Report
from tests.strategies import consistent_reports
from tests.test_engine_equivalence import pushed_fixtures


def _old_probe(probe: NumberProbe) -> Probe:
    """The probe the old code built for the same number (the reference)."""
    value = Value(str(probe.indicator), probe.index, probe.field, probe.observed, probe.measure)
    expected = probe.expected
    detail = (lambda: _whole_detail(value)) if expected == WHOLE_NUMBER else (lambda: _range_detail(value, expected))
    return deferred_probe(probe.rule_id, dict(probe.fact or {}), probe.indicator, probe.observed, expected,
                          f"/indicators/{probe.indicator}/{probe.index}/{probe.field}", detail)


def _same_as_before(data: dict[str, Any]) -> int:
    catalogue = current()
    plan = plan_for(catalogue)
    try:
        probes = probes_for(Report.model_validate(data), plan, catalogue)
    except OverflowError:  # a pushed ratio too large for a float (ratio_probe, before and after): not these probes
        reject()
    numbers = [probe for probe in probes if isinstance(probe, NumberProbe)]
    for probe in numbers:
        old = _old_probe(probe)
        for field in fields(Probe):
            if field.name != "detail":
                assert getattr(probe, field.name) == getattr(old, field.name), field.name
        assert probe.detail is not None and old.detail is not None
        assert probe.detail() == old.detail()
        assert probe.explained() == old.explained()
        rule = plan.by_id[probe.rule_id]
        for fired in (True, False):
            assert to_finding(rule, probe, fired) == to_finding(rule, old, fired)
    return len(numbers)


@given(pushed_fixtures())
def test_number_probes_are_the_probes_they_replaced_on_pushed_fixtures(data):
    _same_as_before(data)


@given(consistent_reports())
def test_number_probes_are_the_probes_they_replaced_on_consistent_reports(data):
    _same_as_before(data)


def test_every_fixture_has_number_probes():
    """The properties above see number probes at all (a fixture without them would prove nothing)."""
    import json

    from tests.conftest import FIXTURES

    counted = [_same_as_before(json.loads(path.read_text(encoding="utf-8")))
               for path in sorted(FIXTURES.glob("*.json"))]
    assert counted and all(count > 0 for count in counted)


def test_a_number_probe_keeps_its_fixed_fields_fixed():
    """Fields the same for every number probe are the class's own: setting one is refused, not silently kept."""
    probe = NumberProbe("R", {"excess": 0.0}, "C", 0, "value", 3, None, "[0, 1]", lambda p: None)  # type: ignore[arg-type]
    assert probe.pointer == "/indicators/C/0/value" and probe.variant == "default" and probe.shared is None
    for name in ("shared", "relate", "variant", "severity"):
        try:
            setattr(probe, name, 1)
        except AttributeError:
            continue
        raise AssertionError(f"{name} was set")
