"""A batch's list of input paths, held compactly: one text for all names, each folder once.

A folder of 10.000 reports listed as :class:`~pathlib.Path` objects costs ~0,3 KB a file
(each path keeps its text, its parts and their strings), held for the whole run to keep the
batch's order.  :class:`PathList` keeps the same paths, in the same order, as one string of
names with their end offsets and each folder once (~15 bytes a file); a path is built again
when it is used, equal to the one listed.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import overload


class PathList(Sequence[Path]):
    """Paths in order, stored as runs: a folder's entries by name, or paths given as they are.

    ``runs``: for each run, its folder and its entries' names (the paths ``folder / name``), or
    None and the paths' own texts (``Path(text)``).
    """

    __slots__ = ("_folders", "_prefixes", "_starts", "_text", "_ends")

    def __init__(self, runs: Iterable[tuple[Path | None, Sequence[str]]] = ()) -> None:
        folders: list[Path | None] = []
        starts = array("Q")
        ends = array("Q")
        pieces: list[str] = []
        offset = 0
        for folder, names in runs:
            if not names:
                continue
            folders.append(folder)
            starts.append(len(ends))
            for name in names:
                offset += len(name)
                ends.append(offset)
            pieces.extend(names)
        self._folders = folders
        # the text of a folder's entries begins so: "d/" for d, "" for ".", "/" for "/" (as ``folder / name``)
        self._prefixes = ["" if folder is None else str(folder / "x")[:-1] for folder in folders]
        self._starts = starts
        self._text = "".join(pieces)
        self._ends = ends

    def __len__(self) -> int:
        """How many paths."""
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> Path: ...

    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...

    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        """The path at ``index`` (a list of them for a slice)."""
        if isinstance(index, slice):
            return [self._path(at) for at in range(*index.indices(len(self._ends)))]
        if index < 0:
            index += len(self._ends)
        if not 0 <= index < len(self._ends):
            raise IndexError("PathList index out of range")
        return self._path(index)

    def __iter__(self) -> Iterator[Path]:
        """The paths in order."""
        for index in range(len(self._ends)):
            yield self._path(index)

    def __repr__(self) -> str:
        """The paths, as a list shows them."""
        return f"PathList({list(self)!r})"

    def texts(self, start: int, stop: int) -> list[str]:
        """The texts of the paths ``start`` to ``stop`` (``str`` of each), without building the paths.

        Building a :class:`~pathlib.Path` interns each of its parts for good in the interpreter's
        table of interned strings, so a process that built every file's path would grow with the
        batch even after letting the paths go: chunks are sent to the workers as these texts.
        """
        found = []
        for index in range(*slice(start, stop).indices(len(self._ends))):
            begin = self._ends[index - 1] if index else 0
            found.append(self._prefixes[bisect_right(self._starts, index) - 1] + self._text[begin:self._ends[index]])
        return found

    def _path(self, index: int) -> Path:
        start = self._ends[index - 1] if index else 0
        name = self._text[start:self._ends[index]]
        folder = self._folders[bisect_right(self._starts, index) - 1]
        return Path(name) if folder is None else folder / name
