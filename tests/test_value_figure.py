"""A value's figure is made once per value and catalogue (``checks.base.Value.figure``).

The relations of a group read the same values, so each value keeps the (frozen) figure it made: these
tests hold the kept figure to one made afresh on every value the fixtures' relations read, and its decimals
and spelling (which the value then reads from it) to the measure's, and show that another catalogue (its
labels) gets a figure of its own.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from checker.catalogue.store import current
from checker.decide.checks.base import Value
from checker.decide.evaluate import probes_for
from checker.decide.plan import plan_for
from tests.conftest import fixtures_with_gaps

CATALOGUE = current()
PLAN = plan_for(CATALOGUE)


def _values() -> list[Value]:
    """Every value read by a relation of the fixtures (with gaps), each once (relations share values)."""
    values: dict[int, Value] = {}
    for report in fixtures_with_gaps(5, 2, 3):
        for probe in probes_for(report, PLAN, CATALOGUE):
            if probe.relate is not None:
                values.update((id(value), value) for value in probe.relate.reads)
    return list(values.values())


def test_a_kept_figure_is_the_one_made_afresh() -> None:
    values = _values()
    assert len(values) > 20
    for value in values:
        decimals, written = value.decimals, value.written  # read from the measure: no figure yet
        assert value.built is None
        made = value.figure(CATALOGUE)
        assert (value.decimals, value.written) == (decimals, written) == (made.decimals, made.written)
        assert value.figure(CATALOGUE) is made
        assert made == value._figure(CATALOGUE)


def test_another_catalogue_gets_a_figure_of_its_own() -> None:
    value = next(v for v in _values() if v.code in CATALOGUE.indicators)
    labelled = value.figure(CATALOGUE)
    bare: Any = SimpleNamespace(indicators={})  # no indicator known: the label is the code
    other = value.figure(bare)
    assert labelled.label != other.label
    assert other.label.endswith(value.code) and other == value._figure(bare)
    assert value.figure(CATALOGUE) == labelled
