"""A folder's ``*.json`` entries listed by ``os.scandir`` are those the pathlib glob listed (issue 18, memory)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.read.inputs import json_entries

KINDS = ("file", "folder", "link to file", "link to folder", "dangling link", "link loop")
NAMES = st.sampled_from(["a.json", "B.JSON", ".json", "x.json.bak", "é 0.json", "z.jso", "-_.json", "q.json", "json"])
ENTRIES = st.dictionaries(NAMES, st.sampled_from(KINDS), max_size=9)


def _glob_listing(folder: Path) -> list[str]:
    """The listing as it was: the pathlib glob, each entry's folder test by ``Path.is_dir``."""
    return sorted(p.name for p in folder.glob("*.json") if not p.is_dir())


def _make(folder: Path, entries: dict[str, str]) -> None:
    folder.mkdir()
    (folder.parent / "target-file").write_text("{}", encoding="utf-8")
    (folder.parent / "target-folder").mkdir(exist_ok=True)
    for name, kind in entries.items():
        path = folder / name
        if kind == "file":
            path.write_text("{}", encoding="utf-8")
        elif kind == "folder":
            path.mkdir()
        elif kind == "link to file":
            path.symlink_to(folder.parent / "target-file")
        elif kind == "link to folder":
            path.symlink_to(folder.parent / "target-folder", target_is_directory=True)
        elif kind == "dangling link":
            path.symlink_to(folder.parent / "missing")
        else:
            path.symlink_to(path)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(ENTRIES)
def test_the_same_names_as_the_glob_in_the_same_order(tmp_path_factory, entries):
    folder = tmp_path_factory.mktemp("listing") / "reports"
    _make(folder, entries)
    assert json_entries(folder) == _glob_listing(folder)


def test_every_kind_of_entry_as_the_glob_lists_it(tmp_path):
    folder = tmp_path / "reports"
    _make(folder, {f"{index}-{kind}.json": kind for index, kind in enumerate(KINDS)})
    listed = json_entries(folder)
    assert listed == _glob_listing(folder)
    assert listed == ["0-file.json", "2-link to file.json", "4-dangling link.json", "5-link loop.json"]


def test_a_folder_without_permission_to_list_has_no_entries_as_with_the_glob(tmp_path):
    folder = tmp_path / "reports"
    _make(folder, {"a.json": "file"})
    folder.chmod(0)
    try:
        if os.access(folder, os.R_OK):
            pytest.skip("root reads any folder")
        assert json_entries(folder) == _glob_listing(folder) == []
    finally:
        folder.chmod(0o755)
