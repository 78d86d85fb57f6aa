"""The durable_rules adapter: same decisions as plain Python, sessions cleaned, errors surfaced."""

import hashlib  # noqa: F401 - loads libcrypto first: the condition under which delete_state crashed

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.decide.conditions import Condition
from checker.decide.engine import DurableEngine, EngineError, durable_engine_for, fired_in_python

CONDITIONS = {
    "R1": {"default": Condition("abs_diff", ">", "$tolerance")},
    "R2": {"ge": Condition("observed", "<", "$threshold"), "le": Condition("observed", ">", "$threshold")},
    "R3": {"default": Condition("present", "==", 0)},
}

numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def facts(draw):
    result = []
    for fid in range(draw(st.integers(min_value=0, max_value=12))):
        rule = draw(st.sampled_from(sorted(CONDITIONS)))
        if rule == "R1":
            fact = {"abs_diff": abs(draw(numbers)), "tolerance": abs(draw(numbers)), "variant": "default"}
        elif rule == "R2":
            fact = {"observed": draw(numbers), "threshold": draw(numbers),
                    "variant": draw(st.sampled_from(["ge", "le"]))}
        else:
            fact = {"present": draw(st.sampled_from([0, 1])), "variant": "default"}
        result.append({**fact, "rule": rule, "fid": fid})
    return result


@given(facts())
def test_engine_decides_like_plain_python(batch):
    engine = durable_engine_for(CONDITIONS)
    assert engine.fired(batch) == fired_in_python(CONDITIONS, batch)


def test_engine_is_built_once_per_process():
    assert durable_engine_for(CONDITIONS) is durable_engine_for(dict(CONDITIONS))


def test_thousands_of_sessions_including_clean_ones():
    engine = durable_engine_for(CONDITIONS)
    clean = [{"present": 1, "variant": "default", "rule": "R3", "fid": 0}]
    dirty = [{"present": 0, "variant": "default", "rule": "R3", "fid": 0}]
    for index in range(3000):
        batch = dirty if index % 3 == 0 else clean
        assert engine.fired(batch) == ({0} if batch is dirty else set())
    assert engine.fired([]) == set()


def test_an_exception_in_an_action_surfaces():
    engine = DurableEngine({"BOOM": {"default": Condition("x", ">", 0)}})

    def explode(c):
        raise ValueError("boom")

    engine._record = explode  # type: ignore[method-assign]
    # the ruleset was registered with the bound method at construction; build a fresh one
    from durable.lang import get_host, m, ruleset, when_all

    with ruleset("checker_test_boom"):
        when_all(m.rule == "_session")(lambda c: None)
        when_all((m.rule == "BOOM") & (m.x > 0))(explode)
    engine.name = "checker_test_boom"
    engine._rules = get_host().get_ruleset(engine.name)
    with pytest.raises(EngineError, match="boom"):
        engine.fired([{"rule": "BOOM", "variant": "default", "x": 1, "fid": 0}])


def test_rule_count_limit_is_enforced():
    many = {f"R{i}": {"default": Condition("x", ">", 0)} for i in range(600)}
    with pytest.raises(EngineError, match="512"):
        DurableEngine(many)
