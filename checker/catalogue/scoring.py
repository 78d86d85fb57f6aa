"""Commune classification points (NĐ 307/2025/NĐ-CP): the scoring rules and province averages, as data.

Not targets: two figures of a commune report score in the official classification of xã, phường and
đặc khu (criteria e and g of Điều 6 khoản 3 and Điều 7 khoản 3; Điều 8 khoản 1 for đặc khu). The
rules live in ``targets/scoring/nd-307-2025.yaml``, the province averages criterion e is measured
against in ``targets/scoring/province-averages.yaml``; :func:`points` applies them (Điều 4 khoản 1
and 3: extra points in proportion to the excess, each criterion rounded to two decimals).
"""


import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.catalogue import snapshot
from checker.catalogue.paths import data_dir
from checker.catalogue.rules import Text
from checker.core import parsecache
from checker.core.defaults import new_list
from checker.core.yamlio import load_model_file

SCORING_DIR = "scoring"
RULES_FILE = "nd-307-2025.yaml"
AVERAGES_FILE = "province-averages.yaml"

ScoredType = Literal["xa", "phuong"]
CENT = Decimal("0.01")


class Passage(BaseModel):
    """An article of the decree and its sentence, as written."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    article: str
    quote: str


class ScoringDocument(BaseModel):
    """The decree: number, date, where it takes effect, and the passages the scoring follows."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    number: str
    date: dt.date
    issuer: str
    title: str
    url: str | None = None
    in_force_from: dt.date
    in_force: Passage
    rounding: Passage
    extra_points: Passage
    data_as_of: Passage
    special_zone: Passage


class Band(BaseModel):
    """How one unit type scores a criterion: ``base_points`` up to the reference, then ``step_points``
    per ``step`` percentage points above it (in proportion), at most ``max_points``.

    ``threshold`` is the fixed reference (criterion g: 70 % for xã, 80 % for phường); None when the
    reference is the province's average (criterion e).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    article: str
    quote: str
    quote_en: str
    threshold: float | None = None
    base_points: float
    step: float = Field(gt=0)
    step_points: float = Field(gt=0)
    max_points: float


class Criterion(BaseModel):
    """One scored criterion: the report indicator it reads, its reference and its bands per unit type."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str
    indicator: str
    reference: Literal["threshold", "province_average"]
    title: Text
    definition: Passage | None = None
    bands: dict[ScoredType, Band]
    confidence: Literal["read", "sec", "hdr", "mem"]
    note: str | None = None


class ScoringRules(BaseModel):
    """The decree's scoring of report figures (``targets/scoring/nd-307-2025.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    document: ScoringDocument
    urban_special_zones: list[str] = Field(default_factory=new_list)
    criteria: list[Criterion]

    def criterion(self, criterion_id: str) -> Criterion | None:
        """The criterion with this id ("e", "g"), or None."""
        return next((c for c in self.criteria if c.id == criterion_id), None)


class ProvinceAverage(BaseModel):
    """A province's own share of fully-online dossiers for a year, as published."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    province: str = Field(description="unit code of the province, e.g. hai-phong")
    year: int
    percent: float = Field(ge=0, le=100)
    as_of: dt.date
    source: str
    quote: str
    confidence: Literal["read", "sec"]


class NotFound(BaseModel):
    """Averages looked for and not found."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    province: str
    years: list[int]
    note: str


class ContextFigure(BaseModel):
    """A published figure recorded for context only (never used for scoring)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    scope: str
    percent: float
    as_of: dt.date
    source: str
    quote: str
    confidence: Literal["read", "sec", "hdr", "mem"]


class ProvinceAverages(BaseModel):
    """``targets/scoring/province-averages.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    averages: list[ProvinceAverage] = Field(default_factory=new_list)
    not_found: list[NotFound] = Field(default_factory=new_list)
    context: list[ContextFigure] = Field(default_factory=new_list)

    def average(self, province: str, year: int) -> ProvinceAverage | None:
        """The province's average for the figures of ``year``, or None when none is recorded."""
        return next((a for a in self.averages if a.province == province and a.year == year), None)


class Scoring(BaseModel):
    """The scoring rules and the province averages, loaded together."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    rules: ScoringRules
    averages: ProvinceAverages


def scoring_dir(targets_root: Path) -> Path:
    """Where the scoring data sits under a targets directory (not target files)."""
    return targets_root / SCORING_DIR


def load_scoring(targets_root: Path) -> Scoring:
    """Load the scoring rules and province averages; an InputError names the file and field.

    The bundled ones come from their own snapshot (:mod:`checker.catalogue.snapshot`, named
    ``scoring``: fingerprinted like the catalogue's), so a warm start neither validates them nor
    builds the validators of their eleven models; other directories are parsed through the parse
    cache, as the other data files: a warm start reads no YAML.
    """
    root = scoring_dir(targets_root)
    files = [root / RULES_FILE, root / AVERAGES_FILE]
    bundled = parsecache.enabled() and targets_root.resolve() == data_dir("targets").resolve()
    key = snapshot.fingerprint(files) if bundled else None
    if key is not None:
        kept = snapshot.lookup(key, "scoring")
        if isinstance(kept, Scoring):
            return kept
    try:
        rules = load_model_file(files[0], ScoringRules, "một đối tượng có 'document' và 'criteria'", cached=True)
        averages = load_model_file(files[1], ProvinceAverages, "một đối tượng có 'averages'", cached=True)
    finally:
        parsecache.flush()
    scoring = Scoring(rules=rules, averages=averages)
    if key is not None:
        snapshot.store(key, scoring, "scoring")
    return scoring


def points(ratio: Decimal, reference: Decimal, band: Band) -> tuple[Decimal, bool]:
    """The points ``ratio`` (in %) earns against ``reference`` (in %), and whether the maximum capped them.

    At or below the reference: ``base_points``. Above it, the extra is in proportion to the excess
    (Điều 4 khoản 3): ``base + step_points × (ratio − reference) / step``, at most ``max_points``;
    the criterion's points are rounded to two decimals, halves up (Điều 4 khoản 1).
    """
    base, top = Decimal(str(band.base_points)), Decimal(str(band.max_points))
    if ratio <= reference:
        return base.quantize(CENT, ROUND_HALF_UP), False
    raw = base + Decimal(str(band.step_points)) * (ratio - reference) / Decimal(str(band.step))
    if raw > top:
        return top.quantize(CENT, ROUND_HALF_UP), True
    return raw.quantize(CENT, ROUND_HALF_UP), False
