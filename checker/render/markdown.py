"""Markdown for a merge-request comment: one section per report, findings that count first."""

from __future__ import annotations

import re
from typing import Any

from checker.decide.findings import SEVERITY_VI, STATUS_VI
from checker.render.stream import BatchEnd

ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵"}
TITLE = "# Kết quả kiểm tra báo cáo CĐS / DX report check"


_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_text(text: str) -> str:
    """Text from a report or a data file as Markdown that shows it literally: never markup, one line.

    HTML is turned into entities and the marks that start inline markup (emphasis, code,
    links and images, tables, strike-through) are backslash-escaped; GitHub and GitLab render
    a backslash before a mark as the mark itself.  The text never starts a line, so block
    markup (``#``, ``-``) cannot start.
    """
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def md_code(text: str) -> str:
    """``text`` as an inline code span that no backtick inside it can close."""
    text = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_block(text: str) -> str:
    """``text`` as a fenced code block whose fence no line of it can close."""
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


_cell = md_text


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
            f"## {md_text(ident.commune)} — {md_text(str(ev.report.period.label or ev.report.period.year))} "
            f"({md_code(item.path.as_posix())})",
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
            parts += [f"## ⛔ {md_text(error.file)}", "", md_block(error.render()), ""]
        for index, waiver in end.unused_waivers:
            parts.append(f"- Miễn trừ #{index} ({md_text(waiver.rule)}, {md_text(waiver.commune)}) không khớp phát "
                         "hiện nào / unused.")
        return parts

    def tail(self, end: BatchEnd) -> str:
        """Unreadable inputs and unused waivers, after the last report."""
        closing = "\n".join(self._closing(end)).rstrip()
        return ("\n\n" + closing if closing else "") + "\n"

    def whole_without_reports(self, end: BatchEnd) -> str:
        """The document when no report was checked."""
        return "\n".join([TITLE, "", *self._closing(end)]).rstrip() + "\n"
