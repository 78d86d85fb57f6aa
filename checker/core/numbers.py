"""Vietnamese number, percentage and date parsing and formatting.

Vietnamese reports write "2.777" for two thousand seven hundred seventy-seven (dot as
thousands separator) and "98,34 %" for a decimal percentage; "98.34%" also occurs.  The
parser accepts only unambiguous spellings and raises ``ValueError`` otherwise: a value is
never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Patterns as text: ``re.match`` compiles each on its first use and keeps it in ``re``'s own cache, so
# importing this module compiles none (a JSON report whose numbers are JSON numbers never parses a
# spelled-out one; compiling all nine at import was ~1 % of a cold ``check report.json``).
_GROUPED_DOTS = r"^[+-]?\d{1,3}(\.\d{3})+$"
_GROUPED_SPACES = r"^[+-]?\d{1,3}( \d{3})+$"
_PLAIN = r"^[+-]?\d+$"
_DECIMAL_COMMA = r"^[+-]?\d+,\d+$"
_AMBIGUOUS_COMMA = r"^[+-]?\d{1,3},\d{3}$"
_GROUPED_DOTS_DECIMAL_COMMA = r"^[+-]?\d{1,3}(\.\d{3})+,\d+$"
_DECIMAL_DOT = r"^[+-]?\d+\.\d{1,2}$|^[+-]?\d+\.\d{4,}$"

_DATE_SLASH = r"^(\d{1,2})/(\d{1,2})/(\d{4})$"
_DATE_WORDS = r"^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$"


def nfc(text: str) -> str:
    """Return ``text`` normalised to Unicode NFC, the form the checker stores."""
    return unicodedata.normalize("NFC", text)


def parse_number(text: str, percent: bool = False) -> float:
    """Parse a number as Vietnamese reports write it; see :func:`_parse_number` (ValueError when it cannot)."""
    try:
        return _parse_number(text, percent)
    except OverflowError as exc:  # 400 digits convert to an int, not to a float
        raise ValueError(f"số quá lớn '{text[:20]}…' / number too large") from exc


def _parse_number(text: str, percent: bool = False) -> float:
    """Parse a number as Vietnamese reports write it (``percent``: the number of a percentage).

    "2.777" -> 2777, "1.255" -> 1255, "98,34" -> 98.34, "98.34" -> 98.34, "02" -> 2.
    A dot followed by exactly three digits is a thousands separator; a dot followed by
    one, two or four or more digits is a decimal point.  A lone comma before exactly three
    digits ("3,146") is ambiguous (a decimal comma, or an English thousands separator) and is
    refused, never guessed, except in a percentage ("97,800 %": no share is written in
    thousands).  Anything else raises ``ValueError`` with the reason.
    """
    raw = nfc(text).strip().replace("\u00a0", " ")
    if not raw:
        raise ValueError("chuỗi rỗng / empty string")
    if re.match(_PLAIN, raw):
        return float(int(raw))
    if re.match(_GROUPED_DOTS, raw):
        return float(int(raw.replace(".", "")))
    if re.match(_GROUPED_SPACES, raw):
        return float(int(raw.replace(" ", "")))
    if not percent and re.match(_AMBIGUOUS_COMMA, raw):
        raise ValueError(f"'{text}' mơ hồ: dấu phẩy trước đúng ba chữ số có thể là dấu thập phân hoặc dấu phân cách "
                         f"hàng nghìn kiểu Anh; viết '{raw.replace(',', '.')}' nếu là số nguyên, hoặc ghi số JSON / "
                         "ambiguous: a comma before exactly three digits may be a decimal or an English thousands "
                         "separator; write the number unambiguously")
    if re.match(_DECIMAL_COMMA, raw):
        return float(raw.replace(",", "."))
    if re.match(_GROUPED_DOTS_DECIMAL_COMMA, raw):
        return float(raw.replace(".", "").replace(",", "."))
    if re.match(_DECIMAL_DOT, raw):
        return float(raw)
    raise ValueError(f"không đọc được số '{text}' / not a number as Vietnamese writes it")


def parse_percent(text: str) -> float:
    """Parse a percentage such as "98,34 %", "98.34%" or "100%" to a float (98.34)."""
    raw = nfc(text).strip()
    if not raw.endswith("%"):
        raise ValueError(f"thiếu dấu % trong '{text}' / missing % sign")
    return parse_number(raw[:-1].strip(), percent=True)


def parse_number_or_percent(text: str) -> float:
    """Parse a number, with or without a trailing percent sign."""
    raw = nfc(text).strip()
    return parse_percent(raw) if raw.endswith("%") else parse_number(raw)


def parse_date(text: str) -> date:
    """Parse "31/12/2022", "ngày 31/12/2022" or "ngày 08 tháng 3 năm 2023"."""
    raw = " ".join(nfc(text).strip().split())
    if raw.startswith("ngày "):
        raw_slash = raw[len("ngày ") :]
    else:
        raw_slash = raw
    match = re.match(_DATE_SLASH, raw_slash) or re.match(_DATE_WORDS, raw)
    if not match:
        raise ValueError(f"không đọc được ngày '{text}' / not a date (dd/mm/yyyy)")
    day, month, year = (int(part) for part in match.groups())
    return date(year, month, day)


def format_number(value: float | int | None, decimals: int | None = None) -> str:
    """Format a number the Vietnamese way: 2777 -> "2.777", 98.34 -> "98,34"."""
    if value is None:
        return "—"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{float(value):,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def format_percent(value: float | None) -> str:
    """Format a percentage the Vietnamese way: 97.57 -> "97,57 %"."""
    if value is None:
        return "—"
    return f"{format_number(round(value, 2))} %"


def decimals_of(value: float) -> int:
    """Number of decimals a stated value was written with (98.1 -> 1, 100 -> 0)."""
    text = repr(float(value))
    if "e" in text or text.endswith(".0"):
        return 0
    return len(text.split(".")[1])


def written_decimals(text: str) -> int:
    """How many decimals a number was written with, read as :func:`parse_number` reads it.

    "90,20 %" -> 2, "90,2" -> 1, "3.146" -> 0 (a thousands separator), "98.34" -> 2, "100" -> 0.
    Raises ``ValueError`` for text that is not a number as Vietnamese writes it.
    """
    raw = nfc(text).strip().replace("\u00a0", " ")
    if raw.endswith("%"):
        raw = raw[:-1].strip()
    parse_number(raw)  # the same spellings only
    if re.match(_DECIMAL_COMMA, raw) or re.match(_GROUPED_DOTS_DECIMAL_COMMA, raw):
        return len(raw.rsplit(",", 1)[1])
    if re.match(_DECIMAL_DOT, raw):
        return len(raw.rsplit(".", 1)[1])
    return 0
