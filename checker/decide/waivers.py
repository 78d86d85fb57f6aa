"""Waivers: accepted exceptions with a reason, who accepted them, and an expiry date.

A waived finding is kept and shown as waived (it no longer counts for the grade or the
gate).  An expired waiver waives nothing and produces a finding of its own (WV001); a
waiver that matches no finding in the whole batch is reported as unused (WV002).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from checker.decide.findings import Finding, Message, WaiverRef
from checker.model.report import Report
from checker.core.yamlio import load_model_file

EXPIRED_RULE = {"id": "WV001", "name": "waiver-expired", "severity": "warning",
                "title": ("Miễn trừ đã hết hạn", "Waiver expired")}
UNUSED_RULE = {"id": "WV002", "name": "waiver-unused", "severity": "info",
               "title": ("Miễn trừ không khớp phát hiện nào", "Waiver matches no finding")}


class Waiver(BaseModel):
    """One accepted exception."""

    model_config = ConfigDict(extra="forbid")

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

    model_config = ConfigDict(extra="forbid")

    waivers: list[Waiver]


def load_waivers(path: Path) -> list[Waiver]:
    """Load a waiver file, raising InputError naming file, entry and field."""
    return load_model_file(path, WaiverFile, "'waivers: [...]'").waivers


@dataclass
class WaiverLedger:
    """Applies waivers report by report and remembers which were used."""

    waivers: list[Waiver]
    today: dt.date
    used: set[int] = field(default_factory=set)

    def apply(self, report: Report, findings: list[Finding]) -> list[Finding]:
        """Mark waived findings; add a WV001 finding per expired waiver that would have applied."""
        extra: list[Finding] = []
        for index, waiver in enumerate(self.waivers):
            matched = [f for f in findings if f.waiver is None and waiver.matches(report, f)]
            if not matched:
                continue
            self.used.add(index)
            ref = WaiverRef(reason=waiver.reason, accepted_by=waiver.accepted_by,
                            expires=waiver.expires.isoformat(), index=index)
            if waiver.expires < self.today:
                extra.append(_expired_finding(waiver, ref, len(matched)))
                continue
            for finding in matched:
                finding.waiver = ref
        return findings + extra

    def unused(self) -> list[tuple[int, Waiver]]:
        """Waivers that matched no finding in any report checked so far."""
        return [(i, w) for i, w in enumerate(self.waivers) if i not in self.used]


def _expired_finding(waiver: Waiver, ref: WaiverRef, count: int) -> Finding:
    expires = waiver.expires.strftime("%d/%m/%Y")
    return Finding(
        rule_id=EXPIRED_RULE["id"], rule_name=EXPIRED_RULE["name"], category="waiver",
        severity="warning", indicator=waiver.indicator, observed=waiver.expires.isoformat(),
        expected="chưa hết hạn / not expired", pointer=f"/waivers/{ref.index}",
        message=Message(
            vi=f"Miễn trừ {waiver.rule} ({waiver.reason}; {waiver.accepted_by}) đã hết hạn ngày {expires}: "
               f"{count} phát hiện không còn được miễn.",
            en=f"Waiver of {waiver.rule} ({waiver.reason}; {waiver.accepted_by}) expired on {expires}: "
               f"{count} finding(s) are no longer waived.",
        ),
    )


def unused_message(index: int, waiver: Waiver) -> Message:
    """The message for a waiver that matched nothing."""
    return Message(
        vi=f"Miễn trừ #{index} ({waiver.rule}, {waiver.commune}) không khớp phát hiện nào — có thể xóa.",
        en=f"Waiver #{index} ({waiver.rule}, {waiver.commune}) matched no finding — it can be removed.",
    )
