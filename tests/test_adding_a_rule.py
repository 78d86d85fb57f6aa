"""The README's "Adding a rule", followed end to end: a YAML file is all a new rule needs."""

import shutil
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.catalogue.store import Catalogue
from checker.decide.evaluate import evaluate
from checker.decide.examples import run_example
from checker.model.report import Report
from checker.render.rule_docs import rules_markdown
from tests.conftest import ROOT
from tests.strategies import broken, consistent_reports

NEW_RULE = textwrap.dedent("""\
    id: CS099
    name: trained-in-person-plus-online
    title:
      vi: Lượt tập huấn = trực tiếp + trực tuyến
      en: Training participants = in person + online
    category: consistency
    severity: error
    kind: sum
    params:
      whole: hr.trained
      parts: [hr.trained_in_person, hr.trained_online]
    rationale:
      vi: Mỗi lượt người được tập huấn hoặc trực tiếp hoặc trực tuyến.
      en: Every participant was trained either in person or online.
    references: []
    reads: [hr.trained, hr.trained_in_person, hr.trained_online]
    message:
      vi: "Tổng lượt tập huấn {whole} khác trực tiếp + trực tuyến {parts_sum} (chênh {diff})."
      en: "Training participants {whole} differ from in person + online {parts_sum} (difference {diff})."
    examples:
      - name: parts add up
        expect: silent
        report: {indicators: {hr.trained: {value: 30}, hr.trained_in_person: {value: 20},
                              hr.trained_online: {value: 10}}}
      - name: parts do not add up
        expect: fires
        report: {indicators: {hr.trained: {value: 30}, hr.trained_in_person: {value: 20},
                              hr.trained_online: {value: 9}}}
    lifecycle: {status: preview, since: 0.2.0}
    """)


def _catalogue_with_new_rule(tmp_path) -> Catalogue:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "consistency" / "CS099-trained-in-person-plus-online.yaml").write_text(NEW_RULE, encoding="utf-8")
    return Catalogue.load(rules_dir=rules)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> Catalogue:
    return _catalogue_with_new_rule(tmp_path_factory.mktemp("adding-a-rule"))


def test_a_new_rule_file_is_loaded_documented_and_its_examples_run(catalogue):
    rule = catalogue.rule("CS099")
    assert rule.lifecycle.status == "preview" and rule not in catalogue.active_rules()
    assert rule in catalogue.active_rules(preview=True)
    for example in rule.examples:
        ok, findings = run_example(rule, example, catalogue=catalogue)
        assert ok, (example.name, [f.message.vi for f in findings])
    assert "## CS099 trained-in-person-plus-online" in rules_markdown(catalogue.rules)


@settings(max_examples=25)
@given(consistent_reports(), st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=40),
       st.integers(min_value=1, max_value=50))
def test_the_new_rule_is_broken_from_its_kind_alone(catalogue, data, in_person, online, k):
    data["indicators"].update({"hr.trained": {"value": in_person + online},
                               "hr.trained_in_person": {"value": in_person},
                               "hr.trained_online": {"value": online}})
    consistency = [r for r in catalogue.rules if r.category == "consistency"]
    clean = evaluate(Report.model_validate(data), consistency, catalogue=catalogue).findings
    assert clean == []
    bad = broken(data, "CS099", k, rules=consistency)
    fired = {f.rule_id for f in evaluate(Report.model_validate(bad), consistency, catalogue=catalogue).findings}
    assert fired == {"CS099"}
