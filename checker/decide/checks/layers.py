"""Which targets a unit is judged by, as a key shared by every unit judged by the same ones.

The target in force for an indicator (``Catalogue.choose``) and the targets retired before a date
(``Catalogue.retired``) depend on the reporting unit only through its hierarchy chain
(``checker.catalogue.units.ancestry``): on the day asked, and on each day a target's force ended before
it (the layers as they stood then).  Of a chain, only one thing matters: where in it a layer that sets
targets sits (the depth of a target of that layer, compared with the others' and the ``--targets``
files', which are always deeper than any layer of the chain, whatever its length).  Units whose chains
agree on that, on every such day, get the same choices, whatever else their codes say: all the
communes of a province without local targets of their own, known to the catalogue or not.

So each kind asking about targets asks for one *representative* unit of the report's class
(:func:`target_unit`): the first unit of that class this catalogue was asked about.  The choice, the
retired targets and the compiled target steps (``checks/target.py``) are then worked out once per
class and catalogue, not once per commune (a batch of the country's 3.300 communes has a few classes).
Nothing of a report besides its unit's place in the hierarchy goes into the key.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from checker.catalogue.store import Catalogue
from checker.catalogue.targets import in_force_window
from checker.catalogue.units import ancestry
from checker.core.records import dataclass

Chain = tuple[tuple[int, str], ...]
"""What a chain says of targets: (position, code) of each layer in it that sets targets."""

CLASSES_MAX = 4096
"""At most this many classes are remembered per catalogue (then it starts afresh: memory stays flat)."""


@dataclass
class TargetLayers:
    """A catalogue's target layers: the scopes that set targets and the days a target's force ended."""

    scopes: frozenset[str]
    ends: tuple[dt.date, ...]
    """Every last day in force of a target, in order."""
    changes: tuple[dt.date, ...]
    """Every last day of a unit (``valid_until``), in order: chains differ only across these."""
    representatives: dict[tuple[dt.date, tuple[Chain, ...]], str]
    """Class -> the first unit of it asked about (per catalogue)."""
    days: dict[dt.date, tuple[dt.date, ...]]
    """A question's day -> the days whose chains its class is made of (per catalogue: a batch has few)."""

    @classmethod
    def of(cls, catalogue: Catalogue) -> TargetLayers:
        """The layers of ``catalogue``'s targets."""
        targets = catalogue.targets
        return cls(scopes=frozenset(sourced.document.scope for sourced in targets),
                   ends=tuple(sorted({in_force_window(sourced)[1] for sourced in targets})),
                   changes=tuple(sorted({unit.valid_until for unit in catalogue.units.values()
                                         if unit.valid_until is not None})),
                   representatives={}, days={})

    def days_of(self, on: dt.date) -> tuple[dt.date, ...]:
        """``on`` and every earlier end of force, one day for each stretch between two units' last days:
        ``ancestry`` gives every unit the same chain on two days no unit's last day falls between.
        """
        found = self.days.get(on)
        if found is None:
            epochs: dict[int, dt.date] = {}
            for day in (on, *(end for end in self.ends if end < on)):
                epochs.setdefault(bisect_left(self.changes, day), day)  # how many units ended before the day
            if len(self.days) >= CLASSES_MAX:
                self.days.clear()
            found = self.days[on] = tuple(epochs.values())
        return found

    def chain(self, catalogue: Catalogue, unit_code: str, on: dt.date) -> Chain:
        """What ``unit_code``'s chain on ``on`` says of targets."""
        scopes = self.scopes
        return tuple([(position, code) for position, code in enumerate(ancestry(catalogue.units, unit_code, on))
                      if code in scopes])

    def key(self, catalogue: Catalogue, unit_code: str, on: dt.date) -> tuple[dt.date, tuple[Chain, ...]]:
        """The unit's class for questions on ``on``: its chains on ``on`` and on every earlier end of force."""
        return on, tuple([self.chain(catalogue, unit_code, day) for day in self.days_of(on)])


def target_layers(catalogue: Catalogue) -> TargetLayers:
    """``catalogue``'s target layers, worked out once per catalogue."""
    return catalogue.remember(("target-layers",), lambda: TargetLayers.of(catalogue))


def target_unit(catalogue: Catalogue, unit_code: str | None, on: dt.date) -> str | None:
    """A unit judged by the same targets as ``unit_code`` on ``on`` (and by the same retired ones before it):
    the first of its class this catalogue was asked about (None for a report without a unit code).

    ``Catalogue.choose(…, unit, on=on)`` and ``Catalogue.retired(…, unit, on)`` give the same targets for
    both (``tests/test_target_layers.py`` proves it on every unit of the catalogue and unknown ones).
    """
    if unit_code is None:
        return None
    layers = target_layers(catalogue)
    key = layers.key(catalogue, unit_code, on)
    representatives = layers.representatives
    found = representatives.get(key)
    if found is None:
        if len(representatives) >= CLASSES_MAX:
            representatives.clear()
        found = representatives[key] = unit_code
    return found
