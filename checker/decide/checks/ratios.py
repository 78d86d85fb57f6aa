"""Ratio consistency kinds: a stated percentage against the counts it is made of."""

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import Catalogue, labels
from checker.decide.checks.base import CheckKind, Context, Probe, Value, resolve, tolerance_for
from checker.decide.checks.violations import first_measure, misstate_percent, number_at, split_selector, stated_codes
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence
from checker.model.report import Measure


def deviation(stated: float, recomputed: float, qualifier: str) -> float:
    """How far ``recomputed`` lies outside what ``stated`` (with its qualifier) allows."""
    if qualifier in ("more_than", "at_least"):
        return max(0.0, stated - recomputed)
    if qualifier in ("less_than", "at_most"):
        return max(0.0, recomputed - stated)
    return abs(stated - recomputed)


def ratio_probe(rule_id: str, stated: Value, numerator: Value, denominator: Value,
                cap: float | None) -> Probe | None:
    """Build the probe comparing a stated percent with numerator/denominator."""
    if not denominator.number:
        return None
    raw = 100.0 * numerator.number / denominator.number
    recomputed = min(raw, cap) if cap is not None else raw
    tolerance = tolerance_for(stated.number)
    if stated.measure.qualifier == "about":
        tolerance = max(tolerance, 1.0)
    gap = deviation(stated.number, recomputed, stated.measure.qualifier)
    capped = f", giới hạn {cap:g} %" if cap is not None and raw > cap else ""
    return Probe(
        rule_id=rule_id,
        fact={"deviation": round(gap, 6), "tolerance": tolerance},
        indicator=stated.code,
        observed=stated.number,
        expected=round(recomputed, 2),
        pointer=stated.pointer,
        evidence=Evidence(
            items=[stated.evidence("stated percent"), numerator.evidence("numerator"),
                   denominator.evidence("denominator")],
            computation=(f"100 × {numerator.number:g} / {denominator.number:g} = {raw:.2f} %{capped}; "
                         f"stated {stated.number:g} %; deviation {gap:.2f} > tolerance {tolerance:g}"),
        ),
        params={
            **labels(stated.code),
            "stated": stated.number,
            "numerator": numerator.number,
            "denominator": denominator.number,
            **labels(numerator.code, "numerator_"),
            **labels(denominator.code, "denominator_"),
            "recomputed": round(recomputed, 2),
        },
    )


class StatedRatioKind(CheckKind):
    """A stated percent against counts stated elsewhere in the report."""

    name = "stated_ratio"
    conditions = {"default": Condition("deviation", ">", "$tolerance")}

    class Params(BaseModel):
        """percent, numerator and denominator are selectors; cap limits the ratio."""

        model_config = ConfigDict(extra="forbid")
        percent: str
        numerator: str
        denominator: str
        cap: float | None = Field(default=None, gt=0)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per statement of the percent, when the counts are stated."""
        numerator = resolve(ctx.report, params.numerator)
        denominator = resolve(ctx.report, params.denominator)
        if numerator is None or denominator is None:
            return
        code, _, field = params.percent.partition(":")
        for index in range(len(ctx.report.indicators.get(code, []))):
            stated = resolve(ctx.report, f"{code}:{field or 'percent'}", index)
            if stated is None:
                continue
            probe = ratio_probe(rule.id, stated, numerator, denominator, params.cap)
            if probe is not None:
                yield probe

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
    conditions = {"default": Condition("deviation", ">", "$tolerance")}

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per statement that has all three numbers."""
        for code, statements in sorted(ctx.report.indicators.items()):
            for index, measure in enumerate(statements):
                if not _has_fraction(measure):
                    continue
                stated = Value(code, index, "percent", measure.percent, measure)
                numerator = Value(code, index, "numerator", measure.numerator, measure)
                denominator = Value(code, index, "denominator", measure.denominator, measure)
                probe = ratio_probe(rule.id, stated, numerator, denominator, None)
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
    return None not in (measure.percent, measure.numerator, measure.denominator)
