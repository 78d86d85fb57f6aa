"""The district summary as ONE self-contained HTML page a reviewer can open or email.

No script, no external stylesheet, font or image: the CSS is inline and the charts are SVG
drawn here by hand.  The page holds the ranked table (Vietnamese headers, numbers written
the Vietnamese way), a chart of the targets met / not met / without data per commune and,
for every key indicator that at least one report states, a column chart across communes
with a horizontal line at the target when every report was judged against the same one (else
each column is coloured by its own report's target); each commune's findings with their sentences.
Every text is escaped with ``html.escape``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from checker.catalogue.store import indicators as indicator_catalogue
from checker.catalogue.targets import VERIFIED_CONFIDENCE
from checker.core.errors import InputError
from checker.core.numbers import format_number
from checker.decide.evaluate import Evaluation
from checker.decide.findings import SEVERITY_VI
from checker.decide.grading import GRADES, GRADES_EN
from checker.render.summary import (
    COMMUNE,
    COUNT_COLUMNS,
    DISTRICT,
    GRADE,
    INDICATOR_COLUMNS,
    MET,
    MET_SHARE,
    NO_DATA,
    NOT_MET,
    PERIOD,
    PROVINCE,
    RANK,
    below_target,
    period_text,
    ranked_evaluations,
    statements_differ,
)

COMPARATOR_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
GREEN, ORANGE, BLUE, RED, GREY, LINE = "#2e7d32", "#e65100", "#1565c0", "#c62828", "#bdbdbd", "#b71c1c"
FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif"

CSS = """
body { font-family: @FONT@; color: #212121; margin: 1.5rem; line-height: 1.4; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.5rem 0 .25rem; }
p.note, p.caption { color: #555; font-size: .9rem; margin: .25rem 0 .5rem; max-width: 60rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: .85rem; }
th, td { border: 1px solid #ccc; padding: .3rem .45rem; vertical-align: top; }
td { white-space: nowrap; }
th { background: #eef2f7; text-align: left; min-width: 2.5rem; max-width: 10rem; font-weight: 600; }
th.ind { min-width: 8rem; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafafa; }
td.na { color: #9e9e9e; text-align: center; }
td.miss { background: #fdecea; } td.conflict { background: #fff3cd; } .flag { color: #b26a00; font-weight: 700; }
section.commune { border-left: 3px solid #cfd8dc; padding: 0 .8rem; margin: .5rem 0 1rem; }
section.commune li { margin: .15rem 0; } section.commune ul { color: #555; font-size: .85rem; }
.sev-error > b { color: #c62828; } .sev-warning > b { color: #e65100; } .sev-info > b { color: #1565c0; }
.grade { display: inline-block; padding: .05rem .4rem; border-radius: .25rem; font-weight: 600;
         white-space: nowrap; color: #fff; }
.g0 { background: #1b5e20; } .g1 { background: #2e7d32; } .g2 { background: #f9a825; color: #212121; }
.g3 { background: #ef6c00; } .g4 { background: #c62828; }
.failed { border-left: 4px solid #c62828; background: #fdecea; padding: .5rem 1rem; }
.failed pre { white-space: pre-wrap; margin: .25rem 0; font-size: .85rem; }
svg { display: block; margin: .25rem 0 1rem; }
.charts { display: flex; flex-wrap: wrap; gap: .5rem 2.5rem; align-items: flex-start; }
figure { margin: 0; max-width: 100%; }
figure h3 { margin-top: 1rem; }
@media print { .scroll { overflow: visible; } h2 { break-after: avoid; } svg { break-inside: avoid; } }
""".replace("@FONT@", FONT)


@dataclass(frozen=True)
class TargetLine:
    """The target in force for one indicator, as drawn on its chart."""

    comparator: str
    threshold: float
    unit: str
    document: str
    binding: bool
    deadline: int
    verified: bool

    def short(self) -> str:
        """The threshold alone, e.g. "≥ 80 %"."""
        suffix = " %" if self.unit == "percent" else ""
        return f"{COMPARATOR_TEXT[self.comparator]} {format_number(self.threshold)}{suffix}"

    def text(self) -> str:
        """Threshold and source document, e.g. "Chỉ tiêu ≥ 80 % — 942/QĐ-TTg (lộ trình đến năm 2025)"."""
        notes = [] if self.binding else [f"lộ trình đến năm {self.deadline}"]
        if not self.verified:
            notes.append("chưa kiểm chứng")
        extra = f" ({'; '.join(notes)})" if notes else ""
        return f"Chỉ tiêu {self.short()} — {self.document}{extra}"

    def meets(self, value: float) -> bool:
        """Whether ``value`` satisfies the target."""
        return {
            ">=": value >= self.threshold, ">": value > self.threshold, "<=": value <= self.threshold,
            "<": value < self.threshold, "=": value == self.threshold,
        }[self.comparator]


def target_lines(evaluation: Evaluation) -> dict[str, TargetLine]:
    """The targets the checks judged ``evaluation``'s report against, by indicator, as chart lines."""
    lines: dict[str, TargetLine] = {}
    for finding in evaluation.findings:
        ref = finding.target
        if ref is None or finding.category != "target" or finding.indicator is None or finding.indicator in lines:
            continue
        lines[finding.indicator] = TargetLine(
            comparator=ref.comparator, threshold=ref.threshold,
            unit=indicator_catalogue()[finding.indicator].unit, document=ref.document, binding=ref.binding,
            deadline=ref.year, verified=ref.confidence in VERIFIED_CONFIDENCE,
        )
    return lines


def esc(value: Any) -> str:
    """Escape any value for HTML/SVG text or attribute."""
    return html.escape(str(value), quote=True)


def _attrs(attributes: dict[str, Any]) -> str:
    return "".join(f' {name.replace("_", "-")}="{esc(value)}"' for name, value in attributes.items())


def _text(x: float, y: float, content: str, **attributes: Any) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}"{_attrs(attributes)}>{esc(content)}</text>'


def _rect(x: float, y: float, width: float, height: float, fill: str, title: str | None = None) -> str:
    inner = f"<title>{esc(title)}</title>" if title else ""
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{max(height, 0):.1f}" '
            f'fill="{fill}">{inner}</rect>')


def _text_width(text: str, size: float) -> float:
    """A rough rendered width, enough to size margins (no font metrics without a browser)."""
    return len(text) * size * 0.58


def _svg(width: float, height: float, title: str, body: Iterable[str], ident: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-labelledby="{ident}" '
            f'font-family="{esc(FONT)}" font-size="12">'
            f'<title id="{ident}">{esc(title)}</title>' + "".join(body) + "</svg>")


def _is_absent(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def display_names(frame: pd.DataFrame) -> list[str]:
    """Commune names for chart labels; a name that repeats gets its district, then period."""
    names = list(frame[COMMUNE].astype(str))
    if len(set(names)) < len(names):
        names = [f"{name} ({district})" if isinstance(district, str) else name
                 for name, district in zip(names, frame[DISTRICT], strict=True)]
    if len(set(names)) < len(names):
        names = [f"{name} — {period}" for name, period in zip(names, frame[PERIOD], strict=True)]
    return names


def targets_chart(frame: pd.DataFrame) -> str:
    """Horizontal stacked bars: targets met, not met and without data, one bar per commune."""
    names = display_names(frame)
    row_h, bar_w, top = 28, 360.0, 34
    left = max(_text_width(name, 12) for name in names) + 16
    totals = (frame[MET] + frame[NOT_MET] + frame[NO_DATA]).tolist()
    scale = bar_w / max(max(totals), 1)
    body = _legend([(GREEN, "Đạt"), (RED, "Chưa đạt"), (GREY, "Không có số liệu")], left, 16)
    for index, (name, met, not_met, no_data, share) in enumerate(zip(
            names, frame[MET], frame[NOT_MET], frame[NO_DATA], frame[MET_SHARE], strict=True)):
        y = top + index * row_h
        body.append(_text(left - 8, y + 17, name, text_anchor="end"))
        x = left
        for count, colour, word in ((met, GREEN, "đạt"), (not_met, RED, "chưa đạt"),
                                    (no_data, GREY, "không có số liệu")):
            width = int(count) * scale
            body.append(_rect(x, y + 4, width, row_h - 8, colour, f"{name}: {int(count)} chỉ tiêu {word}"))
            if width >= 18:
                ink = "#212121" if colour == GREY else "#fff"
                body.append(_text(x + width / 2, y + 18, str(int(count)), text_anchor="middle", fill=ink))
            x += width
        judged = int(met) + int(not_met)
        body.append(_text(left + bar_w + 8, y + 17, f"{int(met)}/{judged} đạt ({format_number(share)} %)"))
    width = left + bar_w + 150
    height = top + len(names) * row_h + 8
    return _svg(width, height, "Số chỉ tiêu đạt theo xã", body, "chart-targets")


def _legend(items: Sequence[tuple[str, str]], x: float, y: float) -> list[str]:
    parts = []
    for colour, word in items:
        parts.append(_rect(x, y - 10, 12, 12, colour))
        parts.append(_text(x + 16, y, word))
        x += 16 + _text_width(word, 12) + 18
    return parts


def _y_max(values: Sequence[float], line: TargetLine | None) -> float:
    highest = max([100.0, *values, *([line.threshold] if line else [])])
    return 100.0 if highest <= 100 else math.ceil(highest / 20) * 20


PLOT_H, LEFT, TOP, RIGHT = 200.0, 44.0, 44.0, 70.0


def slot_width(count: int) -> float:
    """Horizontal room per commune: roomy for a few communes, narrower (never < 40 px) for many."""
    return max(40.0, min(68.0, 1000.0 / max(count, 1)))


def indicator_chart_width(names: Sequence[str], line: TargetLine | None) -> float:
    """The width of an indicator chart: one slot per commune, wide enough for the target label."""
    legend = LEFT + _text_width(line.text(), 12) + 40 if line else 0.0
    return max(LEFT + slot_width(len(names)) * len(names) + RIGHT, legend)


def indicator_chart(code: str, names: Sequence[str], values: Sequence[float | None],
                    line: TargetLine | None, ident: str,
                    column_lines: Sequence[TargetLine | None] | None = None) -> str:
    """Columns of one indicator across communes, with a horizontal line at the target.

    ``column_lines``: each report's own target (its year and unit), which colours its column;
    ``line`` is drawn only when they all agree.
    """
    unit, slot = indicator_catalogue()[code].unit, slot_width(len(names))
    longest = max(_text_width(name, 12) for name in names)
    rotate = longest > slot * 0.8  # the width is estimated: leave room so labels never touch
    bottom = longest * 0.6 + 24 if rotate else 30
    stated = [float(v) for v in values if v is not None and not _is_absent(v)]
    y_max = _y_max(stated, line)
    base = TOP + PLOT_H

    def y_of(value: float) -> float:
        return base - PLOT_H * value / y_max

    plot_right = LEFT + slot * len(names)
    body = _axis(LEFT, plot_right, y_of, y_max, "%" if unit == "percent" else "")
    for index, (name, value) in enumerate(zip(names, values, strict=True)):
        centre = LEFT + slot * index + slot / 2
        own = column_lines[index] if column_lines is not None else line
        body += _column(centre, slot, value, name, own, y_of, base, unit)
        body.append(_name_label(centre, base, name, rotate))
    if line is not None:
        body += _target_line(line, y_of(line.threshold), plot_right)
    return _svg(indicator_chart_width(names, line), base + bottom, indicator_catalogue()[code].vi, body, ident)


def _target_line(line: TargetLine, y: float, plot_right: float) -> list[str]:
    """The dashed target line, its threshold at the right end and its full label on top."""
    dash = f'stroke="{LINE}" stroke-width="2" stroke-dasharray="6 4"'
    return [
        f'<line x1="{LEFT:.1f}" y1="{y:.1f}" x2="{plot_right:.1f}" y2="{y:.1f}" {dash}>'
        f"<title>{esc(line.text())}</title></line>",
        _text(plot_right + 4, y + 4, line.short(), fill=LINE, font_weight="bold"),
        f'<line x1="{LEFT:.1f}" y1="14" x2="{LEFT + 24:.1f}" y2="14" {dash}/>',
        _text(LEFT + 30, 18, line.text(), fill=LINE),
    ]


def _axis(left: float, right: float, y_of: Any, y_max: float, suffix: str) -> list[str]:
    parts = []
    for step in range(5):
        value = y_max * step / 4
        y = y_of(value)
        parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" '
                     f'stroke="{"#9e9e9e" if step == 0 else "#e0e0e0"}" stroke-width="1"/>')
        parts.append(_text(left - 6, y + 4, f"{format_number(value)}{suffix}", text_anchor="end",
                           fill="#616161", font_size="11"))
    return parts


def _column(centre: float, slot: float, value: float | None, name: str, line: TargetLine | None,
            y_of: Any, base: float, unit: str) -> list[str]:
    if _is_absent(value):
        return [_text(centre + 4, base - 6, "không có số liệu", fill="#9e9e9e", font_size="11",
                      transform=f"rotate(-90 {centre + 4:.1f} {base - 6:.1f})")]
    number = float(value)  # type: ignore[arg-type]
    shown = f"{format_number(number)}{' %' if unit == 'percent' else ''}"
    colour = BLUE if line is None else (GREEN if line.meets(number) else ORANGE)
    top = y_of(max(number, 0.0))
    return [_rect(centre - slot * 0.3, top, slot * 0.6, base - top, colour, f"{name}: {shown}"),
            _text(centre, top - 4, shown, text_anchor="middle", font_size="11")]


def _name_label(centre: float, base: float, name: str, rotate: bool) -> str:
    if not rotate:
        return _text(centre, base + 16, name, text_anchor="middle")
    x, y = centre + 4, base + 14
    return _text(x, y, name, text_anchor="end", transform=f"rotate(-35 {x:.1f} {y:.1f})")


def _table_cell(column: str, value: Any, line: TargetLine | None) -> str:
    if _is_absent(value):
        return '<td class="na" title="không có số liệu / not stated">—</td>'
    if column == GRADE:
        index = GRADES.index(value) if value in GRADES else 4
        english = GRADES_EN.get(value, "")
        return f'<td><span class="grade g{index}" title="{esc(english)}">{esc(value)}</span></td>'
    if column in COUNT_COLUMNS or column == RANK:
        return f'<td class="num">{int(value)}</td>'
    if isinstance(value, int | float):
        miss = line is not None and not line.meets(float(value))
        cls = "num miss" if miss else "num"
        hint = f' title="dưới mức {esc(line.short())}"' if miss and line else ""
        return f'<td class="{cls}"{hint}>{esc(format_number(value))}</td>'
    return f"<td>{esc(value)}</td>"


def _indicator_cell(value: Any, evaluation: Evaluation | None, code: str) -> str:
    """An indicator's cell: below the report's own target shaded, several different values marked."""
    if evaluation is None:
        return _table_cell("", value, None)
    missed = below_target(evaluation, code)
    differ = statements_differ(evaluation, code)
    if _is_absent(value) and not differ:
        return _table_cell("", value, None)
    classes = ["num"]
    hints = []
    if missed is not None and missed.target is not None:
        ref = missed.target
        classes.append("miss")
        hints.append(f"dưới mức {COMPARATOR_TEXT.get(ref.comparator, ref.comparator)} "
                     f"{format_number(ref.threshold)} ({ref.document}, {ref.year})")
    mark = ""
    if differ:
        classes.append("conflict")
        mark = ' <span class="flag">≠</span>'
        hints.append("báo cáo nêu nhiều giá trị khác nhau: " + "; ".join(
            f"{format_number(v)} (dòng {line})" if line else format_number(v) for v, line in differ))
    title = f' title="{esc("; ".join(hints))}"' if hints else ""
    shown = "—" if _is_absent(value) else esc(format_number(value))
    return f'<td class="{" ".join(classes)}"{title}>{shown}{mark}</td>'


def summary_table(frame: pd.DataFrame, lines: dict[str, TargetLine],
                  evaluations: Sequence[Evaluation] | None = None) -> str:
    """The ranked table as HTML; each commune links to its findings.

    With ``evaluations`` (in the frame's ranked order) an indicator cell is shaded when below
    the target that report was judged against, and marked ≠ when the report states it with
    different values; without, ``lines`` (one target per indicator) decides the shading.
    """
    head = "".join(
        f'<th scope="col" class="{"ind" if column in INDICATOR_COLUMNS else "fixed"}">{esc(column)}</th>'
        for column in frame.columns
    )
    rows = []
    for index, record in enumerate(frame.itertuples(index=False, name=None)):
        evaluation = evaluations[index] if evaluations is not None else None
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            code = INDICATOR_COLUMNS.get(column)
            if code is not None and evaluation is not None:
                cells.append(_indicator_cell(value, evaluation, code))
            elif column == COMMUNE and evaluation is not None:
                cells.append(f'<td><a href="#xa-{index}">{esc(value)}</a></td>')
            else:
                cells.append(_table_cell(column, value, lines.get(code or "")))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def findings_sections(frame: pd.DataFrame, evaluations: Sequence[Evaluation]) -> str:
    """For each commune (ranked order), the findings behind its grade, each with its sentences."""
    parts = []
    for index, (rank, evaluation) in enumerate(zip(frame[RANK], evaluations, strict=True)):
        report, g = evaluation.report, evaluation.grade
        shown = [f for f in evaluation.findings if f.status not in ("met", "no_data")]
        items = []
        for f in shown:
            quotes: dict[int, str] = {}
            for item in f.evidence.items:
                if item.line and item.line not in quotes:
                    quotes[item.line] = item.quote or ""
            evidence = "".join(f"<li>dòng {line}" + (f" “{esc(q)}”" if q else "") + "</li>"
                               for line, q in sorted(quotes.items()))
            waived = " (đã miễn trừ)" if f.waiver else ""
            items.append(f'<li class="sev-{f.severity}"><b>{esc(f.rule_id)}</b> '
                         f'{esc(SEVERITY_VI[f.severity])}{waived}: {esc(f.message.vi)}'
                         + (f"<ul>{evidence}</ul>" if evidence else "") + "</li>")
        grade = GRADES.index(g.level) if g.level in GRADES else 4
        parts.append(
            f'<section class="commune" id="xa-{index}"><h3>{int(rank)}. Xã {esc(report.identity.commune)} — '
            f'{esc(period_text(evaluation))} <span class="grade g{grade}">{esc(g.level)}</span></h3>'
            f'<p class="note">{g.errors} lỗi, {g.warnings} cảnh báo, {g.infos} thông tin; chỉ tiêu đạt '
            f"{g.targets_met}, chưa đạt {g.targets_not_met}, không có số liệu {g.targets_no_data}.</p>"
            + (f"<ol>{''.join(items)}</ol>" if items else "<p>Không có phát hiện nào.</p>") + "</section>")
    return "".join(parts)


def _scope_title(frame: pd.DataFrame) -> str:
    districts = sorted({d for d in frame[DISTRICT] if isinstance(d, str)})
    provinces = sorted({p for p in frame[PROVINCE] if isinstance(p, str)})
    parts = []
    if len(districts) == 1:
        parts.append(f"huyện {districts[0]}")
    elif districts:
        parts.append(f"{len(districts)} huyện")
    if len(provinces) == 1:
        parts.append(f"tỉnh {provinces[0]}")
    return ", ".join(parts)


def _failed_section(failed: Sequence[InputError]) -> str:
    if not failed:
        return ""
    items = "".join(f"<pre>{esc(error.render())}</pre>" for error in failed)
    return (f'<section class="failed"><h2>Không đọc được {len(failed)} tệp / unreadable files</h2>'
            f'<p class="note">Các tệp này không có trong bảng và biểu đồ.</p>{items}</section>')


def _indicator_sections(frame: pd.DataFrame, per_report: Sequence[dict[str, TargetLine]]) -> str:
    names = display_names(frame)
    sections = []
    for number, (column, code) in enumerate(INDICATOR_COLUMNS.items()):
        values = [None if _is_absent(v) else float(v) for v in frame[column]]
        if all(v is None for v in values):
            continue
        own = [lines.get(code) for lines in per_report]
        distinct = {(t.comparator, t.threshold, t.document) for t in own if t is not None}
        line = next((t for t in own if t is not None), None) if len(distinct) == 1 else None
        if line is not None:
            caption = "Cột xanh lá: đạt mức chỉ tiêu; cột cam: dưới mức; đường đỏ đứt nét: chỉ tiêu."
        elif distinct:
            caption = ("Các báo cáo có chỉ tiêu khác nhau (năm, đơn vị): mỗi cột so với chỉ tiêu của chính báo "
                       "cáo đó — xanh lá: đạt; cam: dưới mức; xanh dương: không có chỉ tiêu.")
        else:
            caption = "Chưa có chỉ tiêu áp dụng; cột xanh dương: giá trị báo cáo."
        chart = indicator_chart(code, names, values, line, f"chart-{number}", own)
        width = max(indicator_chart_width(names, line), 320)
        sections.append(f'<figure style="width: {width:.0f}px"><h3>{esc(column)}</h3><p class="caption">'
                        f'{esc(caption)}</p><div class="scroll">{chart}</div></figure>')
    return f'<div class="charts">{"".join(sections)}</div>'


def render_summary_html(frame: pd.DataFrame, evaluations: Sequence[Evaluation],
                        failed: Sequence[InputError] = ()) -> str:
    """The whole page: title, unreadable files, ranked table, each commune's findings, charts.

    ``evaluations`` in the order they were given (the frame's ``attrs["order"]`` maps its rows
    to them).  Each report is compared with the targets it was itself judged against (its year
    and unit); rankings are per period kind.
    """
    ranked = ranked_evaluations(frame, evaluations)
    per_report = [target_lines(evaluation) for evaluation in ranked]
    scope = _scope_title(frame)
    title = "Tổng hợp báo cáo chuyển đổi số cấp xã" + (f" — {scope}" if scope else "")
    return "".join([
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="note">{len(frame)} báo cáo. Báo cáo năm, 9 tháng, 6 tháng, quý được xếp hạng riêng '
        "(“Loại kỳ”); trong mỗi loại: theo xếp loại (Xuất sắc → Yếu), rồi số lỗi (ít trước), rồi tỷ lệ chỉ "
        "tiêu đạt (cao trước). “—”: báo cáo không nêu chỉ tiêu này (khác 0). Mỗi báo cáo được so với chỉ "
        "tiêu cấp xã áp dụng cho chính nó (năm và đơn vị của báo cáo).</p>",
        _failed_section(failed),
        "<h2>Bảng xếp hạng</h2>",
        '<p class="caption">Ô nền đỏ nhạt: dưới mức chỉ tiêu áp dụng cho báo cáo đó; ≠ (nền vàng): báo cáo '
        "nêu chỉ tiêu này nhiều lần với giá trị khác nhau (di chuột để xem). Bấm tên xã để xem các phát "
        "hiện.</p>",
        summary_table(frame, {}, ranked),
        "<h2>Phát hiện của từng xã</h2>",
        findings_sections(frame, ranked),
        "<h2>Số chỉ tiêu đạt theo xã</h2>",
        '<p class="caption">Chỉ tiêu có số liệu: đạt / (đạt + chưa đạt).</p>',
        f'<div class="scroll">{targets_chart(frame)}</div>',
        "<h2>Các chỉ tiêu chính theo xã</h2>",
        _indicator_sections(frame, per_report),
        "</body></html>\n",
    ])
