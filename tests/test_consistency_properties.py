"""Property-based tests of the consistency rules over generated reports."""

import json
import random
from dataclasses import asdict
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from checker.catalogue.store import current
from checker.decide.evaluate import evaluate
from checker.model.report import Report
from tests.strategies import broken, consistent_reports

HISTORY_KINDS = {"halves_sum", "stock_not_falling", "copied_figures", "jump", "rollup_sum"}
# rules comparing a report with earlier ones (tests/test_history.py) or with its communes' reports
# (tests/test_rollup.py) never fire on one commune report alone
CONSISTENCY = [r for r in current().rules if r.category == "consistency" and r.kind not in HISTORY_KINDS]
CONSISTENCY_IDS = sorted(r.id for r in CONSISTENCY)


def consistency_ids(data, backend="durable"):
    findings = evaluate(Report.model_validate(data), CONSISTENCY, backend=backend).findings
    return sorted({f.rule_id for f in findings})


@given(consistent_reports())
def test_every_consistency_rule_can_be_broken_from_its_kind(data):
    """No hand-written breakers: every consistency rule's kind says how to break it."""
    unbreakable = [rule_id for rule_id in CONSISTENCY_IDS if broken(data, rule_id, 1) is None]
    # a ratio needs a non-zero denominator: the generated report may have received no dossier
    assert set(unbreakable) <= {"CS031"}, unbreakable


@given(consistent_reports())
def test_consistent_report_yields_no_consistency_finding(data):
    assert consistency_ids(data) == []


@given(consistent_reports(), st.sampled_from(CONSISTENCY_IDS), st.integers(min_value=1, max_value=50))
def test_breaking_one_relation_yields_exactly_that_rule(data, rule_id, k):
    bad = broken(data, rule_id, k)
    assume(bad is not None)
    assert consistency_ids(bad) == [rule_id]


@given(consistent_reports(), st.sampled_from(CONSISTENCY_IDS), st.integers(min_value=1, max_value=50))
def test_engine_and_plain_python_agree(data, rule_id, k):
    bad = broken(data, rule_id, k)
    assume(bad is not None)
    assert consistency_ids(bad, "durable") == consistency_ids(bad, "python")


@given(consistent_reports(), st.sampled_from(CONSISTENCY_IDS), st.integers(min_value=1, max_value=50),
       st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_key_order_or_repetition(data, rule_id, k, rnd: random.Random):
    bad = broken(data, rule_id, k)
    assume(bad is not None)
    shuffled = json.loads(json.dumps(bad))
    items = list(shuffled["indicators"].items())
    rnd.shuffle(items)
    shuffled["indicators"] = dict(items)
    shuffled = dict(reversed(list(shuffled.items())))
    first = evaluate(Report.model_validate(bad)).findings
    again = evaluate(Report.model_validate(bad)).findings
    other = evaluate(Report.model_validate(shuffled)).findings
    dump = [asdict(f) for f in first]
    assert dump == [asdict(f) for f in again] == [asdict(f) for f in other]


def test_quoting_a_retired_target_is_broken_with_a_target_of_the_unit_s_own_province():
    """CS065's breaker quotes a target retired for the report's unit, never another province's.

    Found by the property test above: the breaker took Hải Dương's plan target for a Hải Phòng
    commune, which that commune's rule rightly ignores, so the "broken" report fired nothing.
    """
    data = json.loads((Path(__file__).parent.parent / "fixtures" / "chi-lang-nam-thanh-mien-2023.json")
                      .read_text(encoding="utf-8"))
    for k in (1, 2, 25):
        bad = broken(data, "CS065", k)
        assert bad is not None
        assert "CS065" in consistency_ids(bad)
