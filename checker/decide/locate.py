"""Which figure is probably wrong: the Fellegi–Holt principle on a report's own relations.

For the relations of a report that fail, find the smallest sets of figures whose change can
make *every* relation of the report hold again (R ``errorlocate``).  Relations that hold
narrow the choice: a figure of a broken sum that also makes a stated ratio come out right is
not suspected, because changing it would break the ratio.  Feasibility is decided exactly
(on whole-number rows, :mod:`checker.decide.rows`), by eliminating the freed figures one at a
time (substitution for equalities, Fourier–Motzkin for inequalities); counts are kept ≥ 0,
and a single freed count must have a whole value.  Sets of up to :data:`MAX_SET` figures are tried, smallest first.

A typing slip (one digit wrong, two neighbouring digits swapped, a digit dropped or doubled)
that alone makes every relation hold is named as a suggestion.  Nothing is ever changed in
the data.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from fractions import Fraction

from checker.core.numbers import format_number
from checker.core.records import dataclass
from checker.decide.bounds import Bound
from checker.decide.intervals import exact
from checker.decide.relations import Figure, Linear, RatioRelation, Relation
from checker.decide.rows import (
    Row,
    Template,
    bounds_alone,
    bounds_of_single,
    feasible_rows,
    feasible_single,
    rows_of,
    scaled_bounds,
)
from checker.decide.variants import scaled_variants_within

MAX_SET = 3
"""Largest set of figures tried: beyond three changes a report is better re-read than guessed."""
MAX_SETS_SHOWN = 6
MAX_CANDIDATES = 24
"""Figures considered per group of connected relations (the rest are kept as written)."""


def feasible(constraints: Sequence[Linear], values: Mapping[str, Fraction], free: frozenset[str],
             counts: frozenset[str] = frozenset()) -> bool:
    """Whether some values of the ``free`` figures satisfy every constraint (others at ``values``).

    Freed figures are ≥ 0; a single freed figure that is a count (in ``counts``) must also
    take a whole value.  Decided exactly, on whole-number rows (:mod:`checker.decide.rows`).
    """
    return feasible_rows(rows_of(constraints, values, free), free, counts)


@dataclass(frozen=True)
class Slip:
    """A typing slip that alone would make every relation hold: ``written`` is likely ``meant``."""

    figure: Figure
    meant: Fraction
    meant_written: str
    kind: str


@dataclass(frozen=True)
class Location:
    """For one group of connected relations: the smallest sets of suspect figures, and slips."""

    sets: tuple[tuple[Figure, ...], ...]
    size: int | None
    """Figures in each set; None when no set of up to MAX_SET figures restores every relation."""
    slips: tuple[Slip, ...]
    relations: tuple[Relation, ...]
    failed: tuple[Relation, ...]
    cleared: tuple[tuple[Figure, Relation], ...]
    """Figures of a failed relation that are not suspected, each with a relation that clears it."""


def components(relations: Sequence[Relation]) -> list[list[int]]:
    """Indexes of relations grouped by shared figures (connected components), in order."""
    return groups_of([relation.pointers for relation in relations])


def groups_of(reads: Sequence[Sequence[str]]) -> list[list[int]]:
    """Indexes of relations, each given as the pointers it reads, grouped by shared pointers (connected
    components), each group in order, the groups in the order of their first relation.
    """
    parent = list(range(len(reads)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for index, pointers in enumerate(reads):
        for pointer in pointers:
            if pointer in owner:
                parent[find(index)] = find(owner[pointer])
            else:
                owner[pointer] = index
    groups: dict[int, list[int]] = {}
    for index in range(len(reads)):
        groups.setdefault(find(index), []).append(index)
    return sorted(groups.values())


def locate(relations: Sequence[Relation], failed: set[int]) -> dict[int, Location]:
    """For each failed relation (by index), the location of its group of connected relations."""
    return located([relation.pointers for relation in relations], relations.__getitem__, failed)


def located(reads: Sequence[Sequence[str]], build: Callable[[int], Relation], failed: set[int]) -> dict[int, Location]:
    """:func:`locate` of relations given as the pointers each reads, built (``build(index)``) only for the
    groups that hold a failed one: the others can neither be located nor narrow a location.
    """
    out: dict[int, Location] = {}
    for group in groups_of(reads):
        broken = [i for i in group if i in failed]
        if not broken:
            continue
        relations = {i: build(i) for i in group}
        location = _locate_group([relations[i] for i in group], [relations[i] for i in broken])
        for index in broken:
            out[index] = location
    return out


def _figures_of(relations: Sequence[Relation]) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    for relation in relations:
        for item in relation.figures:
            figures.setdefault(item.pointer, item)
    return figures


class _Rows:
    """The constraints of a group's relations over each set of freed figures, as whole-number rows (``rows_of``).

    A relation's constraints depend on the freed figures only through a few of those it reads
    (``Relation.shaped_by``: the rounding slack of a sum, a ratio's free percent or denominator), so
    each relation's constraints are written in whole numbers (``rows.Template``) once per such
    shape, and its rows once per distinct set of its own figures freed, shared by every set of
    suspects, cleared figure and slip tried in the group.  Rows are never changed.
    """

    def __init__(self, relations: Sequence[Relation], values: Mapping[str, Fraction], counts: frozenset[str]) -> None:
        self.relations = relations
        self.values = values
        self.counts = counts
        """The figures that are counts: a single one freed must take a whole value."""
        self._pairs = {pointer: (value.numerator, value.denominator) for pointer, value in values.items()}
        """Each figure's value as (numerator, denominator), read once for every template of the group."""
        self._reads = [frozenset(relation.pointers) for relation in relations]
        self._reading: dict[str, list[int]] = {}
        """Pointer -> indexes of the relations reading it, in order."""
        for index, reads in enumerate(self._reads):
            for pointer in reads:
                self._reading.setdefault(pointer, []).append(index)
        self._built: dict[tuple[int, frozenset[str]], list[Row]] = {}
        self._templates: dict[tuple[int, frozenset[str]], list[Template]] = {}
        self._over: dict[frozenset[str], list[Row]] = {}
        self._feasible: dict[frozenset[str], bool] = {}
        self._single: dict[str, tuple[Bound | None, Bound | None, bool]] = {}
        self._alones: dict[str, list[tuple[int, Bound | None, Bound | None, bool]]] = {}

    def over(self, free: frozenset[str], without: Relation | None = None) -> list[Row]:
        """The rows of every relation reading a freed figure (but ``without``), in the relations' order."""
        if without is None and (known := self._over.get(free)) is not None:
            return known
        if len(free) == 1:
            indexes: list[int] = self._reading.get(next(iter(free)), [])
        else:
            indexes = sorted({index for pointer in free for index in self._reading.get(pointer, ())})
        rows: list[Row] = []
        for index in indexes:
            relation = self.relations[index]
            if relation is without:
                continue
            rows.extend(self._rows(index, free & self._reads[index]))
        if without is None:
            self._over[free] = rows
        return rows

    def _rows(self, index: int, freed: frozenset[str]) -> list[Row]:
        """The rows of one relation over the freed figures it reads, built once."""
        key = (index, freed)
        built = self._built.get(key)
        if built is None:
            built = self._built[key] = [template.row(freed) for template in self._templates_of(index, freed)]
        return built

    def feasible(self, free: frozenset[str]) -> bool:
        """Whether freeing ``free`` can restore every relation of the group.

        Decided once per set: the sets of suspects and the cleared figures ask it of the same single figures.
        """
        known = self._feasible.get(free)
        if known is None:
            if len(free) == 1:
                (pointer,) = free
                known = feasible_single(*self.single(pointer), pointer in self.counts)
            else:
                known = not self._ruled_out(free) and all(
                    feasible_rows(self.over(part), part, self.counts) for part in self._coupled(free))
            self._feasible[free] = known
        return known

    def _coupled(self, free: frozenset[str]) -> list[frozenset[str]]:
        """The sets of two or more freed figures linked by relations reading several of them (connected).

        The rows of a relation reading freed figures hold only figures of one such set, or one figure linked to
        no other: the system splits, and is feasible when each part is.  A figure linked to no other is feasible
        when :meth:`_ruled_out` finds a value for it; each set is eliminated alone (``over(part)``: the relations
        reading its figures read no other freed one), and the freed figures of a set of three that read no
        common relation need no elimination at all.
        """
        parts: list[frozenset[str]] = []
        for reads in self._reads:
            shared = free & reads
            if len(shared) < 2:
                continue
            joined = [part for part in parts if part & shared]
            for part in joined:
                parts.remove(part)
                shared |= part
            parts.append(shared)
        return parts

    def _ruled_out(self, free: frozenset[str]) -> bool:
        """Whether a freed figure has no value ≥ 0 that satisfies the relations reading it and no other freed
        figure: those rows are rows of the whole system, so it is infeasible too (most sets of several figures
        that fail, fail so; found from each relation's bounds on the figure alone, without eliminating).
        """
        reads = self._reads
        for pointer in free:
            lo: Bound = (0, 1)
            hi: Bound | None = None
            for index, low, high, ok in self._alone(pointer):
                if len(free & reads[index]) > 1:  # it reads another freed figure too
                    continue
                if not ok:
                    return True
                if low is not None and low[0] * lo[1] > lo[0] * low[1]:
                    lo = low
                if high is not None and (hi is None or high[0] * hi[1] < hi[0] * high[1]):
                    hi = high
            if hi is not None and lo[0] * hi[1] > hi[0] * lo[1]:
                return True
        return False

    def _alone(self, pointer: str) -> list[tuple[int, Bound | None, Bound | None, bool]]:
        """For each relation reading the figure (its index, in order): :func:`bounds_of_single` of its rows with
        the figure freed alone, from its templates (:func:`bounds_alone`: no row is made); found once per figure,
        for its feasibility, its slips, the sets of several figures holding it and the figures it clears.
        """
        known = self._alones.get(pointer)
        if known is None:
            free = frozenset({pointer})
            relations, pairs = self.relations, self._pairs
            known = self._alones[pointer] = []
            for index in self._reading.get(pointer, ()):
                bounds = relations[index].alone(pointer, pairs)  # written directly by the simplest kinds
                if bounds is None:
                    bounds = bounds_alone(self._templates_of(index, free), pointer)
                known.append((index, *bounds))
        return known

    def reading(self, pointer: str) -> Sequence[int]:
        """The indexes of the relations reading the figure, in order."""
        return self._reading.get(pointer, ())

    def single(self, pointer: str) -> tuple[Bound | None, Bound | None, bool]:
        """:func:`bounds_of_single` of the figure freed alone, over the rows of every relation reading it (once:
        its feasibility and its slips ask for them); the bounds are meaningful only when consistent.
        """
        known = self._single.get(pointer)
        if known is None:
            known = self._single[pointer] = self.single_without(pointer, None)
        return known

    def single_without(self, pointer: str, skipped: int | None) -> tuple[Bound | None, Bound | None, bool]:
        """:meth:`single` over the relations reading the figure but the one at index ``skipped``.

        Merged from each relation's own bounds (:meth:`_alone`, found once), not by scanning their rows
        again: scanning rows one after another keeps the first highest lower bound and the first lowest upper
        bound, and so does merging each relation's first ones in order.  When some relation is inconsistent the
        result is (bounds, False), as scanning would give, with bounds that say nothing.
        """
        lo: Bound | None = None
        hi: Bound | None = None
        consistent = True
        for index, low, high, ok in self._alone(pointer):
            if index == skipped:
                continue
            consistent = consistent and ok
            if low is not None and (lo is None or low[0] * lo[1] > lo[0] * low[1]):
                lo = low
            if high is not None and (hi is None or high[0] * hi[1] < hi[0] * high[1]):
                hi = high
        return lo, hi, consistent and (lo is None or hi is None or lo[0] * hi[1] <= hi[0] * lo[1])

    def _templates_of(self, index: int, freed: frozenset[str]) -> list[Template]:
        """The relation's constraints as templates, built once per set of freed figures that shapes them."""
        relation = self.relations[index]
        shape = relation.shaped_by(freed)
        templates = self._templates.get((index, shape))
        if templates is None:
            pairs = self._pairs
            templates = self._templates[(index, shape)] = [
                Template.of_whole(constraint, pairs) for constraint in relation.whole_constraints(self.values, shape)]
        return templates


def _locate_group(relations: list[Relation], failed: list[Relation]) -> Location:
    figures = _figures_of(relations)
    values = {pointer: item.value for pointer, item in figures.items()}
    counts = frozenset(pointer for pointer, item in figures.items() if item.count)
    # figures of failed relations first: every restoring set must touch each failed relation
    ordered = list(dict.fromkeys([p for r in failed for p in r.pointers] + list(figures)))[:MAX_CANDIDATES]
    # each candidate as the failed relations it reads, one bit each: a set touches every one when they all add up
    touches = dict.fromkeys(ordered, 0)
    for bit, relation in enumerate(failed):
        for pointer in relation.pointers:
            if pointer in touches:
                touches[pointer] |= 1 << bit
    every = (1 << len(failed)) - 1
    rows = _Rows(relations, values, counts)
    found: list[tuple[str, ...]] = []
    size: int | None = None
    for k in range(1, MAX_SET + 1):
        for combo in itertools.combinations(ordered, k):
            reached = 0
            for pointer in combo:
                reached |= touches[pointer]
            if reached == every and rows.feasible(frozenset(combo)):
                found.append(combo)
        if found:
            size = k
            break
    sets = tuple(tuple(figures[p] for p in combo) for combo in found)
    suspects = {p for combo in found for p in combo}
    slips = tuple(_slips(relations, figures, values, rows, suspects if size == 1 else set()))
    cleared = tuple(_cleared(relations, failed, figures, rows, counts, suspects))
    return Location(sets=sets, size=size, slips=slips, relations=tuple(relations), failed=tuple(failed),
                    cleared=cleared)


def _cleared(relations: list[Relation], failed: list[Relation], figures: Mapping[str, Figure], rows: _Rows,
             counts: frozenset[str], suspects: set[str]) -> Iterator[tuple[Figure, Relation]]:
    """For each figure of a failed relation not suspected: a holding relation that rules it out alone."""
    broken = {id(relation) for relation in failed}  # the group's own relations: identity is equality
    for pointer in dict.fromkeys(p for r in failed for p in r.pointers):
        if pointer in suspects:
            continue
        free = frozenset({pointer})
        restorable: bool | None = None  # whether freeing it alone restores every relation (asked once)
        for index, relation in enumerate(relations):
            if id(relation) in broken or pointer not in relation.pointers:
                continue
            if not feasible_single(*rows.single_without(pointer, index), pointer in counts):
                continue
            if restorable is None:
                restorable = rows.feasible(free)
            if not restorable:
                yield figures[pointer], relation
                break


def _slips(relations: list[Relation], figures: Mapping[str, Figure], values: Mapping[str, Fraction],
           rows: _Rows, suspects: set[str]) -> Iterator[Slip]:
    """Slips of single suspects (each suspect alone touches every failed relation, so only the
    relations reading it can change).

    Variants are tested as whole numbers of the figure's last decimal against bounds found once per figure
    (:func:`scaled_variants_within`: only those inside are made); only the variants that pass become fractions.
    """
    for pointer in sorted(suspects):
        item = figures[pointer]
        scale = 10**item.decimals
        reading = [relations[index] for index in rows.reading(pointer)]
        if not any(isinstance(relation, RatioRelation) and relation.figures[0].pointer == pointer
                   for relation in reading):
            # the figure enters every relation linearly: the values that restore them form an interval
            low, high = scaled_bounds(*rows.single(pointer)[:2], scale)
            for scaled, kind in scaled_variants_within(item, low, high):
                yield _scaled_slip(item, scaled, scale, kind)
            continue
        # the figure is a stated percent: its interval moves with each variant.  The other relations reading it
        # are linear in it (their restoring values form an interval, found once); so is each ratio stating it
        # whose denominator is positive (RatioRelation.percent_range); any other ratio is tested per variant
        stating = [r for r in reading if isinstance(r, RatioRelation) and r.figures[0].pointer == pointer]
        fixed = [c for r in reading if not any(r is s for s in stating) for c in r.constraints(values)]
        lo, hi, ok = bounds_of_single(rows_of(fixed, values, frozenset({pointer})), pointer)
        if not ok:
            continue
        found = [(r, r.percent_range(values)) for r in stating]
        ranges = [bounds for _r, bounds in found if bounds is not None]
        tested = [r for r, bounds in found if bounds is None]
        # a ratio reads the percent through a float (exact(float(v))): v itself while it has at most 15 digits
        stated_low, stated_high = scaled_bounds(
            _bound(max((b[0] for b in ranges if b[0] is not None), default=None)),
            _bound(min((b[1] for b in ranges if b[1] is not None), default=None)), scale)
        low, high = scaled_bounds(lo, hi, scale)
        trial = dict(values) if tested else {}  # only the ratios tested per variant read it
        if item.decimals < 14 and item.value * scale < 10**14:
            # every variant (at most one digit longer) is below FLOAT_EXACT: the stated bounds narrow the
            # variants made, as the linear ones do
            for scaled, kind in scaled_variants_within(item, _higher(low, stated_low), _lower(high, stated_high)):
                meant = Fraction(scaled, scale)
                if tested:
                    trial[pointer] = meant
                    if not all(r.holds(trial) for r in tested):
                        continue
                yield _slip(item, meant, kind)
            continue
        for scaled, kind in scaled_variants_within(item, low, high):
            if scaled < FLOAT_EXACT:
                if not _within(scaled, stated_low, stated_high):
                    continue
                meant = Fraction(scaled, scale)
            else:
                meant = Fraction(scaled, scale)
                if not all(_within(exact(float(meant)), *bounds) for bounds in ranges):
                    continue
            if tested:
                trial[pointer] = meant
                if not all(r.holds(trial) for r in tested):
                    continue
            yield _slip(item, meant, kind)


FLOAT_EXACT = 10**15
"""Below this many units of its last decimal, a figure's value survives the trip through a float exactly
(any decimal of at most 15 significant digits does)."""


def _bound(value: Fraction | None) -> Bound | None:
    return None if value is None else (value.numerator, value.denominator)


def _higher(a: int | None, b: int | None) -> int | None:
    """The higher of two lower bounds (None: unbounded)."""
    return b if a is None else a if b is None else max(a, b)


def _lower(a: int | None, b: int | None) -> int | None:
    """The lower of two upper bounds (None: unbounded)."""
    return b if a is None else a if b is None else min(a, b)


def _within(value: Fraction | int, low: Fraction | int | None, high: Fraction | int | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _slip(item: Figure, meant: Fraction, kind: str) -> Slip:
    return Slip(item, meant, format_number(float(meant), item.decimals), kind)


def _scaled_slip(item: Figure, scaled: int, scale: int, kind: str) -> Slip:
    """:func:`_slip` of the value ``scaled / scale``: its float is the whole numbers' quotient (correctly rounded,
    as the fraction's is), and a whole value's fraction is made without a common divisor sought.
    """
    if scale == 1:
        return Slip(item, Fraction(scaled), format_number(float(scaled), item.decimals), kind)
    return Slip(item, Fraction(scaled, scale), format_number(scaled / scale, item.decimals), kind)


SLIP_KINDS = {
    "digit": ("một chữ số sai", "one digit wrong"),
    "swap": ("hai chữ số đổi chỗ", "two digits swapped"),
    "dropped": ("sót một chữ số", "a digit dropped"),
    "doubled": ("một chữ số bị gõ lặp", "a digit doubled"),
}
