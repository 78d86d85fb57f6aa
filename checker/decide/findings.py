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

from collections.abc import Callable
from dataclasses import field, fields
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


class _Factory:
    """The default of a parameter whose field has a default factory: the factory is called when it is left out."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY: Any = _Factory()


def _slot_setters(kind: type) -> tuple[Callable[[Any, Any], None], ...]:
    """Each field's slot setter (its member descriptor's ``__set__``), in field order.

    The most common types here (~110 objects a report) write their ``__init__`` by hand with these: the
    ``__init__`` dataclasses writes for a frozen class calls ``object.__setattr__`` once per field (the
    class's own ``__setattr__`` refuses), about twice the cost (a finding ~13 → ~7 µs).  The parameters,
    defaults and default factories are the generated ones' (``tests/test_findings_built.py`` compares them
    with a stock twin); the object is as frozen as before.  A class that defines ``__init__`` gets none
    from dataclasses, so importing them writes (``exec``) no ``__init__`` either.
    """
    return tuple(getattr(kind, item.name).__set__ for item in fields(kind))


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

    def __init__(self, name: str, value: Any = None, indicator: str | None = None, pointer: str | None = None,
                 line: int | None = None, quote: str | None = None, parsed_from: str | None = None,
                 report: str | None = None) -> None:
        set_name, set_value, set_indicator, set_pointer, set_line, set_quote, set_parsed_from, set_report = \
            _EVIDENCE_ITEM_SLOTS
        set_name(self, name)
        set_value(self, value)
        set_indicator(self, indicator)
        set_pointer(self, pointer)
        set_line(self, line)
        set_quote(self, quote)
        set_parsed_from(self, parsed_from)
        set_report(self, report)


_EVIDENCE_ITEM_SLOTS = _slot_setters(EvidenceItem)


@dataclass(frozen=True, slots=True)
class Message:
    """A finding's message, Vietnamese first with English alongside (frozen: one text serves many findings)."""

    __pydantic_config__ = _FORBID

    vi: str
    en: str

    def __init__(self, vi: str, en: str) -> None:
        set_vi, set_en = _MESSAGE_SLOTS
        set_vi(self, vi)
        set_en(self, en)


_MESSAGE_SLOTS = _slot_setters(Message)


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

    def __init__(self, stated: str, text: str, distance: float) -> None:
        set_stated, set_text, set_distance = _INTERVAL_VIEW_SLOTS
        set_stated(self, stated)
        set_text(self, text)
        set_distance(self, distance)


_INTERVAL_VIEW_SLOTS = _slot_setters(IntervalView)


@dataclass(frozen=True, slots=True)
class SuspectFigure:
    """A figure that may be wrong: where it is and how the report wrote it."""

    __pydantic_config__ = _FORBID

    pointer: str
    written: str
    label: str
    line: int | None = None

    def __init__(self, pointer: str, written: str, label: str, line: int | None = None) -> None:
        set_pointer, set_written, set_label, set_line = _SUSPECT_FIGURE_SLOTS
        set_pointer(self, pointer)
        set_written(self, written)
        set_label(self, label)
        set_line(self, line)


_SUSPECT_FIGURE_SLOTS = _slot_setters(SuspectFigure)


@dataclass(frozen=True, slots=True)
class SlipView:
    """A single typing slip that alone would make every relation hold (a suggestion, never applied)."""

    __pydantic_config__ = _FORBID

    pointer: str
    written: str
    meant: str
    kind: str

    def __init__(self, pointer: str, written: str, meant: str, kind: str) -> None:
        set_pointer, set_written, set_meant, set_kind = _SLIP_VIEW_SLOTS
        set_pointer(self, pointer)
        set_written(self, written)
        set_meant(self, meant)
        set_kind(self, kind)


_SLIP_VIEW_SLOTS = _slot_setters(SlipView)


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

    def __init__(self, *, sets: list[list[SuspectFigure]] = _FACTORY, size: int | None = None, reasoning: Message,
                 slips: list[SlipView] = _FACTORY) -> None:
        set_sets, set_size, set_reasoning, set_slips = _SUSPECTS_SLOTS
        set_sets(self, [] if sets is _FACTORY else sets)
        set_size(self, size)
        set_reasoning(self, reasoning)
        set_slips(self, [] if slips is _FACTORY else slips)


_SUSPECTS_SLOTS = _slot_setters(Suspects)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The numbers used and how they were combined."""

    __pydantic_config__ = _FORBID

    items: list[EvidenceItem] = field(default_factory=_no_items)
    computation: str | None = None
    interval: IntervalView | None = None
    suspects: Suspects | None = None

    def __init__(self, items: list[EvidenceItem] = _FACTORY, computation: str | None = None,
                 interval: IntervalView | None = None, suspects: Suspects | None = None) -> None:
        set_items, set_computation, set_interval, set_suspects = _EVIDENCE_SLOTS
        set_items(self, [] if items is _FACTORY else items)
        set_computation(self, computation)
        set_interval(self, interval)
        set_suspects(self, suspects)


_EVIDENCE_SLOTS = _slot_setters(Evidence)


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

    def __init__(self, *, rule_id: str, rule_name: str, category: Category, severity: Severity,
                 status: Status | None = None, indicator: str | None = None, observed: Any = None,
                 expected: Any = None, evidence: Evidence = _FACTORY, target: TargetRef | None = None,
                 score: ScoreView | None = None, message: Message, pointer: str | None = None,
                 waiver: WaiverRef | None = None) -> None:
        (set_rule_id, set_rule_name, set_category, set_severity, set_status, set_indicator, set_observed,
         set_expected, set_evidence, set_target, set_score, set_message, set_pointer, set_waiver) = _FINDING_SLOTS
        set_rule_id(self, rule_id)
        set_rule_name(self, rule_name)
        set_category(self, category)
        set_severity(self, severity)
        set_status(self, status)
        set_indicator(self, indicator)
        set_observed(self, observed)
        set_expected(self, expected)
        set_evidence(self, Evidence() if evidence is _FACTORY else evidence)
        set_target(self, target)
        set_score(self, score)
        set_message(self, message)
        set_pointer(self, pointer)
        set_waiver(self, waiver)

    @property
    def counts(self) -> bool:
        """Whether the finding counts for the grade and the gate (not waived, not a pass, not points scored)."""
        return self.waiver is None and self.status not in NOT_COUNTED

    def sort_key(self) -> tuple[int, str, str, str]:
        """Order: severity, then rule id, then indicator, then message."""
        return (SEVERITY_ORDER[self.severity], self.rule_id, self.indicator or "", self.message.vi)


_FINDING_SLOTS = _slot_setters(Finding)


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
