"""Markdown for a merge-request comment: a summary table first, then the findings that count.

Findings that do not count (targets without data, waived findings) are folded in
``<details>``; targets met are only counted.  The comment always stays under
:data:`MAX_CHARS` characters (GitLab and GitHub hold 65,536): what does not fit is left out
and a closing line says how much, so nothing is dropped silently.  Each report is rendered
where it was checked (as a small JSON record); the comment is assembled at the end, since its
first table needs every report.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from checker.core.jsonpos import pointer_lines
from checker.decide.findings import SEVERITY_VI, STATUS_VI, Finding
from checker.render.locations import places
from checker.render.options import OutputOptions
from checker.render.stream import BatchEnd

ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵"}
TITLE = "# Kết quả kiểm tra báo cáo CĐS / DX report check"
MAX_CHARS = 60_000
"""The comment's size limit, below the 65,536 characters a merge-request comment holds."""
SUMMARY_SHARE = 0.5
"""At most this share of the limit goes to the summary table (a province's batch has hundreds of rows)."""
TABLE_HEAD = ["| | Mã / rule | Nội dung | Message | Vị trí / where |", "|---|---|---|---|---|"]


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
    """``text`` as an inline code span that no backtick inside it can close (and no ``|`` can split a table)."""
    text = " ".join(str(text).split()).replace("|", "\\|")
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


def _rule(rule_id: str, docs_url: str | None) -> str:
    return f"[{rule_id}]({docs_url.rstrip('/')}/{rule_id}.md)" if docs_url else rule_id


def _row(item: Any, finding: Finding, lines: dict[str, int] | None, options: OutputOptions) -> str:
    place, _ = places(item, finding, lines)
    where = f"{md_code(place.uri)} {md_text(place.label or '')}".strip()
    mark = ICONS[finding.severity]
    if finding.waiver:
        mark += " miễn trừ / waived"
    elif finding.status == "no_data":
        mark += " " + STATUS_VI["no_data"]
    return (f"| {mark} | {_rule(finding.rule_id, options.docs_url)} | {_cell(finding.message.vi)} | "
            f"{_cell(finding.message.en)} | {where} |")


def number_vi(value: int) -> str:
    """An integer as Vietnamese writes it: 60.000."""
    return f"{value:,}".replace(",", ".")


@dataclass
class _Report:
    row: str
    head: str
    counted: list[str]
    folded: list[str]
    met: int
    counts: dict[str, int]

    @classmethod
    def from_json(cls, text: str) -> _Report:
        data = json.loads(text)
        return cls(data["row"], data["head"], data["counted"], data["folded"], data["met"], data["counts"])


@dataclass
class MarkdownWriter:
    """The comment, assembled once every report is in (``buffered``; see :class:`~checker.render.stream.Emitter`)."""

    options: OutputOptions = field(default_factory=OutputOptions)
    limit: int = MAX_CHARS
    buffered = True
    separator = ""
    _reports: list[_Report] = field(default_factory=list)

    def fragment(self, item: Any) -> str:
        """One report as a record: its summary row, its section heading, counted and folded finding rows."""
        ev = item.evaluation
        g = ev.grade
        name = f"{ev.report.identity.commune} — {ev.report.period.label or ev.report.period.year}"
        lines = pointer_lines(item.text) if item.read.kind == "json" else None
        counted = [f for f in ev.findings if f.counts]
        folded = [f for f in ev.findings if not f.counts and f.status != "met"]
        record = {
            "row": f"| {_cell(name)} | {g.level} ({g.level_en}) | {g.errors} | {g.warnings} | {g.infos} | "
                   f"{md_code(item.path.as_posix())} |",
            "head": f"## {_cell(name)} ({md_code(item.path.as_posix())})\n\n"
                    f"**Xếp loại / grade: {g.level} ({g.level_en})** — lỗi {g.errors}, cảnh báo {g.warnings}, "
                    f"thông tin {g.infos}; chỉ tiêu đạt {g.targets_met}/{g.targets_met + g.targets_not_met}.",
            "counted": [_row(item, f, lines, self.options) for f in counted],
            "folded": [_row(item, f, lines, self.options) for f in folded],
            "met": sum(1 for f in ev.findings if f.status == "met"),
            "counts": {"error": g.errors, "warning": g.warnings, "info": g.infos},
        }
        return json.dumps(record, ensure_ascii=False)

    def add(self, fragment: str) -> None:
        """Keep one report's record until the end."""
        self._reports.append(_Report.from_json(fragment))

    def finish(self, end: BatchEnd) -> str:
        """The whole comment, within the size limit."""
        return _Assembly(self._reports, end, self.limit).text()

    def head(self) -> str:
        """Unused: the comment is written whole (``buffered``)."""
        return ""

    def tail(self, end: BatchEnd) -> str:
        """Unused: the comment is written whole (``buffered``)."""
        return self.finish(end)

    def whole_without_reports(self, end: BatchEnd) -> str:
        """The comment when no report was checked."""
        return self.finish(end)


class _Assembly:
    """Puts the comment together: summary, input problems, counted findings, then folded ones, while they fit."""

    def __init__(self, reports: list[_Report], end: BatchEnd, limit: int) -> None:
        self.reports = reports
        self.end = end
        self.limit = limit
        self.used = 0
        self.left_rows = self.left_findings = self.left_folded = self.left_errors = 0

    def _fits(self, text: str, reserve: int = 400) -> bool:
        return self.used + len(text) + 1 <= self.limit - reserve

    def _take(self, parts: list[str], text: str) -> None:
        parts.append(text)
        self.used += len(text) + 1

    def _summary(self, parts: list[str]) -> None:
        totals = {severity: sum(r.counts[severity] for r in self.reports) for severity in ICONS}
        self._take(parts, TITLE + "\n")
        self._take(parts, f"**{number_vi(len(self.reports))} báo cáo / reports**, "
                          f"{number_vi(len(self.end.errors))} tệp không đọc được / unreadable — "
                          + ", ".join(f"{SEVERITY_VI[s].lower()} / {s}: {number_vi(n)}" for s, n in totals.items())
                          + "\n")
        if not self.reports:
            return
        self._take(parts, "| Báo cáo / report | Xếp loại / grade | Lỗi | Cảnh báo | Thông tin | Tệp / file |\n"
                          "|---|---|---|---|---|---|")
        budget = int(self.limit * SUMMARY_SHARE)
        for index, report in enumerate(self.reports):
            if self.used + len(report.row) + 1 > budget:
                self.left_rows = len(self.reports) - index
                break
            self._take(parts, report.row)
        if self.left_rows:
            self._take(parts, f"| … | {number_vi(self.left_rows)} báo cáo nữa / more | | | | |")
        parts.append("")

    def _errors(self, parts: list[str]) -> None:
        for error in self.end.errors:
            text = f"### ⛔ {_cell(error.file)}\n\n{md_block(error.render())}\n"
            if not self._fits(text):
                self.left_errors += 1
                continue
            self._take(parts, text)
        for index, waiver in self.end.unused_waivers:
            text = (f"- Miễn trừ #{index} ({md_text(waiver.rule)}, {md_text(waiver.commune)}) không khớp phát hiện "
                    "nào / unused.")
            if self._fits(text):
                self._take(parts, text)

    def _sections(self) -> list[list[str]]:
        sections: list[list[str]] = []
        for report in self.reports:
            section: list[str] = []
            if not report.counted:
                sections.append(section)
                continue
            opening = "\n".join(["", report.head, "", *TABLE_HEAD])
            if not self._fits(opening + "\n" + report.counted[0]):
                self.left_findings += len(report.counted)
                sections.append(section)
                continue
            section.append(opening)
            self.used += len(opening) + 1
            for index, row in enumerate(report.counted):
                if not self._fits(row):
                    self.left_findings += len(report.counted) - index
                    section.append(f"| … | | {len(report.counted) - index} phát hiện nữa / more | | |")
                    break
                self._take(section, row)
            sections.append(section)
        return sections

    def _fold(self, sections: list[list[str]]) -> None:
        for report, section in zip(self.reports, sections, strict=True):
            if not report.folded:
                continue
            summary = (f"<details><summary>Không tính / not counted: {len(report.folded)} "
                       f"(không có số liệu, miễn trừ / no data, waived); đạt / met: {report.met}</summary>")
            block = "\n".join(["", summary, "", *TABLE_HEAD, *report.folded, "", "</details>"])
            if not section or not self._fits(block):
                self.left_folded += len(report.folded)
                continue
            self._take(section, block)

    def text(self) -> str:
        parts: list[str] = []
        self._summary(parts)
        self._errors(parts)
        sections = self._sections()
        self._fold(sections)
        for section in sections:
            parts.extend(section)
        left = []
        if self.left_rows:
            left.append(f"{number_vi(self.left_rows)} dòng tổng hợp / summary rows")
        if self.left_findings:
            left.append(f"{number_vi(self.left_findings)} phát hiện được tính / counted findings")
        if self.left_folded:
            left.append(f"{number_vi(self.left_folded)} mục không tính / uncounted items")
        if self.left_errors:
            left.append(f"{number_vi(self.left_errors)} tệp lỗi / input errors")
        if left:
            parts += ["", f"_Đã lược bớt vì giới hạn {number_vi(self.limit)} ký tự / left out to stay under "
                          f"{number_vi(self.limit)} characters: {'; '.join(left)}. Xem đầy đủ trong kết quả JSON "
                          "hoặc SARIF / see the JSON or SARIF output for everything._"]
        return "\n".join(parts).rstrip() + "\n"
