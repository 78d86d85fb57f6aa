"""Checking a batch of reports: deterministic order, one bad file never stops the rest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import InputError
from checker.evaluate import Evaluation, evaluate
from checker.findings import SEVERITY_ORDER
from checker.grading import grade
from checker.loading import load_report
from checker.targets import SourcedTarget
from checker.waivers import Waiver, WaiverLedger


@dataclass
class Checked:
    """One report that was checked: its file, evaluation and raw text (for locations)."""

    path: Path
    evaluation: Evaluation
    text: str


@dataclass
class BatchResult:
    """Every report checked, every input that failed, and the waivers left unused."""

    checked: list[Checked] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    unused_waivers: list[tuple[int, Waiver]] = field(default_factory=list)

    def failing(self, fail_on: str) -> bool:
        """Whether any counted finding is at or above ``fail_on`` severity."""
        if fail_on == "never":
            return False
        limit = SEVERITY_ORDER[fail_on]
        return any(
            SEVERITY_ORDER[f.severity] <= limit
            for item in self.checked for f in item.evaluation.findings if f.counts
        )


def check_paths(paths: list[Path], extra_targets: tuple[SourcedTarget, ...] = (),
                waivers: list[Waiver] | None = None, today: dt.date | None = None,
                progress=None) -> BatchResult:
    """Check ``paths`` in order; bad inputs are collected, not raised."""
    result = BatchResult()
    ledger = WaiverLedger(waivers or [], today or dt.date.today())
    for path in paths:
        try:
            report = load_report(path)
            text = path.read_text(encoding="utf-8-sig")
        except InputError as exc:
            result.errors.append(exc)
        else:
            evaluation = evaluate(report, extra_targets=extra_targets)
            if waivers:
                evaluation.findings = ledger.apply(report, evaluation.findings)
                evaluation.grade = grade(evaluation.findings)
            result.checked.append(Checked(path, evaluation, text))
        if progress is not None:
            progress.update(1)
    result.unused_waivers = ledger.unused()
    return result
