"""The per-rule pages docs/rules/<ID>.md: generated, in sync, and what SARIF and the CLI link to."""

from checker.catalogue.store import current
from checker.render.rule_docs import rule_doc_uri, rule_pages
from tests.conftest import ROOT

PAGES = ROOT / "docs" / "rules"


def test_every_rule_page_is_in_sync_and_no_page_is_stale():
    expected = rule_pages(current())
    actual = {path.name: path.read_text(encoding="utf-8") for path in PAGES.glob("*.md")}
    assert set(actual) == set(expected), "run `python -m checker.render.rule_docs --pages docs/rules`"
    stale = [name for name in expected if actual[name] != expected[name]]
    assert not stale, f"stale pages {stale[:5]}: run `python -m checker.render.rule_docs --pages docs/rules`"


def test_a_target_rule_page_has_lifecycle_examples_and_the_targets_it_reads():
    page = rule_pages(current())["TG001.md"]
    assert page.startswith("# TG001 — Chỉ tiêu")  # Vietnamese first
    assert "ổn định / stable" in page
    assert "qd749-workfiles-online-xa-2025" in page and "≥ 60 %" in page
    assert page.count("```json") == len(current().rule("TG001").examples)


def test_a_consistency_rule_page_says_it_reads_no_target():
    rule = next(r for r in current().rules if r.category == "consistency")
    assert "reads no target" in rule_pages(current())[f"{rule.id}.md"]


def test_doc_uri_uses_the_configured_base_or_the_page_in_the_checkout():
    assert rule_doc_uri("CS030", "https://example.org/docs/rules/") == "https://example.org/docs/rules/CS030.md"
    local = rule_doc_uri("CS030")
    assert local is not None and local.startswith("file:") and local.endswith("/docs/rules/CS030.md")
    assert rule_doc_uri("XX999") is None
