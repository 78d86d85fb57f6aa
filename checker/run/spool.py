"""A worker's rendered texts handed to the main process through a file, not through the pool's pipe (issue 18).

Sent through the pipe, a chunk's texts (~2,9 MB for 25 reports as JSON) were held by the main process
two or three times while it took them in (the pipe's buffer, the unpickled texts, their join), and
chunks received while one was written waited there: the main process's peak memory was made of these
chunks, and it rose with the length of a run.  A worker writes its chunk's texts, joined by the
output's separator, into a file of the run's spool folder instead; the main process copies the file
to the output a block at a time and removes it.  When a worker cannot write the file (a full disk),
or no folder can be made, the texts go through the pipe as before: nothing is lost, the run only holds more.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

BLOCK = 1 << 16
"""Bytes the main process copies from a spooled file at a time: below glibc's 128 KiB, where a block freed would
raise the size it gives from the heap, not from pages of its own returned when freed (a run's memory then drifts)."""


class Spool:
    """The run's spool folder, and the separator a chunk's texts are joined by."""

    def __init__(self, folder: Path, separator: bytes) -> None:
        self.folder = folder
        self.separator = separator
        self._names = itertools.count()  # each worker counts in its own copy; its pid tells the copies apart

    def hand_over(self, texts: list[bytes]) -> str | None:
        """Write ``texts`` joined by the separator into a new file of the folder: its path, or None when it
        could not be written (the texts are then to be sent as they are).
        """
        path = self.folder / f"{os.getpid()}-{next(self._names)}"
        try:
            with open(path, "wb") as handle:
                for at, text in enumerate(texts):
                    if at:
                        handle.write(self.separator)
                    handle.write(text)
        except OSError:
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        return str(path)


def spooled_blocks(path: str) -> Iterator[bytes]:
    """The bytes of a spooled file, :data:`BLOCK` at a time; the file is removed once read."""
    try:
        with open(path, "rb") as handle:
            while block := handle.read(BLOCK):
                yield block
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


@contextlib.contextmanager
def spool_folder(separator: bytes) -> Iterator[Spool | None]:
    """A spool for one run, its folder (in the system's temporary folder, ``TMPDIR``) removed with what is left
    in it; None when no folder can be made there (the texts then go through the pipe).
    """
    try:
        folder = Path(tempfile.mkdtemp(prefix="checker-spool-"))
    except OSError:
        yield None
        return
    try:
        yield Spool(folder, separator)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
