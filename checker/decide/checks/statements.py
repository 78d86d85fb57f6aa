"""Kinds over statements: the same indicator stated twice, yes/no answers against counts,
values out of range, counts that are not whole numbers.
"""

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from functools import partial
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import Catalogue, labels
from checker.catalogue.store import indicators as indicator_catalogue
from checker.core.defaults import new_list
from checker.decide.checks.base import CheckKind, Context, Detail, NumberProbe, Probe, Value, tolerance_for
from checker.decide.checks.violations import first_measure, misstate_percent, number_at, set_number, stated_codes
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence
from checker.model.report import Measure


class RestatedKind(CheckKind):
    """An indicator stated more than once must give the same figure each time."""

    name = "restated"
    conditions = {"default": Condition("abs_diff", ">", "$tolerance")}

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """Compare the first statement with every later one, headline number to number."""
        indicators = ctx.report.indicators
        for code in sorted([code for code, statements in indicators.items() if len(statements) > 1]):
            statements = indicators[code]
            first = ctx.value(code, 0)
            if first is None:
                continue
            for index in range(1, len(statements)):
                other = ctx.value(code, index)
                if other is None or other.field != first.field:
                    continue
                tolerance = max(tolerance_for(first.number), tolerance_for(other.number))
                diff = abs(first.number - other.number)
                yield Probe(
                    rule_id=rule.id,
                    fact={"abs_diff": round(diff, 6), "tolerance": tolerance},
                    indicator=code, observed=other.number, expected=first.number,
                    pointer=other.pointer,
                    detail=partial(_restated_detail, first, other, diff),
                )

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """State the first percent indicator a second time with another figure."""
        for code in stated_codes(report):
            statements = report["indicators"][code]
            measure = first_measure(report, code)
            if measure is None or measure.get("percent") is None or (isinstance(statements, list)
                                                                    and len(statements) > 1):
                continue
            again = dict(measure)
            misstate_percent(again, k)
            report["indicators"][code] = [measure, {"percent": again["percent"]}]
            return {code}
        return None



QUOTE_LIMIT = 60


def _restated_detail(first: Value, other: Value, diff: float) -> Detail:
    """Evidence and message parameters of a figure restated differently, built when it is a finding."""
    return Detail(
        Evidence(items=[first.evidence("first statement"), other.evidence("later statement")],
                 computation=f"|{first.number:g} − {other.number:g}| = {diff:g}"),
        {**labels(first.code),
         "first": first.number, "other": other.number,
         "unit": " %" if first.field == "percent" else "",
         "first_line": first.measure.line or "?",
         "other_line": other.measure.line or "?",
         **_where(first.measure, "first"), **_where(other.measure, "other")},
    )


def _where(measure: Measure, prefix: str) -> dict[str, str]:
    """Where a statement is, in words: 'dòng 60 (“Đến nay, 100% văn bản đi…”)', both languages."""
    quote = " ".join((measure.quote or "").split())
    if len(quote) > QUOTE_LIMIT:
        quote = quote[:QUOTE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    said = f" (“{quote}”)" if quote else ""
    if measure.line:
        return {f"{prefix}_where": f"dòng {measure.line}{said}", f"{prefix}_where_en": f"line {measure.line}{said}"}
    first = prefix == "first"
    return {f"{prefix}_where": ("lần nêu đầu" if first else "lần nêu sau") + said,
            f"{prefix}_where_en": ("the first statement" if first else "a later statement") + said}


class FlagVersusCountKind(CheckKind):
    """A yes/no answer contradicted by a count (no LAN, yet computers on the LAN)."""

    name = "flag_vs_count"
    conditions = {
        "positive": Condition("count", ">", 0),
        "zero": Condition("count", "==", 0),
    }

    class Params(BaseModel):
        """Fires when ``flag`` equals ``flag_is`` and ``count`` is positive / zero."""

        model_config = ConfigDict(extra="forbid")
        flag: str
        flag_is: bool
        count: str
        count_is: str = Field(pattern="^(positive|zero)$")

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe when the flag has the stated value and the count is stated."""
        yield from self.compile(rule, params)(ctx)

    def compile(self, rule: RuleDef, params: Any) -> Callable[[Context], Iterable[Probe]]:
        """:meth:`probes` with the flag's selector joined once and the params bound."""
        flag_selector, count_selector, flag_is, variant = f"{params.flag}:flag", params.count, params.flag_is, \
            params.count_is
        rule_id = rule.id

        def run(ctx: Context) -> tuple[Probe, ...]:
            flag = ctx.value(flag_selector)
            count = ctx.value(count_selector)
            if flag is None or count is None or flag.number is not flag_is:
                return ()
            return (Probe(
                rule_id=rule_id, fact={"count": count.number}, variant=variant,
                indicator=flag.code, observed=count.number, pointer=count.pointer,
                detail=partial(_flag_detail, flag, count),
            ),)

        return run

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Give the flag the contradicted answer and the count the contradicting size."""
        count = number_at(report, params.count)
        if count is None:
            return None
        report["indicators"][params.flag] = {"flag": params.flag_is}
        edited = {params.flag}
        if params.count_is == "zero" and count != 0:
            edited |= set_number(report, params.count, 0)
        elif params.count_is == "positive" and count <= 0:
            edited |= set_number(report, params.count, k)
        return edited



def _flag_detail(flag: Value, count: Value) -> Detail:
    """Evidence and message parameters of a flag contradicted by a count, built when it is a finding."""
    return Detail(
        Evidence(items=[flag.evidence("flag"), count.evidence("count")],
                 computation=f"{flag.code} = {flag.number}; {count.code} = {count.number:g}"),
        {**labels(flag.code, "flag_"), **labels(count.code, "count_"), "count": count.number},
    )


class ValueRangeKind(CheckKind):
    """Numbers of the given units and fields must lie within [min, max]."""

    name = "value_range"
    conditions = {"default": Condition("excess", ">", 0)}

    class Params(BaseModel):
        """units: catalogue units to look at; fields: measure fields; exclude: codes."""

        model_config = ConfigDict(extra="forbid")
        units: list[str]
        fields: list[str]
        min: float | None = None
        max: float | None = None
        exclude: list[str] = Field(default_factory=new_list)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per number of a matching indicator."""
        yield from self.compile(rule, params)(ctx)

    def compile(self, rule: RuleDef, params: Any) -> Callable[[Context], Iterable[Probe]]:
        """:meth:`probes` with the range, its text and the units, fields and codes looked at prepared once."""
        low_limit, high_limit = params.min, params.max
        expected = _range_text(low_limit, high_limit)
        rule_id = rule.id
        wanted, fields, skipped = frozenset(params.units), tuple(params.fields), frozenset(params.exclude)

        def run(ctx: Context) -> list[Probe]:
            probes: list[Probe] = []
            for code, index, name, number, measure in _stated_numbers(ctx, wanted, fields, skipped):
                excess = low_limit - number if low_limit is not None else 0.0
                if high_limit is not None and (high := number - high_limit) > excess:
                    excess = high
                if 0.0 > excess:  # max(low, high, 0.0) without the call: the first of equal values, as max keeps
                    excess = 0.0
                # the Value, its pointer and the detail only made for a finding
                probes.append(NumberProbe(rule_id, {"excess": excess}, code, index, name, number, measure, expected,
                                          _range_detail_of))
            return probes

        return run

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """State a new indicator of a checked unit just outside the range."""
        code = _unstated_code(report, catalogue, params.units, params.exclude)
        if code is None or (params.max is None and params.min is None):
            return None
        number = params.max + 0.5 + k if params.max is not None else params.min - k
        report["indicators"][code] = {params.fields[0]: number}
        return {code}



def _range_detail(value: Value, expected: str) -> Detail:
    return Detail(
        Evidence(items=[value.evidence()], computation=f"{value.number:g} ∉ {expected}"),
        {**labels(value.code), "value": value.number, "field": value.field,
         "unit": indicator_catalogue()[value.code].unit, "range": expected},
    )


WHOLE_NUMBER = "số nguyên / whole number"


class WholeNumberKind(CheckKind):
    """Counts of people, documents, dossiers … must be whole numbers."""

    name = "whole_number"
    conditions = {"default": Condition("fraction", ">", 0)}

    class Params(BaseModel):
        """units and fields to look at."""

        model_config = ConfigDict(extra="forbid")
        units: list[str]
        fields: list[str]

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per number of a matching indicator."""
        yield from self.compile(rule, params)(ctx)

    def compile(self, rule: RuleDef, params: Any) -> Callable[[Context], Iterable[Probe]]:
        """:meth:`probes` with the units and fields looked at prepared once."""
        rule_id = rule.id
        wanted, fields = frozenset(params.units), tuple(params.fields)

        def run(ctx: Context) -> list[Probe]:
            # the Value, its pointer and the detail only made for a finding
            return [NumberProbe(rule_id, {"fraction": _fraction(number)}, code, index, name, number, measure,
                                WHOLE_NUMBER, _whole_detail_of)
                    for code, index, name, number, measure in _stated_numbers(ctx, wanted, fields, ())]

        return run

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """State a new count with a fraction."""
        code = _unstated_code(report, catalogue, params.units, ())
        if code is None:
            return None
        report["indicators"][code] = {params.fields[0]: k + 0.5}
        return {code}



def _fraction(number: Any) -> Any:
    """How far ``number`` is from a whole number, to 9 decimals: ``round(abs(number - round(number)), 9)``, and
    0.0 at once for a whole float (most counts), what that gives for one without the two rounding calls.
    """
    if number.__class__ is float and number.is_integer():
        return 0.0
    return round(abs(number - round(number)), 9)


def _whole_detail(value: Value) -> Detail:
    return Detail(
        Evidence(items=[value.evidence()], computation=f"{value.number:g} − {round(value.number)}"),
        {**labels(value.code), "value": value.number},
    )


def _numbers(ctx: Context, wanted: Collection[str], fields: Sequence[str], skipped: Collection[str]) -> list[Value]:
    """The numbers of :func:`_stated_numbers`, each as a :class:`Value`."""
    return [Value(*parts) for parts in _stated_numbers(ctx, wanted, fields, skipped)]


def _stated_numbers(ctx: Context, wanted: Collection[str], fields: Sequence[str],
                    skipped: Collection[str]) -> list[tuple[str, int, str, Any, Measure]]:
    """Every number (not a yes/no) of ``fields`` stated for an indicator of the units ``wanted`` not in
    ``skipped``, in code, statement and ``fields`` order, read from the report's one flat index
    (``Context.statements``), as (code, index, field, number, measure): the parts of a :class:`Value`, made
    only when a probe becomes a finding.
    """
    return [(code, index, name, number, measure)
            for code, unit, index, measure in ctx.statements if unit in wanted and code not in skipped
            for name in fields if (number := getattr(measure, name)) is not None and number.__class__ is not bool]


def _range_detail_of(probe: NumberProbe) -> Detail:
    """:func:`_range_detail` of the probe's number (its range text is the probe's ``expected``)."""
    return _range_detail(probe.value(), probe.expected)


def _whole_detail_of(probe: NumberProbe) -> Detail:
    """:func:`_whole_detail` of the probe's number."""
    return _whole_detail(probe.value())


def _range_text(low: float | None, high: float | None) -> str:
    left = f"{low:g}" if low is not None else "−∞"
    right = f"{high:g}" if high is not None else "+∞"
    return f"[{left}, {right}]"


def _unstated_code(report: dict[str, Any], catalogue: Catalogue, units: list[str],
                   exclude: list[str] | tuple[str, ...]) -> str | None:
    """The first catalogue code of one of ``units`` that the report does not state (and not excluded)."""
    stated = set(stated_codes(report))
    for code, entry in catalogue.indicators.items():
        if entry.unit in units and code not in exclude and code not in stated:
            return code
    return None
