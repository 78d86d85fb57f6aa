"""The terminal table: findings grouped by severity, Vietnamese first."""

from __future__ import annotations

import textwrap

from tabulate import tabulate

from checker.evaluate import Evaluation
from checker.findings import CATEGORY_VI, SEVERITY_VI, STATUS_VI
from checker.indicators import label
from checker.numbers import format_number

HEADERS = ["Mã luật", "Nhóm", "Trạng thái", "Nội dung / Message", "Căn cứ / Evidence"]


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) if text else ""


def _evidence(finding) -> str:
    parts = []
    lines = sorted({item.line for item in finding.evidence.items if item.line})
    if lines:
        parts.append("dòng " + ", ".join(str(n) for n in lines))
    if finding.target is not None:
        ref = finding.target
        article = f", {ref.article}" if ref.article else ""
        parts.append(f"{ref.document}{article} ({ref.confidence})")
    return _wrap("; ".join(parts), 28)


def _targets_table(findings) -> str:
    rows = []
    for f in sorted(findings, key=lambda f: (f.status != "met", f.rule_id)):
        ref = f.target
        observed = "—" if f.observed is None else format_number(f.observed)
        rows.append([f.rule_id, _wrap(label(f.indicator) if f.indicator else "", 44),
                     STATUS_VI[f.status or ""], observed,
                     f"{ref.comparator} {format_number(ref.threshold)} ({ref.year})" if ref else "",
                     _wrap(f"{ref.document} ({ref.confidence})", 26) if ref else ""])
    return tabulate(rows, headers=["Mã", "Chỉ tiêu", "Trạng thái", "Kết quả %", "Mức", "Văn bản"],
                    tablefmt="simple")


def render_table(evaluation: Evaluation, source: str, show_info: bool = True, extracted: bool = False) -> str:
    """The findings of one report as text tables, one per severity, and the grade."""
    report = evaluation.report
    ident = report.identity
    header = (f"{source}\nXã {ident.commune}"
              + (f", huyện {ident.district}" if ident.district else "")
              + f", tỉnh {ident.province} — {report.period.label or f'{report.period.kind} {report.period.year}'}")
    if extracted:
        header += ("\nSố liệu được trích tự động từ văn bản; mỗi phát hiện ghi dòng nguồn — hãy đối chiếu "
                   "(`checker extract` để xem bản nháp). / Values were extracted from the document; "
                   "check each finding's source lines.")
    blocks = [header]
    passes = [f for f in evaluation.findings if f.status in ("met", "no_data")]
    for severity in ("error", "warning", "info"):
        rows = [f for f in evaluation.findings if f.severity == severity and f not in passes]
        if not rows or (severity == "info" and not show_info):
            continue
        table = [
            [f.rule_id, CATEGORY_VI[f.category],
             "Đã miễn trừ / waived" if f.waiver else STATUS_VI.get(f.status or "", ""),
             _wrap(f.message.vi, 60) + "\n" + _wrap(f.message.en, 60), _evidence(f)]
            for f in rows
        ]
        blocks.append(f"{SEVERITY_VI[severity]} / {severity} ({len(rows)})")
        blocks.append(tabulate(table, headers=HEADERS, tablefmt="simple_grid"))
    if passes:
        blocks.append(f"Chỉ tiêu đạt hoặc không có số liệu / targets met or not reported ({len(passes)})")
        blocks.append(_targets_table(passes))
    g = evaluation.grade
    blocks.append(
        f"Xếp loại / Grade: {g.level} ({g.level_en}) — lỗi {g.errors}, cảnh báo {g.warnings}, "
        f"thông tin {g.infos}; chỉ tiêu đạt {g.targets_met}, chưa đạt {g.targets_not_met}, "
        f"không có số liệu {g.targets_no_data} (tỷ lệ đạt {g.targets_met_share:g} %)"
    )
    return "\n\n".join(blocks)


def summary_line(batch) -> str:
    """One line over a batch: reports checked, failed to read, findings by severity, grades."""
    tally = batch.tally
    by = tally.by_severity
    grades = ", ".join(f"{commune}: {level}" for commune, level in tally.grades)
    return (f"Tổng cộng / total: {len(tally.grades)} báo cáo đã kiểm tra, {len(batch.errors)} không đọc được; "
            f"lỗi {by['error']}, cảnh báo {by['warning']}, thông tin {by['info']}, miễn trừ {tally.waived}. "
            f"Xếp loại: {grades or '—'}")
