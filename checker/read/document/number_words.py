"""Numbers written in words: "hai mươi lăm (25)", "một trăm phần trăm".

Vietnamese reports often spell a count out and repeat it in digits in brackets
("kiện toàn Ban Chỉ đạo gồm mười lăm (15) thành viên").  The digits are the value; the
words before them are the same number and must not be read as the label, and the brackets
must not be read as a breakdown of the words.  :func:`respell` rewrites such a phrase so
that only the digits remain, in place (the text keeps its length, so every character keeps
its line).  A percentage written only in words ("đạt một trăm phần trăm") becomes digits.

The words are read with :func:`read_words`; a run of words is rewritten only when it reads
as a number, so "năm" (a year) or "một phần" (partly) are never taken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
           "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_SCALES = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000}
_WORDS = sorted([*_DIGITS, *_SCALES, "mười", "mươi", "trăm", "linh", "lẻ"], key=len, reverse=True)
_WORD = "|".join(_WORDS)
# A run of number words (across the line breaks joined into spaces) right before "(digits)".
_SPELLED_BEFORE_DIGITS = re.compile(
    rf"(?<!\w)((?:(?:{_WORD})\s+)*(?:{_WORD}))\s*\(\s*(\d{{1,3}}(?:\.\d{{3}})+|\d+)\s*\)", re.IGNORECASE)
# A percentage in words: "một trăm phần trăm", "chín mươi lăm phần trăm".
_SPELLED_PERCENT = re.compile(rf"(?<!\w)((?:(?:{_WORD})\s+)+)(?=phần trăm(?!\w))", re.IGNORECASE)


_MAY_SPELL = re.compile(rf"(?<!\w)(?:{_WORD})\s*\(\s*\d|phần trăm", re.IGNORECASE)


def read_words(words: str) -> int | None:
    """The number ``words`` spell ("hai mươi lăm" → 25, "một nghìn không trăm linh năm" → 1005), or None.

    Only well-formed numbers are read: a digit word is followed by "mươi", "trăm" or a scale, or
    ends a group; "mốt", "lăm", "tư" follow tens only.  Anything else (a stray word) gives None.
    """
    parts = words.lower().split()
    if not parts:
        return None
    total = 0  # the groups above a thousand already closed by a scale word
    group = 0  # the current group below a thousand
    pending: int | None = None  # a digit word waiting for "mươi" / "trăm" / a scale
    last = ""
    for word in parts:
        if word in _DIGITS:
            digit = _DIGITS[word]
            if pending is not None:
                return None
            if word in ("mốt", "lăm", "nhăm", "tư") and last not in ("mươi", "mười"):
                if not (word == "tư" and last in ("linh", "lẻ")):
                    return None
            if last in ("mươi", "mười", "linh", "lẻ"):
                group += digit
            else:
                pending = digit
        elif word == "mươi":
            if pending is None or pending < 2:
                return None
            group += pending * 10
            pending = None
        elif word == "mười":
            if pending is not None:
                return None
            group += 10
        elif word == "trăm":
            if pending is None:
                return None
            group += pending * 100
            pending = None
        elif word in ("linh", "lẻ"):
            if last != "trăm":
                return None
        elif word in _SCALES:
            value = group + (pending or 0)
            if value == 0 and pending is None:
                return None
            total += value * _SCALES[word]
            group, pending = 0, None
        else:
            return None
        last = word
    if last in ("linh", "lẻ"):
        return None
    return total + group + (pending or 0)


@dataclass(frozen=True)
class Mismatch:
    """Words and digits that do not say the same number: the digits are read, the reviewer is told."""

    start: int
    words: str
    spelled: int
    digits: str


def respell(text: str) -> tuple[str, list[Mismatch]]:
    """``text`` with spelled numbers reduced to their digits, same length; and the word/digit slips.

    "gồm mười lăm (15) thành viên" → "gồm              15 thành viên".  When the words read as
    another number than the digits ("một trăm ba mươi lăm (153)"), the digits are kept as the
    value (what the report states in figures) and the slip is returned.
    """
    from checker.core.numbers import parse_number

    mismatches: list[Mismatch] = []
    if not _MAY_SPELL.search(text):  # most items spell no number: a cheap look first
        return text, mismatches
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for index in range(start, end):
            chars[index] = " "

    for match in _SPELLED_BEFORE_DIGITS.finditer(text):
        words = match.group(1).split()
        digits = match.group(2)
        try:
            value = parse_number(digits)
        except ValueError:
            continue
        # the longest tail of the run that reads as a number ("xã có năm (05)": "năm")
        for skip in range(len(words)):
            spelled = read_words(" ".join(words[skip:]))
            if spelled is not None:
                break
        else:
            continue
        tail_start = match.start(1)
        for word in words[:skip]:
            tail_start = text.index(word, tail_start) + len(word)
        tail_start = re.compile(r"\s*").match(text, tail_start).end()  # type: ignore[union-attr]
        if spelled != value:
            if len(words) - skip < 2:  # "năm (2026)": one word that differs is no spelled number
                continue
            mismatches.append(Mismatch(tail_start, text[tail_start:match.end(1)], spelled, digits))
        # the digits move to the end of the phrase, so that the word after it is their unit ("… (04) lớp")
        blank(tail_start, match.end())
        for offset, ch in enumerate(digits):
            chars[match.end() - len(digits) + offset] = ch
    rewritten = "".join(chars)
    for match in _SPELLED_PERCENT.finditer(rewritten):
        words = match.group(1).split()
        spelled = read_words(" ".join(words))
        if spelled is None or spelled > 100:
            continue
        digits = str(spelled)
        start = match.start(1)
        for index in range(match.start(1), match.end(1)):
            chars[index] = " "
        for offset, ch in enumerate(digits):
            chars[start + offset] = ch
    return "".join(chars), mismatches
