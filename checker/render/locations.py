"""Where a finding is, in the file a person edits: a text line, a Word paragraph, an Excel cell.

* a ``.json`` report whose ``meta.source_file`` names a document beside it, and a finding whose
  evidence has a line: that line of the document (the JSON line becomes a related location);
* a ``.json`` report otherwise: the line of the finding's JSON pointer;
* a ``.txt``/``.pdf``/``.docx`` report: the line (for Word, the paragraph or table row) the
  evidence was read from, with that text as the snippet;
* an ``.xlsx`` form: the cell the value was read from (``Báo cáo!E35`` → line 35, column 5).

The JSON pointer is always kept as the logical location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.core.jsonpos import line_of
from checker.decide.findings import Finding

_CELL = re.compile(r"^(?P<sheet>.+)!(?P<col>[A-Z]{1,3})(?P<row>\d+)$")


@dataclass(frozen=True)
class Place:
    """One place in one file: its path, line (and column), the text shown there, and what it is."""

    uri: str
    line: int
    column: int | None = None
    snippet: str | None = None
    label: str | None = None
    """How a person finds it: ``dòng 12`` / ``đoạn 12`` / ``Báo cáo!E35``."""


def _evidence_line(finding: Finding) -> tuple[int, str | None] | None:
    """The line and quote of the evidence closest to the finding's pointer."""
    located = [item for item in finding.evidence.items if item.line]
    if not located:
        return None
    pointer = finding.pointer or ""
    best = next((item for item in located if pointer and item.pointer and item.pointer.startswith(pointer)),
                located[0])
    return best.line or 1, best.quote


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def _cell_of(cells: dict[str, str], pointer: str | None) -> str | None:
    """The cell of ``pointer`` or of its nearest parent that came from a cell."""
    probe = pointer or ""
    while probe:
        if probe in cells:
            return cells[probe]
        probe = probe.rsplit("/", 1)[0]
    return None


def _document_place(uri: str, suffix: str, line: int, quote: str | None) -> Place:
    unit = "đoạn / paragraph" if suffix == ".docx" else "dòng / line"
    return Place(uri, line, snippet=quote or None, label=f"{unit} {line}")


def source_document(item: Any) -> Path | None:
    """The document a ``.json`` report was encoded from (``meta.source_file``), when it sits beside it."""
    name = item.evaluation.report.meta.source_file
    if item.read.kind != "json" or not name:
        return None
    candidate = item.path.parent / name
    return candidate if candidate.is_file() else None


def places(item: Any, finding: Finding, json_lines: dict[str, int] | None) -> tuple[Place, list[Place]]:
    """The primary place of ``finding`` in checked report ``item``, and related places."""
    uri = item.path.as_posix()
    kind = item.read.kind
    evidence = _evidence_line(finding)
    if kind == "document":
        line, quote = evidence if evidence else (1, None)
        return _document_place(uri, item.path.suffix.lower(), line, quote), []
    if kind == "xlsx":
        cell = _cell_of(item.read.cells, finding.pointer)
        match = _CELL.match(cell) if cell else None
        if match is None:
            return Place(uri, 1, label=cell), []
        return Place(uri, int(match["row"]), _column_number(match["col"]), label=cell), []
    json_line = line_of(json_lines or {}, finding.pointer)
    in_json = Place(uri, json_line, label=f"dòng / line {json_line}")
    document = source_document(item)
    if document is not None and evidence is not None:
        line, quote = evidence
        return _document_place(document.as_posix(), document.suffix.lower(), line, quote), [in_json]
    return in_json, []
