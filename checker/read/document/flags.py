"""Yes/no statements written as a label and its answer: "- Mạng LAN: có; tường lửa: chưa có.",
"- Phòng họp trực tuyến: chưa có", "Tổ công nghệ số cộng đồng: chưa thành lập", and a checklist
answer that opens with its yes or no ("Câu 30. Xã có áp dụng mô hình bảo vệ 4 lớp không?" then
"Trả lời: Có, áp dụng từ tháng 5/2024.").

Each clause (between ";" and sentence ends) is read alone: its label is the words before the colon,
its answer the words right after it, and the answer must end the clause or be followed by a bracket
or a comma (so "Tổ CNS: có 33 tổ ở thôn" is no answer).  The label must name exactly one yes/no
indicator: its ``table`` phrasings in ``patterns.yaml`` (all of them, none of its ``table_none``)
or a ``labels`` phrasing in ``lists.yaml``; a label naming two or none gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from checker.core.yamlio import load_yaml
from checker.read.document.patterns import patterns
from checker.read.document.wording import fold

_YES = r"có|đã có|rồi|đã (?:thành lập|kiện toàn|triển khai|áp dụng|xây dựng|lắp đặt|trang bị|ban hành)"
_NO = r"không|không có|chưa|chưa có|chưa (?:thành lập|kiện toàn|triển khai|áp dụng|xây dựng|lắp đặt|trang bị)"
# "- Mạng LAN: có", "tường lửa: chưa có.", "Tường lửa: có (FortiGate …)"
_LABELLED = re.compile(fold(
    rf"^[\s\-–•+*]*(?P<label>[^\W\d][^:;()\d]{{1,70}}?)\s*:\s*(?P<answer>{_NO}|{_YES})\s*(?:$|[(,.])"),
    re.IGNORECASE)
# "Trả lời: Có, áp dụng …", "Trả lời: Đã kiện toàn theo Quyết định …": the question is the label
_ANSWERED = re.compile(fold(
    rf"^\s*(?:trả lời|TL|đáp)\s*:\s*(?P<answer>{_NO}|{_YES})\s*(?:$|[(,.;])"
    rf"|^\s*(?:trả lời|TL|đáp)\s*:\s*(?P<verb>đã (?:thành lập|kiện toàn)|chưa (?:thành lập|kiện toàn))(?!\w)"),
    re.IGNORECASE)
_CLAUSE_END = re.compile(r";|[.!?](?=\s|$)")


@dataclass(frozen=True)
class Answer:
    """A yes/no indicator a label and its answer state."""

    code: str
    value: bool
    start: int
    """Where the answer stands in the item's text."""


@lru_cache(maxsize=1)
def _labels() -> dict[str, tuple[re.Pattern[str], ...]]:
    raw = load_yaml(resources.files("checker.read.document").joinpath("lists.yaml").read_text("utf-8"))
    known = {flag.code for flag in patterns().flags}
    labels: dict[str, tuple[re.Pattern[str], ...]] = {}
    for code, phrasings in (raw.get("answers") or {}).items():
        if code not in known:
            raise ValueError(f"lists.yaml: {code} is not a yes/no indicator of patterns.yaml")
        labels[code] = tuple(re.compile(rf"(?<!\w)(?:{fold(p)})(?!\w)", re.IGNORECASE) for p in phrasings)
    return labels


def named_flag(label: str) -> str | None:
    """The one yes/no indicator a label names (folded text), or None when it names none or several."""
    named = set()
    extra = _labels()
    for flag in patterns().flags:
        by_table = bool(flag.table) and all(p.search(label) for p in flag.table) \
            and not any(p.search(label) for p in flag.table_none)
        if by_table or any(p.search(label) for p in extra.get(flag.code, ())):
            named.add(flag.code)
    return named.pop() if len(named) == 1 else None


def _value(answer: str) -> bool:
    return not re.match(r"(?:không|chưa)(?!\w)", answer, re.IGNORECASE)


def answers(text: str, questions: list[str], expand: Callable[[str], str]) -> Iterator[Answer]:
    """The yes/no answers of an item's (folded) text; ``questions`` are the checklist questions it answers
    (a bare "Có" / "Đã kiện toàn" answers the one of them that names a yes/no indicator, if only one does).

    ``expand`` writes out the document's own abbreviations in a label ("Phòng họp TT" → "… trực tuyến").
    """
    if ":" not in text:
        return  # every answer follows a label's (or "Trả lời"'s) colon
    named = {code for code in (named_flag(expand(fold(q))) for q in questions) if code is not None}
    asked = named.pop() if len(named) == 1 else None
    start = 0
    for end in [*(m.start() for m in _CLAUSE_END.finditer(text)), len(text)]:
        clause = text[start:end]
        offset = start
        start = end + 1
        if offset == 0 and (found := _ANSWERED.match(clause)):
            answer = found.group("answer") or found.group("verb")
            if asked is not None:
                yield Answer(asked, _value(answer), found.start("answer" if found.group("answer") else "verb"))
            continue
        labelled = _LABELLED.match(clause) if ":" in clause else None
        if labelled is None or re.match(r"\s*(?:trả lời|TL|đáp)\s*$", labelled.group("label"), re.IGNORECASE):
            continue
        code = named_flag(expand(labelled.group("label")))
        if code is not None:
            yield Answer(code, _value(labelled.group("answer")), offset + labelled.start("answer"))
