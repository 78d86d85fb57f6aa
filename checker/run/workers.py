"""Checking many reports in worker processes, surviving a worker that crashes.

durable_rules is not thread-safe and its C extension can segfault, so parallel work uses
processes (forked before any engine is built in the parent), one ruleset per process.
Reports go in chunks; when a worker dies, every report of the chunks it took down is
re-checked alone in a fresh one-worker pool, so only the report that really crashes the
engine is reported as failed (exit 2) and the rest of the batch goes on.  Workers send back
what ``work`` returns for a chunk: with an output writer that is one set of counts and the
chunk's rendered texts, not the reports and their findings, so the parent only writes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from checker.core import interrupts
from checker.core.errors import InputError
from checker.read.pathlist import PathList

Work = Callable[[list[Path]], list[Any]]
"""Checks a chunk of paths in order and returns its results (any number of them), in order."""
_WORK: Work | None = None


def _init(work: Work) -> None:
    global _WORK
    _WORK = work
    # Ctrl-C reaches the whole process group: the parent alone handles it and stops the workers.  The worker
    # began with both signals blocked (see _submit): one that came meanwhile is dropped (SIGINT) or ends it
    # (SIGTERM) here, never raised by the parent's handler in code forked from the parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    interrupts.reset()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, interrupts.STOPPING)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once (an interrupted run): kill its workers and cancel what waits, without waiting."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # the executor has no public list
    # taken before ``shutdown``, which forgets it: the pool's manager thread closes its wake-up pipe as it ends,
    # and Python 3.11's exit hook writes to that pipe after testing, without a lock, that it is open ("Bad file
    # descriptor" when the thread closed it in between); once the thread has ended the hook leaves the pipe alone
    manager = getattr(pool, "_executor_manager_thread", None)
    for worker in workers:
        worker.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.join(timeout=5)
    if manager is not None:
        manager.join(timeout=5)


def _check_chunk(texts: list[str]) -> list[Any]:
    assert _WORK is not None
    return _WORK([Path(text) for text in texts])


def _texts(paths: Sequence[Path], start: int, stop: int) -> list[str]:
    """The texts of ``paths[start:stop]``: a chunk goes to a worker as text, and only the worker builds its paths."""
    if isinstance(paths, PathList):
        return paths.texts(start, stop)
    return [str(path) for path in paths[start:stop]]


def _submit(pool: ProcessPoolExecutor, paths: list[str]) -> Future[list[Any]]:
    """Queue a chunk; the first one forks the workers and starts the pool's threads, with Ctrl-C and SIGTERM held.

    Held, an interrupt cannot land in an at-fork hook (where Python only prints it), nor between a
    worker's fork and the pool recording it (:func:`_stop` would not kill it, and the worker, holding
    the queue's and the output pipes, would outlive the run); a worker runs no handler of the parent
    before :func:`_init`; the pool's threads keep both blocked, so the main thread receives them.
    """
    with interrupts.held():
        return pool.submit(_check_chunk, paths)


def _pool(jobs: int, work: Work) -> ProcessPoolExecutor:
    # fork: the work function and its settings are inherited, not pickled
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_init, initargs=(work,))


def _alone(path: Path, work: Work) -> list[Any]:
    pool = _pool(1, work)
    with _stopped_on_interrupt(pool), pool:  # an interrupt in the pool's own shutdown stops it too
        try:
            return _submit(pool, [str(path)]).result()
        except BrokenProcessPool:
            return [InputError(str(path), "", "bộ máy luật bị dừng đột ngột (segfault) khi kiểm tra báo cáo này / "
                                              "the rules engine crashed on this report")]
        except BaseException:
            _stop(pool)
            raise


@contextlib.contextmanager
def _stopped_on_interrupt(pool: ProcessPoolExecutor) -> Iterator[None]:
    """Kill the pool's workers when the block is left by Ctrl-C, SIGTERM or the generator being closed."""
    try:
        yield
    except Exception:
        raise
    except BaseException:  # KeyboardInterrupt, Terminated, SystemExit, GeneratorExit
        _stop(pool)
        raise


def _handed_over(results: list[Any]) -> Iterator[Any]:
    """``results`` in order, each let go of here (and by the chunk's future, which holds the same list)
    as it is handed over: the main process then holds a chunk's texts once, not a chunk written
    earlier as well while it waits for the next one.
    """
    results.reverse()
    while results:
        yield results.pop()


def iter_in_processes(paths: Sequence[Path], jobs: int, work: Work, chunk: int,
                      progress: Any = None) -> Generator[Any, None, None]:
    """The results of ``work`` on ``paths`` a ``chunk`` at a time, in their order, computed by ``jobs`` processes.

    At most ``2 × jobs`` chunks are in flight, so memory does not grow with the batch: a chunk's
    paths are taken from ``paths`` as texts when it is sent (:func:`_texts`).
    When a worker dies every future of the pool fails: the chunk being read is re-checked
    report by report in fresh one-worker pools, and the chunks in flight are queued again.
    """
    def chunks(index: int) -> list[str]:
        return _texts(paths, index * chunk, (index + 1) * chunk)

    pending: deque[int] = deque()
    following = 0  # the next chunk never sent; ``pending`` holds the chunks to send again first
    count = -(-len(paths) // chunk)
    while pending or following < count:
        pool = _pool(jobs, work)
        # entered in this order, the pool's shutdown (waiting for its workers) is inside the interrupt guard
        with _stopped_on_interrupt(pool), pool:
            window: deque[tuple[int, list[str], Future[list[Any]]]] = deque()
            while pending or following < count or window:
                interrupts.check()  # a signal swallowed at a fork (or in a finaliser) still stops the run here
                while (pending or following < count) and len(window) < 2 * jobs:
                    if pending:
                        index = pending.popleft()
                    else:
                        index, following = following, following + 1
                    sent = chunks(index)
                    window.append((index, sent, _submit(pool, sent)))
                index, sent, future = window.popleft()
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    # Ctrl-C reaching a worker forked before it ignores SIGINT kills it: that is the interrupt,
                    # not a crash to re-check report by report
                    interrupts.check()
                    outcomes = [result for text in sent for result in _alone(Path(text), work)]
                    pending.extendleft(reversed([waiting for waiting, _, _ in window]))
                    window.clear()
                    yield from _handed_over(outcomes)
                    if progress is not None:
                        progress.update(len(sent))
                    break
                yield from _handed_over(outcomes)
                if progress is not None:
                    progress.update(len(sent))
