"""Intake: read a commune report (.txt, .docx, .pdf) into a draft report in the model.

``load_document(path)`` returns the draft report dict, valid for
:class:`checker.model.report.Report`, and the candidates: values the extractor was not sure of
and left out of the draft, each with the line, the quoted text and the reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.read.document.extract import EXTRACTED_NOTE, Candidate, extract_draft
from checker.read.document.text import SUPPORTED, Line, read_lines

__all__ = ["EXTRACTED_NOTE", "SUPPORTED", "Candidate", "Line", "extract_draft", "load_document", "read_document",
           "read_lines"]


def load_document(path: str | Path) -> tuple[dict[str, Any], list[Candidate]]:
    """Read ``path`` and extract its draft report dict and the candidates left out.

    Raises :class:`checker.core.errors.InputError` for a missing, unsupported or unreadable
    file, or one without text (a scanned PDF), or when the draft does not validate.
    """
    draft, candidates, _ = read_document(path)
    return draft, candidates


def read_document(path: str | Path) -> tuple[dict[str, Any], list[Candidate], list[Line]]:
    """Like :func:`load_document`, also returning the text's lines (to judge how well it was read)."""
    from pydantic import ValidationError

    from checker.core.errors import InputError, pydantic_problems
    from checker.model.report import Report

    path = Path(path)
    lines = read_lines(path)
    try:
        draft, candidates = extract_draft(lines, path.name)
    except InputError as exc:
        raise InputError.from_problems(str(path), exc.problems) from exc
    try:
        Report.model_validate(draft)
    except ValidationError as exc:  # pragma: no cover - a bug in the extractor
        raise InputError.from_problems(str(path), pydantic_problems(exc, draft)) from exc
    return draft, candidates, lines
