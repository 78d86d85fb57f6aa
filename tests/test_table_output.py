"""The table output is drawn by hand for speed; it must stay byte-identical to tabulate + textwrap.

The reference below is the renderer as it was written with tabulate ("simple_grid" and "simple")
and textwrap.wrap; every case here compares the fast renderer with it, in both of tabulate's
width modes (len, and wcwidth's when installed; a stand-in wcwidth otherwise).
"""

import copy
import datetime as dt
import random
import textwrap
import types
import unicodedata
from dataclasses import replace

import pytest
import tabulate as tabulate_module
from tabulate import tabulate

from checker.catalogue.store import label
from checker.core.numbers import format_number
from checker.decide.evaluate import Evaluation, evaluate
from checker.decide.findings import CATEGORY_VI, SEVERITY_VI, STATUS_VI, Message
from checker.decide.waivers import load_waivers
from checker.read.json_report import load_report
from checker.render import table
from tests.conftest import FIXTURES, WAIVERS

# --- the reference: the renderer as written with tabulate and textwrap ---------------------------

WIDE = 200


def _ref_wrap(text, width):
    return "\n".join(textwrap.wrap(text, width)) if text else ""


def _ref_evidence(finding, width):
    parts = table._quotes(finding, 2 * width)
    if finding.target is not None:
        parts.append(table._source(finding))
    return "\n".join(_ref_wrap(part, width) for part in parts)


def reference_render(evaluation, source, show_info=True, extracted=False, width=WIDE):
    """The wide layout drawn by tabulate and textwrap (cell contents come from the module's own helpers)."""
    term = table.Terminal(width)
    report = evaluation.report
    ident = report.identity
    place = (f"Xã {ident.commune}" + (f", huyện {ident.district}" if ident.district else "")
             + f", tỉnh {ident.province} — {report.period.label or f'{report.period.kind} {report.period.year}'}")
    header = [table._wrap_hanging(source, width, 2), table._wrap_hanging(place, width, 2)]
    if extracted:
        header.append(table._wrap_hanging(
            "Số liệu được trích tự động từ văn bản; mỗi phát hiện ghi dòng nguồn — hãy đối chiếu "
            "(`checker extract` để xem bản nháp). / Values were extracted from the document; "
            "check each finding's source lines.", width, 0))
    blocks = ["\n".join(header)]
    passes = [f for f in evaluation.findings if f.status in ("met", "no_data")]
    shown = list(passes)
    for severity in ("error", "warning", "info"):
        rows = [f for f in evaluation.findings
                if f.severity == severity and f not in passes and f.status not in ("scored", "not_scored")]
        if not rows or (severity == "info" and not show_info):
            continue
        shown += rows
        blocks.append(f"{SEVERITY_VI[severity]} / {severity} ({len(rows)})")
        widths = table._grid_widths(rows, width)
        if widths is None:
            blocks.append(table._listed(rows, width, term))
            continue
        message, evidence = widths
        cells = [[f.rule_id, CATEGORY_VI[f.category],
                  "Đã miễn trừ / waived" if f.waiver else STATUS_VI.get(f.status or "", ""),
                  _ref_wrap(f.message.vi, message) + "\n" + _ref_wrap(f.message.en, message),
                  _ref_evidence(f, evidence)]
                 for f in rows]
        blocks.append(tabulate(cells, headers=table.HEADERS, tablefmt="simple_grid"))
    if passes:
        blocks.append(f"Chỉ tiêu đạt hoặc không có số liệu / targets met or not reported ({len(passes)})")
        target_rows = []
        for f in sorted(passes, key=lambda f: (f.status != "met", f.rule_id)):
            ref = f.target
            target_rows.append([
                f.rule_id, _ref_wrap(label(f.indicator) if f.indicator else "", 44), STATUS_VI[f.status or ""],
                "—" if f.observed is None else format_number(f.observed),
                f"{ref.comparator} {format_number(ref.threshold)} ({ref.year})" if ref else "",
                _ref_wrap(f"{ref.document} ({ref.confidence})", 26) if ref else ""])
        blocks.append(tabulate(target_rows, headers=table.TARGET_HEADERS, tablefmt="simple"))
    scored = [f for f in evaluation.findings if f.status in ("scored", "not_scored")]
    if scored:  # classification points (NĐ 307): their own block, whatever show_info says
        blocks.append(table._wrap_hanging("Điểm phân loại đơn vị hành chính (NĐ 307/2025/NĐ-CP), không tính vào "
                                          f"xếp loại / classification points, not graded ({len(scored)})", width, 2))
        blocks.append(table._scored_lines(scored, width))
        shown += scored
    note = table.legend(shown, width)
    if note:
        blocks.append(note)
    g = evaluation.grade
    blocks.append(table._wrap_hanging(
        f"Xếp loại / Grade: {g.level} ({g.level_en}) — lỗi {g.errors}, cảnh báo {g.warnings}, "
        f"thông tin {g.infos}; chỉ tiêu đạt {g.targets_met}, chưa đạt {g.targets_not_met}, "
        f"không có số liệu {g.targets_no_data} (tỷ lệ đạt {format_number(g.targets_met_share)} %)", width, 2))
    return "\n\n".join(blocks)


def wide(evaluation, source, show_info=True, extracted=False):
    return table.render_table(evaluation, source, show_info, extracted, term=table.Terminal(WIDE))


# --- width modes ---------------------------------------------------------------------------------


def _stand_in_wcswidth(text):
    """Width as wcwidth counts it, near enough to exercise tabulate's wide-character padding."""
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        return -1
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf"
               else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.fixture(params=["len", "wide"])
def width_mode(request, monkeypatch):
    """Run a test with tabulate measuring by len, then by wcswidth (the real one if installed)."""
    if request.param == "len":
        monkeypatch.setattr(tabulate_module, "WIDE_CHARS_MODE", False)
    else:
        if getattr(tabulate_module, "wcwidth", None) is None:
            monkeypatch.setattr(tabulate_module, "wcwidth", types.SimpleNamespace(wcswidth=_stand_in_wcswidth),
                                raising=False)
        monkeypatch.setattr(tabulate_module, "WIDE_CHARS_MODE", True)
    return request.param


# --- evaluations ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_evaluations():
    return [evaluate(load_report(path)) for path in sorted(FIXTURES.glob("*.json"))]


@pytest.fixture(scope="module")
def waived_evaluations(tmp_path_factory):
    path = tmp_path_factory.mktemp("waivers") / "waivers.yaml"
    path.write_text(textwrap.dedent(WAIVERS), encoding="utf-8")
    waivers = load_waivers(path)
    result = [evaluate(load_report(path), waivers=waivers, today=dt.date(2024, 1, 15))
              for path in sorted(FIXTURES.glob("*.json"))]
    assert any(f.waiver for e in result for f in e.findings), "the waivers should waive something"
    assert any(f.rule_id == "WV001" for e in result for f in e.findings), "an expired waiver should be reported"
    return result


AWKWARD = ["Tỷ lệ", " ", " ", "  ", "—", "∉", "≥", "e\u0301", "\u00a0", "x-y", "QĐ-TTg", "--", "-3", "12", "1.000",
           "\t", "\n", "a" * 70, "中", "\u200b", "nan", ""]


def _mutated(evaluation: Evaluation, seed: int) -> Evaluation:
    """A copy with awkward messages, documents, observed values and rule ids (deterministic)."""
    rnd = random.Random(seed)

    def text():
        return "".join(rnd.choice(AWKWARD) for _ in range(rnd.randint(0, 20)))

    evaluation = copy.deepcopy(evaluation)
    for at, f in enumerate(evaluation.findings):  # findings are frozen: each change is a copy
        roll = rnd.random()
        if roll < 0.3:
            f = replace(f, message=Message(vi=text(), en=text()))
        elif roll < 0.4 and f.target is not None:
            f = replace(f, target=replace(f.target, document=text(), confidence=rnd.choice(["", text()])))
        elif roll < 0.5:
            f = replace(f, observed=rnd.choice([None, 0, 5, 85.5, 1000, 12345.678, -3]))
        elif roll < 0.55:
            f = replace(f, rule_id=rnd.choice(["", "12", "nan", text()]))
        evaluation.findings[at] = f
    return evaluation


def _all_whole_numbers(evaluation: Evaluation) -> Evaluation:
    """A copy whose passes all observed a whole number below 1000: tabulate aligns that column right."""
    evaluation = copy.deepcopy(evaluation)
    for index, f in enumerate(evaluation.findings):
        if f.status in table.PASSES:
            evaluation.findings[index] = replace(f, observed=40 + index)
    return evaluation


# --- tests ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("show_info", "extracted"), [(True, False), (False, False), (True, True), (False, True)])
def test_fixtures_render_as_tabulate_renders_them(width_mode, fixture_evaluations, show_info, extracted):
    for evaluation in fixture_evaluations:
        assert (wide(evaluation, "r.json", show_info, extracted)
                == reference_render(evaluation, "r.json", show_info, extracted))


def test_waived_findings_render_as_tabulate_renders_them(width_mode, waived_evaluations):
    for evaluation in waived_evaluations:
        text = wide(evaluation, "r.json")
        assert text == reference_render(evaluation, "r.json")
    assert any("Đã miễn trừ / waived" in wide(e, "r.json") for e in waived_evaluations)


def test_awkward_text_renders_as_tabulate_renders_it(width_mode, fixture_evaluations, waived_evaluations):
    for seed, evaluation in enumerate(fixture_evaluations + waived_evaluations):
        for round_ in range(4):
            mutated = _mutated(evaluation, seed * 10 + round_)
            assert wide(mutated, "r") == reference_render(mutated, "r"), (seed, round_)


def test_a_column_of_whole_numbers_is_right_aligned_as_tabulate_does(width_mode, fixture_evaluations):
    for evaluation in map(_all_whole_numbers, fixture_evaluations):
        assert wide(evaluation, "r") == reference_render(evaluation, "r")


TABLES = {
    "empty cells": [["CS001", "", "Chưa đạt", "", ""], ["", "", "", "Nội dung", ""]],
    "multi-line cells": [["CS001", "Nhất quán", "", "dòng một\ndòng hai\nba", "dòng 3, 4;\nQĐ (sec)"],
                         ["TG002", "Chỉ tiêu", "Đạt", "một", "a\n\nb"]],
    "rows of empty cells among multi-line ones": [["", "", "", " \n ", ""], ["a", "b", "c", "d\ne", "f"]],
    "whole numbers": [["TG001", "Tỷ lệ", "Đạt", "100", ">= 70 (2025)"], ["TG002", "", "Đạt", "7", ""],
                      ["TG003", "x", "Không có số liệu", "", "—"]],
    "decimals (left to tabulate)": [["TG001", "Tỷ lệ", "Đạt", "1.000", ">= 70"], ["TG002", "", "Đạt", "85", ""]],
    "Vietnamese marks and symbols": [["e\u0301\u0323", "—", "∉ ≥ ≤", "Tỷ lệ văn bản đi được ký số", "\u00a0x\u00a0"],
                                     ["中文", "👍", "\u200bzero", "Đạt", "ǅ"]],
    "numbers tabulate would read": [["nan", "True", "1e5", "inf", "-3"], ["1", "False", "2", "-inf", "4"]],
    "surrounding whitespace": [["  a  ", "\tb", "c\u2009", " \n d \n ", "12 "], ["x", "y", "z", "w", "v"]],
    "control and line-break characters (left to tabulate)": [["a\rb", "c\x1b[31md\x1b[0m", "e\u2028f", "g\x07", "h"]],
}


@pytest.mark.parametrize("name", list(TABLES))
def test_tables_match_tabulate(width_mode, name):
    rows = TABLES[name]
    headers = table.HEADERS[:len(rows[0])]
    assert table.grid_table(rows, headers) == tabulate(rows, headers=headers, tablefmt="simple_grid")
    assert table.simple_table(rows, headers) == tabulate(rows, headers=headers, tablefmt="simple")


def test_generated_tables_match_tabulate(width_mode):
    rnd = random.Random(5)
    atoms = ["a", "Đạt", "ệ", "e\u0301", " ", "\n", "—", "∉", "≥", "中", "\u00a0", "12", "-3", "1.000", "85,5", "nan",
             "x-y", "%", "\t"]
    for _ in range(300):
        width = rnd.randint(1, 6)
        headers = [rnd.choice(["Mã", "Kết quả %", "Nội dung / Message", "x"]) for _ in range(width)]
        rows = [["" if rnd.random() < 0.15 else str(rnd.randint(-9, 999)) if rnd.random() < 0.2
                 else "".join(rnd.choice(atoms) for _ in range(rnd.randint(1, 5))) for _ in range(width)]
                for _ in range(rnd.randint(1, 5))]
        assert table.grid_table(rows, headers) == tabulate(rows, headers=headers, tablefmt="simple_grid"), rows
        assert table.simple_table(rows, headers) == tabulate(rows, headers=headers, tablefmt="simple"), rows


WRAP_TEXTS = [
    "Tỷ lệ hồ sơ TTHC tiếp nhận trực tuyến: 17,65 %, chưa đạt chỉ tiêu >= 80 % (942/QĐ-TTg, 2025).",
    "Tổng số máy tính 24 khác số máy tại các phòng + Một cửa 25 (chênh -1).",
    "06-NQ/TU, Điều 3 (sec); dòng 12, 14", "well-known self-contained a-b-cd ab-cd-ef", "--em dash-- and -- spaces",
    "  leading and trailing  ", "tabs\tand\nnewlines", "no\u00a0break space", "a" * 70 + " tail", "x " * 40, "",
    " ", "-", "a-" * 30, "Đạt-Đạt-Đạt", "1-2-3 12-ab ab-12",
]


@pytest.mark.parametrize("text", WRAP_TEXTS)
def test_wrap_lines_matches_textwrap(text):
    for width in range(1, 71):
        assert table.wrap_lines(text, width) == textwrap.wrap(text, width), width


def test_generated_text_wraps_as_textwrap_wraps_it():
    rnd = random.Random(11)
    parts = ["a", "ạ", "Đ", "-", "ab-", "-cd", "x-y", "1", "2-", "—", ".", "'", "_", "e\u0301", "/", "QĐ-TTg", "a-b-c",
             "abcdef-ghijkl", " ", "  ", "\u00a0", "--"]
    for _ in range(3000):
        text = " ".join("".join(rnd.choice(parts) for _ in range(rnd.randint(1, 5))) for _ in range(rnd.randint(1, 10)))
        width = rnd.randint(1, 30)
        assert table.wrap_lines(text, width) == textwrap.wrap(text, width), (text, width)


WIDTH_BEFORE_TABULATE = """
import sys
from checker.render import table
before = table._width_fn()
assert "tabulate" not in sys.modules
import tabulate
print("SAME", before is table._width_fn(), tabulate.WIDE_CHARS_MODE)
"""


def test_the_width_before_tabulate_is_imported_is_the_one_it_sets_on_import():
    # the renderer does not import tabulate for a table it draws itself: the width it measures by
    # then is tabulate's own default (wcwidth's when it can be imported), as after the import
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", WIDTH_BEFORE_TABULATE], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(root)}, check=True)
    assert done.stdout.split("SAME", 1)[1].split()[0] == "True"


HANGING_INDENTS = [("", ""), ("", "  "), ("  ", "      "), ("    ↳ ", "      "), ("      ↳ ", "        "),
                   ("      ", "      "), ("ab", ""), ("          ", " ")]


@pytest.mark.parametrize("text", WRAP_TEXTS)
def test_hanging_lines_match_textwrap(text):
    for first, rest in HANGING_INDENTS:  # (textwrap itself loops for ever on some widths not past the indents)
        for width in range(max(len(first), len(rest)) + 1, 71):
            expected = textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)
            assert table.hanging_lines(text, width, first, rest) == expected, (width, first, rest)


def test_generated_text_wraps_with_hanging_indents_as_textwrap_wraps_it():
    rnd = random.Random(12)
    parts = ["a", "ạ", "Đ", "-", "ab-", "-cd", "x-y", "1", "—", ".", "_", "e\u0301", "/", "QĐ-TTg", "abcdef-ghijkl",
             " ", "  ", "\u00a0", "\t", "--", "↳"]
    for _ in range(4000):
        text = " ".join("".join(rnd.choice(parts) for _ in range(rnd.randint(1, 5))) for _ in range(rnd.randint(1, 12)))
        first, rest = rnd.choice(HANGING_INDENTS)
        width = rnd.randint(max(len(first), len(rest)) + 1, 40)
        expected = textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)
        assert table.hanging_lines(text, width, first, rest) == expected, (text, width, first, rest)
