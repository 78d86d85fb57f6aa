"""Benchmark: what finding the suspect figures (``checker.decide.suspects.locations``) costs per report.

Run: python benchmarks/bench_locate.py [--reports 300] [--rounds 3] [--digest FILE] [--profile] [--instructions]
Generates reports as ``bench_check.py`` does (``synthetic.py``, seed 11, drop 0,1), computes their
probes and decisions once, then times ``locations`` alone over all of them, best of ``--rounds``
(ms of CPU per report, and per report that has a failed relation).  ``--digest FILE`` writes every
suspect explanation and structured view, one report a line, so two versions of the code can be
compared byte for byte in seconds (``cmp``), before the slower full dump.  ``--instructions`` runs one
round inside ``functools.reduce`` and times nothing, for counting its machine instructions alone, whatever
the machine's load: ``PYTHONHASHSEED=0 valgrind --tool=callgrind --toggle-collect=functools_reduce python
benchmarks/bench_locate.py --reports 100 --instructions`` (nothing else of the run calls ``reduce``).
Prints figures; asserts nothing (speed is measured here, not in tests).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import synthetic_reports  # noqa: E402

from checker.catalogue.store import current  # noqa: E402
from checker.decide.evaluate import decide_in_python, probes_for  # noqa: E402
from checker.decide.findings import Suspects, adapter  # noqa: E402
from checker.decide.plan import plan_for  # noqa: E402
from checker.decide.suspects import locations, suspects_of  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--digest", type=Path, help="write every location's views here, one report a line")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one round")
    parser.add_argument("--instructions", action="store_true",
                        help="one round inside functools.reduce, untimed (callgrind --toggle-collect=functools_reduce)")
    args = parser.parse_args()
    catalogue = current()
    plan = plan_for(catalogue)
    cases = []
    for report in synthetic_reports(args.reports, seed=11, drop=0.1):
        probes = probes_for(report, plan, catalogue)
        cases.append((probes, decide_in_python(plan.conditions, probes)))
    if args.instructions:
        _forget()
        functools.reduce(lambda _, case: locations(*case) and None, cases, None)
        return
    located = sum(1 for probes, fired in cases if locations(probes, fired))
    if args.digest:
        with args.digest.open("w", encoding="utf-8") as out:
            for probes, fired in cases:
                found = locations(probes, fired)
                out.write(repr([(index, adapter(Suspects).dump_json(suspects_of(found[index])).decode())
                                for index in sorted(found)]))
                out.write("\n")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        _round(cases)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    best = min(_round(cases) for _ in range(args.rounds))
    print(f"locations: {1000 * best / len(cases):.3f} ms CPU/report ({len(cases)} reports, {located} with a failed "
          f"relation: {1000 * best / max(located, 1):.3f} ms each; best of {args.rounds})")


def _round(cases: list) -> float:
    """CPU seconds of ``locations`` over every case, memoised slip variants forgotten first (no figure repeats
    from an earlier round, as in a batch of different reports)."""
    _forget()
    start = time.process_time()
    for probes, fired in cases:
        locations(probes, fired)
    return time.process_time() - start


def _forget() -> None:
    """Forget the memoised slip variants."""
    try:
        from checker.decide.variants import digit_variants
    except ImportError:  # the code before variants were memoised
        pass
    else:
        digit_variants.cache_clear()


if __name__ == "__main__":
    main()
