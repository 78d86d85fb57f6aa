"""Targets as cited data: models, loading with clear errors, and choosing the one in force.

Target files live under ``targets/`` (one YAML file per issuing document) and the unit
hierarchy in ``targets/units.yaml``.  See ``docs/targets.md`` for the layering rule.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from checker.catalogue.indicators import IndicatorInfo
from checker.catalogue.units import UNITS_DIR, UNITS_FILE, Unit, ancestry
from checker.core import parsecache
from checker.core.records import dataclass
from checker.core.yamlio import load_model_file

Comparator = Literal[">=", ">", "<=", "<", "="]
Confidence = Literal["verified", "read", "sec", "hdr", "mem"]
TargetLevel = Literal["xa", "huyen", "tinh", "all"]
DocumentStatus = Literal["in_force", "header_only", "repealed"]

VERIFIED_CONFIDENCE = ("verified", "read", "sec")
"""Confidences of a figure read in a text (the document, a copy of it, or a page restating it)."""

CONFIDENCE_TEXT = {
    "verified": ("đã đối chiếu văn bản gốc", "checked against the official text"),
    "read": (
        "đã đọc toàn văn (bản sao của bên thứ ba), điều khoản và câu trích theo văn bản",
        "the document's full text was read (third-party copy); article and wording are the document's",
    ),
    "sec": ("theo trang tin trích dẫn văn bản", "read on a page restating the document"),
    "hdr": ("chỉ thấy số hiệu, tiêu đề văn bản — chưa kiểm chứng", "only the document header seen — unverified"),
    "mem": ("ghi nhớ, chưa tìm thấy nguồn — chưa kiểm chứng", "remembered, no source found — unverified"),
}


def _not_before(until: dt.date | None, info: ValidationInfo, start_field: str = "in_force_from") -> dt.date | None:
    """Check that ``until`` (an in_force_until) is not before the same model's ``start_field``."""
    start = info.data.get(start_field)
    if until is not None and isinstance(start, dt.date) and until < start:
        raise ValueError(
            f"ngày hết hiệu lực {until.isoformat()} trước ngày có hiệu lực {start.isoformat()} / "
            f"in_force_until {until.isoformat()} is before in_force_from {start.isoformat()}"
        )
    return until


class DocumentRef(BaseModel):
    """A pointer to another document (and article) that replaces, or is replaced by, this one."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    document: str = Field(description="the other document's number, e.g. 2629/QĐ-TTg")
    article: str | None = Field(default=None, description="where it says so, e.g. Điều 2")
    date: dt.date | None = None


class SourceDocument(BaseModel):
    """The document that sets a group of targets, with its lifecycle.

    ``status``: ``in_force`` (default; its targets apply between ``in_force_from`` and
    ``in_force_until``), ``header_only`` (only the number, date and title are known: recorded
    for information, no targets) or ``repealed`` (replaced or annulled; its targets still apply
    to periods up to ``in_force_until``, which is then required).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str
    number: str
    date: dt.date | None = None
    issuer: str
    title: str
    scope: str = Field(description="unit code whose layer this document belongs to, e.g. vn, hai-duong")
    url: str | None = Field(default=None, description="the original address of the text that was read")
    url_hint: str | None = None
    status: DocumentStatus = "in_force"
    in_force_from: dt.date | None = None
    in_force_until: dt.date | None = Field(default=None, validate_default=True)
    superseded_by: DocumentRef | None = None
    supersedes: tuple[DocumentRef, ...] = ()
    note: str | None = None

    @field_validator("in_force_until")
    @classmethod
    def _until_after_from(cls, until: dt.date | None, info: ValidationInfo) -> dt.date | None:
        until = _not_before(until, info)
        if until is None and info.data.get("status") == "repealed":
            raise ValueError("văn bản đã bị thay thế/bãi bỏ cần ngày hết hiệu lực / "
                             "a repealed document needs in_force_until")
        return until

    @field_validator("url")
    @classmethod
    def _absolute_url(cls, url: str | None) -> str | None:
        if url is not None and not url.startswith(("https://", "http://")):
            raise ValueError(f"cần địa chỉ gốc http(s)://… / expected the original http(s) address, got '{url}'")
        return url


class Target(BaseModel):
    """One target: indicator, comparator, threshold, where and when it applies, its source."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str
    indicator: str
    comparator: Comparator
    threshold: float
    unit: Literal["percent", "count", "flag"] = "percent"
    levels: tuple[TargetLevel, ...] = ("all",)
    kind: Literal["annual", "deadline"]
    year: int = Field(ge=2000, le=2100)
    from_year: int | None = Field(default=None, ge=2000, le=2100)
    denominator: str | None = None
    article: str | None = None
    quote: str = Field(min_length=1, description="the target's wording in Vietnamese, as the document puts it")
    quote_en: str | None = Field(default=None, description="English rendering of the quote")
    stage: str | None = Field(default=None, description="the document's stage, e.g. 2025-2027")
    in_force_from: dt.date | None = Field(default=None, description="overrides the document's in_force_from")
    in_force_until: dt.date | None = Field(default=None, description="overrides the document's in_force_until")
    superseded_by: DocumentRef | None = None
    confidence: Confidence
    note: str | None = None

    @field_validator("indicator")
    @classmethod
    def _known_indicator(cls, code: str, info: ValidationInfo) -> str:
        known = info.context.get("indicators") if info.context else None
        if known is not None and code not in known:
            raise ValueError(f"mã chỉ tiêu không có trong danh mục / unknown indicator code '{code}'")
        return code

    @field_validator("in_force_until")
    @classmethod
    def _until_after_from(cls, until: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return _not_before(until, info)

    @property
    def verified(self) -> bool:
        """Whether the figure was read in a text (verified, read or sec), not just recalled or seen in a header."""
        return self.confidence in VERIFIED_CONFIDENCE

    def in_force_window(self, document: SourceDocument) -> tuple[dt.date | None, dt.date | None]:
        """The dates between which this target is in force: its own, else its document's."""
        return (self.in_force_from or document.in_force_from, self.in_force_until or document.in_force_until)


class TargetFile(BaseModel):
    """A target file: one document and the targets it sets."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    document: SourceDocument
    targets: list[Target]

    @field_validator("targets")
    @classmethod
    def _targets_fit_the_document(cls, targets: list[Target], info: ValidationInfo) -> list[Target]:
        document = info.data.get("document")
        if not isinstance(document, SourceDocument):
            return targets
        if document.status == "header_only" and targets:
            raise ValueError("văn bản chỉ có tiêu đề (status: header_only) không được có chỉ tiêu / "
                             "a header_only document carries no targets")
        for index, target in enumerate(targets):
            start, until = target.in_force_window(document)
            if start is not None and until is not None and until < start:
                raise ValueError(
                    f"/targets/{index}/in_force_until ({target.id}): hết hiệu lực {until.isoformat()} trước "
                    f"ngày có hiệu lực {start.isoformat()} (tính cả ngày của văn bản) / in_force_until "
                    f"{until.isoformat()} is before in_force_from {start.isoformat()} (the document's dates count)"
                )
        return targets


@dataclass(frozen=True)
class SourcedTarget:
    """A target together with its document and the file it came from."""

    target: Target
    document: SourceDocument
    path: str
    order: int


@dataclass(frozen=True)
class TargetChoice:
    """The target in force for one indicator and report, and the ones it overrode.

    ``key`` is the question it answers (indicator, year, level, unit, date): derived views of
    a choice are remembered under it.
    """

    chosen: SourcedTarget
    binding: bool
    overridden: tuple[SourcedTarget, ...] = ()
    key: tuple[object, ...] = ()
    retired: tuple[SourcedTarget, ...] = ()
    """Targets of the same indicator, level and layers that were in force before the date and no longer are."""


def load_target_file(path: Path, indicators: Mapping[str, IndicatorInfo] | None = None,
                     cached: bool = False) -> TargetFile:
    """Load and validate one target file; raise InputError naming file, entry and field.

    ``indicators`` is the catalogue its indicator codes must come from (None: not checked);
    ``cached`` parses through the parse cache (bundled target files).
    """
    return load_model_file(path, TargetFile, "một đối tượng có 'document' và 'targets'", cached=cached,
                           context={"indicators": indicators} if indicators is not None else None)


def target_files(root: Path) -> list[Path]:
    """All target files under ``root``, in a deterministic order (unit files and sources excluded)."""
    unit_dir, scoring_dir = root / UNITS_DIR, root / "scoring"  # scoring: NĐ 307 points, not targets
    return sorted(p for p in root.rglob("*.yaml")
                  if p.name != UNITS_FILE and unit_dir not in p.parents and scoring_dir not in p.parents)


EXTRA_ORDER = 100_000
"""Order numbers from here on mark targets of ``--targets`` files: the most specific layer."""


def load_targets(paths: Iterable[Path], indicators: Mapping[str, IndicatorInfo] | None = None,
                 start: int = 0, cached: bool = False) -> tuple[SourcedTarget, ...]:
    """Every target of the files ``paths``, numbered from ``start`` in file order."""
    result: list[SourcedTarget] = []
    try:
        for path in paths:
            loaded = load_target_file(path, indicators, cached)
            for target in loaded.targets:
                result.append(SourcedTarget(target, loaded.document, str(path), start + len(result)))
    finally:
        if cached:
            parsecache.flush()
    return tuple(result)


def _layer_depth(scope: str, chain: list[str], extra: bool) -> int | None:
    if extra:
        return len(chain) + 1
    if scope in chain:
        return chain.index(scope)
    return None


def _applies(target: Target, year: int, level: str) -> bool:
    if not _level_applies(target, level):
        return False
    if target.kind == "annual":
        return year == target.year
    return year >= (target.from_year or 0)


def _level_applies(target: Target, level: str) -> bool:
    return "all" in target.levels or level in target.levels


def in_force_window(sourced: SourcedTarget) -> tuple[dt.date | None, dt.date]:
    """The first and last day a target is in force.

    Its own ``in_force_from`` / ``in_force_until``, else its document's; without an end, a
    target lasts to 31 December of its year: an annual target is for that year, and a
    deadline ("đến năm 2025") is the goal of a stage that ends with that year — a report of
    2026 is judged by what is set for 2026 onwards, not by a 2025 goal.
    """
    start, until = sourced.target.in_force_window(sourced.document)
    return start, until or dt.date(sourced.target.year, 12, 31)


def in_force_on(sourced: SourcedTarget, on: dt.date) -> bool:
    """Whether a target is in force on ``on`` (see :func:`in_force_window`)."""
    start, until = in_force_window(sourced)
    return (start is None or start <= on) and on <= until


def _strictness(target: Target) -> float:
    return target.threshold if target.comparator in (">=", ">", "=") else -target.threshold


def retired_targets(
    targets: Iterable[SourcedTarget],
    known_units: Mapping[str, Unit],
    indicator: str,
    level: str,
    unit_code: str | None,
    on: dt.date,
) -> tuple[SourcedTarget, ...]:
    """Targets for ``indicator`` of the unit's layers and ``level`` whose force ended before ``on``.

    What a report of a period ending ``on`` may still quote but is no longer judged by
    (QĐ 942/QĐ-TTg's 2025 targets after 30/11/2025; a 2025 deadline in a 2026 report).
    """
    found = []
    for sourced in targets:
        target = sourced.target
        if target.indicator != indicator or not _level_applies(target, level):
            continue
        if in_force_window(sourced)[1] >= on:
            continue
        # the layers as they stood when the target was last in force (Hải Dương's before 1/7/2025)
        before = ancestry(known_units, unit_code, in_force_window(sourced)[1])
        if _layer_depth(sourced.document.scope, before, sourced.order >= EXTRA_ORDER) is None:
            continue
        found.append(sourced)
    return tuple(sorted(found, key=lambda s: s.order))


def choose_target(
    targets: Iterable[SourcedTarget],
    known_units: Mapping[str, Unit],
    indicator: str,
    year: int,
    level: str,
    unit_code: str | None,
    on: dt.date | None = None,
) -> TargetChoice | None:
    """Pick the target in force for ``indicator`` for a report of ``year`` at ``level``.

    ``on`` (default: 31 December of ``year``) is the report's period end: the unit hierarchy
    is read on that day, and only targets in force that day are candidates
    (:func:`in_force_window`: QĐ 942/QĐ-TTg until 30/11/2025, QĐ 2629/QĐ-TTg's 2025-2027
    stage until 31/12/2027).  Candidates come from every layer on the unit's chain (nation,
    province, district, then ``--targets`` files) whose year and level apply.  A target is
    *binding* when it is an annual target for this year or a deadline already reached; a
    deadline still ahead is a *path* target.  Within one layer, a later document supersedes
    an earlier one among targets of the same kind (annual / deadline) and the same year.
    Then binding targets win over path targets; among binding ones the strictest wins (a
    province cannot relax the national floor), ties going to the more specific layer; among
    path targets the nearest deadline wins, then the strictest.
    """
    on = on or dt.date(year, 12, 31)
    targets = tuple(targets)
    chain = ancestry(known_units, unit_code, on)
    groups: dict[tuple[int, str, int], list[SourcedTarget]] = {}
    for sourced in targets:
        target = sourced.target
        if target.indicator != indicator or not _applies(target, year, level) or not in_force_on(sourced, on):
            continue
        depth = _layer_depth(sourced.document.scope, chain, sourced.order >= EXTRA_ORDER)
        if depth is None:
            continue
        groups.setdefault((depth, target.kind, target.year), []).append(sourced)
    if not groups:
        return None
    survivors: list[tuple[int, SourcedTarget]] = []
    overridden: list[SourcedTarget] = []
    for (depth, _kind, _year), group in groups.items():
        latest = max(group, key=lambda s: (s.document.date or dt.date.min, s.order))
        for sourced in group:
            if sourced.document.date == latest.document.date:
                survivors.append((depth, sourced))
            else:
                overridden.append(sourced)

    def rank(item: tuple[int, SourcedTarget]) -> tuple[bool, float, float, int, int]:
        depth, sourced = item
        target = sourced.target
        if _is_binding(target, year):
            return (True, _strictness(target), 0.0, depth, sourced.order)
        return (False, -float(target.year), _strictness(target), depth, sourced.order)

    survivors.sort(key=rank, reverse=True)
    chosen = survivors[0][1]
    overridden.extend(s for _, s in survivors[1:])
    overridden.sort(key=lambda s: s.order)
    return TargetChoice(chosen=chosen, binding=_is_binding(chosen.target, year), overridden=tuple(overridden),
                        key=(indicator, year, level, unit_code, on),
                        retired=retired_targets(targets, known_units, indicator, level, unit_code, on))


def _is_binding(target: Target, year: int) -> bool:
    return target.kind == "annual" or year >= target.year
