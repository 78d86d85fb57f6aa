"""A small on-disk cache of parsed YAML data files, so that a fresh process skips PyYAML.

Every ``check`` run reads the same bundled files (rules, targets, the indicator catalogue);
parsing them, and importing PyYAML to do so, is a large share of a cold start.  This
cache keeps, per file path and text encoding, the file's exact bytes and its parsed value
(pickled), in one file per installation under ``$XDG_CACHE_HOME/xa-cds-checker`` (default
``~/.cache/xa-cds-checker``).  An entry is used only when the file's bytes are *equal* to
the stored ones, so a changed file is never served stale, however quickly it was edited.

The cache is an optimisation only: when it cannot be read (missing, corrupt, another
version) or written (read-only home, full disk), the files are parsed as if it did not
exist, silently.  ``CHECKER_NO_CACHE=1`` turns it off.  Values are unpickled with an
allowlist of classes (date and time types only), never arbitrary objects.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_FILE = f"yaml-data-v1-{zlib.crc32(os.path.dirname(os.path.abspath(__file__)).encode()):08x}.pickle"
"""One cache file per installation (checkout), named after where this package lives."""
PROTOCOL = 5
MISS: Any = object()
"""Returned by :func:`lookup` when the cache holds no current entry."""

_ALLOWED = {("datetime", name): getattr(dt, name) for name in ("date", "datetime", "time", "timedelta", "timezone")}

Key = tuple[str, str]
_entries: dict[Key, tuple[bytes, bytes]] | None = None
_dirty = False


class SafeUnpickler(pickle.Unpickler):
    """An unpickler that builds plain data and date/time values, and what :meth:`allowed` adds; nothing else."""

    what = "the data cache"
    """Named in the refusal of anything else."""

    def allowed(self, module: str, name: str) -> Any:
        """A class beyond the date/time values that this cache may hold (None: refused)."""
        return None

    def find_class(self, module: str, name: str) -> Any:
        """The class a pickle names, when allowed; anything else is refused."""
        found = _ALLOWED.get((module, name)) or self.allowed(module, name)
        if found is None:
            raise pickle.UnpicklingError(f"not allowed in {self.what}: {module}.{name}")
        return found



def _loads(blob: bytes) -> Any:
    return SafeUnpickler(io.BytesIO(blob)).load()


def enabled() -> bool:
    """Whether the cache is in use (``CHECKER_NO_CACHE`` unset, empty or ``0``)."""
    return os.environ.get("CHECKER_NO_CACHE", "") in ("", "0")


def cache_path() -> Path | None:
    """The cache file: under ``$XDG_CACHE_HOME`` when it is an absolute path, else ``~/.cache``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):  # no home directory to speak of
            return None
        base = os.path.join(home, ".cache")
    return Path(base, "xa-cds-checker", CACHE_FILE)


def _load_entries() -> dict[Key, tuple[bytes, bytes]]:
    """The cache file's entries, read once per process; empty when it cannot be read."""
    global _entries
    if _entries is None:
        _entries = {}
        path = cache_path()
        try:
            if path is not None:
                loaded = _loads(path.read_bytes())
                if isinstance(loaded, dict):
                    _entries = loaded
        except Exception:  # noqa: BLE001 - any unreadable cache is simply no cache
            _entries = {}
    return _entries


def lookup(key: Key, data: bytes) -> Any:
    """The value stored for ``key`` if the file's bytes were exactly ``data``, else :data:`MISS`."""
    entry = _load_entries().get(key)
    if not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != data:
        return MISS
    try:
        return _loads(entry[1])
    except Exception:  # noqa: BLE001 - a damaged entry is a miss
        return MISS


def store(key: Key, data: bytes, value: Any) -> None:
    """Remember ``value`` as the parse of ``data`` (written by :func:`flush`); unpicklable values are skipped."""
    global _dirty
    try:
        blob = pickle.dumps(value, protocol=PROTOCOL)
        _loads(blob)
    except Exception:  # noqa: BLE001 - a value this cache cannot hold is just not cached
        return
    _load_entries()[key] = (data, blob)
    _dirty = True


def flush() -> None:
    """Write new entries to the cache file (atomically); entries of deleted files are dropped.

    Failing to write is silent: the next process parses the files again.
    """
    global _dirty
    if not _dirty or _entries is None:
        return
    _dirty = False
    path = cache_path()
    if path is None:
        return
    entries = {key: entry for key, entry in _entries.items() if os.path.exists(key[0])}
    write_quietly(path, pickle.dumps(entries, protocol=PROTOCOL))


def write_quietly(path: Path, data: bytes) -> None:
    """Write a cache file whole (a temporary file renamed onto it), or not at all: a cache that cannot be
    written is only not kept, and never leaves a partial file for another process to read.
    """
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def cached_parse(path: Path, encoding: str, parse: Callable[[str], Any]) -> Any:
    """``parse`` of the text of ``path``, from the cache when the file is unchanged.

    The text is decoded exactly as ``path.read_text(encoding)`` decodes it, so any exception
    (missing file, bad encoding, parse error) is the one reading and parsing would raise;
    such failures are not cached.  Call :func:`flush` after a batch of files.
    """
    if not enabled():
        return parse(path.read_text(encoding=encoding))
    data = path.read_bytes()
    key = (str(path), encoding)
    value = lookup(key, data)
    if value is MISS:
        value = parse(io.TextIOWrapper(io.BytesIO(data), encoding=encoding).read())
        store(key, data, value)
    return value
