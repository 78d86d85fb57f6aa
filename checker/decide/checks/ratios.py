"""Ratio consistency kinds: a stated percentage against the counts it is made of.

A stated share is an interval (docs/numbers.md): "97,8 %" is [97,75; 97,85], "98 %" is
[97,5; 98,5], "trên 80 %" is (80; +∞), "khoảng 90 %" is [89; 91].  The ratio of the report's own
counts is computed exactly; the relation fails only when it lies outside the interval, and the
distance outside sets the severity: up to ``warning_within`` percentage points it is a warning,
beyond it the rule's severity.
"""

from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from functools import partial
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from checker.catalogue.rules import RuleDef, Severity
from checker.catalogue.store import Catalogue, labels
from checker.decide.checks.base import CheckKind, Context, Detail, Probe, Relate, Value
from checker.decide.checks.violations import first_measure, misstate_percent, number_at, split_selector, stated_codes
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence, IntervalView
from checker.decide.intervals import exact, format_fraction, rounded, severity_by_distance, written_interval
from checker.decide.relations import RatioRelation
from checker.model.report import Measure

QUALIFIER_WORDS = {"exact": "", "more_than": "trên ", "at_least": "từ ", "less_than": "dưới ",
                   "at_most": "không quá ", "about": "khoảng ", "nearly": "gần "}
DEFAULT_WARNING_WITHIN = 1.0


SCREEN_MARGIN = 1e-9
"""Relative margin of :func:`_clearly_inside`: far above a float's rounding error (about 1e-16)."""
ZERO = Fraction(0)


def _clearly_inside(stated: Value, recomputed: float) -> bool:
    """Whether the recomputed ratio lies so far inside an exact figure's rounding interval that the exact
    computation cannot find it outside: a screen, in floats, that only ever spares the exact arithmetic.

    Figures with a qualifier, and any ratio within ``SCREEN_MARGIN`` of an edge, go to the exact path.
    """
    if stated.measure.qualifier != "exact":
        return False
    value = stated.number
    half = 0.5 * 10.0 ** -stated.decimals
    margin = SCREEN_MARGIN * max(1.0, abs(value), abs(recomputed))
    return bool(value - half + margin < recomputed < value + half - margin)


def ratio_probe(rule: RuleDef, stated: Value, numerator: Value, denominator: Value,
                cap: float | None, catalogue: Catalogue,
                warning_within: float = DEFAULT_WARNING_WITHIN) -> Probe | None:
    """Build the probe comparing a stated percent (an interval) with numerator/denominator.

    The distance outside the stated interval is exact (fractions); a ratio clearly inside it is 0
    without that arithmetic (:func:`_clearly_inside`).
    """
    if not denominator.number:
        return None
    raw = 100.0 * numerator.number / denominator.number
    recomputed = min(raw, cap) if cap is not None else raw
    qualifier = stated.measure.qualifier
    if _clearly_inside(stated, recomputed):
        distance = ZERO
    else:
        exact_ratio = 100 * exact(numerator.number) / exact(denominator.number)
        capped_exact = min(exact_ratio, exact(cap)) if cap is not None else exact_ratio
        distance = written_interval(stated.number, stated.decimals, qualifier).distance(capped_exact)
    if not distance and rule.severity == "error" and warning_within >= 0:
        severity: Severity = "warning"  # what severity_by_distance says of 0, without its fractions
    else:
        severity = severity_by_distance(distance, warning_within, rule.severity)  # type: ignore[assignment]
    return Probe(
        rule_id=rule.id,
        fact={"distance": float(round(distance, 6)) if distance else 0.0},  # round(ZERO, 6) is a costly ZERO
        severity=severity,
        relate=Relate(lambda: RatioRelation(rule.id, rule.title.vi, rule.title.en,
                                            (stated.figure(catalogue), numerator.figure(catalogue),
                                             denominator.figure(catalogue)),
                                            stated.pointer, qualifier=qualifier,
                                            cap=exact(cap) if cap is not None else None),
                      (stated, numerator, denominator)),
        indicator=stated.code,
        observed=stated.number,
        expected=round(recomputed, 2),
        pointer=stated.pointer,
        detail=partial(_ratio_detail, (stated, numerator, denominator), cap, raw, recomputed, distance),
    )


def _ratio_detail(values: tuple[Value, Value, Value], cap: float | None, raw: float, recomputed: float,
                  distance: Fraction) -> Detail:
    """The evidence and message parameters of a ratio probe, built when it becomes a finding."""
    stated, numerator, denominator = values
    interval = written_interval(stated.number, stated.decimals, stated.measure.qualifier)
    capped = f", giới hạn {cap:g} %" if cap is not None and raw > cap else ""
    stated_text = QUALIFIER_WORDS.get(stated.measure.qualifier, "") + stated.written
    interval_text = interval.text(" %")
    return Detail(
        Evidence(
            items=[stated.evidence("stated percent"), numerator.evidence("numerator"),
                   denominator.evidence("denominator")],
            computation=(f"100 × {numerator.number:g} / {denominator.number:g} = {raw:.4f} %{capped}; "
                         f"{stated_text} → {interval_text}; ngoài khoảng / outside by "
                         f"{format_fraction(distance)} điểm % / points"),
            interval=IntervalView(stated=stated_text, text=interval_text, distance=rounded(distance, 4)),
        ),
        {
            **labels(stated.code),
            "stated": stated.number,
            "numerator": numerator.number,
            "denominator": denominator.number,
            **labels(numerator.code, "numerator_"),
            **labels(denominator.code, "denominator_"),
            "recomputed": round(recomputed, 2),
            "interval": interval_text,
        },
    )


class StatedRatioKind(CheckKind):
    """A stated percent against counts stated elsewhere in the report."""

    name = "stated_ratio"
    conditions = {"default": Condition("distance", ">", 0)}

    class Params(BaseModel):
        """percent, numerator and denominator are selectors; cap limits the ratio; warning_within:
        percentage points outside the stated interval still graded a warning.
        """

        model_config = ConfigDict(extra="forbid")
        percent: str
        numerator: str
        denominator: str
        cap: float | None = Field(default=None, gt=0)
        warning_within: float = Field(default=DEFAULT_WARNING_WITHIN, ge=0)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per statement of the percent, when the counts are stated."""
        yield from self.compile(rule, params)(ctx)

    def compile(self, rule: RuleDef, params: Any) -> Callable[[Context], Iterable[Probe]]:
        """:meth:`probes` with the selectors (the percent's read on every statement) split and joined once."""
        numerator_selector, denominator_selector = params.numerator, params.denominator
        cap, warning_within = params.cap, params.warning_within
        code, _, field = params.percent.partition(":")
        stated_selector = f"{code}:{field or 'percent'}"

        def run(ctx: Context) -> list[Probe]:
            numerator = ctx.value(numerator_selector)
            denominator = ctx.value(denominator_selector)
            if numerator is None or denominator is None:
                return []
            probes = []
            for index in range(len(ctx.report.indicators.get(code, []))):
                stated = ctx.value(stated_selector, index)
                if stated is None:
                    continue
                probe = ratio_probe(rule, stated, numerator, denominator, cap, ctx.catalogue, warning_within)
                if probe is not None:
                    probes.append(probe)
            return probes

        return run

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Misstate the percent by 2–6 points."""
        code, field = split_selector(params.percent)
        measure = first_measure(report, code)
        if number_at(report, params.numerator) is None or not number_at(report, params.denominator) or \
                measure is None or measure.get(field or "percent") is None:
            return None
        misstate_percent(measure, k)
        return {code}



class OwnRatioKind(CheckKind):
    """Every statement giving numerator, denominator and percent must agree with itself."""

    name = "own_ratio"
    conditions = {"default": Condition("distance", ">", 0)}

    class Params(BaseModel):
        """warning_within: percentage points outside the stated interval still graded a warning."""

        model_config = ConfigDict(extra="forbid")
        warning_within: float = Field(default=DEFAULT_WARNING_WITHIN, ge=0)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per statement that has all three numbers."""
        for code, _unit, index, measure in ctx.statements:
            if measure.percent is None or measure.numerator is None or measure.denominator is None:
                continue  # not _has_fraction(measure), without the call per statement
            stated = Value(code, index, "percent", measure.percent, measure)
            numerator = Value(code, index, "numerator", measure.numerator, measure)
            denominator = Value(code, index, "denominator", measure.denominator, measure)
            probe = ratio_probe(rule, stated, numerator, denominator, None, ctx.catalogue,
                                params.warning_within)
            if probe is not None:
                yield probe

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Misstate the percent of the first statement that gives a fraction and its share."""
        for code in stated_codes(report):
            measure = first_measure(report, code)
            if measure is not None and measure.get("denominator") and measure.get("numerator") is not None \
                    and measure.get("percent") is not None:
                misstate_percent(measure, k)
                return {code}
        return None



def _has_fraction(measure: Measure) -> bool:
    return measure.percent is not None and measure.numerator is not None and measure.denominator is not None
