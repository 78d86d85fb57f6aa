"""Markdown for a merge-request comment: one section per report, findings that count first."""

from __future__ import annotations

from typing import Any

from checker.decide.findings import SEVERITY_VI, STATUS_VI
from checker.render.stream import BatchEnd

ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵"}
TITLE = "# Kết quả kiểm tra báo cáo CĐS / DX report check"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class MarkdownWriter:
    """A title, a section per report, then unreadable inputs and unused waivers."""

    separator = "\n\n"

    def head(self) -> str:
        """The title."""
        return TITLE + "\n\n"

    def fragment(self, item: Any) -> str:
        """Grade and findings of one report; passes (met targets) are summarised, not listed."""
        ev = item.evaluation
        ident = ev.report.identity
        g = ev.grade
        parts = [
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
        return "\n".join(parts)

    def _closing(self, end: BatchEnd) -> list[str]:
        parts: list[str] = []
        for error in end.errors:
            parts += [f"## ⛔ {error.file}", "", "```", error.render(), "```", ""]
        for index, waiver in end.unused_waivers:
            parts.append(f"- Miễn trừ #{index} ({waiver.rule}, {waiver.commune}) không khớp phát hiện nào / unused.")
        return parts

    def tail(self, end: BatchEnd) -> str:
        """Unreadable inputs and unused waivers, after the last report."""
        closing = "\n".join(self._closing(end)).rstrip()
        return ("\n\n" + closing if closing else "") + "\n"

    def whole_without_reports(self, end: BatchEnd) -> str:
        """The document when no report was checked."""
        return "\n".join([TITLE, "", *self._closing(end)]).rstrip() + "\n"
