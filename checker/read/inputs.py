"""Reading any input a reviewer gives: a report JSON, a filled Excel form, or a document to extract.

:func:`read_input` is the one way every command turns a file into a :class:`Report`: it says
what kind of input it was, keeps the text that locations refer to, and for documents the
candidates the extractor left unplaced.  Every failure is an :class:`InputError` naming the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from checker.core.bounded_read import open_error
from checker.core.errors import InputError, pydantic_problems
from checker.model.report import Report
from checker.read.document.readings import Candidate
from checker.read.json_report import load_report_text

InputKind = Literal["json", "xlsx", "document"]
DOCUMENT_SUFFIXES = (".txt", ".docx", ".pdf")
FORM_SUFFIXES = (".xlsx",)
REPORT_SUFFIXES = (".json",)
INPUT_SUFFIXES = REPORT_SUFFIXES + FORM_SUFFIXES + DOCUMENT_SUFFIXES


@dataclass
class ReadInput:
    """A report read from one file, with what locations refer to and what was left unread."""

    path: Path
    report: Report
    text: str
    """The report's JSON text (as given, or as drafted from a document or form): SARIF and
    JSON-pointer locations refer to its lines."""
    kind: InputKind
    candidates: list[Candidate] = field(default_factory=list)
    """Numbers a document's reader left unplaced, with their line, quote and reason."""

    @property
    def extracted(self) -> bool:
        """Whether the values were read automatically from a document (not typed in by a person)."""
        return self.kind == "document"


def input_kind(path: Path) -> InputKind:
    """The kind of input a file is, by its suffix (anything else is read as JSON)."""
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return "document"
    if suffix in FORM_SUFFIXES:
        return "xlsx"
    return "json"


def read_input(path: Path) -> ReadInput:
    """Read ``path`` whatever its kind; raise InputError naming the file, field and expectation.

    A file that cannot be opened or read (no permission, an I/O error) and a draft that does
    not validate are InputErrors too, never an exception of another kind.
    """
    try:
        return _read_input(path)
    except OSError as exc:
        raise open_error(str(path), exc) from exc
    except ValidationError as exc:
        raise InputError.from_problems(str(path), pydantic_problems(exc)) from exc


def _read_input(path: Path) -> ReadInput:
    kind = input_kind(path)
    if kind == "document":
        from checker.read.document import load_document

        draft, candidates = load_document(path)
        return ReadInput(path, Report.model_validate(draft), json.dumps(draft, ensure_ascii=False, indent=2),
                         kind, list(candidates))
    if kind == "xlsx":
        from checker.read.xlsx import load_xlsx

        report = load_xlsx(path)
        return ReadInput(path, report, report.model_dump_json(indent=2, exclude_none=True), kind)
    report, text = load_report_text(path)
    return ReadInput(path, report, text, kind)


def expand_inputs(paths: tuple[str, ...] | list[str]) -> list[Path]:
    """Files as given; a directory stands for its ``*.json`` entries, sorted (documents must be named).

    An entry that is not a regular file (a dangling link, a FIFO) is kept, so that reading it
    reports why it cannot be used instead of it silently dropping out of the batch.
    """
    result: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                # every *.json entry but a folder: a dangling link or a FIFO is reported, not skipped
                found = sorted(p for p in path.glob("*.json") if not p.is_dir())
            except OSError as exc:
                raise open_error(raw, exc) from exc
            if not found:
                raise InputError(raw, "", "thư mục không có báo cáo *.json / directory holds no *.json report")
            result.extend(found)
        else:
            result.append(path)
    return result
