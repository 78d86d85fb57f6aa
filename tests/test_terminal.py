"""The terminal output fits the terminal: 80 and 200 columns, --quiet, colour only on a terminal."""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections import Counter
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from checker.cli.check import check_main
from checker.decide.evaluate import evaluate
from checker.decide.waivers import load_waivers
from checker.read.json_report import load_report
from checker.render import table, terminal
from checker.render.terminal import Terminal, detect, shorten
from tests.conftest import FIXTURES, WAIVERS

SEEDS = sorted(FIXTURES.glob("*.json"))
CHI_LANG = FIXTURES / "chi-lang-nam-thanh-mien-2023.json"


@pytest.fixture(scope="module")
def evaluations(tmp_path_factory):
    path = tmp_path_factory.mktemp("w") / "waivers.yaml"
    path.write_text(textwrap.dedent(WAIVERS), encoding="utf-8")
    waivers = load_waivers(path)
    plain = [evaluate(load_report(seed)) for seed in SEEDS]
    waived = [evaluate(load_report(seed), waivers=waivers, today=dt.date(2024, 1, 15)) for seed in SEEDS]
    return plain + waived


def longest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@pytest.mark.parametrize("width", [40, 60, 80, 100, 139, 140, 160, 200])
def test_no_line_is_wider_than_the_terminal(evaluations, width):
    for evaluation in evaluations:
        text = table.render_table(evaluation, "fixtures/a-report.json", term=Terminal(width))
        assert longest(text) <= width, width


def test_80_columns_lists_findings_and_200_draws_the_grid(evaluations):
    narrow = table.render_table(evaluations[0], "r.json", term=Terminal(80))
    wide = table.render_table(evaluations[0], "r.json", term=Terminal(200))
    assert "┌" not in narrow and "  CS030 · Nhất quán" in narrow
    assert "┌" in wide and "│ CS030" in wide
    assert 150 <= longest(wide) <= 200


def test_evidence_quotes_the_sentence_not_only_its_line(evaluations):
    for width in (80, 200):
        text = table.render_table(evaluations[0], "r.json", term=Terminal(width))
        assert "dòng 53 “(CBCCVC) 20 người”" in text


def test_a_legend_explains_the_confidence_marks(evaluations):
    text = table.render_table(evaluations[0], "r.json", term=Terminal(80))
    assert "(sec) theo trang tin trích dẫn văn bản" in " ".join(text.split())
    assert "(mem) ghi nhớ, chưa tìm thấy nguồn" in " ".join(text.split())


def test_shorten_cuts_at_a_word_and_marks_the_cut():
    assert shorten("một  hai\nba", 20) == "một hai ba"
    cut = shorten("Tỷ lệ số hộp thư điện tử được cấp trên tổng số cán bộ công chức", 30)
    assert cut.endswith("…") and len(cut) <= 30 and "Tỷ lệ số hộp thư" in cut


@pytest.mark.parametrize("columns", ["80", "200"])
def test_check_output_fits_COLUMNS(columns):
    result = CliRunner().invoke(check_main, [str(FIXTURES)], env={"COLUMNS": columns})
    assert result.exit_code == 1, result.output
    assert longest(result.stdout) <= int(columns)
    assert result.stdout.count("Xếp loại / Grade:") == len(SEEDS)
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_quiet_prints_one_line_per_report_and_the_total(monkeypatch):
    monkeypatch.chdir(FIXTURES.parent)  # a file's path is never cut: keep it short here
    result = CliRunner().invoke(check_main, ["fixtures", "--quiet"], env={"COLUMNS": "80"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    count = len(SEEDS)
    assert [line.split()[0] for line in lines[:count]] == ["Trung", "Trung", "Khá", "Khá"]
    assert all(seed.as_posix().split("/")[-1] in out for seed, out in zip(SEEDS, lines, strict=False))
    assert lines[count].startswith(f"Tổng cộng / total: {count} báo cáo")
    assert len(lines) == count + 2 and longest(result.stdout) <= 80


def test_the_batch_total_stays_short_for_2000_reports():
    tally = SimpleNamespace(by_severity=Counter(error=5000, warning=12000, info=3000), waived=40, reports=2000,
                            grades=Counter(("Tốt", "Khá", "Yếu")[i % 3] for i in range(2000)))
    text = table.summary_line(SimpleNamespace(tally=tally, errors=[]), Terminal(80))
    assert len(text.splitlines()) <= 3 and longest(text) <= 80
    assert "2000 báo cáo" in text and "Tốt 667, Khá 667, Yếu 666" in text


def test_colour_only_on_a_terminal_and_never_with_NO_COLOR(monkeypatch, evaluations):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert terminal.wants_colour(Tty()) is True
    assert terminal.wants_colour(io.StringIO()) is False
    assert terminal.wants_colour(Tty(), to_file=True) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert terminal.wants_colour(Tty()) is False
    coloured = table.render_table(evaluations[0], "r.json", term=Terminal(80, colour=True))
    assert "\x1b[1;31mLỗi / error (3)\x1b[0m" in coloured
    assert "\x1b[" not in table.render_table(evaluations[0], "r.json", term=Terminal(80))


def test_width_comes_from_COLUMNS_then_the_terminal_then_a_default(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert terminal.terminal_width() == 80
    monkeypatch.setenv("COLUMNS", "10")
    assert terminal.terminal_width() == terminal.MIN_WIDTH
    monkeypatch.delenv("COLUMNS")
    assert terminal.terminal_width(io.StringIO()) == terminal.PIPE_WIDTH
    assert detect("out.txt").colour is False


def test_control_characters_from_a_report_are_shown_not_obeyed(tmp_path):
    """An escape sequence or carriage return in a report's text reaches the table as a visible picture."""
    import json

    data = json.loads(CHI_LANG.read_text(encoding="utf-8"))
    data["identity"]["commune"] = "Chi\x1b[2J\x1b]0;pwned\x07 Lăng\rNam\u202e"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for args in ([str(path)], [str(path), "--quiet"], [str(path), str(CHI_LANG)]):
        result = CliRunner().invoke(check_main, args)
        assert result.exit_code == 1, result.output
        assert not any(ch in result.stdout for ch in "\x1b\r\x07\u202e"), result.stdout
    assert "␛[2J" in CliRunner().invoke(check_main, [str(path)]).stdout


def test_visible_keeps_the_tables_own_colours_only():
    text = terminal.ANSI["error"] + "Lỗi\x1b[8m" + terminal.RESET + "\tx\n"
    assert terminal.visible(text, colour=True) == terminal.ANSI["error"] + "Lỗi␛[8m" + terminal.RESET + "\tx\n"
    assert terminal.visible(text) == "␛[1;31mLỗi␛[8m␛[0m\tx\n"


def test_an_error_message_shows_control_characters_of_a_file_name(tmp_path):
    bad = tmp_path / "x\x1b[2Jy.json"
    bad.write_text("{", encoding="utf-8")
    result = CliRunner().invoke(check_main, [str(bad)])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "x␛[2Jy.json" in result.stderr
