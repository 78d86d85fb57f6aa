"""Benchmark of the main process's share of ``check DIR --jobs 2`` (issue 18), simulated in one process.

Run: ``python benchmarks/bench_main_process.py DIR [FORMAT]``.  Each chunk of DIR's reports is
checked and rendered as a worker does and pickled, its texts sent through the pipe or spooled to a
file (``checker.run.spool``); then the best of five runs of what the main process does with them
(unpickle, merge the counts, write the texts), and of listing the folder, reading the stamp columns
with two workers (main-process CPU only) and pairing them.  Prints ms of
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
    from checker.run.spool import spool_folder

    paths = sorted(Path(sys.argv[1]).glob("*.json"))
    fmt = sys.argv[2] if len(sys.argv) > 2 else "json"
    catalogue = current()
    settings = batch.CheckSettings(catalogue, "python")
    writer = writer_for(fmt, "error", False, catalogue)
    chunks = [paths[i:i + batch.CHUNK] for i in range(0, len(paths), batch.CHUNK)]
    sent = [pickle.dumps(batch.process(chunk, settings, writer.fragment)) for chunk in chunks]
    separator = writer.separator.encode("utf-8")
    with open(os.devnull, "w", encoding="utf-8") as handle, spool_folder(separator) as spool:
        def write(text: str | bytes) -> None:
            if isinstance(text, bytes):
                handle.flush()
                handle.buffer.write(text)
            else:
                handle.write(text)

        for name, spooled in (("through the pipe", None), ("spooled", spool)):
            best = float("inf")
            for _ in range(5):
                if spooled is not None:  # the workers' part: check, render and write each chunk's file
                    sent = [pickle.dumps(batch.process(chunk, settings, writer.fragment, spooled)) for chunk in chunks]
                emitter, tally = Emitter(writer, write), batch.Tally()
                start = time.process_time()
                for data in sent:
                    for outcome in pickle.loads(data):
                        if isinstance(outcome, batch.Outcome):
                            tally.merge(outcome.tally)
                            emitter.chunk(outcome)
                best = min(best, time.process_time() - start)
            print(f"receive + merge + write ({name}): {1000 * best / len(paths):.3f} ms a report")
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        batch.read_stamp_columns(paths, 2, catalogue.units)
        best = min(best, time.process_time() - start)
    print(f"reading the stamp columns (main process, 2 workers): {1000 * best / len(paths):.3f} ms a report")
    columns = batch.read_stamp_columns(paths, 1, catalogue.units)
    for name, step in (("listing the folder", lambda: expand_inputs([sys.argv[1]])),
                       ("pairing (periods, roll-ups)", lambda: (columns.found_pairs(), columns.found_parts()))):
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            step()
            best = min(best, time.process_time() - start)
        print(f"{name}: {1000 * best / len(paths):.3f} ms a report")


if __name__ == "__main__":
    main()
