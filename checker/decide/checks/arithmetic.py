"""Arithmetic consistency kinds: parts that sum to a whole, parts within their whole,
two statements of one quantity that must be equal.

Sums follow the written precision (docs/numbers.md): counts are exact points; a figure in
another unit written with *d* decimals stands for ± ½·10⁻ᵈ.  A sum fails only when the whole's
interval does not meet the parts' summed interval, and its severity follows the distance:
within ``warning_within`` per cent of the whole it is a warning, beyond it the rule's severity.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from fractions import Fraction
from functools import partial
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from checker.catalogue.rules import RuleDef, Severity
from checker.catalogue.store import Catalogue, label, labels
from checker.decide.checks.base import (
    CheckKind,
    Context,
    Detail,
    Probe,
    Relate,
    Value,
    deferred_probe,
    indicator_of,
)
from checker.decide.checks.violations import first_measure, number_at, set_number, stated_codes
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence, EvidenceItem, IntervalView
from checker.decide.intervals import exact, format_fraction, half_unit, rounded
from checker.decide.relations import EqualRelation, SumRelation, WithinRelation, figure

Term = tuple[float, bool, int]
"""A term of a sum: its number, whether it is an exact count, its written decimals (0 for a count: an exact
count allows no rounding, whatever it was written with)."""


def term_of(value: Value, catalogue: Catalogue) -> Term:
    """A value as a term of a sum."""
    count = value.is_count(catalogue)
    return value.number, count, 0 if count else value.decimals


ZERO = Fraction(0)


def sum_gap(whole: Term, parts: Sequence[Term], tolerance: float) -> tuple[Fraction, Fraction, Fraction]:
    """(Σ parts, rounding allowed by inexact terms, distance outside what is allowed), exactly.

    When every term is a whole count (the common case) and the tolerance whole, the same values are
    computed on integers: no rounding is allowed and the sum is exact as it is.
    """
    if whole[1] and float(whole[0]).is_integer() and float(tolerance).is_integer() and \
            all(part[1] and float(part[0]).is_integer() for part in parts):
        count_total = sum(int(part[0]) for part in parts)
        gap = abs(int(whole[0]) - count_total) - int(tolerance)
        return Fraction(count_total), ZERO, Fraction(gap) if gap > 0 else ZERO
    total = sum((exact(p[0]) for p in parts), Fraction(0))
    slack = sum((half_unit(t[2]) for t in (whole, *parts) if not t[1]), Fraction(0))
    distance = max(Fraction(0), abs(exact(whole[0]) - total) - exact(tolerance) - slack)
    return total, slack, distance


def sum_severity(distance: Fraction, whole: float, warning_within: float, severity: Severity) -> Severity:
    """A warning when the sum misses by at most ``warning_within`` % of the whole; else ``severity``."""
    if severity == "error" and distance and distance <= abs(exact(whole)) * exact(warning_within) / 100:
        return "warning"
    return severity


def sum_interval(written: str, total: Fraction, slack: Fraction, distance: Fraction) -> IntervalView:
    """The evidence's view of a sum: the whole as written against what the parts allow."""
    text = f"[{format_fraction(total - slack)}; {format_fraction(total + slack)}]" if slack else format_fraction(total)
    return IntervalView(stated=written, text=text, distance=rounded(distance, 4))


def pair_probe(rule_id: str, subject: tuple[str, Value], other: tuple[str, Value], *,
               fact: dict[str, float], expected: object, computation: str, indicator: str) -> Probe:
    """A probe comparing two stated values: the subject (observed) and the one it must agree with.

    Its evidence and message parameters are built only if it becomes a finding (``Probe.detail``).
    """
    subject_value = subject[1]
    return deferred_probe(rule_id, fact, indicator, subject_value.number, expected, subject_value.pointer,
                          partial(_pair_detail, subject, other, computation))


def _pair_detail(subject: tuple[str, Value], other: tuple[str, Value], computation: str) -> Detail:
    """The evidence and message parameters of :func:`pair_probe`."""
    (subject_name, subject_value), (other_name, other_value) = subject, other
    return Detail(
        Evidence(items=[subject_value.evidence(subject_name), other_value.evidence(other_name)],
                 computation=computation),
        {
            **labels(subject_value.code, f"{subject_name}_"),
            **labels(other_value.code, f"{other_name}_"),
            subject_name: subject_value.number,
            other_name: other_value.number,
        },
    )


class SumKind(CheckKind):
    """``whole = part1 + part2 + …`` (within a tolerance), when every term is stated."""

    name = "sum"
    conditions = {"default": Condition("distance", ">", 0)}

    class Params(BaseModel):
        """whole and parts are selectors (``code`` or ``code:field``); tolerance: allowed absolute
        difference; warning_within: a miss of at most this % of the whole is a warning.
        """

        model_config = ConfigDict(extra="forbid")
        whole: str
        parts: list[str] = Field(min_length=2)
        tolerance: float = Field(default=0, ge=0)
        warning_within: float = Field(default=1, ge=0)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe when the whole and every part are stated."""
        yield from self.compile(rule, params)(ctx)

    def compile(self, rule: RuleDef, params: Any) -> Callable[[Context], Iterable[Probe]]:
        """:meth:`probes` with the selectors and the rule's id, severity and tolerance bound."""
        whole_selector, part_selectors = params.whole, tuple(params.parts)
        rule_id, rule_severity, tolerance, warning_within = rule.id, rule.severity, params.tolerance, \
            params.warning_within

        def run(ctx: Context) -> tuple[Probe, ...]:
            value = ctx.value
            whole = value(whole_selector)
            if whole is None:
                return ()
            parts = []
            for selector in part_selectors:
                part = value(selector)
                if part is None:
                    return ()
                parts.append(part)
            total = sum(part.number for part in parts)
            catalogue = ctx.catalogue
            exact_total, slack, distance = sum_gap(term_of(whole, catalogue), [term_of(p, catalogue) for p in parts],
                                                   tolerance)
            return (Probe(
                rule_id=rule_id,
                fact={"distance": float(distance) if distance else 0.0},  # float(ZERO), without the fraction's call
                severity=sum_severity(distance, whole.number, warning_within, rule_severity),
                relate=Relate(lambda: SumRelation(rule_id, rule.title.vi, rule.title.en,
                                                  (whole.figure(catalogue), *(p.figure(catalogue) for p in parts)),
                                                  whole.pointer, tolerance=exact(tolerance)),
                              (whole, *parts)),
                indicator=whole.code,
                observed=total,
                expected=whole.number,
                pointer=whole.pointer,
                detail=partial(_sum_detail, whole, parts, params, (exact_total, slack, distance)),
            ),)

        return run

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Add ``k`` to the last part."""
        last = number_at(report, params.parts[-1])
        if number_at(report, params.whole) is None or last is None or \
                any(number_at(report, part) is None for part in params.parts):
            return None
        return set_number(report, params.parts[-1], last + k)



def _sum_detail(whole: Value, parts: list[Value], params: Any, gap: tuple[Fraction, Fraction, Fraction]) -> Detail:
    """The evidence and message parameters of a sum probe, built when it becomes a finding."""
    exact_total, slack, distance = gap
    total = sum(part.number for part in parts)
    diff = whole.number - total
    terms = " + ".join(f"{p.number:g}" for p in parts)
    return Detail(
        Evidence(
            items=[whole.evidence("whole")] + [p.evidence(f"part {i + 1}") for i, p in enumerate(parts)],
            computation=f"{terms} = {total:g}; {whole.number:g} − {total:g} = {diff:g}",
            interval=sum_interval(whole.written, exact_total, slack, distance),
        ),
        {
            **labels(whole.code, "whole_"),
            "whole": whole.number,
            "parts_sum": total,
            "parts": ", ".join(label(indicator_of(s)) for s in params.parts),
            "parts_en": ", ".join(label(indicator_of(s), "en") for s in params.parts),
            "diff": diff,
        },
    )


class PartWithinWholeKind(CheckKind):
    """``part <= whole``: a part cannot exceed the whole it belongs to."""

    name = "part_within_whole"
    conditions = {"default": Condition("part", ">", "$whole")}

    class Params(BaseModel):
        """part and whole are selectors."""

        model_config = ConfigDict(extra="forbid")
        part: str
        whole: str

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe when both the part and the whole are stated."""
        yield from self.compile(rule, params)(ctx)

    def compile(self, rule: RuleDef, params: Any) -> Callable[[Context], Iterable[Probe]]:
        """:meth:`probes` with the two selectors and the rule's id bound."""
        part_selector, whole_selector, rule_id = params.part, params.whole, rule.id

        def run(ctx: Context) -> tuple[Probe, ...]:
            part = ctx.value(part_selector)
            whole = ctx.value(whole_selector)
            if part is None or whole is None:
                return ()
            probe = pair_probe(rule_id, ("part", part), ("whole", whole),
                               fact={"part": part.number, "whole": whole.number},
                               expected=f"≤ {whole.number:g}",
                               computation=f"{part.number:g} > {whole.number:g}", indicator=part.code)
            probe.relate = Relate(lambda: WithinRelation(rule_id, rule.title.vi, rule.title.en,
                                                         (part.figure(ctx.catalogue), whole.figure(ctx.catalogue)),
                                                         part.pointer), (part, whole))
            return (probe,)

        return run

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Make the part exceed the whole by ``k``."""
        whole = number_at(report, params.whole)
        if whole is None or number_at(report, params.part) is None:
            return None
        return set_number(report, params.part, whole + k)



class EqualKind(CheckKind):
    """Two statements of the same quantity (e.g. a total and a denominator) must agree."""

    name = "equal"
    conditions = {"default": Condition("abs_diff", ">", "$tolerance")}

    class Params(BaseModel):
        """a and b are selectors of the same quantity."""

        model_config = ConfigDict(extra="forbid")
        a: str
        b: str
        tolerance: float = Field(default=0, ge=0)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe when both quantities are stated."""
        a = ctx.value(params.a)
        b = ctx.value(params.b)
        if a is None or b is None:
            return
        diff = abs(a.number - b.number)
        probe = pair_probe(rule.id, ("b", b), ("a", a),
                           fact={"abs_diff": diff, "tolerance": params.tolerance},
                           expected=a.number,
                           computation=f"|{a.number:g} − {b.number:g}| = {diff:g}", indicator=a.code)
        probe.relate = Relate(lambda: EqualRelation(rule.id, rule.title.vi, rule.title.en,
                                                    (a.figure(ctx.catalogue), b.figure(ctx.catalogue)), b.pointer,
                                                    tolerance=exact(params.tolerance)), (a, b))
        yield probe

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Move ``b`` away from ``a`` by more than the tolerance."""
        b = number_at(report, params.b)
        if number_at(report, params.a) is None or b is None:
            return None
        return set_number(report, params.b, b + k + params.tolerance)



class BreakdownSumKind(CheckKind):
    """A value given with a breakdown (by field, sector, room) must equal the sum of its parts."""

    name = "breakdown_sum"
    conditions = {"default": Condition("distance", ">", 0)}

    class Params(BaseModel):
        """tolerance: allowed absolute difference; warning_within: a miss of at most this % of the
        whole is a warning.
        """

        model_config = ConfigDict(extra="forbid")
        tolerance: float = Field(default=0, ge=0)
        warning_within: float = Field(default=1, ge=0)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per statement that has both a value and parts."""
        for code, _unit, index, measure in ctx.statements:
            if not measure.parts or measure.value is None:
                continue
            whole = Value(code, index, "value", measure.value, measure)
            total = sum(measure.parts.values())
            count = whole.is_count(ctx.catalogue)
            terms = [(number, count, 0 if count else measure.written_decimals(f"parts/{name}"))
                     for name, number in measure.parts.items()]
            gap = sum_gap(term_of(whole, ctx.catalogue), terms, params.tolerance)
            yield Probe(
                rule_id=rule.id,
                fact={"distance": float(gap[2])},
                severity=sum_severity(gap[2], measure.value, params.warning_within, rule.severity),
                relate=Relate(partial(self._relation, rule, ctx, whole, params.tolerance), (whole,), measure.parts),
                indicator=code, observed=total, expected=measure.value,
                pointer=f"/indicators/{code}/{index}/parts",
                detail=partial(_breakdown_detail, whole, total, gap),
            )

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Add a part to the first breakdown, so the parts exceed their total."""
        for code in stated_codes(report):
            measure = first_measure(report, code)
            if measure is not None and isinstance(measure.get("parts"), dict) and measure.get("value") is not None:
                measure["parts"]["Khác (thêm)"] = k + params.tolerance
                return {code}
        return None



    @staticmethod
    def _relation(rule: RuleDef, ctx: Context, whole: Value, tolerance: float) -> SumRelation:
        """The breakdown as a relation: the whole, then each part as a figure."""
        code, index, measure = whole.code, whole.index, whole.measure
        count = whole.is_count(ctx.catalogue)
        vi, en = ctx.catalogue.label(code), ctx.catalogue.label(code, "en")
        parts = [figure(f"/indicators/{code}/{index}/parts/{name}", number, measure.parsed_from.get(f"parts/{name}"),
                        f"{vi} — {name}", f"{en} — {name}", measure.line, count,
                        measure.written_decimals(f"parts/{name}"))
                 for name, number in (measure.parts or {}).items()]
        return SumRelation(rule.id, rule.title.vi, rule.title.en, (whole.figure(ctx.catalogue), *parts),
                           f"/indicators/{code}/{index}/parts", tolerance=exact(tolerance))


def _breakdown_detail(whole: Value, total: float, gap: tuple[Fraction, Fraction, Fraction]) -> Detail:
    """The evidence and message parameters of a breakdown that does not add up, built when it is a finding."""
    code, index, measure = whole.code, whole.index, whole.measure
    parts = measure.parts or {}
    diff = whole.number - total
    items = [whole.evidence("whole")] + [
        EvidenceItem(name=name, value=part, indicator=code, pointer=f"/indicators/{code}/{index}/parts/{name}")
        for name, part in parts.items()
    ]
    return Detail(
        Evidence(items=items, computation=" + ".join(f"{p:g}" for p in parts.values())
                 + f" = {total:g}; {whole.number:g} − {total:g} = {diff:g}",
                 interval=sum_interval(whole.written, *gap)),
        {**labels(code), "whole": whole.number, "parts_sum": total, "count": len(parts), "diff": diff},
    )


class BasisDenominatorKind(CheckKind):
    """Shares of a population (officials) must be computed on that population's stated size."""

    name = "basis_denominator"
    conditions = {"default": Condition("abs_diff", ">", 0)}

    class Params(BaseModel):
        """basis: selector of the population size; codes: shares whose denominator is that population."""

        model_config = ConfigDict(extra="forbid")
        basis: str
        codes: list[str] = Field(min_length=1)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per statement of a listed share that gives its denominator."""
        basis = ctx.value(params.basis)
        if basis is None:
            return
        for code in params.codes:
            for index in range(len(ctx.report.indicators.get(code, []))):
                denominator = ctx.value(f"{code}:denominator", index)
                if denominator is None:
                    continue
                yield Probe(
                    rule_id=rule.id,
                    fact={"abs_diff": abs(basis.number - denominator.number)},
                    relate=Relate(partial(_equal_relation, rule, ctx, basis, denominator), (basis, denominator)),
                    indicator=code, observed=denominator.number, expected=basis.number,
                    pointer=denominator.pointer,
                    detail=partial(_basis_detail, code, basis, denominator),
                )

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Move the first listed share's denominator away from the population size."""
        if number_at(report, params.basis) is None:
            return None
        for code in params.codes:
            denominator = number_at(report, f"{code}:denominator")
            if denominator is not None:
                return set_number(report, f"{code}:denominator", denominator + k)
        return None


def _basis_detail(code: str, basis: Value, denominator: Value) -> Detail:
    """The evidence and message parameters of a share computed on another population, built when it is a finding."""
    measure = denominator.measure
    return Detail(
        Evidence(items=[basis.evidence("population"), denominator.evidence("denominator")],
                 computation=f"{denominator.number:g} ≠ {basis.number:g}"),
        {**labels(code), **labels(basis.code, "basis_"), "basis": basis.number, "denominator": denominator.number,
         "numerator": measure.numerator if measure.numerator is not None else "?",
         "percent": measure.percent if measure.percent is not None else "?"},
    )


def _equal_relation(rule: RuleDef, ctx: Context, a: Value, b: Value) -> EqualRelation:
    return EqualRelation(rule.id, rule.title.vi, rule.title.en, (a.figure(ctx.catalogue), b.figure(ctx.catalogue)),
                         b.pointer)
