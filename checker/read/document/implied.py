"""Yes/no indicators a placed count states directly: "26 máy tính kết nối mạng LAN" says the LAN exists.

Only where the document does not answer the question itself: a report that answers "Hệ thống mạng
LAN: Không" keeps its answer, even beside a count of computers on the LAN (a contradiction the
reviewer sees in the figures, not one the reader settles).
"""

from __future__ import annotations

from checker.read.document.readings import Output, Statement

# count code -> the flag a positive count of it states
IMPLIED_FLAGS = {"infra.lan_computers": "infra.lan"}


def add_implied_flags(out: Output) -> None:
    """Add the flag each positive count in :data:`IMPLIED_FLAGS` states, unless the flag was read."""
    for statement in list(out.statements):
        flag = IMPLIED_FLAGS.get(statement.code)
        value = statement.fields.get("value")
        if flag is None or not value or value <= 0:
            continue
        if any(other.code == flag and other.goal == statement.goal for other in out.statements):
            continue
        out.statements.append(Statement(flag, {"flag": True}, statement.line, statement.lines, statement.goal,
                                        statement.start, statement.item_index, statement.sentence))
