"""The main process keeps counts, not reports: its memory does not grow with the batch (issue 18)."""

from __future__ import annotations

import pickle
import shutil
from collections import Counter
from pathlib import Path

from checker.catalogue.store import current
from checker.render.writers import writer_for
from checker.run import history, stamp_columns
from checker.run.batch import STAMP_CHUNK, CheckSettings, Tally, process, read_stamp_columns, run_batch
from checker.run.rollup import batch_parts
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
    real = stamp_columns.quick_stamp

    def counting(path, *shared):
        stamped.append(path.name)
        return real(path, *shared)

    monkeypatch.setattr(stamp_columns, "quick_stamp", counting)
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
    pairs = stamp_columns.batch_pairs(paths, units, stamps)
    assert pairs == stamp_columns.batch_pairs(paths, units, [s for s in alone if s])
    assert pairs  # the fixtures hold an earlier report of a unit


def test_stamp_columns_read_by_workers_are_the_same_and_share_periods(tmp_path):
    seeds = sorted(FIXTURES.glob("*.json"))
    copies = STAMP_CHUNK // len(seeds) + 1  # more than one chunk
    for index in range(copies):
        for seed in seeds:
            shutil.copy(seed, tmp_path / f"{index:03d}-{seed.name}")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    paths = sorted(tmp_path.glob("*.json"))
    units = current().units
    here, in_workers = read_stamp_columns(paths, 1, units), read_stamp_columns(paths, 2, units)
    assert len(here) == len(in_workers) == len(paths)  # one entry a file, in order
    assert in_workers.codes == here.codes and in_workers.periods == here.periods
    assert in_workers.periods[paths.index(tmp_path / "bad.json")] is None  # no stamp: paired with nothing
    same = [at for at, path in enumerate(paths) if path.name.endswith("chi-lang-nam-thanh-mien-2023.json")]
    assert len(same) == copies and all(in_workers.periods[at] is in_workers.periods[same[0]] for at in same)
    known = [code for code in in_workers.codes if code is not None and code != stamp_columns.UNKNOWN_CODE]
    assert known and all(any(code is unit for unit in units) for code in known)  # the catalogue's own strings

    def source(at):
        return str(paths[at])

    stamps = history.read_stamps(paths)
    assert in_workers.pairs(source) == here.pairs(source) == stamp_columns.batch_pairs(paths, units, stamps)
    assert in_workers.pairs(source)  # the fixtures hold an earlier report of a unit
    assert in_workers.parts(source) == batch_parts(paths, units, stamps)
    held = stamp_columns.Pairing(paths, in_workers.found_pairs())  # what a batch's settings hold: indexes
    assert tuple(held) == tuple(held) == in_workers.pairs(source) and len(held) == len(in_workers.pairs(source))


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
