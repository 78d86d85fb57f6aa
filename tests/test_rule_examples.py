"""Every rule's documented examples are run: the catalogue cannot drift from behaviour."""

import pytest

from checker.catalogue.store import current
from checker.decide.examples import run_example
from checker.decide.messages import placeholders
from checker.render.rule_docs import rules_markdown
from tests.conftest import ROOT

CASES = [(rule, example) for rule in current().rules for example in rule.examples]


@pytest.mark.parametrize("backend", ["durable", "python"])
@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.id}-{e.expect}-{i}" for i, (r, e) in enumerate(CASES)])
def test_rule_example_behaves_as_documented(rule, example, backend):
    ok, findings = run_example(rule, example, backend=backend)
    assert ok, f"{rule.id} {example.name}: expected {example.expect}, got {[f.message.vi for f in findings]}"


@pytest.mark.parametrize("rule", current().rules, ids=lambda r: r.id)
def test_firing_message_fills_every_placeholder(rule):
    firing = [e for e in rule.examples if e.expect in ("fires", "not_met", "scored", "not_scored")]
    _, findings = run_example(rule, firing[0])
    assert findings
    for finding in findings:
        assert "{" not in finding.message.vi and "{" not in finding.message.en, finding.message
    assert placeholders(rule.message.vi) <= set(placeholders(rule.message.vi))


@pytest.mark.parametrize("rule", current().rules, ids=lambda r: r.id)
def test_rule_metadata_is_complete(rule):
    assert rule.title.vi and rule.title.en and rule.rationale.vi and rule.rationale.en
    assert rule.file and rule.file.startswith(rule.id + "-")
    assert (ROOT / "rules" / rule.category / rule.file).is_file()


def test_rule_ids_are_unique_and_stable_format():
    ids = [r.id for r in current().rules]
    assert len(ids) == len(set(ids))


def test_docs_rules_md_is_in_sync():
    expected = rules_markdown(current().rules)
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: run `python -m checker.render.rule_docs > docs/rules.md`"
