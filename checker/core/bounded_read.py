"""Reading an input's bytes with a bound on size and time: files, FIFOs, devices, streams.

Every reader of a user's file gets its bytes here before parsing.  A regular file larger
than the cap is refused from its size without reading it; anything else (``/dev/zero``, a
FIFO, a character device, a socket) is read without blocking, at most ``limit + 1`` bytes
and for at most ``timeout`` seconds, so nothing can read without end or hang.  Every
problem is an :class:`InputError` naming the file (exit 2).
"""

from __future__ import annotations

import os
import select
import stat
import time
from pathlib import Path

from checker.core.errors import InputError
from checker.core.numbers import format_number

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""The most bytes read from any one input file (50 MiB)."""
READ_TIMEOUT = 5.0
"""Seconds to wait for a stream (FIFO, device) to deliver its data and end."""
_CHUNK = 1 << 20


def _too_large(name: str, size: int | None, limit: int) -> InputError:
    most = format_number(limit)
    if size is None:
        return InputError(name, "", f"tệp quá lớn (hơn {most} byte) / file too large (more than {limit} bytes)")
    return InputError(name, "", f"tệp quá lớn ({format_number(size)} byte, tối đa {most}) / file too large "
                                f"({size} bytes, at most {limit})")


def open_error(name: str, exc: OSError) -> InputError:
    """The InputError for a file that cannot be opened or read (missing, no permission, …)."""
    if isinstance(exc, FileNotFoundError):
        return InputError(name, "", "không tìm thấy tệp / file not found")
    if isinstance(exc, PermissionError):
        return InputError(name, "", "không có quyền đọc tệp / permission denied: the file cannot be read")
    if isinstance(exc, IsADirectoryError):
        return InputError(name, "", "là thư mục, cần một tệp / is a directory, expected a file")
    reason = exc.strerror or str(exc)
    return InputError(name, "", f"không đọc được tệp: {reason} / cannot read the file: {reason}")


def read_bounded(path: Path, limit: int = MAX_INPUT_BYTES, timeout: float | None = None) -> bytes:
    """The bytes of ``path``: at most ``limit`` of them, within ``timeout`` seconds for a stream.

    ``timeout`` defaults to :data:`READ_TIMEOUT` (read at call time).
    Raises InputError when the file is missing, unreadable, a directory, larger than
    ``limit``, or a stream that does not end within ``timeout``.
    """
    name = str(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise open_error(name, exc) from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "", "là thư mục, cần một tệp / is a directory, expected a file")
    if stat.S_ISREG(info.st_mode):
        if info.st_size > limit:
            raise _too_large(name, info.st_size, limit)
        try:
            with path.open("rb") as handle:
                # the size it has, then anything it grew by: read(limit + 1) would allocate limit + 1 bytes
                data = handle.read(info.st_size + 1)
                if len(data) > info.st_size:
                    data += handle.read(limit + 1 - len(data))
        except OSError as exc:
            raise open_error(name, exc) from exc
        if len(data) > limit:  # the file grew while being read
            raise _too_large(name, None, limit)
        return data
    return _read_stream(path, limit, READ_TIMEOUT if timeout is None else timeout)


def _read_stream(path: Path, limit: int, timeout: float) -> bytes:
    """Read a FIFO or device without blocking: at most ``limit`` bytes, for at most ``timeout`` seconds."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise open_error(name, exc) from exc
    chunks: list[bytes] = []
    size = 0
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise InputError(name, "", f"không đọc xong trong {format_number(timeout)} giây (luồng hoặc FIFO không "
                                           "kết thúc) / "
                                           f"the stream did not end within {timeout:g} s")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            except BlockingIOError:
                continue
            except OSError as exc:
                raise open_error(name, exc) from exc
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise _too_large(name, None, limit)
    finally:
        os.close(fd)
