"""Checking many reports in worker processes, surviving a worker that crashes.

durable_rules is not thread-safe and its C extension can segfault, so parallel work uses
processes (forked before any engine is built in the parent), one ruleset per process.
Reports go in chunks; when a worker dies, every report of the chunks it took down is
re-checked alone in a fresh one-worker pool, so only the report that really crashes the
engine is reported as failed (exit 2) and the rest of the batch goes on.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from checker.batch import Checked, check_one
from checker.errors import InputError
from checker.evaluate import Backend
from checker.targets import SourcedTarget

CHUNK = 25
_EXTRA: tuple[SourcedTarget, ...] = ()
_BACKEND: Backend = "durable"


def _init(extra: tuple[SourcedTarget, ...], backend: Backend) -> None:
    global _EXTRA, _BACKEND
    _EXTRA, _BACKEND = extra, backend


def _check_chunk(paths: list[Path]) -> list[Checked | InputError]:
    return [check_one(path, _EXTRA, _BACKEND) for path in paths]


def _pool(jobs: int, extra: tuple[SourcedTarget, ...], backend: Backend) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_init, initargs=(extra, backend))


def _alone(path: Path, extra: tuple[SourcedTarget, ...], backend: Backend) -> Checked | InputError:
    with _pool(1, extra, backend) as pool:
        try:
            return pool.submit(_check_chunk, [path]).result()[0]
        except BrokenProcessPool:
            return InputError(str(path), "", "bộ máy luật bị dừng đột ngột (segfault) khi kiểm tra báo cáo này / "
                                             "the rules engine crashed on this report")


def iter_in_processes(paths: list[Path], jobs: int, extra: tuple[SourcedTarget, ...],
                      progress=None, backend: Backend = "durable") -> Iterator[Checked | InputError]:
    """Outcomes for ``paths`` in their order, computed by ``jobs`` worker processes.

    At most ``2 × jobs`` chunks are in flight, so memory does not grow with the batch.
    When a worker dies every future of the pool fails: the chunk being read is re-checked
    report by report in fresh one-worker pools, and the chunks in flight are queued again.
    """
    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    pending = deque(range(len(chunks)))
    while pending:
        with _pool(jobs, extra, backend) as pool:
            window: deque[tuple[int, Future]] = deque()
            while pending or window:
                while pending and len(window) < 2 * jobs:
                    index = pending.popleft()
                    window.append((index, pool.submit(_check_chunk, chunks[index])))
                index, future = window.popleft()
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    outcomes = [_alone(path, extra, backend) for path in chunks[index]]
                    pending.extendleft(reversed([waiting for waiting, _ in window]))
                    window.clear()
                    yield from outcomes
                    if progress is not None:
                        progress.update(len(chunks[index]))
                    break
                yield from outcomes
                if progress is not None:
                    progress.update(len(chunks[index]))
