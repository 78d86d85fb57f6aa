"""A label headed by an abbreviation nobody defines: "- HS toàn trình: 862 = 69,9% tổng HS.".

What a number counts is its label's head noun. When that head is an abbreviation the document does
not define (no legend, no "(HS)" after the words) and the reader's own vocabulary does not know it
(patterns.yaml, lists.yaml), the head is unknown: the words after it ("toàn trình") would read the
number as procedures or dossiers alike, so the number is left unplaced with its reason. A longer
label ("BC định kỳ gửi qua Hệ thống thông tin báo cáo:") names its thing by its other words and is
read as usual.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

UNKNOWN_HEAD = ("nhãn bắt đầu bằng chữ viết tắt văn bản không định nghĩa / the label's head is an abbreviation "
                "the text does not define")
_ABBREVIATION = r"[A-ZĐ][A-ZĐ]{1,7}"
_FEW_WORDS = 3  # a label of the head and a few words leans on the head for its meaning
_HEAD = re.compile(rf"^[\s\-–+*•.\d)]*({_ABBREVIATION})(?![\wÀ-ỹ])")


@cache
def known_abbreviations() -> frozenset[str]:
    """The abbreviations the reader's vocabulary uses (patterns.yaml, lists.yaml)."""
    here = Path(__file__).parent
    text = "".join((here / name).read_text(encoding="utf-8") for name in ("patterns.yaml", "lists.yaml"))
    return frozenset(re.findall(rf"(?<![\wÀ-ỹ]){_ABBREVIATION}(?![a-zà-ỹ])", text))


def unknown_head(label: str, defined: dict[str, str]) -> str | None:
    """:data:`UNKNOWN_HEAD` when ``label`` (the words of the number's sentence before it) opens with an
    abbreviation neither the document (``defined``) nor the vocabulary knows; None otherwise.
    """
    head = _HEAD.match(label)
    colon = label.find(":")
    if head is None or colon < head.end():
        return None
    if len(label[head.end():colon].split()) > _FEW_WORDS:
        return None  # "BC định kỳ gửi qua Hệ thống thông tin báo cáo: 100%": the label names its thing itself
    word = head.group(1)
    return None if word in defined or word in known_abbreviations() else UNKNOWN_HEAD
