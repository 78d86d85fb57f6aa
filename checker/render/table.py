"""The terminal table: findings grouped by severity, Vietnamese first.

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
import textwrap
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate, chain, compress, repeat

import tabulate as tabulate_module
from tabulate import tabulate

from checker.catalogue.store import label
from checker.core.numbers import format_number
from checker.decide.evaluate import Evaluation
from checker.decide.findings import CATEGORY_VI, SEVERITY_VI, STATUS_VI, Finding

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


def _width_fn() -> Callable[[str], int]:
    """The width tabulate gives a line: wcwidth's when tabulate has it in wide-character mode."""
    wcwidth = getattr(tabulate_module, "wcwidth", None)
    if wcwidth is not None and getattr(tabulate_module, "WIDE_CHARS_MODE", False):
        return wcwidth.wcswidth
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
    for (right, cells, lines), header in zip(columns, headers, strict=True):
        if lines is not None:
            for cell, height in zip(lines, heights, strict=True):
                if len(cell) < height:
                    cell.extend([""] * (height - len(cell)))
            w, head, flat = _padded(list(chain.from_iterable(lines)), header, right, width)
        else:
            w, head, flat = _padded(cells, header, right, width)
            if multiline:  # one line per non-empty cell, in rows of several lines (or none)
                flat, padded = [" " * w] * total, flat
                for start, line in zip(compress(starts, cells), compress(padded, cells), strict=True):
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


def _evidence(finding: Finding) -> str:
    parts = []
    lines = sorted({item.line for item in finding.evidence.items if item.line})
    if lines:
        parts.append("dòng " + ", ".join(str(n) for n in lines))
    if finding.target is not None:
        ref = finding.target
        article = f", {ref.article}" if ref.article else ""
        parts.append(f"{ref.document}{article} ({ref.confidence})")
    return _wrap("; ".join(parts), 28)


@lru_cache(maxsize=1024)
def _level(comparator: str, threshold: float, year: int) -> str:
    return f"{comparator} {format_number(threshold)} ({year})"


def _targets_table(findings: list[Finding]) -> str:
    rows = []
    for f in sorted(findings, key=lambda f: (f.status != "met", f.rule_id)):
        ref = f.target
        observed = "—" if f.observed is None else format_number(f.observed)
        rows.append([f.rule_id, _wrap(label(f.indicator) if f.indicator else "", 44),
                     STATUS_VI[f.status or ""], observed,
                     _level(ref.comparator, ref.threshold, ref.year) if ref else "",
                     _wrap(f"{ref.document} ({ref.confidence})", 26) if ref else ""])
    return simple_table(rows, TARGET_HEADERS)


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
    passes = [f for f in evaluation.findings if f.status in PASSES]
    for severity in ("error", "warning", "info"):
        if severity == "info" and not show_info:
            continue
        rows = [f for f in evaluation.findings if f.severity == severity and f.status not in PASSES]
        if not rows:
            continue
        table = [
            [f.rule_id, CATEGORY_VI[f.category],
             "Đã miễn trừ / waived" if f.waiver else STATUS_VI.get(f.status or "", ""),
             _wrap(f.message.vi, 60) + "\n" + _wrap(f.message.en, 60), _evidence(f)]
            for f in rows
        ]
        blocks.append(f"{SEVERITY_VI[severity]} / {severity} ({len(rows)})")
        blocks.append(grid_table(table, HEADERS))
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
