"""The durable_rules adapter: same decisions as plain Python, sessions cleaned, errors surfaced."""

import hashlib  # noqa: F401 - loads libcrypto first: the condition under which delete_state crashed
import json
import operator
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.decide.conditions import Condition, encode_value
from checker.decide.engine import (
    OR_BRANCHES,
    SHARD_RULES,
    DurableEngine,
    EngineError,
    condition_definition,
    durable_engine_for,
    engine_event,
    engine_rules,
    event_keys,
    event_text,
    fired_in_python,
    rule_groups,
    ruleset_definition,
    shards_of,
    value_text,
)

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


def test_conditions_that_only_read_alike_get_engines_of_their_own():
    """``x == 0`` and ``x == "0"`` are described alike: the engine of one must not decide for the other."""
    number = durable_engine_for({"Q": {"default": Condition("x", "==", 0)}})
    text = durable_engine_for({"Q": {"default": Condition("x", "==", "0")}})
    assert number is not text and number.name != text.name
    assert durable_engine_for({"Q": {"default": Condition("x", "==", 0)}}) is number


def test_thousands_of_sessions_including_clean_ones():
    engine = durable_engine_for(CONDITIONS)
    clean = [{"present": 1, "variant": "default", "rule": "R3", "fid": 0}]
    dirty = [{"present": 0, "variant": "default", "rule": "R3", "fid": 0}]
    for index in range(3000):
        batch = dirty if index % 3 == 0 else clean
        assert engine.fired(batch) == ({0} if batch is dirty else set())
    assert engine.fired([]) == set()


class _FailingNative:
    """Stands in for the native module to drive the adapter's error paths."""

    def __init__(self, native, *, assert_error=None, message=None, delete_error=None):
        self._native, self._assert_error, self._message = native, assert_error, message
        self._delete_error = delete_error
        self.deleted = []

    def create_ruleset(self, name, definition):
        return self._native.create_ruleset(name, definition)

    def assert_events(self, handle, text):
        if self._assert_error:
            raise Exception(self._assert_error)  # what the C extension raises
        return (0, 1)

    def start_action_for_state(self, handle, state):
        return ("{}", self._message)

    def complete_and_start_action(self, handle, state):
        return None

    def delete_state(self, handle, sid):
        self.deleted.append(sid)
        if self._delete_error:
            raise Exception(self._delete_error)


def test_an_engine_error_surfaces_and_the_session_is_still_deleted():
    engine = DurableEngine({"BOOM": {"default": Condition("x", ">", 0)}})
    stub = _FailingNative(engine._native, assert_error="Could not assert events, error code: 301")
    engine._native = stub
    with pytest.raises(EngineError, match="301"):
        engine.fired([{"rule": "BOOM", "variant": "default", "x": 1, "fid": 0}])
    assert len(stub.deleted) == 1


OPENED = '{"_session":[{"m":{"_session": 0}}]}'
"""An action as durable_rules writes it: the sentinel's rule fired on the sentinel alone."""


def test_an_action_naming_another_rule_than_its_fact_is_an_engine_error():
    engine = DurableEngine({"BOOM": {"default": Condition("x", ">", 0)}})
    wrong = '{"_session":[{"m":{"id":0,"OTHER:default":0,"x":1}}]}'
    engine._native = _FailingNative(engine._native, message=wrong)
    with pytest.raises(EngineError, match="OTHER"):
        engine.fired([{"rule": "BOOM", "variant": "default", "x": 1, "fid": 0}])


READ = '{"_session":[{"m":{"id":0,"when:0":0,"x":1}},{"m":{"_session": 0}}]}'
"""The action durable_rules writes for BOOM's fact 0 (x = 1) and the sentinel: the rule holding both fired."""


@pytest.mark.parametrize("message", [
    READ.replace('"x":1', '"x":2'),  # not the text sent
    READ.replace('"id":0', '"id":1'),  # an event never sent
    READ.replace('_session":[', 'any:1":['),  # a rule the ruleset does not hold
    READ[:-2],  # cut short
    READ.replace("}},{", "}}{"),  # no comma between frames
    READ.replace(":", ": ").replace(",", ", "),  # the same JSON, not as the engine writes it
])
def test_an_action_is_read_exactly_as_the_engine_writes_it_or_not_at_all(message):
    """read_action reads durable_rules' own text of an action; any other text is an EngineError, never a guess."""
    fact = [{"rule": "BOOM", "variant": "default", "x": 1, "fid": 0}]
    engine = DurableEngine({"BOOM": {"default": Condition("x", ">", 0)}})
    engine._native = _FailingNative(engine._native, message=READ)
    assert engine.fired(fact) == {0}
    engine._native = _FailingNative(engine._native._native, message=message)
    with pytest.raises(EngineError):
        engine.fired(fact)


def test_a_session_whose_opening_fact_was_not_handled_is_an_engine_error():
    engine = DurableEngine({"BOOM": {"default": Condition("x", ">", 0)}})
    engine._native = _FailingNative(engine._native, message=None)
    with pytest.raises(EngineError, match="opening"):
        engine.fired([{"rule": "BOOM", "variant": "default", "x": 0, "fid": 0}])


def test_the_engine_runs_no_threads():
    before = threading.active_count()
    engine = DurableEngine({"QUIET": {"default": Condition("x", ">", 0)}})
    assert engine.fired([{"rule": "QUIET", "variant": "default", "x": 1, "fid": 7}]) == {7}
    assert threading.active_count() == before


@given(st.one_of(st.floats(), st.integers(min_value=-(10**20), max_value=10**20)))
def test_encoded_numbers_never_use_exponents_nan_or_infinity(number):
    """In a batch the engine silently skips an event it cannot parse: the encoding must never write one."""
    text = json.dumps(encode_value(number), allow_nan=False)
    assert not set(text) & set("eEnN"), text


def test_rule_sets_past_one_rulesets_limit_are_split_and_decided_like_python():
    """durable_rules hangs at 512 rules in one ruleset: 600 are split into rulesets of SHARD_RULES."""
    many = {f"R{i:03d}": {"default": Condition("x", ">", i)} for i in range(600)}
    assert [len(shard) for shard in shards_of(engine_rules(many))] == \
        [SHARD_RULES] * (600 // SHARD_RULES) + [600 % SHARD_RULES]
    engine = DurableEngine(many)
    batch = [{"rule": f"R{i:03d}", "variant": "default", "x": (i * 7) % 600, "fid": i} for i in range(600)]
    assert engine.fired(batch) == fired_in_python(many, batch)


def test_rules_with_the_same_condition_share_one_engine_rule_and_only_the_same():
    """One engine rule per distinct condition as the engine receives it: ``x == 0`` and ``x == False`` are
    equal Condition objects but not the same test, and stay two engine rules."""
    conditions = {f"R{i}": {f"v{j}": Condition("x", ">", j) for j in range(5)} for i in range(20)}
    conditions["Z0"] = {"default": Condition("x", "==", 0)}
    conditions["Z1"] = {"default": Condition("x", "==", False)}
    rules = engine_rules(conditions)
    assert len(rules) == 7 and len({name for name, _condition in rules.values()}) == 7
    assert all(len(shard) <= 3 for shard in shards_of(rules, size=3))
    engine = DurableEngine(conditions)
    assert engine.rule_count == 7 and engine.ruleset_count == 1
    batch = [{"rule": f"R{i}", "variant": f"v{j}", "x": (i + j) % 6, "fid": 5 * i + j}
             for i in range(20) for j in range(5)]
    batch += [{"rule": "Z0", "variant": "default", "x": 0, "fid": 100},
              {"rule": "Z1", "variant": "default", "x": 0, "fid": 101}]
    assert engine.fired(batch) == {fid for fid in range(100) if (fid // 5 + fid % 5) % 6 > fid % 5} | \
        engine.fired(batch[-2:])


def test_a_fact_of_no_known_rule_is_an_engine_error_not_silence():
    with pytest.raises(EngineError, match="NOPE"):
        durable_engine_for(CONDITIONS).fired([{"rule": "NOPE", "variant": "default", "x": 1, "fid": 0}])


def test_an_action_that_is_not_a_list_of_events_is_an_engine_error():
    engine = DurableEngine({"BOOM": {"default": Condition("x", ">", 0)}})
    engine._native = _FailingNative(engine._native, message='{"BOOM:default": {"m": {"BOOM:default": 0}}}')
    with pytest.raises(EngineError, match="not a list"):
        engine.fired([{"rule": "BOOM", "variant": "default", "x": 1, "fid": 0}])


def test_a_session_that_cannot_be_deleted_retires_its_ruleset():
    """Every report's session of a ruleset has the same name: one left in place must never reach the next report."""
    engine = DurableEngine({"BOOM": {"default": Condition("x", ">", 0)}})
    engine._native = _FailingNative(engine._native, message=OPENED,
                                    delete_error="Could not delete state, error code: 101")
    fact = [{"rule": "BOOM", "variant": "default", "x": 1, "fid": 0}]
    assert engine.fired(fact) == set()  # decided (by the stub); its session could not be deleted
    with pytest.raises(EngineError, match="could not clear a session"):
        engine.fired(fact)


def test_no_session_to_delete_is_not_an_error():
    engine = DurableEngine({"BOOM": {"default": Condition("x", ">", 0)}})
    engine._native = _FailingNative(engine._native, message=OPENED,
                                    delete_error="Could not delete state, error code: 309")
    fact = [{"rule": "BOOM", "variant": "default", "x": 1, "fid": 0}]
    assert engine.fired(fact) == engine.fired(fact) == set()


class _CountingNative:
    """The native module, counting the actions taken and recording the events sent."""

    def __init__(self, native):
        self._native, self.actions, self.sent = native, 0, []

    def __getattr__(self, name):
        return getattr(self._native, name)

    def assert_events(self, handle, text):
        self.sent.extend(json.loads(text))
        return self._native.assert_events(handle, text)

    def start_action_for_state(self, handle, state):
        action = self._native.start_action_for_state(handle, state)
        self.actions += action is not None
        return action

    def complete_and_start_action(self, handle, state):
        message = self._native.complete_and_start_action(handle, state)
        self.actions += message is not None
        return message


def test_a_rule_hands_over_all_the_events_it_fired_on_in_one_action():
    engine = DurableEngine({"MANY": {"default": Condition("x", ">", 0)}, "FEW": {"default": Condition("x", "<", 0)}})
    counting = _CountingNative(engine._native)
    engine._native = counting
    batch = [{"rule": "MANY", "variant": "default", "x": 1, "fid": i} for i in range(40)]
    batch += [{"rule": "FEW", "variant": "default", "x": x, "fid": fid} for fid, x in ((40, -1), (41, 1))]
    assert engine.fired(batch) == set(range(41))
    assert counting.actions == 1  # the opening, MANY (its facts, all alike) and FEW (1 event): one rule's alternatives
    assert len(counting.sent) == 4  # the opening, MANY's 40 facts asking one question, FEW's two


def test_conditions_on_constants_are_alternatives_of_few_rules_and_field_comparisons_rules_of_their_own():
    """The sentinel and conditions on constants share native rules, OR_BRANCHES to a rule; a comparison of two
    fields is a rule of its own: one action per fired rule, and the decision each condition's own."""
    conditions = {f"C{i:02d}": {"default": Condition("x", ">", i)} for i in range(20)}
    conditions |= {"F1": {"default": Condition("x", ">", "$y")}, "F2": {"default": Condition("x", "<", "$y")}}
    rules = engine_rules(conditions)
    groups = rule_groups(rules.values())
    assert [len(alternatives) for alternatives in groups.values()] == [OR_BRANCHES, 21 - OR_BRANCHES, 1, 1]
    assert list(groups)[:2] == ["_session", "any:1"]
    assert list(groups.items())[2:] == [(name, [(name, condition)]) for name, condition in rules.values()
                                        if condition.right_is_field]
    engine = DurableEngine(conditions)
    counting = _CountingNative(engine._native)
    engine._native = counting
    batch = [{"rule": f"C{i:02d}", "variant": "default", "x": 10, "fid": i} for i in range(20)]
    batch += [{"rule": rule, "variant": "default", "x": 1, "y": 2, "fid": fid}
              for fid, rule in ((20, "F1"), (21, "F2"))]
    assert engine.fired(batch) == fired_in_python(conditions, batch) == set(range(10)) | {21}
    assert counting.actions == 2  # the first rule (the opening and C00..C09 fired) and F2; any:1 and F1 did not fire


def test_events_carry_only_their_rules_marker_and_the_values_its_condition_reads():
    engine = DurableEngine({"R2": CONDITIONS["R2"], "R3": CONDITIONS["R3"]})
    counting = _CountingNative(engine._native)
    engine._native = counting
    facts = [(0, "R2", "ge", {"observed": 1.23456, "threshold": 2, "unread": float("nan"), "label": "x"}),
             (1, "R3", "default", {"present": 0, "note": "not read"})]
    assert engine.decide(facts) == {0, 1}
    assert counting.sent[1:] == [{"id": 0, "when:0": 0, "observed": 1.2346, "threshold": 2},
                                 {"id": 1, "when:2": 0, "present": 0}]
    with pytest.raises(Exception, match="309"):  # the report's session was deleted
        engine._native.get_state(engine._handle(0), "0")


@st.composite
def engine_facts(draw):
    """Facts in the engine's own shape, (fid, rule, variant, values), values holding fields no condition reads too."""
    result = []
    for fid, fact in enumerate(draw(facts())):
        values = {key: value for key, value in fact.items() if key not in ("rule", "variant", "fid")}
        if draw(st.booleans()):
            values["unread"] = draw(st.one_of(numbers, st.text(max_size=3), st.none()))
        result.append((fid * 3, fact["rule"], fact["variant"], values))
    return result


@given(engine_facts())
def test_decide_on_the_engines_fact_shape_is_plain_python(batch):
    engine = durable_engine_for(CONDITIONS)
    expected = {fid for fid, rule, variant, values in batch if CONDITIONS[rule][variant].holds(values)}
    assert engine.decide(batch) == expected
    assert engine.decide(iter(batch)) == expected  # a generator, as evaluate passes it


field_names = st.text(min_size=1, max_size=8).filter(lambda name: name != "sid" and ":" not in name)
event_values = st.one_of(st.floats(), st.integers(min_value=-(10**20), max_value=10**20), st.booleans(), st.none(),
                         st.text(max_size=6))


@given(st.dictionaries(field_names, event_values, max_size=4), st.lists(field_names, max_size=4, unique=True),
       st.integers(min_value=0, max_value=10**6))
def test_an_events_text_is_the_json_of_the_event(values, fields, fid):
    """What is sent is what engine_event describes: same members and values, numbers written as json writes them."""
    name = "R:default"
    text = event_text(fid, values, event_keys(name, tuple(fields)))
    event = engine_event(fid, values, name, tuple(fields))
    assert json.loads(text) == event
    assert text == json.dumps(event, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


@given(event_values)
def test_a_values_text_is_the_json_of_its_encoded_value(value):
    """``value_text`` (its own path for ints and floats) writes what the JSON encoder writes for ``encode_value``."""
    assert value_text(value) == json.dumps(encode_value(value), ensure_ascii=False, allow_nan=False)


class _RecordingNative(_CountingNative):
    """The native module, recording the text of every batch of events as sent."""

    def __init__(self, native):
        super().__init__(native)
        self.texts = []

    def assert_events(self, handle, text):
        self.texts.append(text)
        return super().assert_events(handle, text)


@given(engine_facts())
def test_decide_sends_the_text_event_text_writes(batch):
    """decide writes each event itself: byte for byte :func:`event_text` of the facts it sends, in order."""
    engine = durable_engine_for(CONDITIONS)
    recording = _RecordingNative(engine._native)
    engine._native = recording
    try:
        engine.decide(batch)
    finally:
        engine._native = recording._native
    by_fid = {fid: (rule, variant, values) for fid, rule, variant, values in batch}
    for text in recording.texts:
        events = json.loads(text)
        expected = [json.dumps(events[0])]
        for event in events[1:]:
            rule, variant, values = by_fid[event["id"]]
            _index, name, left, right, *_texts = engine._route[rule, variant]
            fields = (left,) if right is None else (left, right)
            expected.append(event_text(event["id"], values, event_keys(name, fields)))
        assert text == "[" + ",".join(expected) + "]"


conditions_drawn = st.builds(
    Condition, st.text(min_size=1, max_size=6).filter(lambda name: not name.startswith("$")),
    st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
    st.one_of(numbers, st.integers(min_value=-(10**6), max_value=10**6), st.booleans(), st.text(max_size=4)))


@given(conditions_drawn)
def test_a_conditions_definition_is_what_durable_lang_writes(condition):
    from durable.lang import m

    assert condition_definition(condition) == condition.to_durable(m).define()


def test_the_catalogues_rulesets_are_what_durable_lang_writes():
    """The definitions sent to create_ruleset, written without durable.lang, are those durable.lang's objects write."""
    from durable.lang import m

    from checker.catalogue.store import current
    from checker.decide.plan import plan_for

    rules = engine_rules(plan_for(current()).conditions)
    expected = {}
    for name, alternatives in rule_groups(rules.values()).items():
        tests = [m._session >= 0 if condition is None else (getattr(m, marker) >= 0) & condition.to_durable(m)
                 for marker, condition in alternatives]
        expression = tests[0]
        for test in tests[1:]:
            expression = expression | test
        expected[name] = {"all": [{"m": expression.define()}], "cap": 1000}
    assert ruleset_definition(rules.values()) == expected
    assert len(expected) == 14 and sum(map(len, rule_groups(rules.values()).values())) == 29  # 28 conditions, sentinel


alike_numbers = [0, 0.0, -0.0, 1, 1.0, True, False, None, 2.00001, 2.00004, [1], 10**16, 1e16]
alike_values = st.sampled_from([*alike_numbers, "1"])


@st.composite
def facts_alike(draw):
    """Facts of two rules sharing conditions, with values equal across types (1, 1.0, True, "1") and lists.

    A string is not compared with the constant 1: durable_rules compares a string with a number constant over a
    length it never sets (``reduceProperties``, case ``OP_STRING_INT``, reads the constant's ``valueLength``, left
    as the stack held it), so its answer to ``"1" == 1`` depends on what ran before, in a batch or alone (and
    differs from Python's).  No condition of the catalogue compares a string with a number.
    """
    shared = {"A": {"default": Condition("x", "==", 1), "two": Condition("x", "<", "$y")},
              "B": {"default": Condition("x", "==", 1), "two": Condition("x", "<", "$y")}}
    batch = []
    for fid in range(draw(st.integers(min_value=0, max_value=14))):
        variant = draw(st.sampled_from(["default", "two"]))
        drawn = alike_values if variant == "two" else st.sampled_from(alike_numbers)
        values = {key: draw(drawn) for key in draw(st.sets(st.sampled_from(["x", "y"])))}
        batch.append((fid, draw(st.sampled_from("AB")), variant, values))
    return shared, batch


@given(facts_alike())
def test_facts_asking_the_same_question_are_decided_as_if_asked_alone(drawn):
    """A report's facts with the same engine rule and equal values are sent once: the decision is each fact's own."""
    conditions, batch = drawn
    engine = durable_engine_for(conditions)
    alone = set().union(*(engine.decide([fact]) for fact in batch))
    assert engine.decide(batch) == alone


def test_a_report_of_the_bundled_catalogue_opens_one_session():
    """The catalogue's 255 (rule, variant) pairs share 28 conditions: one ruleset, one session a report."""
    from pathlib import Path

    from checker.catalogue.store import current
    from checker.decide.evaluate import engine_facts, probes_for
    from checker.decide.plan import plan_for
    from checker.read.inputs import read_input

    catalogue = current()
    plan = plan_for(catalogue)
    engine = durable_engine_for(plan.conditions)
    counting = _CountingNative(engine._native)
    engine._native = counting
    try:
        report = read_input(Path(__file__).parent.parent / "fixtures" / "chi-lang-nam-thanh-mien-2023.json").report
        probes = probes_for(report, plan, catalogue)
        decided = engine.decide(engine_facts(probes))
    finally:
        engine._native = counting._native
    assert engine.ruleset_count == 1
    assert counting.sent[0] == {"_session": 0} and sum("_session" in event for event in counting.sent) == 1
    assert decided == {index for index, probe in enumerate(probes)
                       if probe.fact is not None and plan.conditions[probe.rule_id][probe.variant].holds(probe.fact)}
compared_values = st.one_of(st.floats(), st.integers(min_value=-(10**20), max_value=10**20), st.booleans(),
                            st.sampled_from([1e15, -1e15, 1e15 + 2, 0.00005, 0.00015, -0.00005, 2.5, 10**15,
                                             10**15 + 1]))


@given(st.sampled_from(sorted(["<", "<=", ">", ">=", "==", "!="])), compared_values, compared_values,
       st.booleans())
def test_compiled_condition_is_the_comparison_of_encoded_values(op, left, right, against_field):
    """``Condition.test`` (a closure built once) decides as its definition: ``op`` on the encoded values."""
    ops = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
           "!=": operator.ne}
    condition = Condition("left", op, "$right" if against_field else right)
    fact = {"left": left, "right": right}
    expected = ops[op](encode_value(left), encode_value(right) if against_field else right)
    assert condition.test(fact) is bool(expected)
    assert condition.holds(fact) is bool(expected)
