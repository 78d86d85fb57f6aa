"""Benchmark of issue 18's findings stage: probes → findings → waivers → grade → outcomes, and fingerprints.

Probes and decisions of ``--reports`` generated report files are computed once (not timed); then each
step of turning them into an evaluation is timed on its own, in ms of CPU per report, as
``checker.decide.evaluate.evaluate`` runs it (``assemble``), and the fingerprints of the JSON output
(``checker.run.baseline.evaluation_fingerprints`` of the findings' JSON form, as the JSON output
writes it).  Compare figures within one run only (the machine
is shared); the script asserts nothing::

    python benchmarks/bench_findings.py --reports 300 --repeats 3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_report_files  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    """Time the findings stage on generated reports and print ms of CPU per report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each step; the fastest is kept")
    args = parser.parse_args(argv)

    from checker.catalogue.store import current
    from checker.decide.evaluate import Evaluation, assemble, decide_in_python, probes_for, rule_outcomes
    from checker.decide.findings import json_form
    from checker.decide.grading import grade
    from checker.decide.plan import plan_for
    from checker.decide.suspects import locations
    from checker.read.inputs import read_input
    from checker.run.baseline import evaluation_fingerprints

    catalogue = current()
    plan = plan_for(catalogue)
    with tempfile.TemporaryDirectory() as scratch:
        paths = write_report_files(Path(scratch), args.reports, seed=11, drop=0.1)
        reports = [read_input(path).report for path in paths]
    cases = []
    for report in reports:
        probes = probes_for(report, plan, catalogue)
        fired = decide_in_python(plan.conditions, probes)
        cases.append((report, probes, fired, locations(probes, fired)))

    clock = time.process_time
    best: dict[str, float] = {}
    findings_total = 0
    for _ in range(args.repeats):
        spent = dict.fromkeys(("findings (assemble)", "grade", "outcomes", "JSON form (json_form)",
                               "fingerprints"), 0.0)
        findings_total = 0
        for report, probes, fired, located in cases:
            start = clock()
            findings = assemble(plan, probes, fired, located)
            built = clock()
            graded = grade(findings)
            gradedat = clock()
            outcomes = rule_outcomes(plan, probes, fired)
            outcomed = clock()
            dumped = [json_form(finding) for finding in findings]
            dumpedat = clock()
            evaluation_fingerprints(Evaluation(report, findings, graded, outcomes=outcomes), dumped)
            printed = clock()
            findings_total += len(findings)
            for name, (begin, end) in {"findings (assemble)": (start, built), "grade": (built, gradedat),
                                       "outcomes": (gradedat, outcomed),
                                       "JSON form (json_form)": (outcomed, dumpedat),
                                       "fingerprints": (dumpedat, printed)}.items():
                spent[name] += end - begin
        for name, total in spent.items():
            best[name] = min(best.get(name, total), total)
    per = {name: 1000 * total / len(cases) for name, total in best.items()}
    print(f"{len(cases)} reports, {findings_total / len(cases):.1f} findings per report; ms CPU per report "
          f"(fastest of {args.repeats}):")
    for name, ms in per.items():
        print(f"  {name:22} {ms:6.3f}")
    print(f"  {'findings + grade + outcomes':22} {per['findings (assemble)'] + per['grade'] + per['outcomes']:6.3f}")


if __name__ == "__main__":
    main()
