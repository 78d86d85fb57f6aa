"""The JSON writer renders each finding object once, from its fields: the same bytes as dumping every finding."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from checker.catalogue.store import current
from checker.decide.findings import Finding, adapter, json_form
from checker.decide.fingerprint import about_text, fingerprints
from checker.render.finding_json import FindingTexts, identity_text
from checker.render.json_out import JsonWriter, _add_reading, evaluation_dict
from checker.render.stream import indent_block, json_text
from checker.run.baseline import IDENTITY_FIELDS, report_json_key
from checker.run.batch import Checked, CheckSettings, check_report
from tests.conftest import FIXTURES

SOURCES = sorted(FIXTURES.glob("*.json")) + sorted(FIXTURES.glob("*.txt"))[:2]


@pytest.fixture(scope="module")
def checked() -> list[Checked]:
    items = [check_report(path, CheckSettings(backend="python")) for path in SOURCES]
    assert all(isinstance(item, Checked) for item in items)
    return items  # type: ignore[return-value]


def _reference(writer: JsonWriter, item: Checked) -> str:
    """What the writer wrote before findings were rendered once: every finding dumped to a dict, then encoded."""
    result = evaluation_dict(item.evaluation, item.path.as_posix(), item.extracted, item.baseline)
    _add_reading(result, item)
    return indent_block(json_text(result), writer._indent)


@pytest.mark.parametrize("limit", [2048, 1])
def test_a_fragment_is_the_dumped_dict_byte_for_byte(checked, limit):
    writer = JsonWriter(current())
    writer._findings.limit = limit  # a cache emptied at every finding gives the same text
    assert any(item.extracted for item in checked)  # a document's reading is written too
    for _ in range(2):  # the second time from the cache
        for item in checked:
            assert writer.fragment(item) == _reference(writer, item)


def test_the_baseline_state_is_written_per_finding(checked):
    item = checked[0]
    prints = fingerprints(report_json_key(item.evaluation),
                          [json_form(f) for f in item.evaluation.findings])
    half = Checked(item.path, item.evaluation, item.read, frozenset(prints[::2]))
    writer = JsonWriter(current())
    text = writer.fragment(half)
    assert text == _reference(writer, half)
    assert text.count('"baseline": "unchanged"') == len(prints[::2])
    assert text.count('"baseline": "new"') == len(prints) - len(prints[::2])


def test_one_finding_in_two_reports_shares_its_text_not_its_fingerprint(checked):
    texts = FindingTexts("    ")
    finding = checked[0].evaluation.findings[0]
    one = texts.findings_json("unit-a@2023-year-None", [finding, finding], None)
    other = texts.findings_json("unit-b@2023-year-None", [finding], None)
    assert len(texts._by_object) == 1  # one finding object, one entry
    assert one.count(":1\"") == 1 and one.count(":2\"") == 1  # the n-th of one identity in a report
    assert one.split(",\n    {")[0] != other  # another report, another fingerprint
    expected = fingerprints("unit-b@2023-year-None", [json_form(finding)])[0]
    assert f'"fingerprint": "{expected}"' in other


def test_an_empty_findings_list_is_written_as_before(checked):
    item = checked[0]
    bare = Checked(item.path, replace(item.evaluation, findings=[]), item.read)
    writer = JsonWriter(current())
    assert writer.fragment(bare) == _reference(writer, bare)
    assert '"findings": []' in writer.fragment(bare)


def test_fingerprints_from_the_identity_fields_alone_are_those_of_the_whole_findings(checked):
    from checker.run.baseline import evaluation_fingerprints

    for item in checked:
        whole = [json_form(f) for f in item.evaluation.findings]
        assert evaluation_fingerprints(item.evaluation) == evaluation_fingerprints(item.evaluation, whole)


def _variants(finding: Finding) -> list[Finding]:
    """Copies of ``finding`` whose values are equal in Python but written differently in JSON."""
    copies = [replace(finding, observed=value) for value in (1, 1.0, True, 0.0, -0.0, Decimal("1.0"),
                                                             Decimal("1.00"), [1], "1", None)]
    if finding.evidence.items:
        first = finding.evidence.items[0]
        for value in (2, 2.0, -0.0, 0.0, False, 0):
            items = [replace(first, value=value), *finding.evidence.items[1:]]
            copies.append(replace(finding, evidence=replace(finding.evidence, items=items)))
    if finding.target is not None:
        copies.append(replace(finding, target=replace(finding.target, threshold=int(finding.target.threshold))))
        copies.append(replace(finding, target=replace(finding.target, year=True)))
        copies.append(replace(finding, target=replace(finding.target)))  # equal content, another object
    return copies


def test_the_writer_is_the_dumped_dict_for_awkward_copies(checked):
    item = checked[0]
    awkward = [copy for f in item.evaluation.findings[:20] for copy in _variants(f)]
    writer = JsonWriter(current())
    for findings in (awkward, awkward[::-1]):
        odd = Checked(item.path, replace(item.evaluation, findings=findings), item.read)
        assert writer.fragment(odd) == _reference(writer, odd)


def test_the_identity_text_from_the_fields_is_that_of_the_json_form(checked):
    real = [f for item in checked for f in item.evaluation.findings]
    for finding in real + [copy for f in real[:40] for copy in _variants(f)]:
        assert identity_text(finding) == about_text(json_form(finding, include=IDENTITY_FIELDS))


def _changed(value):
    """Another value of the same kind, with other JSON (None when there is no simple one)."""
    import datetime as dt

    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str):
        return value + "·"
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    return None


def _one_field_changed(obj, path=()):
    """Each copy of ``obj`` with one scalar field changed, anywhere inside it, with that field's (class, name)."""
    from dataclasses import fields, is_dataclass

    for spec in fields(obj):
        value = getattr(obj, spec.name)
        where = (type(obj).__name__, spec.name)
        if is_dataclass(value):
            for inner, place in _one_field_changed(value):
                yield replace(obj, **{spec.name: inner}), place
        elif isinstance(value, list | tuple) and value and is_dataclass(value[0]):
            for inner, place in _one_field_changed(value[0]):
                yield replace(obj, **{spec.name: type(value)([inner, *value[1:]])}), place
        elif (other := _changed(value)) is not None:
            yield replace(obj, **{spec.name: other}), where


def test_a_field_changed_anywhere_in_a_finding_is_written_as_pydantic_writes_it(checked):
    """The fields' writer lists the dataclasses' fields again: every copy of a fixture finding with one field
    changed anywhere (its evidence items, suspects, interval, message …) is written as pydantic writes it, and
    the writer wrote them itself (a field it did not know would differ), all but the few it leaves to pydantic.
    """
    from checker.render.finding_writer import Unwritable

    texts = FindingTexts("      ")
    covered, left = set(), 0
    for finding in [f for item in checked for f in item.evaluation.findings][::3]:
        for copy, where in _one_field_changed(finding):
            try:
                written = texts._write(copy)
            except Unwritable:
                left += 1
                continue
            assert written == texts._dumped(copy), where
            covered.add(where)
    assert {("Finding", "rule_id"), ("EvidenceItem", "quote"), ("IntervalView", "distance"), ("Message", "en"),
            ("TargetRef", "threshold")} <= covered  # suspects' figures and slips: tests/test_finding_writer.py
    assert left < len(covered)


@pytest.mark.parametrize("depth", [0, 1, 4, 5])
def test_a_finding_dumped_inside_lists_is_the_finding_dumped_alone_and_indented(checked, depth):
    """The writer cuts each finding's text out of a dump of the finding inside ``depth`` lists (already
    indented), its target's lines put back from the first finding of that target: the same text as dumping the
    finding alone and indenting every line, without its closing line.
    """
    indent = "  " * depth
    texts = FindingTexts(indent)
    findings = [f for item in checked for f in item.evaluation.findings]
    targets = [id(f.target) for f in findings if f.target is not None]
    assert len(set(targets)) < len(targets)  # later findings of a target get its text cut from an earlier one
    for finding in findings:
        alone = indent + adapter(Finding).dump_json(finding, indent=2).decode().replace("\n", "\n" + indent)
        assert texts._render(finding)[1] == alone.removesuffix(f"\n{indent}}}")
