"""`checker targets`: the targets in force for a year and unit, and target-file validation."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tabulate import tabulate

from checker.catalogue.store import Catalogue
from checker.catalogue.targets import SourcedTarget, in_force_window, load_target_file
from checker.decide.checks.target import recently_retired, ref_text, target_ref
from checker.decide.findings import json_form
from checker.decide.messages import format_day


def targets_listing(catalogue: Catalogue, year: int, unit: str | None, level: str, fmt: str,
                    on: dt.date | None = None) -> str:
    """The chosen target per indicator on the period end ``on`` (default 31/12 of ``year``), with its source.

    The table ends with the targets of the same indicators that had been in force and no
    longer were that day (QĐ 942/QĐ-TTg after 30/11/2025), and what replaced them.
    """
    day = on or dt.date(year, 12, 31)
    choices = catalogue.in_force(year, level, unit, day)
    if fmt == "json":
        return json.dumps(
            [{"indicator": c.chosen.target.indicator, **json_form(target_ref(c, catalogue))} for c in choices],
            ensure_ascii=False, indent=2,
        )
    rows = []
    for choice in choices:
        ref = target_ref(choice, catalogue)
        rows.append([
            catalogue.label(choice.chosen.target.indicator),
            f"{ref.comparator} {ref.threshold:g} %",
            f"{ref.year} ({'bắt buộc' if ref.binding else 'lộ trình'})",
            f"{ref.document} {ref.document_date or ''}".strip() + (f", {ref.article}" if ref.article else ""),
            _window(ref.in_force_from, ref.in_force_until),
            ref.layer,
            ref.confidence,
            len(ref.overrides),
        ])
    table = tabulate(rows, headers=["Chỉ tiêu", "Ngưỡng", "Năm", "Văn bản", "Hiệu lực", "Lớp", "Độ tin cậy",
                                    "Thay thế"], tablefmt="simple")
    head = (f"Chỉ tiêu áp dụng ngày {format_day(day.isoformat())} (cấp {level}, đơn vị {unit or 'vn'}) / "
            f"targets in force on {day.isoformat()}")
    retired = _retired_lines(catalogue, year, level, unit, day)
    return "\n".join([head, "", table, *retired])


def _window(start: str | None, until: str | None) -> str:
    return f"{format_day(start) if start else '…'}–{format_day(until) if until else '…'}"


def _retired_lines(catalogue: Catalogue, year: int, level: str, unit: str | None, day: dt.date) -> list[str]:
    """One line per document whose targets for these indicators ended in the year before ``day``."""
    by_document: dict[str, list[SourcedTarget]] = {}
    for code in sorted({s.target.indicator for s in catalogue.targets}):
        for sourced in recently_retired(catalogue.retired(code, level, unit, day), day):
            by_document.setdefault(sourced.document.number, []).append(sourced)
    if not by_document:
        return []
    lines = ["", "Không còn áp dụng ngày này / no longer in force that day:"]
    for number, retired in by_document.items():
        last = max(in_force_window(s)[1] for s in retired)
        replaced = {ref_text(r) for s in retired for r in (s.target.superseded_by or s.document.superseded_by,) if r}
        ended = "hết thời hạn / its period ended"
        reason = f"thay bằng / replaced by {'; '.join(sorted(replaced))}" if replaced else ended
        lines.append(f"- {number}: {len(retired)} chỉ tiêu, đến / until {format_day(last.isoformat())} — {reason}")
    return lines


def check_target_file(catalogue: Catalogue, path: Path) -> str:
    """Validate one target file against the catalogue; raise InputError on problems, else say what it holds."""
    loaded = load_target_file(path, catalogue.indicators)
    return (f"OK: {path} — {loaded.document.number} ({loaded.document.issuer}), "
            f"{len(loaded.targets)} chỉ tiêu / targets")
