"""The JSON writer renders each finding once per distinct content: the same bytes as dumping every finding."""

from __future__ import annotations

from dataclasses import replace

import pytest

from checker.catalogue.store import current
from checker.decide.findings import json_form
from checker.decide.fingerprint import fingerprints
from checker.render.finding_json import FindingTexts
from checker.render.json_out import JsonWriter, _add_reading, evaluation_dict
from checker.render.stream import indent_block, json_text
from checker.run.baseline import report_json_key
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
    assert len(texts._seen) == 1
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
