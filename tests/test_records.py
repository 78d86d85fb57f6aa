"""checker.core.records.dataclass behaves as dataclasses.dataclass: the same methods, results and errors."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import re
import sys
import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core import records

VALUES = st.one_of(st.integers(-3, 3), st.sampled_from([0.0, -0.0, float("nan"), 1.0]), st.text(max_size=2),
                   st.none(), st.tuples(st.integers(0, 2)), st.lists(st.integers(0, 2), max_size=2))

FIELD_OPTIONS = st.fixed_dictionaries({
    "repr": st.booleans(), "compare": st.booleans(), "hash": st.sampled_from([None, True, False]),
    "default": st.booleans(),
})

SPECS = st.fixed_dictionaries({
    "fields": st.lists(FIELD_OPTIONS, max_size=5),
    "frozen": st.booleans(), "slots": st.booleans(), "kw_only": st.booleans(),
    "repr": st.booleans(), "eq": st.booleans(),
    "own": st.sampled_from([(), ("__eq__",), ("__hash__",), ("__eq__", "__hash__"), ("__repr__",), ("hash_none",)]),
})

module = types.ModuleType("records_under_test")
sys.modules[module.__name__] = module  # pickle finds the classes by module and name


def make(decorator, spec: dict, name: str) -> type:
    """A class of ``spec`` made by ``decorator`` (the standard one or the checker's), registered in ``module``."""
    namespace: dict = {"__module__": module.__name__, "__qualname__": name, "__doc__": "A class under test.",
                       "__annotations__": {}}
    for index, options in enumerate(spec["fields"]):
        namespace["__annotations__"][f"f{index}"] = "object"
        namespace[f"f{index}"] = dataclasses.field(repr=options["repr"], compare=options["compare"],
                                                   hash=options["hash"],
                                                   **({"default": index} if options["default"] else {}))
    if "__eq__" in spec["own"]:
        namespace["__eq__"] = lambda self, other: "own eq"
    if "__hash__" in spec["own"]:
        namespace["__hash__"] = lambda self: 7
    if "__repr__" in spec["own"]:
        namespace["__repr__"] = lambda self: "own repr"
    if "hash_none" in spec["own"]:
        namespace["__hash__"] = None
    cls = type(name, (), namespace)
    made = decorator(repr=spec["repr"], eq=spec["eq"], frozen=spec["frozen"], kw_only=spec["kw_only"],
                     slots=spec["slots"])(cls)
    setattr(module, name, made)
    return made


def outcome(action):
    """What ``action()`` gives, or the type and text of what it raises."""
    try:
        return ("value", action())
    except Exception as error:  # noqa: BLE001 - the very error is compared
        return ("error", type(error).__name__, str(error))


def build(cls, values, kw_only):
    positional = [] if kw_only else list(values)
    named = {f"f{index}": value for index, value in enumerate(values)} if kw_only else {}
    return cls(*positional, **named)


def behaviour(cls, spec, first, second):
    """Everything observable of ``cls`` and two of its objects, with the class names made equal."""
    a, b = build(cls, first, spec["kw_only"]), build(cls, second, spec["kw_only"])
    a_again = build(cls, first, spec["kw_only"])
    def rename(text: str) -> str:
        return re.sub(r" at 0x[0-9a-f]+", " at …", text.replace(cls.__qualname__, "C"))

    seen = {
        "repr": outcome(lambda: rename(repr(a))),
        "eq": [outcome(lambda x=x, y=y: x == y) for x, y in [(a, a), (a, b), (a, a_again), (a, object())]],
        "ne": [outcome(lambda x=x, y=y: x != y) for x, y in [(a, b), (a, a_again)]],
        "hash equal": outcome(lambda: hash(a) == hash(a_again)),
        "hash": "identity" if cls.__hash__ is object.__hash__ else outcome(lambda: hash(a)),
        "assign": outcome(lambda: setattr(a, "f0", 1)),
        "assign other": outcome(lambda: setattr(b, "other", 1)),
        "delete": outcome(lambda: delattr(b, "f0")),
        "fields": [(f.name, f.repr, f.compare, f.hash) for f in dataclasses.fields(cls)],
        "match args": getattr(cls, "__match_args__", None),
        "slots": getattr(cls, "__slots__", None),
        "hash attribute": "none" if cls.__hash__ is None else "set",
        "is dataclass": dataclasses.is_dataclass(cls),
    }
    if spec["fields"]:
        seen["replace"] = outcome(lambda: rename(repr(dataclasses.replace(a, f0="x"))))
    seen["pickled"] = outcome(lambda: rename(repr(pickle.loads(pickle.dumps(a)))))
    seen["copied"] = outcome(lambda: rename(repr(copy.deepcopy(a))))
    return {key: rename(str(value)) for key, value in seen.items()}


@settings(max_examples=150, deadline=None)
@given(SPECS, st.data())
def test_the_checker_s_dataclass_behaves_as_the_standard_one(spec, data):
    count = len(spec["fields"])
    first = data.draw(st.lists(VALUES, min_size=count, max_size=count))
    second = data.draw(st.lists(VALUES, min_size=count, max_size=count))
    try:
        standard = make(dataclasses.dataclass, spec, "Standard")
    except (TypeError, ValueError) as error:
        with pytest.raises(type(error), match=None):
            make(records.dataclass, spec, "Checkers")
        return
    checkers = make(records.dataclass, spec, "Checkers")
    assert behaviour(checkers, spec, first, second) == behaviour(standard, spec, first, second)


def test_the_hash_is_that_of_the_standard_class():
    @dataclasses.dataclass(frozen=True)
    class Standard:
        """Two fields, one not compared."""

        a: int
        b: str = dataclasses.field(compare=False)

    @records.dataclass(frozen=True)
    class Checkers:
        """The same."""

        a: int
        b: str = dataclasses.field(compare=False)

    assert hash(Checkers(1, "x")) == hash(Standard(1, "y")) == hash((1,))
    assert Checkers(1, "x") == Checkers(1, "y") and Checkers(1, "x") != Checkers(2, "x")


def test_a_recursive_repr_stops_as_the_standard_one_does():
    @records.dataclass
    class Node:
        """Holds anything, itself too."""

        items: list

    node = Node([])
    node.items.append(node)
    assert repr(node) == "test_a_recursive_repr_stops_as_the_standard_one_does.<locals>.Node(items=[...])"


def test_subclasses_keep_the_standard_rules():
    @records.dataclass(frozen=True)
    class Base:
        """A frozen base."""

        a: int

    @records.dataclass(frozen=True)
    class Child(Base):
        """Adds a field."""

        b: int = 0

    assert Child(1, 2) == Child(1, 2) != Base(1)
    assert hash(Child(1, 2)) == hash((1, 2))
    with pytest.raises(TypeError, match="cannot inherit non-frozen dataclass from a frozen one"):
        records.dataclass(type("Thawed", (Base,), {"__annotations__": {"c": "int"}, "__doc__": "x"}))
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'a'"):
        Child(1).a = 2  # type: ignore[misc]


ALL_FIELD_OPTIONS = [{"repr": r, "compare": c, "hash": h, "default": index >= 6}
                     for index, (r, c, h) in enumerate((r, c, h) for r in (True, False) for c in (True, False)
                                                       for h in (None, True, False))]


@pytest.mark.parametrize("own", [(), ("__eq__",), ("__hash__",), ("__eq__", "__hash__"), ("__repr__",), ("hash_none",)])
@pytest.mark.parametrize("flags", [(frozen, slots, kw_only, with_repr, eq) for frozen in (True, False)
                                   for slots in (True, False) for kw_only in (True, False)
                                   for with_repr in (True, False) for eq in (True, False)])
def test_every_combination_of_options_behaves_as_the_standard_one(flags, own):
    frozen, slots, kw_only, with_repr, eq = flags
    spec = {"fields": ALL_FIELD_OPTIONS, "frozen": frozen, "slots": slots, "kw_only": kw_only, "repr": with_repr,
            "eq": eq, "own": own}
    first, second = list(range(12)), [*range(6), *"abcdef"]
    assert behaviour(make(records.dataclass, spec, "Checkers"), spec, first, second) == \
        behaviour(make(dataclasses.dataclass, spec, "Standard"), spec, first, second)
