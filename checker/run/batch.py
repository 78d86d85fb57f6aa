"""Checking a batch of reports: deterministic order, one bad file never stops the rest."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from checker.decide.engine import EngineError
from checker.core.errors import InputError
from checker.decide.evaluate import Backend, Evaluation, evaluate
from checker.decide.findings import SEVERITY_ORDER
from checker.decide.grading import grade
from checker.read.json_report import load_report_text
from checker.model.report import Report
from checker.catalogue.targets import SourcedTarget
from checker.decide.waivers import Waiver, WaiverLedger


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

    def merge(self, other: Tally) -> None:
        """Add another tally's counts (a report checked elsewhere, e.g. in a worker)."""
        self.by_severity.update(other.by_severity)
        self.waived += other.waived
        self.grades.extend(other.grades)
        self.failing_severities |= other.failing_severities


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
            from checker.read.xlsx.layout import load_xlsx

            report = load_xlsx(path)
            text = report.model_dump_json(indent=2, exclude_none=True)
        else:
            report, text = load_report_text(path)
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
    from checker.read.document import load_document

    draft, _candidates = load_document(path)
    return Report.model_validate(draft), json.dumps(draft, ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class CheckSettings:
    """How every report of a batch is checked and shown: the same in every worker process."""

    extra_targets: tuple[SourcedTarget, ...] = ()
    backend: Backend = "durable"
    waivers: tuple[Waiver, ...] = ()
    today: dt.date | None = None
    writer: Any = None
    """An output writer (``checker.render.stream.Writer``): each report is rendered where it is
    checked and only its text is kept; None keeps the checked reports themselves."""


@dataclass
class Outcome:
    """What one checked report leaves behind: its share of the totals and its text or itself."""

    path: Path
    tally: Tally
    used_waivers: set[int]
    fragment: str = ""
    checked: Checked | None = None


def process(path: Path, settings: CheckSettings) -> Outcome | InputError:
    """Check one report, apply the waivers, count it, and render it when a writer is set."""
    checked = check_one(path, settings.extra_targets, settings.backend)
    if isinstance(checked, InputError):
        return checked
    used: set[int] = set()
    if settings.waivers:
        ledger = WaiverLedger(list(settings.waivers), settings.today or dt.date.today())
        evaluation = checked.evaluation
        evaluation.findings = ledger.apply(evaluation.report, evaluation.findings)
        evaluation.grade = grade(evaluation.findings)
        used = ledger.used
    tally = Tally()
    tally.add(checked)
    if settings.writer is None:
        return Outcome(path, tally, used, checked=checked)
    return Outcome(path, tally, used, fragment=settings.writer.fragment(checked))


def iter_outcomes(paths: list[Path], settings: CheckSettings, progress=None,
                  jobs: int = 1) -> Iterator[Outcome | InputError]:
    """Outcomes of ``paths`` in order, one at a time (in ``jobs`` processes when > 1)."""
    if jobs > 1:
        from checker.run.workers import iter_in_processes

        yield from iter_in_processes(paths, jobs, partial(process, settings=settings), progress)
        return
    for path in paths:
        yield process(path, settings)
        if progress is not None:
            progress.update(1)


def run_batch(paths: list[Path], settings: CheckSettings, progress=None, jobs: int = 1,
              on_outcome: Callable[[Outcome], None] | None = None) -> BatchResult:
    """Check ``paths`` in order; bad inputs are collected, not raised.

    ``on_outcome`` sees each report as soon as it is checked (and waived).  Checked reports
    are kept only when ``settings.writer`` is None, so a rendered batch runs in flat memory.
    """
    result = BatchResult()
    used: set[int] = set()
    for outcome in iter_outcomes(paths, settings, progress, jobs):
        if isinstance(outcome, InputError):
            result.errors.append(outcome)
            continue
        result.tally.merge(outcome.tally)
        used |= outcome.used_waivers
        if on_outcome is not None:
            on_outcome(outcome)
        if outcome.checked is not None:
            result.checked.append(outcome.checked)
    result.unused_waivers = [(i, w) for i, w in enumerate(settings.waivers) if i not in used]
    return result


def check_paths(paths: list[Path], extra_targets: tuple[SourcedTarget, ...] = (),
                waivers: list[Waiver] | None = None, today: dt.date | None = None,
                progress=None, jobs: int = 1, backend: Backend = "durable") -> BatchResult:
    """Check ``paths`` in order and keep every checked report (for summaries and tests)."""
    settings = CheckSettings(extra_targets, backend, tuple(waivers or ()), today)
    return run_batch(paths, settings, progress, jobs)
