"""Numbers written in words and then in digits: "mười lăm (15) thành viên", "bốn nghìn không trăm mười hai (4.012)".

A letter-style report writes a count in words with its digits in brackets.  Read as it stands,
the bracket looks like a part of a whole or a second figure.  When the words spell the number
the digits give, the pair is one number and is read as its digits ("15 thành viên"); when they
disagree ("một trăm ba mươi lăm (153)"), which one is right cannot be told, so neither is read
and the pair is left as a candidate with the reason.
"""

from __future__ import annotations

import re

from checker.read.document.layout import Item
from checker.read.document.numbers_in_text import parse_value
from checker.read.document.readings import Candidate, Output

_DIGITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "nhăm": 5,
           "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_SCALES = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000}
_WORDS = sorted([*_DIGITS, *_SCALES, "mười", "mươi", "trăm", "linh", "lẻ"], key=len, reverse=True)
_WORD = "|".join(_WORDS)
_SPELLED = re.compile(
    rf"(?<!\w)((?:(?:{_WORD})\s+)*(?:{_WORD}))(?:\s+đồng)?\s*\(\s*(\d{{1,3}}(?:\.\d{{3}})+|\d+)"
    r"(\s+(?:nghìn|ngàn|triệu|tỷ|tỉ)(?:\s+đồng)?)?\s*\)",
    re.IGNORECASE)


def spelled_value(words: str) -> int | None:
    """The number Vietnamese ``words`` spell ("hai mươi sáu" → 26), or None when they spell none."""
    total = 0
    hundreds = tens = 0
    pending: int | None = None
    seen = False
    for word in words.lower().split():
        if word in _DIGITS:
            if pending is not None:
                return None  # two digits in a row
            pending = _DIGITS[word]
        elif word == "trăm":
            hundreds, pending = (1 if pending is None else pending), None
        elif word == "mươi":
            if pending is None:
                return None
            tens, pending = pending, None
        elif word == "mười":
            tens = 1
        elif word in ("linh", "lẻ"):
            tens = 0
        elif word in _SCALES:
            group = hundreds * 100 + tens * 10 + (pending or 0)
            total += (group or 1) * _SCALES[word]
            hundreds = tens = 0
            pending = None
        seen = True
    if not seen:
        return None
    return total + hundreds * 100 + tens * 10 + (pending or 0)


def digits_for_words(item: Item, out: Output) -> Item:
    """The item with each "words (digits)" pair read as its digits, or blanked when the two disagree."""
    if "(" not in item.text:
        return item
    text, lines = "", []
    last = 0
    changed = False
    for match in _SPELLED.finditer(item.text):
        words, digits, scale_words = match.group(1), match.group(2), match.group(3) or ""
        number = parse_value(digits)
        spelled = spelled_value(words)
        if number is None or spelled is None:
            continue
        scale = next((value for word, value in _SCALES.items() if word in scale_words.lower()), 1)
        agree = spelled in (number, number * scale)
        if not agree and len(words.split()) < 2:
            continue  # "trong năm (2026)": one word that is not this number's spelling
        if not agree:
            # "một trăm ba mươi lăm (153)": the words and the digits disagree, neither is read
            line = item.lines[min(match.start(2), len(item.lines) - 1)]
            out.candidate(Candidate(None, number, line, out.quote(line),
                                    f"số viết bằng chữ ({spelled}) khác số viết bằng số ({digits}) / the number in "
                                    f"words differs from the digits", "value", (), item.section == "goals"))
            replacement = " " * (match.end() - match.start())
            kept = item.lines[match.start():match.end()]
        else:
            replacement = digits + scale_words
            at = item.lines[min(match.start(2), len(item.lines) - 1)]
            kept = [at] * len(replacement)
        text += item.text[last:match.start()] + replacement
        lines += item.lines[last:match.start()] + kept
        last = match.end()
        changed = True
    if not changed:
        return item
    text += item.text[last:]
    lines += item.lines[last:]
    return Item(text, lines, item.marker, item.depth, item.prefix, item.section, item.headings, item.physical)
