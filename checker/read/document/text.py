"""Reading a report file (.txt, .docx, .pdf) into numbered lines of text.

Line numbers are 1-based and are what provenance refers to:

* ``.txt``: exactly the file's lines (split on newlines only), so they match an editor
  and the hand-encoded fixtures;
* ``.docx``: one line per paragraph (a manual line break inside a paragraph starts a new
  line) and one line per table row (its cells joined by spaces), in document order;
* ``.pdf``: the lines of each page's text layer (read with pdfplumber, characters in
  reading order by their position on the page), numbered through the whole document; each
  line remembers its page. A PDF of more than :data:`MAX_PAGES` pages is refused.

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
# A commune report runs to tens of pages; past this a PDF is refused rather than read for minutes.
MAX_PAGES = 200


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
                texts = [" ".join(cell.text.split()) for cell in row.cells]
                if len(texts) >= 3:
                    # a data table: one pipe row per row, every grid column kept (a merged cell repeats its
                    # text in each column it spans, as a flattened table does), so the reader can tell its
                    # columns apart (tables.py)
                    blocks.append(" | ".join(texts))
                    continue
                cells: list[str] = []
                for text in texts:
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


# Between two words of a line, a gap this many times the font size is a gap between columns
# (letterhead, signature block, table cells), not a space; it becomes COLUMN_SPACES: enough
# for the intake to tell columns apart (it splits on runs of 2 or 3 spaces), not so many
# that a table row's value drifts away from its label.
COLUMN_GAP = 2.0
COLUMN_SPACES = "   "


def page_text(page: Any) -> str:
    """A pdfplumber page's text, one line per visual line, characters in order of position.

    Words and lines are pdfplumber's own (as ``page.extract_text()``: words split where the
    PDF draws a space or leaves a gap over 3 pt, lines clustered by their top within 3 pt),
    but words are joined the way a .txt report lays them out: one space between words, and
    :data:`COLUMN_SPACES` between columns (a gap of :data:`COLUMN_GAP` font sizes or more),
    which is how the intake tells columns apart.
    """
    from operator import itemgetter

    from pdfplumber.utils import cluster_objects

    words = page.extract_words()
    lines = []
    for row in cluster_objects(words, itemgetter("top"), 3):
        row.sort(key=itemgetter("x0"))
        parts = [row[0]["text"]]
        for before, word in zip(row, row[1:], strict=False):
            gap = word["x0"] - before["x1"]
            size = (before["bottom"] - before["top"] + word["bottom"] - word["top"]) / 2
            parts.append(COLUMN_SPACES if size > 0 and gap >= COLUMN_GAP * size else " ")
            parts.append(word["text"])
        lines.append("".join(parts))
    return "\n".join(lines)


def _password_protected(exc: BaseException | None) -> bool:
    """Whether pdfminer's error (perhaps wrapped by pdfplumber) says a password is needed."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, PDFPasswordIncorrect) or any(isinstance(arg, PDFPasswordIncorrect) for arg in exc.args):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _read_pdf(path: Path, data: bytes) -> list[Line]:
    """Each page's text layer as lines, in reading order (pdfplumber orders characters by position).

    Positional order matters for Vietnamese: when a font lacks a letter (ế, ả …), LibreOffice
    and Word draw it from a fallback font in a separate run after the rest of the line, and
    an extractor that follows the content stream (pypdf, pypdfium2) moves those letters to
    the end of the line; see fixtures/pdf/README.md.
    """
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise InputError(str(path), "", "cần gói pdfplumber để đọc .pdf / pdfplumber is not installed") from exc
    lines: list[Line] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                raise InputError(
                    str(path), "",
                    f"PDF có {len(pages)} trang, vượt giới hạn {MAX_PAGES} trang / "
                    f"PDF has {len(pages)} pages, more than the limit of {MAX_PAGES}",
                )
            for page_number, page in enumerate(pages, start=1):
                text = page_text(page)
                page.close()  # drop the page's parsed objects: memory stays flat over long documents
                lines.extend(lines_from_text(text, page=page_number, start=len(lines) + 1))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of the reader means an unreadable file
        if _password_protected(exc):
            raise InputError(str(path), "", "PDF có mật khẩu / PDF is password-protected") from exc
        raise InputError(str(path), "", f"không đọc được tệp .pdf / unreadable .pdf: {exc}") from exc
    return lines
