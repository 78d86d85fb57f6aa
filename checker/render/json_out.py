"""The JSON output: one shape for one report or many, versioned and described by a JSON Schema.

``{"version": "2", "reports": [{"report", "grade", "findings"}, …], "errors": […], "unused_waivers": […],
"rules": [{"rule_id", "fails", "holds", "not_checked"}, …]}``;
the schema is :func:`checker.render.output_schema.output_schema` (``checker schema --output``).
Each finding carries its ``fingerprint`` (see :mod:`checker.decide.fingerprint`) and, with
``--baseline``, whether it is ``new`` or ``unchanged``.
"""

from __future__ import annotations

from typing import Any

from checker.catalogue.store import Catalogue
from checker.decide.evaluate import Evaluation
from checker.decide.findings import json_form
from checker.decide.waivers import Waiver, unused_message
from checker.model.report import Person
from checker.render.finding_json import FindingTexts
from checker.render.stream import PLACEHOLDER, BatchEnd, indent_block, json_text, split_around, write_all
from checker.run.baseline import evaluation_fingerprints, report_json_key
from checker.run.batch import BatchResult

OUTPUT_VERSION = "2"
"""Version 2: one shape whatever the number of inputs (version 1 gave one report its own shape)."""


def evaluation_dict(evaluation: Evaluation, source: str, extracted: bool = False,
                    baseline: frozenset[str] | None = None) -> dict[str, Any]:
    """One report's result as a JSON-ready dict (``baseline``: the fingerprints of an earlier run).

    :meth:`JsonWriter.fragment` writes the same text without building the findings' dicts.
    """
    findings = [json_form(finding) for finding in evaluation.findings]
    for finding, fingerprint in zip(findings, evaluation_fingerprints(evaluation, findings), strict=True):
        finding["fingerprint"] = fingerprint
        finding["baseline"] = None if baseline is None else ("unchanged" if fingerprint in baseline else "new")
    return {**report_dict(evaluation, source, extracted), "findings": findings}


def report_dict(evaluation: Evaluation, source: str, extracted: bool = False) -> dict[str, Any]:
    """One report's result but its findings: ``{"report", "grade"}``."""
    report = evaluation.report
    period = report.period
    return {
        "report": {
            "file": source,
            "extracted": extracted,
            "commune": report.identity.commune,
            "district": report.identity.district,
            "province": report.identity.province,
            "unit_code": report.identity.unit_code,
            "period": {
                "year": period.year, "kind": period.kind, "quarter": period.quarter,
                "label": period.label,
                "start": period.start.isoformat() if period.start else None,
                "end": period.end.isoformat() if period.end else None,
            },
            "number": report.meta.number,
            "date": report.meta.date.isoformat() if report.meta.date else None,
            "signer": _signer(report.meta.signer),
        },
        "grade": evaluation.grade.as_dict(),
    }


def _signer(signer: Person | None) -> dict[str, str | None] | None:
    """The signer as ``Person.model_dump()`` gives it (its two fields), without building Person's serializer."""
    return None if signer is None else {"name": signer.name, "title": signer.title}


def _add_reading(result: dict[str, Any], item: Any) -> None:
    """A document's reading: the numbers left unplaced and any forced check (``report.reading``)."""
    if item.extracted or item.read.candidates:  # a reviewed form keeps its unassigned numbers
        from checker.render.reading import reading_dict

        result["report"]["reading"] = reading_dict(item.read)


def unused_waivers_json(unused: list[tuple[int, Waiver]], catalogue: Catalogue) -> list[dict[str, Any]]:
    """Waivers that matched nothing, with their index and the message saying so (WV002)."""
    return [{"index": index, **waiver.model_dump(mode="json"),
             "message": json_form(unused_message(index, waiver, catalogue))}
            for index, waiver in unused]


OUTCOMES = ("fails", "holds", "not_checked")


def rules_summary(tally: Any) -> list[dict[str, Any]]:
    """Per rule across the batch: how many reports it fails, holds and could not check (``rules``)."""
    if tally is None:
        return []
    return [{"rule_id": rule_id, **{outcome: counts.get(outcome, 0) for outcome in OUTCOMES}}
            for rule_id, counts in sorted(tally.rules.items())]


class JsonWriter:
    """The shape ``{"version", "reports": [...], "errors": [...], "unused_waivers": [...]}``, one report at a time."""

    separator = ",\n"

    def __init__(self, catalogue: Catalogue, with_waivers: bool = False):
        self.catalogue = catalogue
        self.with_waivers = with_waivers
        self._head, self._indent, _ = split_around(self._document(BatchEnd(), [PLACEHOLDER]), f'"{PLACEHOLDER}"')
        self._findings = FindingTexts(self._indent + "    ")  # a finding sits two levels inside its report

    def _document(self, end: BatchEnd, reports: list[Any]) -> str:
        payload: dict[str, Any] = {"version": OUTPUT_VERSION, "reports": reports,
                                   "errors": [error.as_dict() for error in end.errors],
                                   "unused_waivers": unused_waivers_json(end.unused_waivers, self.catalogue),
                                   "rules": rules_summary(end.tally)}
        return json_text(payload)

    def head(self) -> str:
        """Up to the opening of the reports list."""
        return self._head

    def fragment(self, item: Any) -> str:
        """One report's object, indented as inside the list: ``json_text(evaluation_dict(…))`` indented,
        with each finding's text written from its fields once per finding object (:mod:`checker.render.finding_json`).
        """
        result = report_dict(item.evaluation, item.path.as_posix(), item.extracted)
        _add_reading(result, item)
        result["findings"] = []
        text = indent_block(json_text(result), self._indent)
        findings = item.evaluation.findings
        if not findings:
            return text
        empty = f"[]\n{self._indent}}}"
        assert text.endswith(empty)  # "findings" is the last key
        out = [text[:-len(empty)], "[\n"]
        self._findings.write(out, report_json_key(item.evaluation), findings, item.baseline)
        out.append(f"\n{self._indent}  ]\n{self._indent}}}")
        return "".join(out)  # each finding's text copied once

    def tail(self, end: BatchEnd) -> str:
        """From the closing of the reports list: errors and unused waivers."""
        return split_around(self._document(end, [PLACEHOLDER]), f'"{PLACEHOLDER}"')[2]

    def whole_without_reports(self, end: BatchEnd) -> str:
        """The document when no report was checked."""
        return self._document(end, [])


def render_json(batch: BatchResult, catalogue: Catalogue, with_waivers: bool = False) -> str:
    """A finished batch as the JSON document (the same shape for one report as for many)."""
    writer = JsonWriter(catalogue, with_waivers)
    return write_all(writer, [writer.fragment(item) for item in batch.checked],
                     BatchEnd(batch.errors, batch.unused_waivers, batch.tally, batch.tally.reports))
