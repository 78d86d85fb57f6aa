"""Abbreviations a report defines for itself, expanded in the words a number is matched by.

Terse reports declare their abbreviations: a legend ("Viết tắt: CBCC - cán bộ, công chức; VB - văn
bản; HS - hồ sơ; TT - trực tuyến") or an inline definition ("Máy tính (MT): 24", "chuyển đổi số
(CĐS)").  Only what the document itself defines is expanded, and only where the reader matches a
number's words to an indicator (positions, lines and quotes keep the text as written).  An inline
definition counts when the initials of the words just before the brackets spell it.
"""

from __future__ import annotations

import re
import unicodedata

_LEGEND = re.compile(r"(?:chữ\s+)?viết tắt\s*:\s*(.+)", re.IGNORECASE)
_PAIR = re.compile(r"(?<!\w)([A-ZĐ][A-ZĐa-z&]{0,7})\s*[-–=:]\s*([^;.:]+?)\s*(?=;|\.|$)")
_INLINE = re.compile(r"((?:[^\W\d_]+ ){1,6})\(([A-ZĐ]{2,6})\)")


def _initial(word: str) -> str:
    letter = word[0].upper()
    return "D" if letter == "Đ" else unicodedata.normalize("NFD", letter)[0]


def _spells(words: list[str], abbreviation: str) -> bool:
    wanted = [_initial(ch) for ch in abbreviation]
    return len(words) >= len(wanted) and [_initial(w) for w in words[-len(wanted):]] == wanted


def abbreviations(texts: list[str]) -> dict[str, str]:
    """The abbreviations the texts define, each with its expansion (first definition wins)."""
    found: dict[str, str] = {}
    joined = " ".join(texts)
    for legend in _LEGEND.finditer(joined):
        pos = legend.start(1)
        # the pairs follow one another ("CBCC - cán bộ, công chức; VB - văn bản; …"); the legend ends at the
        # first text that is no pair, so "- Camera: 12 (…)" below it defines nothing
        while pair := _PAIR.match(joined, pos):
            abbreviation, expansion = pair.groups()
            if re.search(r"\d", expansion):
                break
            if len(abbreviation) >= 2 and expansion.strip():
                found.setdefault(abbreviation, " ".join(expansion.split()))
            pos = re.compile(r"[\s;.]*").match(joined, pair.end()).end()  # type: ignore[union-attr]
    for words, abbreviation in _INLINE.findall(joined):
        split = words.split()
        if _spells(split, abbreviation):
            found.setdefault(abbreviation, " ".join(split[-len(abbreviation):]).lower())
    return found


def expander(found: dict[str, str]) -> re.Pattern[str] | None:
    """A pattern of the defined abbreviations as whole words, longest first (None when there are none)."""
    if not found:
        return None
    names = sorted(found, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(name) for name in names) + r")(?!\w)")


def expand(text: str, found: dict[str, str], pattern: re.Pattern[str] | None) -> str:
    """``text`` with each defined abbreviation written out."""
    if pattern is None:
        return text
    return pattern.sub(lambda match: found[match.group(1)], text)
