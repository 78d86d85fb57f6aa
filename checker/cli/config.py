"""The configuration file: defaults for ``check`` so every CI job need not repeat its flags.

The nearest file up the tree from the working directory wins: in each folder ``.checker.yaml``,
then ``pyproject.toml`` if it has a ``[tool.checker]`` table.  Flags on the command line win
over the file.  Paths in the file (targets, waivers, baseline) are relative to the file's folder.

```yaml
# .checker.yaml
fail-on: warning
format: sarif
targets: [targets/huyen.yaml]
waivers: waivers.yaml
```
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from checker.core.errors import InputError
from checker.core.records import dataclass

YAML_NAME = ".checker.yaml"
PYPROJECT = "pyproject.toml"
ENV_DISABLE = "CHECKER_NO_CONFIG"
"""Set to 1 to ignore every configuration file (e.g. to reproduce a run exactly)."""

SEVERITIES = ("error", "warning", "info", "never")
KEYS: dict[str, tuple[str, str, Any]] = {
    # key in the file: (parameter of `check`, kind, allowed values)
    "fail-on": ("fail_on", "choice", SEVERITIES),
    "junit-fail-on": ("junit_fail_on", "choice", SEVERITIES),
    "format": ("fmt", "choice", ("table", "json", "sarif", "junit", "markdown")),
    "engine": ("engine", "choice", ("durable", "python")),
    "jobs": ("jobs", "int", None),
    "targets": ("target_files", "paths", None),
    "waivers": ("waivers_file", "path", None),
    "baseline": ("baseline_file", "path", None),
    "sarif-passes": ("sarif_passes", "bool", None),
    "docs-url": ("docs_url", "text", None),
}
"""What a configuration file may set (``fail_on`` may also be written ``fail-on`` or ``fail_on``)."""


@dataclass(frozen=True)
class Config:
    """A configuration file found, and the defaults it gives ``check`` (parameter name → value)."""

    path: Path
    defaults: dict[str, Any]


def find_config(start: Path) -> Path | None:
    """The nearest ``.checker.yaml`` or ``pyproject.toml`` with ``[tool.checker]`` from ``start`` up."""
    for folder in (start, *start.parents):
        candidate = folder / YAML_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether ``path`` (a pyproject.toml) has a ``[tool.checker]`` table, or seems to and is broken."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "[tool.checker]" in path.read_text(encoding="utf-8", errors="replace")  # broken: report it later
    if "checker" not in text and "\\" not in text:
        # no key can spell "checker" without the word or an escape: a project's own pyproject.toml
        # (a CI checkout's) is neither parsed nor is tomllib imported for it
        return False
    import tomllib  # imported when a pyproject.toml names the checker: most report folders have none

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return "[tool.checker]" in text  # broken: report it later
    return isinstance(data.get("tool"), dict) and "checker" in data["tool"]


def _raw_table(path: Path) -> tuple[dict[str, Any], str]:
    """The settings table of a configuration file, and the pointer prefix of its keys."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(file, "", f"không đọc được tệp cấu hình / unreadable configuration file: {exc}") from None
    if path.name == PYPROJECT:
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(file, "", f"TOML không hợp lệ / invalid TOML: {exc}") from None
        table = data.get("tool", {}).get("checker")
        prefix = "/tool/checker"
    else:
        from checker.core import yamlio

        try:
            table = yamlio.load_yaml(text)
        except yamlio.YAMLError as exc:
            raise InputError(file, "", f"YAML không hợp lệ / invalid YAML: {exc}") from None
        prefix = ""
    if table is None:
        return {}, prefix
    if not isinstance(table, dict):
        raise InputError(file, prefix or "/", "cần một bảng khoá → giá trị / expected a table of settings")
    return table, prefix


def _value(file: str, pointer: str, kind: str, allowed: Any, value: Any, base: Path) -> Any:
    def wrong(expected: str) -> InputError:
        return InputError(file, pointer, f"cần {expected} (nhận được / got {value!r})")

    if kind == "choice":
        if value not in allowed:
            raise wrong("một trong / one of " + ", ".join(allowed))
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise wrong("số nguyên ≥ 0 / a whole number ≥ 0")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise wrong("true hoặc false / true or false")
        return value
    if kind == "text":
        if not isinstance(value, str) or not value.strip():
            raise wrong("một chuỗi / a string")
        return value
    if kind == "path":
        if not isinstance(value, str) or not value.strip():
            raise wrong("đường dẫn tệp / a file path")
        return str(base / value)
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
        raise wrong("danh sách đường dẫn / a list of file paths")
    return tuple(str(base / item) for item in items)


def load_config(path: Path) -> Config:
    """Read and check a configuration file; InputError names the file, the key and what was expected."""
    table, prefix = _raw_table(path)
    base = path.parent
    defaults: dict[str, Any] = {}
    for key, value in table.items():
        name = str(key).replace("_", "-")
        pointer = f"{prefix}/{key}"
        if name not in KEYS:
            raise InputError(str(path), pointer, "khoá cấu hình không biết / unknown setting; dùng / use: "
                             + ", ".join(KEYS))
        param, kind, allowed = KEYS[name]
        defaults[param] = _value(str(path), pointer, kind, allowed, value, base)
    return Config(path, defaults)


def config_defaults(start: Path | None = None) -> Config | None:
    """The configuration in force for a run started in ``start`` (the working directory), if any."""
    if os.environ.get(ENV_DISABLE):
        return None
    found = find_config((start or Path.cwd()).resolve())
    return load_config(found) if found else None
