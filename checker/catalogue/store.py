"""The catalogue: everything a check reads besides the report, loaded once and owning its caches.

One :class:`Catalogue` holds the indicator catalogue, the rules, the targets (bundled plus
any ``--targets`` files), the unit hierarchy, and every cache derived from them: the target
chosen per question, and views that upper layers derive from this data (rule plans, target
references) through :meth:`Catalogue.remember`.  Nothing else in the checker keeps state
about the data between reports.

A process builds the bundled catalogue once (:func:`current`); a worker process inherits it
or builds its own.  A run with extra target files derives a catalogue of its own with
:meth:`Catalogue.with_extra_targets`, sharing the loaded data but not the caches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any, TypeVar

from checker.catalogue import snapshot
from checker.catalogue.indicators import INDICATORS_FILE, IndicatorInfo, load_indicators
from checker.catalogue.paths import data_dir
from checker.catalogue.rules import RuleDef, load_rules
from checker.catalogue.targets import (
    EXTRA_ORDER,
    SourcedTarget,
    TargetChoice,
    choose_target,
    load_targets,
    retired_targets,
    target_files,
)
from checker.catalogue.units import UnitTree, load_units, unit_files
from checker.core import parsecache
from checker.core.records import dataclass

T = TypeVar("T")


@dataclass(frozen=True)
class DataDirs:
    """Where a catalogue's data files were read from (shown by ``checker --version``)."""

    indicators: Path
    rules: Path
    targets: Path


@dataclass(eq=False)
class Catalogue:
    """Indicators, rules, targets and units, with the caches derived from them."""

    indicators: dict[str, IndicatorInfo]
    rules: tuple[RuleDef, ...]
    targets: tuple[SourcedTarget, ...]
    units: UnitTree
    dirs: DataDirs
    extra_files: tuple[str, ...] = ()
    _choices: dict[tuple[Any, ...], TargetChoice | None] = field(default_factory=dict, repr=False)
    _derived: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False)
    _labels: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict, repr=False)
    """:meth:`labels`: prefix -> indicator code -> its two label parameters."""

    @classmethod
    def load(cls, rules_dir: Path | None = None, targets_dir: Path | None = None,
             indicators_file: Path | None = None) -> Catalogue:
        """Load the bundled data (or the given directories); any problem is an InputError naming the file."""
        bundled = rules_dir is None and targets_dir is None and indicators_file is None
        indicators_path = indicators_file or INDICATORS_FILE
        rules_root = rules_dir or data_dir("rules")
        targets_root = targets_dir or data_dir("targets")
        dirs = DataDirs(indicators_path, rules_root, targets_root)
        key = snapshot.fingerprint(_data_files(dirs)) if bundled and parsecache.enabled() else None
        if key is not None:
            kept = snapshot.lookup(key)
            if _is_catalogue_data(kept):
                indicators, rules, targets, units = kept
                return cls(indicators, rules, targets, units, dirs)
        try:
            indicators = load_indicators(indicators_path, cached=True)
            data = (indicators, load_rules(rules_root),
                    load_targets(target_files(targets_root), indicators, cached=True),
                    load_units(unit_files(targets_root), cached=True))
        finally:
            parsecache.flush()
        if key is not None:
            snapshot.store(key, data)
        return cls(*data, dirs)

    def with_extra_targets(self, paths: Iterable[Path]) -> Catalogue:
        """This catalogue plus the targets of ``paths`` as the most specific layer (``--targets``)."""
        paths = list(paths)
        if not paths:
            return self
        extra = load_targets(paths, self.indicators, start=EXTRA_ORDER)
        return self.with_sourced_targets(extra, tuple(str(p) for p in paths))

    def with_sourced_targets(self, extra: tuple[SourcedTarget, ...], files: tuple[str, ...] = ()) -> Catalogue:
        """This catalogue plus already loaded targets (numbered from ``EXTRA_ORDER``: the most specific layer)."""
        return Catalogue(self.indicators, self.rules, self.targets + extra, self.units, self.dirs,
                         self.extra_files + files)

    # --- indicators -------------------------------------------------------------------
    def label(self, code: str, lang: str = "vi") -> str:
        """Human label of an indicator code, falling back to the code itself."""
        entry = self.indicators.get(code)
        if entry is None:
            return code
        return entry.vi if lang == "vi" else entry.en

    def labels(self, code: str, prefix: str = "") -> Mapping[str, str]:
        """Message parameters ``{prefix}label`` and ``{prefix}label_en`` for an indicator code.

        Built once per catalogue, code and prefix (they depend on nothing else) and shared by every
        caller: read it or unpack it (``{**labels(code), …}``), never change it.
        """
        by_code = self._labels.get(prefix)
        if by_code is None:
            by_code = self._labels[prefix] = {}
        found = by_code.get(code)
        if found is None:
            found = by_code[code] = {f"{prefix}label": self.label(code), f"{prefix}label_en": self.label(code, "en")}
        return found

    # --- rules ----------------------------------------------------------------------------
    def rule(self, rule_id: str) -> RuleDef:
        """The rule with ``rule_id`` (any case); KeyError when unknown."""
        wanted = rule_id.upper()
        for rule in self.rules:
            if rule.id == wanted:
                return rule
        raise KeyError(rule_id)

    def active_rules(self, preview: bool = False) -> tuple[RuleDef, ...]:
        """The rules that run: stable and deprecated ones, and preview ones when asked."""
        return tuple(rule for rule in self.rules
                     if rule.active or (preview and rule.lifecycle.status == "preview"))

    # --- targets ---------------------------------------------------------------------------
    def choose(self, indicator: str, year: int, level: str, unit_code: str | None,
               on: dt.date | None = None) -> TargetChoice | None:
        """The target in force (see :func:`checker.catalogue.targets.choose_target`), remembered."""
        key = (indicator, year, level, unit_code, on)
        try:
            return self._choices[key]
        except KeyError:
            choice = choose_target(self.targets, self.units, indicator, year, level, unit_code, on)
            self._choices[key] = choice
            return choice

    def retired(self, indicator: str, level: str, unit_code: str | None, on: dt.date) -> tuple[SourcedTarget, ...]:
        """Targets for ``indicator`` no longer in force on ``on`` (see ``retired_targets``), remembered."""
        key = ("retired", indicator, level, unit_code, on)
        try:
            return self._derived[key]  # type: ignore[no-any-return]
        except KeyError:
            found = retired_targets(self.targets, self.units, indicator, level, unit_code, on)
            self._derived[key] = found
            return found

    def in_force(self, year: int, level: str, unit_code: str | None,
                 on: dt.date | None = None) -> list[TargetChoice]:
        """The chosen target for every indicator that has one (``checker targets``)."""
        codes = sorted({s.target.indicator for s in self.targets})
        choices = [self.choose(code, year, level, unit_code, on) for code in codes]
        return [choice for choice in choices if choice is not None]

    # --- derived views ------------------------------------------------------------------------
    def remember(self, key: tuple[Any, ...], build: Callable[[], T]) -> T:
        """``build()``, computed once per catalogue for ``key`` (for views derived from this data)."""
        try:
            return self._derived[key]  # type: ignore[no-any-return]
        except KeyError:
            value = build()
            self._derived[key] = value
            return value


def _data_files(dirs: DataDirs) -> list[Path]:
    """Every file :meth:`Catalogue.load` reads from ``dirs`` (what the snapshot's fingerprint covers)."""
    return [dirs.indicators, *sorted(dirs.rules.rglob("*.yaml")), *target_files(dirs.targets),
            *unit_files(dirs.targets)]


def _is_catalogue_data(value: Any) -> bool:
    """Whether ``value`` has the shape of the data :meth:`Catalogue.load` keeps (a snapshot read back)."""
    if not (isinstance(value, tuple) and len(value) == 4):
        return False
    indicators, rules, targets, units = value
    return (isinstance(indicators, dict) and all(isinstance(v, IndicatorInfo) for v in indicators.values())
            and isinstance(rules, tuple) and all(isinstance(r, RuleDef) for r in rules)
            and isinstance(targets, tuple) and all(isinstance(t, SourcedTarget) for t in targets)
            and isinstance(units, UnitTree))


_current: Catalogue | None = None


def current() -> Catalogue:
    """The process's catalogue of the bundled data, loaded on first use."""
    global _current
    if _current is None:
        _current = Catalogue.load()
    return _current


def indicators() -> dict[str, IndicatorInfo]:
    """The indicator catalogue of :func:`current` (what report codes are checked against)."""
    return current().indicators


def label(code: str, lang: str = "vi") -> str:
    """Label of an indicator code in the process's catalogue."""
    return current().label(code, lang)


def labels(code: str, prefix: str = "") -> Mapping[str, str]:
    """Message label parameters of an indicator code in the process's catalogue."""
    return current().labels(code, prefix)


def indicator_info(code: str) -> IndicatorInfo:
    """The catalogue entry of ``code`` (KeyError when unknown)."""
    return current().indicators[code]
