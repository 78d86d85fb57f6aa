"""``count_outcomes`` (the batch's and ``checker summary``'s per-rule totals) against the plain counting loop."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from checker.decide.evaluate import count_outcomes

_REPORTS = st.lists(st.dictionaries(st.sampled_from(["CS001", "CS002", "CT010", "DX100"]),
                                    st.sampled_from(["fails", "holds", "not_checked"])), max_size=12)


@given(_REPORTS)
def test_counting_outcomes_is_the_plain_loop(reports):
    expected: dict[str, Counter[str]] = {}
    for outcomes in reports:  # the reference: what Tally.add and rule_counts did
        for rule_id, outcome in outcomes.items():
            expected.setdefault(rule_id, Counter())[outcome] += 1
    counts: dict[str, Counter[str]] = {}
    for outcomes in reports:
        count_outcomes(counts, outcomes)
    assert counts == expected
    assert list(counts) == list(expected)  # the same order: the summary lists rules as first seen
    assert all(list(counts[rule]) == list(expected[rule]) for rule in counts)
