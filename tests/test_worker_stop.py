"""Stopping a worker pool leaves no thread writing to a closed pipe at exit (``checker.run.workers``).

Python 3.11's exit hook wakes every pool's manager thread by writing to its wake-up pipe, after testing
without a lock that the pipe is open; a manager thread still ending closes that pipe, and the hook then
printed "Exception ignored … Bad file descriptor" after an interrupted run.  So a stopped pool's manager
thread has ended when ``_stop`` returns, and an interrupt while a pool shuts down normally stops it too.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import process as futures_process
from pathlib import Path

import pytest

from checker.run import workers


def _names(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


@pytest.fixture
def slow_manager_end(monkeypatch):
    """The manager thread takes 0,3 s more to end, so a ``_stop`` that does not wait for it returns first."""
    original = futures_process._ExecutorManagerThread.join_executor_internals

    def slowly(self):
        time.sleep(0.3)
        original(self)

    monkeypatch.setattr(futures_process._ExecutorManagerThread, "join_executor_internals", slowly)


def test_a_stopped_pool_has_no_manager_thread_left(slow_manager_end):
    pool = workers._pool(1, _names)
    assert workers._submit(pool, ["a.json"]).result() == ["a.json"]
    manager = pool._executor_manager_thread
    assert manager is not None and manager.is_alive()
    workers._stop(pool)
    assert not manager.is_alive()


def test_an_interrupt_while_the_pool_shuts_down_stops_it(slow_manager_end, monkeypatch):
    pools: list[tuple[ProcessPoolExecutor, object]] = []
    original = ProcessPoolExecutor.shutdown

    def interrupted(self, wait=True, *, cancel_futures=False):
        if wait and not pools:  # the pool's normal exit, waiting for its workers: Ctrl-C lands there
            pools.append((self, self._executor_manager_thread))
            raise KeyboardInterrupt
        return original(self, wait=wait, cancel_futures=cancel_futures)

    monkeypatch.setattr(ProcessPoolExecutor, "shutdown", interrupted)
    with pytest.raises(KeyboardInterrupt):
        list(workers.iter_in_processes([Path("a.json"), Path("b.json")], 1, _names, 1))
    (_pool, manager), = pools
    assert manager is not None and not manager.is_alive()
