"""Whether a document was read well enough to be graded: never grade what the tool could not read.

A reading is refused (exit 2, unless ``check --force``) when the unit is not recognised,
the period was not found but guessed, almost no number could be placed, or the text's
Vietnamese is broken (mojibake from a wrong encoding, glyphs of the private use area or
replacement characters left by a PDF font without a Unicode map, letters stripped of their
diacritics).  Each reason says what was found, so the reviewer knows what to fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checker.read.document.identity import UNKNOWN_PROVINCE
from checker.read.document.readings import Candidate

REFUSAL = "không đọc được văn bản này một cách tin cậy / this document could not be read reliably"
MIN_PLACED = 5
MIN_PLACED_SHARE = 0.2


def text_problems(text: str) -> list[str]:
    """Signs that the text's Vietnamese is broken, each with what was counted.

    The signs and their thresholds are :func:`checker.read.document.legibility.assess`'s,
    measured on good and garbled texts (docs/reading.md); each reason names its count, share
    and a few snippets.
    """
    from checker.read.document.legibility import assess

    verdict = assess(text)
    return [] if verdict.legible else [reason.render() for reason in verdict.reasons]


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
