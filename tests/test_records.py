"""checker.core.records.dataclass behaves as dataclasses.dataclass: the same methods, results and errors."""

from __future__ import annotations

import copy
import dataclasses
import inspect
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
    "own": st.sampled_from([(), ("__eq__",), ("__hash__",), ("__eq__", "__hash__"), ("__repr__",), ("hash_none",),
                            ("__init__",)]),
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
    if "__init__" in spec["own"]:
        def __init__(self, *args, **kwargs):
            for index, value in enumerate([*args, *kwargs.values()]):
                object.__setattr__(self, f"f{index}", value)

        namespace["__init__"] = __init__
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
        "signature": str(inspect.signature(cls)),
        "init": (cls.__init__.__qualname__, cls.__init__.__annotations__, cls.__init__.__defaults__,
                 cls.__init__.__kwdefaults__),
        "params": (cls.__dataclass_params__.init, cls.__dataclass_params__.frozen),
        "methods": [(name, getattr(cls.__dict__.get(name), "__qualname__", None))
                    for name in ("__setattr__", "__delattr__", "__getstate__", "__setstate__")],
        "doc": cls.__doc__,
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


@pytest.mark.parametrize("own", [(), ("__eq__",), ("__hash__",), ("__eq__", "__hash__"), ("__repr__",), ("hash_none",),
                                 ("__init__",)])
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


def test_frozen_classes_with_factories_init_vars_and_post_init_behave_as_the_standard_one():
    def namespace(name: str) -> dict:
        def __post_init__(self, seed):
            object.__setattr__(self, "later", [seed, *self.items])

        return {"__module__": module.__name__, "__qualname__": name, "__doc__": "Frozen, with a factory.",
                "__annotations__": {"self": "int", "seed": dataclasses.InitVar[int], "items": "list",
                                    "later": "list", "tail": "str"},
                "items": dataclasses.field(default_factory=list), "later": dataclasses.field(init=False, default=None),
                "tail": dataclasses.field(default="z", kw_only=True), "__post_init__": __post_init__}

    for slots in (False, True):
        made = {}
        for decorator, name in ((dataclasses.dataclass, "FactoryStandard"), (records.dataclass, "FactoryCheckers")):
            cls = decorator(frozen=True, slots=slots)(type(name, (), namespace(name)))
            setattr(module, name, cls)
            obj = cls(1, 3, [2], tail="y")
            made[name] = [str(inspect.signature(cls)), repr((obj.self, obj.items, obj.later, obj.tail)),
                          outcome(lambda cls=cls: cls()), outcome(lambda obj=obj: setattr(obj, "items", [])),
                          outcome(lambda obj=obj: delattr(obj, "tail")),
                          repr(pickle.loads(pickle.dumps(obj)).later), repr(dataclasses.replace(obj, seed=5).later),
                          cls.__init__.__code__.co_code == made.get("code", cls.__init__.__code__.co_code)]
            made.setdefault("code", cls.__init__.__code__.co_code)
        assert str(made["FactoryCheckers"]).replace("FactoryCheckers", "C") == \
            str(made["FactoryStandard"]).replace("FactoryStandard", "C")


@pytest.mark.parametrize("frozen", [True, False])
def test_a_class_with_its_own_init_still_gets_the_standard_error_for_the_order_of_defaults(frozen):
    def spec_class(decorator):
        namespace = {"__module__": module.__name__, "__doc__": "Own init.", "__annotations__": {"a": "int", "b": "int"},
                     "a": 1, "__init__": lambda self: None}
        return decorator(frozen=frozen)(type("Ordered", (), namespace))

    messages = []
    for decorator in (dataclasses.dataclass, records.dataclass):
        with pytest.raises(TypeError) as caught:
            spec_class(decorator)
        messages.append(str(caught.value))
    assert messages == ["non-default argument 'b' follows default argument"] * 2
