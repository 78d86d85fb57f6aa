"""Benchmark: the durable_rules decision path against the plain-Python one, in memory, in one run.

Run: python benchmarks/bench_engine.py [--reports 600] [--repeats 3]
Generated reports (benchmarks/synthetic.py) are loaded and their probes derived once; then, for
each repeat, every report is decided by plain Python and by durable_rules (the same probes), and
checked end to end by ``evaluate()`` with each backend.  Prints CPU milliseconds per report,
reports per second and the durable/python ratio, measured in the same run (the machine is
shared: compare ratios, not figures across runs).  Asserts only that both decide alike.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_reports  # noqa: E402

from checker.catalogue.store import current  # noqa: E402
from checker.decide.evaluate import decide_in_python, engine_facts, evaluate, probes_for  # noqa: E402
from checker.decide.plan import plan_for  # noqa: E402


def main() -> None:
    """Print the decide-only and end-to-end rates of both backends."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=600)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    catalogue = current()
    plan = plan_for(catalogue)
    engine = plan.durable_engine()
    reports = list(synthetic_reports(args.reports))
    probes = [probes_for(report, plan, catalogue) for report in reports]
    facts = sum(len(list(engine_facts(p))) for p in probes) / len(probes)
    clock = time.process_time
    stages = ["decide: python", "decide: durable_rules", "evaluate: python", "evaluate: durable_rules"]
    spent = dict.fromkeys(stages, 0.0)
    for _ in range(args.repeats):
        start = clock()
        by_python = [decide_in_python(plan.conditions, p) for p in probes]
        spent["decide: python"] += clock() - start
        start = clock()
        by_engine = [engine.decide(engine_facts(p)) for p in probes]
        spent["decide: durable_rules"] += clock() - start
        if by_python != by_engine:
            raise SystemExit("the engines decided differently")
        for backend in ("python", "durable"):
            start = clock()
            for report in reports:
                evaluate(report, backend=backend, catalogue=catalogue)  # type: ignore[arg-type]
            spent[f"evaluate: {'durable_rules' if backend == 'durable' else 'python'}"] += clock() - start
    count = args.reports * args.repeats
    print(f"{args.reports} reports x {args.repeats}, {facts:.0f} engine facts a report, "
          f"{engine.rule_count} engine rules in {engine.ruleset_count} rulesets")
    for stage, seconds in spent.items():
        print(f"{stage:24} {seconds / count * 1000:7.3f} ms/report {count / seconds:9.0f} reports/s")
    for stage in ("decide", "evaluate"):
        ratio = spent[f"{stage}: durable_rules"] / spent[f"{stage}: python"]
        print(f"{stage}: durable_rules / python = {ratio:.2f}")


if __name__ == "__main__":
    main()
