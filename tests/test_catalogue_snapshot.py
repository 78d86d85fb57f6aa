"""Cold start: the snapshot of the validated catalogue is never stale, never required, and loads the same data;
the durable_rules rulesets are built as facts need them."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from checker.catalogue import rules as rules_module
from checker.catalogue import snapshot, store
from checker.catalogue.paths import data_dir
from checker.core import parsecache
from tests.conftest import count_calls

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def bundled(tmp_path, monkeypatch):
    """A copy of the bundled data taken as the bundled data, and a fresh cache directory."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.delenv("CHECKER_NO_CACHE", raising=False)
    monkeypatch.setattr(parsecache, "_entries", None)
    monkeypatch.setattr(parsecache, "_dirty", False)
    copy = tmp_path / "data"
    for name in ("rules", "targets"):
        shutil.copytree(data_dir(name), copy / name)
    indicators = copy / "indicators.yaml"
    shutil.copyfile(store.INDICATORS_FILE, indicators)
    monkeypatch.setattr(store, "data_dir", lambda name: copy / name)
    monkeypatch.setattr(store, "INDICATORS_FILE", indicators)
    return copy


@pytest.fixture
def validations(monkeypatch):
    """Count the rule directories loaded and validated (snapshot misses)."""
    return count_calls(monkeypatch, store, "load_rules")


def same_data(a: store.Catalogue, b: store.Catalogue) -> bool:
    return (a.indicators == b.indicators and a.rules == b.rules and a.targets == b.targets
            and dict(a.units) == dict(b.units) and a.dirs == b.dirs)


def test_a_second_load_reads_the_snapshot_and_gets_the_same_catalogue(bundled, validations):
    first = store.Catalogue.load()
    assert snapshot.snapshot_path() is not None and snapshot.snapshot_path().is_file()
    second = store.Catalogue.load()
    assert len(validations) == 1 and same_data(first, second)
    assert second.rules[0] is not first.rules[0]  # its own objects, its own (empty) caches
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHECKER_NO_CACHE", "1")
        assert same_data(store.Catalogue.load(), second)


def test_a_changed_rule_file_is_loaded_again(bundled, validations):
    store.Catalogue.load()
    rule_file = sorted((bundled / "rules").rglob("*.yaml"))[0]
    stat = rule_file.stat()
    text = rule_file.read_text(encoding="utf-8")
    changed = text.replace("severity: error", "severity: warning", 1) if "severity: error" in text else \
        text.replace("severity: warning", "severity: error", 1)
    assert changed != text
    rule_file.write_text(changed, encoding="utf-8")
    os.utime(rule_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: only the bytes tell
    loaded = store.Catalogue.load()
    assert len(validations) == 2
    rule = next(r for r in loaded.rules if r.file == rule_file.name)
    assert rule == rules_module.load_rule_file(rule_file)


def test_an_added_or_removed_target_file_is_a_miss(bundled, validations):
    before = store.Catalogue.load()
    source = bundled / "targets" / "national" / "qd-942-2021.yaml"
    added = source.with_name("zz-copy-" + source.name)
    shutil.copyfile(source, added)
    with_copy = store.Catalogue.load()
    assert len(validations) == 2 and len(with_copy.targets) > len(before.targets)
    added.unlink()
    assert same_data(store.Catalogue.load(), before) and len(validations) == 3


def test_a_change_to_the_loading_code_is_a_miss(bundled, validations, monkeypatch, tmp_path):
    module = tmp_path / "loader.py"
    module.write_text("VERSION = 1\n", encoding="utf-8")
    real = snapshot._code_files
    monkeypatch.setattr(snapshot, "_code_files", lambda: [*real(), module])
    store.Catalogue.load()
    store.Catalogue.load()
    module.write_text("VERSION = 2\n", encoding="utf-8")
    store.Catalogue.load()
    assert len(validations) == 2


def test_the_fingerprint_covers_the_catalogue_and_core_code():
    names = {path.relative_to(ROOT / "checker").as_posix() for path in snapshot._code_files()}
    assert {"catalogue/store.py", "catalogue/rules.py", "catalogue/units.py", "core/yamlio.py",
            "core/parsecache.py"} <= names


def test_a_corrupt_or_foreign_snapshot_is_ignored_and_replaced(bundled, validations):
    reference = store.Catalogue.load()
    path = snapshot.snapshot_path()
    key = path.read_bytes()[:32]
    for junk in (b"not a pickle", key + b"garbage", key + pickle.dumps(os.system), key + pickle.dumps(Path("x")),
                 key + pickle.dumps(("a", "b", "c", "d"))):
        path.write_bytes(junk)
        assert same_data(store.Catalogue.load(), reference)
    assert snapshot.lookup(key) is not parsecache.MISS  # the last load wrote a good one again


def test_an_unwritable_cache_is_bypassed_silently(bundled, validations, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    first = store.Catalogue.load()
    assert same_data(store.Catalogue.load(), first)
    assert len(validations) == 2 and blocker.read_text(encoding="utf-8") == ""


def test_no_snapshot_when_disabled_or_for_other_directories(bundled, validations, monkeypatch):
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")
    store.Catalogue.load()
    store.Catalogue.load()
    assert snapshot.snapshot_path() is not None and not snapshot.snapshot_path().exists()
    monkeypatch.delenv("CHECKER_NO_CACHE")
    store.Catalogue.load(rules_dir=bundled / "rules")
    assert not snapshot.snapshot_path().exists() and len(validations) == 3


def test_only_the_catalogue_classes_are_unpickled():
    with pytest.raises(pickle.UnpicklingError):
        snapshot._Unpickler(__import__("io").BytesIO(pickle.dumps(os.system))).load()
    with pytest.raises(pickle.UnpicklingError):  # a function of an allowed module is not a class
        snapshot._Unpickler(__import__("io").BytesIO(pickle.dumps(rules_module.load_rules))).load()


def test_durable_rulesets_are_built_when_facts_first_need_them():
    from checker.decide.conditions import Condition
    from checker.decide.engine import SHARD_RULES, DurableEngine, fired_in_python

    conditions = {f"LZ{index:03d}": {"default": Condition("value", ">", index)} for index in range(3 * SHARD_RULES)}
    engine = DurableEngine(conditions)
    assert engine.ruleset_count == 3 and engine.built_count == 0
    facts = [{"rule": "LZ001", "variant": "default", "fid": 1, "value": 5},
             {"rule": "LZ002", "variant": "default", "fid": 2, "value": 1}]
    assert engine.fired(facts) == fired_in_python(conditions, facts) == {1}
    assert engine.built_count == 1
    last = [{"rule": f"LZ{3 * SHARD_RULES - 1:03d}", "variant": "default", "fid": 3, "value": 10 ** 6}]
    assert engine.fired(last) == {3} and engine.built_count == 2
    assert engine.fired(facts) == {1} and engine.built_count == 2  # built once


def test_the_bundled_scoring_data_comes_from_its_own_snapshot_never_stale(bundled, monkeypatch, tmp_path):
    from checker.catalogue import scoring

    monkeypatch.setattr(scoring, "data_dir", lambda name: bundled / name)
    loads = count_calls(monkeypatch, scoring, "load_model_file")
    first = scoring.load_scoring(bundled / "targets")
    assert len(loads) == 2 and snapshot.snapshot_path("scoring").is_file()
    again = scoring.load_scoring(bundled / "targets")
    assert again == first and again is not first and len(loads) == 2  # read back, not validated
    averages = bundled / "targets" / "scoring" / scoring.AVERAGES_FILE
    averages.write_text(averages.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert scoring.load_scoring(bundled / "targets") == first and len(loads) == 4
    other = tmp_path / "other-targets"
    shutil.copytree(bundled / "targets", other)
    scoring.load_scoring(other)
    scoring.load_scoring(other)
    assert len(loads) == 8  # other directories are validated each time, as before
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")
    scoring.load_scoring(bundled / "targets")
    assert len(loads) == 10
