"""JUnit XML: one test suite per report, one test case per rule, so any CI shows them."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import Catalogue
from checker.decide.findings import SEVERITY_ORDER
from checker.decide.waivers import UNUSED_RULE_ID
from checker.render.stream import BatchEnd, split_around

MARKER_TAG = "fragments-here"


def _suite(item: Any, rules: tuple[RuleDef, ...], limit: int) -> ET.Element:
    """A failure for each rule with a counted finding at or above the limit in one report."""
    report = item.evaluation.report
    suite = ET.Element("testsuite", name=f"{report.identity.commune} ({item.path.as_posix()})")
    failures = skipped = 0
    for rule in rules:
        case = ET.SubElement(suite, "testcase", classname=item.path.as_posix(), name=f"{rule.id} {rule.title.vi}")
        own = [f for f in item.evaluation.findings if f.rule_id == rule.id]
        failing = [f for f in own if f.counts and SEVERITY_ORDER[f.severity] <= limit]
        waived = [f for f in own if f.waiver is not None]
        if failing:
            failures += 1
            failure = ET.SubElement(case, "failure", type=failing[0].severity, message=failing[0].message.vi)
            failure.text = "\n".join(f"{f.message.vi}\n{f.message.en}" for f in failing)
        elif waived and not [f for f in own if f.counts]:
            skipped += 1
            ET.SubElement(case, "skipped", message=f"miễn trừ / waived: {waived[0].waiver.reason}")
        if own:
            ET.SubElement(case, "system-out").text = "\n".join(f.message.vi for f in own)
    suite.set("tests", str(len(rules)))
    suite.set("failures", str(failures))
    suite.set("skipped", str(skipped))
    suite.set("errors", "0")
    return suite


class JunitWriter:
    """Test suites written one report at a time; input errors as erroring suites at the end."""

    separator = "\n"

    def __init__(self, fail_on: str, catalogue: Catalogue):
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
