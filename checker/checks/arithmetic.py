"""Arithmetic consistency kinds: parts that sum to a whole, parts within their whole,
two statements of one quantity that must be equal.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from checker.checks.base import CheckKind, Context, Probe, Value, indicator_of, resolve
from checker.conditions import Condition
from checker.findings import Evidence, EvidenceItem
from checker.indicators import label


class SumKind(CheckKind):
    """``whole = part1 + part2 + …`` (within a tolerance), when every term is stated."""

    name = "sum"
    conditions = {"default": Condition("abs_diff", ">", "$tolerance")}

    class Params(BaseModel):
        """whole and parts are selectors (``code`` or ``code:field``)."""

        model_config = ConfigDict(extra="forbid")
        whole: str
        parts: list[str] = Field(min_length=2)
        tolerance: float = Field(default=0, ge=0)

    def probes(self, rule, params, ctx: Context) -> Iterator[Probe]:
        """One probe when the whole and every part are stated."""
        whole = resolve(ctx.report, params.whole)
        parts = [resolve(ctx.report, selector) for selector in params.parts]
        if whole is None or any(part is None for part in parts):
            return
        total = sum(part.number for part in parts)  # type: ignore[union-attr]
        diff = whole.number - total
        terms = " + ".join(f"{p.number:g}" for p in parts)  # type: ignore[union-attr]
        yield Probe(
            rule_id=rule.id,
            fact={"abs_diff": abs(diff), "tolerance": params.tolerance},
            indicator=whole.code,
            observed=total,
            expected=whole.number,
            pointer=whole.pointer,
            evidence=Evidence(
                items=[whole.evidence("whole")] + [p.evidence(f"part {i + 1}") for i, p in enumerate(parts)],  # type: ignore[union-attr]
                computation=f"{terms} = {total:g}; {whole.number:g} − {total:g} = {diff:g}",
            ),
            params={
                "whole_label": label(whole.code),
                "whole_label_en": label(whole.code, "en"),
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

    def probes(self, rule, params, ctx: Context) -> Iterator[Probe]:
        """One probe when both the part and the whole are stated."""
        part = resolve(ctx.report, params.part)
        whole = resolve(ctx.report, params.whole)
        if part is None or whole is None:
            return
        yield Probe(
            rule_id=rule.id,
            fact={"part": part.number, "whole": whole.number},
            indicator=part.code,
            observed=part.number,
            expected=f"≤ {whole.number:g}",
            pointer=part.pointer,
            evidence=Evidence(
                items=[part.evidence("part"), whole.evidence("whole")],
                computation=f"{part.number:g} > {whole.number:g}",
            ),
            params={
                "part_label": label(part.code),
                "part_label_en": label(part.code, "en"),
                "whole_label": label(whole.code),
                "whole_label_en": label(whole.code, "en"),
                "part": part.number,
                "whole": whole.number,
            },
        )


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

    def probes(self, rule, params, ctx: Context) -> Iterator[Probe]:
        """One probe when both quantities are stated."""
        a = resolve(ctx.report, params.a)
        b = resolve(ctx.report, params.b)
        if a is None or b is None:
            return
        yield Probe(
            rule_id=rule.id,
            fact={"abs_diff": abs(a.number - b.number), "tolerance": params.tolerance},
            indicator=a.code,
            observed=b.number,
            expected=a.number,
            pointer=b.pointer,
            evidence=Evidence(
                items=[a.evidence("a"), b.evidence("b")],
                computation=f"|{a.number:g} − {b.number:g}| = {abs(a.number - b.number):g}",
            ),
            params={
                "a_label": label(a.code),
                "a_label_en": label(a.code, "en"),
                "b_label": label(b.code),
                "b_label_en": label(b.code, "en"),
                "a": a.number,
                "b": b.number,
            },
        )


class BreakdownSumKind(CheckKind):
    """A value given with a breakdown (by field, sector, room) must equal the sum of its parts."""

    name = "breakdown_sum"
    conditions = {"default": Condition("abs_diff", ">", "$tolerance")}

    class Params(BaseModel):
        """tolerance: allowed absolute difference."""

        model_config = ConfigDict(extra="forbid")
        tolerance: float = Field(default=0, ge=0)

    def probes(self, rule, params, ctx: Context) -> Iterator[Probe]:
        """One probe per statement that has both a value and parts."""
        for code, statements in sorted(ctx.report.indicators.items()):
            for index, measure in enumerate(statements):
                if not measure.parts or measure.value is None:
                    continue
                whole = Value(code, index, "value", measure.value, measure)
                total = sum(measure.parts.values())
                diff = measure.value - total
                items = [whole.evidence("whole")] + [
                    EvidenceItem(name=name, value=part, indicator=code,
                                 pointer=f"/indicators/{code}/{index}/parts/{name}")
                    for name, part in measure.parts.items()
                ]
                yield Probe(
                    rule_id=rule.id,
                    fact={"abs_diff": abs(diff), "tolerance": params.tolerance},
                    indicator=code, observed=total, expected=measure.value,
                    pointer=f"/indicators/{code}/{index}/parts",
                    evidence=Evidence(items=items, computation=" + ".join(f"{p:g}" for p in measure.parts.values())
                                      + f" = {total:g}; {measure.value:g} − {total:g} = {diff:g}"),
                    params={"label": label(code), "label_en": label(code, "en"), "whole": measure.value,
                            "parts_sum": total, "count": len(measure.parts), "diff": diff},
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

    def probes(self, rule, params, ctx: Context) -> Iterator[Probe]:
        """One probe per statement of a listed share that gives its denominator."""
        basis = resolve(ctx.report, params.basis)
        if basis is None:
            return
        for code in params.codes:
            for index in range(len(ctx.report.indicators.get(code, []))):
                denominator = resolve(ctx.report, f"{code}:denominator", index)
                if denominator is None:
                    continue
                yield Probe(
                    rule_id=rule.id,
                    fact={"abs_diff": abs(basis.number - denominator.number)},
                    indicator=code, observed=denominator.number, expected=basis.number,
                    pointer=denominator.pointer,
                    evidence=Evidence(items=[basis.evidence("population"), denominator.evidence("denominator")],
                                      computation=f"{denominator.number:g} ≠ {basis.number:g}"),
                    params={"label": label(code), "label_en": label(code, "en"),
                            "basis_label": label(basis.code), "basis_label_en": label(basis.code, "en"),
                            "basis": basis.number, "denominator": denominator.number,
                            "numerator": denominator.measure.numerator if denominator.measure.numerator is not None
                            else "?",
                            "percent": denominator.measure.percent if denominator.measure.percent is not None
                            else "?"},
                )
