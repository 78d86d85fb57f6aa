"""The bundled catalogue, loaded and validated once, kept on disk for the next process.

Every ``check`` run loads the same bundled data: the indicator catalogue, about a hundred
rule files, the target and unit files.  The YAML parse cache (:mod:`checker.core.parsecache`)
spares parsing them, but validating them (pydantic) and building the validators of their
models is still a large share of a cold start.  This snapshot keeps the validated objects
themselves (pickled) in the user's cache directory, next to the parse cache.

It is never stale: it is used only when its *fingerprint* is the current one, a SHA-256 of
the path and exact bytes of every data file the load reads (the directory listings are read
again each time, so an added or removed file changes it too) and of every module of the two
layers that build the catalogue (``checker.catalogue`` and ``checker.core``: the import
contracts keep the loaders to these), with the Python and pydantic versions.  Any change to a
data file or to the loading code is a miss, and the catalogue is loaded as before.

It is an optimisation only: when it cannot be read (missing, corrupt, foreign) or written
(read-only home, full disk) the catalogue is loaded as if it did not exist, silently;
``CHECKER_NO_CACHE=1`` turns it off with the parse cache.  It is unpickled with an
allowlist: the catalogue's own classes and dates, nothing else (no functions, no other
modules' classes).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker.core import parsecache

FORMAT = b"catalogue-snapshot-v1"
"""Changed whenever the snapshot's layout changes."""
_CHUNK = 1 << 20
_LAYERS = ("catalogue", "core")
"""The packages (under ``checker``) whose code makes the catalogue; their sources enter the fingerprint."""
_ALLOWED_MODULES = frozenset({"checker.catalogue.indicators", "checker.catalogue.rules", "checker.catalogue.scoring",
                              "checker.catalogue.targets", "checker.catalogue.units"})


class _Unpickler(parsecache.SafeUnpickler):
    """Builds the catalogue's own classes and date values, nothing else."""

    what = "the catalogue snapshot"

    def allowed(self, module: str, name: str) -> Any:
        """A class of the catalogue's own modules (never a function or a value of them)."""
        if module in _ALLOWED_MODULES:
            found = getattr(sys.modules.get(module), name, None)
            if isinstance(found, type):
                return found
        return None


def snapshot_path(name: str = "catalogue") -> Path | None:
    """The snapshot file ``name`` (the catalogue's, or ``scoring``), in the parse cache's directory."""
    cache = parsecache.cache_path()
    if cache is None:
        return None
    return cache.with_name(cache.name.replace("yaml-data-", f"{name}-", 1))


def _code_files() -> list[Path]:
    package = Path(__file__).resolve().parent.parent
    return [path for layer in _LAYERS for path in sorted((package / layer).glob("*.py"))]


def fingerprint(data_files: Iterable[Path]) -> bytes | None:
    """The digest of ``data_files`` and of the loading code (None when a file cannot be read)."""
    import pydantic_core

    digest = hashlib.sha256(FORMAT)
    digest.update(f"\0{sys.version}\0{pydantic_core.__version__}".encode())
    try:
        for path in map(os.fsencode, [*data_files, *_code_files()]):
            content = _read(path)
            digest.update(b"\0%s\0%d\0" % (path, len(content)))
            digest.update(content)
    except OSError:
        return None
    return digest.digest()


def _read(path: bytes) -> bytes:
    """The bytes of the file ``path``, as ``Path.read_bytes`` gives them, without its buffered file object
    (~150 files each cold start: the file objects cost more than the reading).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        chunks = []
        while chunk := os.read(fd, _CHUNK):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def lookup(key: bytes, name: str = "catalogue") -> Any:
    """The value snapshot ``name`` holds under fingerprint ``key``, or :data:`parsecache.MISS`."""
    path = snapshot_path(name)
    if path is None or not parsecache.enabled():
        return parsecache.MISS
    try:
        with path.open("rb") as stream:
            stored = stream.read(len(key))
            if stored != key:
                return parsecache.MISS
            return _Unpickler(stream).load()
    except Exception:  # noqa: BLE001 - any unreadable snapshot is simply no snapshot
        return parsecache.MISS


def store(key: bytes, value: Any, name: str = "catalogue") -> None:
    """Write ``value`` as snapshot ``name`` under fingerprint ``key`` (atomically); silent when it cannot be
    written or read back.
    """
    path = snapshot_path(name)
    if path is None or not parsecache.enabled():
        return
    try:
        blob = pickle.dumps(value, protocol=parsecache.PROTOCOL)
        _Unpickler(io.BytesIO(blob)).load()
    except Exception:  # noqa: BLE001 - a value the snapshot cannot hold is just not kept
        return
    parsecache.write_quietly(path, key + blob)
