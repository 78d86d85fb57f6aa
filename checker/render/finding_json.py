"""A finding's JSON text and fingerprint, rendered once per distinct finding and reused.

About half of a report's findings are the same in every report (the "no data" target findings
of indicators a commune did not report), and the rest repeat often across a batch.  A finding
is rendered straight from its model by pydantic's encoder (``model_dump_json``: the same bytes
as dumping it to a dict and encoding that, without building the dict), and the text and the
report-independent part of its fingerprint are kept, keyed by the finding's whole content (its
compact JSON bytes), never by the object's identity.  The cache belongs to one writer and holds at
most ``limit`` findings (it is emptied when full), so memory stays flat over any batch.

Fingerprints are :func:`checker.decide.fingerprint.fingerprints` of the finding's JSON form:
the identity is :func:`~checker.decide.fingerprint.identity` of the fields it reads, and the
hash input is the same compact JSON text (tests/test_finding_json.py compares both).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from checker.decide.findings import Finding
from checker.decide.fingerprint import identity
from checker.run.baseline import IDENTITY_FIELDS

_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""The encoder :func:`checker.decide.fingerprint.fingerprint` hashes the identity with."""

BASELINE_JSON = {None: "null", True: '"unchanged"', False: '"new"'}
"""``"baseline"`` without a baseline, for a finding the baseline has, for one it does not."""


class FindingTexts:
    """Each distinct finding's JSON text, indented by ``indent``, and its identity, rendered once.

    The text stops before the object's closing brace, so the fingerprint and baseline keys
    (which depend on the report) can follow.
    """

    def __init__(self, indent: str, limit: int = 2048) -> None:
        self.indent = indent
        self.limit = limit
        self._seen: dict[bytes, tuple[str, str]] = {}

    def _render(self, finding: Finding) -> tuple[str, str]:
        newline = "\n" + self.indent
        text = self.indent + finding.model_dump_json(indent=2).replace("\n", newline)
        closing = newline + "}"
        assert text.endswith(closing)
        rest = identity("", finding.model_dump(mode="json", include=IDENTITY_FIELDS))[1:]
        return text[:-len(closing)], _COMPACT.encode(rest)

    def of(self, finding: Finding) -> tuple[str, str]:
        """``finding``'s text without its closing brace, and its identity but the report as compact JSON."""
        key = type(finding).__pydantic_serializer__.to_json(finding)  # model_dump_json's bytes, not decoded
        known = self._seen.get(key)
        if known is None:
            if len(self._seen) >= self.limit:
                self._seen.clear()
            known = self._seen[key] = self._render(finding)
        return known

    def findings_json(self, report_key: str, findings: Sequence[Finding], baseline: frozenset[str] | None) -> str:
        """The findings as the items of a JSON list, each with its fingerprint and baseline state."""
        report = _COMPACT.encode(report_key)
        seen: dict[str, int] = {}
        key_indent = ",\n" + self.indent + "  "
        parts = []
        for finding in findings:
            body, rest = self.of(finding)
            digest = hashlib.sha256(f"[{report},{rest[1:]}".encode()).hexdigest()[:32]
            seen[digest] = seen.get(digest, 0) + 1
            fingerprint = f"{digest}:{seen[digest]}"
            state = BASELINE_JSON[None if baseline is None else fingerprint in baseline]
            parts.append(f'{body}{key_indent}"fingerprint": "{fingerprint}"{key_indent}"baseline": {state}'
                         f"\n{self.indent}}}")
        return ",\n".join(parts)
