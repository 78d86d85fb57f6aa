"""YAML reading with libyaml's C loader when available (rule and target files load at start-up)."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


def load_yaml(text: str) -> Any:
    """Parse YAML text safely (no arbitrary objects), using the C loader when present."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
