"""Reading a report file (.txt, .docx, .pdf) into numbered lines of text.

Line numbers are 1-based and are what provenance refers to:

* ``.txt``: exactly the file's lines (split on newlines only), so they match an editor
  and the hand-encoded fixtures;
* ``.docx``: one line per paragraph (a manual line break inside a paragraph starts a new
  line) and one line per table row (its cells joined by spaces), in document order;
* ``.pdf``: the lines of each page's text layer, numbered through the whole document;
  each line remembers its page.

Every problem with the file becomes :class:`checker.core.errors.InputError`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.core.archive import checked_zip
from checker.core.bounded_read import MAX_INPUT_BYTES, read_bounded
from checker.core.errors import InputError
from checker.core.numbers import nfc

SUPPORTED = (".txt", ".docx", ".pdf")
MAX_BYTES = MAX_INPUT_BYTES
MAX_PDF_PAGES = 500
"""The most pages of a PDF report read (a commune report has a few dozen)."""


@dataclass(frozen=True)
class Line:
    """One line of the source text: its number, its text and (for PDF) its page."""

    number: int
    text: str
    page: int | None = None


def lines_from_text(text: str, page: int | None = None, start: int = 1) -> list[Line]:
    """Split ``text`` into numbered lines (NFC), numbering from ``start``."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    return [
        Line(start + index, raw.replace("\f", "").replace("\u00a0", " "), page)
        for index, raw in enumerate(text.split("\n"))
    ]


def read_lines(path: Path) -> list[Line]:
    """Read a .txt, .docx or .pdf report into numbered lines; InputError when unusable."""
    name = str(path)
    if not path.exists():
        raise InputError(name, "", "không tìm thấy tệp / file not found")
    if path.is_dir():
        raise InputError(name, "", "là thư mục, cần một tệp báo cáo / is a directory, expected a report file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise InputError(
            name, "", f"không hỗ trợ đuôi tệp '{path.suffix}' (cần .txt, .docx, .pdf) / "
            "unsupported file type (expected .txt, .docx or .pdf)"
        )
    data = read_bounded(path, MAX_BYTES)
    if not data:
        raise InputError(name, "", "tệp rỗng / empty file")
    if suffix == ".txt":
        lines = _read_txt(path, data)
    elif suffix == ".docx":
        lines = _read_docx(path, data)
    else:
        lines = _read_pdf(path, data)
    if not any(any(ch.isalpha() for ch in line.text) for line in lines):
        message = (
            "PDF không có lớp chữ (bản quét?) / PDF has no text layer (scanned?)"
            if suffix == ".pdf"
            else "tệp không có chữ / file holds no text"
        )
        raise InputError(name, "", message)
    return lines


def _read_txt(path: Path, data: bytes) -> list[Line]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            str(path), "", f"không phải UTF-8 (byte {exc.start}) / not UTF-8 text at byte {exc.start}"
        ) from exc
    return lines_from_text(text)


def _docx_blocks(document: Any) -> list[str]:
    """Paragraph and table-row texts of a python-docx document, in body order."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.extend(Paragraph(child, document).text.split("\n"))
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if not cells or cells[-1] != text:  # merged cells repeat their text
                        cells.append(text)
                blocks.append(" ".join(cell for cell in cells if cell))
    return blocks


def _read_docx(path: Path, data: bytes) -> list[Line]:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise InputError(str(path), "", "cần gói python-docx để đọc .docx / python-docx is not installed") from exc
    archive = checked_zip(data, str(path), ".docx")  # a zip bomb is refused before parsing
    try:
        document = docx.Document(archive)
        blocks = _docx_blocks(document)
    except Exception as exc:  # noqa: BLE001 - any failure of the reader means an unreadable file
        raise InputError(str(path), "", f"không đọc được tệp .docx / unreadable .docx: {exc}") from exc
    return [Line(index + 1, nfc(text).replace("\u00a0", " ")) for index, text in enumerate(blocks)]


def _read_pdf(path: Path, data: bytes) -> list[Line]:
    try:
        from pypdf import PdfReader
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise InputError(str(path), "", "cần gói pypdf để đọc .pdf / pypdf is not installed") from exc
    lines: list[Line] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(str(path), "", "PDF có mật khẩu / PDF is password-protected")
        pages = len(reader.pages)
        if pages > MAX_PDF_PAGES:
            raise InputError(str(path), "", f"PDF quá dài ({pages} trang, tối đa {MAX_PDF_PAGES}) / the PDF has "
                                            f"{pages} pages, more than {MAX_PDF_PAGES}")
        for page_number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            if text.endswith("\n"):
                text = text[:-1]
            lines.extend(lines_from_text(text, page=page_number, start=len(lines) + 1))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of the reader means an unreadable file
        raise InputError(str(path), "", f"không đọc được tệp .pdf / unreadable .pdf: {exc}") from exc
    return lines
