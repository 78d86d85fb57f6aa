"""Earlier and part reports read once per process, not once per report that cites them.

In a batch every report of a unit is compared with the unit's earlier reports (and a roll-up
with its communes' reports, ``checker.run.rollup``): without a cache each of those files is
read and validated again for every report that cites it.  The cache holds the validated
:class:`Report` of a file, keyed by its path and checked against the file's size and
modification time, so a file changed during the run is read again.  It is bounded (least
recently used out) so a worker's memory does not grow with the batch; errors are not kept
(reading the file again says why, the same way).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

from checker.model.report import Report
from checker.read.inputs import read_input

SIZE = 512
"""Reports kept (about 100 KiB each)."""


class ReportCache:
    """The reports of the files read last, keyed by path and file stamp (size, mtime)."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._kept: OrderedDict[str, tuple[tuple[int, int], Report]] = OrderedDict()

    def report(self, path: Path) -> Report:
        """The report read from ``path`` (InputError when it cannot be read), from the cache when unchanged."""
        key = str(path)
        try:
            stat = os.stat(path)
            stamp = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            return read_input(path).report  # says why it cannot be opened
        kept = self._kept.get(key)
        if kept is not None and kept[0] == stamp:
            self._kept.move_to_end(key)
            return kept[1]
        report = read_input(path).report
        self._kept[key] = (stamp, report)
        self._kept.move_to_end(key)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)
        return report


CACHE = ReportCache()
"""This process's cache (a forked worker starts with a copy of its parent's)."""
