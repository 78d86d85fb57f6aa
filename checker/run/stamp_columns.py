"""A batch's stamps as columns: what pairing reads of each file, in a few dozen bytes (issue 18, flat memory).

A :class:`~checker.run.history.Stamp` holds a report's whole identity, four strings a file, most of
them its own in a batch of distinct communes: 10.000 files held ~2,5 MB of stamps and ~5,5 MB at the
height of pairing, in the main process.  Pairing reads less of each file:

- which files may be of one unit: its :func:`~checker.run.history.unit_key`, kept as a 16-byte
  BLAKE2b digest (files of one digest are files of one key: two keys of one digest is a chance of
  about 2⁻¹²⁸ a pair);
- its unit code where the catalogue knows it, as the catalogue's own string (a predecessor is found
  by code), :data:`UNKNOWN_CODE` for a code it does not know, None for none;
- its period, one object for the files of equal periods.

Within one key that is all :func:`~checker.run.history.link` decides by: two codes the catalogue
knows are compared through it; one it does not know is the same unit as the other only when both
codes are that code (the key is the code); files without a code are of one key only when their
names are equal.  So pairing one key's files with a stand-in identity of code and mark finds what
pairing their stamps finds (``tests/test_history.py`` holds it to the pairwise loop on stamps).

Workers read the files' stamps and send one :data:`Entry` per file; the main process keeps the
columns, then pairs one key's files at a time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from checker.catalogue.units import UnitTree
from checker.decide.checks.rollup import is_rollup, same_period, units_under
from checker.model.report import Period
from checker.run.history import Names, Stamp, Who, _Links, _Shared, quick_stamp, read_stamps, unit_key

DIGEST_SIZE = 16
"""Bytes of a unit key's digest."""
UNKNOWN_CODE = "\x00"
"""The code mark of a unit code the catalogue does not know (no unit's code: a code has no NUL)."""

Entry = tuple[bytes, str | None, Period]
"""One file's stamp as a worker sends it: its unit key's digest, its code mark and its period."""
Pairs = tuple[tuple[str, tuple[str, ...]], ...]
"""A report's source -> the sources of the batch's reports paired with it, in batch order."""


def key_digest(stamp: Stamp, units: UnitTree) -> bytes:
    """The digest of a stamp's :func:`~checker.run.history.unit_key` (its ``repr``: strings and None)."""
    return hashlib.blake2b(repr(unit_key(stamp.identity, units)).encode("utf-8"), digest_size=DIGEST_SIZE).digest()


def code_mark(code: str | None, units: UnitTree) -> str | None:
    """A unit code as pairing reads it: the code the catalogue knows, :data:`UNKNOWN_CODE`, or None (no code)."""
    if not code:  # an empty code is no code, for the key and for linking alike
        return None
    return code if code in units else UNKNOWN_CODE


def entry_of(stamp: Stamp, units: UnitTree) -> Entry:
    """What pairing keeps of one stamp."""
    return key_digest(stamp, units), code_mark(stamp.identity.unit_code, units), stamp.period


def read_entries(paths: list[Path], units: UnitTree) -> list[Entry | None]:
    """The entry of each of ``paths``, in order, None for a file with no stamp (a worker's task: one per path)."""
    shared = _Shared()  # one period object for equal periods: sent once a chunk
    return [None if (found := quick_stamp(path, shared)) is None else entry_of(found, units) for path in paths]


class IndexPairs:
    """Pairs of files by index, in order of the first, as three arrays: no object a pair."""

    def __init__(self) -> None:
        self._first = array("q")
        self._ends = array("q")  # where each pair's others end in ``_others``
        self._others = array("q")

    def add(self, at: int, others: Iterable[int]) -> None:
        """Add the pair of file ``at`` (after those of smaller indexes) and the files paired with it."""
        self._first.append(at)
        self._others.extend(others)
        self._ends.append(len(self._others))

    def __len__(self) -> int:
        return len(self._first)

    def at(self, place: int) -> tuple[int, array[int]]:
        """The pair added ``place``-th: its file and the files paired with it."""
        return self._first[place], self._others[self._ends[place - 1] if place else 0:self._ends[place]]

    def __iter__(self) -> Iterator[tuple[int, tuple[int, ...]]]:
        start = 0
        for at, end in zip(self._first, self._ends, strict=True):
            yield at, tuple(self._others[start:end])
            start = end


class StampColumns:
    """One entry a file of a batch, as columns: digests in one buffer, code marks and shared periods in lists.

    Nothing is held as an object per file (the marks and periods are shared): a batch's own objects
    would stay spread over the memory the process keeps after pairing them.  For the same reason files
    are grouped by key a bucket at a time (their digest's first byte), each bucket's groups let go
    before the next.
    """

    def __init__(self, units: UnitTree) -> None:
        self.units = units
        self._codes_known = {code: code for code in units}  # the catalogue's own strings, not one a file
        self._shared = _Shared()
        self._digests = bytearray()
        self.codes: list[str | None] = []
        self.periods: list[Period | None] = []

    @classmethod
    def of(cls, stamps: Iterable[Stamp], units: UnitTree) -> StampColumns:
        """The columns of ``stamps``, their index being their place among them."""
        columns = cls(units)
        for stamp in stamps:
            columns.add(entry_of(stamp, units))
        return columns

    def __len__(self) -> int:
        return len(self.codes)

    def add(self, entry: Entry | None) -> None:
        """Add the next file's entry (None: a file that has no stamp, paired with nothing)."""
        if entry is None:
            self._digests += bytes(DIGEST_SIZE)
            self.codes.append(None)
            self.periods.append(None)
            return
        digest, mark, period = entry
        self._digests += digest
        self.codes.append(mark if mark is None or mark == UNKNOWN_CODE else self._codes_known.get(mark, UNKNOWN_CODE))
        self.periods.append(self._shared.period(period))

    def _keys(self) -> Iterator[list[int]]:
        """The files of each key that more than one file has (most units of a real batch have one), in batch
        order, a bucket of keys at a time.
        """
        digests = self._digests
        buckets = [array("q") for _ in range(256)]
        for at, period in enumerate(self.periods):
            if period is not None:  # a file without a stamp has no key
                buckets[digests[at * DIGEST_SIZE]].append(at)
        for bucket in buckets:
            if len(bucket) < 2:
                continue
            groups: dict[bytes, list[int]] = {}
            for at in bucket:
                groups.setdefault(bytes(digests[at * DIGEST_SIZE:(at + 1) * DIGEST_SIZE]), []).append(at)
            for members in groups.values():
                if len(members) > 1:
                    yield members

    def pairs(self, source: Callable[[int], str]) -> Pairs:
        """For each file, the earlier reports of its unit (:func:`batch_pairs`), as
        ``source`` (the text of file ``index``, as a stamp's ``path``) names them.
        """
        return tuple(_named(self.found_pairs(), source))

    def found_pairs(self) -> IndexPairs:
        """:meth:`pairs` by file index.  One key's files are paired at a time (:class:`_ByEnd`), each linked
        through a stand-in identity of its code mark alone (shared by the files of one mark).
        """
        linked = _Links(self.units)
        stand_ins: dict[str | None, Who] = {}
        periods = self.periods
        where = array("q", [-1]) * len(self.codes)  # file -> its earlier files' place in ``found`` (keys in any order)
        found = IndexPairs()
        for members in self._keys():
            by_end = _ByEnd(members, periods)
            for at in members:
                period = _known(periods, at)
                if period.end is None:
                    continue
                who = self._stand_in(at, stand_ins)
                earlier = [other for other in by_end.candidates(at)
                           if other != at and linked(self._stand_in(other, stand_ins), who, period) is not None]
                if earlier:
                    where[at] = len(found)
                    found.add(at, earlier)
        ordered = IndexPairs()
        for place in where:
            if place >= 0:
                ordered.add(*found.at(place))
        return ordered

    def _stand_in(self, at: int, made: dict[str | None, Who]) -> Names:
        """An identity of file ``at`` that links as its own within its key: its code mark, no names."""
        code = self.codes[at]
        if code not in made:
            made[code] = Who(code, "", None, "")
        return made[code]

    def parts(self, source: Callable[[int], str]) -> Pairs:
        """For each roll-up report, the batch's reports of its communes, same period (``checker.run.rollup``)."""
        return tuple(_named(self.found_parts(), source))

    def found_parts(self) -> IndexPairs:
        """:meth:`parts` by file index."""
        units = self.units
        found = IndexPairs()
        parents = [at for at, code in enumerate(self.codes) if is_rollup(units, code)
                   and (period := self.periods[at]) is not None and period.end is not None]
        if not parents:
            return found
        by_unit: dict[str, list[int]] = {}
        for at, code in enumerate(self.codes):
            if code is not None and code != UNKNOWN_CODE:  # the communes under a unit are the catalogue's
                by_unit.setdefault(code, []).append(at)
        for parent in parents:
            code, period = self.codes[parent], self.periods[parent]
            assert code is not None and period is not None and period.end is not None
            children = [child for unit in units_under(units, code, period.end)
                        for child in by_unit.get(unit, ()) if same_period(_known(self.periods, child), period)]
            if children:
                found.add(parent, children)
        return found


class _ByEnd:
    """One key's files by period end, to find the files that may be earlier than one (by index, in batch order)."""

    def __init__(self, members: list[int], periods: Sequence[Period | None]) -> None:
        self._periods = periods
        dated = [at for at in members if _known(periods, at).end is not None]
        dated.sort(key=lambda at: _end(periods, at))  # stable: files of one end stay in batch order
        self._dated = array("q", dated)
        self._ends = [_end(periods, at) for at in dated]  # the shared periods' own dates
        self._halves: dict[int, list[int]] = {}
        for at in members:
            period = _known(periods, at)
            if period.kind == "half" and period.end is not None:
                self._halves.setdefault(period.year, []).append(at)

    def candidates(self, at: int) -> list[int]:
        """The files ending before file ``at`` and, for a year report, the halves of its year ending with or
        after it (a half-year report ending with the year belongs to its history), in batch order.
        """
        period = _known(self._periods, at)
        assert period.end is not None
        found = list(self._dated[:bisect_left(self._ends, period.end)])
        if period.kind == "year":
            found += [half for half in self._halves.get(period.year, ())
                      if (end := _known(self._periods, half).end) is not None and end >= period.end]
        found.sort()
        return found


def _known(periods: Sequence[Period | None], at: int) -> Period:
    period = periods[at]
    assert period is not None  # only files with a stamp have a key
    return period


def _end(periods: Sequence[Period | None], at: int) -> dt.date:
    end = _known(periods, at).end
    assert end is not None  # only dated files are indexed by end
    return end


def _named(found: IndexPairs, source: Callable[[int], str]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """``found`` with each file named by ``source``."""
    return ((source(at), tuple(source(other) for other in others)) for at, others in found)


class Pairing:
    """Pairs of a batch's files held by index (a few bytes a pair), named by their paths where they are read.

    Iterating gives ``(source, (source, …))`` as :meth:`StampColumns.pairs` does, each path's text made
    then: the main process of a batch holds the indexes, each worker the lookup it builds from them.
    """

    def __init__(self, paths: Sequence[Path], found: IndexPairs) -> None:
        self._paths = paths
        self._found = found

    def __len__(self) -> int:
        return len(self._found)

    def __iter__(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        paths = self._paths
        return _named(self._found, lambda at: str(paths[at]))


def batch_pairs(paths: Sequence[Path], units: UnitTree,
                stamps: Sequence[Stamp] | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """For each JSON report of a batch, the other reports of the batch that are earlier reports of its unit.

    ``stamps``: the batch's stamps when already read (:func:`~checker.run.history.read_stamps` of ``paths``).

    Within a unit's reports, only those ending before a report (and, for a year report, the
    halves of its year) are compared with it, found by period end in a sorted index
    (:class:`_ByEnd`): many copies of one unit and period cost no pairwise comparisons, so
    pairing stays O(n log n) plus the pairs found.  The earlier reports of each report keep the
    batch's order (``tests/test_history.py`` holds this to the pairwise loop).  The pairing is
    :meth:`StampColumns.pairs`, the one a batch run uses.
    """
    stamps = read_stamps(paths) if stamps is None else stamps
    return StampColumns.of(stamps, units).pairs(lambda at: stamps[at].path)
