"""Regenerate the PDF fixtures in fixtures/pdf/ from the seed texts with LibreOffice.

Run: python scripts/make_pdf_fixtures.py [--only NAME ...]

Needs ``soffice`` (Debian: ``apt-get install libreoffice-writer-nogui``), the fonts named
below (Debian: ``fonts-liberation fonts-liberation2 fonts-dejavu-core fonts-crosextra-carlito
fonts-crosextra-caladea fonts-noto-core``), python-docx and this package (``pip install -e .``).
The tests do not need any of this: they read the committed PDFs.

Each fixture is described in ``FIXTURES`` below and in ``fixtures/pdf/fixtures.json``,
which this script rewrites: its source seed, the route (.txt → .odt → .pdf, or a
python-docx .docx → .pdf), the fonts asked for, the fonts LibreOffice embedded (from
``pdffonts`` when poppler-utils is installed), whether its text layer is expected to be
legible, and the reference text the extraction is compared with. For a .docx with a table
the reference is what ``checker.read.document.text.read_lines`` reads from that .docx (a table
row is its cells joined by spaces), written beside the PDF as ``NAME.ref.txt``; for the
others it is the seed itself.

It then reads every PDF with pypdf, pdfplumber and pypdfium2 (``pip install -e '.[bench]'``)
and keeps each extraction that is garbled (character accuracy below 95 %) as
``fixtures/pdf/garbled/NAME.LIBRARY.txt``: real scrambled text layers for the tests of
``checker.read.document.legibility``, which then need neither LibreOffice nor those libraries.

LibreOffice writes a new document id and dates into each PDF, so a regenerated PDF differs
in bytes but not in text.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "fixtures"
OUT = ROOT / "fixtures" / "pdf"


@dataclass(frozen=True)
class Fixture:
    """One PDF fixture: which seed, which route, which fonts."""

    name: str
    seed: str
    route: str  # "odt" (LibreOffice's text import) or "docx" (python-docx) or "docx-table"
    fonts: tuple[str, ...] = ()
    legible: bool = True
    note: str = ""
    # Paragraphs justified with a first-line indent, as Vietnamese reports are, and the seed's
    # wrapped lines joined back into paragraphs (a line that starts in lower case continues the one
    # before): only whitespace changes, which the accuracy measure ignores.
    justify: bool = False


FIXTURES = (
    Fixture("chi-lang-odt-liberation-mono", "chi-lang-nam-thanh-mien-2023", "odt",
            note="LibreOffice's own text import: its 'Preformatted Text' style, Liberation Mono 10 pt"),
    Fixture("dong-tam-docx-liberation-serif", "dong-tam-ninh-giang-2023", "docx", ("Liberation Serif",),
            justify=True,
            note="the metric-compatible stand-in for Times New Roman, the font of Vietnamese administrative "
                 "documents; 13 pt, A4, justified with a 1 cm first-line indent"),
    Fixture("minh-duc-docx-carlito", "minh-duc-tu-ky-2023-h1", "docx", ("Carlito",),
            note="the metric-compatible stand-in for Calibri, Word's default; 12 pt, A4"),
    Fixture("minh-duc-docx-noto-serif", "minh-duc-tu-ky-2023-h1", "docx", ("Noto Serif",), justify=True,
            note="Noto Serif 12 pt, A4, justified with a 1 cm first-line indent"),
    Fixture("chi-lang-docx-table", "chi-lang-nam-thanh-mien-2023", "docx-table",
            ("Liberation Serif", "DejaVu Sans"), justify=True,
            note="paragraphs in Liberation Serif 13 pt, justified; the seed's infrastructure list (its lines 49–73) "
                 "as a real 4-column Word table in DejaVu Sans 10 pt"),
    Fixture("chi-lang-docx-liberation-sans-narrow", "chi-lang-nam-thanh-mien-2023", "docx",
            ("Liberation Sans Narrow",),
            note="the stand-in for Arial Narrow. It has no precomposed Vietnamese letters (ế, ả, ể …), so "
                 "LibreOffice draws those from a fallback font (Noto Sans) in a separate text run after the "
                 "rest of the line: the text layer is right but out of order in the content stream, and an "
                 "extractor that follows the stream moves the letters to the end of the line"),
    Fixture("dong-tam-docx-caladea", "dong-tam-ninh-giang-2023", "docx", ("Caladea",), legible=False,
            note="the metric-compatible stand-in for Cambria. Caladea has no precomposed Vietnamese letters "
                 "(ả, ể, ố …): LibreOffice draws them from a fallback font or as a base glyph plus a mark, "
                 "and its text layer comes out garbled (letters out of order, wrong tone marks, "
                 "unmapped glyphs); kept as a fixture that must be refused"),
)

# The seed's second table (lines 49–73 of chi-lang-nam-thanh-mien-2023.txt) as cells.
CHI_LANG_TABLE_LINES = (49, 73)
CHI_LANG_TABLE = (
    ("STT", "Nội dung kiểm tra", "Thông tin cung cấp", "Ghi chú"),
    ("1-", "Tổng số cán bộ, công chức, viên chức (CBCCVC)", "20 người", ""),
    ("2", "Số máy chủ chuyên dụng (nếu có)", "0 máy", ""),
    ("3", "Số máy tính để bàn", "20 máy", ""),
    ("4", "Số máy in", "20 máy", ""),
    ("5", "Số máy tính xách tay", "01 máy", ""),
    ("6", "Số máy quét", "02 máy", ""),
    ("7", "Số máy tính bảng", "0 máy", ""),
    ("8", "Tỷ lệ máy tính/CBCCVC", "100 %", ""),
    ("9", "Hệ thống mạng LAN của đơn vị", "Không", ""),
    ("10", "Số máy tính kết nối mạng LAN, có Internet tốc độ cao", "20 máy", ""),
    ("11", "Mạng LAN được trang bị hệ thống tường lửa", "Không", ""),
    ("12", "Số máy tính có cài phần mềm diệt vi rút", "20 máy", ""),
)


def _soffice() -> str:
    for name in ("soffice", "libreoffice"):
        if path := shutil.which(name):
            return path
    sys.exit("soffice not found: apt-get install libreoffice-writer-nogui")


def _convert(source: Path, target_ext: str, workdir: Path, infilter: str | None = None) -> Path:
    """``soffice --headless --convert-to EXT SOURCE`` with a throwaway profile; the converted file."""
    command = [_soffice(), f"-env:UserInstallation=file://{workdir / 'profile'}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target_ext, "--outdir", str(workdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    result = workdir / f"{source.stem}.{target_ext}"
    if not result.exists():
        sys.exit(f"LibreOffice made no {result.name} from {source.name}")
    return result


def _document(fonts: tuple[str, ...], size: float, justify: bool = False) -> object:
    """A python-docx document on A4 with Vietnamese administrative margins, Normal in ``fonts[0]``."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name = fonts[0]
    normal.font.size = Pt(size)
    fonts_element = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts_element.set(qn(attribute), fonts[0])
    if justify:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        normal.paragraph_format.first_line_indent = Cm(1)
    return document


def _set_font(run: object, font: str, size: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = font
    run.font.size = Pt(size)
    fonts_element = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts_element.set(qn(attribute), font)


def _paragraphs(lines: list[str], reflow: bool) -> list[str]:
    """The lines as paragraphs; with ``reflow`` a line starting in lower case joins the one before."""
    if not reflow:
        return lines
    result: list[str] = []
    for line in lines:
        if result and result[-1].strip() and line[:1].islower():
            result[-1] = result[-1].rstrip() + " " + line
        else:
            result.append(line)
    return result


def _docx(fixture: Fixture, seed_lines: list[str], path: Path) -> None:
    size = 13 if "Liberation Serif" in fixture.fonts else 12
    document = _document(fixture.fonts, size, fixture.justify)
    if fixture.route == "docx":
        for line in _paragraphs(seed_lines, fixture.justify):
            document.add_paragraph(line)
    else:
        first, last = CHI_LANG_TABLE_LINES
        assert seed_lines[first - 1].startswith("STT Nội dung kiểm tra"), seed_lines[first - 1]
        assert seed_lines[last - 1].startswith("12 Số máy tính"), seed_lines[last - 1]
        for line in _paragraphs(seed_lines[:first - 1], fixture.justify):
            document.add_paragraph(line)
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        table = document.add_table(rows=len(CHI_LANG_TABLE), cols=4)
        table.style = "Table Grid"
        table.autofit = False
        widths = (Cm(1.4), Cm(8.1), Cm(4), Cm(3))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row, cells in zip(table.rows, CHI_LANG_TABLE, strict=True):
            for cell, text, width in zip(row.cells, cells, widths, strict=True):
                cell.width = width
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.first_line_indent = Cm(0)
                paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
                _set_font(paragraph.add_run(text), fixture.fonts[1], 10)
        for line in _paragraphs(seed_lines[last:], fixture.justify):
            document.add_paragraph(line)
    document.save(str(path))


def _embedded_fonts(pdf: Path) -> list[str]:
    if not shutil.which("pdffonts"):
        return []
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return sorted({line.split()[0].partition("+")[2] or line.split()[0] for line in listing.splitlines()[2:]})


def make(fixture: Fixture, workdir: Path) -> dict:
    """Build one fixture's PDF (and reference text when it is not the seed); its manifest entry."""
    from checker.read.document.text import read_lines

    seed = SEEDS / f"{fixture.seed}.txt"
    seed_lines = seed.read_text(encoding="utf-8").split("\n")
    reference = f"../{seed.name}"
    if fixture.route == "odt":
        source = workdir / f"{fixture.name}.txt"
        shutil.copyfile(seed, source)
        odt = _convert(source, "odt", workdir, infilter="Text (encoded):UTF8")
        pdf = _convert(odt, "pdf", workdir)
        commands = [f'soffice --headless --infilter="Text (encoded):UTF8" --convert-to odt {fixture.name}.txt',
                    f"soffice --headless --convert-to pdf {fixture.name}.odt"]
    else:
        docx_path = workdir / f"{fixture.name}.docx"
        _docx(fixture, seed_lines, docx_path)
        pdf = _convert(docx_path, "pdf", workdir)
        commands = [f"python-docx: {fixture.name}.docx (see {Path(__file__).name})",
                    f"soffice --headless --convert-to pdf {fixture.name}.docx"]
        if fixture.route == "docx-table":
            reference = f"{fixture.name}.ref.txt"
            text = "\n".join(line.text for line in read_lines(docx_path))
            (OUT / reference).write_text(text + "\n", encoding="utf-8")
    target = OUT / f"{fixture.name}.pdf"
    shutil.copyfile(pdf, target)
    return {
        "pdf": target.name,
        "seed": seed.name,
        "reference": reference,
        "route": fixture.route,
        "fonts": list(fixture.fonts) or ["LibreOffice default for text import"],
        "embedded_fonts": _embedded_fonts(target),
        "legible": fixture.legible,
        "commands": commands,
        "note": fixture.note,
    }


def save_garbled(manifest: list[dict]) -> None:
    """Keep the extractions of the fixtures that come out garbled (accuracy < 95 %) as text files."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_pdf_text import LIBRARIES

    from tests.pdf_metrics import accuracy

    garbled = OUT / "garbled"
    garbled.mkdir(exist_ok=True)
    for old in garbled.glob("*.txt"):
        old.unlink()
    for entry in manifest:
        reference = (OUT / entry["reference"]).read_text(encoding="utf-8")
        for library, (_, _, extract) in LIBRARIES.items():
            if library == "checker":
                continue
            text = "\n".join(extract(OUT / entry["pdf"]))
            score = accuracy(reference, text).accuracy
            if score < 0.95:
                name = f"{entry['pdf'][:-4]}.{library}.txt"
                (garbled / name).write_text(text + "\n", encoding="utf-8")
                print(f"garbled/{name}: accuracy {score:.1%}")


def main() -> None:
    """Rebuild the fixtures (all, or those named with --only) and fixtures.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", default=None, help="fixture names to rebuild")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    manifest_path = OUT / "fixtures.json"
    manifest = {entry["pdf"]: entry for entry in json.loads(manifest_path.read_text(encoding="utf-8"))} \
        if manifest_path.exists() else {}
    version = subprocess.run([_soffice(), "--version"], capture_output=True, text=True).stdout.strip()
    for fixture in FIXTURES:
        if args.only and fixture.name not in args.only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            entry = make(fixture, Path(tmp))
        entry["libreoffice"] = version
        manifest[entry["pdf"]] = entry
        print(f"{entry['pdf']}: {', '.join(entry['embedded_fonts']) or '?'}")
    ordered = [manifest[f"{fixture.name}.pdf"] for fixture in FIXTURES if f"{fixture.name}.pdf" in manifest]
    manifest_path.write_text(json.dumps(ordered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    save_garbled(ordered)


if __name__ == "__main__":
    main()
