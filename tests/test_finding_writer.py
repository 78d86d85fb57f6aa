"""The fields' writer of a finding (checker.render.finding_writer) writes what pydantic writes, byte for byte.

Generated findings with awkward strings (quotes, backslashes, every control character, non-BMP characters,
U+2028, DEL), every kind of number (NaN, infinities, -0.0, tiny and huge floats, big ints) and values of
other types: whatever the writer writes is pydantic's text, and what it cannot write exactly it refuses
(Unwritable: the JSON writer lets pydantic write that finding).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.decide.findings import (
    Evidence,
    EvidenceItem,
    Finding,
    IntervalView,
    Message,
    ScoreView,
    SlipView,
    SuspectFigure,
    Suspects,
    TargetRef,
    WaiverRef,
    adapter,
)
from checker.render.finding_writer import Unwritable, compile_finding_writer

ODD = "\"\\/\x00\x01\x08\t\n\x0b\x0c\r\x1b\x1f\x7f\x85\u2028\u2029\ufeff\U0001f600\U00010000ạư€ "
texts = st.text(alphabet=st.one_of(st.sampled_from(ODD), st.characters(exclude_categories=("Cs",))), max_size=12)
optional_texts = st.one_of(st.none(), texts)
floats = st.one_of(st.floats(), st.sampled_from([0.0, -0.0, 1e-4, 9.999e-5, 1e16, 9999999999999998.0, 1.5e-7,
                                                 5e-324, 1e300, 96.28, 2.0 ** 53]))
plain_floats = st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: v == 0 or 1e-4 <= abs(v) < 1e16)
ints = st.one_of(st.integers(), st.integers(-10 ** 30, 10 ** 30))
anys: Any = st.one_of(st.none(), st.booleans(), ints, floats, texts, st.lists(st.integers(), max_size=2))

TARGET = TargetRef(id="T1", document="1/QĐ \"x\"", issuer="UBND", title="Tỷ lệ\n", quote="q\\", confidence="high",
                   confidence_text="cao", layer="national", year=2025, kind="share", binding=True, comparator=">=",
                   threshold=80.0, file="targets/x.yaml", overrides=["a", "b"])


def _message(text: Any = texts) -> Any:
    return st.builds(Message, vi=text, en=text)


def _suspects(line: Any) -> Any:
    figure = st.builds(SuspectFigure, pointer=texts, written=texts, label=texts, line=st.one_of(st.none(), line))
    slip = st.builds(SlipView, pointer=texts, written=texts, meant=texts, kind=texts)
    return st.builds(Suspects, sets=st.lists(st.lists(figure, max_size=3), max_size=3),
                     size=st.one_of(st.none(), line), reasoning=_message(), slips=st.lists(slip, max_size=2))


def _findings(value: Any, number: Any, line: Any) -> Any:
    item = st.builds(EvidenceItem, name=texts, value=value, indicator=optional_texts, pointer=optional_texts,
                     line=st.one_of(st.none(), line), quote=optional_texts, parsed_from=optional_texts,
                     report=optional_texts)
    interval = st.builds(IntervalView, stated=texts, text=texts, distance=number)
    evidence = st.builds(Evidence, items=st.lists(item, max_size=4), computation=optional_texts,
                         interval=st.one_of(st.none(), interval),
                         suspects=st.one_of(st.none(), _suspects(line)))
    return st.builds(
        Finding, rule_id=texts, rule_name=texts, category=st.sampled_from(["target", "consistency", "scoring"]),
        severity=st.sampled_from(["error", "warning", "info"]),
        status=st.one_of(st.none(), st.sampled_from(["met", "not_met", "no_data"])), indicator=optional_texts,
        observed=value, expected=value, evidence=evidence, target=st.one_of(st.none(), st.just(TARGET)),
        message=_message(), pointer=optional_texts)


def _pydantic(finding: Finding, indent: str) -> str:
    """pydantic's ``indent=2`` text of the finding, indented by ``indent``, without its closing line."""
    text = indent + adapter(Finding).dump_json(finding, indent=2).decode().replace("\n", "\n" + indent)
    return text.removesuffix(f"\n{indent}}}")


def _target_text(indent: str) -> Any:
    return lambda target: adapter(TargetRef).dump_json(target, indent=2).decode().replace("\n", f"\n{indent}  ")


INDENTS = ["", "  ", "      ", "          "]


@settings(max_examples=300, deadline=None)
@given(_findings(anys, st.one_of(floats, ints, st.booleans()), st.one_of(ints, st.booleans())),
       st.sampled_from(INDENTS))
def test_what_the_writer_writes_is_what_pydantic_writes(finding, indent):
    import warnings

    write = compile_finding_writer(indent, _target_text(indent))
    try:
        written = write(finding)
    except Unwritable:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a value of the declared type: pydantic writes it without complaint
        assert written == _pydantic(finding, indent)


@settings(max_examples=300, deadline=None)
@given(_findings(st.one_of(st.none(), st.booleans(), ints, plain_floats, texts), plain_floats, ints),
       st.sampled_from(INDENTS))
def test_the_writer_writes_every_finding_of_json_values_itself(finding, indent):
    """Values of the declared types that Python writes as pydantic does: never left to pydantic."""
    write = compile_finding_writer(indent, _target_text(indent))
    assert write(finding) == _pydantic(finding, indent)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), 1.5e-7, 9.999e-05, 1e16, [1], (1,),
                                   {"a": 1}, object()])
def test_a_value_python_writes_otherwise_is_left_to_pydantic(value):
    write = compile_finding_writer("  ", _target_text("  "))
    base = Finding(rule_id="R", rule_name="r", category="target", severity="error", message=Message("v", "e"))
    from dataclasses import replace

    for copy in (replace(base, observed=value), replace(base, evidence=Evidence([EvidenceItem("n", value)])),
                 replace(base, evidence=Evidence(interval=IntervalView("a", "b", value)))):
        with pytest.raises(Unwritable):
            write(copy)


@pytest.mark.parametrize("change", [
    {"evidence": Evidence(interval=IntervalView("a", "b", 7))},  # an int in a float field: pydantic writes 7.0
    {"evidence": Evidence([EvidenceItem("n", 1, line=True)])},  # a bool in an int field
    {"rule_id": 7},  # not a str
    {"observed": 10 ** 5000},  # more digits than int.__repr__ converts; pydantic writes them
    {"message": "not a message"},
    {"score": ScoreView(document="d", article="a", quote="q", confidence="c", criterion="k", scored_as="xa",
                        ratio=0.5, reference=None, reference_source="s", points=1.0, max_points=2.0, formula=None,
                        data_period="p", data_as_of="o")},
    {"waiver": WaiverRef(reason="r", accepted_by="a", expires="2026-01-01", index=0)},
])
def test_fields_of_other_types_scores_and_waivers_are_left_to_pydantic(change):
    from dataclasses import replace

    base = Finding(rule_id="R", rule_name="r", category="target", severity="error", message=Message("v", "e"))
    with pytest.raises(Unwritable):
        compile_finding_writer("  ", _target_text("  "))(replace(base, **change))


def test_a_lone_surrogate_is_written_where_pydantic_refused_it():
    """Documented difference: the reader refuses lone surrogates in a report, so no checked report's finding
    holds one; pydantic refused to encode such a finding, the writer writes it (its UTF-8 encoding fails later).
    """
    from pydantic_core import PydanticSerializationError

    finding = Finding(rule_id="R", rule_name="r", category="target", severity="error", message=Message("\ud800", "e"))
    written = compile_finding_writer("", _target_text(""))(finding)
    assert '"vi": "\ud800"' in written
    with pytest.raises(UnicodeEncodeError):
        written.encode("utf-8")
    with pytest.raises(PydanticSerializationError):
        adapter(Finding).dump_json(finding)


def test_a_suspects_object_shared_by_findings_is_written_the_same_in_each():
    reasoning = Message("lý do", "why")
    suspects = Suspects(sets=[[SuspectFigure("/a", "1", "A", 3)]], size=1, reasoning=reasoning)
    base = Finding(rule_id="R", rule_name="r", category="consistency", severity="error", message=Message("v", "e"),
                   evidence=Evidence(suspects=suspects))
    write = compile_finding_writer("    ", _target_text("    "))
    first = write(base)
    from dataclasses import replace

    other = replace(base, rule_id="S")
    assert write(other) == first.replace('"R"', '"S"', 1) == _pydantic(other, "    ")
    equal = replace(base, evidence=Evidence(suspects=replace(suspects)))  # an equal object: written again
    assert write(equal) == first
