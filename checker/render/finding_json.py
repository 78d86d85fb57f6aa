"""A finding's JSON text and fingerprint, written from its fields, once per finding object.

A finding is written by :mod:`checker.render.finding_writer` (the pieces of its text that are the same in
every report — keys, indentation, brackets — made once per writer, only the values encoded per finding;
the bytes pydantic writes), or by pydantic's encoder (:func:`checker.decide.findings.adapter`) for what that
writer leaves to it (scores, waivers, values of other types).  A target's text is written once per target
object.  The report-independent part of the fingerprint is made from the fields themselves when they are their
own JSON form (:func:`checker.decide.fingerprint.about_text_of`), else from the finding's JSON form.

What is kept is found by the object only, never by content: a shared finding (``RulePlan.shared_findings``,
a target without data) is the same frozen object in every report, so its text and identity are made once;
any other finding is a new object, written afresh (issue 18, round 6: remembering findings by content only
paid off on generated batches, whose reports repeat each other).  An entry holds its finding, so the id is
not reused while the entry lasts; the writer keeps at most ``limit`` findings (emptied when full), so memory
stays flat over any batch.  Fingerprints are numbered as :func:`checker.decide.fingerprint.numbered` numbers
each finding's :func:`~checker.decide.fingerprint.about_text` of the fields its identity reads (the same
function ``fingerprints`` uses; tests/test_finding_json.py compares both), from the part an entry keeps in
UTF-8 (:func:`~checker.decide.fingerprint.about_tail`), and each entry's text already ends with the
fingerprint's key, so a report's finding is its text, its fingerprint and a fixed end.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from checker.decide.findings import Finding, TargetRef, adapter, json_form
from checker.decide.fingerprint import about_tail, about_text, about_text_of, digest_of, report_head
from checker.render.finding_writer import Unwritable, compile_finding_writer
from checker.run.baseline import IDENTITY_FIELDS

if TYPE_CHECKING:
    from pydantic import TypeAdapter

BASELINE_JSON = {None: "null", True: '"unchanged"', False: '"new"'}
"""``"baseline"`` without a baseline, for a finding the baseline has, for one it does not."""

STEP = "  "
"""One level of the output's indentation (``indent=2``)."""

_EXACT = frozenset((str, int, bool, type(None)))
"""Classes whose values are their own JSON form (with a finite float)."""


def _is_json(value: Any) -> bool:
    """Whether ``value`` is its own JSON form (as ``json_form`` would give it)."""
    kind = value.__class__
    return kind in _EXACT or (kind is float and math.isfinite(value))


def identity_text(finding: Finding) -> str:
    """:func:`checker.decide.fingerprint.about_text` of the finding's JSON form, from its fields when they are
    their own JSON form (the same text, tests/test_finding_json.py), else from the JSON form.
    """
    items = [(item.name, item.indicator, item.value) for item in finding.evidence.items]
    is_json = _is_json
    if is_json(finding.observed) and is_json(finding.expected):
        for _, _, value in items:
            if not is_json(value):
                break
        else:
            return about_text_of(finding.rule_id, finding.indicator, finding.observed, finding.expected,
                                 finding.target.id if finding.target is not None else None, items)
    return about_text(json_form(finding, include=IDENTITY_FIELDS))


class FindingTexts:
    """Each finding object's JSON text, indented by ``indent``, and its identity, rendered once.

    The text stops before the object's closing brace, so the fingerprint and baseline keys
    (which depend on the report) can follow.
    """

    def __init__(self, indent: str, limit: int = 2048) -> None:
        depth, odd = divmod(len(indent), 2)
        assert not odd and indent == " " * len(indent), "an indentation of whole levels of two spaces"
        self.indent = indent
        self.limit = limit
        self._depth = depth
        # a finding dumped ``depth`` lists deep sits at ``indent``: its text is cut out of the whole
        self._cut = (sum(len(STEP * level + "[\n") for level in range(depth)),
                     len(f"\n{indent}}}") + sum(len("\n" + STEP * level + "]") for level in range(depth)))
        self._nested: TypeAdapter[Any] | None = None
        self._key_indent = f",\n{indent}{STEP}"
        self._ends = {state: f'"{self._key_indent}"baseline": {text}\n{indent}}},\n'
                      for state, text in BASELINE_JSON.items()}
        """What follows a fingerprint's value, by baseline state, up to the next item (``,\\n``)."""
        self._by_object: dict[int, tuple[Finding, str, bytes]] = {}
        self._targets: dict[int, tuple[TargetRef, str]] = {}
        self._write = compile_finding_writer(indent, self._target_text)
        """The finding's text written from its fields (:mod:`checker.render.finding_writer`)."""

    def _target_text(self, target: TargetRef) -> str:
        """``target``'s JSON as the value of a finding's ``"target"`` (indented as there), written by pydantic
        once per target object (held by its entry, so its id is not reused while the entry lasts).
        """
        known = self._targets.get(id(target))
        if known is None or known[0] is not target:
            if len(self._targets) >= self.limit:
                self._targets.clear()
            text = adapter(TargetRef).dump_json(target, indent=2).decode().replace("\n", f"\n{self.indent}{STEP}")
            known = self._targets[id(target)] = (target, text)
        return known[1]

    def _render(self, finding: Finding) -> tuple[Finding, str, str]:
        """The finding's text (:meth:`_dumped` when the fields' writer cannot write it) and its identity."""
        try:
            text = self._write(finding)
        except Unwritable:
            text = self._dumped(finding)
        return finding, text, identity_text(finding)

    def _dumped(self, finding: Finding) -> str:
        """The finding's text, dumped by pydantic inside as many lists as it has levels of indentation: the text
        already indented (the same bytes as dumping it alone and indenting every line), cut out of the lists.
        """
        nested = self._nested
        if nested is None:
            kind: Any = Finding
            for _ in range(self._depth):
                kind = list[kind]
            nested = self._nested = adapter(kind)
        wrapped: Any = finding
        for _ in range(self._depth):
            wrapped = [wrapped]
        start, end = self._cut
        return nested.dump_json(wrapped, indent=2)[start:-end].decode()

    def entry(self, finding: Finding) -> tuple[Finding, str, bytes]:
        """``finding``'s entry: the finding, its text up to its fingerprint's value (the text without its closing
        brace, then the fingerprint's key and opening quote) and the report-independent part of its fingerprint
        (:func:`checker.decide.fingerprint.about_tail`); made once per finding object.
        """
        known = self._by_object.get(id(finding))
        if known is None or known[0] is not finding:
            if len(self._by_object) >= self.limit:
                self._by_object.clear()
            _, body, about = self._render(finding)
            known = self._by_object[id(finding)] = (
                finding, f'{body}{self._key_indent}"fingerprint": "', about_tail(about))
        return known

    def write(self, out: list[str], report_key: str, findings: Sequence[Finding],
              baseline: frozenset[str] | None) -> None:
        """Append to ``out`` the pieces of the findings as the items of a JSON list, each with its fingerprint
        (numbered as :func:`checker.decide.fingerprint.numbered` numbers them) and baseline state: joined once
        with the rest of the report, each finding's text is copied once.
        """
        head = report_head(report_key)
        seen: dict[str, int] = {}
        ends = self._ends
        entry = self.entry
        by_object = self._by_object
        append = out.append
        for finding in findings:
            known = by_object.get(id(finding))  # :meth:`entry`'s lookup, without the call for a shared finding
            if known is None or known[0] is not finding:
                known = entry(finding)
            _, text, tail = known
            digest = digest_of(head, tail)
            count = seen[digest] = seen.get(digest, 0) + 1
            fingerprint = f"{digest}:{count}"
            append(text)
            append(fingerprint)
            append(ends[None if baseline is None else fingerprint in baseline])
        if findings:
            out[-1] = out[-1][:-2]  # the last item without the separator

    def findings_json(self, report_key: str, findings: Sequence[Finding], baseline: frozenset[str] | None) -> str:
        """The findings as the items of a JSON list (:meth:`write`'s pieces joined)."""
        out: list[str] = []
        self.write(out, report_key, findings, baseline)
        return "".join(out)
