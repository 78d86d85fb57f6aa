"""A finding's JSON text and fingerprint, rendered once per distinct finding and reused.

About half of a report's findings are the same in every report (the "no data" target findings
of indicators a commune did not report), and the rest repeat often across a batch.  A finding
is rendered straight from its model by pydantic's encoder (``model_dump_json``: the same bytes
as dumping it to a dict and encoding that, without building the dict), and the text and the
report-independent part of its fingerprint are kept, keyed by the finding's whole content (its
compact JSON bytes), never by the object's identity.  The cache belongs to one writer and holds at
most ``limit`` findings (it is emptied when full), so memory stays flat over any batch.

Fingerprints are :func:`checker.decide.fingerprint.numbered` over each finding's
:func:`~checker.decide.fingerprint.about_text` of the fields its identity reads: the same function
``fingerprints`` uses (tests/test_finding_json.py compares both).
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.decide.findings import Finding, adapter, json_form
from checker.decide.fingerprint import about_text, numbered
from checker.run.baseline import IDENTITY_FIELDS

_FINDING = adapter(Finding)

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
        text = self.indent + _FINDING.dump_json(finding, indent=2).decode().replace("\n", newline)
        closing = newline + "}"
        assert text.endswith(closing)
        return text[:-len(closing)], about_text(json_form(finding, include=IDENTITY_FIELDS))

    def of(self, finding: Finding) -> tuple[str, str]:
        """``finding``'s text without its closing brace, and its fingerprint's report-independent part
        (:func:`checker.decide.fingerprint.about_text`).
        """
        key = _FINDING.dump_json(finding)  # compact JSON bytes, not decoded
        known = self._seen.get(key)
        if known is None:
            if len(self._seen) >= self.limit:
                self._seen.clear()
            known = self._seen[key] = self._render(finding)
        return known

    def findings_json(self, report_key: str, findings: Sequence[Finding], baseline: frozenset[str] | None) -> str:
        """The findings as the items of a JSON list, each with its fingerprint and baseline state."""
        rendered = [self.of(finding) for finding in findings]
        key_indent = ",\n" + self.indent + "  "
        parts = []
        for (body, _about), fingerprint in zip(rendered, numbered(report_key, [about for _, about in rendered]),
                                               strict=True):
            state = BASELINE_JSON[None if baseline is None else fingerprint in baseline]
            parts.append(f'{body}{key_indent}"fingerprint": "{fingerprint}"{key_indent}"baseline": {state}'
                         f"\n{self.indent}}}")
        return ",\n".join(parts)
