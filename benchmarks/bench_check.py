"""Benchmark: cold `check` time, and batch throughput of the engine vs plain Python.

Run: python benchmarks/bench_check.py [--reports 1000]
Prints figures; asserts nothing (speed is measured here, not in tests).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.evaluate import evaluate  # noqa: E402
from checker.model import Report  # noqa: E402


def synthetic_reports(count: int, seed: int = 7) -> Iterator[Report]:
    """Reports made by perturbing the real fixtures' numbers (deterministic)."""
    rnd = random.Random(seed)
    bases = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "fixtures").glob("*.json"))]
    for index in range(count):
        data = copy.deepcopy(bases[index % len(bases)])
        for statements in data["indicators"].values():
            for measure in statements if isinstance(statements, list) else [statements]:
                for key in ("value", "numerator", "percent"):
                    if isinstance(measure.get(key), int | float) and rnd.random() < 0.3:
                        measure[key] = round(measure[key] * rnd.uniform(0.8, 1.1), 0 if key != "percent" else 2)
                        if key == "percent":
                            measure[key] = min(measure[key], 100)
        yield Report.model_validate(data)


def cold_check_seconds(runs: int = 5) -> list[float]:
    """Wall time of the installed `check` command on one fixture, new process each run."""
    command = shutil.which("check")
    args = [command] if command else [sys.executable, "-c", "from checker.cli import check_main; check_main()"]
    fixture = ROOT / "fixtures" / "chi-lang-nam-thanh-mien-2023.json"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*args, str(fixture), "--format", "json"], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def throughput(reports: list[Report], backend: str) -> float:
    """Reports per second for one backend, after one warm-up report."""
    evaluate(reports[0], backend=backend)
    start = time.perf_counter()
    for report in reports:
        evaluate(report, backend=backend)
    return len(reports) / (time.perf_counter() - start)


def batch_on_files(size: int, jobs: int) -> tuple[float, float]:
    """Reports/s and peak RSS (MiB) of `check DIR --jobs N` run as its own process on ``size`` files.

    Peak RSS is the main process's (GNU time); workers each hold at most two chunks.
    """
    with tempfile.TemporaryDirectory() as folder:
        for index, report in enumerate(synthetic_reports(size)):
            path = Path(folder) / f"r{index:05d}.json"
            path.write_text(report.model_dump_json(exclude_none=True), encoding="utf-8")
        command = [sys.executable, "-c", "from checker.cli import check_main; check_main()",
                   folder, "--jobs", str(jobs), "--fail-on", "never", "-o", os.devnull]
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True,
                              cwd=ROOT, check=False)
        elapsed = time.perf_counter() - start
    peak_kib = int(done.stderr.strip().splitlines()[-1])
    return size / elapsed, peak_kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--batch-sizes", default="", help="e.g. 1000,10000: also time `check DIR` on files, 2 cores")
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()

    cold = cold_check_seconds(args.cold_runs)
    print(f"cold `check` on one report: median {statistics.median(cold):.3f} s, min {min(cold):.3f} s "
          f"({args.cold_runs} runs)")
    reports = list(synthetic_reports(args.reports))
    from checker.evaluate import facts_of, probes_for
    from checker.rulebook import all_rules

    facts = statistics.mean(len(facts_of(probes_for(r, all_rules()))) for r in reports[:50])
    print(f"rules: {len(all_rules())}; facts asserted per report: {facts:.0f}")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    durable = throughput(reports, "durable")
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    python = throughput(reports, "python")
    print(f"{args.reports} reports, one process: durable_rules {durable:,.0f} reports/s; "
          f"plain Python conditions {python:,.0f} reports/s")
    print(f"peak RSS: {rss_before:.0f} MiB before the engine run, {rss_after:.0f} MiB after")
    for size in [int(n) for n in args.batch_sizes.split(",") if n]:
        for jobs in (1, os.cpu_count() or 1):
            rate, peak = batch_on_files(size, jobs)
            print(f"`check DIR` on {size} report files, {jobs} process(es): {rate:,.0f} reports/s "
                  f"(start-up included), peak RSS of the main process {peak:.0f} MiB")


if __name__ == "__main__":
    main()
