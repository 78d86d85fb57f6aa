"""The waiver kinds: rules decided after a report's findings are known, by the waiver ledger.

A waiver rule does not read the report: WV001 fires when a waiver that would cover a
finding has expired (``checker.decide.waivers.WaiverLedger``), WV002 when a waiver covers no
finding in the whole batch.  Their kinds yield no probe at the report stage; they exist so
that waiver rules are rules like any other: a file with id, severity, rationale, message
templates and examples (run as tests through the ledger).
"""

from collections.abc import Iterator
from typing import Any, ClassVar

from checker.catalogue.rules import RuleDef
from checker.decide.checks.base import CheckKind, Context, Probe
from checker.decide.conditions import Condition


class WaiverStageKind(CheckKind):
    """A kind decided by the waiver ledger, not by probes of the report."""

    stage: ClassVar[str] = "waivers"
    conditions: ClassVar[dict[str, Condition]] = {}

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """No probe: the ledger decides these rules once the report's findings are known."""
        return iter(())


class WaiverExpiredKind(WaiverStageKind):
    """An expired waiver that would have covered a finding of the report (WV001)."""

    name = "waiver_expired"


class WaiverUnusedKind(WaiverStageKind):
    """A waiver that covered no finding of any report in the batch (WV002)."""

    name = "waiver_unused"
