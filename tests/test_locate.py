"""Which figure is probably wrong (docs/numbers.md §2): Fellegi–Holt on the report's own relations."""

from __future__ import annotations

import copy
import itertools
import json
from fractions import Fraction
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checker.catalogue.store import current
from checker.decide.evaluate import evaluate
from checker.decide.locate import _figures_of, _Rows, feasible
from checker.decide.relations import (
    EqualRelation,
    Figure,
    Linear,
    RatioRelation,
    Relation,
    SumRelation,
    WithinRelation,
)
from checker.decide.rows import Template, bounds_alone, bounds_of_single, feasible_rows
from checker.decide.variants import slip_variants
from checker.model.report import Report
from tests.conftest import FIXTURES, report_dict
from tests.strategies import consistent_reports

CONSISTENCY = [r for r in current().rules if r.category == "consistency"]
LOCATED = {"sum", "breakdown_sum", "part_within_whole", "equal", "basis_denominator", "stated_ratio", "own_ratio"}
RELATION_RULES = {r.id for r in CONSISTENCY if r.kind in LOCATED}


def consistency(data: dict[str, Any], backend: str = "python") -> list[Any]:
    return evaluate(Report.model_validate(data), CONSISTENCY, backend=backend).findings  # type: ignore[arg-type]


def test_the_worked_example_252_for_225():
    """2 130 received ≠ 1 905 online + 252 in person; 89,4 % online agrees with 1 905 / 2 130."""
    data = report_dict(indicators={
        "dossiers.received": {"value": "2.130", "line": 10}, "dossiers.online": {"value": "1.905", "line": 10},
        "dossiers.in_person": {"value": 252, "line": 11}, "dossiers.online_share": {"percent": "89,4 %", "line": 12}})
    (finding,) = consistency(data)
    suspects = finding.evidence.suspects
    assert finding.rule_id == "CS001" and suspects is not None
    assert suspects.size == 1
    assert [[f.pointer for f in s] for s in suspects.sets] == [["/indicators/dossiers.in_person/0/value"]]
    assert [(s.written, s.meant, s.kind) for s in suspects.slips] == [("252", "225", "swap")]
    assert "Có thể sai: 252 (Số hồ sơ nộp trực tiếp, dòng 11)" in finding.message.vi
    assert "được giữ vì" in finding.message.vi and "hai chữ số đổi chỗ" in finding.message.vi
    assert "Probably wrong: 252" in finding.message.en


def test_without_the_ratio_any_term_of_the_sum_is_suspect():
    data = report_dict(indicators={"dossiers.received": {"value": 2130}, "dossiers.online": {"value": 1905},
                                   "dossiers.in_person": {"value": 252}})
    (finding,) = consistency(data)
    assert {s[0].pointer.split("/")[2] for s in finding.evidence.suspects.sets} == {  # type: ignore[union-attr]
        "dossiers.received", "dossiers.online", "dossiers.in_person"}


def test_two_failures_sharing_no_single_figure_need_two_changes():
    """Chi Lăng Nam: 18 mailboxes / 20 officials stated 100 %, and 20 officials ≠ the denominator 33."""
    data = json.loads((FIXTURES / "chi-lang-nam-thanh-mien-2023.json").read_text(encoding="utf-8"))
    by_rule = {f.rule_id: f for f in consistency(data)}
    suspects = by_rule["CS030"].evidence.suspects
    assert suspects is not None and suspects.size == 2
    assert all(len(s) == 2 for s in suspects.sets)
    assert by_rule["CS034"].evidence.suspects == suspects


def test_every_sum_or_ratio_finding_on_the_seeds_names_its_suspects():
    for path in sorted(FIXTURES.glob("*.json")):
        for finding in consistency(json.loads(path.read_text(encoding="utf-8"))):
            if finding.rule_id in RELATION_RULES:
                assert finding.evidence.suspects is not None, (path.name, finding.rule_id)
                assert finding.evidence.suspects.sets, (path.name, finding.rule_id)
                assert "có thể sai" in finding.message.vi.lower()


def test_feasibility_is_exact_and_keeps_counts_whole():
    # 2·x = 3 has no whole solution; x ≤ 1,5 and x ≥ 1,2 neither; x + y = 3 with x, y ≥ 0 does
    half = Linear((("x", Fraction(2)),), "==", Fraction(3))
    assert not feasible([half], {}, frozenset({"x"}), counts=frozenset({"x"}))
    assert feasible([half], {}, frozenset({"x"}))
    band = [Linear((("x", Fraction(1)),), "<=", Fraction(3, 2)), Linear((("x", Fraction(-1)),), "<=", Fraction(-6, 5))]
    assert not feasible(band, {}, frozenset({"x"}), counts=frozenset({"x"}))
    both = [Linear((("x", Fraction(1)), ("y", Fraction(1))), "==", Fraction(3)),
            Linear((("x", Fraction(1)), ("y", Fraction(-1))), "<=", Fraction(-5))]
    assert not feasible(both, {}, frozenset({"x", "y"}))  # x + y = 3, y ≥ x + 5, x ≥ 0
    assert feasible(both[:1], {}, frozenset({"x", "y"}))


def test_slip_variants_cover_the_four_slips():
    figure = Figure("/p", Fraction(1450), "1.450", "x", "x")
    variants = {(int(v), kind) for v, kind in slip_variants(figure)}
    assert (1458, "digit") in variants and (4150, "swap") in variants
    assert (14550, "dropped") in variants  # written 1450 for 14550: a 5 left out
    assert (1455, "digit") in variants
    repeated = Figure("/p", Fraction(1445), "1.445", "x", "x")
    doubled = {int(v) for v, kind in slip_variants(repeated) if kind == "doubled"}
    assert doubled == {145}


# Figures of the generated consistent report that enter relations, and slips to type into them.
TYPO_TARGETS = [
    "dossiers.received", "dossiers.online", "dossiers.in_person", "dossiers.received_new",
    "dossiers.carried_over", "dossiers.resolved", "dossiers.resolved_early", "dossiers.resolved_on_time",
    "dossiers.late", "dvc.full_online", "dvc.partial_online", "dvc.level3", "infra.computers_officials",
    "infra.computers_one_stop", "infra.cameras_good", "docs.outgoing", "docs.signed_outgoing",
    "docs.signed_incoming", "email.accounts", "staff.officials", "hr.university",
]


def _slip(digits: str, kind: str, position: int, digit: str) -> str:
    i = position % len(digits)
    if kind == "digit":
        return digits[:i] + digit + digits[i + 1:]
    if kind == "swap":
        i = min(i, len(digits) - 2)
        return digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
    if kind == "dropped":
        return digits[:i] + digits[i + 1:]
    return digits[:i] + digits[i] + digits[i:]  # doubled


@given(consistent_reports(), st.sampled_from(TYPO_TARGETS), st.sampled_from(["digit", "swap", "dropped", "doubled"]),
       st.integers(min_value=0, max_value=5), st.sampled_from("0123456789"))
def test_a_single_typo_is_blamed_on_that_figure(data, code, kind, position, digit):
    original = data["indicators"][code]["value"]
    digits = str(original)
    assume(len(digits) >= 2 or kind in ("digit", "doubled"))
    typed = _slip(digits, kind, position, digit)
    assume(typed != digits and not (len(typed) > 1 and typed.startswith("0")) and typed)
    bad = copy.deepcopy(data)
    bad["indicators"][code]["value"] = int(typed)
    located = [f for f in consistency(bad) if f.rule_id in RELATION_RULES]
    assume(located)  # the slip broke at least one relation
    pointer = f"/indicators/{code}/0/value"
    for finding in located:
        suspects = finding.evidence.suspects
        assert suspects is not None and suspects.size == 1, finding.message.vi
        assert pointer in {s[0].pointer for s in suspects.sets}, finding.message.vi
        # the true value is among the suggested slips of that figure
        assert str(original) in {s.meant.replace(".", "") for s in suspects.slips if s.pointer == pointer}
    # and every slip suggested, applied to the report, leaves no relation broken (checked by the rules)
    for slip in located[0].evidence.suspects.slips:  # type: ignore[union-attr]
        repaired = copy.deepcopy(bad)
        _, _, slip_code, index, field = slip.pointer.split("/")
        meant = slip.meant if field == "percent" else int(slip.meant.replace(".", ""))
        repaired["indicators"][slip_code][field] = meant
        assert not [f for f in consistency(repaired) if f.rule_id in RELATION_RULES], slip


def _fig(pointer: str, value: Fraction, decimals: int = 0) -> Figure:
    return Figure(pointer, value, str(value), pointer, pointer, count=decimals == 0, decimals=decimals)


@given(percent=st.integers(0, 12_000), decimals=st.integers(0, 2), numerator=st.integers(-5, 3_000),
       denominator=st.integers(-3, 3_000),
       qualifier=st.sampled_from(["exact", "more_than", "at_least", "less_than", "at_most", "about", "nearly"]),
       cap=st.sampled_from([None, Fraction(100), Fraction(9995, 100)]))
def test_a_ratios_percent_range_is_where_it_holds(percent, decimals, numerator, denominator, qualifier, cap):
    """The slips' shortcut (RatioRelation.percent_range) agrees with the ratio's own test at every percent."""
    ratio = RatioRelation("R", "r", "r", (_fig("p", Fraction(0), decimals), _fig("a", Fraction(numerator)),
                                           _fig("b", Fraction(denominator))), qualifier=qualifier, cap=cap)
    value = Fraction(percent, 10**decimals)
    values = {"p": value, "a": Fraction(numerator), "b": Fraction(denominator)}
    bounds = ratio.percent_range(values)
    if denominator <= 0:
        assert bounds is None
        return
    assert bounds is not None
    low, high = bounds
    assert ((low is None or value >= low) and (high is None or value <= high)) == ratio.holds(values)


def test_a_slip_in_a_stated_percent_is_named():
    """A stated percent with two digits swapped: found through the ratio's percent range, the sum kept."""
    data = report_dict(indicators={
        "dossiers.received": {"value": "2.130"}, "dossiers.online": {"value": "1.905"},
        "dossiers.in_person": {"value": 225}, "dossiers.online_share": {"percent": "98,4 %"}})
    (finding,) = consistency(data)
    suspects = finding.evidence.suspects
    assert suspects is not None
    assert [(s.written, s.meant, s.kind) for s in suspects.slips] == [("98,4 %", "89,4", "swap")]


POOL = ["a", "b", "c", "d", "e"]
TOLERANCES = [Fraction(0), Fraction(0), Fraction(1), Fraction(2), Fraction(1, 2), Fraction(3, 10)]


@st.composite
def groups(draw: st.DrawFn) -> list[Relation]:
    """A few sums, parts within wholes, equalities and ratios over five figures, some of them inexact."""
    figures = {p: _fig(p, Fraction(draw(st.integers(0, 60)), 10**d), d)
               for p in POOL for d in [draw(st.sampled_from([0, 0, 0, 1]))]}
    relations: list[Relation] = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["sum", "within", "equal", "ratio"]))
        size = {"sum": draw(st.integers(3, 4)), "within": 2, "equal": 2, "ratio": 3}[kind]
        chosen = tuple(figures[p] for p in draw(st.permutations(POOL))[:size])
        tolerance = draw(st.sampled_from(TOLERANCES))
        if kind == "sum":
            relations.append(SumRelation("S", "s", "s", chosen, tolerance=tolerance))
        elif kind == "within":
            relations.append(WithinRelation("W", "w", "w", chosen))
        elif kind == "equal":
            relations.append(EqualRelation("E", "e", "e", chosen, tolerance=tolerance))
        else:
            percent = _fig(chosen[0].pointer, Fraction(draw(st.integers(0, 1200)), 10), 1)
            relations.append(RatioRelation("R", "r", "r", (percent, *chosen[1:]), qualifier=draw(st.sampled_from(
                ["exact", "exact", "at_least", "about", "more_than", "less_than", "at_most", "nearly"])),
                cap=draw(st.sampled_from([None, None, None, Fraction(100), Fraction(50), Fraction(1, 2)]))))
    return relations


@settings(max_examples=200)
@given(groups())
def test_sets_ruled_out_figure_by_figure_are_infeasible(relations):
    """The shortcuts for several freed figures (one freed figure's own relations admit no value; the system
    split into the sets of figures linked by a relation, each eliminated alone) never change an answer: every
    set's feasibility is that of the full elimination."""
    figures = _figures_of(relations)
    values = {p: f.value for p, f in figures.items()}
    counts = frozenset(p for p, f in figures.items() if f.count)
    rows = _Rows(relations, values, counts)
    for k in (2, 3):
        for combo in itertools.combinations(sorted(figures), k):
            free = frozenset(combo)
            assert rows.feasible(free) == feasible_rows(rows.over(free), free, counts), combo


@settings(max_examples=200)
@given(groups())
def test_a_single_figures_bounds_merged_per_relation_are_those_of_its_rows(relations):
    """``_Rows.single_without`` (each relation's bounds merged) against scanning the rows of every relation
    reading the figure but one: the same consistency, and the same bounds when consistent."""
    figures = _figures_of(relations)
    values = {p: f.value for p, f in figures.items()}
    rows = _Rows(relations, values, frozenset(p for p, f in figures.items() if f.count))
    for pointer in sorted(figures):
        for index, relation in [(None, None), *enumerate(relations)]:
            lo, hi, ok = rows.single_without(pointer, index)
            expected = bounds_of_single(rows.over(frozenset({pointer}), without=relation), pointer)
            assert ok == expected[2], (pointer, index)
            if ok:  # the same rationals (a relation's bounds are not reduced)
                assert (_rational(lo), _rational(hi)) == tuple(map(_rational, expected[:2])), (pointer, index)


def _rational(bound: tuple[int, int] | None) -> Fraction | None:
    return None if bound is None else Fraction(*bound)


@settings(max_examples=200)
@given(groups())
def test_relations_write_the_templates_of_their_constraints(relations):
    """Each kind's constraints written in whole numbers (``whole_constraints``, read by ``Template.of_whole`` with
    the values as pairs) are the very templates of its fraction constraints (``Template.of``), whatever is freed."""
    figures = _figures_of(relations)
    values = {p: f.value for p, f in figures.items()}
    pairs = {p: (v.numerator, v.denominator) for p, v in values.items()}
    for relation in relations:
        for k in range(len(relation.pointers) + 1):
            for combo in itertools.combinations(relation.pointers, k):
                free = frozenset(combo)
                assert ([Template.of_whole(c, pairs) for c in relation.whole_constraints(values, free)]
                        == [Template.of(c, values) for c in relation.constraints(values, free)]), (relation, free)


@settings(max_examples=200)
@given(groups())
def test_bounds_written_directly_by_a_kind_are_those_of_its_templates(relations):
    """``Relation.alone`` (a part within a whole, an equality, a ratio: the bounds of a figure freed alone written
    directly) against ``bounds_alone`` on the relation's templates: the same consistency, the same rationals."""
    figures = _figures_of(relations)
    values = {p: f.value for p, f in figures.items()}
    pairs = {p: (v.numerator, v.denominator) for p, v in values.items()}
    written = 0
    for relation in relations:
        for pointer in relation.pointers:
            direct = relation.alone(pointer, pairs)
            if direct is None:
                continue
            written += 1
            free = relation.shaped_by(frozenset({pointer}))
            templates = [Template.of_whole(c, pairs) for c in relation.whole_constraints(values, free)]
            lo, hi, ok = bounds_alone(templates, pointer)
            assert direct[2] == ok, (relation, pointer)
            if ok:
                assert (_rational(direct[0]), _rational(direct[1])) == (_rational(lo), _rational(hi)), pointer
    assume(written)
