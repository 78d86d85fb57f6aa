"""Office files (.docx, .xlsx) are zip archives: refuse a zip bomb before any parser opens it.

The sizes checked are the ones the archive declares for each member; Python's ``zipfile``
never inflates a member past its declared size (and a member that inflates to something
else fails its CRC check), so the declared sizes bound what parsing can unpack.
"""

from __future__ import annotations

import io
import zipfile

from checker.core.errors import InputError
from checker.core.numbers import format_number

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""The most bytes all members of an office file may unpack to (100 MiB)."""
MAX_XML_BYTES = 30 * 1024 * 1024
"""The largest single XML part (a document body, a worksheet): 30 MiB."""
MAX_MEMBERS = 10_000


def checked_zip(data: bytes, name: str, kind: str) -> io.BytesIO:
    """``data`` as a file object, once its declared unpacked sizes are within the caps; InputError otherwise.

    ``kind`` names the format in messages (".docx", ".xlsx").
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError(name, "", f"không đọc được tệp {kind} (không phải zip hợp lệ) / unreadable {kind} "
                                   f"(not a valid zip): {exc}") from exc
    if len(members) > MAX_MEMBERS:
        raise InputError(name, "", f"tệp {kind} có quá nhiều phần ({len(members)}, tối đa {format_number(MAX_MEMBERS)})"
                                   f" / the {kind} file has too many parts")
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(name, "", f"tệp {kind} giải nén ra quá lớn ({format_number(total)} byte, tối đa "
                                   f"{format_number(MAX_UNPACKED_BYTES)}) / the {kind} file unpacks to {total} bytes, "
                                   f"more than {MAX_UNPACKED_BYTES}")
    for member in members:
        if member.filename.lower().endswith((".xml", ".rels")) and member.file_size > MAX_XML_BYTES:
            size = format_number(member.file_size)
            raise InputError(name, "", f"phần '{member.filename}' của tệp {kind} quá lớn ({size} byte, tối đa "
                                       f"{format_number(MAX_XML_BYTES)}) / the XML part is {member.file_size} bytes, "
                                       f"more than {MAX_XML_BYTES}")
    return io.BytesIO(data)
