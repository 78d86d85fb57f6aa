"""The main process keeps counts, not reports: its memory does not grow with the batch (issue 18)."""

from __future__ import annotations

import pickle
import shutil

from checker.catalogue.store import current
from checker.render.writers import writer_for
from checker.run import history
from checker.run.batch import CheckSettings, Tally, process, run_batch
from tests.conftest import FIXTURES


def test_the_tally_of_many_reports_is_no_larger_than_of_one():
    outcome = process(sorted(FIXTURES.glob("*.json"))[0], CheckSettings())
    assert not isinstance(outcome, Exception)
    one, many = Tally(), Tally()
    one.merge(outcome.tally)
    for _ in range(200):
        many.merge(outcome.tally)
    assert many.reports == 200 and sum(many.grades.values()) == 200
    assert len(pickle.dumps(many)) <= len(pickle.dumps(one)) + 32  # counts grow in digits, not in entries


def test_a_batch_reads_each_file_once_to_pair_it_and_keeps_no_report(tmp_path, monkeypatch):
    for index in range(3):
        for seed in sorted(FIXTURES.glob("*.json")):
            shutil.copy(seed, tmp_path / f"{index}-{seed.name}")
    paths = sorted(tmp_path.glob("*.json"))
    stamped: list[str] = []
    real = history.stamp

    def counting(path):
        stamped.append(path.name)
        return real(path)

    monkeypatch.setattr(history, "stamp", counting)
    writer = writer_for("json", "error", False, current())
    batch = run_batch(paths, CheckSettings(backend="python"), render=writer.fragment)
    assert sorted(stamped) == sorted(p.name for p in paths)  # once for both pairings (earlier periods, roll-ups)
    assert batch.checked == [] and batch.tally.reports == len(paths)
