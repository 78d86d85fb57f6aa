"""Benchmark: pypdf, pdfplumber (pdfminer.six) and pypdfium2 on the PDF fixtures.

Run: python benchmarks/bench_pdf_text.py [--repeat N] [--json]
(needs ``pip install -e '.[bench]'`` for the two libraries the checker does not use.)

For every PDF listed in ``fixtures/pdf/fixtures.json`` and each library: the character
accuracy of its page texts against the fixture's reference text (``tests/pdf_metrics.py``:
NFC, whitespace runs to one space, 1 − edits / length), the same restricted to Vietnamese
letters with diacritics and to digits, and what ``checker.read.document.legibility.assess`` says
of the text. Then per library: mean accuracy over the legible fixtures, extraction time per
page (best of --repeat runs, in this process, after a warm-up), import time in a fresh
interpreter, and installed size (the distribution alone, and with what it pulls in).

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.read.document import load_document  # noqa: E402
from checker.read.document.legibility import assess  # noqa: E402
from tests.pdf_metrics import accuracy  # noqa: E402
from tests.test_intake import all_values  # noqa: E402

PDFS = ROOT / "fixtures" / "pdf"


def _pypdf(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def _pdfplumber(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _pypdfium2(path: Path) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def _checker(path: Path) -> list[str]:
    """What the checker reads: pdfplumber's words and lines, columns kept apart (checker.read.document.text)."""
    from checker.read.document.text import read_lines

    pages: dict[int, list[str]] = {}
    for line in read_lines(path):
        pages.setdefault(line.page or 0, []).append(line.text)
    return ["\n".join(lines) for _, lines in sorted(pages.items())]


LIBRARIES: dict[str, tuple[str, str, Callable[[Path], list[str]]]] = {
    # name: (distribution, module, extractor)
    "pypdf": ("pypdf", "pypdf", _pypdf),
    "pdfplumber": ("pdfplumber", "pdfplumber", _pdfplumber),
    "pypdfium2": ("pypdfium2", "pypdfium2", _pypdfium2),
    "checker": ("pdfplumber", "pdfplumber", _checker),
}


def _draft_values(text: str) -> Counter:
    """The indicator statements (code, field, value) the extractor drafts from ``text``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        path.write_text(text, encoding="utf-8")
        draft, _ = load_document(path)
    return all_values(draft)


def _recall(reference: Counter, got: Counter) -> float:
    total = sum(reference.values())
    return sum((reference & got).values()) / total if total else 1.0


def _requirements(name: str) -> list[str]:
    result = []
    for requirement in metadata.requires(name) or []:
        if "extra ==" in requirement:
            continue
        spec = requirement.split(";")[0].strip()
        for stop in "<>=!~[( ":
            spec = spec.split(stop)[0]
        result.append(spec)
    return result


def _size(name: str) -> int:
    dist = metadata.distribution(name)
    return sum((Path(dist.locate_file(file))).stat().st_size for file in dist.files or []
               if Path(dist.locate_file(file)).is_file())


def installed_size(name: str) -> tuple[int, int, list[str]]:
    """Bytes of the distribution, bytes with its (transitive) requirements, and their names."""
    seen: list[str] = []
    stack = [name]
    while stack:
        current = stack.pop()
        key = metadata.distribution(current).metadata["Name"].lower()
        if key in seen:
            continue
        seen.append(key)
        stack.extend(_requirements(current))
    return _size(name), sum(_size(dep) for dep in seen), seen[1:]


def import_seconds(module: str) -> float:
    """Best of three: seconds to import ``module`` in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per PDF and library (best is kept)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    manifest = json.loads((PDFS / "fixtures.json").read_text(encoding="utf-8"))
    rows = []
    summary = {}
    references = {entry["pdf"]: (PDFS / entry["reference"]).read_text(encoding="utf-8") for entry in manifest}
    seed_values = {entry["pdf"]: _draft_values((PDFS.parent / entry["seed"]).read_text(encoding="utf-8"))
                   for entry in manifest}
    for library, (dist, module, extract) in LIBRARIES.items():
        per_page = []
        scores = []
        for entry in manifest:
            path = PDFS / entry["pdf"]
            reference = references[entry["pdf"]]
            pages = extract(path)  # warm-up, and the text that is scored
            best = float("inf")
            for _ in range(args.repeat):
                start = time.perf_counter()
                extract(path)
                best = min(best, time.perf_counter() - start)
            per_page.append(best / len(pages))
            text = "\n".join(pages)
            score = accuracy(reference, text)
            verdict = assess(text)
            rows.append({"pdf": entry["pdf"], "legible_fixture": entry["legible"], "library": library,
                         "pages": len(pages), "accuracy": score.accuracy, "ratio": score.ratio,
                         "diacritics": score.diacritics, "digits": score.digits,
                         "values": _recall(seed_values[entry["pdf"]], _draft_values(text)),
                         "ms_per_page": best / len(pages) * 1000, "assess_score": verdict.score,
                         "assess_legible": verdict.legible,
                         "assess_reasons": [reason.code for reason in verdict.reasons]})
            if entry["legible"]:
                scores.append(score.accuracy)
        own, total, deps = installed_size(dist)
        summary[library] = {"version": metadata.version(dist), "mean_accuracy_legible": statistics.mean(scores),
                            "min_accuracy_legible": min(scores),
                            "ms_per_page": statistics.median(per_page) * 1000,
                            "import_ms": import_seconds(module) * 1000,
                            "installed_mb": own / 1e6, "installed_with_deps_mb": total / 1e6, "deps": deps}
    if args.json:
        print(json.dumps({"rows": rows, "summary": summary}, ensure_ascii=False, indent=2))
        return
    print(f"{'PDF':38} {'library':11} {'pages':>5} {'acc %':>7} {'diacr %':>7} {'digit %':>7} {'values %':>8} "
          f"{'ms/page':>8}  legibility")
    for row in sorted(rows, key=lambda row: [entry["pdf"] for entry in manifest].index(row["pdf"])):
        mark = "" if row["legible_fixture"] else " (garbled)"
        verdict = ("legible" if row["assess_legible"] else "NOT legible: " + ",".join(row["assess_reasons"]))
        print(f"{row['pdf'][:-4] + mark:38} {row['library']:11} {row['pages']:5d} {row['accuracy'] * 100:7.2f} "
              f"{row['diacritics'] * 100:7.2f} {row['digits'] * 100:7.2f} {row['values'] * 100:8.1f} "
              f"{row['ms_per_page']:8.1f}  {row['assess_score']:.2f} {verdict}")
    print()
    print(f"{'library':11} {'version':>10} {'mean acc %':>10} {'min acc %':>9} {'ms/page':>8} {'import ms':>9} "
          f"{'MB':>6} {'MB+deps':>8}  pulls in")
    for library, figures in summary.items():
        print(f"{library:11} {figures['version']:>10} {figures['mean_accuracy_legible'] * 100:10.2f} "
              f"{figures['min_accuracy_legible'] * 100:9.2f} {figures['ms_per_page']:8.1f} "
              f"{figures['import_ms']:9.0f} {figures['installed_mb']:6.1f} {figures['installed_with_deps_mb']:8.1f}"
              f"  {', '.join(figures['deps']) or '-'}")
    print("\nacc: 1 - edits/length on NFC text with whitespace runs as one space; diacr/digit: share of the "
          "reference's letters with diacritics / digits matched;\nvalues: share of the indicator statements "
          "drafted from the seed .txt that the draft from the extracted text also has; mean/min acc over the "
          f"legible fixtures;\nms/page: median over the PDFs of the best of {args.repeat} runs; MB: installed "
          "files; 'checker' is checker.read.document.text.read_lines (pdfplumber, columns kept apart)")


if __name__ == "__main__":
    main()
