"""The overall grade of a report, in the five levels reviewers use.

The rule (documented in docs/grading.md and README):

1. Count unwaived findings by severity (passes — targets met or not reported — are not
   counted), and the share of target findings that are met
   among those with data (``met / (met + not_met)``; no target with data counts as 0 %).
2. Grade, taking the first line that holds:

   ==========  =======================================================================
   Xuất sắc    no error, no warning, and at least 90 % of targets met
   Tốt         no error, at most 3 warnings, and at least 75 % of targets met
   Khá         at most 2 errors and at least 50 % of targets met
   Trung bình  at most 5 errors
   Yếu         otherwise
   ==========  =======================================================================
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict

from checker.core.records import dataclass
from checker.decide.findings import NOT_COUNTED, Finding, adapter

GRADES = ("Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu")
GRADES_EN = {"Xuất sắc": "Excellent", "Tốt": "Good", "Khá": "Fair", "Trung bình": "Average", "Yếu": "Poor"}


@dataclass(frozen=True, slots=True)
class Grade:
    """The grade and the counts it was computed from."""

    __pydantic_config__ = ConfigDict(extra="forbid")

    level: str
    level_en: str
    errors: int
    warnings: int
    infos: int
    targets_met: int
    targets_not_met: int
    targets_no_data: int
    targets_met_share: float
    rule: str

    def as_dict(self) -> dict[str, Any]:
        """The fields in order, as the JSON output writes them (what ``model_dump()`` gave when this was a
        pydantic model: every value is already a plain int, float or str).
        """
        return {"level": self.level, "level_en": self.level_en, "errors": self.errors, "warnings": self.warnings,
                "infos": self.infos, "targets_met": self.targets_met, "targets_not_met": self.targets_not_met,
                "targets_no_data": self.targets_no_data, "targets_met_share": self.targets_met_share,
                "rule": self.rule}

    @staticmethod
    def json_schema() -> dict[str, Any]:
        """The published JSON Schema of a grade (``checker schema --output``), as the pydantic model gave it."""
        schema: dict[str, Any] = adapter(Grade).json_schema(mode="serialization")
        return schema


def grade(findings: list[Finding]) -> Grade:
    """Grade a report from its findings (waived findings do not count)."""
    errors = warnings = infos = met = not_met = no_data = 0
    for f in findings:
        if f.waiver is not None:
            continue
        if f.status not in NOT_COUNTED:  # Finding.counts of an unwaived finding
            severity = f.severity
            if severity == "error":
                errors += 1
            elif severity == "warning":
                warnings += 1
            elif severity == "info":
                infos += 1
        if f.category == "target":
            status = f.status
            if status == "met":
                met += 1
            elif status == "not_met":
                not_met += 1
            elif status == "no_data":
                no_data += 1
    share = 100.0 * met / (met + not_met) if met + not_met else 0.0
    if errors == 0 and warnings == 0 and share >= 90:
        level = "Xuất sắc"
    elif errors == 0 and warnings <= 3 and share >= 75:
        level = "Tốt"
    elif errors <= 2 and share >= 50:
        level = "Khá"
    elif errors <= 5:
        level = "Trung bình"
    else:
        level = "Yếu"
    return Grade(level, GRADES_EN[level], errors, warnings, infos, met, not_met, no_data, round(share, 1),
                 "docs/grading.md")
