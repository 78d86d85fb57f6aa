"""PDF text: the fixture PDFs read accurately, the page cap, and the legibility check.

The PDFs in fixtures/pdf/ were made from the seeds by LibreOffice (scripts/make_pdf_fixtures.py;
how and with which fonts in fixtures/pdf/README.md and fixtures.json); these tests need
neither LibreOffice nor any PDF library but the checker's own. The accuracy floors sit just
below what was measured (benchmarks/bench_pdf_text.py).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.extract import extract_command
from checker.core.errors import EXIT_INPUT, InputError
from checker.read.document import legibility
from checker.read.document.legibility import REFUSAL, assess
from checker.read.document.text import MAX_PAGES, read_lines
from tests import test_intake
from tests.conftest import FIXTURES
from tests.garble import GARBLERS
from tests.pdf_metrics import accuracy

PDFS = FIXTURES / "pdf"
MANIFEST = json.loads((PDFS / "fixtures.json").read_text(encoding="utf-8"))
LEGIBLE = [entry for entry in MANIFEST if entry["legible"]]
GARBLED_PDFS = [entry for entry in MANIFEST if not entry["legible"]]
SEEDS = sorted(FIXTURES.glob("*.txt"))
KEPT_GARBLED = sorted((PDFS / "garbled").glob("*.txt"))

# Measured character accuracy of what the checker reads (benchmarks/bench_pdf_text.py, "checker"),
# and the floor asserted: just below it.
FLOORS = {
    "chi-lang-odt-liberation-mono.pdf": 0.999,  # measured 99.96 % (the 5 edits: private-use boxes)
    "dong-tam-docx-liberation-serif.pdf": 0.999,  # 100.00 %
    "minh-duc-docx-carlito.pdf": 0.999,  # 100.00 %
    "minh-duc-docx-noto-serif.pdf": 0.999,  # 99.99 %
    "chi-lang-docx-table.pdf": 0.995,  # 99.62 %: wrapped cells read line by line across the row
    "chi-lang-docx-liberation-sans-narrow.pdf": 0.999,  # 99.94 %; pypdf and pypdfium2: 63 %
}


@cache
def pdf_lines(name: str) -> tuple:
    return tuple(read_lines(PDFS / name))


def pdf_text(name: str) -> str:
    return "\n".join(line.text for line in pdf_lines(name))


def reference(entry: dict) -> str:
    return (PDFS / entry["reference"]).read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------
# The fixtures
# --------------------------------------------------------------------------------------

def test_every_fixture_pdf_has_a_floor_and_a_reference():
    assert {entry["pdf"] for entry in LEGIBLE} == set(FLOORS)
    for entry in MANIFEST:
        assert (PDFS / entry["pdf"]).stat().st_size < 100_000
        assert (PDFS / entry["reference"]).exists()
        assert entry["commands"] and entry["fonts"]


@pytest.mark.parametrize("entry", LEGIBLE, ids=lambda entry: entry["pdf"])
def test_fixture_pdf_reads_accurately(entry):
    score = accuracy(reference(entry), pdf_text(entry["pdf"]))
    assert score.accuracy >= FLOORS[entry["pdf"]], score
    assert score.diacritics >= 0.999, score
    assert score.digits >= 0.99, score


@pytest.mark.parametrize("entry", LEGIBLE, ids=lambda entry: entry["pdf"])
def test_fixture_pdf_lines_are_numbered_through_and_know_their_page(entry):
    lines = pdf_lines(entry["pdf"])
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    pages = [line.page for line in lines]
    assert pages[0] == 1 and pages == sorted(pages)
    assert set(pages) == set(range(1, pages[-1] + 1))
    assert pages[-1] > 5


def test_letters_drawn_from_a_fallback_font_stay_in_their_words():
    """Liberation Sans Narrow lacks ế, ả …: LibreOffice draws them from Noto Sans after the line."""
    text = pdf_text("chi-lang-docx-liberation-sans-narrow.pdf")
    assert "Đánh giá về việc ban hành các văn bản, kế hoạch" in text
    assert "Tổng số cán bộ, công chức, viên chức" in text


def test_table_rows_read_as_lines():
    lines = [line.text for line in pdf_lines("chi-lang-docx-table.pdf")]
    assert any(line.split() == "3 Số máy tính để bàn 20 máy".split() for line in lines)


def test_columns_stay_apart_and_words_do_not(tmp_path):
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")
    path = tmp_path / "columns.pdf"
    canvas = canvas_module.Canvas(str(path))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(50, 700, "Noi nhan:")
    canvas.drawString(350, 700, "TM. UY BAN NHAN DAN")  # a column far to the right
    canvas.drawString(50, 680, "Lan")
    canvas.drawString(75, 680, "hai")  # the next word, a normal gap away
    canvas.save()
    texts = [line.text for line in read_lines(path)]
    assert texts == ["Noi nhan:   TM. UY BAN NHAN DAN", "Lan hai"]


# --------------------------------------------------------------------------------------
# Refusals while reading
# --------------------------------------------------------------------------------------

def _pdf_of_pages(path: Path, pages: int) -> None:
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")
    canvas = canvas_module.Canvas(str(path))
    for number in range(pages):
        canvas.drawString(50, 700, f"Trang {number + 1}")
        canvas.showPage()
    canvas.save()


def test_a_pdf_over_the_page_cap_is_an_input_error(tmp_path):
    path = tmp_path / "long.pdf"
    _pdf_of_pages(path, MAX_PAGES + 1)
    with pytest.raises(InputError) as error:
        read_lines(path)
    text = error.value.render()
    assert f"{MAX_PAGES + 1} trang" in text and f"more than the limit of {MAX_PAGES}" in text
    result = CliRunner().invoke(extract_command, [str(path)])
    assert result.exit_code == EXIT_INPUT
    assert "more than the limit" in result.output


def test_a_pdf_at_the_page_cap_is_read(tmp_path):
    path = tmp_path / "cap.pdf"
    _pdf_of_pages(path, MAX_PAGES)
    lines = read_lines(path)
    assert lines[-1].page == MAX_PAGES and lines[-1].text == f"Trang {MAX_PAGES}"


def test_a_password_protected_pdf_is_an_input_error(tmp_path):
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")
    path = tmp_path / "locked.pdf"
    canvas = canvas_module.Canvas(str(path), encrypt="mat-khau")
    canvas.drawString(50, 700, "Bao cao")
    canvas.save()
    with pytest.raises(InputError, match="password-protected"):
        read_lines(path)


# --------------------------------------------------------------------------------------
# Legibility: good texts pass
# --------------------------------------------------------------------------------------

GOOD = {f"seed {path.stem}": path.read_text(encoding="utf-8") for path in SEEDS} | {
    f"test_intake {name}": getattr(test_intake, name) for name in ("AN_BINH", "TAN_HUNG", "PHU_THAI")}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_texts_are_legible(name):
    result = assess(GOOD[name])
    assert result.legible, result.render()
    assert result.score > 0.7
    assert result.render() == "văn bản đọc được / the text is legible"
    assert result.problems() == []


@pytest.mark.parametrize("entry", LEGIBLE, ids=lambda entry: entry["pdf"])
def test_good_pdf_extractions_are_legible(entry):
    result = assess(pdf_text(entry["pdf"]))
    assert result.legible, result.render()
    assert result.score > 0.7


def test_short_texts_and_lone_symbols_are_not_condemned():
    assert assess("Báo cáo").legible
    assert assess("").legible
    # Symbols standing alone: boxes from a symbol font, bullets, an unmapped logo glyph.
    boxes = "\n".join(f"\uf0b7 Nội dung số {n}: \uf071 Có \uf0fe Không (cid:108)" for n in range(200))
    assert assess(boxes).legible, assess(boxes).render()
    # A few odd letters in a long text are under every threshold.
    seed = SEEDS[0].read_text(encoding="utf-8")
    assert assess(seed + "\nKhÃ´ng r\ufffdõ; chuy n đ i\n").legible


# --------------------------------------------------------------------------------------
# Legibility: garbled texts are refused, with the reason
# --------------------------------------------------------------------------------------

# The sign each garbler must raise (others may come too).
EXPECTED = {
    "mojibake-cp1252": "mojibake",
    "mojibake-latin1": "mojibake",
    "legacy-cp1258": "foreign",
    "symbol-font-pua": "private-use",
    "pua-letters": "private-use",
    "stripped-diacritics": "stripped-diacritics",
    "stripped-tones": "stripped-diacritics",
    "marks-before-letters": "loose-marks",
    "spacing-marks": "loose-marks",
}


def test_every_garbler_has_an_expected_reason():
    assert set(EXPECTED) == set(GARBLERS)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
@pytest.mark.parametrize("garbler", sorted(GARBLERS))
def test_garbled_seeds_are_refused(garbler, seed):
    result = assess(GARBLERS[garbler](seed.read_text(encoding="utf-8")))
    assert not result.legible
    assert result.score < 0.5
    codes = [reason.code for reason in result.reasons]
    assert EXPECTED[garbler] in codes, result.render()
    reason = next(reason for reason in result.reasons if reason.code == EXPECTED[garbler])
    assert reason.samples and reason.count >= legibility.THRESHOLDS[reason.code].count


@pytest.mark.parametrize("path", KEPT_GARBLED, ids=lambda path: path.name)
def test_scrambled_pdf_extractions_are_refused(path):
    """What pypdf, pypdfium2 (and, for Caladea, pdfplumber) read from the fixtures: letters out of their words."""
    result = assess(path.read_text(encoding="utf-8"))
    assert not result.legible
    assert "broken-words" in [reason.code for reason in result.reasons], result.render()


def test_scrambled_extractions_are_kept_for_both_stream_order_libraries():
    names = {path.name for path in KEPT_GARBLED}
    assert {"chi-lang-docx-liberation-sans-narrow.pypdf.txt", "chi-lang-docx-liberation-sans-narrow.pypdfium2.txt",
            "dong-tam-docx-caladea.pdfplumber.txt"} <= names


@pytest.mark.parametrize("entry", GARBLED_PDFS, ids=lambda entry: entry["pdf"])
def test_a_pdf_with_a_broken_text_layer_is_refused(entry):
    """Caladea has no Vietnamese letters; LibreOffice's text layer maps ô to ố and leaves marks unmapped."""
    result = assess(pdf_text(entry["pdf"]))
    assert not result.legible
    codes = [reason.code for reason in result.reasons]
    assert "unmapped" in codes and "broken-words" in codes
    assert any("(cid:" in sample for reason in result.reasons for sample in reason.samples)


def test_the_refusal_says_what_was_found():
    result = assess(GARBLERS["mojibake-cp1252"](SEEDS[1].read_text(encoding="utf-8")))
    text = result.render()
    assert text.startswith(REFUSAL)
    assert "mojibake" in text and "Ã" in text
    problems = result.problems()
    assert problems and all(problem.message.startswith(REFUSAL) for problem in problems)
    error = InputError.from_problems("report.pdf", problems)
    assert "this text cannot be read reliably" in error.render()


def test_half_stripped_text_is_refused_and_a_tenth_mojibake_too():
    seed = SEEDS[2].read_text(encoding="utf-8").split("\n")
    half = "\n".join(GARBLERS["stripped-diacritics"](line) if index % 2 == 0 else line
                     for index, line in enumerate(seed))
    assert not assess(half).legible
    tenth = "\n".join(GARBLERS["mojibake-cp1252"](line) if index % 10 == 0 else line
                      for index, line in enumerate(seed))
    assert "mojibake" in [reason.code for reason in assess(tenth).reasons]


# --------------------------------------------------------------------------------------
# The accuracy measure itself
# --------------------------------------------------------------------------------------

def test_accuracy_ignores_whitespace_and_counts_edits():
    assert accuracy("Báo cáo\nkết quả", "Báo  cáo kết\n\nquả").accuracy == 1.0
    one_wrong = accuracy("Báo cáo kết quả", "Báo cáo kêt quả")
    assert one_wrong.edits == 1 and one_wrong.accuracy == pytest.approx(1 - 1 / 15)
    assert one_wrong.diacritics == pytest.approx(3 / 4)  # á á ế ả: ế lost
    assert accuracy("số 12", "số 1").digits == 0.5
