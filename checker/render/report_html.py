"""``check --format html``: one self-contained page showing each report beside its own text.

For every report: who wrote it and for which period; the grade with the findings that
decided it; the report's own text, line by line, with every number that was read
highlighted (placed on an indicator, or left unplaced by the document reader) and each
finding anchored beside the first sentence it comes from (the other sentences it uses link
to it); the targets applied with their document, article, quote and confidence in words;
and a legend.  A JSON report or a form shows its source document when ``meta.source_file``
names one beside it; without it, each finding still quotes its sentences.

The page needs no network: inline CSS, no font, image or stylesheet from elsewhere.  The
only script builds the index of a batch (one line per report, sortable by grade, commune or
errors) from the reports on the page; without it every report is still on the page.  Every
text from a report is escaped.  It is a streaming writer (head, one fragment per report,
tail), so a batch of any size is written in flat memory.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from checker.catalogue.store import Catalogue, label
from checker.catalogue.targets import CONFIDENCE_TEXT
from checker.core.numbers import format_number, parse_number
from checker.decide.evaluate import Evaluation
from checker.decide.findings import CATEGORY_VI, SEVERITY_VI, STATUS_VI, Finding
from checker.decide.grading import GRADES
from checker.model.report import Measure, Report
from checker.render.stream import BatchEnd

COMPARATOR = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?:\s?%)?")
GRADE_RULES = (
    ("Xuất sắc", "không lỗi, không cảnh báo, ≥ 90 % chỉ tiêu đạt"),
    ("Tốt", "không lỗi, ≤ 3 cảnh báo, ≥ 75 % chỉ tiêu đạt"),
    ("Khá", "≤ 2 lỗi, ≥ 50 % chỉ tiêu đạt"),
    ("Trung bình", "≤ 5 lỗi"),
    ("Yếu", "còn lại"),
)
"""The grading table of docs/grading.md (checker/decide/grading.py), as the page shows it."""

CSS = """
:root { --err: #c62828; --warn: #e65100; --info: #1565c0; --ok: #2e7d32; }
* { box-sizing: border-box; }
body { font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif;
       color: #212121; margin: 0; padding: 1rem 1.5rem; line-height: 1.45; }
h1 { font-size: 1.4rem; margin: .2rem 0; } h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem;
  border-bottom: 1px solid #ddd; } h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
article.report { border-top: 4px solid #455a64; margin: 0 0 3rem; padding-top: .5rem; }
.meta { color: #555; font-size: .9rem; }
.grade { display: inline-block; padding: .05rem .5rem; border-radius: .25rem; font-weight: 600; color: #fff; }
.g0 { background: #1b5e20; } .g1 { background: #2e7d32; } .g2 { background: #f9a825; color: #212121; }
.g3 { background: #ef6c00; } .g4 { background: #c62828; }
table { border-collapse: collapse; font-size: .85rem; margin: .3rem 0 .8rem; }
th, td { border: 1px solid #ccc; padding: .25rem .45rem; vertical-align: top; text-align: left; }
th { background: #eef2f7; } tr.applied td { background: #fff8e1; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.text { border: 1px solid #ddd; border-radius: .3rem; }
.row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(15rem, 2fr); border-bottom: 1px solid #f3f3f3; }
.src { font-size: .85rem;
       white-space: pre-wrap; word-break: break-word; padding: .05rem .5rem; }
.src .no { display: inline-block; width: 3.2em; color: #9e9e9e; user-select: none; }
.row.cited .src { background: #fffde7; }
.notes { padding: .1rem .4rem; font-size: .82rem; }
.finding { border-left: 4px solid #999; background: #fafafa; padding: .25rem .45rem; margin: .2rem 0; }
.finding.error { border-color: var(--err); } .finding.warning { border-color: var(--warn); }
.finding.info { border-color: var(--info); } .finding.waived { opacity: .7; }
.finding .head { font-weight: 600; } .finding .en { color: #555; }
.finding .ev { color: #424242; margin: .15rem 0 0; padding-left: 1rem; }
.sev-error { color: var(--err); } .sev-warning { color: var(--warn); } .sev-info { color: var(--info); }
.ref { font-size: .78rem; color: #555; margin-left: .3rem; }
mark.placed { background: #c8e6c9; border-bottom: 2px solid var(--ok); padding: 0 .1em; }
mark.unplaced { background: #ffe0b2; border-bottom: 2px dashed var(--warn); padding: 0 .1em; }
.legend { font-size: .85rem; border: 1px solid #ddd; padding: .4rem .8rem; background: #fcfcfc; }
.legend dt { font-weight: 600; } .legend dd { margin: 0 0 .3rem 1rem; }
nav#index:empty { display: none; } nav#index button { font: inherit; cursor: pointer; }
.failed { border-left: 4px solid var(--err); background: #fdecea; padding: .5rem 1rem; }
.failed pre { white-space: pre-wrap; }
a { color: #0d47a1; }
@media print {
  body { padding: 0; } article.report { break-before: page; } nav#index button { display: none; }
  .row { break-inside: avoid; } mark, .grade, .row.cited .src, .finding {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

INDEX_SCRIPT = """
(function () {
  var reports = Array.prototype.slice.call(document.querySelectorAll('article.report'));
  var nav = document.getElementById('index');
  if (!nav || reports.length < 2) { return; }
  var rows = reports.map(function (a) {
    return { id: a.id, commune: a.dataset.commune, file: a.dataset.file, grade: a.dataset.grade,
             rank: Number(a.dataset.rank), errors: Number(a.dataset.errors), warnings: Number(a.dataset.warnings) };
  });
  var h = document.createElement('h2'); h.textContent = 'Mục lục / index (' + rows.length + ' báo cáo)';
  var table = document.createElement('table');
  var head = table.createTHead().insertRow();
  var body = table.createTBody();
  var keys = [['commune', 'Xã'], ['grade', 'Xếp loại'], ['errors', 'Lỗi'], ['warnings', 'Cảnh báo'], ['file', 'Tệp']];
  function draw() {
    body.textContent = '';
    rows.forEach(function (r) {
      var tr = body.insertRow();
      var link = document.createElement('a'); link.href = '#' + r.id; link.textContent = r.commune;
      tr.insertCell().appendChild(link);
      var g = document.createElement('span'); g.className = 'grade g' + r.rank; g.textContent = r.grade;
      tr.insertCell().appendChild(g);
      [r.errors, r.warnings].forEach(function (n) { var c = tr.insertCell(); c.className = 'num'; c.textContent = n; });
      tr.insertCell().textContent = r.file;
    });
  }
  keys.forEach(function (k) {
    var th = document.createElement('th'); var b = document.createElement('button');
    b.type = 'button'; b.textContent = k[1] + ' ⇅'; th.appendChild(b); head.appendChild(th);
    b.addEventListener('click', function () {
      var key = k[0] === 'grade' ? 'rank' : k[0];
      rows.sort(function (x, y) { return x[key] < y[key] ? -1 : x[key] > y[key] ? 1 : 0; });
      draw();
    });
  });
  rows.sort(function (x, y) { return x.rank - y.rank || y.errors - x.errors; });
  draw();
  nav.appendChild(h); nav.appendChild(table);
})();
"""


def esc(value: Any) -> str:
    """Escape any value for HTML text or an attribute."""
    return html.escape(str(value), quote=True)


def anchor_id(path: str) -> str:
    """A stable id for a report on the page, from its file path."""
    return "r-" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:10]


def _fmt(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return esc(value)
    return esc(format_number(value))


# --- numbers in the text ---------------------------------------------------------------------------


def _values(measure: Measure) -> set[float]:
    found = {getattr(measure, name) for name in ("value", "numerator", "denominator", "percent")}
    found |= set((measure.parts or {}).values())
    return {float(v) for v in found if isinstance(v, int | float)}


def placed_numbers(report: Report) -> dict[int, set[float]]:
    """Per source line, the numbers the report places on an indicator (results and goals)."""
    by_line: dict[int, set[float]] = {}
    statements: list[Measure] = [m for ms in report.indicators.values() for m in ms]
    if report.goals is not None:
        statements += [m for ms in report.goals.indicators.values() for m in ms]
    for measure in statements:
        if measure.line:
            by_line.setdefault(measure.line, set()).update(_values(measure))
    return by_line


def _token_value(token: str) -> float | None:
    try:
        return parse_number(token.rstrip("% ").strip())
    except ValueError:
        return None


def highlight(text: str, placed: set[float], unplaced: set[float]) -> str:
    """One line of text, escaped, with its numbers marked placed or left unplaced."""
    out: list[str] = []
    last = 0
    for match in NUMBER.finditer(text):
        value = _token_value(match.group())
        kind = "placed" if value in placed else "unplaced" if value in unplaced else None
        if kind is None:
            continue
        title = "đã xếp vào chỉ tiêu / placed" if kind == "placed" else "chưa xếp được / left unplaced"
        out.append(esc(text[last:match.start()]))
        out.append(f'<mark class="{kind}" title="{title}">{esc(match.group())}</mark>')
        last = match.end()
    out.append(esc(text[last:]))
    return "".join(out)


# --- findings --------------------------------------------------------------------------------------


def _lines(finding: Finding) -> list[int]:
    return sorted({item.line for item in finding.evidence.items if item.line})


def _finding_id(rid: str, index: int) -> str:
    return f"{rid}-f{index}"


def finding_card(finding: Finding, fid: str, show_quotes: bool, rid: str = "") -> str:
    """One finding: id, group, severity, message in both languages, its sentences and target source.

    ``rid``: the report's id when its text is on the page (each sentence then links to its line).
    """
    classes = f"finding {finding.severity}" + (" waived" if finding.waiver else "")
    status = STATUS_VI.get(finding.status or "", "")
    bits = [esc(finding.rule_id), esc(CATEGORY_VI[finding.category]),
            f'<span class="sev-{finding.severity}">{esc(SEVERITY_VI[finding.severity])}</span>']
    if status:
        bits.append(esc(status))
    if finding.waiver:
        bits.append(f"đã miễn trừ ({esc(finding.waiver.reason)})")
    parts = [f'<div class="{classes}" id="{fid}"><div class="head">{" · ".join(bits)}</div>',
             f"<div>{esc(finding.message.vi)}</div>", f'<div class="en">{esc(finding.message.en)}</div>']
    evidence = []
    quotes: dict[int, str] = {}
    for item in finding.evidence.items:
        if item.line and item.line not in quotes:
            quotes[item.line] = item.quote or ""
    for line, text in sorted(quotes.items()):
        quote = f" “{esc(text)}”" if (show_quotes and text) else ""
        where = f'<a href="#{rid}-L{line}">dòng {line}</a>' if rid else f"dòng {line}"
        evidence.append(f"<li>{where}{quote}</li>")
    if evidence:
        parts.append(f'<ul class="ev">{"".join(evidence)}</ul>')
    if finding.target is not None:
        ref = finding.target
        article = f", {esc(ref.article)}" if ref.article else ""
        parts.append(f'<div class="ref">Chỉ tiêu {COMPARATOR.get(ref.comparator, esc(ref.comparator))} '
                     f'{_fmt(ref.threshold)} ({ref.year}) — {esc(ref.document)}{article}; '
                     f'độ tin cậy: {esc(CONFIDENCE_TEXT.get(ref.confidence, (ref.confidence,))[0])}</div>')
    parts.append("</div>")
    return "".join(parts)


def _shown(findings: Sequence[Finding]) -> list[Finding]:
    """The findings the page shows in the text: everything but targets met or not reported."""
    return [f for f in findings if f.status not in ("met", "no_data")]


def _grade_block(evaluation: Evaluation, ids: dict[int, str]) -> str:
    g = evaluation.grade
    rows = "".join(
        f'<tr class="{"applied" if level == g.level else ""}"><td>{esc(level)}</td><td>{esc(rule)}</td></tr>'
        for level, rule in GRADE_RULES)
    deciding = [f for f in evaluation.findings if f.counts and f.severity in ("error", "warning")]
    items = "".join(
        f'<li><a href="#{ids[id(f)]}">{esc(f.rule_id)}</a> <span class="sev-{f.severity}">'
        f'{esc(SEVERITY_VI[f.severity])}</span>: {esc(f.message.vi)}</li>' for f in deciding)
    why = (f"<p>Quyết định xếp loại / deciding findings: {g.errors} lỗi, {g.warnings} cảnh báo; "
           f"chỉ tiêu đạt {g.targets_met}, chưa đạt {g.targets_not_met}, không có số liệu {g.targets_no_data} "
           f"(tỷ lệ đạt {_fmt(g.targets_met_share)} %). Mức đầu tiên thỏa mãn trong bảng được chọn "
           f"(docs/grading.md).</p>")
    return (f"<h2>Xếp loại / grade: <span class=\"grade g{GRADES.index(g.level)}\">{esc(g.level)}</span> "
            f"({esc(g.level_en)})</h2>{why}<table><thead><tr><th>Mức</th><th>Điều kiện</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>" + (f"<ol>{items}</ol>" if items else "<p>Không có lỗi, cảnh báo.</p>"))


def _targets_block(findings: Sequence[Finding]) -> str:
    targets = [f for f in findings if f.target is not None]
    if not targets:
        return ""
    rows = []
    for f in sorted(targets, key=lambda f: (f.status != "not_met", f.status != "met", f.rule_id)):
        ref = f.target
        assert ref is not None
        observed = "—" if f.observed is None else _fmt(f.observed)
        article = esc(ref.article) if ref.article else "—"
        rows.append(
            f"<tr><td>{esc(f.rule_id)}</td><td>{esc(label(f.indicator) if f.indicator else '')}</td>"
            f"<td>{esc(STATUS_VI.get(f.status or '', ''))}</td><td class=\"num\">{observed}</td>"
            f"<td class=\"num\">{esc(COMPARATOR.get(ref.comparator, ref.comparator))} {_fmt(ref.threshold)} "
            f"({ref.year})</td><td>{esc(ref.document)}<br><span class=\"meta\">{esc(ref.title)}</span></td>"
            f"<td>{article}</td><td>“{esc(ref.quote)}”</td><td>{esc(ref.confidence_text)}</td></tr>")
    return ("<h2>Chỉ tiêu áp dụng / targets applied</h2><table><thead><tr><th>Mã</th><th>Chỉ tiêu</th>"
            "<th>Trạng thái</th><th>Kết quả</th><th>Mức</th><th>Văn bản</th><th>Điều khoản</th><th>Trích dẫn</th>"
            f"<th>Độ tin cậy</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


LEGEND = (
    "<h2>Chú giải / legend</h2><dl class=\"legend\">"
    "<dt><mark class=\"placed\">123</mark> số đã đọc và xếp vào một chỉ tiêu</dt>"
    "<dd>a number read and placed on an indicator</dd>"
    "<dt><mark class=\"unplaced\">123</mark> số đã đọc nhưng chưa xếp được (cần người đối chiếu)</dt>"
    "<dd>a number read but left unplaced by the reader (check it by hand)</dd>"
    "<dt><span class=\"sev-error\">Lỗi</span>, <span class=\"sev-warning\">Cảnh báo</span>, "
    "<span class=\"sev-info\">Thông tin</span></dt><dd>mức độ của phát hiện; phát hiện đặt cạnh câu đầu tiên "
    "nó dùng, dòng nền vàng là câu được dẫn / severity; a finding sits beside the first sentence it uses, "
    "lines with a yellow background are cited</dd>"
    "<dt>Độ tin cậy của chỉ tiêu / target confidence</dt><dd>@CONF@</dd></dl>"
).replace("@CONF@", "<br>".join(f"<b>{esc(mark)}</b>: {esc(vi)} / {esc(en)}"
                                 for mark, (vi, en) in CONFIDENCE_TEXT.items()))


def report_article(evaluation: Evaluation, source: str, lines: list[tuple[int, str]] | None,
                   unplaced: Iterable[tuple[int, float | None]] = (), extracted: bool = False) -> str:
    """One report's section of the page."""
    report = evaluation.report
    ident, g = report.identity, evaluation.grade
    rid = anchor_id(source)
    shown = _shown(evaluation.findings)
    ids = {id(f): _finding_id(rid, index) for index, f in enumerate(shown)}
    place = ", ".join(part for part in (
        f"huyện {ident.district}" if ident.district else "", f"tỉnh {ident.province}") if part)
    period = report.period.label or f"{report.period.kind} {report.period.year}"
    head = (f'<article class="report" id="{rid}" data-commune="{esc(ident.commune)}" data-file="{esc(source)}" '
            f'data-grade="{esc(g.level)}" data-rank="{GRADES.index(g.level)}" data-errors="{g.errors}" '
            f'data-warnings="{g.warnings}">'
            f"<h1>Xã {esc(ident.commune)}, {esc(place)} — {esc(period)}</h1>"
            f'<p class="meta">Tệp / file: {esc(source)}'
            + (f" · số {esc(report.meta.number)}" if report.meta.number else "")
            + (f" · ngày {report.meta.date.strftime('%d/%m/%Y')}" if report.meta.date else "") + "</p>")
    if extracted:
        head += ('<p class="meta">Số liệu được trích tự động từ văn bản — hãy đối chiếu từng số được tô '
                 "/ values were extracted automatically: check each highlighted number.</p>")
    parts = [head, _grade_block(evaluation, ids)]
    anchored: dict[int, list[Finding]] = {}
    cited: dict[int, list[Finding]] = {}
    loose: list[Finding] = []
    known = {number for number, _ in lines} if lines else set()
    for f in shown:
        at = [n for n in _lines(f) if n in known]
        if not at:
            loose.append(f)
            continue
        anchored.setdefault(at[0], []).append(f)
        for n in at[1:]:
            cited.setdefault(n, []).append(f)
    if loose and lines:
        parts.append("<h2>Phát hiện không gắn với một câu / findings not tied to a sentence</h2>"
                     + "".join(finding_card(f, ids[id(f)], True) for f in loose))
    if lines:
        placed = placed_numbers(report)
        left: dict[int, set[float]] = {}
        for line, value in unplaced:
            if value is not None:
                left.setdefault(line, set()).add(float(value))
        rows = []
        for number, text in lines:
            here, also = anchored.get(number, []), cited.get(number, [])
            notes = "".join(finding_card(f, ids[id(f)], True, rid) for f in here)
            notes += "".join(f'<div class="ref">↳ dùng trong <a href="#{ids[id(f)]}">{esc(f.rule_id)}</a></div>'
                             for f in also)
            css = "row cited" if (here or also) else "row"
            rows.append(f'<div class="{css}" id="{rid}-L{number}"><div class="src"><span class="no">{number}</span>'
                        f'{highlight(text, placed.get(number, set()), left.get(number, set()))}</div>'
                        f'<div class="notes">{notes}</div></div>')
        parts.append("<h2>Văn bản báo cáo và phát hiện / the report's text and findings</h2>"
                     f'<div class="text">{"".join(rows)}</div>')
    else:
        parts.append("<h2>Phát hiện / findings</h2><p class=\"meta\">Không có văn bản gốc bên cạnh báo cáo "
                     "(meta.source_file) — mỗi phát hiện trích câu nó dùng / no source text beside the report: "
                     "each finding quotes its sentences.</p>"
                     + "".join(finding_card(f, ids[id(f)], True) for f in shown))
    parts.append(_targets_block(evaluation.findings))
    parts.append(LEGEND)
    parts.append("</article>")
    return "\n".join(parts)


class HtmlPageWriter:
    """The page: head with the style, one article per report, then the failed inputs and the index script."""

    separator = "\n"

    def __init__(self, catalogue: Catalogue | None = None) -> None:
        self.catalogue = catalogue

    def head(self) -> str:
        """The document's start, up to the first report (and the place of the batch's index)."""
        return ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>Kết quả kiểm tra báo cáo chuyển đổi số / check results</title>"
                f"<style>{CSS}</style></head><body>\n<nav id=\"index\"></nav>\n")

    def fragment(self, item: Any) -> str:
        """One report's article (``item`` is a :class:`checker.run.batch.Checked`)."""
        read = item.read
        unplaced = [(c.line, c.value) for c in getattr(read, "candidates", [])]
        return report_article(item.evaluation, item.path.as_posix(), read.source_lines(), unplaced, item.extracted)

    def tail(self, end: BatchEnd) -> str:
        """The inputs that could not be read, the index script and the document's end."""
        return _failed(end) + f"<script>{INDEX_SCRIPT}</script>\n</body></html>"

    def whole_without_reports(self, end: BatchEnd) -> str:
        """A page saying no report could be read."""
        return (self.head() + "<h1>Không có báo cáo nào đọc được / no readable report</h1>"
                + _failed(end) + "</body></html>")


def _failed(end: BatchEnd) -> str:
    if not end.errors:
        return ""
    items = "".join(f"<pre>{esc(error.render())}</pre>" for error in end.errors)
    return (f'<section class="failed"><h2>Không đọc được {len(end.errors)} tệp / unreadable inputs</h2>'
            f"{items}</section>")
