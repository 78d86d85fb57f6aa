"""Personal certificates beside the total of certificates.

"94 người được cấp chữ ký số cá nhân" is the report's count of certificates when it gives no other
(fixtures/intake/README.md). When the report states the total with the organisation's own among its
parts ("Tổng số chứng thư số đã được cấp là 15, gồm 01 chứng thư số của cơ quan, 02 của lãnh đạo và 12
của công chức"), a count of personal certificates elsewhere ("Cán bộ, công chức có chứng thư số cá
nhân: 14") is a part of that total, not a second reading of it: it is left unplaced with its reason.
"""

from __future__ import annotations

from checker.read.document.readings import Candidate, Output

PERSONAL_PART = ("chứng thư số cá nhân, một phần của tổng số đã nêu (gồm cả của cơ quan) / personal certificates, a "
                 "part of the total stated with the organisation's")
_TOTAL = "signatures.certificates"
_ORGANISATION = "signatures.organisation"


def drop_personal_counts(out: Output) -> None:
    """Leave the personal-certificate counts unplaced when a total with the organisation's part is placed."""
    with_organisation = {(s.item_index, s.sentence) for s in out.statements if s.code == _ORGANISATION}
    totals = [s for s in out.statements if s.code == _TOTAL and (s.item_index, s.sentence) in with_organisation]
    if not totals:
        return
    for statement in [s for s in out.statements if s.code == _TOTAL and s not in totals]:
        quote = out.quote(statement.line)
        if "cá nhân" not in quote.lower():
            continue
        out.statements.remove(statement)
        value = statement.fields.get("value")
        out.candidate(Candidate(_TOTAL, value, statement.line, quote, f"{PERSONAL_PART} ({value:g})"
                                if isinstance(value, (int, float)) else PERSONAL_PART, "value", goal=statement.goal))
