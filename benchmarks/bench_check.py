"""Benchmark of issue 18: batch throughput against the floor, peak memory, cold start, stage breakdown.

Run: ``python benchmarks/bench_check.py`` (about 10 minutes on a loaded 2-core machine), or
``--quick`` for a smoke run on a few files.  In ONE run it prints, for each size (default
1,000, 2,000 and 10,000 generated report files, ``benchmarks/synthetic.py``):

- the floor: reading and ``json.loads`` of the same files in this one process (files/s);
- ``check DIR --format json`` with each engine at ``--jobs 1`` and ``--jobs 2``, as its own
  process (reports/s, start-up included) and as a ratio to the floor of the same files;
- the main process's peak RSS, and the largest worker's (``RUSAGE_CHILDREN`` of the main process);

then the cold ``check report.json`` time (median of fresh processes, both engines; wall and CPU),
where the CPU time of one report goes, and a table of the issue's bars beside the measured
figures.  The machine is shared: compare figures of one run (ratios), never across runs.
It asserts nothing (speed is measured here, never in tests).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_report_files  # noqa: E402

FIXTURE = ROOT / "fixtures" / "chi-lang-nam-thanh-mien-2023.json"
ENGINES = ("durable", "python")
BARS = {"python": 0.25, "durable": 0.10}
"""Issue 18's bars: `check DIR --jobs 2` throughput as a share of the single-process floor."""
COLD_BAR = 0.3
FLAT_BAR = 0.10
"""'Flat' memory: the main process's peak RSS on the largest batch within 10 % of the smallest's."""

# `check` as the console script runs it, plus a report of the process's own resource use at exit
# (workers leave through os._exit, so only the main process writes it).
_MEASURED_CHECK = """
import atexit, json, os, resource, sys
def _report():
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.environ["BENCH_RUSAGE"], "w") as out:
        json.dump({"self_kib": me.ru_maxrss, "children_kib": kids.ru_maxrss,
                   "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime}, out)
atexit.register(_report)
from checker.cli.check import check_main
sys.argv[0] = "check"
check_main()
"""


def _env() -> dict[str, str]:
    """The environment of the measured commands: as a user's, with compiled modules cached on disk.

    A user's installed package has its ``.pyc`` files; ``PYTHONDONTWRITEBYTECODE`` (set on some
    machines) would make every measured process compile every module from source again.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _check_command() -> list[str]:
    """The installed ``check`` console script, or the same entry point through this interpreter."""
    script = Path(sys.executable).parent / "check"
    if script.is_file():
        return [str(script)]
    found = shutil.which("check")
    return [found] if found else [sys.executable, "-c", "from checker.cli.check import check_main; check_main()"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def floor_rate(paths: list[Path], repeats: int = 3) -> float:
    """Files/s of reading and ``json.loads`` of ``paths`` in this process (best of ``repeats``)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for path in paths:
            json.loads(path.read_bytes())
        best = min(best, time.perf_counter() - start)
    return len(paths) / best


@dataclass(frozen=True)
class BatchRun:
    """One ``check DIR`` run: its throughput and the peak memory of its main process and of its workers."""

    size: int
    engine: str
    jobs: int
    seconds: float
    cpu: float
    main_mib: float
    worker_mib: float
    exit_code: int

    @property
    def rate(self) -> float:
        """Reports per second, start-up included."""
        return self.size / self.seconds


def batch_run(folder: Path, size: int, engine: str, jobs: int) -> BatchRun:
    """Run ``check DIR --format json --engine E --jobs N`` on ``folder`` as its own process."""
    with tempfile.TemporaryDirectory() as scratch:
        usage_file = Path(scratch) / "rusage.json"
        command = [sys.executable, "-c", _MEASURED_CHECK, str(folder), "--format", "json", "--engine", engine,
                   "--jobs", str(jobs), "--fail-on", "never", "-o", os.devnull]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False,
                              env={**_env(), "BENCH_RUSAGE": str(usage_file)})
        seconds = time.perf_counter() - start
        if not usage_file.is_file():
            raise SystemExit(f"check failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
        usage = json.loads(usage_file.read_text(encoding="utf-8"))
    return BatchRun(size, engine, jobs, seconds, usage["cpu"], usage["self_kib"] / 1024,
                    usage["children_kib"] / 1024, done.returncode)


def cold_check(engine: str, runs: int) -> tuple[float, float]:
    """Median wall and median CPU seconds of ``check FIXTURE --format json`` in ``runs`` fresh processes.

    Run after the batch runs, which have written the compiled modules (``.pyc``) a user's install has.
    """
    command = [*_check_command(), str(FIXTURE), "--format", "json", "--engine", engine]
    walls, cpus = [], []
    for _ in range(runs):
        cpu_before, start = _children_cpu(), time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=ROOT, env=_env(), check=False)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu_before)
    return statistics.median(walls), statistics.median(cpus)


def stage_breakdown(paths: list[Path]) -> dict[str, float]:
    """Milliseconds of CPU per report spent in each stage of checking one report file (one process)."""
    from checker.catalogue.store import current
    from checker.decide.evaluate import Evaluation, decide_in_python, facts_of, probes_for, to_finding
    from checker.decide.grading import grade
    from checker.decide.plan import plan_for
    from checker.read.inputs import ReadInput
    from checker.read.json_report import load_report
    from checker.render.json_out import JsonWriter
    from checker.render.writers import TableWriter
    from checker.run.batch import Checked

    catalogue = current()
    plan = plan_for(catalogue)
    engine = plan.durable_engine()
    writers = {"render JSON": JsonWriter(catalogue), "render table": TableWriter()}
    spent: dict[str, float] = dict.fromkeys(["read + validate", "probes", "decide: python", "decide: durable_rules",
                                             "findings + grade", *writers], 0.0)
    clock = time.process_time
    facts = 0
    for path in paths:
        start = clock()
        report = load_report(path)
        loaded = clock()
        probes = probes_for(report, plan, catalogue)
        probed = clock()
        fired = decide_in_python(plan.conditions, probes)
        decided = clock()
        engine_facts = facts_of(probes)
        engine.fired(engine_facts)
        engined = clock()
        facts += len(engine_facts)
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
    print(f"rules: {len(catalogue.rules)}; engine facts per report: {facts / len(paths):.0f}")
    return {name: 1000 * total / len(paths) for name, total in spent.items()}


def _linked_folder(parent: Path, source: list[Path], size: int) -> Path:
    """A folder holding the first ``size`` of ``source`` (hard links, or copies across file systems)."""
    folder = parent / f"n{size}"
    folder.mkdir()
    for path in source[:size]:
        try:
            os.link(path, folder / path.name)
        except OSError:
            shutil.copyfile(path, folder / path.name)
    return folder


def _fmt(number: float, digits: int = 0) -> str:
    """A number as Vietnamese writes it: '.' between thousands, ',' before decimals."""
    text = f"{number:,.{digits}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _bars_table(runs: list[BatchRun], floors: dict[int, float], cold: dict[str, tuple[float, float]]) -> str:
    """The issue's bars beside what this run measured."""
    from tabulate import tabulate

    rows = []
    for size in sorted(floors):
        for engine in ENGINES:
            run = next((r for r in runs if r.size == size and r.engine == engine and r.jobs == 2), None)
            if run is None:
                continue
            ratio = run.rate / floors[size]
            rows.append([f"check DIR --engine {engine} --jobs 2 ({_fmt(size)} tệp/files)",
                         f"≥ {_fmt(100 * BARS[engine])} % sàn/floor", f"{_fmt(100 * ratio, 1)} % ({_fmt(run.rate)}/s)",
                         "đạt/met" if ratio >= BARS[engine] else "chưa/not"])
    for engine, (wall, cpu) in cold.items():
        rows.append([f"cold check report.json --engine {engine}", f"≤ {_fmt(COLD_BAR, 1)} s",
                     f"{_fmt(wall, 2)} s wall, {_fmt(cpu, 2)} s CPU", "đạt/met" if wall <= COLD_BAR else "chưa/not"])
    sizes = sorted(floors)
    for engine in ENGINES:
        small = next((r for r in runs if r.size == sizes[0] and r.engine == engine and r.jobs == 2), None)
        large = next((r for r in runs if r.size == sizes[-1] and r.engine == engine and r.jobs == 2), None)
        if small is None or large is None or len(sizes) < 2:
            continue
        growth = large.main_mib / small.main_mib - 1
        rows.append([f"main-process peak RSS, --engine {engine} --jobs 2, {_fmt(sizes[0])} → {_fmt(sizes[-1])}",
                     f"phẳng/flat (≤ +{_fmt(100 * FLAT_BAR)} %)",
                     f"{_fmt(small.main_mib)} → {_fmt(large.main_mib)} MiB ({_fmt(100 * growth, 1)} %)",
                     "đạt/met" if growth <= FLAT_BAR else "chưa/not"])
    return tabulate(rows, headers=["mục / item", "ngưỡng / bar", "đo được / measured", ""])


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=None, help="report files per batch, e.g. 1000,2000,10000")
    parser.add_argument("--jobs", default=None, help="worker counts of the batch runs (default 1,2; --quick: 2)")
    parser.add_argument("--cold-runs", type=int, default=None, help="fresh processes per engine (default 9)")
    parser.add_argument("--stage-reports", type=int, default=None, help="files of the stage breakdown (default 300)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 6 files, --jobs 2 only, one cold run per engine, 3 files of stages")
    args = parser.parse_args(argv)
    sizes = sorted({int(n) for n in (args.sizes or ("6" if args.quick else "1000,2000,10000")).split(",") if n})
    jobs = [int(n) for n in (args.jobs or ("2" if args.quick else "1,2")).split(",") if n]
    cold_runs = args.cold_runs or (1 if args.quick else 9)
    stage_reports = args.stage_reports or (3 if args.quick else 300)

    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "all").mkdir()
        every = write_report_files(Path(scratch) / "all", max(sizes))
        runs: list[BatchRun] = []
        floors: dict[int, float] = {}
        for size in sizes:
            folder = _linked_folder(Path(scratch), every, size)
            paths = sorted(folder.glob("*.json"))
            floors[size] = floor_rate(paths)
            print(f"{_fmt(size)} tệp/files — sàn/floor (đọc + json.loads, 1 tiến trình/process): "
                  f"{_fmt(floors[size])} tệp/s")
            for engine in ENGINES:
                for count in jobs:
                    run = batch_run(folder, size, engine, count)
                    runs.append(run)
                    print(f"  check DIR --format json --engine {engine} --jobs {count}: {_fmt(run.rate)} báo cáo/s "
                          f"= {_fmt(100 * run.rate / floors[size], 1)} % sàn/floor ({_fmt(run.seconds, 2)} s, "
                          f"CPU {_fmt(run.cpu, 2)} s, exit {run.exit_code}); peak RSS: main {_fmt(run.main_mib)} MiB, "
                          f"largest worker {_fmt(run.worker_mib) + ' MiB' if run.worker_mib else '— (no worker)'}")
            shutil.rmtree(folder)
        cold = {}
        for engine in ENGINES:
            cold[engine] = cold_check(engine, cold_runs)
            print(f"cold `check {FIXTURE.name} --format json --engine {engine}`: median {_fmt(cold[engine][0], 3)} s "
                  f"wall, {_fmt(cold[engine][1], 3)} s CPU ({cold_runs} fresh processes)")
        stages = stage_breakdown(every[:stage_reports])
    print(f"where one report's CPU goes (ms, one process, {min(stage_reports, len(every))} files): "
          + "; ".join(f"{name} {_fmt(ms, 2)}" for name, ms in stages.items()))
    print()
    print(_bars_table(runs, floors, cold))


if __name__ == "__main__":
    main()
