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

from collections import Counter

from pydantic import BaseModel, ConfigDict

from checker.decide.findings import NOT_COUNTED, Finding

GRADES = ("Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu")
GRADES_EN = {"Xuất sắc": "Excellent", "Tốt": "Good", "Khá": "Fair", "Trung bình": "Average", "Yếu": "Poor"}


class Grade(BaseModel):
    """The grade and the counts it was computed from."""

    model_config = ConfigDict(extra="forbid")

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


def grade(findings: list[Finding]) -> Grade:
    """Grade a report from its findings (waived findings do not count)."""
    severities: Counter[str] = Counter()
    statuses: Counter[str | None] = Counter()
    for f in findings:
        if f.waiver is not None:
            continue
        if f.status not in NOT_COUNTED:  # Finding.counts of an unwaived finding
            severities[f.severity] += 1
        if f.category == "target":
            statuses[f.status] += 1
    met, not_met = statuses["met"], statuses["not_met"]
    share = 100.0 * met / (met + not_met) if met + not_met else 0.0
    errors, warnings = severities["error"], severities["warning"]
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
    return Grade(
        level=level, level_en=GRADES_EN[level], errors=errors, warnings=warnings,
        infos=severities["info"], targets_met=met, targets_not_met=not_met,
        targets_no_data=statuses["no_data"], targets_met_share=round(share, 1),
        rule="docs/grading.md",
    )
