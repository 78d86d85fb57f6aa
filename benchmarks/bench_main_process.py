"""Benchmark of the main process's share of ``check DIR --jobs 2`` (issue 18), simulated in one process.

Run: ``python benchmarks/bench_main_process.py DIR [FORMAT]``.  Each chunk of DIR's reports is
checked and rendered as a worker does and pickled; then the best of five runs of what the main
process does with them (unpickle, merge the counts, write the texts), and of listing the folder,
reading the pairing stamps with two workers (main-process CPU only) and pairing them.  Prints ms of
CPU per report; asserts nothing.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    """Print the main process's ms of CPU per report: receiving, merging and writing; pairing stamps."""
    from checker.catalogue.store import current
    from checker.read.inputs import expand_inputs
    from checker.render.stream import Emitter
    from checker.render.writers import writer_for
    from checker.run import batch
    from checker.run.history import batch_pairs
    from checker.run.rollup import batch_parts

    paths = sorted(Path(sys.argv[1]).glob("*.json"))
    fmt = sys.argv[2] if len(sys.argv) > 2 else "json"
    catalogue = current()
    settings = batch.CheckSettings(catalogue, "python")
    writer = writer_for(fmt, "error", False, catalogue)
    sent = [pickle.dumps(batch.process(paths[i:i + batch.CHUNK], settings, writer.fragment))
            for i in range(0, len(paths), batch.CHUNK)]
    with open(os.devnull, "w", encoding="utf-8") as handle:
        def write(text: str | bytes) -> None:
            if isinstance(text, bytes):
                handle.flush()
                handle.buffer.write(text)
            else:
                handle.write(text)

        best = float("inf")
        for _ in range(5):
            emitter, tally = Emitter(writer, write), batch.Tally()
            start = time.process_time()
            for data in sent:
                for outcome in pickle.loads(data):
                    if isinstance(outcome, batch.Outcome):
                        tally.merge(outcome.tally)
                        emitter.encoded(outcome.fragments)
            best = min(best, time.process_time() - start)
    print(f"receive + merge + write: {1000 * best / len(paths):.3f} ms a report")
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        batch.read_stamps(paths, 2)
        best = min(best, time.process_time() - start)
    print(f"pairing stamps (main process, 2 workers): {1000 * best / len(paths):.3f} ms a report")
    stamps = batch.read_stamps(paths, 1)
    for name, step in (("listing the folder", lambda: expand_inputs([sys.argv[1]])),
                       ("pairing (periods, roll-ups)", lambda: (batch_pairs(paths, catalogue.units, stamps),
                                                                batch_parts(paths, catalogue.units, stamps)))):
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            step()
            best = min(best, time.process_time() - start)
        print(f"{name}: {1000 * best / len(paths):.3f} ms a report")


if __name__ == "__main__":
    main()
