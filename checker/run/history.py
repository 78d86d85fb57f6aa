"""Pairing reports of the same unit across periods: ``--previous`` files and the batch itself.

Two reports are of "the same unit" when they name the same unit code, or — since the 2025
reform merged communes — when the earlier report's unit had become the later one's by the
later period's end (``UnitTree.successor_at``, following the predecessor links of the units
data); then the earlier one is a *predecessor* report, and *sole* when the new unit was formed
wholly from it alone.  Without unit codes, the commune, district and province names must match.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, NamedTuple

from checker.catalogue.units import UnitTree
from checker.core.bounded_read import read_bounded
from checker.core.records import dataclass
from checker.decide.checks.base import Earlier
from checker.model.report import Identity, Period, Report


class Who(NamedTuple):
    """The part of a report's identity that pairing reads, as a small tuple (a batch holds one per file)."""

    unit_code: str | None
    commune: str
    district: str | None
    province: str


Names = Identity | Who
"""What pairing reads of a report's identity: the report's own, or the :class:`Who` of a stamp."""


@dataclass(frozen=True, slots=True)
class Stamp:
    """Who wrote a report and for which period: enough to pair it with others.

    A batch holds one stamp per file while it pairs them, so a stamp is small: its identity
    is a :class:`Who` and both are shared between the files that have equal ones
    (:class:`_Shared`), as the copies of one unit's reports in a folder do.
    """

    path: str
    identity: Who
    period: Period


Link = tuple[Literal["same", "predecessor"], bool]
"""How an earlier report's unit relates to a later one's, and whether it is the sole, whole predecessor."""
FAR_FUTURE = dt.date(2100, 1, 1)


def link(earlier: Names, later: Names, later_period: Period, units: UnitTree) -> Link | None:
    """How an earlier report's unit relates to a later one's, or None when they are different units."""
    if earlier.unit_code and later.unit_code:
        if earlier.unit_code == later.unit_code:
            return "same", True
        if earlier.unit_code in units and later.unit_code in units and later_period.end is not None:
            if units.successor_at(earlier.unit_code, later_period.end) == later.unit_code:
                formed = units.predecessors_of(later.unit_code)
                return "predecessor", len(formed) == 1 and formed[0].share == "whole"
        return None
    same_names = (earlier.commune, earlier.district, earlier.province) == (later.commune, later.district,
                                                                           later.province)
    return ("same", True) if same_names else None


class _Links:
    """:func:`link`, worked out once per pair of identities and period end: a batch repeats them."""

    def __init__(self, units: UnitTree) -> None:
        self.units = units
        self._known: dict[tuple[object, ...], Link | None] = {}

    def __call__(self, earlier: Names, later: Names, later_period: Period) -> Link | None:
        """``link(earlier, later, later_period, units)``."""
        key = (earlier.unit_code, earlier.commune, earlier.district, earlier.province,
               later.unit_code, later.commune, later.district, later.province, later_period.end)
        if key not in self._known:
            self._known[key] = link(earlier, later, later_period, self.units)
        return self._known[key]


def unit_key(identity: Names, units: UnitTree) -> tuple[str | None, ...]:
    """Reports that may be of one unit share this key: the unit the code ends up as, or the names."""
    code = identity.unit_code
    if code:
        return ((units.successor_at(code, FAR_FUTURE) or code) if code in units else code,)
    return identity.commune, identity.district, identity.province


def describe(report: Report, path: str) -> str:
    """How findings cite another report: its file, commune and period."""
    period = report.period
    label = period.label or {"year": f"năm {period.year}", "half": f"6 tháng {period.year}",
                             "nine_months": f"9 tháng {period.year}",
                             "quarter": f"quý {period.quarter}/{period.year}"}[period.kind]
    if period.kind == "half" and period.start is not None and period.start.month == 7:
        label = f"6 tháng cuối năm {period.year}"
    return f"{Path(path).name} ({report.identity.commune}, {label})"


def earlier_reports(report: Report, candidates: Iterable[tuple[Report, str]],
                    units: UnitTree) -> tuple[Earlier, ...]:
    """The candidates that are earlier reports of ``report``'s unit, linked and citable."""
    found = []
    links = _Links(units)
    for other, path in candidates:
        if other is report or other.period.end is None or report.period.end is None:
            continue
        if other.period.end >= report.period.end and not _is_half_of(other, report):
            continue
        linked = links(other.identity, report.identity, report.period)
        if linked is not None:
            found.append(Earlier(other, describe(other, path), linked[0], linked[1]))
    return tuple(found)


def _is_half_of(half: Report, year: Report) -> bool:
    """A half-year report ending with the year (6 tháng cuối năm) belongs to the year report's history."""
    return half.period.kind == "half" and year.period.kind == "year" and half.period.year == year.period.year


class _Shared:
    """One object for equal identities and one for equal periods among a batch's stamps."""

    def __init__(self) -> None:
        self._who: dict[Who, Who] = {}
        self._periods: dict[tuple[object, ...], Period] = {}

    def who(self, identity: Names) -> Who:
        """The shared :class:`Who` of ``identity``."""
        who = Who(identity.unit_code, identity.commune, identity.district, identity.province)
        return self._who.setdefault(who, who)

    def period(self, period: Period) -> Period:
        """The first period read that equals ``period`` in every field (the same value, shared)."""
        key = (period.year, period.kind, period.quarter, period.label, period.start, period.end)
        return self._periods.setdefault(key, period)


def stamp(path: Path, shared: _Shared | None = None) -> Stamp | None:
    """The identity and period of a JSON report, read cheaply (None when it cannot be read: checking says why)."""
    data = _report_bytes(path)
    return None if data is None else _whole_file_stamp(path, data, shared or _Shared())


def _report_bytes(path: Path) -> bytes | None:
    """The bytes of a ``.json`` regular file, or None (not one, or unreadable: checking says why)."""
    if path.suffix.lower() != ".json" or not path.is_file():  # a FIFO read here would lose its data
        return None
    try:
        return read_bounded(path)
    except Exception:  # noqa: BLE001 - an unreadable report is reported when it is checked
        return None


def _validated_stamp(path: Path, identity: Any, period: Any, shared: _Shared) -> Stamp | None:
    """The stamp of ``path`` from its parsed identity and period, or None when either fails validation."""
    try:
        who, when = Identity.model_validate(identity), Period.model_validate(period)
    except Exception:  # noqa: BLE001 - an unreadable report is reported when it is checked
        return None
    return Stamp(str(path), shared.who(who), shared.period(when))


def _whole_file_stamp(path: Path, data: bytes, shared: _Shared) -> Stamp | None:
    """:func:`stamp` of a file whose bytes are ``data``: the whole file parsed."""
    try:
        raw = json.loads(data.decode("utf-8-sig"))
        identity, period = raw["identity"], raw["period"]
    except Exception:  # noqa: BLE001 - an unreadable report is reported when it is checked
        return None
    return _validated_stamp(path, identity, period, shared)


def read_stamps(paths: Iterable[Path]) -> list[Stamp]:
    """The stamps of the JSON reports among ``paths`` that can be read, in their order (equal parts shared)."""
    shared = _Shared()
    return [s for s in (stamp(path, shared) for path in paths) if s is not None]


_KEYS = (b'"identity"', b'"period"')
_SPACE = b" \t\n\r"  # JSON's whitespace, as json's scanner skips it around a key's ':'
_WINDOW = 1024
"""Bytes after a key decoded to read its value (an identity or period takes a few hundred)."""
_DECODER = json.JSONDecoder()


def _after_colon(data: bytes, at: int) -> int:
    """Where the value of the key that ends at ``at`` begins, or -1 when no ':' follows (not a key)."""
    size = len(data)
    while at < size and data[at] in _SPACE:
        at += 1
    if at >= size or data[at] != 0x3A:  # ':'
        return -1
    at += 1
    while at < size and data[at] in _SPACE:
        at += 1
    return at


def quick_stamp(path: Path, shared: _Shared | None = None) -> Stamp | None:
    """The stamp of a JSON report, most often without parsing the whole file: :func:`stamp`'s, or one it lacks.

    When the file is UTF-8 and JSON this is :func:`stamp` (None exactly when that is None); otherwise
    :func:`stamp` is None and this may still be a stamp.  Pairing with it is exact when, where a paired
    file is used, one that cannot be read and has no :func:`stamp` is left out (``checker.run.batch``).

    Why it is so: without a backslash-u escape in the file the keys ``identity`` and ``period`` can only be
    written as ``"identity"`` and ``"period"``.  When each occurs once, that occurrence is the top-level
    key if there is one, and json's own scanner reads its value from there as a whole-file parse does;
    when it is absent, or is not followed by ``:`` (not a key), the file has no such key and no stamp.
    An escape, a key written twice or a value that does not end within :data:`_WINDOW`: the whole file
    is parsed (:func:`stamp`).  A value that fails validation is the one :func:`stamp` would validate,
    or :func:`stamp` fails earlier: None either way.
    """
    data = _report_bytes(path)
    if data is None:
        return None
    shared = shared or _Shared()
    if b"\\u" in data:  # a key may be written with escapes
        return _whole_file_stamp(path, data, shared)
    values = []
    for key in _KEYS:  # ASCII: in UTF-8 its bytes occur exactly where the text has it (a BOM is no ASCII)
        at = data.find(key)
        if at < 0:
            return None  # no key of that name anywhere
        if data.find(key, at + 1) >= 0:
            return _whole_file_stamp(path, data, shared)  # which occurrence is the top-level key, if any
        start = _after_colon(data, at + len(key))
        if start < 0:
            return None  # the one occurrence is not a key: no key of that name
        try:  # valid UTF-8 decodes to the text from the value on (a character cut at the window's end dropped)
            value, _ = _DECODER.raw_decode(data[start:start + _WINDOW].decode("utf-8", "ignore"))
        except (ValueError, RecursionError):
            return _whole_file_stamp(path, data, shared)  # beyond the window, or not JSON: the whole file decides
        if not isinstance(value, dict):  # a number may be cut at the window's end
            return _whole_file_stamp(path, data, shared)
        values.append(value)
    return _validated_stamp(path, values[0], values[1], shared)  # as a whole-file parse validates, or fails earlier


def read_quick_stamps(paths: Iterable[Path]) -> list[Stamp]:
    """:func:`quick_stamp` of each of ``paths`` that has one, in their order (equal parts shared)."""
    shared = _Shared()
    return [s for s in (quick_stamp(path, shared) for path in paths) if s is not None]
