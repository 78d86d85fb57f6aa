"""Vietnamese unit names: NFC, tone placement, case, the type word in front, ASCII slugs.

The same name is written "Hoà" or "Hòa", "Thuỷ" or "Thủy" (old and new tone placement on
the open syllables oa, oe, uy), in capitals in letterheads ("UBND XÃ NAM THANH MIỆN"), and
in NFD when text comes out of some PDF tools.  :func:`name_key` folds all of these to one
key; :func:`split_type` separates the type word ("xã", "phường", "đặc khu" …) from the name.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # huyền, sắc, hỏi, ngã, nặng
# o + toned a/e, u + toned y, at the end of a syllable ("Hoà", "Thuỷ"; not "Hoàng", "Quý", "Huệ", "Thuận")
_OLD_STYLE = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY][\u0300\u0301\u0309\u0303\u0323])(?![\u0300-\u036f]|[^\W\d_])"
)

TYPE_WORDS: dict[str, str] = {
    "xã": "xa",
    "phường": "phuong",
    "thị trấn": "thi_tran",
    "đặc khu": "dac_khu",
    "huyện": "huyen",
    "quận": "quan",
    "thị xã": "thi_xa",
    "thành phố": "thanh_pho",
    "tỉnh": "tinh",
}
"""Type words as written before a unit's name, and the unit type each stands for."""

TYPE_PREFIX: dict[str, str] = {
    "xa": "Xã", "phuong": "Phường", "thi_tran": "Thị trấn", "dac_khu": "Đặc khu", "huyen": "Huyện",
    "quan": "Quận", "thi_xa": "Thị xã", "thanh_pho": "Thành phố", "tinh": "Tỉnh",
}
"""The capitalised type word a unit's full name starts with, by unit type."""

_ISSUER = re.compile(r"^(?:ubnd|ủy ban nhân dân|hđnd|hội đồng nhân dân)\s+", re.IGNORECASE)


def new_style_tones(text: str) -> str:
    """``text`` in NFC with the tone of open oa, oe, uy on the first vowel ("Hoà" → "Hòa", "Thuỷ" → "Thủy")."""
    decomposed = unicodedata.normalize("NFD", text)

    def move(match: re.Match[str]) -> str:
        vowel, toned = match.group(1), match.group(2)
        return vowel + toned[-1] + toned[:-1]

    return unicodedata.normalize("NFC", _OLD_STYLE.sub(move, decomposed))


def name_key(text: str) -> str:
    """A comparison key: NFC, new-style tone placement, case-folded, single spaces."""
    return " ".join(new_style_tones(text).casefold().split())


def split_type(text: str) -> tuple[str | None, str]:
    """The unit type named in front of ``text`` (or None) and the key of the bare name.

    "UBND XÃ NAM THANH MIỆN" → ("xa", "nam thanh miện"); "Nam Thanh Miện" → (None, "nam thanh miện").
    """
    key = _ISSUER.sub("", name_key(text))
    for word in sorted(TYPE_WORDS, key=len, reverse=True):
        if key.startswith(word + " "):
            return TYPE_WORDS[word], key[len(word) + 1:]
    return None, key


def slug(text: str) -> str:
    """ASCII slug without diacritics: "Nam Thanh Miện" → "nam-thanh-mien", "Đông Hải 2" → "dong-hai-2"."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    plain = plain.replace("đ", "d").replace("Đ", "D").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
