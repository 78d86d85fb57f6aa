"""Vietnamese wording helpers shared by the intake modules: tone-mark folding, capitals, spaces."""

from __future__ import annotations

import re

_FOLD_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_FOLD_RE = re.compile("|".join(sorted({*(_FOLD_PAIRS), *(k.upper() for k in _FOLD_PAIRS),
                                       *(k.capitalize() for k in _FOLD_PAIRS)}, key=len, reverse=True)))


def _fold_one(match: re.Match[str]) -> str:
    text = match.group(0)
    folded = _FOLD_PAIRS[text.lower()]
    if text.isupper():
        return folded.upper()
    if text[0].isupper():
        return folded[0].upper() + folded[1:]
    return folded


def fold(text: str) -> str:
    """Normalise old/new tone-mark placement ("hoá" -> "hóa"), keeping the length."""
    return _FOLD_RE.sub(_fold_one, text)


def _letters(text: str) -> list[str]:
    return list(filter(str.isalpha, text))


def is_upper_word(word: str) -> bool:
    """Whether every letter of ``word`` is a capital (and it has letters)."""
    letters = _letters(word)
    return bool(letters) and all(map(str.isupper, letters))


def is_caps_line(text: str) -> bool:
    """Whether ``text`` is written in capitals: at least 4 letters, 85 % of them capitals."""
    letters = _letters(text)
    if len(letters) < 4:
        return False
    return sum(map(str.isupper, letters)) >= 0.85 * len(letters)


def collapse(text: str) -> str:
    """``text`` with runs of white space made one space and the ends stripped."""
    return " ".join(text.split())
