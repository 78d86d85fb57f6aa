"""Markdown for a merge-request comment: one section per report, findings that count first."""

from __future__ import annotations

from checker.batch import BatchResult
from checker.findings import SEVERITY_VI, STATUS_VI

ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(batch: BatchResult) -> str:
    """Grade and findings per report; passes (met targets) are summarised, not listed."""
    parts = ["# Kết quả kiểm tra báo cáo CĐS / DX report check", ""]
    for item in batch.checked:
        ev = item.evaluation
        ident = ev.report.identity
        g = ev.grade
        parts += [
            f"## {ident.commune} — {ev.report.period.label or ev.report.period.year} (`{item.path.as_posix()}`)",
            "",
            f"**Xếp loại / grade: {g.level} ({g.level_en})** — lỗi {g.errors}, cảnh báo {g.warnings}, "
            f"thông tin {g.infos}; chỉ tiêu đạt {g.targets_met}/{g.targets_met + g.targets_not_met}.",
            "",
            "| | Mã | Trạng thái | Nội dung | Message |",
            "|---|---|---|---|---|",
        ]
        for f in ev.findings:
            if f.status == "met":
                continue
            mark = "miễn trừ / waived" if f.waiver else STATUS_VI.get(f.status or "", SEVERITY_VI[f.severity])
            parts.append(f"| {ICONS[f.severity]} | {f.rule_id} | {mark} | {_cell(f.message.vi)} | "
                         f"{_cell(f.message.en)} |")
        parts.append("")
    for error in batch.errors:
        parts += [f"## ⛔ {error.file}", "", "```", error.render(), "```", ""]
    for index, waiver in batch.unused_waivers:
        parts.append(f"- Miễn trừ #{index} ({waiver.rule}, {waiver.commune}) không khớp phát hiện nào / unused.")
    return "\n".join(parts).rstrip() + "\n"
