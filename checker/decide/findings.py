"""Findings: what a rule found in a report, with the evidence it was computed from.

Plain frozen slotted dataclasses (issue 18: pydantic at the boundaries only).  This code builds
them from values it made or validated itself (rule files, probes, rendered texts), so they are not
validated again; their types are checked by mypy --strict, and tests/test_findings_built.py
validates every finding of the fixtures with pydantic and requires the same object.  Pydantic
stays at the boundary: :func:`adapter` (a ``TypeAdapter``, built once on first use) writes their
JSON form and the published schema, the same bytes and the same schema as the pydantic models they
replace (each class sets ``__pydantic_config__``: extra fields forbidden).
"""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import ConfigDict, Field

from checker.catalogue.rules import RuleCategory as Category
from checker.catalogue.rules import Severity
from checker.core.records import dataclass

if TYPE_CHECKING:
    from pydantic import TypeAdapter

Status = Literal["met", "not_met", "no_data", "scored", "not_scored"]
SCORED = ("scored", "not_scored")
"""Statuses of classification points (NĐ 307): information that never counts for the grade or the gate."""
NOT_COUNTED = frozenset(("met", "no_data", *SCORED))
"""Statuses that never count for the grade or the gate: passes and classification points."""

_FORBID = ConfigDict(extra="forbid")
"""The pydantic config of every type here: what the models had (the schema says ``additionalProperties: false``)."""


def _no_items() -> list[Any]:
    return []


SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
SEVERITY_VI = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}
STATUS_VI = {"met": "Đạt", "not_met": "Chưa đạt", "no_data": "Không có số liệu", "scored": "Tính điểm",
             "not_scored": "Chưa tính được điểm"}
CATEGORY_VI = {
    "target": "Chỉ tiêu",
    "consistency": "Nhất quán",
    "completeness": "Đầy đủ",
    "ambition": "Mục tiêu năm sau",
    "waiver": "Miễn trừ",
    "scoring": "Điểm phân loại",
}


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One number (or fact) a finding used, and where the report states it."""

    __pydantic_config__ = _FORBID

    name: str
    value: Any = None
    indicator: str | None = None
    pointer: str | None = None
    line: int | None = None
    quote: str | None = None
    parsed_from: str | None = None
    report: str | None = None
    """Which report states it, when a finding compares reports (file, or unit and period)."""


@dataclass(frozen=True, slots=True)
class Message:
    """A finding's message, Vietnamese first with English alongside (frozen: one text serves many findings)."""

    __pydantic_config__ = _FORBID

    vi: str
    en: str


@dataclass(frozen=True, slots=True)
class IntervalView:
    """What a stated figure allows, as written (docs/numbers.md), and how far outside the exact value lies."""

    __pydantic_config__ = _FORBID

    stated: str
    """The figure as the report wrote it ("97,48 %", "trên 80 %")."""
    text: str
    """The interval it stands for ("[97,475; 97,485] %")."""
    distance: float
    """How far outside the interval the value computed from the report lies (0: inside)."""


@dataclass(frozen=True, slots=True)
class SuspectFigure:
    """A figure that may be wrong: where it is and how the report wrote it."""

    __pydantic_config__ = _FORBID

    pointer: str
    written: str
    label: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class SlipView:
    """A single typing slip that alone would make every relation hold (a suggestion, never applied)."""

    __pydantic_config__ = _FORBID

    pointer: str
    written: str
    meant: str
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Suspects:
    """Which figures are probably wrong (Fellegi–Holt, docs/numbers.md): the smallest sets whose change
    makes every relation of the report hold, the reasoning, and typing slips.
    """

    __pydantic_config__ = _FORBID

    sets: list[list[SuspectFigure]] = field(default_factory=_no_items)
    size: int | None = None
    """Figures in each set; None when no set of up to three figures restores every relation."""
    reasoning: Message
    slips: list[SlipView] = field(default_factory=_no_items)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The numbers used and how they were combined."""

    __pydantic_config__ = _FORBID

    items: list[EvidenceItem] = field(default_factory=_no_items)
    computation: str | None = None
    interval: IntervalView | None = None
    suspects: Suspects | None = None


@dataclass(frozen=True, slots=True)
class Replaced:
    """A document that the target's document replaced, and where it says so (its own article)."""

    __pydantic_config__ = _FORBID

    document: str
    article: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetRef:
    """The target a finding was judged against, with its legal source."""

    __pydantic_config__ = _FORBID

    id: str
    document: str
    document_date: str | None = None
    issuer: str
    title: str
    article: str | None = None
    quote: str
    confidence: str
    confidence_text: str
    layer: str
    year: int
    kind: str
    binding: bool
    comparator: str
    threshold: float
    denominator: str | None = None
    file: str
    overrides: list[str] = field(default_factory=_no_items)
    stage: str | None = None
    document_in_force_from: str | None = None
    in_force_from: str | None = None
    in_force_until: str | None = None
    supersedes: Annotated[list[Replaced], Field(
        description="documents its document replaced (942/QĐ-TTg, by its Điều 2)")] = field(default_factory=_no_items)
    retired: Annotated[list[str], Field(
        description="targets of this indicator no longer in force at the period end, and why")] = field(
        default_factory=_no_items)


@dataclass(frozen=True, slots=True)
class ScoreView:
    """How a classification criterion (NĐ 307/2025/NĐ-CP) was scored from the report's figure."""

    __pydantic_config__ = _FORBID

    document: str
    article: str
    quote: str
    confidence: str
    criterion: str
    scored_as: str
    """The unit type whose bands were used ("xa", "phuong"; a đặc khu scores as xã, Điều 8 khoản 1)."""
    ratio: float
    reference: float | None
    """The fixed threshold, or the province's average; None when that average is not known."""
    reference_source: str
    points: float | None
    max_points: float
    formula: str | None
    data_period: str
    """Which period's figures were used, and up to which day."""
    data_as_of: str
    """What the decree scores: figures as of 31/12 of the year before the dossier (Điều 11 khoản 2)."""


@dataclass(frozen=True, slots=True)
class WaiverRef:
    """The waiver that covers a finding."""

    __pydantic_config__ = _FORBID

    reason: str
    accepted_by: str
    expires: str
    index: int


PUBLISHED_FINDING_TEXT = (
    "One graded finding of one rule on one report.\n\nFrozen: a finding that reads no figure of its report "
    "(a target the report gives no data for)\nis one object shared by every report "
    "(``checker.decide.evaluate.assemble``); a changed finding\nis a copy (``model_copy(update=…)``, "
    "as waivers and suspects do)."
)
"""The description of a finding in the published output schema (``checker schema --output``), as version 2
published it when findings were pydantic models: kept word for word, so the schema stays the same bytes."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One graded finding of one rule on one report.

    Frozen: a finding that reads no figure of its report (a target the report gives no data for)
    is one object shared by every report (``checker.decide.evaluate.assemble``); a changed finding
    is a copy (``dataclasses.replace``, as waivers and suspects do).
    """

    __pydantic_config__ = ConfigDict(extra="forbid", json_schema_extra={"description": PUBLISHED_FINDING_TEXT})

    rule_id: str
    rule_name: str
    category: Category
    severity: Severity
    status: Status | None = None
    indicator: str | None = None
    observed: Any = None
    expected: Any = None
    evidence: Evidence = field(default_factory=Evidence)
    target: TargetRef | None = None
    score: ScoreView | None = None
    message: Message
    pointer: str | None = None
    waiver: WaiverRef | None = None

    @property
    def counts(self) -> bool:
        """Whether the finding counts for the grade and the gate (not waived, not a pass, not points scored)."""
        return self.waiver is None and self.status not in NOT_COUNTED

    def sort_key(self) -> tuple[int, str, str, str]:
        """Order: severity, then rule id, then indicator, then message."""
        return (SEVERITY_ORDER[self.severity], self.rule_id, self.indicator or "", self.message.vi)


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def adapter(kind: type[Any]) -> TypeAdapter[Any]:
    """The pydantic ``TypeAdapter`` of one of these types (built on first use, once): the boundary that writes
    their JSON form (``dump_json``, ``dump_python(mode="json")``), validates them (tests) and gives the schema.
    """
    made = _ADAPTERS.get(kind)
    if made is None:
        from pydantic import TypeAdapter

        made = _ADAPTERS[kind] = TypeAdapter(kind)
    return made


def json_form(value: Any, **options: Any) -> Any:
    """``value`` (one of these types) as JSON-ready Python values, as ``model_dump(mode="json", **options)`` gave."""
    return adapter(type(value)).dump_python(value, mode="json", **options)
