"""Checking a batch of reports: deterministic order, one bad file never stops the rest."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import field, replace
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.catalogue.store import Catalogue, current
from checker.core import interrupts
from checker.core.errors import InputError
from checker.core.records import dataclass
from checker.decide.checks.base import Earlier, Part
from checker.decide.engine import EngineError
from checker.decide.evaluate import Backend, Evaluation, count_outcomes, evaluate
from checker.decide.findings import SEVERITY_ORDER
from checker.decide.waivers import Waiver
from checker.model.report import Report
from checker.read.inputs import ReadInput, read_input

if TYPE_CHECKING:  # pairing's modules are imported where a batch is paired, not for one report
    from checker.catalogue.units import UnitTree
    from checker.run.spool import Spool
    from checker.run.stamp_columns import StampColumns


class ReportFailure(InputError):
    """A report that could not be read or checked because of a bug (not the input's fault).

    It fails that report alone, like an input error: the rest of the batch is checked and
    every output is complete.  The run then ends with exit 3 (internal error), not 2.
    """

    internal = True

    @classmethod
    def of(cls, path: Path, reading: bool, exc: Exception) -> ReportFailure:
        """The failure of ``path`` while reading (or else checking) it, from the exception raised.

        With ``CHECKER_DEBUG`` set the exception is raised again instead, for its traceback.
        """
        if os.environ.get("CHECKER_DEBUG"):
            raise exc
        detail = f"{type(exc).__name__}: {exc}"
        if len(detail) > 300:
            detail = detail[:297] + "..."
        vi, en = ("đọc", "reading") if reading else ("kiểm tra", "checking")
        return cls(str(path), "", f"lỗi nội bộ khi {vi} báo cáo này ({detail}); các báo cáo khác vẫn được kiểm tra; "
                                  f"xin báo lỗi (CHECKER_DEBUG=1 để xem chi tiết) / internal error while {en} this "
                                  "report; the others are still checked")


@dataclass
class Checked:
    """One report that was checked: what was read and its final evaluation (findings after waivers, grade)."""

    path: Path
    evaluation: Evaluation
    read: ReadInput
    baseline: frozenset[str] | None = None
    """Fingerprints of an earlier run's findings (``--baseline``); None when not comparing."""

    @property
    def text(self) -> str:
        """The report's JSON text, which locations refer to."""
        return self.read.text

    @property
    def extracted(self) -> bool:
        """Whether the values were extracted automatically from a document."""
        return self.read.extracted

    def in_baseline(self) -> list[bool]:
        """For each finding, whether the baseline already had it (all False without a baseline)."""
        if self.baseline is None:
            return [False] * len(self.evaluation.findings)
        from checker.run.baseline import evaluation_fingerprints

        return [fp in self.baseline for fp in evaluation_fingerprints(self.evaluation)]


@dataclass(frozen=True)
class CheckSettings:
    """How every report of a batch is checked: the same in every worker process."""

    catalogue: Catalogue | None = None
    """Rules, targets (with any ``--targets`` files) and units; None: the bundled data."""
    backend: Backend = "durable"
    waivers: tuple[Waiver, ...] = ()
    today: dt.date | None = None
    preview: bool = False
    baseline: frozenset[str] | None = None
    """Fingerprints of an earlier JSON output: findings found there do not fail the run."""
    previous: tuple[Path, ...] = ()
    """Earlier reports given with ``--previous``: compared with every report of the same unit."""
    pairs: Iterable[tuple[str, tuple[str, ...]]] = ()
    """Report -> earlier reports of its unit in the same batch (filled by ``run_batch``, a
    :class:`checker.run.stamp_columns.Pairing`: iterated again where the lookup is built)."""
    parts: Iterable[tuple[str, tuple[str, ...]]] = ()
    """Roll-up report -> reports of its communes in the same batch, same period (filled by ``run_batch``,
    as ``pairs``)."""
    pair_batch: bool = True
    """Whether ``run_batch`` pairs reports of one unit across periods (docs/numbers.md §3) and
    roll-ups with their communes (§4)."""
    force: bool = False
    """Check documents even when their reading is not reliable (``check --force``)."""

    @cached_property
    def earlier_of(self) -> dict[str, tuple[str, ...]]:
        """``pairs`` as a lookup (built once per settings, not once per report)."""
        return dict(self.pairs)

    @cached_property
    def parts_of(self) -> dict[str, tuple[str, ...]]:
        """``parts`` as a lookup (built once per settings, not once per report)."""
        return dict(self.parts)


def check_report(path: Path, settings: CheckSettings = CheckSettings()) -> Checked | InputError:
    """Read and check one report of any input kind: the one path every command takes.

    The result is final: findings after waivers, and the grade computed from them.  An
    unusable input, or an engine failure on this report, becomes an InputError for this
    report alone.
    """
    try:
        read = read_input(path, force=settings.force)
        catalogue = settings.catalogue or current()
        history = history_of(path, read.report, settings, catalogue)
        parts = parts_in_batch(path, read.report, settings)
    except InputError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one report's failure must not stop the batch
        return ReportFailure.of(path, True, exc)
    try:
        evaluation = evaluate(read.report, backend=settings.backend, catalogue=catalogue,
                              waivers=settings.waivers, today=settings.today, preview=settings.preview,
                              history=history, parts=parts)
    except EngineError as exc:
        return InputError(str(path), "", f"bộ máy luật lỗi trên báo cáo này / the rules engine failed: {exc}")
    except Exception as exc:  # noqa: BLE001 - one report's failure must not stop the batch
        return ReportFailure.of(path, False, exc)
    return Checked(path, evaluation, read, settings.baseline)


def history_of(path: Path, report: Report, settings: CheckSettings, catalogue: Catalogue) -> tuple[Earlier, ...]:
    """Earlier reports of ``report``'s unit: from ``--previous`` and from the batch (InputError if unreadable)."""
    paired = settings.earlier_of.get(str(path), ())
    sources = list(dict.fromkeys([*map(str, settings.previous), *paired]))
    if not sources:
        return ()
    from checker.run.history import earlier_reports  # a report without earlier ones never needs these

    given = set(map(str, settings.previous))
    candidates = [(found, source) for source in sources if source != str(path) and Path(source) != path
                  for found in _paired(Path(source), source not in given)]
    return earlier_reports(report, candidates, catalogue.units)


def _paired(path: Path, from_batch: bool) -> tuple[Report, ...]:
    """The report of a file paired with another, read once per process (InputError if it is unreadable).

    The batch was paired by :func:`checker.run.history.quick_stamp`, which may give a stamp to a
    file that :func:`checker.run.history.stamp` would not (one that is not UTF-8 or not JSON).  Such a
    file was never paired before: when it cannot be read and has no stamp, it is left out (empty), so
    the pairing is the one of whole-file stamps.  A file given with ``--previous`` is never left out.
    """
    from checker.run.readcache import CACHE

    try:
        return (CACHE.report(path),)
    except Exception:
        if from_batch:
            from checker.run.history import stamp

            if stamp(path) is None:
                return ()
        raise


def parts_in_batch(path: Path, report: Report, settings: CheckSettings) -> tuple[Part, ...]:
    """Reports of the communes of a roll-up report, from the batch (InputError if one is unreadable)."""
    from checker.run.rollup import parts_of

    paired = settings.parts_of.get(str(path), ())
    if not paired:
        return ()
    return parts_of(report, [(found, source) for source in paired if Path(source) != path
                             for found in _paired(Path(source), True)])


@dataclass
class Tally:
    """Running totals over a batch, kept even when reports themselves are not.

    Its size does not grow with the batch (counts only), so a batch of any size is checked in
    flat memory in the main process.
    """

    by_severity: Counter = field(default_factory=Counter)
    waived: int = 0
    reports: int = 0
    """Reports checked (inputs that could not be read are errors, not counted here)."""
    grades: Counter = field(default_factory=Counter)
    """Grade level -> how many reports have it."""
    failing_severities: set[str] = field(default_factory=set)
    rules: dict[str, Counter] = field(default_factory=dict)
    """Rule id -> how many reports it fails, holds, or could not check (``RuleOutcome`` counts)."""

    def add(self, item: Checked) -> None:
        """Count one checked report's findings, grade and rule outcomes."""
        count_outcomes(self.rules, item.evaluation.outcomes)
        for finding, known in zip(item.evaluation.findings, item.in_baseline(), strict=True):
            if finding.counts:
                self.by_severity[finding.severity] += 1
                if not known:
                    self.failing_severities.add(finding.severity)
            elif finding.waiver is not None:
                self.waived += 1
        self.reports += 1
        self.grades[item.evaluation.grade.level] += 1

    def merge(self, other: Tally) -> None:
        """Add another tally's counts (a report checked elsewhere, e.g. in a worker)."""
        self.by_severity.update(other.by_severity)
        self.waived += other.waived
        self.reports += other.reports
        self.grades.update(other.grades)
        self.failing_severities |= other.failing_severities
        for rule_id, counts in other.rules.items():  # ~190 rules a chunk: no Counter built, no update() call
            mine = self.rules.get(rule_id)
            if mine is None:
                self.rules[rule_id] = Counter(counts)
            else:
                for outcome, count in counts.items():
                    mine[outcome] += count


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


@dataclass
class Outcome:
    """What a run of checked reports (a worker's chunk) leaves behind: their totals and their texts, or themselves.

    One object for many reports, so a worker sends back one set of counts and one list of
    texts a chunk, and the main process merges and writes once a chunk, not once a report.
    """

    tally: Tally = field(default_factory=Tally)
    used_waivers: set[int] = field(default_factory=set)
    fragments: list[bytes] = field(default_factory=list)
    """Each report's rendered text in UTF-8, in order (empty texts left out): encoded where it was
    rendered, so the main process receives and writes bytes without decoding and encoding them."""
    checked: list[Checked] = field(default_factory=list)
    """The checked reports themselves, in order, when they are not rendered."""
    spooled: str | None = None
    """The file holding the texts joined by the output's separator, when the worker handed them over
    through the run's spool (:mod:`checker.run.spool`): ``fragments`` is then empty."""

    @property
    def has_texts(self) -> bool:
        """Whether any report of the chunk has a text to write."""
        return bool(self.fragments) or self.spooled is not None

    def joined(self, separator: bytes) -> Iterator[bytes]:
        """The texts joined by ``separator`` (the spool's, when spooled), a block at a time: a spooled
        file is copied from and removed; texts that came through the pipe are joined in one block.
        """
        if self.spooled is not None:
            from checker.run.spool import spooled_blocks

            yield from spooled_blocks(self.spooled)
        elif self.fragments:
            yield separator.join(self.fragments)


Render = Callable[[Checked], str]
"""Turns a checked report into its text in some output format, where it was checked."""

CHUNK = 25
"""Reports checked, counted and written together: a worker's task, a main-process merge and write."""

STAMP_CHUNK = 200
"""Files whose stamps a worker reads in one task: reading a stamp costs far less than checking a report,
so larger tasks spare the main process the round trip of each (its threads, the pickling, the wake-ups)."""


def process(paths: list[Path], settings: CheckSettings, render: Render | None = None,
            spool: Spool | None = None) -> list[Outcome | InputError]:
    """Check ``paths`` in order and count them together; with ``render``, keep only their rendered texts
    (with ``spool``, in a file of the spool: :mod:`checker.run.spool`).

    Returns one Outcome for the reports checked (when there is one), then each input that
    failed, in order; one report's failure (reading, checking or rendering) fails it alone.
    """
    outcome = Outcome()
    errors: list[Outcome | InputError] = []
    for path in paths:
        checked = check_report(path, settings)
        if isinstance(checked, InputError):
            errors.append(checked)
            continue
        if render is None:
            outcome.checked.append(checked)
        else:
            try:
                encoded = render(checked).encode("utf-8")
            except Exception as exc:  # noqa: BLE001 - one report's failure must not stop the batch
                errors.append(ReportFailure.of(path, False, exc))
                continue
            if encoded:
                outcome.fragments.append(encoded)
        outcome.tally.add(checked)
        outcome.used_waivers |= checked.evaluation.used_waivers
    if spool is not None and outcome.fragments:
        outcome.spooled = spool.hand_over(outcome.fragments)
        if outcome.spooled is not None:
            outcome.fragments = []
    return [outcome, *errors] if outcome.tally.reports else errors


def iter_outcomes(paths: Sequence[Path], settings: CheckSettings, progress: Any = None, jobs: int = 1,
                  render: Render | None = None,
                  spool: Spool | None = None) -> Generator[Outcome | InputError, None, None]:
    """Outcomes of ``paths`` in order, a chunk at a time (in ``jobs`` processes when > 1), their texts
    handed over through ``spool`` when there is one (``run_batch`` makes one for workers only).
    """
    work = partial(process, settings=settings, render=render, spool=spool)
    if jobs > 1:
        from checker.run.workers import iter_in_processes

        yield from iter_in_processes(paths, jobs, work, CHUNK, progress)
        return
    for start in range(0, len(paths), CHUNK):
        chunk = list(paths[start:start + CHUNK])
        yield from work(chunk)
        if progress is not None:
            progress.update(len(chunk))


def read_stamp_columns(paths: Sequence[Path], jobs: int, units: UnitTree) -> StampColumns:
    """What pairing reads of each of ``paths`` (:mod:`checker.run.stamp_columns`), read by ``jobs`` worker
    processes when there are several: the main process then only receives one small entry a file.

    Quick stamps read most files without parsing them whole; a paired file that has no whole-file
    stamp is left out where it is read (:func:`_paired`), so the pairs are those of whole-file stamps.
    """
    from checker.run.stamp_columns import StampColumns, read_entries

    columns = StampColumns(units)
    work = partial(read_entries, units=units)
    if jobs <= 1:
        for start in range(0, len(paths), STAMP_CHUNK):
            for entry in work(list(paths[start:start + STAMP_CHUNK])):
                columns.add(entry)
        return columns
    from checker.run.workers import iter_in_processes

    with contextlib.closing(iter_in_processes(paths, jobs, work, STAMP_CHUNK)) as entries:
        for entry in entries:  # one a file, in order; a file whose reading crashed a worker is an InputError
            columns.add(entry if isinstance(entry, tuple) else None)
    return columns


def run_batch(paths: Sequence[Path], settings: CheckSettings, progress: Any = None, jobs: int = 1,
              on_outcome: Callable[[Outcome], None] | None = None, render: Render | None = None,
              separator: bytes | None = None) -> BatchResult:
    """Check ``paths`` in order; bad inputs are collected, not raised.

    ``on_outcome`` sees each chunk of reports as soon as it is checked.  With ``render`` each report is
    rendered where it was checked (in its worker) and only its text is kept, so a rendered
    batch runs in flat memory; without it every checked report is kept.  With ``separator`` too
    (what the texts are written joined by), workers hand a chunk's texts over through a file of a
    spool kept for the run (:mod:`checker.run.spool`): ``on_outcome`` then reads them with
    :meth:`Outcome.joined` and the file is gone once the run ends.
    """
    result = BatchResult()
    used: set[int] = set()
    if settings.pair_batch and len(paths) > 1 and not settings.pairs:
        from checker.run.stamp_columns import Pairing

        columns = read_stamp_columns(paths, jobs, (settings.catalogue or current()).units)  # once for both pairings
        settings = replace(settings, pairs=Pairing(paths, columns.found_pairs()),
                           parts=Pairing(paths, columns.found_parts()))
        del columns
    with contextlib.ExitStack() as stack:
        spool = None
        if jobs > 1 and render is not None and separator is not None:
            from checker.run.spool import spool_folder

            spool = stack.enter_context(spool_folder(separator))
        # closed first on the way out: an interrupted run stops the workers at once, then the spool goes
        outcomes = stack.enter_context(contextlib.closing(iter_outcomes(paths, settings, progress, jobs, render,
                                                                        spool)))
        for outcome in outcomes:
            interrupts.check()
            if isinstance(outcome, InputError):
                result.errors.append(outcome)
                continue
            result.tally.merge(outcome.tally)
            used |= outcome.used_waivers
            if on_outcome is not None:
                on_outcome(outcome)
            result.checked.extend(outcome.checked)
            del outcome  # its texts are written: not kept while the next chunk is awaited
    result.unused_waivers = [(i, w) for i, w in enumerate(settings.waivers) if i not in used]
    return result


def check_paths(paths: Sequence[Path], settings: CheckSettings = CheckSettings(), progress: Any = None,
                jobs: int = 1) -> BatchResult:
    """Check ``paths`` in order and keep every checked report (for summaries and tests)."""
    return run_batch(paths, settings, progress, jobs)
