"""This period against the last (docs/numbers.md §3): kinds that read earlier reports of the same unit.

Earlier reports come from ``check --previous`` or from the same batch (``checker.run.history``
pairs them by unit, following the units' predecessor links since the 2025 reform).  Every
finding cites both reports: evidence items carry the report they come from and their line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from checker.catalogue.rules import RuleDef
from checker.decide.checks.base import CheckKind, Context, Earlier, Probe, Value, resolve
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence
from checker.model.report import Report


def _latest(ctx: Context, comparable: bool = False, same_kind: bool = False) -> Earlier | None:
    """The most recent earlier report ending before this one, optionally comparable and of the same kind."""
    period = ctx.report.period
    found = [e for e in ctx.history
             if e.report.period.end is not None and period.end is not None and e.report.period.end < period.end
             and (not comparable or e.comparable) and (not same_kind or e.report.period.kind == period.kind)]
    return max(found, key=lambda e: e.report.period.end or dt.date.min) if found else None


def _is_half(report: Report, second: bool) -> bool:
    start = report.period.start
    return report.period.kind == "half" and start is not None and start.month == (7 if second else 1)


class HalvesSumKind(CheckKind):
    """A year's flow = first six months + second half, when the three reports are at hand."""

    name = "halves_sum"
    conditions = {"default": Condition("distance", ">", 0)}

    class Params(BaseModel):
        """flows: indicator codes counted over the period (dossiers received, documents sent …)."""

        model_config = ConfigDict(extra="forbid")
        flows: list[str] = Field(min_length=1)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per flow stated in the year report and both of its halves (checked on the year report)."""
        report = ctx.report
        if report.period.kind != "year":
            return
        same_year = [e for e in ctx.history if e.report.period.year == report.period.year and e.comparable]
        first = next((e for e in same_year if _is_half(e.report, second=False)), None)
        second = next((e for e in same_year if _is_half(e.report, second=True)), None)
        if first is None or second is None:
            return
        for code in params.flows:
            year, h1, h2 = resolve(report, f"{code}:value"), resolve(first.report, f"{code}:value"), \
                resolve(second.report, f"{code}:value")
            if year is None or h1 is None or h2 is None:
                continue
            total = h1.number + h2.number
            diff = year.number - total
            yield Probe(
                rule_id=rule.id, fact={"distance": abs(diff)}, indicator=code,
                observed=total, expected=year.number, pointer=year.pointer,
                evidence=Evidence(items=[year.evidence("year"), h1.evidence("first half", first.source),
                                         h2.evidence("second half", second.source)],
                                  computation=f"{h1.number:g} + {h2.number:g} = {total:g}; "
                                              f"{year.number:g} − {total:g} = {diff:g}"),
                params={**ctx.catalogue.labels(code), "year": year.number, "first": h1.number,
                        "second": h2.number, "total": total, "diff": diff,
                        "first_source": first.source, "second_source": second.source},
            )


class StockNotFallingKind(CheckKind):
    """A stock that only grows (accounts, signatures issued) must not fall from the last report."""

    name = "stock_not_falling"
    conditions = {"default": Condition("fall", ">", 0)}

    class Params(BaseModel):
        """stocks: indicator codes that accumulate (issued so far)."""

        model_config = ConfigDict(extra="forbid")
        stocks: list[str] = Field(min_length=1)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per stock stated now and in the latest comparable earlier report."""
        earlier = _latest(ctx, comparable=True)
        if earlier is None:
            return
        for code in params.stocks:
            now, before = ctx.value(f"{code}:value"), resolve(earlier.report, f"{code}:value")
            if now is None or before is None:
                continue
            yield _pair_probe(rule, ctx, code, now, before, earlier, {"fall": before.number - now.number},
                              f"{before.number:g} → {now.number:g}")


class GoalFollowUpKind(CheckKind):
    """Last period's goals for this year against this year's results: met, missed, or silently dropped."""

    name = "goal_follow_up"
    conditions = {"default": Condition("shortfall", ">", 0)}

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per goal an earlier report set for this report's year."""
        year = ctx.report.period.year
        if ctx.report.period.kind != "year":
            return
        for earlier in ctx.history:
            goals = earlier.report.goals
            if goals is None or goals.year != year:
                continue
            for code, statements in sorted(goals.indicators.items()):
                goal = Value(code, 0, "percent" if statements[0].percent is not None else "value",
                             statements[0].main_number(), statements[0])
                if goal.number is None:
                    continue
                result = ctx.value(f"{code}:{goal.field}")
                goal_text = f"{goal.number:g}"
                if result is None:
                    outcome = ("báo cáo này không nêu kết quả (mục tiêu bị bỏ qua)",
                               "this report gives no result (the goal was dropped)")
                    shortfall = 1.0
                    observed = None
                    items = [goal.evidence("goal", earlier.source)]
                    pointer = None
                else:
                    below = goal.measure.qualifier in ("at_most", "less_than")
                    shortfall = (result.number - goal.number) if below else (goal.number - result.number)
                    observed, pointer = result.number, result.pointer
                    items = [result.evidence("result"), goal.evidence("goal", earlier.source)]
                    got = f"{result.number:g}"
                    outcome = ((f"kết quả {got} — chưa đạt", f"result {got} — missed") if shortfall > 0
                               else (f"kết quả {got} — đạt", f"result {got} — met"))
                yield Probe(
                    rule_id=rule.id, fact={"shortfall": shortfall}, indicator=code,
                    observed=observed, expected=goal.number, pointer=pointer,
                    status_if_fired="not_met", status_if_silent="met", message_if_silent="goal_met",
                    evidence=Evidence(items=items, computation=f"mục tiêu / goal {goal_text}; "
                                                               f"{outcome[1]}"),
                    params={**ctx.catalogue.labels(code), "goal": goal.number, "previous": earlier.source,
                            "outcome": outcome[0], "outcome_en": outcome[1],
                            "observed": observed if observed is not None else "—"},
                )


class CopiedFiguresKind(CheckKind):
    """Many figures identical to the last report of the same kind: copied rather than counted."""

    name = "copied_figures"
    conditions = {"default": Condition("identical", ">=", "$min_identical")}

    class Params(BaseModel):
        """min_identical: how many identical figures are suspicious; min_share: and which share of those compared."""

        model_config = ConfigDict(extra="forbid")
        min_identical: int = Field(default=8, ge=1)
        min_share: float = Field(default=0.8, gt=0, le=1)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe against the latest earlier report of the same period kind."""
        earlier = _latest(ctx, same_kind=True)
        if earlier is None:
            return
        same, compared = [], 0
        for code, statements in sorted(ctx.report.indicators.items()):
            before = earlier.report.measure(code)
            now = statements[0]
            if before is None or now.main_number() is None or before.main_number() is None:
                continue
            compared += 1
            if now.main_number() == before.main_number() and now.value != 0:
                same.append(code)
        share = len(same) / compared if compared else 0.0
        identical = len(same) if share >= params.min_share else 0
        yield Probe(
            rule_id=rule.id, fact={"identical": identical, "min_identical": params.min_identical},
            observed=len(same), expected=f"< {params.min_identical}",
            evidence=Evidence(computation=f"{len(same)}/{compared} giống hệt / identical: {', '.join(same)}"),
            params={"identical": len(same), "compared": compared, "previous": earlier.source,
                    "share": round(100 * share, 1), "codes": ", ".join(same)},
        )


class JumpKind(CheckKind):
    """A figure that multiplies (or collapses) from one period to the next of the same kind."""

    name = "jump"
    conditions = {"default": Condition("excess", ">", 0)}

    class Params(BaseModel):
        """codes: indicators to follow; factor: largest plausible ratio between periods; min_change: ignore
        changes smaller than this (small counts move a lot).
        """

        model_config = ConfigDict(extra="forbid")
        codes: list[str] = Field(min_length=1)
        factor: float = Field(default=5, gt=1)
        min_change: float = Field(default=50, ge=0)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per followed indicator stated now and in the latest comparable report of the same kind."""
        earlier = _latest(ctx, comparable=True, same_kind=True)
        if earlier is None:
            return
        for code in params.codes:
            now, before = ctx.value(f"{code}:value"), resolve(earlier.report, f"{code}:value")
            if now is None or before is None:
                continue
            low, high = sorted((now.number, before.number))
            change = high - low
            excess = 1.0 if change >= params.min_change and (low <= 0 or high / low > params.factor) else 0.0
            yield _pair_probe(rule, ctx, code, now, before, earlier, {"excess": excess},
                              f"{before.number:g} → {now.number:g}")


def _pair_probe(rule: RuleDef, ctx: Context, code: str, now: Value, before: Value, earlier: Earlier,
                fact: dict[str, float], computation: str) -> Probe:
    return Probe(
        rule_id=rule.id, fact=fact, indicator=code, observed=now.number, expected=before.number,
        pointer=now.pointer,
        evidence=Evidence(items=[now.evidence("now"), before.evidence("before", earlier.source)],
                          computation=computation),
        params={**ctx.catalogue.labels(code), "now": now.number, "before": before.number,
                "previous": earlier.source},
    )
