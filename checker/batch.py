"""Checking a batch of reports: deterministic order, one bad file never stops the rest."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from checker.engine import EngineError
from checker.errors import InputError
from checker.evaluate import Evaluation, evaluate
from checker.findings import SEVERITY_ORDER
from checker.grading import grade
from checker.loading import load_report
from checker.model import Report
from checker.targets import SourcedTarget
from checker.waivers import Waiver, WaiverLedger


@dataclass
class Checked:
    """One report that was checked: its file, evaluation and raw text (for locations)."""

    path: Path
    evaluation: Evaluation
    text: str
    extracted: bool = False


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


def check_one(path: Path, extra_targets: tuple[SourcedTarget, ...] = ()) -> Checked | InputError:
    """Load and evaluate one report; an unusable input or an engine failure becomes an InputError."""
    extracted = path.suffix.lower() in DOCUMENT_SUFFIXES
    try:
        if extracted:
            report, text = _extract(path)
        elif path.suffix.lower() == ".xlsx":
            from checker.xlsx_form import load_xlsx

            report = load_xlsx(path)
            text = report.model_dump_json(indent=2, exclude_none=True)
        else:
            report = load_report(path)
            text = path.read_text(encoding="utf-8-sig")
    except InputError as exc:
        return exc
    try:
        evaluation = evaluate(report, extra_targets=extra_targets)
    except EngineError as exc:
        return InputError(str(path), "", f"bộ máy luật lỗi trên báo cáo này / the rules engine failed: {exc}")
    return Checked(path, evaluation, text, extracted)


DOCUMENT_SUFFIXES = (".txt", ".docx", ".pdf")


def _extract(path: Path) -> tuple[Report, str]:
    """Draft a report from a Word, PDF or text document (values carry their source line)."""
    from checker.intake import load_document

    draft, _candidates = load_document(path)
    return Report.model_validate(draft), json.dumps(draft, ensure_ascii=False, indent=2)


def check_paths(paths: list[Path], extra_targets: tuple[SourcedTarget, ...] = (),
                waivers: list[Waiver] | None = None, today: dt.date | None = None,
                progress=None, jobs: int = 1) -> BatchResult:
    """Check ``paths`` in order (in ``jobs`` processes when > 1); bad inputs are collected, not raised."""
    if jobs > 1:
        from checker.parallel import check_in_processes

        outcomes = check_in_processes(paths, jobs, extra_targets, progress)
    else:
        outcomes = []
        for path in paths:
            outcomes.append(check_one(path, extra_targets))
            if progress is not None:
                progress.update(1)
    return collect(outcomes, waivers, today)


def collect(outcomes: list[Checked | InputError], waivers: list[Waiver] | None,
            today: dt.date | None) -> BatchResult:
    """Gather outcomes in order and apply waivers (in this process, so usage is counted once)."""
    result = BatchResult()
    ledger = WaiverLedger(waivers or [], today or dt.date.today())
    for outcome in outcomes:
        if isinstance(outcome, InputError):
            result.errors.append(outcome)
            continue
        if waivers:
            evaluation = outcome.evaluation
            evaluation.findings = ledger.apply(evaluation.report, evaluation.findings)
            evaluation.grade = grade(evaluation.findings)
        result.checked.append(outcome)
    result.unused_waivers = ledger.unused()
    return result
