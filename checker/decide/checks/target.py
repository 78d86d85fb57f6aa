"""The target kind: an indicator against the national or provincial target in force."""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from functools import partial
from typing import Any

from pydantic import BaseModel, ConfigDict

from checker.catalogue.rules import RuleDef, Severity
from checker.catalogue.store import Catalogue
from checker.catalogue.targets import CONFIDENCE_TEXT, DocumentRef, SourcedTarget, TargetChoice, in_force_window
from checker.core.records import dataclass
from checker.decide.checks.base import CheckKind, Context, Detail, Probe, Value
from checker.decide.conditions import FACT_DECIMALS, Condition
from checker.decide.findings import Evidence, EvidenceItem, Replaced, TargetRef
from checker.decide.intervals import Interval, exact, written_interval

# Each comparator becomes the condition under which the target is NOT met.
VARIANTS = {">=": "ge", ">": "gt", "<=": "le", "<": "lt", "=": "eq"}

QUALIFIER_TEXT = {"more_than": ("trên", "more than"), "at_least": ("từ", "at least"),
                  "less_than": ("dưới", "less than"), "at_most": ("không quá", "at most"),
                  "about": ("khoảng", "about"), "nearly": ("gần", "nearly")}
"""How a qualified figure reads in a finding's message ("trên 80 %")."""


def _meets(comparator: str, interval: Interval, threshold: float) -> tuple[bool, bool]:
    """(every value of ``interval`` meets the target, no value of it does)."""
    t = exact(threshold)
    lo, hi = interval.lo, interval.hi
    above = lo is not None and (lo > t or (lo == t and interval.lo_open))  # all values > t
    at_or_above = lo is not None and lo >= t                               # all values >= t
    below = hi is not None and (hi < t or (hi == t and interval.hi_open))  # all values < t
    at_or_below = hi is not None and hi <= t                               # all values <= t
    if comparator == ">=":
        return at_or_above, below
    if comparator == ">":
        return above, at_or_below
    if comparator == "<=":
        return at_or_below, above
    if comparator == "<":
        return below, at_or_above
    point = lo is not None and lo == hi == t
    return point, below or above


def qualified_verdict(comparator: str, value: float, decimals: int, qualifier: str,
                      threshold: float) -> tuple[str, Interval]:
    """"met", "not_met" or "undetermined" for a qualified figure ("trên 80 %") against a target.

    The figure stands for an interval (``checker.decide.intervals``): "trên 80 %" against "> 85 %"
    straddles the threshold, so the report does not say whether the target is met.
    """
    interval = written_interval(value, decimals, qualifier)
    all_meet, none_meet = _meets(comparator, interval, threshold)
    return ("met" if all_meet else "not_met" if none_meet else "undetermined"), interval


def _witness(value: float, qualifier: str) -> float:
    """A number the qualified figure stands for, for the engine ("trên 85" is not 85 itself).

    One step of the engine's fact precision (``FACT_DECIMALS``) inside the open edge.
    """
    step = 10.0 ** -FACT_DECIMALS
    if qualifier == "more_than":
        return value + step
    if qualifier == "less_than":
        return value - step
    return value


def target_ref(choice: TargetChoice, catalogue: Catalogue) -> TargetRef:
    """The finding's view of the chosen target, with its source and what it overrode (remembered)."""
    return catalogue.remember(("target-ref", choice.key), lambda: _target_ref(choice))


def _target_ref(choice: TargetChoice) -> TargetRef:
    sourced = choice.chosen
    target, document = sourced.target, sourced.document
    vi, en = CONFIDENCE_TEXT[target.confidence]
    return TargetRef(
        id=target.id,
        document=document.number,
        document_date=document.date.isoformat() if document.date else None,
        issuer=document.issuer,
        title=document.title,
        article=target.article,
        quote=target.quote,
        confidence=target.confidence,
        confidence_text=f"{vi} / {en}",
        layer=document.scope,
        year=target.year,
        kind=target.kind,
        binding=choice.binding,
        comparator=target.comparator,
        threshold=target.threshold,
        denominator=target.denominator,
        file=sourced.path.rsplit("targets/", 1)[-1],
        overrides=[f"{o.target.id} ({o.document.number}: {o.target.comparator} {o.target.threshold:g})"
                   for o in choice.overridden],
        stage=target.stage,
        document_in_force_from=_iso(document.in_force_from),
        in_force_from=_iso(in_force_window(sourced)[0]),
        in_force_until=_iso(in_force_window(sourced)[1]),
        supersedes=[Replaced(document=ref.document, article=ref.article) for ref in document.supersedes],
        retired=[retired_text(r) for r in recently_retired(choice.retired, choice.key[-1])],
    )


def recently_retired(retired: tuple[SourcedTarget, ...], on: object) -> list[SourcedTarget]:
    """The targets of ``retired`` a reader still meets: replaced by a named document, or ended within a year."""
    if not isinstance(on, dt.date):
        return list(retired)
    year_before = on.replace(year=on.year - 1) if (on.month, on.day) != (2, 29) else on - dt.timedelta(days=365)
    return [s for s in retired
            if s.target.superseded_by or s.document.superseded_by or in_force_window(s)[1] >= year_before]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def ref_text(ref: DocumentRef) -> str:
    """A replaced or replacing document as cited: "942/QĐ-TTg (Điều 2)"."""
    return ref.document + (f" ({ref.article})" if ref.article else "")


def retired_text(sourced: SourcedTarget) -> str:
    """A target no longer in force, with its last day and what replaced it (if the data says)."""
    target, document = sourced.target, sourced.document
    until = in_force_window(sourced)[1]
    replaced = target.superseded_by or document.superseded_by
    text = (f"{target.id} ({document.number}: {target.comparator} {target.threshold:g}, "
            f"hết hiệu lực / in force until {until.isoformat()}")
    return text + (f"; thay bằng / replaced by {ref_text(replaced)})" if replaced else ")")


@dataclass(frozen=True, slots=True)
class TargetStep:
    """A target rule compiled for one question (indicator, year, level, unit, date): everything every
    report asking it shares — the chosen target, its reference, severity, message parameters, the
    threshold's evidence and the no-data details — so a report only reads its own figure.

    Like the target reference and parameters before it, a step's objects are shared by the findings of
    every report asking the same question: they are read, never changed (a finding is copied to change it).
    """

    choice: TargetChoice
    ref: TargetRef
    severity: Severity
    common: dict[str, Any]
    threshold_item: EvidenceItem
    expected: str
    threshold: float
    """The target's threshold, the fact's ``threshold`` (``choice.chosen.target.threshold``)."""
    variant: str
    percent: bool
    """Whether the target is a share (a figure outside 0–100 % never counts as met)."""
    count_needs_year: bool
    """Whether the target is an annual count (no data for a shorter period)."""
    base_note: str
    """The computation's note on the target's and the report's bases ('' when either is not given)."""
    not_reported: Detail
    short_period: Detail
    no_data_probes: dict[tuple[str, bool], Probe] = field(default_factory=dict, compare=False, repr=False)
    """The no-data probes that read no figure (not reported; an annual count of a shorter period), by rule id
    and which: built once per rule and question, the same (read-only) object in every report."""


def target_step(indicator: str, rule_severity: Severity, ctx: Context) -> TargetStep | None:
    """The compiled target rule for ``ctx``'s report, remembered by the catalogue per question (None: no target)."""
    key = ("target-step", indicator, rule_severity, ctx.target_question)
    return ctx.catalogue.remember(key, lambda: _build_target_step(indicator, rule_severity, ctx))


def _build_target_step(indicator: str, rule_severity: Severity, ctx: Context) -> TargetStep | None:
    report, catalogue = ctx.report, ctx.catalogue
    choice = catalogue.choose(indicator, report.period.year, ctx.level, ctx.target_unit,
                              on=report.period.end)
    if choice is None:
        return None
    target = choice.chosen.target
    ref = target_ref(choice, catalogue)
    verified = target.verified
    severity: Severity = rule_severity if (verified and choice.binding) else ("warning" if verified else "info")
    common = {
        **catalogue.labels(indicator),
        "comparator": target.comparator,
        "threshold": target.threshold,
        "document": ref.document,
        "year": str(target.year),
        "deadline_note": "" if choice.binding else f" (mốc {target.year}, chưa đến hạn)",
        "deadline_note_en": "" if choice.binding else f" (deadline {target.year}, not yet due)",
        "unverified_note": "" if verified else " — chỉ tiêu chưa kiểm chứng",
        "unverified_note_en": "" if verified else " — unverified target",
    }
    basis = catalogue.indicators[indicator].basis
    return TargetStep(
        choice=choice, ref=ref, severity=severity, common=common,
        threshold_item=EvidenceItem(name="threshold", value=target.threshold, quote=target.quote),
        expected=f"{target.comparator} {target.threshold:g}",
        threshold=target.threshold,
        variant=VARIANTS[target.comparator],
        percent=target.unit == "percent",
        count_needs_year=target.unit == "count",
        base_note=(f" (mẫu số chỉ tiêu / target base: {target.denominator}; báo cáo / report: {basis})"
                   if target.denominator and basis else ""),
        not_reported=Detail(Evidence(computation="not reported"), common),
        short_period=Detail(Evidence(computation="annual count, period shorter than a year"), common),
    )


STEPS_MAX = 4096
"""At most this many questions' steps are kept by one compiled target rule (then it starts afresh)."""
_UNASKED: Any = object()


class TargetKind(CheckKind):
    """Observed value against the target chosen by ``checker.catalogue.targets.choose``."""

    name = "target"
    conditions = {
        "ge": Condition("observed", "<", "$threshold"),
        "gt": Condition("observed", "<=", "$threshold"),
        "le": Condition("observed", ">", "$threshold"),
        "lt": Condition("observed", ">=", "$threshold"),
        "eq": Condition("observed", "!=", "$threshold"),
    }

    class Params(BaseModel):
        """indicator: the catalogue code the target is set on."""

        model_config = ConfigDict(extra="forbid")
        indicator: str

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe: met / not met by the engine, or no data when not reported."""
        yield from self.compile(rule, params)(ctx)

    def compile(self, rule: RuleDef, params: Any) -> Callable[[Context], Iterable[Probe]]:
        """:meth:`probes` with the rule's indicator, id and severity bound: a function returning the one probe
        (or none), called ~40 times a report.
        """
        indicator: str = params.indicator
        rule_id, rule_severity = rule.id, rule.severity
        no_data = self._no_data
        # this rule's steps by question: the catalogue's own (target_step), looked up without building its key
        # or a closure every report (a batch asks few questions: one per class of units and period)
        steps: dict[tuple[int, str, str | None, dt.date | None], TargetStep | None] = {}
        asked: list[Catalogue | None] = [None]  # the catalogue ``steps`` come from

        def run(ctx: Context) -> tuple[Probe, ...]:
            question = ctx.target_question
            if asked[0] is not ctx.catalogue or len(steps) >= STEPS_MAX:
                steps.clear()
                asked[0] = ctx.catalogue
            step = steps.get(question, _UNASKED)
            if step is _UNASKED:
                step = steps[question] = target_step(indicator, rule_severity, ctx)
            if step is None:
                return ()
            value = ctx.value(indicator)
            if value is None or (step.percent and not 0 <= value.number <= 100) or \
                    (step.count_needs_year and ctx.report.period.kind != "year"):
                return (no_data(rule, indicator, step, value),)
            observed = value.number
            qualifier = value.measure.qualifier
            fact_observed: float = observed
            if qualifier != "exact" and isinstance(observed, int | float):
                target = step.choice.chosen.target
                verdict, interval = qualified_verdict(target.comparator, observed, value.decimals, qualifier,
                                                      target.threshold)
                if verdict == "undetermined":
                    return (Probe(
                        rule_id=rule_id, fact=None, indicator=indicator, observed=observed,
                        expected=step.expected, pointer=value.pointer, severity="info", status_if_silent="no_data",
                        message_if_silent="undetermined", target=step.ref,
                        detail=partial(_undetermined_detail, step, value, interval),
                    ),)
                fact_observed = _witness(observed, qualifier)
            # by position (keywords cost more than the probe): rule_id, fact, variant, indicator, observed,
            # expected, pointer, evidence, params, severity, status_if_fired, status_if_silent,
            # message_if_silent, target, score, detail
            return (Probe(rule_id, {"observed": fact_observed, "threshold": step.threshold}, step.variant, indicator,
                          observed, step.expected, value.pointer, None, None, step.severity,
                          "not_met", "met", "met", step.ref, None, partial(_judged_detail, step, value)),)

        return run

    @staticmethod
    def _no_data(rule: RuleDef, indicator: str, step: TargetStep, value: Value | None) -> Probe:
        """The no-data probe: the figure is not reported, is a share outside 0–100 %, or an annual count of a
        shorter period (the first and last read no figure: one probe per rule and step serves every report).
        """
        if value is None or not (step.percent and not 0 <= value.number <= 100):
            key = (rule.id, value is None)
            probe = step.no_data_probes.get(key)
            if probe is None:
                probe = step.no_data_probes[key] = TargetKind._no_data_probe(
                    rule, indicator, step, step.not_reported if value is None else step.short_period)
            return probe
        # a share over 100 % (CS050 reports it) is never met
        return TargetKind._no_data_probe(rule, indicator, step, Detail(Evidence(computation=(
            f"tỷ lệ {value.number:g} % nằm ngoài 0–100 %, không tính là đạt (xem CS050) / "
            "share outside 0–100 %: never counted as met")), step.common))

    @staticmethod
    def _no_data_probe(rule: RuleDef, indicator: str, step: TargetStep, detail: Detail) -> Probe:
        return Probe(
            rule_id=rule.id, fact=None, indicator=indicator, expected=step.expected,
            pointer=f"/indicators/{indicator}", evidence=detail.evidence, params=detail.params, severity="info",
            status_if_silent="no_data", message_if_silent="no_data", target=step.ref,
            # everything the finding depends on besides its rule (evaluate.assemble shares it across reports)
            shared=("target-no-data", indicator, step.choice.key, detail.evidence.computation),
        )


def _computation(step: TargetStep, value: Value) -> str:
    """How the figure is judged against the target: "97 >= 90?", with the bases and the qualifier's interval."""
    target = step.choice.chosen.target
    return f"{value.number:g} {target.comparator} {target.threshold:g}?" + step.base_note


def _qualified_note(value: Value, interval: Interval) -> str:
    words_vi = QUALIFIER_TEXT[value.measure.qualifier][0]
    return f" (báo cáo ghi '{words_vi} {value.written}': {interval.text()})"


def _judged_detail(step: TargetStep, value: Value) -> Detail:
    """Evidence and message parameters of a figure judged met or not met, built when it becomes a finding."""
    computation = _computation(step, value)
    if value.measure.qualifier != "exact" and isinstance(value.number, int | float):
        target = step.choice.chosen.target
        _verdict, interval = qualified_verdict(target.comparator, value.number, value.decimals,
                                               value.measure.qualifier, target.threshold)
        computation += _qualified_note(value, interval)
    return Detail(Evidence(items=[value.evidence("observed"), step.threshold_item], computation=computation),
                  {**step.common, "observed": value.number})


def _undetermined_detail(step: TargetStep, value: Value, interval: Interval) -> Detail:
    """Evidence and message parameters of a qualified figure that straddles the target."""
    words_vi, words_en = QUALIFIER_TEXT[value.measure.qualifier]
    computation = _computation(step, value) + _qualified_note(value, interval) + " — không xác định / undetermined"
    return Detail(Evidence(items=[value.evidence("observed"), step.threshold_item], computation=computation),
                  {**step.common, "observed": value.number, "written": f"{words_vi} {value.written}",
                   "written_en": f"{words_en} {value.written}", "interval": interval.text()})
