"""YAML data files (rules, targets, waivers): C loader when available, errors naming file and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from checker.errors import InputError, pydantic_problems

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError
Model = TypeVar("Model", bound=BaseModel)


def load_yaml(text: str) -> Any:
    """Parse YAML text safely (no arbitrary objects), using the C loader when present."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


def load_model_file(path: Path, model: type[Model], expected: str, extra: dict[str, Any] | None = None) -> Model:
    """Read a YAML mapping file into ``model``; any problem is an InputError with file and field.

    ``expected`` says what the top level should hold; ``extra`` keys are added before validation.
    """
    try:
        raw = load_yaml(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise InputError(str(path), "", "không tìm thấy tệp / file not found") from exc
    except (YAMLError, UnicodeDecodeError) as exc:
        raise InputError(str(path), "", f"không phải YAML hợp lệ / not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise InputError(str(path), "", f"cần {expected} / expected a mapping")
    try:
        return model.model_validate({**raw, **(extra or {})})
    except ValidationError as exc:
        raise InputError.from_problems(str(path), pydantic_problems(exc, raw)) from exc
