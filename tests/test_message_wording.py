"""Messages read without a glossary: no internal codes, both places named when a value is stated twice."""

from __future__ import annotations

import re

import pytest

from checker.catalogue.store import current
from checker.run.batch import check_report
from tests.conftest import FIXTURES

INPUTS = [*sorted(FIXTURES.glob("*.json")), FIXTURES / "minh-duc-tu-ky-2023-h1.txt"]


@pytest.fixture(scope="module")
def findings():
    return [f for path in INPUTS for f in check_report(path).evaluation.findings]


def test_no_indicator_code_inside_a_message(findings):
    codes = set(current().indicators)
    for finding in findings:
        for text in (finding.message.vi, finding.message.en):
            words = set(re.findall(r"[a-z0-9_]+\.[a-z0-9_]+", text))
            assert not words & codes, (finding.rule_id, text)


def test_a_value_stated_twice_names_both_phrases(findings):
    twice = [f for f in findings if f.rule_id == "CS040"]
    assert twice
    for finding in twice:
        quotes = [item.quote for item in finding.evidence.items if item.quote]
        assert len(quotes) == 2
        for quote in quotes:
            assert " ".join(quote.split())[:20] in finding.message.vi
    assert any("100 % ở dòng 60 (“Đến nay, 100% văn bản đi, đến trao đổi”), nhưng 80 % ở dòng 78"
               in f.message.vi for f in twice)


def test_a_missing_indicator_names_its_stand_ins_by_label(findings):
    cp003 = [f.message.vi for f in findings if f.rule_id == "CP003"]
    assert any("cũng không nêu chỉ tiêu nào thay thế được (Số tài khoản thư điện tử công vụ đã cấp)" in m
               for m in cp003)
    assert not any("()" in m for m in cp003)
