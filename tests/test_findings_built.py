"""Findings are plain dataclasses built without validation: proof that validating changes nothing.

Every finding of every fixture, and of copies with figures left out or pushed past their targets,
is validated by pydantic from its own fields, as the models were; the validated finding must equal
the built one and write the same JSON (a value pydantic would convert, an int where a float is
declared, writes other JSON: 20.0, not 20).
"""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import ValidationError

from checker.decide.evaluate import evaluate
from checker.decide.findings import Evidence, Finding, Message, ScoreView, adapter, json_form
from tests.conftest import fixtures_with_gaps


def _fields(value: object) -> object:
    """A dataclass's fields as a dict, nested ones too (lists stay lists), for validating from scratch."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _fields(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [_fields(v) for v in value]
    return value


def test_every_finding_validates_to_itself():
    findings = adapter(Finding)
    seen = 0
    for report in fixtures_with_gaps(7, 2, 4):
        for backend in ("python", "durable"):
            for finding in evaluate(report, backend=backend).findings:  # type: ignore[arg-type]
                again = findings.validate_python(_fields(finding))
                assert again == finding
                assert findings.dump_json(again) == findings.dump_json(finding)
                assert findings.validate_json(findings.dump_json(finding)) == finding
                seen += 1
    assert seen > 100


def test_validation_still_refuses_what_the_models_refused():
    findings = adapter(Finding)
    made = {"rule_id": "CS001", "rule_name": "x", "category": "consistency", "severity": "error",
            "message": {"vi": "a", "en": "b"}}
    assert findings.validate_python(made) == Finding(rule_id="CS001", rule_name="x", category="consistency",
                                                     severity="error", message=Message("a", "b"))
    with pytest.raises(ValidationError):
        findings.validate_python({**made, "extra": 1})  # extra fields are forbidden, as before
    with pytest.raises(ValidationError):
        findings.validate_python({**made, "severity": "fatal"})
    with pytest.raises(ValidationError):
        adapter(ScoreView).validate_python({"ratio": 1.0})


def test_defaults_are_fresh_and_the_json_form_is_the_models():
    message = Message("a", "b")
    one = Finding(rule_id="CS001", rule_name="x", category="consistency", severity="error", message=message)
    other = Finding(rule_id="CS001", rule_name="x", category="consistency", severity="error", message=message)
    assert one == other and one.evidence == Evidence() and one.evidence is not other.evidence
    assert json_form(one) == {
        "rule_id": "CS001", "rule_name": "x", "category": "consistency", "severity": "error", "status": None,
        "indicator": None, "observed": None, "expected": None,
        "evidence": {"items": [], "computation": None, "interval": None, "suspects": None},
        "target": None, "score": None, "message": {"vi": "a", "en": "b"}, "pointer": None, "waiver": None,
    }


def _finding_types() -> list[type]:
    from checker.decide import findings as module

    return [kind for kind in vars(module).values()
            if isinstance(kind, type) and dataclasses.is_dataclass(kind) and kind.__module__ == module.__name__]


@pytest.mark.parametrize("kind", _finding_types(), ids=lambda kind: kind.__name__)
def test_slot_init_takes_what_the_dataclass_init_took(kind):
    """Each type's ``__init__`` (hand-written with ``findings._slot_setters`` for the common ones) against the one
    dataclasses writes for a twin of the type: the same parameters, kinds and defaults, every field set, fresh
    default lists, the same object from the same arguments, and frozen after."""
    import inspect

    twin = dataclasses.make_dataclass(
        kind.__name__, [(f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory,
                                                           kw_only=f.kw_only)) for f in dataclasses.fields(kind)],
        frozen=True, slots=True)
    ours, theirs = inspect.signature(kind.__init__), inspect.signature(twin.__init__)
    assert [(p.name, p.kind, repr(p.default)) for p in ours.parameters.values()] == \
        [(p.name, p.kind, repr(p.default)) for p in theirs.parameters.values()]
    required = {p.name: f"value of {p.name}" for p in ours.parameters.values()
                if p.name != "self" and p.default is inspect.Parameter.empty}
    built, stock = kind(**required), twin(**required)
    assert dataclasses.asdict(built) == dataclasses.asdict(stock)
    factories = [f.name for f in dataclasses.fields(kind) if f.default_factory is not dataclasses.MISSING]
    assert all(getattr(built, name) is not getattr(kind(**required), name) for name in factories)  # fresh
    given = {f.name: f"given {f.name}" for f in dataclasses.fields(kind)}
    assert dataclasses.asdict(kind(**given)) == given
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(built, dataclasses.fields(kind)[0].name, "changed")
