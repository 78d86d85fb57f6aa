"""SARIF 2.1.0 output for code scanning: the problems found, located in the file a person edits.

Passes (targets met) and targets without data are left out unless asked for (code-scanning
consumers show every result as an alert); every result carries ``partialFingerprints`` that
survive line shifts (:mod:`checker.decide.fingerprint`), a ``region.startLine`` (GitHub requires
one) and its rule's ``helpUri``.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

from checker.catalogue.store import Catalogue
from checker.core.jsonpos import pointer_lines
from checker.decide.findings import json_form
from checker.decide.fingerprint import FINGERPRINT_KEY
from checker.render.locations import Place, places
from checker.render.options import OutputOptions
from checker.render.rule_docs import rule_doc_uri, rule_markdown
from checker.render.stream import PLACEHOLDER, BatchEnd, indent_block, json_text, split_around
from checker.run.baseline import evaluation_fingerprints

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _tool_version() -> str:
    try:
        return metadata.version("xa-cds-checker")
    except metadata.PackageNotFoundError:
        return "unknown"


def _driver_rules(catalogue: Catalogue, docs_url: str | None) -> list[dict[str, Any]]:
    rules = []
    for rule in catalogue.active_rules():
        entry: dict[str, Any] = {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": f"{rule.title.vi} / {rule.title.en}"},
            "fullDescription": {"text": f"{rule.rationale.vi} / {rule.rationale.en}"},
            "help": {"text": f"{rule.rationale.vi}\n\n{rule.rationale.en}", "markdown": rule_markdown(rule)},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"category": rule.category, "references": rule.references, "kind": rule.kind,
                           "tags": [rule.category]},
        }
        uri = rule_doc_uri(rule.id, docs_url)
        if uri:
            entry["helpUri"] = uri
        rules.append(entry)
    return rules


def _kind(status: str | None) -> str:
    # classification points (NĐ 307) are information, never a problem: only with --sarif-passes
    return {"met": "pass", "no_data": "review", "scored": "informational",
            "not_scored": "informational"}.get(status or "", "fail")


def _physical(place: Place) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": place.line}
    if place.column:
        region["startColumn"] = place.column
    if place.snippet:
        region["snippet"] = {"text": place.snippet}
    return {"artifactLocation": {"uri": place.uri}, "region": region}


def _results(item: Any, index: dict[str, int], options: OutputOptions) -> list[dict[str, Any]]:
    """The SARIF results of one checked report: its problems (and, if asked, its passes), located."""
    results: list[dict[str, Any]] = []
    json_lines = pointer_lines(item.text) if item.read.kind == "json" else None
    findings = item.evaluation.findings
    prints = evaluation_fingerprints(item.evaluation)
    known = item.in_baseline()
    for finding, fingerprint, old in zip(findings, prints, known, strict=True):
        kind = _kind(finding.status)
        if kind != "fail" and not options.with_passes:
            continue
        place, related = places(item, finding, json_lines)
        logical = [{"fullyQualifiedName": finding.pointer or "/", "kind": "member"}]
        if place.label and item.read.kind == "xlsx":
            logical.append({"name": place.label, "kind": "element"})
        where = f" [{place.label}]" if place.label else ""
        result: dict[str, Any] = {
            "ruleId": finding.rule_id,
            "ruleIndex": index[finding.rule_id],
            "kind": kind,
            "level": LEVELS[finding.severity] if kind == "fail" else "none",
            "message": {"text": f"{finding.message.vi}{where}\n{finding.message.en}"},
            "locations": [{"physicalLocation": _physical(place), "logicalLocations": logical}],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            "properties": {
                "commune": item.evaluation.report.identity.commune,
                "category": finding.category,
                "status": finding.status,
                "indicator": finding.indicator,
                "evidence": json_form(finding.evidence),
                "target": json_form(finding.target) if finding.target else None,
            },
        }
        if related:
            result["relatedLocations"] = [
                {"id": i + 1, "physicalLocation": _physical(other),
                 "message": {"text": "trong tệp JSON đã mã hoá / in the encoded JSON"}}
                for i, other in enumerate(related)]
        if options.baseline:
            result["baselineState"] = "unchanged" if old else "new"
        if finding.waiver is not None:
            result["suppressions"] = [{
                "kind": "external", "status": "accepted",
                "justification": f"{finding.waiver.reason} — {finding.waiver.accepted_by}, "
                                 f"hết hạn / expires {finding.waiver.expires}",
            }]
        results.append(result)
    return results


class SarifWriter:
    """One SARIF run over the batch; each report adds its results."""

    separator = ",\n"

    def __init__(self, catalogue: Catalogue, options: OutputOptions | None = None) -> None:
        self.options = options or OutputOptions()
        self._rules = _driver_rules(catalogue, self.options.docs_url)
        self._index = {rule["id"]: i for i, rule in enumerate(self._rules)}
        self._head, self._indent, _ = split_around(self._document(BatchEnd(), [PLACEHOLDER]), f'"{PLACEHOLDER}"')

    def _document(self, end: BatchEnd, results: list[Any]) -> str:
        notifications = [
            {"descriptor": {"id": "input-error"}, "level": "error", "message": {"text": error.render()},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": error.file}}}]}
            for error in end.errors
        ]
        driver: dict[str, Any] = {"name": "xa-cds-checker", "version": _tool_version(), "rules": self._rules}
        if self.options.docs_url:
            driver["informationUri"] = self.options.docs_url
        run = {
            "tool": {"driver": driver},
            "results": results,
            "invocations": [{"executionSuccessful": not end.errors, "toolExecutionNotifications": notifications}],
        }
        return json_text({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]})

    def head(self) -> str:
        """The tool and its rules, up to the opening of the results list."""
        return self._head

    def fragment(self, item: Any) -> str:
        """The results of one report, indented as inside the list."""
        return self.separator.join(indent_block(json_text(result), self._indent)
                                   for result in _results(item, self._index, self.options))

    def tail(self, end: BatchEnd) -> str:
        """From the closing of the results list: the invocation and its input errors."""
        return split_around(self._document(end, [PLACEHOLDER]), f'"{PLACEHOLDER}"')[2]

    def whole_without_reports(self, end: BatchEnd) -> str:
        """The run when no report gave a result."""
        return self._document(end, [])
