"""Reading report files: UTF-8 (with or without BOM) JSON into the Report model.

Every failure becomes an :class:`InputError` naming the file, the field (JSON pointer) and
what was expected; nothing is silently dropped (unknown keys are errors).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from checker.core.errors import InputError, Problem, pydantic_problems
from checker.core.numbers import nfc
from checker.model.report import NFC_DONE, Report

MAX_BYTES = 50 * 1024 * 1024


def _nfc_tree(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_tree(item) for item in value]
    if isinstance(value, dict):
        return {nfc(key): _nfc_tree(item) for key, item in value.items()}
    return value


def read_json(path: Path) -> Any:
    """Read a JSON file as UTF-8 (a BOM is accepted), NFC-normalising every string and key."""
    return read_json_text(path)[0]


def read_json_text(path: Path) -> tuple[Any, str]:
    """The parsed JSON of a file and its text (BOM removed), from one read of the file."""
    name = str(path)
    if not path.exists():
        raise InputError(name, "", "không tìm thấy tệp / file not found")
    if path.is_dir():
        raise InputError(name, "", "là thư mục, cần một tệp JSON / is a directory, expected a JSON file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(name, "", f"tệp quá lớn ({size} byte, tối đa {MAX_BYTES}) / file too large")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(name, "", "tệp rỗng, cần một báo cáo JSON / empty file, expected a JSON report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(name, "", f"không phải UTF-8 (byte {exc.start}) / not UTF-8 text at byte {exc.start}") from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            name, "", f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg} / invalid JSON"
        ) from exc
    except RecursionError as exc:
        raise InputError(name, "", "JSON lồng quá sâu / JSON nested too deeply") from exc
    if "\\u" in text or not unicodedata.is_normalized("NFC", text):
        raw = _nfc_tree(raw)  # an already-NFC text without escapes holds only NFC strings
    return raw, text


def load_report(path: Path) -> Report:
    """Load and validate one report file."""
    return load_report_text(path)[0]


def load_report_text(path: Path) -> tuple[Report, str]:
    """Load and validate one report file; also return its text (for locating findings in it)."""
    raw, text = read_json_text(path)
    if not isinstance(raw, dict):
        kind = type(raw).__name__
        raise InputError(str(path), "", f"cần một đối tượng JSON (báo cáo), nhận được {kind} / expected a JSON object")
    try:
        return Report.model_validate(raw, context=NFC_DONE), text
    except ValidationError as exc:
        raise InputError.from_problems(str(path), pydantic_problems(exc, raw)) from exc
    except RecursionError as exc:
        raise InputError.from_problems(str(path), [Problem("", "JSON lồng quá sâu / nested too deeply")]) from exc
