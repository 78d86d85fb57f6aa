"""The per-process cache of earlier and part reports: read once, read again when the file changes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from checker.core.errors import InputError
from checker.run import readcache
from checker.run.readcache import ReportCache

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "chi-lang-nam-thanh-mien-2023.json"


def test_unchanged_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.json"
    shutil.copyfile(FIXTURE, path)
    reads: list[Path] = []
    real = readcache.read_input
    monkeypatch.setattr(readcache, "read_input", lambda p: reads.append(p) or real(p))
    cache = ReportCache()
    first = cache.report(path)
    assert cache.report(path) is first
    assert reads == [path]


def test_changed_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    cache = ReportCache()
    before = cache.report(path)
    data["identity"]["commune"] = "Xã Khác"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a coarse clock must not hide it
    after = cache.report(path)
    assert after is not before
    assert after.identity.commune == "Xã Khác"


def test_bounded_least_recently_used_out(tmp_path: Path) -> None:
    paths = []
    for name in "abc":
        path = tmp_path / f"{name}.json"
        shutil.copyfile(FIXTURE, path)
        paths.append(path)
    cache = ReportCache(size=2)
    a = cache.report(paths[0])
    cache.report(paths[1])
    assert cache.report(paths[0]) is a  # a is now the most recent: b goes out next
    cache.report(paths[2])
    assert cache.report(paths[0]) is a
    assert len(cache._kept) == 2


def test_unreadable_file_is_an_input_error_every_time(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    cache = ReportCache()
    for _ in range(2):
        with pytest.raises(InputError):
            cache.report(path)
    with pytest.raises(InputError):
        cache.report(tmp_path / "missing.json")
