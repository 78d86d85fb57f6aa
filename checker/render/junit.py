"""JUnit XML: one test suite per report, one test case per rule, so any CI shows them.

A case fails when the report has a counted finding at or above the JUnit level
(``--junit-fail-on``, default ``error``), whatever ``--fail-on`` says: a job run with
``--fail-on never`` to always publish its report still shows its failures.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import Catalogue
from checker.core.jsonpos import pointer_lines
from checker.decide.findings import SEVERITY_ORDER, SEVERITY_VI, Finding
from checker.decide.waivers import UNUSED_RULE_ID
from checker.render.locations import Place, places
from checker.render.stream import BatchEnd, split_around

MARKER_TAG = "fragments-here"


def _text(item: Any, finding: Finding, lines: dict[str, int] | None) -> tuple[str, Place]:
    place, _ = places(item, finding, lines)
    where = f"{place.uri}:{place.line}" + (f" ({place.label})" if place.label else "")
    return f"{finding.message.vi}\n{finding.message.en}\n  → {where}", place


def _suite(item: Any, rules: tuple[RuleDef, ...], limit: int) -> ET.Element:
    """One test case per rule; a failure when a counted finding is at or above the JUnit level.

    Each message is written once: in the failure, in ``skipped`` (waived) or in ``system-out``
    (below the level, or not counted); the case's ``file`` and ``line`` are its first finding's.
    """
    report = item.evaluation.report
    suite = ET.Element("testsuite", name=f"{report.identity.commune} ({item.path.as_posix()})")
    lines = pointer_lines(item.text) if item.read.kind == "json" else None
    by_rule: dict[str, list[Finding]] = {}
    for finding in item.evaluation.findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    failures = skipped = 0
    for rule in rules:
        case = ET.SubElement(suite, "testcase", classname=item.path.as_posix(), name=f"{rule.id} {rule.title.vi}")
        own = by_rule.get(rule.id, [])
        failing = [f for f in own if f.counts and SEVERITY_ORDER[f.severity] <= limit]
        waived = [f for f in own if f.waiver is not None]
        taken = {id(f) for f in failing} | {id(f) for f in waived}
        rest = [f for f in own if id(f) not in taken]
        texts = {id(f): _text(item, f, lines) for f in own}
        if own:
            first = texts[id((failing or own)[0])][1]
            case.set("file", first.uri)
            case.set("line", str(first.line))
        if failing:
            failures += 1
            worst = min(failing, key=lambda f: SEVERITY_ORDER[f.severity]).severity
            failure = ET.SubElement(case, "failure", type=worst,
                                    message=f"{len(failing)} phát hiện mức {SEVERITY_VI[worst].lower()} / "
                                            f"{len(failing)} {worst} finding(s)")
            failure.text = "\n\n".join(texts[id(f)][0] for f in failing)
        elif waived and not [f for f in own if f.counts]:
            skipped += 1
            waiver = waived[0].waiver
            reason = waiver.reason if waiver is not None else ""
            element = ET.SubElement(case, "skipped", message=f"miễn trừ / waived: {reason}")
            element.text = "\n\n".join(texts[id(f)][0] for f in waived)
            waived = []
        shown_elsewhere = rest + waived
        if shown_elsewhere:
            ET.SubElement(case, "system-out").text = "\n\n".join(texts[id(f)][0] for f in shown_elsewhere)
    suite.set("tests", str(len(rules)))
    suite.set("failures", str(failures))
    suite.set("skipped", str(skipped))
    suite.set("errors", "0")
    return suite


class JunitWriter:
    """Test suites written one report at a time; input errors as erroring suites at the end."""

    separator = "\n"

    def __init__(self, fail_on: str, catalogue: Catalogue):
        """``fail_on``: the JUnit level (error, warning, info; never: no failures)."""
        # one test case per rule that judges a report (an unused waiver, WV002, is about the whole batch)
        self._rules = tuple(rule for rule in catalogue.active_rules() if rule.id != UNUSED_RULE_ID)
        self._limit = SEVERITY_ORDER.get(fail_on, -1)
        self._head, self._indent, _ = split_around(self._document(BatchEnd(), True), f"<{MARKER_TAG} />")

    def _document(self, end: BatchEnd, marked: bool) -> str:
        suites = ET.Element("testsuites", name="xa-cds-checker")
        if marked:
            ET.SubElement(suites, MARKER_TAG)
        for error in end.errors:
            suite = ET.SubElement(suites, "testsuite", name=error.file, tests="1", failures="0", errors="1")
            case = ET.SubElement(suite, "testcase", classname=error.file, name="đọc báo cáo / load report")
            ET.SubElement(case, "error", message="input error").text = error.render()
        ET.indent(suites)
        return ET.tostring(suites, encoding="unicode", xml_declaration=True)

    def head(self) -> str:
        """The declaration and the opening of the suites."""
        return self._head

    def fragment(self, item: Any) -> str:
        """One report's suite, indented as inside the suites."""
        suite = _suite(item, self._rules, self._limit)
        ET.indent(suite, level=1)
        return self._indent + ET.tostring(suite, encoding="unicode")

    def tail(self, end: BatchEnd) -> str:
        """The erroring suites of unreadable inputs and the closing tag."""
        return split_around(self._document(end, True), f"<{MARKER_TAG} />")[2]

    def whole_without_reports(self, end: BatchEnd) -> str:
        """The document when no report was checked."""
        return self._document(end, False)
