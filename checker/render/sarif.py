"""SARIF 2.1.0 output, so code-scanning tools show findings located in the report files."""

from __future__ import annotations

from typing import Any

from checker.catalogue.store import Catalogue
from checker.core.jsonpos import line_of, pointer_lines
from checker.render.rule_docs import rule_markdown
from checker.render.stream import PLACEHOLDER, BatchEnd, indent_block, json_text, split_around

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
TOOL_URI = "https://example.invalid/xa-cds-checker"  # no public home yet; SARIF requires a URI form


def _driver_rules(catalogue: Catalogue) -> list[dict[str, Any]]:
    return [
        {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": f"{rule.title.vi} / {rule.title.en}"},
            "fullDescription": {"text": f"{rule.rationale.vi} / {rule.rationale.en}"},
            "help": {"text": f"{rule.rationale.vi}\n\n{rule.rationale.en}", "markdown": rule_markdown(rule)},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"category": rule.category, "references": rule.references, "kind": rule.kind},
        }
        for rule in catalogue.active_rules()
    ]


def _kind(status: str | None) -> str:
    return {"met": "pass", "no_data": "review"}.get(status or "", "fail")


def _results(item: Any, index: dict[str, int]) -> list[dict[str, Any]]:
    """The SARIF results of one checked report: one per finding, located in the report file."""
    results: list[dict[str, Any]] = []
    lines = pointer_lines(item.text)
    uri = item.path.as_posix()
    for finding in item.evaluation.findings:
        kind = _kind(finding.status)
        source_lines = [e.line for e in finding.evidence.items if e.line]
        line = (source_lines[0] if source_lines else 1) if item.extracted else line_of(lines, finding.pointer)
        result: dict[str, Any] = {
            "ruleId": finding.rule_id,
            "ruleIndex": index[finding.rule_id],
            "kind": kind,
            "level": LEVELS[finding.severity] if kind == "fail" else "none",
            "message": {"text": f"{finding.message.vi}\n{finding.message.en}"},
            "locations": [{
                "physicalLocation": {"artifactLocation": {"uri": uri},
                                     "region": {"startLine": line}},
                "logicalLocations": [{"fullyQualifiedName": finding.pointer or "/", "kind": "member"}],
            }],
            "properties": {
                "commune": item.evaluation.report.identity.commune,
                "category": finding.category,
                "status": finding.status,
                "indicator": finding.indicator,
                "evidence": finding.evidence.model_dump(mode="json"),
                "target": finding.target.model_dump(mode="json") if finding.target else None,
            },
        }
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

    def __init__(self, catalogue: Catalogue) -> None:
        self._rules = _driver_rules(catalogue)
        self._index = {rule["id"]: i for i, rule in enumerate(self._rules)}
        self._head, self._indent, _ = split_around(self._document(BatchEnd(), [PLACEHOLDER]), f'"{PLACEHOLDER}"')

    def _document(self, end: BatchEnd, results: list[Any]) -> str:
        notifications = [
            {"descriptor": {"id": "input-error"}, "level": "error", "message": {"text": error.render()},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": error.file}}}]}
            for error in end.errors
        ]
        run = {
            "tool": {"driver": {"name": "xa-cds-checker", "version": "0.1.0", "informationUri": TOOL_URI,
                                "rules": self._rules}},
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
                                   for result in _results(item, self._index))

    def tail(self, end: BatchEnd) -> str:
        """From the closing of the results list: the invocation and its input errors."""
        return split_around(self._document(end, [PLACEHOLDER]), f'"{PLACEHOLDER}"')[2]

    def whole_without_reports(self, end: BatchEnd) -> str:
        """The run when no report gave a result."""
        return self._document(end, [])
