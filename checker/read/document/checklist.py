"""Checklist answers: "Câu 5. Tổng số máy tính của UBND xã? Trả lời: 25 máy (…)".

A report written as answers to a questionnaire names what a number counts in the question, not
in the answer.  When the question asks one thing (one question mark), its words are the label of
the answer's first number; a question asking several things ("Số văn bản đến, văn bản đi? Số văn
bản đi được ký số?") cannot tell which number answers which, so it gives no label.
"""

from __future__ import annotations

import re

from checker.read.document.layout import Item

_ANSWER = re.compile(r"^\s*(?:Trả lời|TL|Đáp)\s*:", re.IGNORECASE)


def answer_start(item: Item) -> int | None:
    """Where the answer of an item "Trả lời: …" begins, or None when the item is no answer."""
    match = _ANSWER.match(item.text)
    return match.end() if match else None


def single_question(item: Item) -> str | None:
    """The question an answer item answers, when it asks one thing: its words without the question mark."""
    if answer_start(item) is None or not item.headings:
        return None
    question = item.headings[0].strip()
    asked = [part for part in question.split("?") if part.strip()]
    if not question.endswith("?") or len(asked) != 1:
        return None
    # "(để bàn, xách tay)", "(toàn trình, một phần)": the parts the question also asks for, not what it counts
    return " ".join(re.sub(r"\([^()]*\)", " ", asked[0]).split())
