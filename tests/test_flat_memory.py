"""The main process keeps counts, not reports: its memory does not grow with the batch (issue 18)."""

from __future__ import annotations

import pickle
import shutil
from collections import Counter
from pathlib import Path

from checker.catalogue.store import current
from checker.render.writers import writer_for
from checker.run import history
from checker.run.batch import STAMP_CHUNK, CheckSettings, Tally, process, read_stamps, run_batch
from tests.conftest import FIXTURES


def test_the_tally_of_many_reports_is_no_larger_than_of_one():
    [outcome] = process(sorted(FIXTURES.glob("*.json"))[:1], CheckSettings())
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
    real = history.quick_stamp

    def counting(path, *shared):
        stamped.append(path.name)
        return real(path, *shared)

    monkeypatch.setattr(history, "quick_stamp", counting)
    writer = writer_for("json", "error", False, current())
    batch = run_batch(paths, CheckSettings(backend="python"), render=writer.fragment)
    assert sorted(stamped) == sorted(p.name for p in paths)  # once for both pairings (earlier periods, roll-ups)
    assert batch.checked == [] and batch.tally.reports == len(paths)


def test_stamps_share_equal_identities_and_periods_and_pair_as_unshared_ones(tmp_path):
    for index in range(3):
        for seed in sorted(FIXTURES.glob("*.json")):
            shutil.copy(seed, tmp_path / f"{index}-{seed.name}")
    paths = sorted(tmp_path.glob("*.json"))
    stamps = history.read_stamps(paths)
    by_name = {Path(s.path).name: s for s in stamps}
    copies = [by_name[f"{index}-chi-lang-nam-thanh-mien-2023.json"] for index in range(3)]
    assert copies[0].identity is copies[1].identity is copies[2].identity
    assert copies[0].period is copies[1].period is copies[2].period
    assert not hasattr(copies[0], "__dict__")  # slots: a batch holds one per file
    alone = [history.stamp(path) for path in paths]  # each read on its own: nothing shared
    units = current().units
    assert history.batch_pairs(paths, units, stamps) == history.batch_pairs(paths, units, [s for s in alone if s])
    assert history.batch_pairs(paths, units, stamps)  # the fixtures hold an earlier report of a unit


def test_stamps_read_by_workers_are_the_same_and_shared_again(tmp_path):
    seeds = sorted(FIXTURES.glob("*.json"))
    copies = STAMP_CHUNK // len(seeds) + 1  # more than one chunk
    for index in range(copies):
        for seed in seeds:
            shutil.copy(seed, tmp_path / f"{index:03d}-{seed.name}")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    paths = sorted(tmp_path.glob("*.json"))
    here = history.read_stamps(paths)
    in_workers = read_stamps(paths, 2)
    assert in_workers == here and len(here) == len(paths) - 1
    same = [s for s in in_workers if s.path.endswith("chi-lang-nam-thanh-mien-2023.json")]
    assert len(same) == copies and all(s.identity is same[0].identity and s.period is same[0].period for s in same)


def test_merging_tallies_counts_as_counter_update_does():
    outcomes = process(sorted(FIXTURES.glob("*.json")), CheckSettings(backend="python"))
    tallies = [outcome.tally for outcome in outcomes if not isinstance(outcome, Exception)]
    merged = Tally()
    for tally in [*tallies, *tallies]:
        merged.merge(tally)
    expected: dict[str, Counter] = {}
    for tally in [*tallies, *tallies]:
        for rule_id, counts in tally.rules.items():
            expected.setdefault(rule_id, Counter()).update(counts)
    assert merged.rules == expected and list(merged.rules) == list(expected)
    assert all(list(merged.rules[rule]) == list(expected[rule]) for rule in expected)  # same order of outcomes
    assert merged.reports == 2 * sum(tally.reports for tally in tallies)
