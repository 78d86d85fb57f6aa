"""YAML data files (rules, targets, waivers): C loader when available, errors naming file and field.

PyYAML is imported only when a file is actually parsed: bundled files usually come from
the parse cache (:mod:`checker.core.parsecache`), and a fresh process then never needs it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from checker.core import parsecache as datacache
from checker.core.bounded_read import read_bounded
from checker.core.errors import InputError, pydantic_problems
from checker.core.numbers import format_number

Model = TypeVar("Model", bound=BaseModel)
MAX_YAML_BYTES = 10 * 1024 * 1024
"""The largest YAML data file (targets, waivers) a user can give: 10 MiB."""
MAX_YAML_NODES = 1_000_000
"""The most nodes (mappings, lists, keys and scalars) a user's YAML file may hold with its aliases expanded."""


@cache
def _yaml() -> tuple[Any, type[Any], type[Exception]]:
    """The yaml module, its safe loader (C when present) and its error class, imported on first use."""
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.YAMLError


def __getattr__(name: str) -> Any:
    """``YAMLError``: PyYAML's error class, imported on first access."""
    if name == "YAMLError":
        return _yaml()[2]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_yaml(text: str) -> Any:
    """Parse YAML text safely (no arbitrary objects), using the C loader when present."""
    yaml, loader, _ = _yaml()
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader


def _read_dates_as_text(path: Path) -> Any:
    """Parse ``path`` keeping YAML timestamps as strings (to locate an impossible date)."""
    yaml, loader, _ = _yaml()

    class DatesAsText(loader):  # type: ignore[misc, valid-type]
        """The safe loader, but a timestamp stays the text it was written as."""

    DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node))
    return yaml.load(path.read_text(encoding="utf-8-sig"), Loader=DatesAsText)  # noqa: S506 - a safe loader


def _expanded_size(value: Any, name: str) -> None:
    """Raise InputError when the tree, with its aliases expanded, holds more than MAX_YAML_NODES nodes.

    YAML aliases share one object, so parsing a "billion laughs" file is instant; whatever
    walks the tree afterwards (validation) sees it expanded.  The walk stops at the budget.
    """
    budget = MAX_YAML_NODES
    stack = [value]
    while stack:
        node = stack.pop()
        budget -= 1
        if budget < 0:
            raise InputError(name, "", f"tệp YAML quá lớn khi mở các bí danh (alias *…): hơn "
                                       f"{format_number(MAX_YAML_NODES)} nút / the YAML file expands (through its "
                                       f"aliases) to more than {MAX_YAML_NODES} nodes")
        if isinstance(node, dict):
            stack.extend(node.values())
            stack.extend(node.keys())
        elif isinstance(node, list):
            stack.extend(node)


def read_yaml(path: Path, encoding: str = "utf-8-sig", cached: bool = False) -> Any:
    """Parse the YAML file ``path``, through the parse cache when ``cached`` (bundled files).

    A file the user gives (not ``cached``) is read with a bound on its size (MAX_YAML_BYTES,
    and within a timeout for a stream) and on its size once aliases are expanded
    (MAX_YAML_NODES), each an InputError.  Otherwise raises what ``load_yaml`` raises;
    callers that read several cached files call :func:`checker.core.parsecache.flush` afterwards.
    """
    if cached:
        return datacache.cached_parse(path, encoding, load_yaml)
    text = read_bounded(path, MAX_YAML_BYTES).decode(encoding)
    raw = load_yaml(text)
    if "*" in text:
        _expanded_size(raw, str(path))
    return raw


def load_model_file(path: Path, model: type[Model], expected: str, extra: dict[str, Any] | None = None,
                    cached: bool = False, context: dict[str, Any] | None = None) -> Model:
    """Read a YAML mapping file into ``model``; any problem is an InputError with file and field.

    ``expected`` says what the top level should hold; ``extra`` keys are added before validation;
    ``cached`` parses through the parse cache (for bundled files); ``context`` is pydantic's
    validation context (for example the indicator catalogue that codes must come from).
    """
    try:
        raw = read_yaml(path, cached=cached)
    except FileNotFoundError as exc:
        raise InputError(str(path), "", "không tìm thấy tệp / file not found") from exc
    # The handler's tuple is evaluated only when an exception gets this far, so a clean
    # read never imports PyYAML; a parse error has imported it already.
    except (_yaml()[2], UnicodeDecodeError) as exc:
        raise InputError(str(path), "", f"không phải YAML hợp lệ / not valid YAML: {exc}") from exc
    except ValueError as exc:
        # A scalar that looks like a YAML date but is none (2025-13-01): PyYAML raises a bare
        # ValueError without position.  Read the dates as text so the model names the field.
        raw = _read_dates_as_text(path)
        if isinstance(raw, dict):
            try:
                model.model_validate({**raw, **(extra or {})})
            except ValidationError as invalid:
                raise InputError.from_problems(str(path), pydantic_problems(invalid, raw)) from exc
        raise InputError(str(path), "", f"ngày không hợp lệ / invalid date: {exc}") from exc
    if not isinstance(raw, dict):
        raise InputError(str(path), "", f"cần {expected} / expected a mapping")
    try:
        return model.model_validate({**raw, **(extra or {})}, context=context)
    except ValidationError as exc:
        raise InputError.from_problems(str(path), pydantic_problems(exc, raw)) from exc
