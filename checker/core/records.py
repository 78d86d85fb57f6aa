"""``dataclass`` as the standard library's, with ``__eq__``, ``__hash__`` and ``__repr__`` that are not compiled.

The standard :func:`dataclasses.dataclass` writes every method it adds as source text and
compiles it with ``exec``: six compilations for a frozen class (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``), ~0,2 ms each on the reference
machine, paid by every process at import for every such class (~50 in a cold ``check``).
Here the standard library still makes the class (fields, ``__init__``, frozen attributes,
slots, pickling, :func:`dataclasses.fields` and :func:`dataclasses.replace` all as before), and
the three comparison and display methods are shared functions reading the fields through
:func:`operator.attrgetter`: the same results (equality on the same tuple of fields, the same
hash of that tuple, the same text, the same rules for which class gets which method), no
compilation.  ``tests/test_records.py`` holds both to the same behaviour on generated classes.

Type checkers see the standard decorator itself.
"""

from __future__ import annotations

import dataclasses
import reprlib
import sys
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
else:
    def dataclass(cls: type | None = None, /, *, init: bool = True, repr: bool = True, eq: bool = True,
                  frozen: bool = False, kw_only: bool = False, slots: bool = False) -> Any:
        """:func:`dataclasses.dataclass` with the same arguments (those the checker uses) and the same result."""
        def wrap(cls: type) -> type:
            return _record(cls, init, repr, eq, frozen, kw_only, slots)

        return wrap if cls is None else wrap(cls)


def _record(cls: type, init: bool, with_repr: bool, eq: bool, frozen: bool, kw_only: bool, slots: bool) -> type:
    """The dataclass of ``cls``; ``__repr__``, ``__eq__`` and ``__hash__`` added as the standard library would."""
    own = dict(cls.__dict__)  # before the standard library adds anything (with slots it makes a new class)
    class_hash = own.get("__hash__", dataclasses.MISSING)
    explicit_hash = not (class_hash is dataclasses.MISSING or (class_hash is None and "__eq__" in own))
    if frozen and init and _FROZEN_BY_HAND and _plain_frozen(cls, own):
        made = _frozen_record(cls, kw_only, slots)
    else:
        made = dataclasses.dataclass(cls, init=init, repr=False, eq=False, frozen=frozen, kw_only=kw_only,
                                     slots=slots)
    fields = dataclasses.fields(made)
    if with_repr and "__repr__" not in own:
        _add(made, "__repr__", _repr_fn(tuple(f.name for f in fields if f.repr)))
    if eq:
        if "__eq__" not in own:
            _add(made, "__eq__", _eq_fn(tuple(f.name for f in fields if f.compare)))
        if not explicit_hash:  # the standard library's table for eq without unsafe_hash
            if frozen:
                _add(made, "__hash__", _hash_fn(tuple(f.name for f in fields
                                                      if (f.compare if f.hash is None else f.hash))))
            else:
                made.__hash__ = None  # type: ignore[assignment]
    return made


_FROZEN_BY_HAND = sys.version_info[:2] == (3, 11)
"""Whether frozen classes get their ``__setattr__`` and ``__delattr__`` here: the steps below follow the standard
library of Python 3.11 (its private ``_init_fn`` among them); any other version makes them as it always did."""


def _plain_frozen(cls: type, own: dict[str, Any]) -> bool:
    """Whether the frozen class ``cls`` is one the steps of :func:`_frozen_record` make exactly as the standard
    library: no dataclass base (whose frozenness the standard library checks), no ``__setattr__`` or
    ``__delattr__`` of its own (the standard library refuses them), and a docstring (else the standard library
    writes one from the ``__init__``).
    """
    return (not any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:])
            and not {"__setattr__", "__delattr__"} & own.keys() and bool(cls.__doc__))


def _frozen_record(cls: type, kw_only: bool, slots: bool) -> type:
    """The frozen dataclass of ``cls`` with two compilations fewer than the standard library's.

    The standard library compiles ``__init__`` (kept: made by its own ``_init_fn``, the very text it writes for a
    frozen class; not made when the class has its own, which the standard library compiles and then leaves
    unused) and, for a frozen class, ``__setattr__`` and ``__delattr__``: these two are closures here, with
    the same test (``type(self) is cls``, ``cls`` being the class before slots are added, or a field's name), the
    same error and the same fall-through to ``super(cls, self)``.  The class is made not frozen, without
    ``__init__``, then given what ``frozen=True`` adds: the three methods, the pickling methods of a frozen class
    with slots, and ``frozen`` in its ``__dataclass_params__``.
    """
    made: type = dataclasses.dataclass(cls, init=False, repr=False, eq=False, frozen=False, kw_only=kw_only,
                                       slots=slots)
    all_fields = made.__dataclass_fields__  # type: ignore[attr-defined]
    init_fields = [f for f in all_fields.values() if f._field_type in (dataclasses._FIELD,  # type: ignore[attr-defined]
                                                                         dataclasses._FIELD_INITVAR)]  # type: ignore[attr-defined]
    std_fields, kw_only_fields = dataclasses._fields_in_init_order(init_fields)  # type: ignore[attr-defined]
    module = sys.modules.get(cls.__module__)
    namespace = module.__dict__ if module is not None else {}
    if "__init__" not in cls.__dict__:
        _add(made, "__init__", dataclasses._init_fn(  # type: ignore[attr-defined]
            init_fields, std_fields, kw_only_fields, True, hasattr(cls, "__post_init__"),
            "__dataclass_self__" if "self" in all_fields else "self", namespace, slots))
    else:  # the standard library compiles one anyway and keeps the class's own: only its check of the order stays
        _check_default_order(std_fields)
    names = tuple(f.name for f in all_fields.values() if f._field_type is dataclasses._FIELD)  # type: ignore[attr-defined]
    for method in _frozen_fns(cls, names):
        _add(made, method.__name__, method)
    if slots:
        if "__getstate__" not in cls.__dict__:
            setattr(made, "__getstate__", dataclasses._dataclass_getstate)  # type: ignore[attr-defined]  # noqa: B010
        if "__setstate__" not in cls.__dict__:
            setattr(made, "__setstate__", dataclasses._dataclass_setstate)  # type: ignore[attr-defined]  # noqa: B010
    params = made.__dataclass_params__  # type: ignore[attr-defined]
    params.init, params.frozen = True, True
    return made


def _check_default_order(std_fields: list[dataclasses.Field[Any]]) -> None:
    """The error ``_init_fn`` raises for a positional field without a default after one with a default."""
    seen_default = False
    for f in std_fields:
        if f.init:
            if not (f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING):
                seen_default = True
            elif seen_default:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")


def _frozen_fns(cls: Any, names: tuple[str, ...]) -> tuple[Callable[..., None], Callable[..., None]]:
    """``__setattr__`` and ``__delattr__`` of a frozen dataclass, as the standard library writes them."""
    error = dataclasses.FrozenInstanceError

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise error(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise error(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _add(cls: type, name: str, method: Callable[..., Any]) -> None:
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, method)


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of the fields ``names`` of an object, as ``(self.a, self.b,)`` in the generated methods."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _eq_fn(names: tuple[str, ...]) -> Callable[[Any, Any], Any]:
    values = _values(names)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash_fn(names: tuple[str, ...]) -> Callable[[Any], int]:
    values = _values(names)

    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _repr_fn(names: tuple[str, ...]) -> Callable[[Any], str]:
    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        return f"{self.__class__.__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in names)})"

    return __repr__
