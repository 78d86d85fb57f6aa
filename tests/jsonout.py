"""Reading `check --format json` output in tests: every output is validated against the published schema."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema

from checker.render.output_schema import output_schema


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = output_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def load_output(text: str) -> dict[str, Any]:
    """The JSON output, after checking it against `checker schema --output`."""
    data = json.loads(text)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{e.json_path}: {e.message[:200]}" for e in errors[:5]]
    return data


def only_report(text: str) -> dict[str, Any]:
    """The one report of a JSON output of one input ({report, grade, findings})."""
    data = load_output(text)
    assert len(data["reports"]) == 1 and not data["errors"], data["errors"]
    return data["reports"][0]
