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

from checker.core.bounded_read import MAX_INPUT_BYTES, read_bounded
from checker.core.errors import InputError, Problem, pydantic_problems
from checker.core.jsonpos import duplicate_keys
from checker.core.numbers import nfc
from checker.model.report import NFC_DONE, Report

MAX_BYTES = MAX_INPUT_BYTES
NUMBER_LIMIT = 10**15
"""Numbers in a report must be finite and below 10¹⁵ in magnitude (the engine encodes them exactly)."""
_MAX_INT_CHARS = 17  # sign and 16 digits: anything longer is beyond NUMBER_LIMIT, never converted
_SURE_INT_CHARS = 16  # fewer characters are at most 15 digits: below NUMBER_LIMIT, nothing to compare
_LIMIT = float(NUMBER_LIMIT)  # exactly 10¹⁵: a float compares with it as with the integer


class _Unusable:
    """A number token that cannot be a report's value (NaN, infinite, too large), kept as written."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


class _Hooks:
    """json.loads hooks that keep unusable numbers as markers and notice duplicate keys."""

    def __init__(self) -> None:
        self.suspect = False
        self.duplicates = False

    def constant(self, text: str) -> _Unusable:
        self.suspect = True
        return _Unusable(text)

    def float(self, text: str) -> float | _Unusable:
        value = float(text)
        if -_LIMIT < value < _LIMIT:  # finite and below the limit: NaN fails both comparisons
            return value
        self.suspect = True
        return _Unusable(text)

    def int(self, text: str) -> int | _Unusable:
        if len(text) < _SURE_INT_CHARS:
            return int(text)
        if len(text) <= _MAX_INT_CHARS:
            value = int(text)
            if abs(value) < NUMBER_LIMIT:
                return value
        self.suspect = True
        return _Unusable(text)

    def object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            self.duplicates = True
        return result


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _short(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]} ({len(text)} ký tự / characters)"


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


def _clean_tree(value: Any, pointer: str, problems: list[Problem]) -> Any:
    """NFC-normalise every string and key; record unusable numbers and lone surrogates with their pointer."""
    if isinstance(value, str):
        if _has_surrogate(value):
            problems.append(Problem(pointer, "chuỗi chứa ký tự thay thế đơn lẻ (\\ud800–\\udfff), không phải văn bản "
                                             "Unicode hợp lệ / lone surrogate: not valid Unicode text",
                                    ascii(_short(value))))
            return value
        return nfc(value)
    if isinstance(value, _Unusable):
        problems.append(Problem(pointer, "cần một số hữu hạn, nhỏ hơn 10^15 về trị tuyệt đối (không nhận NaN, Infinity "
                                         "hay số quá lớn) / expected a finite number below 10^15 in magnitude",
                                _short(value.text)))
        return None
    if isinstance(value, list):
        return [_clean_tree(item, f"{pointer}/{index}", problems) for index, item in enumerate(value)]
    if isinstance(value, dict):
        cleaned: dict[str, Any] = {}
        for key, item in value.items():
            if _has_surrogate(key):
                child = f"{pointer}/{_escape(ascii(key)[1:-1])}"  # printable and encodable anywhere
                problems.append(Problem(child, "tên trường chứa ký tự thay thế đơn lẻ, không phải văn bản Unicode "
                                               "hợp lệ / key holds a lone surrogate: not valid Unicode text",
                                        ascii(_short(key))))
                continue
            cleaned[nfc(key)] = _clean_tree(item, f"{pointer}/{_escape(key)}", problems)
        return cleaned
    return value


def _duplicate_problems(text: str) -> list[Problem]:
    problems = []
    for pointer, lines in duplicate_keys(text).items():
        key = pointer.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")
        vi = ", ".join(f"dòng {line} cột {column}" for line, column in lines)
        en = ", ".join(f"line {line} column {column}" for line, column in lines)
        problems.append(Problem(pointer, f"khóa '{key}' xuất hiện {len(lines)} lần trong cùng một đối tượng ({vi}); "
                                         f"không biết giữ giá trị nào / duplicate key in one object ({en}): which "
                                         "value is meant is unknown"))
    return problems or [Problem("", "có khóa trùng lặp trong một đối tượng JSON / duplicate key in a JSON object")]


def read_json(path: Path) -> Any:
    """Read a JSON file as UTF-8 (a BOM is accepted), NFC-normalising every string and key."""
    return read_json_text(path)[0]


def read_json_text(path: Path) -> tuple[Any, str]:
    """The parsed JSON of a file and its text (BOM removed), from one bounded read of the file.

    Refused, each as an InputError naming the file and, where there is one, the field: a file
    that is missing, unreadable, a folder, larger than MAX_BYTES or a stream that does not end;
    text that is not UTF-8 or not JSON; duplicate keys in one object (with every line the key is
    on); numbers that are NaN, infinite or 10¹⁵ or more in magnitude; lone surrogates.
    """
    name = str(path)
    if path.is_dir():
        raise InputError(name, "", "là thư mục, cần một tệp JSON / is a directory, expected a JSON file")
    data = read_bounded(path, MAX_BYTES)
    if not data.strip():
        raise InputError(name, "", "tệp rỗng, cần một báo cáo JSON / empty file, expected a JSON report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(name, "", f"không phải UTF-8 (byte {exc.start}) / not UTF-8 text at byte {exc.start}") from exc
    hooks = _Hooks()
    try:
        raw = json.loads(text, object_pairs_hook=hooks.object, parse_constant=hooks.constant,
                         parse_float=hooks.float, parse_int=hooks.int)
    except json.JSONDecodeError as exc:
        raise InputError(
            name, "", f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg} / invalid JSON"
        ) from exc
    except RecursionError as exc:
        raise InputError(name, "", "JSON lồng quá sâu / JSON nested too deeply") from exc
    problems: list[Problem] = _duplicate_problems(text) if hooks.duplicates else []
    if hooks.suspect or "\\u" in text or not unicodedata.is_normalized("NFC", text):
        # an already-NFC text without escapes or odd numbers holds only NFC strings and plain numbers
        try:
            raw = _clean_tree(raw, "", problems)
        except RecursionError as exc:
            raise InputError(name, "", "JSON lồng quá sâu / JSON nested too deeply") from exc
    if problems:
        raise InputError.from_problems(name, problems)
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
