"""Deliberately garbled versions of a Vietnamese text, the ways real reports get damaged.

Used to choose and test the thresholds of ``checker.read.document.legibility`` (with the
scrambled PDF extractions in fixtures/pdf/).
"""

from __future__ import annotations

import unicodedata

_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"


def _sloppy_cp1252(data: bytes) -> str:
    """Bytes as Windows-1252, its five undefined bytes as Latin-1 (what browsers and editors show)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def mojibake_cp1252(text: str) -> str:
    """UTF-8 read as Windows-1252: "Báo cáo" → "BÃ¡o cÃ¡o"."""
    return _sloppy_cp1252(text.encode("utf-8"))


def mojibake_latin1(text: str) -> str:
    """UTF-8 read as Latin-1 (C1 control characters for 0x80–0x9F)."""
    return text.encode("utf-8").decode("latin-1")


def _cp1258_bytes(text: str) -> bytes:
    """Vietnamese in Windows-1258: precomposed where the code page has it, else base + combining tone."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if c not in _TONE_MARKS)
        tones = "".join(c for c in decomposed if c in _TONE_MARKS)
        try:
            out += unicodedata.normalize("NFC", base).encode("cp1258") + tones.encode("cp1258")
        except UnicodeEncodeError:
            out += b"?"
    return bytes(out)


def legacy_cp1258(text: str) -> str:
    """Windows-1258 text read as Windows-1252, like a legacy-encoded font: "Báo cáo kết" → "Báo cáo kêìt"."""
    return _sloppy_cp1252(_cp1258_bytes(text))


def symbol_font(text: str) -> str:
    """A legacy-encoded symbol font's text layer: every byte of its Windows-1258 encoding at U+F000 + byte."""
    return "".join(chr(0xF000 + b) if b >= 0x80 else chr(b) for b in _cp1258_bytes(text))


def pua_letters(text: str) -> str:
    """Only the letters with diacritics as private-use code points (a font whose ToUnicode maps them there)."""
    table: dict[str, str] = {}
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in "đĐ" or (len(unicodedata.normalize("NFD", char)) > 1 and char.isalpha()):
            out.append(table.setdefault(char, chr(0xE000 + len(table))))
        else:
            out.append(char)
    return "".join(out)


def strip_diacritics(text: str) -> str:
    """No diacritics: "Đánh giá kết quả" → "Danh gia ket qua"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def strip_tones(text: str) -> str:
    """Only the tone marks lost (ă â ê ô ơ ư đ kept): "Đánh giá kết quả" → "Đanh gia kêt qua"."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))


def marks_before_letters(text: str) -> str:
    """Combining marks emitted before their letter (a PDF that draws the mark first): they do not compose."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        if len(decomposed) > 1 and decomposed[0].isalpha():
            out.append(decomposed[1:] + decomposed[0])
        else:
            out.append(char)
    return "".join(out)


_SPACING = {"\u0300": "`", "\u0301": "´", "\u0309": "ˀ", "\u0303": "˜", "\u0323": ".", "\u0302": "ˆ",
            "\u0306": "˘", "\u031b": "'"}


def spacing_marks(text: str) -> str:
    """Every diacritic as a spacing accent after its base letter: "kết" → "keˆ´t"."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        if len(decomposed) > 1 and decomposed[0].isalpha():
            out.append(decomposed[0] + "".join(_SPACING.get(mark, mark) for mark in decomposed[1:]))
        else:
            out.append(char)
    return "".join(out)


GARBLERS = {
    "mojibake-cp1252": mojibake_cp1252,
    "mojibake-latin1": mojibake_latin1,
    "legacy-cp1258": legacy_cp1258,
    "symbol-font-pua": symbol_font,
    "pua-letters": pua_letters,
    "stripped-diacritics": strip_diacritics,
    "stripped-tones": strip_tones,
    "marks-before-letters": marks_before_letters,
    "spacing-marks": spacing_marks,
}
