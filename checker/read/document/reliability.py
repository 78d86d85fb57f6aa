"""Whether a document was read well enough to be graded: never grade what the tool could not read.

A reading is refused (exit 2, unless ``check --force``) when the unit is not recognised,
the period was not found but guessed, almost no number could be placed, or the text's
Vietnamese is broken (mojibake from a wrong encoding, glyphs of the private use area or
replacement characters left by a PDF font without a Unicode map, letters stripped of their
diacritics).  Each reason says what was found, so the reviewer knows what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from checker.read.document.identity import UNKNOWN_PROVINCE
from checker.read.document.readings import Candidate

REFUSAL = "không đọc được văn bản này một cách tin cậy / this document could not be read reliably"
MIN_PLACED = 5
MIN_PLACED_SHARE = 0.2
_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|Ä[\u0080-\u00bf]|Æ[\u00a0-\u00bf]|á»|áº|Ä‘|Æ°")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff\ufffd]")
_VIETNAMESE_MARKED = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
                                re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")


def text_problems(text: str) -> list[str]:
    """Signs that the text's Vietnamese is broken, each with what was counted."""
    problems = []
    mojibake = len(_MOJIBAKE.findall(text))
    if mojibake >= 3:
        problems.append(f"dấu tiếng Việt bị hỏng (mã hoá sai): {mojibake} chỗ như 'Ã¡', 'á»' / "
                        f"broken diacritics (wrong encoding): {mojibake} places")
    glyphs = len(_PRIVATE_USE.findall(text))
    letters = len(_LETTER.findall(text))
    if glyphs >= 3 and glyphs > 0.02 * letters:  # a few symbol-font check boxes are not a broken text
        problems.append(f"{glyphs} ký tự không đọc được (vùng riêng hoặc U+FFFD) / "
                        f"{glyphs} unreadable characters (private use or U+FFFD)")
    marked = len(_VIETNAMESE_MARKED.findall(text))
    if letters >= 400 and marked / letters < 0.08:
        share = f"{100 * marked / letters:.1f}".replace(".", ",")
        problems.append(f"chỉ {share} % chữ cái có dấu tiếng Việt (văn bản thường trên 15 %) / "
                        f"only {share} % of letters carry Vietnamese diacritics")
    return problems


def reading_problems(draft: dict[str, Any], candidates: Sequence[Candidate], text: str) -> list[str]:
    """Why a reading must not be graded; empty when it may be."""
    problems = text_problems(text)
    identity = draft.get("identity") or {}
    if identity.get("commune") in (None, UNKNOWN_PROVINCE):
        problems.append("không nhận ra đơn vị báo cáo (xã, phường, đặc khu) / the reporting unit was not recognised")
    if any(c.code == "period" for c in candidates):
        problems.append(f"không tìm thấy kỳ báo cáo, chỉ đoán là {draft['period'].get('label')} / "
                        "the reporting period was not found, only guessed")
    placed = _placed(draft)
    unplaced = sum(1 for c in candidates if c.value is not None)
    if placed < MIN_PLACED or placed < MIN_PLACED_SHARE * (placed + unplaced):
        problems.append(f"chỉ đặt được {placed} số vào chỉ tiêu, {unplaced} số chưa đặt / "
                        f"only {placed} numbers placed on indicators, {unplaced} left unplaced")
    return problems


def _placed(draft: dict[str, Any]) -> int:
    count = 0
    for section in (draft.get("indicators") or {}, (draft.get("goals") or {}).get("indicators") or {}):
        for statements in section.values():
            count += len(statements) if isinstance(statements, list) else 1
    return count
