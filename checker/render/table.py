"""The terminal table: findings grouped by severity, Vietnamese first, fitted to the terminal's width.

Rendering is on the hot path of ``check DIR``, so the two table styles are drawn here rather
than by ``tabulate``, and plain text is wrapped here rather than by ``textwrap``; both give the
same text byte for byte (tests/test_table_output.py compares them).  The table renderer covers
the cells this module makes: text columns left-aligned and stripped, columns of whole numbers
right-aligned, widths measured as tabulate measures them (``len``, or ``wcwidth.wcswidth`` when
tabulate has it).  A table it cannot vouch for (a column tabulate would read as decimals, line
breaks other than newline, control characters) is handed to ``tabulate``; text the wrapper cannot
vouch for, to ``textwrap``.
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate, chain, compress, repeat
from typing import Any

from checker.catalogue.store import indicators as indicator_catalogue
from checker.catalogue.store import label
from checker.catalogue.targets import CONFIDENCE_TEXT
from checker.core.numbers import format_number
from checker.decide.evaluate import Evaluation
from checker.decide.findings import CATEGORY_VI, SCORED, SEVERITY_VI, STATUS_VI, Finding
from checker.decide.grading import GRADES
from checker.render.terminal import Terminal, shorten

HEADERS = ["Mã luật", "Nhóm", "Trạng thái", "Nội dung / Message", "Căn cứ / Evidence"]
TARGET_HEADERS = ["Mã", "Chỉ tiêu", "Trạng thái", "Kết quả %", "Mức", "Văn bản"]
PASSES = ("met", "no_data")

# Line breaks other than "\n" (str.splitlines() and tabulate's width disagree on them) and ESC (colour codes).
_BREAKS = ("\r", "\x0b", "\x0c", "\x1b", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
# Control characters but "\n", to which wcwidth gives no width.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# A character no number, "inf", "nan", "True" or "False" can contain: the cell is text to tabulate.
_TEXT_CHAR = re.compile(r"[^\s\d+\-._,eEiInNfFtTyYaArRuUlLsS]")
_WHOLE = re.compile(r"-?[0-9]+")
# Where textwrap breaks a hyphenated word (its wordsep_re): after "-" with letters around it.
_HYPHEN_BREAK = re.compile(r"(?:(?<=[^\d\W]{2}-)|(?<=[^\d\W]-[^\d\W]-))(?=[^\d\W]-?[^\d\W])")


def wrap_lines(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width)``, computed directly for single-spaced printable text.

    textwrap cuts such text into chunks (words, single spaces, the parts of hyphenated words) and
    makes each line the longest run of chunks that fits, less a trailing space.  Text with tabs,
    runs of spaces, "--" or other whitespace, or a chunk longer than ``width``, is left to textwrap.
    """
    if not text or not text.isprintable() or "  " in text or "--" in text or text[0] == " " or text[-1] == " ":
        return textwrap.wrap(text, width)
    lines = []
    start = 0  # always at a chunk that starts a word or follows a hyphen
    while len(text) - start > width:
        limit = start + width
        space = text.rfind(" ", start, limit + 1)
        after = start if space == -1 else space + 1  # a hyphen break after the last space wins over it
        hyphen = text.rfind("-", after, limit)
        while hyphen != -1 and not _HYPHEN_BREAK.match(text, hyphen + 1):
            hyphen = text.rfind("-", after, hyphen)
        if hyphen != -1:
            lines.append(text[start:hyphen + 1])
            start = hyphen + 1
        elif space != -1:
            lines.append(text[start:space])
            start = space + 1
        else:  # the chunk at ``start`` is longer than a line: textwrap breaks it (the line before may change)
            return textwrap.wrap(text, width)
    lines.append(text[start:])
    return lines


@lru_cache(maxsize=8192)
def _wrap(text: str, width: int) -> str:
    return "\n".join(wrap_lines(text, width)) if text else ""


def tabulate(rows: Sequence[Sequence[str]], **options: Any) -> str:
    """``tabulate.tabulate``, imported when a table is left to it.

    Importing tabulate (0.10) looks up its own version in the installed distributions' metadata
    (``importlib.metadata``) and imports ``html``: a cold ``check`` whose table is drawn here
    never pays for it.
    """
    from tabulate import tabulate as tabulate_table

    return tabulate_table(rows, **options)


def _width_fn() -> Callable[[str], int]:
    """The width tabulate gives a line: wcwidth's when tabulate has it in wide-character mode.

    When tabulate is not imported yet, its mode is the one importing it would set: wide when
    ``wcwidth`` can be imported (tabulate's own test), so the answer is the same either way.
    """
    tabulate_module = sys.modules.get("tabulate")
    if tabulate_module is None:
        try:
            import wcwidth  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            return len
        return wcwidth.wcswidth  # type: ignore[no-any-return,unused-ignore]
    found = getattr(tabulate_module, "wcwidth", None)
    if found is not None and getattr(tabulate_module, "WIDE_CHARS_MODE", False):
        return found.wcswidth  # type: ignore[no-any-return,unused-ignore]
    return len


Layout = tuple[list[int], list[str], list[list[str]], list[int]]


def _unusual(text: str, width: Callable[[str], int]) -> bool:
    """Whether ``text`` has characters the renderer leaves to tabulate."""
    if text.replace("\n", " ").isprintable():
        return False
    return any(ch in text for ch in _BREAKS) or (width is not len and _CONTROL.search(text) is not None)


def _padded(lines: list[str], header: str, right: bool, width: Callable[[str], int]) -> tuple[int, str, list[str]]:
    """The column width, the padded header and the padded ``lines``, as tabulate pads them."""
    if width is len:
        w = max(len(header) + 2, max(map(len, lines), default=0))
        pad = str.rjust if right else str.ljust
        return w, pad(header, w), list(map(pad, lines, repeat(w)))
    w = max(width(header) + 2, max(map(width, lines), default=0))  # wcswidth: pad by the difference, as tabulate does
    if right:
        return w, " " * (w - width(header)) + header, [" " * (w - width(line)) + line for line in lines]
    return w, header + " " * (w - width(header)), [line + " " * (w - width(line)) for line in lines]


def _layout(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> Layout | None:
    """The table laid out as tabulate lays it out, or None where that is not certain.

    Returns the column widths, the padded headers, per column the padded lines of all rows one
    after another (short cells filled with blank lines), and the number of lines of each row.
    When any cell has a newline, tabulate splits every cell into lines, an empty cell into none:
    a row of empty cells then takes no line at all.
    """
    width = _width_fn()
    if not rows or "\n" in "".join(headers) or _unusual("".join(headers), width):
        return None
    columns: list[tuple[bool, list[str], list[list[str]] | None]] = []  # right-aligned, cells, cells' lines
    multiline = False
    for cells in zip(*rows, strict=True):
        joined = " ".join(cells)
        if _unusual(joined, width):
            return None
        if not _TEXT_CHAR.search(joined):
            if not all(_WHOLE.fullmatch(cell) for cell in cells if cell):
                return None  # tabulate would read decimals (or "nan", "True"): let it
            if any(cells):  # whole numbers: tabulate aligns them right and does not strip them
                columns.append((True, list(cells), None))
                continue
        stripped = list(map(str.strip, cells))
        if "\n" in joined:
            multiline = True
            columns.append((False, stripped, [cell.split("\n") if cell else [] for cell in stripped]))
        else:
            columns.append((False, stripped, None))
    if multiline:
        counts = [map(len, lines) if lines is not None else map(bool, cells) for _, cells, lines in columns]
        heights = list(map(max, zip(*counts, strict=True)))
    else:
        heights = [1] * len(rows)
    starts = list(accumulate(heights, initial=0))
    total = starts.pop()
    widths: list[int] = []
    heads: list[str] = []
    flats: list[list[str]] = []
    for (right, column_cells, lines), header in zip(columns, headers, strict=True):
        if lines is not None:
            for cell, height in zip(lines, heights, strict=True):
                if len(cell) < height:
                    cell.extend([""] * (height - len(cell)))
            w, head, flat = _padded(list(chain.from_iterable(lines)), header, right, width)
        else:
            w, head, flat = _padded(column_cells, header, right, width)
            if multiline:  # one line per non-empty cell, in rows of several lines (or none)
                flat, padded = [" " * w] * total, flat
                for start, line in zip(compress(starts, column_cells), compress(padded, column_cells), strict=True):
                    flat[start] = line
        widths.append(w)
        heads.append(head)
        flats.append(flat)
    return widths, heads, flats, heights


def grid_table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    """``tabulate(rows, headers=headers, tablefmt="simple_grid")`` for rows of strings, drawn directly where exact."""
    layout = _layout(rows, headers)
    if layout is None:
        return tabulate(rows, headers=headers, tablefmt="simple_grid")
    widths, heads, flats, heights = layout
    between = "├" + "┼".join("─" * (w + 2) for w in widths) + "┤"
    # Every line ends in "│", so tabulate's rstrip of each line changes nothing here.
    body = [f"│ {line} │" for line in map(" │ ".join, zip(*flats, strict=True))]
    lines = ["┌" + "┬".join("─" * (w + 2) for w in widths) + "┐", "│ " + " │ ".join(heads) + " │"]
    start = 0
    for height in heights:
        lines.append(between)
        lines.extend(body[start:start + height])
        start += height
    lines.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
    return "\n".join(lines)


def simple_table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    """``tabulate(rows, headers=headers, tablefmt="simple")`` for rows of strings, drawn directly where exact."""
    layout = _layout(rows, headers)
    if layout is None:
        return tabulate(rows, headers=headers, tablefmt="simple")
    widths, heads, flats, _heights = layout
    lines = ["  ".join(heads).rstrip(), "  ".join("-" * w for w in widths)]
    lines.extend(line.rstrip() for line in map("  ".join, zip(*flats, strict=True)))
    return "\n".join(lines)


EVIDENCE_ITEMS = 3
"""At most this many quoted sentences per finding; the others are counted."""
WIDE_MESSAGE = 48
"""The narrowest message column of the grid: below it, findings are listed one under another."""
EVIDENCE_WIDTH = 30
FRAME = 16
"""What the grid's borders and padding take of five columns: 3 per column and 1."""


def _quotes(finding: Finding, limit: int) -> list[str]:
    """Each source line a finding used, with its sentence shortened: 'dòng 53 “(CBCCVC) 20 người”'."""
    seen: dict[int, str] = {}
    for item in finding.evidence.items:
        if item.line and item.line not in seen:
            seen[item.line] = item.quote or ""
    shown = []
    for line, quote in sorted(seen.items())[:EVIDENCE_ITEMS]:
        shown.append(f"dòng {line} “{shorten(quote, limit)}”" if quote.strip() else f"dòng {line}")
    if len(seen) > EVIDENCE_ITEMS:
        shown.append(f"và {len(seen) - EVIDENCE_ITEMS} dòng khác")
    return shown


def _source(finding: Finding) -> str:
    """The target's document, article and confidence mark, e.g. '06-NQ/TU, Điều 3 (sec)'."""
    ref = finding.target
    if ref is None:
        return ""
    article = f", {ref.article}" if ref.article else ""
    return f"{ref.document}{article} ({ref.confidence})"


def _evidence(finding: Finding, width: int) -> str:
    parts = _quotes(finding, 2 * width)
    if finding.target is not None:
        parts.append(_source(finding))
    return "\n".join(_wrap(part, width) for part in parts)


def legend(findings: Sequence[Finding], width: int) -> str:
    """What the confidence marks of the targets shown mean ('' when no target is shown)."""
    marks = sorted({f.target.confidence for f in findings if f.target is not None})
    if not marks:
        return ""
    texts = [f"({mark}) {CONFIDENCE_TEXT[mark][0]}" if mark in CONFIDENCE_TEXT else f"({mark})" for mark in marks]
    return _wrap_hanging("Độ tin cậy của chỉ tiêu / target confidence: " + "; ".join(texts) + ".", width, 2)


def hanging_lines(text: str, width: int, first: str, rest: str) -> list[str]:
    """``textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)``,
    computed directly for single-spaced printable text.

    Without hyphen breaks textwrap cuts such text into words and single spaces, and makes each line its
    indent and the longest run of words, joined by their spaces, that fits the width less the indent.
    Text with other whitespace or runs of spaces, or with a word that does not fit and is longer than the
    line it would end or the one it would start (textwrap breaks such a word), is left to textwrap.
    """
    if not text or not text.isprintable() or "  " in text or text[0] == " " or text[-1] == " ":
        return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)
    lines = []
    indent, room = first, width - len(first)
    line: list[str] = []
    used = -1  # the line's length without its indent, less the space before its first word
    for word in text.split(" "):
        if used + 1 + len(word) <= room:
            line.append(word)
            used += 1 + len(word)
            continue
        if len(word) > room or len(word) > width - len(rest):  # longer than its line or the next: textwrap breaks it
            return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)
        lines.append(indent + " ".join(line))
        indent, room = rest, width - len(rest)
        line, used = [word], len(word)
    if line:
        lines.append(indent + " ".join(line))
    return lines


@lru_cache(maxsize=8192)
def _wrap_hanging(text: str, width: int, indent: int, first: str = "") -> str:
    """``text`` wrapped to ``width``, lines after the first indented by ``indent`` spaces."""
    return "\n".join(hanging_lines(text, width, first, " " * indent)) or first.rstrip()


@lru_cache(maxsize=1024)
def _level(comparator: str, threshold: float, year: int) -> str:
    return f"{comparator} {format_number(threshold)} ({year})"


def _status(finding: Finding) -> str:
    return "Đã miễn trừ / waived" if finding.waiver else STATUS_VI.get(finding.status or "", "")


def _grid_widths(rows: list[Finding], width: int) -> tuple[int, int] | None:
    """The message and evidence widths that fit the grid in ``width`` columns, or None when it cannot."""
    fixed = 0
    for header, cells in zip(HEADERS[:3], ([f.rule_id for f in rows], [CATEGORY_VI[f.category] for f in rows],
                                           [_status(f) for f in rows]), strict=True):
        fixed += max(len(header) + 2, max(map(len, cells), default=0))
    evidence = EVIDENCE_WIDTH if width >= 160 else EVIDENCE_WIDTH - 4
    message = min(90, width - FRAME - fixed - max(evidence, len(HEADERS[4]) + 2))
    return (message, evidence) if message >= WIDE_MESSAGE else None


def _grid(rows: list[Finding], widths: tuple[int, int]) -> str:
    message, evidence = widths
    table = [[f.rule_id, CATEGORY_VI[f.category], _status(f),
              _wrap(f.message.vi, message) + "\n" + _wrap(f.message.en, message), _evidence(f, evidence)]
             for f in rows]
    return grid_table(table, HEADERS)


def _listed(rows: list[Finding], width: int, term: Terminal) -> str:
    """Findings one under another, for a narrow terminal: id and group, message, English, sentences."""
    blocks = []
    inner = width - 4
    for f in rows:
        status = _status(f)
        head = " · ".join(part for part in (f.rule_id, CATEGORY_VI[f.category], status) if part)
        lines = ["  " + term.paint(line, "bold") for line in wrap_lines(head, width - 2)]
        lines += ["    " + line for line in wrap_lines(f.message.vi, inner)]
        lines += ["    " + term.paint(line, "dim") for line in wrap_lines(f.message.en, inner)]
        for quote in _quotes(f, 2 * inner - 12):
            lines.append(_wrap_hanging(quote, width, 6, "    ↳ "))
        if f.target is not None:
            lines.append(_wrap_hanging("Văn bản: " + _source(f), width, 6, "    ↳ "))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _targets_table(findings: list[Finding], width: int) -> str:
    ordered = sorted(findings, key=lambda f: (f.status != "met", f.rule_id))
    if width >= 140:
        rows = []
        for f in ordered:
            ref = f.target
            observed = "—" if f.observed is None else format_number(f.observed)
            rows.append([f.rule_id, _wrap(label(f.indicator) if f.indicator else "", 44),
                         STATUS_VI[f.status or ""], observed,
                         _level(ref.comparator, ref.threshold, ref.year) if ref else "",
                         _wrap(f"{ref.document} ({ref.confidence})", 26) if ref else ""])
        return simple_table(rows, TARGET_HEADERS)
    lines = []
    for f in ordered:
        ref = f.target
        unit = " %" if f.indicator and indicator_catalogue()[f.indicator].unit == "percent" else ""
        observed = "" if f.observed is None else f" = {format_number(f.observed)}{unit}"
        level = (f"; mức {_level(ref.comparator, ref.threshold, ref.year)}, {ref.document} ({ref.confidence})"
                 if ref else "")
        name = label(f.indicator) if f.indicator else ""
        text = f"{f.rule_id} {STATUS_VI[f.status or '']}: {name}{observed}{level}"
        lines.append(_wrap_hanging(text, width, 6, "  "))
    return "\n".join(lines)


def _scored_lines(findings: list[Finding], width: int) -> str:
    """Classification points (NĐ 307): the message in both languages and the sentence it read."""
    lines = []
    for f in findings:
        lines.append(_wrap_hanging(f"{f.rule_id} {STATUS_VI[f.status or '']}: {f.message.vi}", width, 6, "  "))
        lines.append(_wrap_hanging(f.message.en, width, 6, "      "))
        lines += [_wrap_hanging(quote, width, 8, "      ↳ ") for quote in _quotes(f, 2 * width - 16)]
    return "\n".join(lines)


def render_table(evaluation: Evaluation, source: str, show_info: bool = True, extracted: bool = False,
                 term: Terminal | None = None) -> str:
    """The findings of one report, one block per severity, the targets met, a legend and the grade.

    On a terminal wide enough (about 140 columns) findings are a grid; narrower, they are listed
    one under another, so no line is longer than ``term.width``.
    """
    term = term or Terminal()
    width = term.width
    report = evaluation.report
    ident = report.identity
    place = (f"Xã {ident.commune}" + (f", huyện {ident.district}" if ident.district else "")
             + f", tỉnh {ident.province} — {report.period.label or f'{report.period.kind} {report.period.year}'}")
    header = [_wrap_hanging(source, width, 2), _wrap_hanging(place, width, 2)]
    if extracted:
        header.append(_wrap_hanging(
            "Số liệu được trích tự động từ văn bản; mỗi phát hiện ghi dòng nguồn — hãy đối chiếu "
            "(`checker extract` để xem bản nháp). / Values were extracted from the document; "
            "check each finding's source lines.", width, 0))
    blocks = ["\n".join(header)]
    passes = [f for f in evaluation.findings if f.status in PASSES]
    shown: list[Finding] = list(passes)
    for severity in ("error", "warning", "info"):
        if severity == "info" and not show_info:
            continue
        rows = [f for f in evaluation.findings
                if f.severity == severity and f.status not in PASSES and f.status not in SCORED]
        if not rows:
            continue
        shown += rows
        blocks.append(term.paint(f"{SEVERITY_VI[severity]} / {severity} ({len(rows)})", severity))
        widths = _grid_widths(rows, width)
        blocks.append(_grid(rows, widths) if widths else _listed(rows, width, term))
    if passes:
        blocks.append(_wrap_hanging(
            f"Chỉ tiêu đạt hoặc không có số liệu / targets met or not reported ({len(passes)})", width, 2))
        blocks.append(_targets_table(passes, width))
    scored = [f for f in evaluation.findings if f.status in SCORED]
    if scored:
        blocks.append(_wrap_hanging("Điểm phân loại đơn vị hành chính (NĐ 307/2025/NĐ-CP), không tính vào xếp "
                                    f"loại / classification points, not graded ({len(scored)})", width, 2))
        blocks.append(_scored_lines(scored, width))
        shown += scored
    note = legend(shown, width)
    if note:
        blocks.append(note)
    g = evaluation.grade
    blocks.append(term.paint(_wrap_hanging(
        f"Xếp loại / Grade: {g.level} ({g.level_en}) — lỗi {g.errors}, cảnh báo {g.warnings}, "
        f"thông tin {g.infos}; chỉ tiêu đạt {g.targets_met}, chưa đạt {g.targets_not_met}, "
        f"không có số liệu {g.targets_no_data} (tỷ lệ đạt {format_number(g.targets_met_share)} %)", width, 2),
        "bold"))
    return "\n\n".join(blocks)


def quiet_line(evaluation: Evaluation, source: str, term: Terminal | None = None) -> str:
    """One line for one report (``check --quiet``): grade, errors, warnings, file, and the commune if it fits."""
    term = term or Terminal()
    g = evaluation.grade
    style = "error" if g.errors else "warning" if g.warnings else "good"
    line = f"{g.level:<10} {g.errors:>3} lỗi {g.warnings:>3} cảnh báo  {source}"
    commune = f" (xã {evaluation.report.identity.commune})"
    if len(line) + len(commune) <= term.width:
        line += commune
    return term.paint(line[:10], style) + line[10:]


def summary_line(batch, term: Terminal | None = None) -> str:
    """The lines over a batch: reports checked and unreadable, findings by severity, reports per grade.

    Its length does not grow with the batch: grades are counted, not listed.
    """
    term = term or Terminal()
    tally = batch.tally
    by = tally.by_severity
    per_grade = tally.grades
    grades = ", ".join(f"{level} {per_grade[level]}" for level in GRADES if per_grade[level])
    text = (f"Tổng cộng / total: {tally.reports} báo cáo đã kiểm tra, {len(batch.errors)} không đọc được; "
            f"lỗi {by['error']}, cảnh báo {by['warning']}, thông tin {by['info']}, miễn trừ {tally.waived}. "
            f"Xếp loại: {grades or '—'}.")
    return _wrap_hanging(text, term.width, 2)
