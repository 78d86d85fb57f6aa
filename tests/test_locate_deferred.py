"""Relations built only for the groups that hold a failed one (``suspects.locations``).

A probe's relation is a ``checks.base.Relate``: the pointers of the figures it reads are known
without building it, so locating groups a report's relations by those and builds only the groups
with a failed relation.  These tests hold that to building every relation first (``locate.locate``
over all of them, the code before): the pointers are the built relations' own, and every location
is equal, on the fixtures (with gaps) and on generated reports with a relation broken.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.catalogue.store import current
from checker.decide.checks.base import Probe, Relate
from checker.decide.evaluate import decide_in_python, probes_for
from checker.decide.locate import Location, locate
from checker.decide.plan import plan_for
from checker.decide.suspects import locations
from checker.model.report import Report
from tests.conftest import fixtures_with_gaps
from tests.strategies import broken, consistent_reports

CATALOGUE = current()
PLAN = plan_for(CATALOGUE)
LOCATED = {"sum", "breakdown_sum", "part_within_whole", "equal", "basis_denominator", "stated_ratio", "own_ratio"}
RELATION_RULES = sorted(r.id for r in CATALOGUE.rules if r.category == "consistency" and r.kind in LOCATED)
REPORTS = fixtures_with_gaps(5, 2, 3)


def _probes(report: Report) -> tuple[list[Probe], set[int]]:
    probes = probes_for(report, PLAN, CATALOGUE)
    return probes, decide_in_python(PLAN.conditions, probes)


def _every_relation_built(probes: list[Probe], fired: set[int]) -> dict[int, Location]:
    """The locations as before: every relation of the report built, then located."""
    indexed = [(index, probe.relate) for index, probe in enumerate(probes) if probe.relate is not None]
    if not any(index in fired for index, _ in indexed):
        return {}
    relations = [relate() for _, relate in indexed if relate is not None]
    failed = {position for position, (index, _) in enumerate(indexed) if index in fired}
    return {indexed[position][0]: location for position, location in locate(relations, failed).items()}


def _check(probes: list[Probe], fired: set[int]) -> int:
    """Assert the deferred locations equal those of every relation built; the number of relations built."""
    for probe in probes:
        relate = probe.relate
        if relate is not None:
            assert relate.pointers == relate().pointers
    expected = _every_relation_built(probes, fired)
    for probe in probes:
        relate = probe.relate
        if relate is not None:
            probe.relate = _Counted(relate)
    try:
        assert locations(probes, fired) == expected
        built = sum(probe.relate.calls for probe in probes if isinstance(probe.relate, _Counted))
    finally:
        for probe in probes:
            if isinstance(probe.relate, _Counted):
                probe.relate = probe.relate.inner
    return built


class _Counted(Relate):
    """A relate that counts how often its relation is built."""

    __slots__ = ("inner", "calls")

    def __init__(self, inner: Relate) -> None:
        super().__init__(inner.build, inner.reads, inner.parts)
        self.inner = inner
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        return super().__call__()


def test_fixtures_locate_as_with_every_relation_built_and_build_fewer():
    relations = built = 0
    for report in REPORTS:
        probes, fired = _probes(report)
        built += _check(probes, fired)
        relations += sum(1 for probe in probes if probe.relate is not None)
    assert 0 < built < relations, (built, relations)


@settings(max_examples=60, deadline=None)
@given(consistent_reports(), st.sampled_from(RELATION_RULES), st.integers(1, 3))
def test_a_broken_relation_locates_as_with_every_relation_built(data, rule_id, k):
    bad = broken(data, rule_id, k)
    for report in (data, bad) if bad is not None else (data,):
        probes, fired = _probes(Report.model_validate(report))
        _check(probes, fired)
