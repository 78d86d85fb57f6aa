"""The garbage collector paused while ``check`` starts: the imports and the catalogue are kept to the end.

A cold ``check report.json`` allocates most of its objects before the first report is read:
the modules, their classes and compiled models, the catalogue.  They live as long as the
process, yet the cyclic garbage collector walks them again and again while they are made
(each collection of the oldest generation walks all of them), ~4 % of the instructions of a
cold check.  :func:`paused` turns the collector off for that start; at its end
:func:`gc.freeze` moves everything made so far into the permanent generation (what the
collector's documentation advises before ``fork``, which the batch's workers use) and
the collector is turned back on, so the reports are checked with it on, as before.

The cost: cyclic garbage made during the start (it is little: see docs/architecture.md,
round 6) is not freed before the process ends.  A collector the caller had turned off is
left off.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Run the block with the collector off; then freeze what exists and turn the collector back on."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
