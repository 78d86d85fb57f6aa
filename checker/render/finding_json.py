"""A finding's JSON text and fingerprint, rendered once per distinct finding and reused.

About half of a report's findings are the same in every report (the "no data" target findings
of indicators a commune did not report), and the rest repeat often across a batch.  A finding
is rendered from its dataclass by pydantic's encoder (:func:`checker.decide.findings.adapter`:
the bytes the pydantic models wrote), and the text and the report-independent part of its
fingerprint are kept.  They are found again without encoding the finding:

- by the finding object itself (its ``id``, the object held by the cache): a shared finding
  (``RulePlan.shared_findings``) is the same frozen object in every report;
- else by :func:`content_key`, the finding's content where each value's equality is exactly its
  JSON's (the value and its class: 1, 1.0 and True are equal in Python, not in JSON; a float with
  its sign), every part by its content too (the target's key made once per target object, which the
  cache holds, so its id cannot be reused while the entry lasts).  A finding with a value of any
  other type (a list, a Decimal) is keyed by its compact JSON bytes, as before.

The fingerprint's part is made from the fields themselves when they are their own JSON form
(:func:`checker.decide.fingerprint.about_text_of`), else from the finding's JSON form.

The cache belongs to one writer and holds at most ``limit`` findings (emptied when full), so memory
stays flat over any batch.  Fingerprints are numbered as :func:`checker.decide.fingerprint.numbered`
numbers each finding's :func:`~checker.decide.fingerprint.about_text` of the fields its identity reads
(the same function ``fingerprints`` uses; tests/test_finding_json.py compares both), from the part an
entry keeps in UTF-8 (:func:`~checker.decide.fingerprint.about_tail`), and each entry's text already
ends with the fingerprint's key, so a report's finding is its text, its fingerprint and a fixed end.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

from checker.decide.findings import (
    Evidence,
    EvidenceItem,
    Finding,
    IntervalView,
    ScoreView,
    Suspects,
    TargetRef,
    WaiverRef,
    adapter,
    json_form,
)
from checker.decide.fingerprint import about_tail, about_text, about_text_of, digest_of, report_head
from checker.run.baseline import IDENTITY_FIELDS

if TYPE_CHECKING:
    from pydantic import TypeAdapter

BASELINE_JSON = {None: "null", True: '"unchanged"', False: '"new"'}
"""``"baseline"`` without a baseline, for a finding the baseline has, for one it does not."""

STEP = "  "
"""One level of the output's indentation (``indent=2``)."""

_EXACT = frozenset((str, int, bool, type(None)))
"""Classes whose equal values (of the same class) are written the same JSON."""


class _Unkeyable(Exception):
    """A value whose equality is not its JSON's (a list, a Decimal: 1.0 and 1.00 are equal)."""


def _value_key(value: Any) -> Hashable:
    """``value`` with its class, when equal keys mean the same JSON; a float also with its sign (-0.0 == 0.0)."""
    kind = value.__class__
    if kind is float:
        return kind, value, math.copysign(1.0, value)
    if kind in _EXACT:
        return kind, value
    raise _Unkeyable


def _item_key(item: EvidenceItem) -> Hashable:
    return (item.name, _value_key(item.value), item.indicator, item.pointer, _value_key(item.line), item.quote,
            item.parsed_from, item.report)


def _interval_key(interval: IntervalView | None) -> Hashable:
    return None if interval is None else (interval.stated, interval.text, _value_key(interval.distance))


def _suspects_key(suspects: Suspects | None) -> Hashable:
    if suspects is None:
        return None
    return (tuple([tuple([(f.pointer, f.written, f.label, _value_key(f.line)) for f in figures])
                   for figures in suspects.sets]),
            _value_key(suspects.size), suspects.reasoning.vi, suspects.reasoning.en,
            tuple([(s.pointer, s.written, s.meant, s.kind) for s in suspects.slips]))


def _score_key(score: ScoreView | None) -> Hashable:
    if score is None:
        return None
    return (score.document, score.article, score.quote, score.confidence, score.criterion, score.scored_as,
            _value_key(score.ratio), _value_key(score.reference), score.reference_source, _value_key(score.points),
            _value_key(score.max_points), score.formula, score.data_period, score.data_as_of)


def _waiver_key(waiver: WaiverRef | None) -> Hashable:
    if waiver is None:
        return None
    return (waiver.reason, waiver.accepted_by, waiver.expires, _value_key(waiver.index))


def _evidence_key(evidence: Evidence) -> Hashable:
    return (tuple([_item_key(item) for item in evidence.items]), evidence.computation,
            _interval_key(evidence.interval), _suspects_key(evidence.suspects))


def target_key(target: TargetRef) -> Hashable:
    """A target's content, equal for two targets only when their JSON is the same."""
    return (target.id, target.document, target.document_date, target.issuer, target.title, target.article,
            target.quote, target.confidence, target.confidence_text, target.layer, _value_key(target.year),
            target.kind, _value_key(target.binding), target.comparator, _value_key(target.threshold),
            target.denominator, target.file, tuple(target.overrides), target.stage, target.document_in_force_from,
            target.in_force_from, target.in_force_until,
            tuple([(ref.document, ref.article) for ref in target.supersedes]), tuple(target.retired))


def content_key(finding: Finding, target: Hashable = None) -> Hashable | None:
    """A key equal for two findings only when their JSON is the same (see the module's text); None when a
    value cannot be part of such a key.  ``target``: :func:`target_key` of the finding's target (None
    without one).
    """
    try:
        return (finding.rule_id, finding.rule_name, finding.category, finding.severity, finding.status,
                finding.indicator, _value_key(finding.observed), _value_key(finding.expected),
                _evidence_key(finding.evidence), target, _score_key(finding.score), finding.message.vi,
                finding.message.en, finding.pointer, _waiver_key(finding.waiver))
    except _Unkeyable:
        return None


def _is_json(value: Any) -> bool:
    """Whether ``value`` is its own JSON form (as ``json_form`` would give it)."""
    kind = value.__class__
    return kind in _EXACT or (kind is float and math.isfinite(value))


def identity_text(finding: Finding) -> str:
    """:func:`checker.decide.fingerprint.about_text` of the finding's JSON form, from its fields when they are
    their own JSON form (the same text, tests/test_finding_json.py), else from the JSON form.
    """
    items = [(item.name, item.indicator, item.value) for item in finding.evidence.items]
    if _is_json(finding.observed) and _is_json(finding.expected) and all(_is_json(value) for *_, value in items):
        return about_text_of(finding.rule_id, finding.indicator, finding.observed, finding.expected,
                             finding.target.id if finding.target is not None else None, items)
    return about_text(json_form(finding, include=IDENTITY_FIELDS))


class FindingTexts:
    """Each distinct finding's JSON text, indented by ``indent``, and its identity, rendered once.

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
        self._seen: dict[Hashable, tuple[Finding, str, bytes]] = {}
        self._targets: dict[int, list[Any]] = {}
        self._target_line = f"\n{indent}{STEP}\"target\": "
        self._score_line = f"\n{indent}{STEP}\"score\": "
        without: Any = {"target"}
        for _ in range(depth):
            without = {0: without}
        self._without_target = without
        """``exclude`` for a finding inside ``depth`` lists: its target."""

    def _target(self, target: TargetRef) -> list[Any]:
        """``target``'s entry, ``[target, its key, its text in a finding or None until a finding shows it]``."""
        known = self._targets.get(id(target))
        if known is None or known[0] is not target:
            if len(self._targets) >= self.limit:
                self._targets.clear()
            try:
                key = target_key(target)
            except _Unkeyable:  # by identity: the cached finding holds the target
                key = ("object", id(target))
            known = self._targets[id(target)] = [target, key, None]
        return known

    def _target_key(self, target: TargetRef | None) -> Hashable:
        return None if target is None else self._target(target)[1]

    def _render(self, finding: Finding) -> tuple[Finding, str, str]:
        """The finding's text, dumped by pydantic inside as many lists as it has levels of indentation: the text
        already indented (the same bytes as dumping it alone and indenting every line), cut out of the lists.

        A target is written by pydantic once per target object: its lines (``"target": {…},``) are cut out of the
        first finding that shows it, and the findings after it are dumped without their target, its lines put
        back before ``"score"`` (the key after it; lines of nested values are indented further, and a newline
        inside a JSON string is escaped, so these lines are found by their indentation alone).
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
        target = None if finding.target is None else self._target(finding.target)
        if target is not None and target[2] is not None:
            text = nested.dump_json(wrapped, indent=2, exclude=self._without_target)[start:-end].decode()
            at = text.index(self._score_line)
            text = f"{text[:at]}{target[2]}{text[at:]}"
        else:
            text = nested.dump_json(wrapped, indent=2)[start:-end].decode()
            if target is not None:
                begin = text.index(self._target_line)
                target[2] = text[begin:text.index(self._score_line, begin)]
        return finding, text, identity_text(finding)

    def entry(self, finding: Finding) -> tuple[Finding, str, bytes]:
        """``finding``'s cache entry: a finding of that content, its text up to its fingerprint's value (the text
        without its closing brace, then the fingerprint's key and opening quote) and the report-independent
        part of its fingerprint (:func:`checker.decide.fingerprint.about_tail`).
        """
        known = self._by_object.get(id(finding))
        if known is None or known[0] is not finding:
            key = content_key(finding, self._target_key(finding.target))
            if key is None:
                key = adapter(Finding).dump_json(finding)  # compact JSON bytes, not decoded
            known = self._seen.get(key)
            if known is None:
                if len(self._seen) >= self.limit:
                    self._seen.clear()
                    self._by_object.clear()
                _, body, about = self._render(finding)
                known = self._seen[key] = (finding, f'{body}{self._key_indent}"fingerprint": "', about_tail(about))
            if len(self._by_object) >= self.limit:
                self._by_object.clear()
            self._by_object[id(finding)] = known if known[0] is finding else (finding, known[1], known[2])
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
        append = out.append
        for finding in findings:
            _, text, tail = entry(finding)
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
