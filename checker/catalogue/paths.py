"""Where the bundled data (rules/, targets/) lives, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path


def data_dir(name: str) -> Path:
    """Return the directory of bundled data ``name`` ("rules" or "targets").

    In a checkout the directories sit beside the package; an installed package carries
    them as ``checker/_bundled/<name>`` (see setup.cfg).
    """
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_bundled" / name, package.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled data directory '{name}' not found near {package}")
