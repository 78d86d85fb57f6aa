"""Findings: what a rule found in a report, with the evidence it was computed from."""

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from checker.catalogue.rules import RuleCategory as Category
from checker.catalogue.rules import Severity
from checker.core.defaults import new_list

Status = Literal["met", "not_met", "no_data", "scored", "not_scored"]
SCORED = ("scored", "not_scored")
"""Statuses of classification points (NĐ 307): information that never counts for the grade or the gate."""
NOT_COUNTED = frozenset(("met", "no_data", *SCORED))
"""Statuses that never count for the grade or the gate: passes and classification points."""

M = TypeVar("M", bound=BaseModel)


def built(model: type[M], **values: Any) -> M:
    """A ``model`` of values this code made itself (rule file, probe, rendered text), not validated again.

    What ``model.model_construct(**values)`` makes (missing fields take their defaults; only the given
    ones count as set), through pydantic's documented instance attributes, at under half the cost of
    validating (``model_construct`` costs more than validating on pydantic 2.13): ``values`` must name
    fields only.  tests/test_findings_built.py validates every finding of the fixtures and of reports
    with figures left out again and requires the same model.
    """
    state = dict(values)
    for name, info in model.__pydantic_fields__.items():
        if name not in state:
            state[name] = info.get_default(call_default_factory=True, validated_data=state)
    made = model.__new__(model)
    object.__setattr__(made, "__dict__", state)
    object.__setattr__(made, "__pydantic_fields_set__", set(values))
    object.__setattr__(made, "__pydantic_extra__", None)
    object.__setattr__(made, "__pydantic_private__", None)
    return made


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


class EvidenceItem(BaseModel):
    """One number (or fact) a finding used, and where the report states it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    value: Any = None
    indicator: str | None = None
    pointer: str | None = None
    line: int | None = None
    quote: str | None = None
    parsed_from: str | None = None
    report: str | None = None
    """Which report states it, when a finding compares reports (file, or unit and period)."""


class Message(BaseModel):
    """A finding's message, Vietnamese first with English alongside (frozen: one text serves many findings)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    vi: str
    en: str


class IntervalView(BaseModel):
    """What a stated figure allows, as written (docs/numbers.md), and how far outside the exact value lies."""

    model_config = ConfigDict(extra="forbid")

    stated: str
    """The figure as the report wrote it ("97,48 %", "trên 80 %")."""
    text: str
    """The interval it stands for ("[97,475; 97,485] %")."""
    distance: float
    """How far outside the interval the value computed from the report lies (0: inside)."""


class SuspectFigure(BaseModel):
    """A figure that may be wrong: where it is and how the report wrote it."""

    model_config = ConfigDict(extra="forbid")

    pointer: str
    written: str
    label: str
    line: int | None = None


class SlipView(BaseModel):
    """A single typing slip that alone would make every relation hold (a suggestion, never applied)."""

    model_config = ConfigDict(extra="forbid")

    pointer: str
    written: str
    meant: str
    kind: str


class Suspects(BaseModel):
    """Which figures are probably wrong (Fellegi–Holt, docs/numbers.md): the smallest sets whose change
    makes every relation of the report hold, the reasoning, and typing slips.
    """

    model_config = ConfigDict(extra="forbid")

    sets: list[list[SuspectFigure]] = Field(default_factory=new_list)
    size: int | None = None
    """Figures in each set; None when no set of up to three figures restores every relation."""
    reasoning: Message
    slips: list[SlipView] = Field(default_factory=new_list)


class Evidence(BaseModel):
    """The numbers used and how they were combined."""

    model_config = ConfigDict(extra="forbid")

    items: list[EvidenceItem] = Field(default_factory=new_list)
    computation: str | None = None
    interval: IntervalView | None = None
    suspects: Suspects | None = None


class Replaced(BaseModel):
    """A document that the target's document replaced, and where it says so (its own article)."""

    model_config = ConfigDict(extra="forbid")

    document: str
    article: str | None = None


class TargetRef(BaseModel):
    """The target a finding was judged against, with its legal source."""

    model_config = ConfigDict(extra="forbid")

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
    overrides: list[str] = Field(default_factory=new_list)
    stage: str | None = None
    document_in_force_from: str | None = None
    in_force_from: str | None = None
    in_force_until: str | None = None
    supersedes: list[Replaced] = Field(default_factory=new_list,
                                       description="documents its document replaced (942/QĐ-TTg, by its Điều 2)")
    retired: list[str] = Field(default_factory=new_list,
                               description="targets of this indicator no longer in force at the period end, and why")


class ScoreView(BaseModel):
    """How a classification criterion (NĐ 307/2025/NĐ-CP) was scored from the report's figure."""

    model_config = ConfigDict(extra="forbid")

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


class WaiverRef(BaseModel):
    """The waiver that covers a finding."""

    model_config = ConfigDict(extra="forbid")

    reason: str
    accepted_by: str
    expires: str
    index: int


class Finding(BaseModel):
    """One graded finding of one rule on one report.

    Frozen: a finding that reads no figure of its report (a target the report gives no data for)
    is one object shared by every report (``checker.decide.evaluate.assemble``); a changed finding
    is a copy (``model_copy(update=…)``, as waivers and suspects do).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule_id: str
    rule_name: str
    category: Category
    severity: Severity
    status: Status | None = None
    indicator: str | None = None
    observed: Any = None
    expected: Any = None
    evidence: Evidence = Field(default_factory=Evidence)
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
