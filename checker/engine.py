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
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable
from typing import Any

from durable import engine as durable_engine
from durable.lang import assert_fact, delete_state, get_state, m, ruleset, when_all

from checker.conditions import Condition

SESSION_RULE = "_session"
FACT_DECIMALS = 4
FACT_LIMIT = 1e15


def encode_value(value: Any) -> Any:
    """A fact value the engine's JSON parser reads: no exponent notation.

    durable_rules rejects ``1e-05`` (error 204), so floats are rounded to 4 decimals and
    integral floats are written as integers; magnitudes are clamped to ±1e15.  Both the
    engine and the plain-Python path decide on these encoded values.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    number = max(-FACT_LIMIT, min(FACT_LIMIT, float(value)))
    number = round(number, FACT_DECIMALS)
    return int(number) if number.is_integer() else number


def encode_fact(fact: dict[str, Any]) -> dict[str, Any]:
    """Every value of a fact encoded with :func:`encode_value`."""
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
        self._hits: list[int] = []
        self._sessions = itertools.count(1)
        with ruleset(self.name):
            when_all(m.rule == SESSION_RULE)(_open_session)
            for rule_id, variants in sorted(conditions.items()):
                for variant, condition in sorted(variants.items()):
                    expression = (m.rule == rule_id) & (m.variant == variant) & condition.to_durable(m)
                    when_all(expression)(self._record)

    def _record(self, c: Any) -> None:
        self._hits.append(int(c.m.fid))

    def fired(self, facts: Iterable[dict[str, Any]]) -> set[int]:
        """Assert ``facts`` (each with rule, variant and fid) in a fresh session; return fired fids."""
        sid = f"s{next(self._sessions)}"
        self._hits = []
        asserted = False
        try:
            assert_fact(self.name, {"rule": SESSION_RULE, "variant": "open", "fid": -1, "sid": sid})
            asserted = True
            for fact in facts:
                try:
                    assert_fact(self.name, {**encode_fact(fact), "sid": sid})
                except durable_engine.MessageNotHandledException:
                    pass
            state = get_state(self.name, sid)
            if state and "exception" in state:
                raise EngineError(f"durable_rules action failed: {state['exception']}")
        except EngineError:
            raise
        except Exception as exc:  # the C extension raises plain Exceptions with error codes
            raise EngineError(f"durable_rules failed: {exc}") from exc
        finally:
            if asserted:
                try:
                    delete_state(self.name, sid)
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
    return {
        int(fact["fid"])
        for fact in facts
        if conditions[fact["rule"]][fact["variant"]].holds(encode_fact(fact))
    }
