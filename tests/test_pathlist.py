"""A batch's paths held compactly are the paths listed as before, in the same order (issue 18, flat memory)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.errors import InputError
from checker.read.inputs import expand_inputs
from checker.read.pathlist import PathList


def _listed_as_before(raws: list[str]) -> list[Path]:
    """``expand_inputs`` as it was: every path a Path object, a folder's entries sorted as paths."""
    result: list[Path] = []
    for raw in raws:
        path = Path(raw)
        if path.is_dir():
            result.extend(sorted(p for p in path.glob("*.json") if not p.is_dir()))
        else:
            result.append(path)
    return result


NAMES = st.lists(st.text(st.sampled_from("aB.-_é0 Z"), min_size=1, max_size=6), max_size=8, unique=True)


@settings(max_examples=25, deadline=None)
@given(NAMES, NAMES)
def test_a_folder_lists_the_same_paths_in_the_same_order(tmp_path_factory, first, second):
    base = tmp_path_factory.mktemp("listing")
    for folder, names in (("one", first), ("two", second)):
        (base / folder).mkdir()
        for name in names:
            target = base / folder / f"{name}.json"
            if name.startswith("Z"):
                target.mkdir()  # a folder named *.json is not a report
            else:
                target.write_text("{}", encoding="utf-8")
        (base / folder / "notes.txt").write_text("", encoding="utf-8")
        (base / folder / "report.json").write_text("{}", encoding="utf-8")  # a folder without reports is refused
    (base / "loose.json").write_text("{}", encoding="utf-8")
    raws = [str(base / "one"), str(base / "loose.json"), "missing.json", str(base / "two"), str(base / "two") + "/"]
    listed = expand_inputs(raws)
    before = _listed_as_before(raws)
    assert list(listed) == before and [str(p) for p in listed] == [str(p) for p in before]
    assert len(listed) == len(before)
    assert [listed[i] for i in range(len(before))] == before
    assert [listed[-i] for i in range(1, len(before) + 1)] == [before[-i] for i in range(1, len(before) + 1)]
    assert listed[1:5] == before[1:5] and listed[::2] == before[::2]
    assert listed.texts(0, len(before)) == [str(p) for p in before]  # what the workers are sent
    assert listed.texts(2, 4) == [str(p) for p in before[2:4]] and listed.texts(3, 99) == [str(p) for p in before[3:]]
    assert [Path(text) for text in listed.texts(0, len(before))] == before


def test_relative_folders_and_files_keep_their_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.json").write_text("{}", encoding="utf-8")
    raws = [".", "./sub", "sub/../a.json", "a.json", "sub//b.json", "", str(tmp_path)]
    listed = expand_inputs(raws)
    assert [str(p) for p in listed] == [str(p) for p in _listed_as_before(raws)]
    assert listed.texts(0, len(listed)) == [str(p) for p in _listed_as_before(raws)]


def test_out_of_range_and_empty():
    paths = PathList([(None, ["a.json"]), (Path("d"), []), (Path("d"), ["b.json"])])
    assert list(paths) == [Path("a.json"), Path("d/b.json")]
    with pytest.raises(IndexError):
        paths[2]
    with pytest.raises(IndexError):
        paths[-3]
    assert list(PathList()) == [] and len(PathList()) == 0


def test_a_folder_without_reports_is_still_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="directory holds no"):
        expand_inputs([str(tmp_path)])


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_refused_as_before(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.json").write_text("{}", encoding="utf-8")
    folder.chmod(0)
    try:
        with pytest.raises(InputError) as raised:
            expand_inputs([str(folder)])
        assert "directory holds no" in str(raised.value.render())
    finally:
        folder.chmod(0o755)


def test_the_list_is_small():
    names = [f"r{index:05d}.json" for index in range(10_000)]
    paths = PathList([(Path("/some/folder/of/reports"), names)])
    held = sys.getsizeof(paths._text) + sys.getsizeof(paths._ends) + sys.getsizeof(paths._starts)
    assert held < 20 * len(names)  # a list of Path objects: ~300 bytes a file
