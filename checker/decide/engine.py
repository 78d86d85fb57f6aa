"""The one adapter around durable_rules.

durable_rules is used the way ``shared/DURABLE_RULES.md`` says it must be: rulesets built
once per process; only single-fact rules (no joins); every derived quantity computed in
Python before a fact is asserted; one session per report and ruleset, deleted afterwards;
no threads.

The adapter talks to the engine's native module (``durable_rules_engine``) directly, not
through ``durable.lang``'s host:

- Each ruleset is created with ``create_ruleset`` from the JSON definition that
  ``durable.lang``'s own expression objects write (:func:`condition_definition` writes the
  same JSON without importing ``durable.lang``; tested equal), with one engine rule per
  *distinct condition* (:func:`engine_rules`): the 255 (rule id, variant) pairs of the
  catalogue share 28 conditions (the 40 target rules have the same five), and a condition
  decides a fact from the fact's values alone, whichever rule the fact belongs to.  The
  engine rules are split into rulesets of at most :data:`SHARD_RULES` (:func:`shards_of`),
  each built when a report's facts first need it (the catalogue's fit in one).  No host is
  made, so none of its two background dispatch threads runs next to the checker (they poll
  every ruleset for pending actions every 0.2 s, and the engine is not thread-safe).
- A report's facts are sent as *events*, in one ``assert_events`` call per ruleset.  Every
  event carries the property named after its engine rule (and no other rule's), so at
  most one engine rule can match it; an event matched by no rule is a fact that violates
  nothing.  Facts of a report that ask the same question (one engine rule, equal values:
  :meth:`DurableEngine.decide`) are sent once and fire together.  The host's batch problem
  (actions run late, on its thread) does not arise: there is no host; the actions the batch queued are taken at once,
  one by one (``start_action_for_state``, ``complete_and_start_action``), and each names the
  engine rule that fired and lists the events it fired on.  That list *is* the decision.
- No Python action runs and no exception is built per unmatched fact.
- An event carries only what its rule's condition reads (the marker and one or two values),
  built straight from the probe's fact (:meth:`DurableEngine.decide`), and every engine rule
  takes all the events it fired on in one action (``cap``): a report costs one native round
  trip per fired rule, not one per fired probe.
- Opening a session costs the engine time and memory for each native rule of its ruleset
  (~1,5 µs and ~10 KB a rule: its beta and action state, allocated and cleared), so the
  conditions on constants are not rules of their own but *alternatives* of a few rules
  (:func:`rule_groups`: ``$or``, :data:`OR_BRANCHES` to a rule, each alternative behind its
  own marker, the sentinel among them); only a condition comparing two fields, which
  durable_rules tests on the rule's whole sequence of tests, is a rule of its own.  The
  catalogue's 28 conditions are 14 native rules, not 29, and a report's fired conditions on
  constants come back in one or two actions.
- Each event carries its fid as its ``id`` (:data:`EVENT_ID`): an event without one is named
  by the engine, which sorts and hashes its properties and writes 20 digits, per event.
- An action is read as durable_rules writes it (:func:`read_action`), not decoded as JSON: its
  events are the very texts sent, and each is checked byte for byte against the text sent for
  its id; any other text is an :class:`EngineError`.

Measured here (not in the shared notes): ``delete_state`` segfaults on a session in
which *no* fact was handled when OpenSSL's libcrypto was loaded before the engine (any
``import hashlib`` does it, and pytest, pandas and hypothesis import it).  Every session
therefore opens with a sentinel event that a dedicated rule always handles; with it,
thousands of sessions are created and deleted without a crash (tests/test_engine.py).
In a batch, an event the engine cannot parse is skipped silently (a single ``assert_fact``
reports error 204), so the encoding is strict: numbers never in exponent notation
(:func:`checker.decide.conditions.encode_value`, property-tested) and no NaN or infinity.

durable_rules' native module is imported when the first engine is built, so that the plain-Python
decision path (``evaluate(..., backend="python")``) never loads it; ``durable.lang`` (its host,
~15–30 ms to import with ``inspect``, ``threading`` …) is never imported.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

from checker.decide.conditions import FACT_DECIMALS, FACT_LIMIT, INT_LIMIT, Condition, encode_value

SESSION_RULE = "_session"
SESSION_ID = "0"
"""The session of an event that names none: each report's session of a ruleset, opened by its first
event and deleted once its actions are taken, so the next report's session is a fresh one.  An
event without a ``sid`` property is one property shorter, and every property costs the engine a
lookup in the ruleset's table (measured: 20 % of the decision)."""
SHARD_RULES = 32
"""Conditions per native ruleset (durable_rules hangs at registration from 512 rules in one)."""
OR_BRANCHES = 14
"""Most alternatives (the sentinel and conditions on constants) one engine rule tests (``$or``): durable_rules keeps a
rule's tests in a sequence of at most 31 (error 113 from 32), and each alternative ``$and`` costs two of them (its
opening and its end), the ``$or`` two more."""
EVENT_ID = "id"
"""The property carrying an event's fid: durable_rules names every event by it, and computes a name (sorting and hashing
the properties, writing 20 digits) for an event that has none."""
ACTION_CAP = 1000
"""Most events one action of an engine rule carries: the engine queues every event a rule fired
on in a session and hands up to this many over in one action (durable_rules' ``cap``)."""
_NO_SESSION = 309
"""durable_rules' error code for a session that does not exist."""
_to_json = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


class EngineError(RuntimeError):
    """The rules engine failed on one report (the engine errored or answered unexpectedly)."""


RuleConditions = dict[str, dict[str, Condition]]
"""rule id -> variant -> condition under which the rule fires."""

EngineFact = tuple[int, str, str, Mapping[str, Any]]
"""What the engine decides on: (fid, rule id, variant, the values of the fact)."""

_ENGINES: dict[str, DurableEngine] = {}


_OPERATORS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}
"""durable_rules' name of each operator of a :class:`Condition` (``==`` is written ``{field: value}``)."""


def condition_definition(condition: Condition) -> dict[str, Any]:
    """The durable_rules definition of ``condition``: what ``condition.to_durable(m).define()`` of ``durable.lang``
    gives, built without importing ``durable.lang`` (tested equal on the catalogue's and on generated conditions).
    """
    right: Any = {"$m": condition.right[1:]} if condition.right_is_field else condition.right  # type: ignore[index]
    if condition.op == "==":
        return {condition.left: right}
    return {_OPERATORS[condition.op]: {condition.left: right}}


def condition_key(condition: Condition) -> tuple[str, str, str, str]:
    """What tells conditions apart as the engine receives them: the field, the operator and the right side's
    class and ``repr`` (``x == 0`` and ``x == False`` are equal :class:`Condition` objects but not the same
    test; ``-0.0`` and ``0.0`` are equal floats written differently), from which :func:`condition_definition`
    writes the same JSON.
    """
    right = condition.right
    return condition.left, condition.op, right.__class__.__qualname__, repr(right)


def engine_rules(conditions: RuleConditions) -> dict[tuple[str, str, str, str], tuple[str, Condition]]:
    """One engine rule per distinct condition (:func:`condition_key`) -> (engine rule name, condition).

    The rules are named ``when:0``, ``when:1`` … in order of first use by the rules in id and
    variant order.  A name holds ``:``, which no fact field may (``DurableEngine`` refuses one),
    so a rule's marker is never a fact's field.
    """
    rules: dict[tuple[str, str, str, str], tuple[str, Condition]] = {}
    for _rule_id, variants in sorted(conditions.items()):
        for _variant, condition in sorted(variants.items()):
            key = condition_key(condition)
            if key not in rules:
                rules[key] = (engine_rule_name(len(rules)), condition)
    return rules


def engine_rule_name(number: int) -> str:
    """The name of engine rule ``number``, and of the property marking its events."""
    return f"when:{number}"


Alternative = tuple[str, Condition | None]
"""One alternative of an engine rule: the marker an event carries and the condition it must meet (``None``: the
session's sentinel, which meets none)."""


def rule_groups(rules: Iterable[tuple[str, Condition]]) -> dict[str, list[Alternative]]:
    """The native rules of a ruleset holding ``rules`` (marker, condition): rule name -> its alternatives, in order.

    A condition on a constant is tested where an event enters the rule (durable_rules' alpha nodes), so many of
    them can be alternatives of one rule (``$or``), each behind its own marker: an event carries one marker,
    enters through its own alternative only and the rule fires on it exactly when that condition holds.  The
    sentinel and the conditions on constants are packed, in order, :data:`OR_BRANCHES` to a rule, the first named
    after the sentinel (:data:`SESSION_RULE`), the next ``any:1``, ``any:2`` …  A condition comparing two fields
    is a rule of its own, named after its marker: durable_rules tests a field against a field on the rule's whole
    sequence of tests, after an event has entered, so as an alternative it would decide the events of the rule's
    other alternatives too (and fail on their absent fields).  A session costs the engine time and memory for
    each rule (~1,5 µs and ~10 KB), so the catalogue's 28 conditions are 14 rules, not 29.
    """
    packed: list[Alternative] = [(SESSION_RULE, None)]
    alone: dict[str, list[Alternative]] = {}
    for name, condition in rules:
        if condition.right_is_field:
            alone[name] = [(name, condition)]
        else:
            packed.append((name, condition))
    groups = {SESSION_RULE if start == 0 else f"any:{start // OR_BRANCHES}": packed[start:start + OR_BRANCHES]
              for start in range(0, len(packed), OR_BRANCHES)}
    return groups | alone


def ruleset_definition(rules: Iterable[tuple[str, Condition]]) -> dict[str, Any]:
    """The durable_rules ruleset definition (the JSON ``durable.lang`` writes) of ``rules`` (marker, condition).

    One native rule per group of :func:`rule_groups`; an alternative holds when the event carries
    its marker (the property named after its condition, value 0) and the condition holds; the
    sentinel's when the event carries the sentinel's property.  A rule with one alternative tests
    it alone, one with more tests them as ``$or``.  Conditions are told apart by a property, not by
    a value (``rule == "CS051"``): the engine finds the tests of a property by hashing its name, but
    compares a value with every rule testing that property, so naming rules by value made each fact
    cost time in proportion to the number of rules (16 µs a fact at 255 rules, against 5 µs).

    Every rule hands over all the events it fired on in one action (``cap``,
    :data:`ACTION_CAP`), a list under the rule's name.
    """
    definition: dict[str, Any] = {}
    for name, alternatives in rule_groups(rules).items():
        expressions = [{"$gte": {marker: 0}} if condition is None
                       else {"$and": [{"$gte": {marker: 0}}, condition_definition(condition)]}
                       for marker, condition in alternatives]
        expression = expressions[0] if len(expressions) == 1 else {"$or": expressions}
        definition[name] = {"all": [{"m": expression}], "cap": ACTION_CAP}
    return definition


def shards_of(rules: Mapping[Any, tuple[str, Condition]], size: int = SHARD_RULES) -> list[list[tuple[str, Condition]]]:
    """The engine ``rules`` (of :func:`engine_rules`), in their order, split into groups of at most ``size``."""
    ordered = list(rules.values())
    return [ordered[start:start + size] for start in range(0, len(ordered), size)]


def engine_event(fid: int, values: Mapping[str, Any], name: str, fields: tuple[str, ...]) -> dict[str, Any]:
    """The event sent for fact ``fid`` of the condition marked ``name`` (in the session :data:`SESSION_ID`).

    It carries the fid as its id (:data:`EVENT_ID`), the marker ``name`` (value 0) and the encoded
    ``values`` of ``fields``, the fields the condition reads (the other values of a fact cannot
    change the decision); a field the fact lacks is left out, so the condition does not hold, as in
    the engine with any absent property.  The engine is sent this object's JSON text, written by
    :func:`event_text`.
    """
    event: dict[str, Any] = {EVENT_ID: fid, name: 0}
    for key in fields:
        if key in values:
            event[key] = encode_value(values[key])
    return event


EventKeys = tuple[str, tuple[tuple[str, str], ...]]
"""How the events of a condition are written: the text of its marker after the id (``,"<marker>":0``) and, for
each field the condition reads, the field and the text that introduces its value (``,"<field>":``)."""


def event_keys(name: str, fields: tuple[str, ...]) -> EventKeys:
    """The texts that write the events of the condition marked ``name``, which reads ``fields``."""
    return "," + _to_json(name) + ":0", tuple((key, "," + _to_json(key) + ":") for key in fields)


_EVENT_OPENING = "{" + _to_json(EVENT_ID) + ":"


def event_text(fid: int, values: Mapping[str, Any], keys: EventKeys) -> str:
    """The JSON text of :func:`engine_event` (same members, same numbers), written without building the object.

    An event is a handful of members, and building a dict per fact only to encode it cost about
    as much as the engine's work on it.  Numbers are written as ``json`` writes them (``repr``;
    :func:`encode_value` leaves none in exponent notation); any other value goes through the
    JSON encoder.  Property-tested equal to ``json.loads`` of the object's text.
    """
    marker, members = keys
    text = _EVENT_OPENING + str(fid) + marker
    for key, intro in members:
        if key in values:
            text += intro + value_text(values[key])
    return text + "}"


def value_text(value: Any) -> str:
    """The JSON text of ``value`` as the engine receives it: ``_value_text(encode_value(value))``.

    An int or float within ±10¹⁵ (nearly every value a condition reads) is written here without the two calls.
    """
    kind = value.__class__
    if kind is int:
        if -INT_LIMIT <= value <= INT_LIMIT:
            return int.__repr__(value)
    elif kind is float and -FACT_LIMIT <= value <= FACT_LIMIT:
        number = round(value, FACT_DECIMALS)
        return int.__repr__(int(number)) if number.is_integer() else float.__repr__(number)
    return _value_text(encode_value(value))


_Route = tuple[int, str, str, str | None, str, str, str]
"""How the engine receives the facts of one rule and variant (see ``DurableEngine._route``)."""


def _value_text(value: Any) -> str:
    """The JSON text of one encoded value."""
    kind = value.__class__
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return float.__repr__(value)  # finite: encode_value clamps; what json writes for a float
    try:
        return _to_json(value)
    except ValueError as exc:
        raise EngineError(f"durable_rules: a fact cannot be sent to the engine: {exc}") from exc


class _Absent:
    """The class of :data:`_ABSENT`."""


_ABSENT = _Absent()
"""In a decision key: a field the fact does not have."""
_ALONE = object()
"""In a decision key: a fact whose values are not compared (see :meth:`DurableEngine.decide`)."""
_PLAIN = frozenset({int, float, str, type(None), _Absent})
"""Classes whose equal values are encoded alike whatever their class (``1`` and ``1.0`` are both written ``1``,
``-0.0`` and ``0`` both ``0``): a value of theirs is its own decision key.  Not ``bool``: ``True == 1``, written
``true``."""
_KEYED = frozenset({int, float, str, bool, type(None), _Absent})
"""Classes whose equal values (of the same class) are always encoded alike (:func:`encode_value`: ``-0.0`` and
``0.0`` both become ``0``), so that equal values of theirs ask the engine the same question."""


_SESSION_TEXT = "[" + _to_json({SESSION_RULE: 0})
"""The opening of every batch: the session's sentinel event."""


class DurableEngine:
    """Native durable_rules rulesets built from rule conditions; one session per ruleset used per ``fired`` call.

    The conditions are split into rulesets of at most :data:`SHARD_RULES` conditions
    (:func:`shards_of`), each ruleset's native rules grouped by :func:`rule_groups`: a fact
    costs the engine time that grows with the rules of its ruleset, and a session's opening
    and deletion too, so each fact goes only to the ruleset holding its condition.
    """

    def __init__(self, conditions: RuleConditions, signature: str | None = None):
        """Prepare the rulesets of ``conditions`` (built on first use); ``signature``: :func:`_signature` of them."""
        signature = _signature(conditions) if signature is None else signature
        digest = hashlib.sha1(signature.encode()).hexdigest()[:12]
        self.name = f"checker_{digest}"
        rules = engine_rules(conditions)
        self.rule_count = len(rules)
        """Engine rules: one per distinct condition."""
        fields = {name for _name, condition in rules.values() for name in _fields(condition)}
        if fields & {"sid", EVENT_ID} or any(":" in name for name in fields):
            raise EngineError("a condition tests 'sid', 'id' or a name with ':': all are the engine's own")
        import durable_rules_engine as native

        self._native = native
        self._shards = shards_of(rules)
        self._handles: list[int | None] = [None] * len(self._shards)
        self._markers: list[dict[str, frozenset[str]]] = [
            {name: frozenset(marker for marker, _condition in alternatives)
             for name, alternatives in rule_groups(shard).items()} for shard in self._shards]
        """Per ruleset: native rule name -> the markers of its alternatives (what its actions may hold)."""
        routes = {}
        for index, shard in enumerate(self._shards):
            for name, condition in shard:
                fields_read = _fields(condition)
                marker, members = event_keys(name, fields_read)
                (left, left_intro), *rest = members
                right, right_intro = rest[0] if rest else (None, "")
                routes[name] = (index, name, left, right, marker, left_intro, right_intro)
        self._route: dict[tuple[str, str], _Route] = {
            (rule_id, variant): routes[rules[condition_key(condition)][0]]
            for rule_id, variants in conditions.items() for variant, condition in variants.items()}
        """(rule id, variant) -> (the ruleset of its condition, the condition's marker, the field it reads and
        the other it compares with if any, and the texts writing its events: :func:`event_keys`)."""
        self._unusable: set[int] = set()
        """Rulesets whose session could not be deleted (never seen; see ``_decide``)."""

    @property
    def ruleset_count(self) -> int:
        """How many native rulesets the conditions were split into."""
        return len(self._handles)

    @property
    def built_count(self) -> int:
        """How many of the native rulesets have been built so far (each is built when a fact first needs it)."""
        return sum(handle is not None for handle in self._handles)

    def _handle(self, index: int) -> int:
        """The native ruleset of shard ``index``, built on first use.

        A report's facts may reach only some shards, so a shard no fact has needed is never built.
        The ruleset's name and definition are the same whenever it is built; it is built once per
        process, as durable_rules requires.
        """
        handle = self._handles[index]
        if handle is None:
            definition = _to_json(ruleset_definition(self._shards[index]))
            try:
                handle = self._native.create_ruleset(f"{self.name}_{index}", definition)
            except Exception as exc:  # the C extension raises plain Exceptions with error codes
                raise EngineError(f"durable_rules could not build ruleset {self.name}_{index}: {exc}") from exc
            self._handles[index] = handle
        return handle

    def fired(self, facts: Iterable[dict[str, Any]]) -> set[int]:
        """Assert ``facts`` (dicts with rule, variant, fid and values) in fresh sessions; return fired fids."""
        return self.decide((fact["fid"], fact.get("rule", ""), fact.get("variant", ""), fact) for fact in facts)

    def decide(self, facts: Iterable[EngineFact]) -> set[int]:
        """Send ``facts`` to the engine, one fresh session per ruleset they reach; the fids of those that fired.

        Each fact becomes one event of its rule's ruleset (:func:`engine_event`), written straight
        from the fact (:func:`event_text`); the events of a ruleset go in one ``assert_events`` call.
        Facts of one engine rule whose read values are equal ask the engine the same question: only
        the first is sent, and the others of the report fire with it.  The event of a fact carries
        the rule's marker and the encoded values of the fields the rule's condition reads (one or
        two), and the condition reads nothing else, so the decision depends on the engine rule and
        those values only: the key, within the condition's marker.  A value of a class in
        :data:`_PLAIN` is its own key (equal ints and floats are written alike); one of another class in
        :data:`_KEYED` is keyed by its class and itself (``True == 1``, but is encoded ``true``), a field
        the fact lacks by :data:`_ABSENT`; a value of a class outside :data:`_KEYED` (a list, say) is not
        compared at all: the key holds the fid, the fact is asked alone.  A rule's facts come one after
        another, so a fact of the same rule and variant as the one before reuses its route.  The keys
        are the report's own: nothing is kept from one call to the next.
        """
        batches: dict[int, list[str]] = {}
        texts: dict[int, tuple[str, str]] = {}
        """fid of an event sent -> (its text, its marker): what an action must hold, byte for byte."""
        asked: dict[str, dict[Hashable, list[int]]] = {}
        """marker -> decision key -> the fids sharing it, the first one the fid of the event sent."""
        shared = False
        route = self._route
        last_rule: str | None = None
        last_variant: str | None = None
        for fid, rule_id, variant, values in facts:
            if rule_id is not last_rule or variant is not last_variant:  # a rule's facts come one after another
                try:
                    index, name, left, right, marker, left_intro, right_intro = route[rule_id, variant]
                except KeyError:
                    raise EngineError(f"no engine rule for {rule_id} {variant}") from None
                last_rule, last_variant = rule_id, variant
                questions = asked.setdefault(name, {})
            if fid.__class__ is not int:
                fid = int(fid)
            first = values.get(left, _ABSENT)
            if right is None:
                kind = first.__class__
                key: Hashable = first if kind in _PLAIN else (kind, first) if kind in _KEYED else (_ALONE, fid)
            else:
                second = values.get(right, _ABSENT)
                kind, other = first.__class__, second.__class__
                key = ((first, second) if kind in _PLAIN and other in _PLAIN
                       else (kind, first, other, second) if kind in _KEYED and other in _KEYED else (_ALONE, fid))
            same = questions.get(key)
            if same is not None:
                same.append(fid)
                shared = True
                continue
            questions[key] = [fid]
            batch = batches.get(index)
            if batch is None:
                batch = batches[index] = [_SESSION_TEXT]
            # event_text(fid, values, keys), inline: the event of a condition reading one or two fields
            text = f"{_EVENT_OPENING}{fid}{marker}"
            if first is not _ABSENT:
                text += left_intro + value_text(first)
            if right is not None and second is not _ABSENT:
                text += right_intro + value_text(second)
            text += "}"
            batch.append(text)
            texts[fid] = (text, name)
        sent: set[int] = set()
        for index, events in batches.items():
            sent |= self._decide(index, ",".join(events) + "]", texts)
        if not shared:  # every fact was sent: the fids the rules fired on are the fids fired
            return sent
        fired: set[int] = set()
        for questions in asked.values():
            for same in questions.values():
                if same[0] in sent:
                    fired.update(same)
        return fired

    def _decide(self, index: int, text: str, texts: Mapping[int, tuple[str, str]]) -> set[int]:
        """Send the events of ``text`` (the sentinel first) to ruleset ``index`` in a fresh session; the fids fired.

        ``texts``: the text and marker of each event sent, by fid (:meth:`_take_actions` reads the actions by them).

        The session (:data:`SESSION_ID`) is deleted afterwards, also after a failure.  A delete
        that fails for another reason than there being no session leaves the session's events
        in place, so the ruleset is refused from then on (an EngineError for every later report
        reaching it) rather than let them into the next report's decision.
        """
        if index in self._unusable:
            raise EngineError(f"durable_rules ruleset {self.name}_{index} could not clear a session; not used again")
        handle = self._handle(index)
        native = self._native
        try:
            code, state = native.assert_events(handle, text)
            if code not in (0, 1):  # 0: every event handled, 1: some matched no rule
                raise EngineError(f"durable_rules answered {code} to a report's facts")
            return self._take_actions(index, handle, state, texts)
        except EngineError:
            raise
        except Exception as exc:  # the C extension raises plain Exceptions with error codes
            raise EngineError(f"durable_rules failed: {exc}") from exc
        finally:
            try:  # also after a failed batch: the engine may have opened the session before failing
                native.delete_state(handle, SESSION_ID)
            except Exception as exc:  # noqa: BLE001 - the C extension raises plain Exceptions with error codes
                if not str(exc).endswith(f"error code: {_NO_SESSION}"):
                    self._unusable.add(index)

    def _take_actions(self, index: int, handle: int, state: int, texts: Mapping[int, tuple[str, str]]) -> set[int]:
        """Take every action the session of ruleset ``index`` queued; the fids of the events the rules fired on.

        An action names one native rule and lists the events it fired on (up to :data:`ACTION_CAP`;
        a rule that fired on more gets further actions), read by :func:`read_action`.
        """
        native = self._native
        markers = self._markers[index]
        fired: set[int] = set()
        opened = False
        action = native.start_action_for_state(handle, state)
        message = action[1] if action else None
        while message:
            opened = read_action(message, markers, texts, fired) or opened
            message = native.complete_and_start_action(handle, state)
        if not opened:
            raise EngineError("durable_rules did not handle the session's opening fact")
        return fired


_ACTION_NAMED = '":[{"m":'
"""What follows the rule's name in an action: the list of its frames and the first frame's event."""
_SESSION_EVENT = _to_json({SESSION_RULE: 0})
"""The sentinel event's text, as sent and as an action holds it."""
_FRAME = '{"m":'
_FRAME_LENGTH = len(_FRAME)
_OPENING_LENGTH = len(_EVENT_OPENING)


def read_action(message: str, markers: Mapping[str, frozenset[str]], texts: Mapping[int, tuple[str, str]],
                fired: set[int]) -> bool:
    """Add to ``fired`` the fids of the events action ``message`` lists; whether it lists the sentinel.

    durable_rules writes an action as ``{"<rule>":[{"m":<event>},{"m":<event>}…]}``, each event the text it
    was sent, copied when the event was stored (``serializeResult``, ``copyMessage`` in its C source), so the
    action is read without decoding JSON: each ``{"m":`` holds either the sentinel or an event opening with
    its id (``{"id":<fid>,``), and then the whole text sent for that fid (``texts``) must be there, byte for
    byte, its marker one of the rule's alternatives (``markers``).  Anything else is an :class:`EngineError`:
    an action is never half read.
    """
    named = message.find(_ACTION_NAMED)
    allowed = markers.get(message[2:named]) if named > 2 and message.startswith('{"') else None
    if allowed is None or not message.endswith("]}"):
        raise EngineError(f"durable_rules answered an action that is not a list of one rule's events: {message!r}")
    opened = False
    frame = named + 3  # each frame: {"m":<event>}
    end = len(message) - 2  # the closing ]
    while True:
        event = frame + _FRAME_LENGTH
        if not message.startswith(_FRAME, frame):
            raise EngineError(f"durable_rules answered an action that is not a list of one rule's events: {message!r}")
        if SESSION_RULE in allowed and message.startswith(_SESSION_EVENT, event):
            opened = True
            close = event + len(_SESSION_EVENT)
        else:
            digits = event + _OPENING_LENGTH
            comma = message.find(",", digits)
            fid = int(message[digits:comma]) if message.startswith(_EVENT_OPENING, event) and comma > digits else -1
            sent = texts.get(fid)
            if sent is None or sent[1] not in allowed or not message.startswith(sent[0], event):
                raise EngineError(f"durable_rules answered an event it was not sent or of another rule: {message!r}")
            fired.add(fid)
            close = event + len(sent[0])
        if message[close] != "}":
            raise EngineError(f"durable_rules answered an action that is not a list of one rule's events: {message!r}")
        if close + 1 == end:
            return opened
        if message[close + 1] != ",":
            raise EngineError(f"durable_rules answered an action that is not a list of one rule's events: {message!r}")
        frame = close + 2


def _fields(condition: Condition) -> tuple[str, ...]:
    """The fact fields a condition reads."""
    right = condition.right
    return (condition.left, right[1:]) if isinstance(right, str) and condition.right_is_field else (condition.left,)


def _signature(conditions: RuleConditions) -> str:
    """The text naming ``conditions`` as the engine receives them: each rule, variant and :func:`condition_key`.

    ``describe()`` would not do: ``x == 0`` and ``x == "0"`` read alike, and two catalogues differing only
    there would share one engine.
    """
    return repr(sorted(
        (rule_id, variant, *condition_key(condition))
        for rule_id, variants in conditions.items()
        for variant, condition in variants.items()
    ))


def durable_engine_for(conditions: RuleConditions) -> DurableEngine:
    """The process-wide engine for these conditions (made once; its rulesets are built as facts need them)."""
    key = _signature(conditions)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = DurableEngine(conditions, key)
    return engine


def fired_in_python(conditions: RuleConditions, facts: Iterable[dict[str, Any]]) -> set[int]:
    """The same decision as the engine, in plain Python (for tests and comparison)."""
    return {int(fact["fid"]) for fact in facts if conditions[fact["rule"]][fact["variant"]].holds(fact)}
