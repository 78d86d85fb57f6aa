"""Rule definitions: one YAML file per rule under ``rules/``, validated and indexed.

A rule file holds everything about the rule: its stable id, title, rationale, severity,
references, the check kind and its parameters, the message templates, and examples that
the test suite runs (so the documentation cannot drift from the behaviour).
"""

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from checker.core import parsecache
from checker.core.defaults import new_dict, new_list
from checker.core.errors import InputError
from checker.core.yamlio import load_model_file

Severity = Literal["error", "warning", "info"]
RuleCategory = Literal["target", "consistency", "completeness", "ambition", "waiver", "scoring"]
RULE_ID = re.compile(r"^(TG|CS|CP|AM|WV|SC)\d{3}$")
CATEGORY_PREFIX = {"target": "TG", "consistency": "CS", "completeness": "CP", "ambition": "AM", "waiver": "WV",
                   "scoring": "SC"}
LifecycleStatus = Literal["stable", "preview", "deprecated", "removed"]
LIFECYCLE_VI = {"stable": "ổn định", "preview": "thử nghiệm", "deprecated": "sắp bỏ", "removed": "đã bỏ"}


class Text(BaseModel):
    """A text in Vietnamese with its English rendering."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    vi: str
    en: str


class Example(BaseModel):
    """An example report fragment and what the rule must say about it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: str
    expect: Literal["fires", "silent", "met", "not_met", "no_data", "scored", "not_scored"]
    report: dict[str, Any]
    points: float | None = Field(default=None, description="the points a scoring rule must give (scored)")
    count: int | None = Field(default=None, description="how many findings, when it fires")
    waivers: list[dict[str, Any]] = Field(default_factory=new_list, description="waivers applied (waiver rules)")
    today: dt.date | None = Field(default=None, description="the day waivers are judged on")
    previous: list[dict[str, Any]] = Field(default_factory=new_list,
                                           description="earlier reports of the same unit (rules comparing periods)")
    parts: list[dict[str, Any]] = Field(default_factory=new_list,
                                        description="reports of the communes of the unit, same period (roll-ups)")


class Lifecycle(BaseModel):
    """Where a rule stands, as in ruff's registry: stable, preview (opt-in), deprecated, removed."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    status: LifecycleStatus = "stable"
    since: str = Field(description="the checker version that added the rule (or made it stable)")
    until: str | None = Field(default=None, description="version that removed it, or will (deprecated/removed)")
    replaced_by: str | None = Field(default=None, description="id of the rule that replaces it")
    note: str | None = None

    @model_validator(mode="after")
    def _until_for_ended(self) -> "Lifecycle":
        if self.status in ("deprecated", "removed") and self.until is None:
            raise ValueError("luật sắp bỏ / đã bỏ cần 'until' / a deprecated or removed rule needs 'until'")
        return self


def _stable_since_first() -> Lifecycle:
    return Lifecycle(status="stable", since="0.1.0")


class RuleDef(BaseModel):
    """One rule: metadata beside the name of its check kind and the kind's parameters."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str
    name: str
    title: Text
    category: RuleCategory
    severity: Severity
    kind: str
    params: dict[str, Any] = Field(default_factory=new_dict)
    rationale: Text
    references: list[str] = Field(default_factory=new_list)
    reads: list[str] = Field(default_factory=new_list)
    message: Text
    examples: list[Example] = Field(min_length=2)
    lifecycle: Lifecycle = Field(default_factory=_stable_since_first)
    file: str | None = None

    @property
    def active(self) -> bool:
        """Whether the rule runs by default (stable or deprecated; preview needs opting in; removed never)."""
        return self.lifecycle.status in ("stable", "deprecated")

    @model_validator(mode="after")
    def _check_identity(self) -> "RuleDef":
        if not RULE_ID.match(self.id):
            raise ValueError(f"mã luật phải có dạng TG001/CS001/CP001/AM001 / bad rule id {self.id!r}")
        if not self.id.startswith(CATEGORY_PREFIX[self.category]):
            raise ValueError(f"mã {self.id} không khớp nhóm {self.category} / id prefix does not match category")
        expectations = {example.expect for example in self.examples}
        if self.category == "target":
            if not {"met", "not_met"} <= expectations:
                raise ValueError("luật chỉ tiêu cần ví dụ 'met' và 'not_met' / "
                                 "target rules need met and not_met examples")
        elif self.category == "scoring":
            if "silent" not in expectations or not {"scored", "not_scored"} & expectations:
                raise ValueError("luật tính điểm cần ví dụ 'silent' và 'scored' hoặc 'not_scored' / "
                                 "scoring rules need a silent example and a scored or not_scored one")
        elif not {"fires", "silent"} <= expectations:
            raise ValueError("cần ít nhất một ví dụ 'fires' và một 'silent' / need a firing and a silent example")
        return self


def load_rule_file(path: Path, cached: bool = False) -> RuleDef:
    """Load one rule file, raising InputError with file and field on any problem.

    ``cached`` parses through the parse cache (bundled rule files).
    """
    return load_model_file(path, RuleDef, "một đối tượng luật", extra={"file": path.name}, cached=cached)


def load_rules(root: Path) -> tuple[RuleDef, ...]:
    """Every rule file under ``root`` (``*.yaml``, recursively), sorted by id; ids must be unique.

    Whether each rule's kind exists and accepts its params is checked where kinds live, when
    the rules are prepared for checking (:mod:`checker.decide.plan`).
    """
    try:
        rules = [load_rule_file(path, cached=True) for path in sorted(root.rglob("*.yaml"))]
    finally:
        parsecache.flush()
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise InputError(rule.file or "", "/id", f"mã luật trùng với {seen[rule.id]} / duplicate id")
        seen[rule.id] = rule.file or ""
    return tuple(sorted(rules, key=lambda r: r.id))
