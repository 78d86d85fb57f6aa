"""Loading and compiling ``patterns.yaml``: the phrasings of each indicator and yes/no flag."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from checker.catalogue.store import indicators as indicator_catalogue
from checker.core.yamlio import load_yaml
from checker.read.document.wording import fold


@dataclass(frozen=True)
class IndicatorPattern:
    """The compiled phrasings of one indicator."""

    code: str
    unit: str
    local: tuple[re.Pattern[str], ...]
    ctx: tuple[re.Pattern[str], ...]
    none: tuple[re.Pattern[str], ...]
    units: re.Pattern[str] | None


@dataclass(frozen=True)
class FlagPattern:
    """The compiled phrasings of one yes/no indicator."""

    code: str
    table: tuple[re.Pattern[str], ...]
    table_none: tuple[re.Pattern[str], ...]
    affirm: tuple[re.Pattern[str], ...]
    affirm_none: tuple[re.Pattern[str], ...]
    scope: str = "clause"
    in_goals: bool = False


@dataclass(frozen=True)
class Patterns:
    """Everything loaded from ``patterns.yaml``."""

    indicators: tuple[IndicatorPattern, ...]
    flags: tuple[FlagPattern, ...]
    ratios: dict[str, tuple[str, str]]
    unit_words: re.Pattern[str]
    negation: re.Pattern[str]
    under: dict[str, dict[str, str]]
    share_of: dict[str, str]
    also: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]
    totals: dict[str, re.Pattern[str]]
    """Codes of a whole (the staff total) and the words that, after the number, make it a subgroup."""
    subjects: dict[str, tuple[tuple[re.Pattern[str], str], ...]]
    """A code, and the subject words (in the number's clause, before it) that make it another code."""


def _expand(pattern: str, concepts: dict[str, str]) -> str:
    def repl(match: re.Match[str]) -> str:
        return f"(?:{concepts[match.group(1)]})"

    for _ in range(3):
        pattern = re.sub(r"@(\w+)", repl, pattern)
    return fold(pattern)


def _word_regex(pattern: str, concepts: dict[str, str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_expand(pattern, concepts)})(?!\w)", re.IGNORECASE)


def _known_specs(section: dict[str, Any], known: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any]]]:
    """The (code, spec) pairs of a section, refusing a code the catalogue does not have."""
    for code, spec in section.items():
        if code not in known:
            raise ValueError(f"patterns.yaml: unknown indicator code {code}")
        yield code, spec


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """Load and compile ``checker/read/document/patterns.yaml`` (once per process)."""
    raw = load_yaml(resources.files("checker.read.document").joinpath("patterns.yaml").read_text("utf-8"))
    concepts: dict[str, str] = raw["concepts"]
    known = indicator_catalogue()

    def compile_all(items: Iterable[str] | None) -> tuple[re.Pattern[str], ...]:
        return tuple(_word_regex(item, concepts) for item in items or ())

    indicators = []
    also: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
    for code, specs in _known_specs(raw["indicators"], known):
        for spec in specs if isinstance(specs, list) else [specs]:
            units = spec.get("units")
            indicators.append(IndicatorPattern(
                code, known[code].unit, compile_all(spec.get("local")), compile_all(spec.get("ctx")),
                compile_all(spec.get("none")),
                re.compile(rf"^(?:{_expand(units, concepts)})$", re.IGNORECASE) if units else None,
            ))
            for other, pattern in (spec.get("also") or {}).items():
                if other not in known:
                    raise ValueError(f"patterns.yaml: unknown indicator code {other}")
                also[code] = (*also.get(code, ()), (other, _word_regex(pattern, concepts)))
    flags = []
    for code, spec in _known_specs(raw["flags"], known):
        flags.append(FlagPattern(code, compile_all(spec.get("table")), compile_all(spec.get("table_none")),
                                 compile_all(spec.get("affirm")), compile_all(spec.get("affirm_none")),
                                 spec.get("scope", "clause"), bool(spec.get("in_goals", False))))
    ratios = {code: (spec["part"], spec["whole"]) for code, spec in (raw.get("ratios") or {}).items()}
    unit_words = re.compile(rf"(?:{_expand(raw['unit_words'], concepts)})(?!\w)", re.IGNORECASE)
    under = {whole: dict(rewrites) for whole, rewrites in (raw.get("under") or {}).items()}
    share_of = dict(raw.get("share_of") or {})
    totals = {code: _word_regex(pattern, concepts) for code, pattern in (raw.get("totals") or {}).items()}
    subjects = {code: tuple((_word_regex(pattern, concepts), other) for pattern, other in rewrites.items())
                for code, rewrites in (raw.get("subjects") or {}).items()}
    for code in [*under, *(c for r in under.values() for c in (*r, *r.values())), *share_of, *share_of.values(),
                 *totals, *subjects, *(other for r in subjects.values() for _, other in r)]:
        if code not in known:
            raise ValueError(f"patterns.yaml: unknown indicator code {code}")
    return Patterns(tuple(indicators), tuple(flags), ratios, unit_words,
                    _word_regex(concepts["negation"], concepts), under, share_of, also, totals, subjects)
