"""A finding's identity across runs: which report, which rule, which indicator, which values.

Line numbers, JSON pointers and message wording are left out on purpose, so the identity
survives a report being re-typed, lines moving, or a message template being reworded.  The
same function serves SARIF's ``partialFingerprints`` and ``--baseline`` (which reads earlier
JSON output), so both always agree: it works on the JSON form of a finding.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from json.encoder import c_make_encoder  # type: ignore[attr-defined]
from json.encoder import encode_basestring as _string
from typing import Any

FINGERPRINT_KEY = "xaCdsFinding/v1"
"""The name of the fingerprint in SARIF's ``partialFingerprints`` (versioned: change it if the identity changes)."""


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""``json.dumps(…, ensure_ascii=False, separators=(",", ":"))``'s encoder, made once (dumps builds one per call)."""

_C_COMPACT: Any = None if c_make_encoder is None else c_make_encoder(
    None, None, _string, None, ":", ",", False, False, True)
"""The C encoder :data:`_COMPACT` makes for every ``encode`` (no indent), made once: for values already JSON
(str, int, bool, None, finite float, lists and tuples of them), no check of cycles; None without the C module."""


def report_key(report: Mapping[str, Any]) -> str:
    """The report a finding belongs to: unit (code, else commune name) and period.

    ``report`` is the ``report`` object of the JSON output (``unit_code``, ``commune``, ``period``).
    """
    unit = report.get("unit_code") or report.get("commune") or ""
    period = report.get("period") or {}
    return f"{unit}@{period.get('year')}-{period.get('kind')}-{period.get('quarter')}"


def _canonical(value: Any) -> Any:
    """Values made comparable: floats rounded (96.28 and 96.28000000001 are the same figure), keys sorted."""
    kind = value.__class__
    if kind is float:  # the commonest first, by its class (a subclass takes the general way below)
        if value.is_integer():  # what rounding would give, without rounding (the costly part)
            return int(value)
        rounded = round(value, 6)
        return int(rounded) if rounded.is_integer() else rounded
    if kind is str or kind is int or value is None or kind is bool:
        return value
    if isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        rounded = round(value, 6)
        return int(rounded) if rounded.is_integer() else rounded
    if isinstance(value, Mapping):
        return {str(k): _canonical(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def identity(report: str, finding: Mapping[str, Any]) -> list[Any]:
    """What makes a finding the same finding: report, rule, indicator, target and the values involved."""
    return [report, *_about(finding)]


def _about(finding: Mapping[str, Any]) -> list[Any]:
    """:func:`identity` without the report: rule, indicator, observed, expected, target and values."""
    evidence = finding.get("evidence") or {}
    values = sorted(
        ([item.get("name") or "", item.get("indicator") or "", _canonical(item.get("value"))]
         for item in evidence.get("items") or []),
        key=lambda entry: (entry[0], entry[1], repr(entry[2])),
    )
    target = finding.get("target") or {}
    return [finding.get("rule_id"), finding.get("indicator"), _canonical(finding.get("observed")),
            _canonical(finding.get("expected")), target.get("id"), values]


def _about_key(finding: Mapping[str, Any]) -> tuple[Any, ...]:
    """Everything :func:`_about` reads, as a key (values with their types: 1, 1.0 and True are written
    differently); TypeError when a value cannot be a key (a list).
    """
    evidence = finding.get("evidence") or {}
    items = tuple([(item.get("name"), item.get("indicator"), (value := item.get("value")).__class__, value)
                   for item in evidence.get("items") or ()])
    observed, expected = finding.get("observed"), finding.get("expected")
    target = finding.get("target") or {}
    key = (finding.get("rule_id"), finding.get("indicator"), observed.__class__, observed,
           expected.__class__, expected, target.get("id"), items)
    hash(key)  # a list or dict among the values: not a key
    return key


@lru_cache(maxsize=8192)
def _about_text(key: tuple[Any, ...]) -> str:
    """The JSON text of :func:`_about` for a finding of ``key`` (:func:`_about_key`), remembered: findings
    of targets without data, and many others, are the same in every report of a batch.
    """
    rule_id, indicator, _, observed, _, expected, target_id, items = key
    finding = {"rule_id": rule_id, "indicator": indicator, "observed": observed, "expected": expected,
               "target": {"id": target_id},
               "evidence": {"items": [{"name": name, "indicator": code, "value": value}
                                      for name, code, _, value in items]}}
    return _COMPACT.encode(_about(finding))


def about_text(finding: Mapping[str, Any]) -> str:
    """The JSON text of :func:`identity` without the report: the part of a finding's fingerprint that
    every report shares (remembered per distinct content where the values can be a key).
    """
    try:
        return _about_text(_about_key(finding))
    except TypeError:  # a value that cannot be a key: written without remembering
        return _COMPACT.encode(_about(finding))


def about_text_of(rule_id: str, indicator: str | None, observed: Any, expected: Any, target_id: str | None,
                  items: Sequence[tuple[str, str | None, Any]]) -> str:
    """:func:`about_text` of a finding given by the fields its identity reads (``items``: each evidence item's
    name, indicator and value), when these are already their JSON form (str, int, bool, None, finite float):
    the same text, written directly (no finding's JSON form, no dict; json's C encoder called once;
    tests/test_fingerprint.py).
    """
    canonical = _canonical
    if len(items) == 1:  # most findings: nothing to sort
        ((name, code, value),) = items
        values: list[tuple[str, str, Any]] = [(name or "", code or "", canonical(value))]
    else:
        # sorted by name, indicator and the value's repr (as _about sorts them); equal keys are equal entries
        # (a repr tells a str, int, bool, None or float value and its class), so sorting whole tuples
        # gives the same order of texts
        values = [(name, code, value) for name, code, _, value in sorted(
            [(name or "", code or "", repr(value), value)
             for name, code, value in [(n, c, canonical(v)) for n, c, v in items]])]
    about = (rule_id, indicator, canonical(observed), canonical(expected), target_id, values)
    if _C_COMPACT is not None:  # json's C encoder, called directly: one call writes the whole text
        return "".join(_C_COMPACT(about, 0))
    return _COMPACT.encode(about)


def _head(report: str) -> str:
    """The start of the JSON text of an identity: ``["<report>",``."""
    return "[" + _COMPACT.encode(report) + ","


def _digest(head: str, about: str) -> str:
    # ``_COMPACT.encode(identity(report, finding))``: the identity's list opened, the report, then the rest
    return digest_of(head.encode("utf-8"), about_tail(about))


def report_head(report: str) -> bytes:
    """The UTF-8 start every identity of one report's findings shares (for :func:`digest_of`)."""
    return _head(report).encode("utf-8")


def about_tail(about: str) -> bytes:
    """The UTF-8 part of an identity after its report, from its :func:`about_text` (for :func:`digest_of`)."""
    return about[1:].encode("utf-8")


def digest_of(head: bytes, tail: bytes) -> str:
    """The hash part of a fingerprint (before ``:n``): of :func:`report_head` and :func:`about_tail`."""
    return hashlib.sha256(head + tail).hexdigest()[:32]


def fingerprint(report: str, finding: Mapping[str, Any]) -> str:
    """A short stable hash of :func:`identity` (hex, 32 characters)."""
    return _digest(_head(report), about_text(finding))


def fingerprints(report: str, findings: Sequence[Mapping[str, Any]]) -> list[str]:
    """The fingerprint of each finding of one report, ``hash:n`` for the n-th finding of that identity.

    Two findings of one report with the same identity (rare) stay distinct, and a baseline
    matches them as many times as they occurred.
    """
    return numbered(report, [about_text(finding) for finding in findings])


def numbered(report: str, abouts: Iterable[str]) -> list[str]:
    """:func:`fingerprints` from each finding's :func:`about_text` (made once per finding object by a writer)."""
    head = report_head(report)
    seen: dict[str, int] = {}
    result = []
    for about in abouts:
        digest = digest_of(head, about_tail(about))
        seen[digest] = seen.get(digest, 0) + 1
        result.append(f"{digest}:{seen[digest]}")
    return result
