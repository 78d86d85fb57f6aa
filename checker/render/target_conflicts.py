"""``checker targets --check``: targets in force together that contradict, repeat or relax each other."""

from __future__ import annotations

import json
from collections.abc import Sequence

from tabulate import tabulate

from checker.catalogue.conflicts import Conflict
from checker.catalogue.store import Catalogue
from checker.catalogue.targets import EXTRA_ORDER, SourcedTarget
from checker.core.numbers import format_number
from checker.decide.messages import format_day

KIND_TEXT = {
    "contradiction": ("mâu thuẫn", "contradiction",
                      "không số nào đạt được cả hai / no figure meets both"),
    "relaxes": ("nới lỏng", "relaxes",
                "lớp cụ thể hơn đặt mức thấp hơn mức của lớp trên, vốn vẫn áp dụng / a more specific layer "
                "sets a weaker target than the broader one, which still binds"),
    "redundant": ("thừa", "redundant",
                  "cùng một lớp, chỉ tiêu sau được chỉ tiêu trước bao hàm / same layer, the second is implied "
                  "by the first"),
}
SERIOUS = ("contradiction", "relaxes")
"""Kinds that make ``checker targets --check`` exit 1; redundant targets are only listed."""


def _target_text(sourced: SourcedTarget) -> str:
    target = sourced.target
    unit = " %" if target.unit == "percent" else ""
    layer = "--targets" if sourced.order >= EXTRA_ORDER else sourced.document.scope
    return (f"{target.id}: {target.comparator} {format_number(target.threshold)}{unit} "
            f"({sourced.document.number}, {layer}; {sourced.path})")


def conflicts_report(catalogue: Catalogue, conflicts: Sequence[Conflict], fmt: str = "table") -> str:
    """The conflicts as a table (Vietnamese first) or as JSON; says so when there are none."""
    if fmt == "json":
        return json.dumps([{
            "kind": c.kind, "indicator": c.first.target.indicator, "on": c.on.isoformat(), "level": c.level,
            "first": {"id": c.first.target.id, "comparator": c.first.target.comparator,
                      "threshold": c.first.target.threshold, "document": c.first.document.number,
                      "scope": c.first.document.scope, "file": c.first.path},
            "second": {"id": c.second.target.id, "comparator": c.second.target.comparator,
                       "threshold": c.second.target.threshold, "document": c.second.document.number,
                       "scope": c.second.document.scope, "file": c.second.path},
        } for c in conflicts], ensure_ascii=False, indent=2)
    if not conflicts:
        return ("Không có chỉ tiêu nào mâu thuẫn, thừa hay nới lỏng mức sàn của lớp trên. / "
                "No targets contradict, repeat or relax a broader floor.")
    rows = [[f"{KIND_TEXT[c.kind][0]} / {KIND_TEXT[c.kind][1]}", catalogue.label(c.first.target.indicator),
             f"{format_day(c.on.isoformat())} ({c.level})", _target_text(c.first), _target_text(c.second)]
            for c in conflicts]
    table = tabulate(rows, headers=["loại / kind", "chỉ tiêu / indicator", "cùng áp dụng / in force",
                                    "chỉ tiêu 1 / first", "chỉ tiêu 2 / second"], tablefmt="simple",
                     maxcolwidths=[14, 28, 14, 40, 40])
    kinds = sorted({c.kind for c in conflicts}, key=list(KIND_TEXT).index)
    notes = "\n".join(f"{KIND_TEXT[kind][0]} / {KIND_TEXT[kind][1]}: {KIND_TEXT[kind][2]}" for kind in kinds)
    serious = sum(c.kind in SERIOUS for c in conflicts)
    head = (f"{len(conflicts)} cặp chỉ tiêu cùng áp dụng có vấn đề ({serious} mâu thuẫn hoặc nới lỏng). / "
            f"{len(conflicts)} pairs of targets in force together ({serious} contradictions or relaxations).")
    return f"{head}\n{table}\n{notes}"
