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
from checker.core.errors import InputError, pydantic_problems

Model = TypeVar("Model", bound=BaseModel)


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


def read_yaml(path: Path, encoding: str = "utf-8-sig", cached: bool = False) -> Any:
    """Parse the YAML file ``path``, through the parse cache when ``cached`` (bundled files).

    Raises what ``load_yaml(path.read_text(encoding))`` raises; callers that read several
    cached files call :func:`checker.core.parsecache.flush` afterwards.
    """
    if cached:
        return datacache.cached_parse(path, encoding, load_yaml)
    return load_yaml(path.read_text(encoding=encoding))


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
