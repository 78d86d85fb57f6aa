"""Fuzz benchmark: N mutated inputs per kind through ``check``, counting exit codes; exit 3 must never appear.

    python benchmarks/bench_fuzz.py --cases 10000 --jobs 2
    python benchmarks/bench_fuzz.py --kinds text --cases 2000 --engine durable

Kinds (``tests/mutations.py``): ``tree`` (nodes of a seed report's JSON replaced, removed or
renamed), ``bytes`` (a seed report's bytes flipped, cut, repeated, odd tokens spliced in),
``text`` (a seed document's header and a window of its body, edited, read as a .txt report).
Case ``i`` of a kind always uses ``random.Random(i)``: a crasher is replayed with
``--replay KIND:SEED``.  Each case is checked in process through the ``check`` command (format
JSON, table or SARIF in turn).  Prints a table of counts per kind and exit code, the crashers
(kind, seed, message), and exits 1 if any case ended with exit 3, a traceback or an
unparseable output.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mutations import MUTATORS, run_case  # noqa: E402

FORMATS = ("json", "table", "sarif")


def _run_range(args: tuple[str, int, int, str]) -> tuple[str, Counter, list[tuple[int, str]]]:
    kind, start, stop, engine = args
    counts: Counter = Counter()
    crashers: list[tuple[int, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(start, stop):
            suffix, data = MUTATORS[kind](random.Random(seed))
            path = Path(folder) / f"case{suffix}"
            path.write_bytes(data)
            code, problem = run_case(path, FORMATS[seed % len(FORMATS)], engine)
            counts[code] += 1
            if problem:
                crashers.append((seed, problem))
    return kind, counts, crashers


def main() -> int:
    """Run the cases, print the counts, return 1 when any case crashed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000, help="cases per kind (default 10,000)")
    parser.add_argument("--kinds", default=",".join(MUTATORS), help="comma-separated kinds")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--engine", choices=("durable", "python"), default="python",
                        help="decision engine (python: faster; proven equal to durable, docs/engine.md)")
    parser.add_argument("--replay", default=None, help="KIND:SEED — run one case and print what happened")
    options = parser.parse_args()
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="bench-fuzz-cache-"))
    if options.replay:
        kind, seed = options.replay.split(":")
        with tempfile.TemporaryDirectory() as folder:
            suffix, data = MUTATORS[kind](random.Random(int(seed)))
            path = Path(folder) / f"case{suffix}"
            path.write_bytes(data)
            print(run_case(path, FORMATS[int(seed) % len(FORMATS)], options.engine))
        return 0
    kinds = options.kinds.split(",")
    step = 250
    tasks = [(kind, start, min(start + step, options.cases), options.engine)
             for kind in kinds for start in range(0, options.cases, step)]
    totals = {kind: Counter() for kind in kinds}
    crashers: dict[str, list[tuple[int, str]]] = {kind: [] for kind in kinds}
    started = time.monotonic()
    # a fresh process per range: click's test runner keeps every output it captured (its stream
    # cache is a WeakKeyDictionary whose values refer to their keys), 10,000 cases would hold gigabytes
    with multiprocessing.get_context("fork").Pool(options.jobs, maxtasksperchild=1) as pool:
        for kind, counts, found in pool.imap_unordered(_run_range, tasks):
            totals[kind].update(counts)
            crashers[kind].extend(found)
    elapsed = time.monotonic() - started
    print(f"fuzz: {options.cases} cases per kind, engine {options.engine}, {options.jobs} processes, "
          f"{elapsed:.0f} s")
    print(f"{'kind':<8}{'exit 0':>9}{'exit 1':>9}{'exit 2':>9}{'exit 3':>9}{'crashers':>10}")
    for kind in kinds:
        counts = totals[kind]
        print(f"{kind:<8}{counts[0]:>9}{counts[1]:>9}{counts[2]:>9}{counts[3]:>9}{len(crashers[kind]):>10}")
    bad = 0
    for kind in kinds:
        for seed, problem in sorted(crashers[kind])[:20]:
            bad += 1
            print(f"  crasher {kind}:{seed}: {' '.join(problem.split())[:300]}")
    return 1 if any(crashers.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
