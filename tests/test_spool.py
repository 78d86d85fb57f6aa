"""Workers hand a chunk's texts over through a spooled file: the same output, nothing left behind (issue 18)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from checker.catalogue.store import current
from checker.render.stream import BatchEnd, Emitter
from checker.render.writers import writer_for
from checker.run import spool as spool_module
from checker.run.batch import CHUNK, CheckSettings, Outcome, process, run_batch
from checker.run.spool import Spool, spool_folder, spooled_blocks
from tests.conftest import FIXTURES


def _batch(folder: Path, copies: int) -> list[Path]:
    for index in range(copies):
        for seed in sorted(FIXTURES.glob("*.json")):
            shutil.copy(seed, folder / f"{index:02d}-{seed.name}")
    (folder / "hong.json").write_text("{", encoding="utf-8")  # a bad report among them
    return sorted(folder.glob("*.json"))


def _written(paths: list[Path], fmt: str, jobs: int) -> bytes:
    writer = writer_for(fmt, "error", False, current())
    pieces: list[bytes] = []
    emitter = Emitter(writer, lambda text: pieces.append(text if isinstance(text, bytes) else text.encode("utf-8")))
    batch = run_batch(paths, CheckSettings(backend="python"), None, jobs, emitter.chunk, render=writer.fragment,
                      separator=emitter.spool_separator())
    emitter.finish(BatchEnd(batch.errors, batch.unused_waivers, batch.tally, batch.tally.reports))
    return b"".join(pieces)


@pytest.mark.parametrize("fmt", ["json", "junit", "markdown"])
def test_a_spooled_run_writes_what_one_process_writes_and_leaves_no_file(tmp_path, monkeypatch, fmt):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    folder = tmp_path / "reports"
    folder.mkdir()
    paths = _batch(folder, CHUNK // len(list(FIXTURES.glob("*.json"))) + 1)  # more than one chunk
    read: list[Path] = []
    real = spool_module.spooled_blocks

    def counted(path):
        read.append(Path(path))
        return real(path)

    monkeypatch.setattr(spool_module, "spooled_blocks", counted)
    assert _written(paths, fmt, 2) == _written(paths, fmt, 1)
    assert list(scratch.iterdir()) == []  # the spool folder went with the run
    if fmt == "markdown":  # markdown's document is buffered: its texts come apart, never spooled
        assert read == []
    else:
        assert len(read) > 1 and all(path.parent.parent == scratch for path in read)


def test_texts_that_cannot_be_spooled_go_through_the_pipe(tmp_path):
    paths = sorted(FIXTURES.glob("*.json"))[:2]
    writer = writer_for("json", "error", False, current())
    gone = Spool(tmp_path / "gone", b",\n")  # a folder that is not there: as a full disk, writing fails
    [outcome] = process(paths, CheckSettings(backend="python"), writer.fragment, gone)
    assert isinstance(outcome, Outcome) and outcome.spooled is None and len(outcome.fragments) == 2
    assert b"".join(outcome.joined(b",\n")) == b",\n".join(outcome.fragments)


def test_a_run_with_no_temporary_folder_sends_the_texts_through_the_pipe(tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    paths = _batch(folder, 2)
    expected = _written(paths, "json", 1)

    def no_folder(*args, **kwargs):
        raise FileNotFoundError("No usable temporary directory found")

    monkeypatch.setattr(tempfile, "mkdtemp", no_folder)
    assert _written(paths, "json", 2) == expected


def test_a_spooled_chunk_is_read_in_blocks_then_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(spool_module, "BLOCK", 7)
    with spool_folder(b"|") as spool:
        assert spool is not None
        path = spool.hand_over([b"one", b"hai ba", b"four"])
        assert path is not None and Path(path).parent == spool.folder
        blocks = list(spooled_blocks(path))
        assert b"".join(blocks) == b"one|hai ba|four" and len(blocks) > 1
        assert not Path(path).exists()
        folder = spool.folder
    assert not folder.exists()
