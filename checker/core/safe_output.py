"""Writing an output file without ever destroying an input, and never leaving half a file.

Every command that writes a file (``check -o``, ``checker summary -o``, ``checker extract -o``,
``checker template -o``) goes through this module:

* :func:`check_output` runs before any work: it refuses (an :class:`InputError`, exit 2) an
  output path that is a folder, whose folder is missing or not writable, that resolves (through
  symbolic or hard links) to one of the command's inputs, or that lies inside an input folder
  with a report's name (the next run would read it as a report);
* :func:`atomic_text` / :func:`atomic_path` write into a temporary file beside the target and
  rename it into place only when the output is complete; on any error or interruption
  (Ctrl-C, SIGTERM) the temporary file is removed and the target is left as it was.

A target that exists and is not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO) cannot
be replaced by a rename: it is written directly.  A failed write (``/dev/full``, a full disk)
is an InputError naming the output file.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from checker.core import interrupts
from checker.core.errors import InputError
from checker.core.records import dataclass


@dataclass(frozen=True)
class OutputPlan:
    """Where an output goes: the path as given, the file really written, and whether it is special."""

    given: str
    target: Path
    """The resolved file (symbolic links followed): the temporary file is made beside it."""
    special: bool
    """An existing non-regular file (device, FIFO): written directly, not renamed into place."""


def _refuse(output: str, message: str) -> InputError:
    return InputError(output, "", message)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a == b or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def check_output(output: str, inputs: Iterable[str | Path] = (), report_suffixes: tuple[str, ...] = (".json",),
                 ) -> OutputPlan:
    """Check that ``output`` can be written and is none of ``inputs``; return where to write it.

    ``inputs`` are the files and folders the command reads (reports, ``--targets``,
    ``--waivers``, ``--from``); a folder stands for the files in it whose suffix is one of
    ``report_suffixes``.  Raises InputError (exit 2) with the output path and the reason.
    """
    given = Path(output)
    try:
        info = given.stat()  # follows symbolic links
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _refuse(output, f"không dùng được đường dẫn ghi ra / unusable output path: {exc.strerror}") from exc
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _refuse(output, "là thư mục, cần một tên tệp để ghi ra / is a directory, expected a file name")
    target = given.resolve()
    special = info is not None and not stat.S_ISREG(info.st_mode)
    if not special:
        folder = target.parent
        if not folder.is_dir():
            raise _refuse(output, f"thư mục '{folder}' không tồn tại / the output folder does not exist")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise _refuse(output, f"không có quyền ghi vào thư mục '{folder}' / the output folder is not writable")
    for raw in inputs:
        source = Path(raw)
        if source.is_dir():
            inside = target.parent == source.resolve() or _same_file(target.parent, source)
            if inside and target.suffix.lower() in report_suffixes:
                raise _refuse(output, f"nằm trong thư mục báo cáo '{raw}' với tên của một báo cáo (sẽ ghi đè hoặc bị "
                                      "đọc như một báo cáo); ghi ra chỗ khác / lies in an input folder with a "
                                      "report's name: write it elsewhere")
        elif _same_file(target, source.resolve()) or (not special and _same_file(given, source)):
            raise _refuse(output, f"chính là tệp đầu vào '{raw}'; ghi ra tệp khác để không mất dữ liệu / is the input "
                                  f"file '{raw}': write to another file so the input is not destroyed")
    return OutputPlan(output, target, special)


def _write_error(plan: OutputPlan, exc: OSError) -> InputError:
    reason = exc.strerror or str(exc)
    return _refuse(plan.given, f"không ghi được tệp: {reason} / cannot write the output: {reason}")


def _mode_for(target: Path) -> int:
    """The permissions the output gets: the target's when it exists, else the umask's default."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_path(plan: OutputPlan) -> Iterator[Path]:
    """A temporary path beside the target to write to; renamed onto the target when the block ends well.

    On any exception (and on KeyboardInterrupt) the temporary file is removed and the target
    is untouched.  For a special target (a device, a FIFO) the target itself is yielded.
    """
    if plan.special:
        yield plan.target
        return
    target = plan.target
    import tempfile  # only when writing a file: it pulls shutil, random and the compressors in

    # Ctrl-C or SIGTERM between creating the temporary file and the ``try`` that removes it would leave
    # it behind: both are held until the file is known, then delivered inside the ``try``.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=f".tmp{target.suffix}")
    except OSError as exc:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise _write_error(plan, exc) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        yield temporary
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    try:
        interrupts.check()  # a signal that Python swallowed must not let a run look complete
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    try:
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _write_error(plan, exc) from exc


@contextlib.contextmanager
def atomic_writer(plan: OutputPlan) -> Iterator[Callable[[str | bytes], None]]:
    """A function writing text (as UTF-8) or UTF-8 bytes to the output, complete on the target only when
    the block ends well.

    A failed write or close (a full disk, ``/dev/full``) is an InputError naming the output.
    """
    with atomic_path(plan) as path:
        try:
            handle: TextIO = path.open("w", encoding="utf-8")
        except OSError as exc:
            raise _write_error(plan, exc) from exc

        def write(text: str | bytes) -> None:
            try:
                if isinstance(text, bytes):  # already UTF-8: reports rendered in worker processes
                    handle.flush()
                    handle.buffer.write(text)
                else:
                    handle.write(text)
            except OSError as exc:
                raise _write_error(plan, exc) from exc

        try:
            yield write
        finally:
            try:
                handle.close()
            except OSError as exc:
                raise _write_error(plan, exc) from exc


def write_atomically(plan: OutputPlan, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, bytes as is) to the output in one complete step."""
    with atomic_path(plan) as path:
        try:
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        except OSError as exc:
            raise _write_error(plan, exc) from exc
