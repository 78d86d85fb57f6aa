"""Shared pieces of check kinds: the context, selectors, probes and the kind base class.

A *check kind* turns a report into *probes*: small facts of derived numbers plus the
evidence they came from.  The engine decides which probes violate their condition; a
violation becomes a finding.  Kinds are pure: they read the report and return probes.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator
from dataclasses import field
from functools import cached_property, partial
from typing import Any, ClassVar, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, ValidationError

from checker.catalogue.rules import RuleDef, Severity
from checker.catalogue.store import Catalogue
from checker.core.errors import InputError, pydantic_problems
from checker.core.numbers import format_number
from checker.core.records import dataclass
from checker.decide.checks.layers import target_unit
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence, EvidenceItem, ScoreView, Status, TargetRef
from checker.decide.relations import Figure, Relation, figure
from checker.model.report import Measure, Report

MEASURE_FIELDS = ("value", "numerator", "denominator", "percent", "flag", "level")
FIELD_OF = {"numerator": ("tử số của", "numerator of"), "denominator": ("mẫu số của", "denominator of")}


@dataclass(frozen=True)
class Earlier:
    """An earlier report of the same unit (or of a unit it was formed from), to compare with."""

    report: Report
    source: str
    """How findings cite it: its file, or its unit and period."""
    link: Literal["same", "predecessor"] = "same"
    sole: bool = True
    """Whether the unit was formed wholly from this one alone (its figures are comparable as they are)."""

    @property
    def comparable(self) -> bool:
        """Whether stocks and levels can be compared directly (the same unit, or its sole, whole predecessor)."""
        return self.link == "same" or self.sole


@dataclass(frozen=True)
class Part:
    """A report of a unit belonging to this report's unit for the same period (a commune of a city)."""

    report: Report
    source: str
    """How findings cite it: its file and unit."""


@dataclass(frozen=True)
class Context:
    """What a check reads: the report, the catalogue (indicators, targets, units) it is checked
    against, earlier reports of the same unit (``--previous``, or others of the batch), and the
    reports of the units below it in the same batch (a city's communes).
    """

    report: Report
    catalogue: Catalogue
    history: tuple[Earlier, ...] = ()
    parts: tuple[Part, ...] = ()
    """Reports of the units below this one for the same period (roll-ups, docs/numbers.md §4)."""
    _values: dict[tuple[str, int], "Value | None"] = field(default_factory=dict, init=False, repr=False,
                                                         compare=False)
    """The report's figures read so far (selector, statement index) -> value: each is read once per report."""
    _first: dict[str, "Value | None"] = field(default_factory=dict, init=False, repr=False, compare=False)
    """The same for the first statement of an indicator (index 0), by selector."""

    @cached_property
    def level(self) -> str:
        """The administrative level of the reporting unit: xã, or huyện / tỉnh when its unit code names one."""
        code = self.report.identity.unit_code
        unit = self.catalogue.units.get(code) if code else None
        return unit.level if unit is not None and unit.level in ("huyen", "tinh") else "xa"

    @cached_property
    def target_unit(self) -> str | None:
        """The unit to ask the catalogue about targets for this report's period end: one judged by the same
        targets as the report's unit (:func:`checker.decide.checks.layers.target_unit`), so what is worked
        out for those targets is shared by every unit of its class, not redone for each commune.
        """
        period = self.report.period
        return target_unit(self.catalogue, self.report.identity.unit_code,
                           period.end or dt.date(period.year, 12, 31))

    @cached_property
    def target_question(self) -> tuple[int, str, str | None, dt.date | None]:
        """What the target in force depends on besides the indicator: the year, level, unit's class
        (:attr:`target_unit`) and period end.
        """
        report = self.report
        return report.period.year, self.level, self.target_unit, report.period.end

    def value(self, selector: str, index: int = 0) -> "Value | None":
        """:func:`resolve` on this context's report, read once per report and shared by every check kind.

        Most figures are read once only (a miss), so a miss raises no exception; the first statement
        of an indicator, nearly every read, is remembered by its selector alone.
        """
        if index:
            key = (selector, index)
            if key in self._values:
                return self._values[key]
            found = self._values[key] = resolve(self.report, selector, index)
            return found
        if selector in self._first:
            return self._first[selector]
        found = self._first[selector] = resolve(self.report, selector)
        return found

    @cached_property
    def statements(self) -> tuple[tuple[str, str | None, int, Measure], ...]:
        """Every statement of the report as (code, catalogue unit, index, measure), in code order: the one
        flat index of the report's figures that kinds looking at every number share.
        """
        catalogue = self.catalogue
        units: dict[str, str] = catalogue.remember(
            ("indicator-units",), lambda: {code: info.unit for code, info in catalogue.indicators.items()})
        indicators = self.report.indicators
        return tuple([(code, units.get(code), index, measure)
                      for code in sorted(indicators)
                      for index, measure in enumerate(indicators[code])])


@dataclass(slots=True)
class Value:
    """A number (or flag) read from one statement of one indicator."""

    code: str
    index: int
    field: str
    number: Any
    measure: Measure
    built: "tuple[Catalogue, Figure] | None" = dataclasses.field(default=None, init=False, repr=False, compare=False)
    """The figure :meth:`figure` made of this value, and the catalogue it was made with (kept: a value read
    once per report serves every relation reading it, and a group's relations share their figures).  Set with
    ``dataclasses.field``: the class's own ``field`` names the value's field."""

    @property
    def pointer(self) -> str:
        """JSON pointer of the field in the report."""
        return f"/indicators/{self.code}/{self.index}/{self.field}"

    def evidence(self, name: str | None = None, report: str | None = None) -> EvidenceItem:
        """This value as an evidence item, with its line, quote and original spelling (and report, if another)."""
        return EvidenceItem(
            report=report,
            name=name or f"{self.code}:{self.field}",
            value=self.number,
            indicator=self.code,
            pointer=self.pointer,
            line=self.measure.line,
            quote=self.measure.quote,
            parsed_from=self.measure.parsed_from.get(self.field),
        )

    @property
    def decimals(self) -> int:
        """How many decimals the report wrote this value with ("90,20" -> 2); the figure's, once it is made."""
        built = self.built
        return self.measure.written_decimals(self.field) if built is None else built[1].decimals

    @property
    def written(self) -> str:
        """The value as the report wrote it ("2.777", "98,34 %"), or formatted the Vietnamese way; the figure's,
        once it is made (the figure of a failed relation's value is made before its finding's evidence).
        """
        built = self.built
        return self._written(None) if built is None else built[1].written

    def _written(self, decimals: int | None) -> str:
        """:attr:`written`, with :attr:`decimals` when already known."""
        written = self.measure.parsed_from.get(self.field) or format_number(
            self.number, self.decimals if decimals is None else decimals)
        if self.field == "percent" and not written.endswith("%"):
            written = f"{written} %"
        return written

    def is_count(self, catalogue: Catalogue) -> bool:
        """Whether the value is an exact count (a count indicator, or a numerator or denominator)."""
        if self.field in ("numerator", "denominator"):
            return True
        info = catalogue.indicators.get(self.code)
        return info is not None and info.unit == "count"

    def figure(self, catalogue: Catalogue) -> Figure:
        """This value as a figure of a relation: exact when it is a count, else as precise as written.

        :meth:`is_count`, :attr:`decimals`, :attr:`written` and the catalogue's labels, with the indicator
        looked up once (built for every relation of a group with a failed one), made once per value and
        catalogue: the relations of a group read the same values (the figure is frozen, so it is shared).
        """
        built = self.built
        if built is not None and built[0] is catalogue:
            return built[1]
        made = self._figure(catalogue)
        self.built = (catalogue, made)
        return made

    def _figure(self, catalogue: Catalogue) -> Figure:
        """:meth:`figure`, made now."""
        code, field, measure = self.code, self.field, self.measure
        info = catalogue.indicators.get(code)
        count = field in ("numerator", "denominator") or (info is not None and info.unit == "count")
        decimals = measure.written_decimals(field)  # read once: it parses the written string
        written = self._written(decimals)
        vi, en = (code, code) if info is None else (info.vi, info.en)
        if field in FIELD_OF:
            vi, en = f"{FIELD_OF[field][0]} {vi}", f"{FIELD_OF[field][1]} {en}"
        return figure(self.pointer, self.number, written, vi, en, measure.line, count, decimals)


class Relate:
    """A probe's relation, built only when called, and the pointers of the figures it reads, known without
    building them (:attr:`pointers`, the built relation's ``pointers``): locating groups a report's relations
    by those and builds only the groups that hold a failed relation (their figures' labels and spellings are
    most of the cost).

    The figures are ``reads`` in order, then, for a breakdown, one per part of the first one's statement
    (``parts``: the part names, in order).  A Relate is always true (``suspects.locations`` picks the probes
    that have one with ``itertools.compress``).
    """

    __slots__ = ("build", "reads", "parts")

    def __init__(self, build: Callable[[], Relation], reads: tuple[Value, ...],
                 parts: Collection[str] = ()) -> None:
        self.build = build
        self.reads = reads
        self.parts = parts

    def __call__(self) -> Relation:
        """The relation, with every figure's label and spelling."""
        return self.build()

    @property
    def pointers(self) -> tuple[str, ...]:
        """The pointers of the figures the relation reads, in its order, without building it (each read's
        :attr:`Value.pointer`, written out: read for every relation of every report).
        """
        pointers = tuple([f"/indicators/{value.code}/{value.index}/{value.field}" for value in self.reads])
        if not self.parts:
            return pointers
        whole = self.reads[0]
        prefix = f"/indicators/{whole.code}/{whole.index}/parts/"
        return pointers + tuple(prefix + name for name in self.parts)


SELECTORS_MAX = 4096
_SELECTORS: dict[str, tuple[str, tuple[str, ...]]] = {}
"""A selector -> its indicator code and the fields it reads in turn (rules name a few hundred; at most
``SELECTORS_MAX`` are kept)."""


def resolve(report: Report, selector: str, index: int = 0) -> Value | None:
    """Read ``code`` or ``code:field`` from statement ``index`` of an indicator.

    Without a field, the headline number is read: the stated percent for percentage
    indicators, else the value.  Returns None when the indicator or field is absent.
    """
    try:
        code, fields = _SELECTORS[selector]
    except KeyError:
        code, _, wanted = selector.partition(":")
        fields = (wanted,) if wanted else ("percent", "value")
        if len(_SELECTORS) < SELECTORS_MAX:
            _SELECTORS[selector] = code, fields
    statements = report.indicators.get(code)
    if not statements or index >= len(statements):
        return None
    measure = statements[index]
    for name in fields:
        number = getattr(measure, name)
        if number is not None:
            return Value(code, index, name, number, measure)
    return None


def indicator_of(selector: str) -> str:
    """The indicator code part of a selector."""
    return selector.partition(":")[0]


class Detail(NamedTuple):
    """What a finding shows besides its decision: the evidence and the message parameters."""

    evidence: Evidence
    params: dict[str, Any]


@dataclass(slots=True, init=False)
class Probe:
    """One derived fact for the engine, with everything needed to write the finding.

    Evidence and message parameters are given either directly (``evidence``, ``params``) or,
    by kinds that yield a probe per number of the report, as ``detail``: a function that
    builds both only when the probe becomes a finding (most probes never do).

    Built ~140 times a report, so its ``__init__`` is written out (no default factory) and
    the most common probes pass its arguments by position (:func:`deferred_probe`).
    """

    rule_id: str
    fact: dict[str, Any] | None
    variant: str
    indicator: str | None
    observed: Any
    expected: Any
    pointer: str | None
    evidence: Evidence | None
    params: dict[str, Any]
    severity: Severity | None
    status_if_fired: Status | None
    status_if_silent: Status | None
    message_if_silent: str | None
    target: TargetRef | None
    score: ScoreView | None
    detail: Callable[[], Detail] | None
    relate: Relate | None
    """Builds the relation between figures the probe checks (sums, ratios …), for locating a wrong
    figure; only called for a group of relations (sharing figures) that holds a failed one."""
    shared: Hashable | None
    """Set on a probe whose finding reads no figure of the report (silent: a target without data; fired: a
    required indicator or particular not stated): everything that finding depends on besides its rule and
    the decision (equal keys, equal findings), so one finding serves every report."""

    def __init__(self, rule_id: str, fact: dict[str, Any] | None, variant: str = "default",
                 indicator: str | None = None, observed: Any = None, expected: Any = None,
                 pointer: str | None = None, evidence: Evidence | None = None,
                 params: dict[str, Any] | None = None, severity: Severity | None = None,
                 status_if_fired: Status | None = None, status_if_silent: Status | None = None,
                 message_if_silent: str | None = None, target: TargetRef | None = None,
                 score: ScoreView | None = None, detail: Callable[[], Detail] | None = None,
                 relate: Relate | None = None, shared: Hashable | None = None) -> None:
        self.rule_id = rule_id
        self.fact = fact
        self.variant = variant
        self.indicator = indicator
        self.observed = observed
        self.expected = expected
        self.pointer = pointer
        self.evidence = evidence
        self.params = {} if params is None else params
        self.severity = severity
        self.status_if_fired = status_if_fired
        self.status_if_silent = status_if_silent
        self.message_if_silent = message_if_silent
        self.target = target
        self.score = score
        self.detail = detail
        self.relate = relate
        self.shared = shared

    def explained(self) -> Detail:
        """The evidence and message parameters, built now if they were deferred."""
        if self.detail is not None:
            return self.detail()
        return Detail(self.evidence if self.evidence is not None else Evidence(), self.params)


class NumberProbe(Probe):
    """The probe of one number of the report (``value_range``, ``whole_number``: ~67 a report, nearly all silent),
    built from what the kind reads and nothing more.

    Its pointer and its :attr:`detail` are made when read (only a finding reads them), every field that is
    the same for each such probe is the class's own (read-only), and ``make`` writes the detail from the
    probe: the same fields and detail as ``deferred_probe(rule_id, fact, code, number, expected,
    f"/indicators/{code}/{index}/{field}", partial(make, self))`` (``tests/test_number_probes.py``).
    """

    __slots__ = ("index", "field", "measure", "make")

    index: int
    field: str
    measure: Measure
    make: Callable[["NumberProbe"], Detail]

    def __init__(self, rule_id: str, fact: dict[str, Any], code: str, index: int, field: str, number: Any,
                 measure: Measure, expected: Any, make: Callable[["NumberProbe"], Detail]) -> None:
        self.rule_id = rule_id
        self.fact = fact
        self.indicator = code
        self.observed = number
        self.expected = expected
        self.index = index
        self.field = field
        self.measure = measure
        self.make = make

    @property
    def pointer(self) -> str:  # type: ignore[override]
        """JSON pointer of the number in the report."""
        return f"/indicators/{self.indicator}/{self.index}/{self.field}"

    @property
    def detail(self) -> Callable[[], Detail]:  # type: ignore[override]
        """Builds the evidence and message parameters (``make`` of this probe)."""
        return partial(self.make, self)

    @property
    def params(self) -> dict[str, Any]:  # type: ignore[override]
        """No parameters of its own (the detail gives them): a new empty dict, as ``Probe`` has."""
        return {}

    def value(self) -> Value:
        """The number as a :class:`Value`."""
        return Value(str(self.indicator), self.index, self.field, self.observed, self.measure)


for _name in ("evidence", "severity", "status_if_fired", "status_if_silent", "message_if_silent", "target", "score",
              "relate", "shared"):
    setattr(NumberProbe, _name, None)  # the same for every number probe: the class's own, read-only
NumberProbe.variant = "default"
del _name


def deferred_probe(rule_id: str, fact: dict[str, Any], indicator: str | None, observed: Any, expected: Any,
                   pointer: str, detail: Callable[[], Detail]) -> Probe:
    """A probe of the default variant and the rule's severity whose evidence waits for ``detail``: one per
    number, document, date or group of the report, the most common probe.

    The same as ``Probe(rule_id, fact, indicator=…, observed=…, expected=…, pointer=…, detail=…)``,
    with the arguments passed by position: matching keywords costs more than building the probe.
    """
    return Probe(rule_id, fact, "default", indicator, observed, expected, pointer, None, None, None, None, None,
                 None, None, None, detail)


class CheckKind:
    """Base class of check kinds; subclasses set ``name``, ``Params`` and ``conditions``."""

    name: ClassVar[str]
    conditions: ClassVar[dict[str, Condition]]

    class Params(BaseModel):
        """Parameters of the kind, as written under ``params:`` in a rule file."""

        model_config = ConfigDict(extra="forbid")

    def validate_params(self, rule: "RuleDef") -> BaseModel:
        """Validate a rule's params; raise InputError naming the rule file and field."""
        try:
            return self.Params.model_validate(rule.params)
        except ValidationError as exc:
            problems = pydantic_problems(exc)
            for problem in problems:
                object.__setattr__(problem, "pointer", "/params" + problem.pointer)
            raise InputError.from_problems(rule.file or rule.id, problems) from exc

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """Yield the probes of ``rule`` on ``ctx.report``."""
        raise NotImplementedError

    def compile(self, rule: RuleDef, params: Any) -> Callable[[Context], Iterable[Probe]]:
        """The probes of ``rule`` as one function of a report's context, built once per plan
        (``RulePlan.runs``): the same probes as :meth:`probes`, in the same order.

        By default :meth:`probes` itself; kinds on the hot path prepare here what does not depend on
        the report (selectors, texts, fixed parts of probes and facts) and return a plain function.
        Compiling never raises: errors of a rule stay where :meth:`probes` raises them.
        """
        return partial(self.probes, rule, params)

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Edit report data that satisfies this kind's relation so that it fails (``k`` ≥ 1 varies the edit).

        Return the indicator codes changed, or None when the relation cannot be broken in
        this report (a term is not stated).  Property tests break one rule at a time with
        it (see :mod:`checker.decide.checks.violations`); kinds that judge targets need not.
        """
        return None


def tolerance_for(stated: float) -> float:
    """Rounding tolerance of a stated percentage: one unit of its last written decimal."""
    from checker.core.numbers import decimals_of

    return 10.0 ** (-decimals_of(stated))
