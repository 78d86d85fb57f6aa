"""Benchmark of the rendering and batch stage (issue 18): ms of CPU per report, one process.

Run: ``python benchmarks/bench_render.py [--reports 200]``.  Generated reports are checked once
(Python engine); then, for each output format, the time to render every report's fragment by a new
writer (as a batch renders each report once; best of ``--repeats`` such first passes), and
the main process's share of a batch: counting a report (``Tally.add``) and merging counts.
It asserts nothing (speed is measured here, never in tests); compare figures of one run.
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


def _timed(function, items, repeats: int, make=None) -> float:
    """Best of ``repeats`` runs of ``function`` over ``items``: ms of CPU per item.

    ``make``: builds ``function`` afresh for each run (a new writer: a batch renders each report once, so
    what a writer remembers from earlier runs over the same reports would flatter the figure).
    """
    best = float("inf")
    for _ in range(repeats):
        if make is not None:
            function = make()
        start = time.process_time()
        for item in items:
            function(item)
        best = min(best, time.process_time() - start)
    return 1000 * best / len(items)


def main(argv: list[str] | None = None) -> None:
    """Print ms of CPU per report for each format's fragment and for the batch counts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    from checker.catalogue.store import current
    from checker.render.options import OutputOptions
    from checker.render.writers import FORMATS, writer_for
    from checker.run.batch import Checked, CheckSettings, Tally, check_report

    catalogue = current()
    with tempfile.TemporaryDirectory() as scratch:
        paths = write_report_files(Path(scratch), args.reports, seed=11, drop=0.1)
        settings = CheckSettings(catalogue, "python")
        checked = [item for item in (check_report(path, settings) for path in paths) if isinstance(item, Checked)]
    print(f"{len(checked)} reports, {sum(len(c.evaluation.findings) for c in checked) / len(checked):.1f} "
          "findings each; ms of CPU per report:")
    options = OutputOptions(fail_on="error", with_waivers=False)
    for fmt in FORMATS:
        def fresh(fmt: str = fmt):
            return writer_for(fmt, "error", False, catalogue, options).fragment

        print(f"  render {fmt:9} {_timed(None, checked, args.repeats, fresh):7.3f}")
    print(f"  render json, the same writer again (every finding remembered) "
          f"{_timed(writer_for('json', 'error', False, catalogue, options).fragment, checked, args.repeats):7.3f}")
    tallies = []

    def count(item: Checked) -> None:
        tally = Tally()
        tally.add(item)
        tallies.append(tally)

    print(f"  Tally.add        {_timed(count, checked, args.repeats):7.3f}")
    total = Tally()
    print(f"  Tally.merge      {_timed(total.merge, tallies[:len(checked)], args.repeats):7.3f}")


if __name__ == "__main__":
    main()
