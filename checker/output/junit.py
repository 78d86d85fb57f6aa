"""JUnit XML: one test suite per report, one test case per rule, so any CI shows them."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from checker.batch import BatchResult
from checker.findings import SEVERITY_ORDER
from checker.rulebook import all_rules


def render_junit(batch: BatchResult, fail_on: str) -> str:
    """A failure for each rule with a counted finding at or above ``fail_on`` in a report."""
    suites = ET.Element("testsuites", name="xa-cds-checker")
    rules = all_rules()
    limit = SEVERITY_ORDER.get(fail_on, -1)
    for item in batch.checked:
        report = item.evaluation.report
        suite = ET.SubElement(suites, "testsuite", name=f"{report.identity.commune} ({item.path.as_posix()})")
        failures = skipped = 0
        for rule in rules:
            case = ET.SubElement(suite, "testcase", classname=item.path.as_posix(),
                                 name=f"{rule.id} {rule.title.vi}")
            own = [f for f in item.evaluation.findings if f.rule_id == rule.id]
            failing = [f for f in own if f.counts and SEVERITY_ORDER[f.severity] <= limit]
            waived = [f for f in own if f.waiver is not None]
            if failing:
                failures += 1
                failure = ET.SubElement(case, "failure", type=failing[0].severity,
                                        message=failing[0].message.vi)
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
    for error in batch.errors:
        suite = ET.SubElement(suites, "testsuite", name=error.file, tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname=error.file, name="đọc báo cáo / load report")
        ET.SubElement(case, "error", message="input error").text = error.render()
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
