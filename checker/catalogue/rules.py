"""Rule definitions: one YAML file per rule under ``rules/``, validated and indexed.

A rule file holds everything about the rule: its stable id, title, rationale, severity,
references, the check kind and its parameters, the message templates, and examples that
the test suite runs (so the documentation cannot drift from the behaviour).
"""

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from checker.core import parsecache as datacache
from checker.core.defaults import new_dict, new_list
from checker.core.errors import InputError
from checker.decide.findings import Severity
from checker.catalogue.paths import data_dir
from checker.core.yamlio import load_model_file

RuleCategory = Literal["target", "consistency", "completeness", "ambition"]
RULE_ID = re.compile(r"^(TG|CS|CP|AM)\d{3}$")
CATEGORY_PREFIX = {"target": "TG", "consistency": "CS", "completeness": "CP", "ambition": "AM"}


class Text(BaseModel):
    """A text in Vietnamese with its English rendering."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    vi: str
    en: str


class Example(BaseModel):
    """An example report fragment and what the rule must say about it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    expect: Literal["fires", "silent", "met", "not_met", "no_data"]
    report: dict[str, Any]
    count: int | None = Field(default=None, description="how many findings, when it fires")


class RuleDef(BaseModel):
    """One rule: metadata beside the name of its check kind and the kind's parameters."""

    model_config = ConfigDict(extra="forbid")

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
    file: str | None = None
    _checked_params: Any = PrivateAttr(default=None)

    def checked_params(self) -> Any:
        """The params validated by the rule's check kind, once per rule object."""
        if self._checked_params is None:
            from checker.decide.checks import KINDS

            self._checked_params = KINDS[self.kind].validate_params(self)
        return self._checked_params

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
        elif not {"fires", "silent"} <= expectations:
            raise ValueError("cần ít nhất một ví dụ 'fires' và một 'silent' / need a firing and a silent example")
        return self


def load_rule_file(path: Path, cached: bool = False) -> RuleDef:
    """Load one rule file, raising InputError with file and field on any problem.

    ``cached`` parses through the parse cache (bundled rule files).
    """
    return load_model_file(path, RuleDef, "một đối tượng luật", extra={"file": path.name}, cached=cached)


@lru_cache(maxsize=1)
def all_rules() -> tuple[RuleDef, ...]:
    """Every bundled rule, sorted by id; ids must be unique and kinds known."""
    from checker.decide.checks import KINDS

    try:
        rules = [load_rule_file(path, cached=True) for path in sorted(data_dir("rules").rglob("*.yaml"))]
    finally:
        datacache.flush()
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise InputError(rule.file or "", "/id", f"mã luật trùng với {seen[rule.id]} / duplicate id")
        seen[rule.id] = rule.file or ""
        if rule.kind not in KINDS:
            raise InputError(rule.file or "", "/kind", f"loại kiểm tra không có / unknown kind {rule.kind!r}")
        rule.checked_params()
    return tuple(sorted(rules, key=lambda r: r.id))


def rule_by_id(rule_id: str) -> RuleDef:
    """Return the rule with ``rule_id`` (KeyError when unknown)."""
    for rule in all_rules():
        if rule.id == rule_id.upper():
            return rule
    raise KeyError(rule_id)
