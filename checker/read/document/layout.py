"""Layout: joining a report's physical lines into items (paragraphs, bullets, headings, table rows).

The lines a PDF conversion broke are joined back (a line that does not end a sentence and
is followed by a lowercase word, a value, a proper-noun continuation …).  Each item keeps,
for every character, the line it came from, and knows its section (body, goals, closing,
annex) and its enclosing headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.read.document.text import Line
from checker.read.document.wording import collapse, is_caps_line, is_upper_word

_BULLET = re.compile(r"^([-+*•–—])\s*(?=\S)")
_ROMAN = re.compile(r"^([IVX]{1,4})\s*[.)]\s*(?=\w)")
_ENUM = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)](?!\d)\s*(?=\w)")
_ENUM_DOTTED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\s+(?=[^\W\d])")
_LETTER = re.compile(r"^([a-zđ])\s*\)\s*(?=\w)")
_ORDINAL = re.compile(r"^(\d{1,3})\s*(?:-\s*)?(?=[^\W\d_])")
_LONE_ORDINAL = re.compile(r"^\d{1,2}\.?$")
_ENDS_WITH_VALUE = re.compile(r"(?:\d[\d.,]*\s*%?|\d[\d.,]*\s+[^\W\d]+)\s*$")
_CLOSING = re.compile(r"^(?:Trên đây là|Trên đây,? là|Nơi nhận)", re.IGNORECASE)
ANNEX_HEADING = re.compile(r"^(?:Biểu mẫu|BIỂU MẪU|Phụ lục|PHỤ LỤC|Biểu số|BIỂU SỐ)\b")
GOALS_HEADING = re.compile(
    r"(?<!\w)(?:mục tiêu|phương hướng|nhiệm vụ(?:,? giải pháp)?(?: trọng tâm)? (?:năm|thời gian|\d+ tháng|quý))",
    re.IGNORECASE,
)
# A heading that sets results against goals or targets ("Đối chiếu với mục tiêu QĐ 2629", "So sánh với
# chỉ tiêu kế hoạch") opens results, though it names the goals.
_RESULTS_HEADING = re.compile(
    r"(?<!\w)(?:kết quả|tồn tại|khó khăn|hạn chế|đánh giá|tình hình|thực trạng|công tác chỉ đạo|"
    r"đối chiếu|so sánh|so với)",
    re.IGNORECASE,
)

# A numbered item that names goals in its heading but states its own result ("6. Các mục tiêu giai đoạn
# 2028 - 2030 (tham khảo). Theo QĐ 2629: … Kết quả: …") sets results beside quoted targets.
_RESULTS_LABEL = re.compile(r"(?<!\w)kết quả(?: của (?:xã|phường|đặc khu|đơn vị))?\s*:", re.IGNORECASE)


@dataclass
class Item:
    """A paragraph, bullet, numbered heading or table row, with per-character lines."""

    text: str
    lines: list[int]
    marker: str = ""
    depth: int | None = None
    prefix: int = 0
    section: str = "body"
    headings: tuple[str, ...] = ()
    physical: int = 1

    @property
    def first_line(self) -> int:
        """Line number of the item's first character."""
        return self.lines[0] if self.lines else 1


def _marker(text: str, prev_text: str | None) -> tuple[str, int | None, int]:
    """Kind of the leading marker of a line, its heading depth and its length."""
    if match := _ROMAN.match(text):
        return "roman", 0, match.end()
    if match := _BULLET.match(text):
        return match.group(1) if match.group(1) in "+*" else "-", None, match.end()
    if match := _ENUM.match(text):
        return "enum", match.group(1).count(".") + 1, match.end()
    if match := _ENUM_DOTTED.match(text):
        return "enum", match.group(1).count(".") + 1, match.end()
    if match := _LETTER.match(text):
        return "enum", 4, match.end()
    if match := _QUESTION.match(text):
        return "question", None, match.end()  # "Câu 33." is the question's number, never a value
    if match := _ORDINAL.match(text):
        rest = text[match.end():]
        if rest[:1].isupper():
            return "ordinal", None, match.end()
    if _LONE_ORDINAL.match(text) and not (prev_text or "").rstrip().endswith(":"):
        return "ordinal", None, len(text)
    return "", None, 0


def _starts_item(prev: str | None, cur: str, item: Item | None) -> bool:
    """Whether physical line ``cur`` starts a new item after line ``prev``."""
    if prev is None or item is None:
        return True
    p = prev.rstrip()
    if cur.count("|") >= 2 or p.count("|") >= 2 or (cur.count("|") == 1 and p.count("|") == 1):
        return True  # a table row is an item of its own (two-column rows under each other too)
    if is_annex_heading(cur) or is_annex_heading(p):
        return True  # "PHỤ LỤC" stands alone above the annex's title
    if p.endswith("-") and not p.endswith(" -") and cur[:1].isalpha():
        return False
    if _marker(cur, prev)[0]:
        return True
    caps_item = is_caps_line(item.text)
    if caps_item != is_caps_line(cur) and (caps_item or len(cur) < 80):
        return True
    first = cur[0]
    if first.islower():
        return False
    if p.endswith((".", "!", "?", "…")):
        return True
    if p.endswith(";"):
        return True
    if p.endswith(":"):
        return not first.isdigit() and first not in "(+-"
    if first.isdigit() or first in "(),%/":
        return False
    if _ENDS_WITH_VALUE.search(p) or p.endswith((")", "%")):
        return True
    words = p.split()
    if words and (words[-1][:1].isupper() or words[-1] in ("xã", "huyện", "tỉnh", "phường")):
        return False
    if is_upper_word(cur.split()[0]) and len(cur.split()[0]) >= 2:
        return False
    return item.marker in ("roman", "enum") and item.physical == 1


def layout(lines: list[Line]) -> list[Item]:
    """Group physical lines into items, keeping each character's line number."""
    items: list[Item] = []
    current: Item | None = None
    prev: str | None = None
    for line in lines:
        raw = line.text.strip()
        if not raw:
            continue
        tabbed = line.text.strip(" \r\n")  # trailing tabs are a row's empty cells ("I. Hạ tầng\t\t\t\t")
        if tabbed.count("\t") >= 2:  # columns separated by tabs are a table row, as with pipes
            raw = re.sub(r"[ ]*\t[ ]*", " | ", tabbed).rstrip()
        if _starts_item(prev, raw, current):
            marker, depth, prefix = _marker(raw, prev)
            if current is not None:
                items.append(current)
            current = Item("", [], marker, depth, prefix)
            text = collapse(raw)
        else:
            assert current is not None
            hyphen = current.text.endswith("-") and not current.text.endswith(" -")
            text = ("" if hyphen else " ") + collapse(raw)
            current.physical += 1
        current.text += text
        current.lines.extend([line.number] * len(text))
        prev = raw
    if current is not None:
        items.append(current)
    _mark_sections(items)
    return items


def _heading_label(item: Item) -> str:
    text = item.text[item.prefix:]
    match = re.search(r"\d", text)
    return text[: match.start()] if match and match.start() > 10 else text[:160]


# "Câu 33. Nhiệm vụ trọng tâm quý IV năm 2024?": a checklist question heads its answer.
_QUESTION = re.compile(r"^Câu(?: hỏi)?\s+\d{1,3}\s*[.:)]\s*", re.IGNORECASE)


def _is_colon_heading(item: Item) -> bool:
    """A short line on the goals, ending in a colon, over the bullets it heads ("Nhiệm vụ 6 tháng cuối năm 2025:")."""
    return item.marker == "" and item.text.endswith(":") and len(item.text) < 100 \
        and bool(GOALS_HEADING.search(item.text))


def _is_heading(item: Item) -> bool:
    if item.marker in ("roman", "enum") or _QUESTION.match(item.text) or _is_colon_heading(item):
        return True
    return is_caps_line(item.text) and len(item.text) < 160


def _mark_sections(items: list[Item]) -> None:
    """Set each item's section (body, goals, closing, annex) and its enclosing headings."""
    stack: list[tuple[int, str]] = []
    section = "body"
    goals_depth: int | None = None
    for item in items:
        if is_annex_heading(item.text):
            section = "annex"
        elif section != "annex" and _CLOSING.match(item.text):
            section = "closing"
        if section in ("body", "goals") and _is_heading(item):
            question = _QUESTION.match(item.text)
            # a colon heading is the innermost level: any numbered heading after it closes it
            depth = item.depth if item.depth is not None else 1 if question else 5 if _is_colon_heading(item) else 0
            label = _heading_label(item) if question is None else item.text[question.end():][:160]
            if section == "goals" and question and goals_depth == depth and not GOALS_HEADING.search(label):
                section, goals_depth = "body", None  # the next question after a question on the goals
            if section == "goals" and goals_depth is not None and depth <= goals_depth \
                    and _RESULTS_HEADING.search(label) and not GOALS_HEADING.search(label):
                section, goals_depth = "body", None
            # the heading up to its first colon, bracket or full stop, digits included ("NHIỆM VỤ TRỌNG TÂM
            # 6 THÁNG CUỐI NĂM 2026"), not the text an enumerated item goes on with
            heading = re.split(r"[:;(]|\.(?!\d)", label if question else item.text[item.prefix:][:160])[0]
            if section == "body" and GOALS_HEADING.search(heading) and not _RESULTS_HEADING.search(label) \
                    and not _RESULTS_LABEL.search(item.text):
                section, goals_depth = "goals", depth
            while stack and stack[-1][0] >= depth:
                stack.pop()
            stack.append((depth, label))
        item.section = section
        item.headings = tuple(label for _, label in reversed(stack))


def is_annex_heading(text: str) -> bool:
    """Whether ``text`` is the short heading that opens the annex ("Biểu mẫu …", "Phụ lục …")."""
    return bool(ANNEX_HEADING.match(text)) and len(text) < 40


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of an item: split after . ! ? before a capital letter or a bullet."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?]+\s+(?=[^\W_]|[-+*])", text):
        after = match.end()
        # "… 04 chứng thư số. 46/46 báo cáo …": a sentence may open with a number after a word's full stop
        opens_number = text[after:after + 1].isdigit() and bool(re.search(r"[^\W\d_]{2}$", text[:match.start()]))
        if text[after:after + 1].isupper() or text[after:after + 1] in "-+*" or opens_number:
            spans.append((start, match.end()))
            start = after
    spans.append((start, len(text)))
    return spans


def sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
    """Index of the sentence span holding position ``pos`` (the last one past the end)."""
    for index, (start, end) in enumerate(spans):
        if start <= pos < end:
            return index
    return len(spans) - 1
