"""Reading any input a reviewer gives: a report JSON, a filled Excel form, or a document to extract.

:func:`read_input` is the one way every command turns a file into a :class:`Report`: it says
what kind of input it was, keeps the text that locations refer to, and for documents the
candidates the extractor left unplaced.  Every failure is an :class:`InputError` naming the file.
"""

from __future__ import annotations

import json
import os
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from checker.core.bounded_read import open_error
from checker.core.errors import InputError, pydantic_problems
from checker.core.records import dataclass
from checker.model.report import Report
from checker.read.json_report import load_report_text
from checker.read.pathlist import PathList

if TYPE_CHECKING:  # the document reader is imported only when a document is read
    from checker.read.document.readings import Candidate

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
    cells: dict[str, str] = field(default_factory=dict)
    """For a filled Excel form: the cell (``Báo cáo!E42``) each JSON pointer was read from."""
    forced: list[str] = field(default_factory=list)
    """Why the reading was not reliable, when ``--force`` had it checked anyway (empty otherwise)."""

    @property
    def extracted(self) -> bool:
        """Whether the values were read automatically from a document (not typed in by a person)."""
        return self.kind == "document"

    def source_lines(self) -> list[tuple[int, str]] | None:
        """The numbered lines of the report's own text, which ``line`` fields refer to, or None.

        A document is its own text; a JSON report or form names it in ``meta.source_file``
        (relative to the report's folder), read only when it exists and is a .txt, .docx or .pdf.
        A source that cannot be read gives None (the findings keep their quoted sentences).
        """
        from checker.read.document import read_lines

        if self.kind == "document":
            source: Path | None = self.path
        else:
            named = self.report.meta.source_file
            source = self.path.parent / named if named else None
        if source is None or source.suffix.lower() not in DOCUMENT_SUFFIXES or not source.is_file():
            return None
        try:
            return [(line.number, line.text) for line in read_lines(source)]
        except InputError:
            return None


def input_kind(path: Path) -> InputKind:
    """The kind of input a file is, by its suffix (anything else is read as JSON)."""
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return "document"
    if suffix in FORM_SUFFIXES:
        return "xlsx"
    return "json"


def read_input(path: Path, force: bool = False) -> ReadInput:
    """Read ``path`` whatever its kind; raise InputError naming the file, field and expectation.

    A document whose reading is not reliable (unit or period not found, almost nothing
    placed, broken Vietnamese) is refused unless ``force``; then the reasons are kept in
    :attr:`ReadInput.forced` for every output to say so.  A file that cannot be opened or
    read (no permission, an I/O error) and a draft that does not validate are InputErrors
    too, never an exception of another kind.
    """
    try:
        return _read_input(path, force)
    except OSError as exc:
        raise open_error(str(path), exc) from exc
    except ValidationError as exc:
        raise InputError.from_problems(str(path), pydantic_problems(exc)) from exc


def _read_input(path: Path, force: bool) -> ReadInput:
    kind = input_kind(path)
    if kind == "document":
        from checker.read.document import read_document
        from checker.read.document.reliability import REFUSAL, reading_problems

        try:
            draft, candidates, lines = read_document(path)
        except InputError as exc:  # a text too broken to find its period: say that it is broken
            _refuse_broken(path, exc)
            raise
        problems = reading_problems(draft, candidates, "\n".join(line.text for line in lines))
        if problems and not force:
            raise InputError(str(path), "", f"{REFUSAL}: " + "; ".join(problems)
                             + " (dùng --force để vẫn kiểm tra / use --force to check it anyway)")
        return ReadInput(path, Report.model_validate(draft), json.dumps(draft, ensure_ascii=False, indent=2),
                         kind, list(candidates), forced=problems)
    if kind == "xlsx":
        from checker.read.xlsx import load_xlsx_form

        report, cells, unplaced = load_xlsx_form(path)  # unplaced: numbers left on "Số chưa đặt"
        return ReadInput(path, report, report.model_dump_json(indent=2, exclude_none=True), kind, unplaced,
                         cells=cells)
    report, text = load_report_text(path)
    return ReadInput(path, report, text, kind)


def _refuse_broken(path: Path, error: InputError) -> None:
    """Raise the refusal instead of ``error`` when the text's Vietnamese is broken."""
    from checker.read.document import read_lines
    from checker.read.document.reliability import REFUSAL, text_problems

    try:
        problems = text_problems("\n".join(line.text for line in read_lines(path)))
    except InputError:
        return
    if problems:
        found = "; ".join(problems + [problem.message for problem in error.problems])
        raise InputError(str(path), "", f"{REFUSAL}: {found}") from error


def json_entries(folder: Path) -> list[str]:
    """The names of ``folder``'s ``*.json`` entries that are not folders, sorted: what
    ``sorted(p.name for p in folder.glob("*.json") if not p.is_dir())`` gives, without a :class:`Path`
    and a ``stat`` per entry (10.000 entries: ~1 MB less kept by the process, ~0,5 MB less at its peak).

    As that glob does, a folder that cannot be listed for lack of permission has no entries, and
    another error listing it is raised; an entry's type comes from the listing when the system gives
    it, else from ``Path.is_dir`` (links followed; a dangling link or a loop is not a folder).
    """
    typed: list[tuple[str, bool | None]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".json"):
                    try:
                        typed.append((entry.name, entry.is_dir()))
                    except OSError:  # Path.is_dir treats some errors as "not a folder" and raises the others
                        typed.append((entry.name, None))
    except PermissionError:
        return []
    found = [name for name, is_folder in typed
             if not (is_folder if is_folder is not None else (folder / name).is_dir())]
    found.sort()
    return found


def expand_inputs(paths: tuple[str, ...] | list[str]) -> PathList:
    """Files as given; a directory stands for its ``*.json`` entries, sorted (documents must be named).

    An entry that is not a regular file (a dangling link, a FIFO) is kept, so that reading it
    reports why it cannot be used instead of it silently dropping out of the batch.  The paths
    are held compactly (:class:`PathList`: a folder's entries as names), so a batch's list of
    files costs a few bytes a file for the whole run.
    """
    runs: list[tuple[Path | None, list[str]]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                # every *.json entry but a folder: a dangling link or a FIFO is reported, not skipped;
                # the entries of one folder sort as their names do
                found = json_entries(path)
            except OSError as exc:
                raise open_error(raw, exc) from exc
            if not found:
                raise InputError(raw, "", "thư mục không có báo cáo *.json / directory holds no *.json report")
            runs.append((path, found))
        elif runs and runs[-1][0] is None:
            runs[-1][1].append(str(path))
        else:
            runs.append((None, [str(path)]))
    return PathList(runs)
