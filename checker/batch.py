"""Checking a batch of reports: deterministic order, one bad file never stops the rest."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from checker.engine import EngineError
from checker.errors import InputError
from checker.evaluate import Backend, Evaluation, evaluate
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
class Tally:
    """Running totals over a batch, kept even when reports themselves are not."""

    by_severity: Counter = field(default_factory=Counter)
    waived: int = 0
    grades: list[tuple[str, str]] = field(default_factory=list)
    failing_severities: set[str] = field(default_factory=set)

    def add(self, item: Checked) -> None:
        """Count one checked report's findings and grade."""
        for finding in item.evaluation.findings:
            if finding.counts:
                self.by_severity[finding.severity] += 1
                self.failing_severities.add(finding.severity)
            elif finding.waiver is not None:
                self.waived += 1
        self.grades.append((item.evaluation.report.identity.commune, item.evaluation.grade.level))


@dataclass
class BatchResult:
    """Every report checked, every input that failed, and the waivers left unused."""

    checked: list[Checked] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    errors: list[InputError] = field(default_factory=list)
    unused_waivers: list[tuple[int, Waiver]] = field(default_factory=list)

    def failing(self, fail_on: str) -> bool:
        """Whether any counted finding is at or above ``fail_on`` severity."""
        if fail_on == "never":
            return False
        limit = SEVERITY_ORDER[fail_on]
        return any(SEVERITY_ORDER[severity] <= limit for severity in self.tally.failing_severities)


def check_one(path: Path, extra_targets: tuple[SourcedTarget, ...] = (),
              backend: Backend = "durable") -> Checked | InputError:
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
        evaluation = evaluate(report, extra_targets=extra_targets, backend=backend)
    except EngineError as exc:
        return InputError(str(path), "", f"bộ máy luật lỗi trên báo cáo này / the rules engine failed: {exc}")
    return Checked(path, evaluation, text, extracted)


DOCUMENT_SUFFIXES = (".txt", ".docx", ".pdf")


def _extract(path: Path) -> tuple[Report, str]:
    """Draft a report from a Word, PDF or text document (values carry their source line)."""
    from checker.intake import load_document

    draft, _candidates = load_document(path)
    return Report.model_validate(draft), json.dumps(draft, ensure_ascii=False, indent=2)


def iter_outcomes(paths: list[Path], extra_targets: tuple[SourcedTarget, ...] = (), progress=None,
                  jobs: int = 1, backend: Backend = "durable") -> Iterator[Checked | InputError]:
    """Outcomes of ``paths`` in order, one at a time (in ``jobs`` processes when > 1)."""
    if jobs > 1:
        from checker.parallel import iter_in_processes

        yield from iter_in_processes(paths, jobs, extra_targets, progress, backend)
        return
    for path in paths:
        yield check_one(path, extra_targets, backend)
        if progress is not None:
            progress.update(1)


def check_paths(paths: list[Path], extra_targets: tuple[SourcedTarget, ...] = (),
                waivers: list[Waiver] | None = None, today: dt.date | None = None,
                progress=None, jobs: int = 1, on_checked: Callable[[Checked], None] | None = None,
                keep: bool = True, backend: Backend = "durable") -> BatchResult:
    """Check ``paths`` in order; bad inputs are collected, not raised.

    ``on_checked`` sees each report as soon as it is checked (and waived); with
    ``keep=False`` reports are not kept afterwards, so a streamed batch runs in flat memory.
    """
    result = BatchResult()
    ledger = WaiverLedger(waivers or [], today or dt.date.today())
    for outcome in iter_outcomes(paths, extra_targets, progress, jobs, backend):
        if isinstance(outcome, InputError):
            result.errors.append(outcome)
            continue
        if waivers:
            evaluation = outcome.evaluation
            evaluation.findings = ledger.apply(evaluation.report, evaluation.findings)
            evaluation.grade = grade(evaluation.findings)
        result.tally.add(outcome)
        if on_checked is not None:
            on_checked(outcome)
        if keep:
            result.checked.append(outcome)
    result.unused_waivers = ledger.unused()
    return result
