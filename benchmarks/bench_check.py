"""Benchmark: cold `check` time, where the time of one report goes, and batch throughput.

Run: python benchmarks/bench_check.py [--reports 1000] [--batch-sizes 1000,10000]
Prints figures; asserts nothing (speed is measured here, not in tests).  Batch runs time
`check DIR` as its own process on report files, with durable_rules (the engine of record)
and with `--engine python` (proven to give the same findings: tests/test_engine_equivalence.py),
with 1 process and with one per core, and read the main process's peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.decide.evaluate import Evaluation, evaluate  # noqa: E402
from checker.model.report import Report  # noqa: E402
from checker.run.batch import Checked  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_reports, write_report_files  # noqa: E402


def cold_check_seconds(runs: int = 5, engine: str = "durable") -> list[float]:
    """Wall time of the installed `check` command on one fixture, new process each run."""
    command = shutil.which("check")
    args = [command] if command else [sys.executable, "-c", "from checker.cli.check import check_main; check_main()"]
    fixture = ROOT / "fixtures" / "chi-lang-nam-thanh-mien-2023.json"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*args, str(fixture), "--format", "json", "--engine", engine], capture_output=True,
                       check=False, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


def stage_breakdown(paths: list[Path]) -> dict[str, float]:
    """Milliseconds per report spent in each stage of checking one report file (CPU time, one process)."""
    from checker.catalogue.store import current
    from checker.decide.evaluate import decide_in_python, facts_of, probes_for, to_finding
    from checker.decide.grading import grade
    from checker.decide.plan import plan_for
    from checker.read.inputs import ReadInput
    from checker.read.json_report import load_report
    from checker.render.json_out import JsonWriter
    from checker.render.writers import TableWriter

    catalogue = current()
    plan = plan_for(catalogue)
    engine = plan.durable_engine()
    writers = {"render JSON": JsonWriter(catalogue), "render table": TableWriter()}
    spent: dict[str, float] = dict.fromkeys(["read + validate", "probes", "decide: python", "decide: durable_rules",
                                             "findings + grade", *writers], 0.0)
    clock = time.process_time
    for path in paths:
        start = clock()
        report = load_report(path)
        loaded = clock()
        probes = probes_for(report, plan, catalogue)
        probed = clock()
        fired = decide_in_python(plan.conditions, probes)
        decided = clock()
        engine.fired(facts_of(probes))
        engined = clock()
        findings = [f for i, p in enumerate(probes) if (f := to_finding(plan.by_id[p.rule_id], p, i in fired))]
        findings.sort(key=lambda f: f.sort_key())
        evaluation = Evaluation(report, findings, grade(findings))
        found = clock()
        spent["read + validate"] += loaded - start
        spent["probes"] += probed - loaded
        spent["decide: python"] += decided - probed
        spent["decide: durable_rules"] += engined - decided
        spent["findings + grade"] += found - engined
        item = Checked(path, evaluation, ReadInput(path, report, path.read_text(encoding="utf-8"), "json"))
        for name, writer in writers.items():
            before = clock()
            writer.fragment(item)
            spent[name] += clock() - before
    return {name: 1000 * total / len(paths) for name, total in spent.items()}


def throughput(reports: list[Report], backend: str) -> float:
    """Reports per second for one backend, after one warm-up report."""
    evaluate(reports[0], backend=backend)
    start = time.perf_counter()
    for report in reports:
        evaluate(report, backend=backend)
    return len(reports) / (time.perf_counter() - start)


def batch_on_files(folder: Path, size: int, jobs: int, engine: str, fmt: str) -> tuple[float, float]:
    """Reports/s and peak RSS (MiB) of `check DIR` run as its own process on the files in ``folder``.

    Peak RSS is the main process's (GNU time); workers each hold at most two chunks.
    """
    command = [sys.executable, "-c", "from checker.cli.check import check_main; check_main()",
               str(folder), "--jobs", str(jobs), "--engine", engine, "--format", fmt,
               "--fail-on", "never", "-o", os.devnull]
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    elapsed = time.perf_counter() - start
    peak_kib = int(done.stderr.strip().splitlines()[-1])
    return size / elapsed, peak_kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--batch-sizes", default="", help="e.g. 1000,10000: also time `check DIR` on files")
    parser.add_argument("--formats", default="json,table", help="output formats of the batch runs")
    parser.add_argument("--cold-runs", type=int, default=7)
    args = parser.parse_args()

    for engine in ("durable", "python"):
        cold = cold_check_seconds(args.cold_runs, engine)
        print(f"cold `check --engine {engine}` on one report: median {statistics.median(cold):.3f} s, "
              f"min {min(cold):.3f} s ({args.cold_runs} runs)")
    reports = list(synthetic_reports(args.reports))
    from checker.catalogue.store import current
    from checker.decide.evaluate import facts_of, probes_for
    from checker.decide.plan import plan_for

    plan = plan_for(current())
    facts = statistics.mean(len(facts_of(probes_for(r, plan, current()))) for r in reports[:50])
    print(f"rules: {len(current().rules)}; facts asserted per report: {facts:.0f}")
    with tempfile.TemporaryDirectory() as folder:
        write_report_files(Path(folder), min(args.reports, 300))
        stages = stage_breakdown(sorted(Path(folder).glob("*.json")))
    print("where the time of one report goes (ms of CPU, one process): "
          + "; ".join(f"{name} {ms:.2f}" for name, ms in stages.items()))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    durable = throughput(reports, "durable")
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    python = throughput(reports, "python")
    print(f"{args.reports} reports in memory, one process, evaluation only: durable_rules {durable:,.0f} reports/s; "
          f"plain Python conditions {python:,.0f} reports/s")
    print(f"peak RSS: {rss_before:.0f} MiB before the engine run, {rss_after:.0f} MiB after")
    for size in [int(n) for n in args.batch_sizes.split(",") if n]:
        with tempfile.TemporaryDirectory() as folder:
            write_report_files(Path(folder), size)
            for fmt in args.formats.split(","):
                for engine in ("durable", "python"):
                    for jobs in sorted({1, os.cpu_count() or 1}):
                        rate, peak = batch_on_files(Path(folder), size, jobs, engine, fmt)
                        print(f"`check DIR --format {fmt} --engine {engine} --jobs {jobs}` on {size} report files: "
                              f"{rate:,.0f} reports/s (start-up included), peak RSS of the main process {peak:.0f} MiB")


if __name__ == "__main__":
    main()
