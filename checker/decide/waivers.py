"""Waivers: accepted exceptions with a reason, who accepted them, and an expiry date.

A waived finding is kept and shown as waived (it no longer counts for the grade or the
gate).  An expired waiver waives nothing and produces a finding of its own (WV001); a
waiver that matches no finding in the whole batch is reported as unused (WV002).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field, replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from checker.catalogue.store import Catalogue
from checker.core.records import dataclass
from checker.core.yamlio import load_model_file
from checker.decide.findings import Finding, Message, WaiverRef
from checker.decide.messages import render
from checker.model.report import Report

EXPIRED_RULE_ID = "WV001"
UNUSED_RULE_ID = "WV002"


class Waiver(BaseModel):
    """One accepted exception."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    rule: str = Field(pattern=r"^[A-Z]{2}\d{3}$")
    commune: str = Field(description="unit code, commune name, or * for every commune")
    indicator: str | None = None
    reason: str = Field(min_length=3)
    accepted_by: str = Field(min_length=2)
    expires: dt.date

    def matches(self, report: Report, finding: Finding) -> bool:
        """Whether this waiver is about ``finding`` of ``report`` (expiry aside)."""
        if finding.rule_id != self.rule:
            return False
        if self.indicator is not None and finding.indicator != self.indicator:
            return False
        ident = report.identity
        return self.commune in ("*", ident.unit_code, ident.commune)


class WaiverFile(BaseModel):
    """The waiver file: ``waivers: [...]``."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    waivers: list[Waiver]


def load_waivers(path: Path) -> list[Waiver]:
    """Load a waiver file, raising InputError naming file, entry and field."""
    return load_model_file(path, WaiverFile, "'waivers: [...]'").waivers


@dataclass
class WaiverLedger:
    """Applies waivers report by report and remembers which were used."""

    waivers: list[Waiver]
    today: dt.date
    catalogue: Catalogue
    used: set[int] = field(default_factory=set)

    def apply(self, report: Report, findings: list[Finding]) -> list[Finding]:
        """The findings with waived ones marked (copies: findings are shared, never changed), in the same
        order, and a WV001 finding per expired waiver that would have applied.
        """
        findings = list(findings)
        extra: list[Finding] = []
        for index, waiver in enumerate(self.waivers):
            matched = [at for at, f in enumerate(findings) if f.waiver is None and waiver.matches(report, f)]
            if not matched:
                continue
            self.used.add(index)
            ref = WaiverRef(reason=waiver.reason, accepted_by=waiver.accepted_by,
                            expires=waiver.expires.isoformat(), index=index)
            if waiver.expires < self.today:
                extra.append(_expired_finding(self.catalogue, waiver, ref, len(matched)))
                continue
            for at in matched:
                findings[at] = replace(findings[at], waiver=ref)
        return findings + extra

    def unused(self) -> list[tuple[int, Waiver]]:
        """Waivers that matched no finding in any report checked so far."""
        return [(i, w) for i, w in enumerate(self.waivers) if i not in self.used]


def _expired_finding(catalogue: Catalogue, waiver: Waiver, ref: WaiverRef, count: int) -> Finding:
    rule = catalogue.rule(EXPIRED_RULE_ID)
    params = {"rule": waiver.rule, "reason": waiver.reason, "accepted_by": waiver.accepted_by,
              "expires": waiver.expires.strftime("%d/%m/%Y"), "count": count}
    return Finding(
        rule_id=rule.id, rule_name=rule.name, category=rule.category,
        severity=rule.severity, indicator=waiver.indicator, observed=waiver.expires.isoformat(),
        expected="chưa hết hạn / not expired", pointer=f"/waivers/{ref.index}",
        message=render(rule.message.vi, rule.message.en, params),
    )


def unused_message(index: int, waiver: Waiver, catalogue: Catalogue) -> Message:
    """The message of WV002 for a waiver that matched nothing."""
    rule = catalogue.rule(UNUSED_RULE_ID)
    return render(rule.message.vi, rule.message.en, {"index": str(index), "rule": waiver.rule,
                                                     "commune": waiver.commune})


def unused_finding(index: int, waiver: Waiver, catalogue: Catalogue) -> Finding:
    """WV002 as a finding (for the rule's examples and batch summaries)."""
    rule = catalogue.rule(UNUSED_RULE_ID)
    return Finding(rule_id=rule.id, rule_name=rule.name, category=rule.category, severity=rule.severity,
                   indicator=waiver.indicator, pointer=f"/waivers/{index}",
                   message=unused_message(index, waiver, catalogue))
