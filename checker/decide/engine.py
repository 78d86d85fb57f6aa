"""The one adapter around durable_rules.

durable_rules is used the way ``shared/DURABLE_RULES.md`` says it must be: one ruleset per
rule set, registered once per process; only single-fact rules (no joins); every derived
quantity computed in Python before a fact is asserted; facts asserted one at a time
(never in batches, whose actions run late on a background thread); one session per
report, deleted afterwards; no threads.  A fact no rule matches raises
``MessageNotHandledException``: that is how a fact that violates nothing looks, so it is
caught.  An exception inside an action is stored in the session state, not raised: it is
looked for and raised as :class:`EngineError`.

Measured here (not in the shared notes): ``delete_state`` segfaults on a session in
which *no* fact was handled when OpenSSL's libcrypto was loaded before the engine (any
``import hashlib`` does it, and pytest, pandas and hypothesis import it).  Every session
therefore opens with a sentinel fact that a dedicated rule always handles; with it,
thousands of sessions are created and deleted without a crash (tests/test_engine.py).

durable_rules is imported when the first engine is built, so that the plain-Python
decision path (``evaluate(..., backend="python")``) never loads it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable
from typing import Any

from checker.decide.conditions import Condition, encode_value

SESSION_RULE = "_session"
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def encode_fact(fact: dict[str, Any]) -> dict[str, Any]:
    """Every value of a fact encoded with :func:`checker.decide.conditions.encode_value`."""
    return {key: encode_value(value) for key, value in fact.items()}


def _open_session(c: Any) -> None:
    """Action of the sentinel rule: nothing to do; its firing keeps the session sound."""


class EngineError(RuntimeError):
    """The rules engine failed on one report (an action raised, or the engine errored)."""


RuleConditions = dict[str, dict[str, Condition]]
"""rule id -> variant -> condition under which the rule fires."""

_ENGINES: dict[str, DurableEngine] = {}


class DurableEngine:
    """A durable_rules ruleset built from rule conditions; one session per ``fired`` call."""

    def __init__(self, conditions: RuleConditions):
        digest = hashlib.sha1(_signature(conditions).encode()).hexdigest()[:12]
        self.name = f"checker_{digest}"
        self.rule_count = sum(len(v) for v in conditions.values())
        if self.rule_count >= 512:
            raise EngineError(f"{self.rule_count} engine rules: durable_rules hangs at 512 or more")
        import durable_rules_engine
        from durable.lang import delete_state, get_host, get_state, m, ruleset, when_all

        self._native_assert = durable_rules_engine.assert_fact
        self._get_state, self._delete_state = get_state, delete_state
        self._hits: list[int] = []
        self._sessions = itertools.count(1)
        with ruleset(self.name):
            when_all(m.rule == SESSION_RULE)(_open_session)
            for rule_id, variants in sorted(conditions.items()):
                for variant, condition in sorted(variants.items()):
                    expression = (m.rule == rule_id) & (m.variant == variant) & condition.to_durable(m)
                    when_all(expression)(self._record)
        self._rules = get_host().get_ruleset(self.name)

    def _assert(self, fact: dict[str, Any]) -> None:
        """Assert one fact and run the actions it triggers, as ``durable.lang.assert_fact`` does.

        The same calls into the engine as the library's own host (native ``assert_fact``, then
        ``do_actions`` for the session it touched), without the library's per-fact overhead:
        it builds an exception, serialising the fact a second time, for every fact no rule
        matches, which is most facts here.
        """
        result = self._native_assert(self._rules._handle, _to_json(fact))
        code = result[0]
        if code == 1:  # no rule matches this fact
            return
        if code == 2:
            raise EngineError(f"durable_rules: fact asserted twice: {fact}")
        errors: list[Any] = []
        self._rules.do_actions(0 if code == 3 else result[1], lambda error, _state: errors.append(error))
        if errors and errors[0]:
            raise EngineError(f"durable_rules action failed: {errors[0]}")

    def _record(self, c: Any) -> None:
        self._hits.append(int(c.m.fid))

    def fired(self, facts: Iterable[dict[str, Any]]) -> set[int]:
        """Assert ``facts`` (each with rule, variant and fid) in a fresh session; return fired fids."""
        sid = f"s{next(self._sessions)}"
        self._hits = []
        asserted = False
        try:
            self._assert({"rule": SESSION_RULE, "variant": "open", "fid": -1, "sid": sid})
            asserted = True
            for fact in facts:
                self._assert({**encode_fact(fact), "sid": sid})
            state = self._get_state(self.name, sid)
            if state and "exception" in state:
                raise EngineError(f"durable_rules action failed: {state['exception']}")
        except EngineError:
            raise
        except Exception as exc:  # the C extension raises plain Exceptions with error codes
            raise EngineError(f"durable_rules failed: {exc}") from exc
        finally:
            if asserted:
                try:
                    self._delete_state(self.name, sid)
                except Exception:  # noqa: BLE001 - a failed delete must not hide the real error
                    pass
        return set(self._hits)


def _signature(conditions: RuleConditions) -> str:
    return repr(sorted(
        (rule_id, variant, condition.describe())
        for rule_id, variants in conditions.items()
        for variant, condition in variants.items()
    ))


def durable_engine_for(conditions: RuleConditions) -> DurableEngine:
    """The process-wide engine for these conditions (rulesets cannot be registered twice)."""
    key = _signature(conditions)
    if key not in _ENGINES:
        _ENGINES[key] = DurableEngine(conditions)
    return _ENGINES[key]


def fired_in_python(conditions: RuleConditions, facts: Iterable[dict[str, Any]]) -> set[int]:
    """The same decision as the engine, in plain Python (for tests and comparison)."""
    return {int(fact["fid"]) for fact in facts if conditions[fact["rule"]][fact["variant"]].holds(fact)}
