"""What reading a report yields: statements placed on indicators, candidates left out, and their collector."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.read.document.text import Line
from checker.read.document.wording import collapse

if TYPE_CHECKING:
    from checker.read.document.numbers_in_text import Token
    from checker.read.document.reader import ItemReader

NO_INDICATOR = "không nhận ra chỉ tiêu / no indicator recognised"


@dataclass(frozen=True)
class Candidate:
    """A value the extractor left out of the draft, with the reason."""

    code: str | None
    value: float | None
    line: int
    quote: str
    reason: str
    field: str | None = None
    options: tuple[str, ...] = ()
    goal: bool = False

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "code": self.code, "field": self.field, "value": self.value, "line": self.line,
            "quote": self.quote, "reason": self.reason, "options": list(self.options), "goal": self.goal,
        }


@dataclass
class Statement:
    """A value placed on an indicator, with its provenance."""

    code: str
    fields: dict[str, Any]
    line: int
    lines: tuple[int, int]
    goal: bool
    start: int = 0
    item_index: int = 0
    sentence: int = 0
    scope: str = ""
    """The words giving a restated figure its own span of time ("Lũy kế", "Riêng quý III/2026"), noted with it."""


class Output:
    """Statements, flags and candidates gathered over the items."""

    def __init__(self, lines: list[Line]):
        self.by_number = {line.number: line for line in lines}
        self.statements: list[Statement] = []
        self.candidates: list[Candidate] = []
        self.pending_shares: list[tuple[ItemReader, Token, str, int]] = []
        self.flags_seen: set[tuple[str, bool, bool]] = set()
        self.abbreviations: dict[str, str] = {}
        """The abbreviations the document defines (``abbreviations.py``), expanded when matching."""
        self.abbreviation_pattern: re.Pattern[str] | None = None
        self.horizon_year: int | None = None
        self.period_end: dt.date | None = None
        self.own_period: re.Pattern[str] | None = None
        """The words naming the report's own period before "đạt" ("quý I đạt"): a result in the outlook."""
        """The report's period's last day: a clause opened by a later date is not placed (``merger_scope.py``)."""
        self.previous_item = ""
        """The last item that opened a list ("…, cụ thể:"), while bullets follow it: it heads them."""
        """The last year the report speaks for (its goals' year): a horizon after it is not placed (``scope.py``)."""

    def quote(self, line: int) -> str:
        """The quoted text of a line."""
        found = self.by_number.get(line)
        return collapse(found.text) if found else ""

    def candidate(self, candidate: Candidate) -> None:
        """Record a value left out."""
        self.candidates.append(candidate)

    def add(self, statement: Statement) -> None:
        """Record a value placed on an indicator."""
        self.statements.append(statement)

    def flag(self, code: str, value: bool, line: int, quote: str, goal: bool) -> None:
        """Record a yes/no indicator once per value."""
        key = (code, value, goal)
        if key in self.flags_seen:
            return
        self.flags_seen.add(key)
        self.statements.append(Statement(code, {"flag": value}, line, (line, line), goal))
