"""A rule set prepared for checking: each rule with its check kind and validated params.

Preparing checks what the catalogue cannot check by itself: that every rule names a known
check kind and that the kind accepts the rule's params (an InputError naming the rule file
and field otherwise).  A catalogue's plan is built once and kept by the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import field
from typing import Any

from pydantic import BaseModel

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import Catalogue
from checker.core.errors import InputError
from checker.core.records import dataclass
from checker.decide.checks import KINDS, CheckKind, Context, Probe
from checker.decide.engine import DurableEngine, RuleConditions, durable_engine_for
from checker.decide.findings import Finding


def conditions_of(rules: Sequence[RuleDef]) -> RuleConditions:
    """The engine conditions of ``rules``: rule id -> variant -> condition."""
    return {rule.id: dict(KINDS[rule.kind].conditions) for rule in rules}


def kind_of(rule: RuleDef) -> CheckKind:
    """The check kind a rule names; InputError naming the rule file when there is none."""
    try:
        return KINDS[rule.kind]
    except KeyError:
        raise InputError(rule.file or rule.id, "/kind",
                         f"loại kiểm tra không có / unknown kind {rule.kind!r}") from None


@dataclass
class RulePlan:
    """A rule set prepared once: each rule with its kind and checked params, and the conditions."""

    rules: tuple[RuleDef, ...]
    steps: tuple[tuple[RuleDef, CheckKind, BaseModel], ...]
    by_id: dict[str, RuleDef]
    conditions: RuleConditions
    _engine: DurableEngine | None = field(default=None, repr=False)
    shared_findings: dict[tuple[str, Hashable], Finding] = field(default_factory=dict, repr=False)
    """Findings that read no figure of a report, by rule id and probe ``shared`` key (``evaluate.assemble``)."""
    runs: tuple[Callable[[Context], Iterable[Probe]], ...] = field(init=False, repr=False, compare=False)
    """Each step compiled once (``CheckKind.compile``): a function of a report's context giving the rule's
    probes, with what does not depend on the report prepared; derived from ``steps`` (a copy with other
    steps compiles its own)."""

    def __post_init__(self) -> None:
        self.runs = tuple(kind.compile(rule, params) for rule, kind, params in self.steps)

    @classmethod
    def build(cls, rules: Sequence[RuleDef]) -> RulePlan:
        """Prepare ``rules``: look up each kind and validate each rule's params."""
        steps = []
        for rule in rules:
            kind = kind_of(rule)
            steps.append((rule, kind, kind.validate_params(rule)))
        return cls(rules=tuple(rules), steps=tuple(steps), by_id={rule.id: rule for rule in rules},
                   conditions=conditions_of(rules))

    def durable_engine(self) -> DurableEngine:
        """The process's durable_rules engine for these conditions, looked up once per plan."""
        if self._engine is None:
            self._engine = durable_engine_for(self.conditions)
        return self._engine


def plan_for(catalogue: Catalogue, rules: Sequence[RuleDef] | None = None, preview: bool = False) -> RulePlan:
    """The plan of ``rules`` (default: the catalogue's active rules), kept by the catalogue."""
    chosen = tuple(rules) if rules is not None else catalogue.active_rules(preview)
    key: tuple[Any, ...] = ("plan", tuple(rule.id for rule in chosen), tuple(rule.file for rule in chosen))
    if rules is not None and not _held_by(catalogue, chosen):
        # rules the catalogue does not hold (tests, a rule file being written): keyed by content
        key += (tuple(rule.model_dump_json() for rule in chosen),)
    return catalogue.remember(key, lambda: RulePlan.build(chosen))


def _held_by(catalogue: Catalogue, rules: Sequence[RuleDef]) -> bool:
    """Whether every rule of ``rules`` is the very object the catalogue holds under its id."""
    held = {rule.id: rule for rule in catalogue.rules}
    return all(held.get(rule.id) is rule for rule in rules)
