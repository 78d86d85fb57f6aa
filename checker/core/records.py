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
    made: type = dataclasses.dataclass(cls, init=init, repr=False, eq=False, frozen=frozen, kw_only=kw_only,
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
