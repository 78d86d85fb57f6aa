"""How a document was read, in every output: the numbers left unplaced and any forced check.

A reviewer checking a document must see what the reader could not place (each number with
its line, sentence and reason) and whether the reading was unreliable but checked anyway
with ``--force``.  JSON, SARIF or a form do not show it by themselves; these helpers give the
same facts to each writer.
"""

from __future__ import annotations

from typing import Any

from checker.core.numbers import format_number
from checker.read.inputs import ReadInput

FORCED_VI = "KIỂM TRA BẮT BUỘC (--force): văn bản không đọc được một cách tin cậy"
FORCED_EN = "FORCED CHECK (--force): the document could not be read reliably"


def unplaced(read: ReadInput) -> list[dict[str, Any]]:
    """The numbers the reader left unplaced (not the unit or period it could not find)."""
    return [
        {"line": c.line, "quote": c.quote, "value": c.value, "indicator": c.code, "field": c.field,
         "goal": c.goal, "reason": c.reason, "options": list(c.options)}
        for c in read.candidates if c.value is not None and c.code != "period"
    ]


def reading_dict(read: ReadInput) -> dict[str, Any]:
    """JSON-ready: how many numbers were left unplaced, which, and the reasons a check was forced."""
    listed = unplaced(read)
    return {"unplaced_count": len(listed), "unplaced": listed, "forced": list(read.forced)}


def reading_text(read: ReadInput) -> str:
    """Text for the table output: the forced-check notice and the unplaced numbers, one a line."""
    blocks = []
    if read.forced:
        blocks.append(f"{FORCED_VI} / {FORCED_EN}:\n" + "\n".join(f"  - {reason}" for reason in read.forced))
    listed = unplaced(read)
    if listed:
        lines = [f"Số chưa đặt vào chỉ tiêu / numbers left unplaced ({len(listed)}):"]
        for item in listed:
            value = format_number(item["value"]) if isinstance(item["value"], (int, float)) else str(item["value"])
            lines.append(f"  dòng {item['line']}: {value} — {item['reason']}\n      «{item['quote']}»")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
