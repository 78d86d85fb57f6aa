"""Checklist answers: "Câu 5. Tổng số máy tính của UBND xã? Trả lời: 25 máy (…)".

A report written as answers to a questionnaire names what a number counts in the question, not
in the answer.  When the question asks one thing (one question mark), its words are the label of
the answer's first number; a question asking several things ("Số văn bản đến, văn bản đi? Số văn
bản đi được ký số?") cannot tell which number answers which, so it gives no label.
"""

from __future__ import annotations

import re

from checker.read.document.clauses import without_brackets
from checker.read.document.layout import Item

_ANSWER = re.compile(r"^\s*(?:Trả lời|TL|Đáp)\s*:", re.IGNORECASE)


def answer_start(item: Item) -> int | None:
    """Where the answer of an item "Trả lời: …" begins, or None when the item is no answer."""
    match = _ANSWER.match(item.text)
    return match.end() if match else None


def asked(item: Item) -> list[str]:
    """The questions an item's heading asks ("Câu 26. Tỷ lệ …? Tỷ lệ …?"), their brackets blanked: the
    brackets list the parts asked for or cite a target ("(toàn trình, một phần)", "(mục tiêu …: 80%)").
    [] when the heading asks nothing.
    """
    if not item.headings or not item.headings[0].rstrip().endswith("?"):
        return []
    return [q for q in without_brackets(item.headings[0]).split("?") if re.search(r"[^\W\d_]{2,}", q)]


def single_question(item: Item) -> str | None:
    """The question an answer item answers, when it asks one thing: its words without the question mark."""
    if answer_start(item) is None:
        return None
    questions = asked(item)
    return " ".join(questions[0].split()) if len(questions) == 1 else None
