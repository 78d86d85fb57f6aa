"""Measure the signs of checker.read.document.legibility on good and garbled texts, and the margins.

Run: python benchmarks/bench_legibility.py [--json]

Good texts (must be legible): the seed reports fixtures/*.txt, the synthetic reports of
tests/test_intake.py, what the checker reads from the legible PDF fixtures, and (with
``pip install -e '.[bench]'``) what pypdf, pdfplumber and pypdfium2 read from them where
that is ≥ 99 % accurate. Garbled texts (must be refused): every garbler of tests/garble.py
applied to each seed, the garbled extractions kept in fixtures/pdf/garbled/, and what the
checker reads from the PDF fixtures marked not legible.

Prints each text's share of every sign (``*`` where it reaches its threshold), its score,
the verdict; then per sign the threshold and the largest share among the good texts; then
the margins: the good text closest to a threshold and the garbled text closest to passing
(as share/threshold of its worst sign), and how small a part of a seed (every n-th line
garbled) each garbler still gets refused at.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from checker.read.document.legibility import THRESHOLDS, assess, measure  # noqa: E402
from checker.read.document.text import read_lines  # noqa: E402
from tests import test_intake  # noqa: E402
from tests.garble import GARBLERS  # noqa: E402
from tests.pdf_metrics import accuracy  # noqa: E402

PDFS = ROOT / "fixtures" / "pdf"
SEEDS = sorted((ROOT / "fixtures").glob("*.txt"))


def corpus() -> tuple[dict[str, str], dict[str, str]]:
    """(good texts, garbled texts) by label."""
    good = {f"seed {p.stem}": p.read_text(encoding="utf-8") for p in SEEDS}
    good |= {f"test_intake {name}": getattr(test_intake, name) for name in ("AN_BINH", "TAN_HUNG", "PHU_THAI")}
    bad = {f"{garbler} {p.stem}": garble(p.read_text(encoding="utf-8"))
           for garbler, garble in GARBLERS.items() for p in SEEDS}
    manifest = json.loads((PDFS / "fixtures.json").read_text(encoding="utf-8"))
    try:
        from bench_pdf_text import LIBRARIES
    except ImportError:  # pypdf not installed: only what the checker reads
        LIBRARIES = {}
    for entry in manifest:
        text = "\n".join(line.text for line in read_lines(PDFS / entry["pdf"]))
        (good if entry["legible"] else bad)[f"checker {entry['pdf'][:-4]}"] = text
        reference = (PDFS / entry["reference"]).read_text(encoding="utf-8")
        for library, (_, _, extract) in LIBRARIES.items():
            if library == "checker":
                continue
            text = "\n".join(extract(PDFS / entry["pdf"]))
            if entry["legible"] and accuracy(reference, text).accuracy >= 0.99:
                good[f"{library} {entry['pdf'][:-4]}"] = text
    for path in sorted((PDFS / "garbled").glob("*.txt")):
        pdf, _, library = path.stem.rpartition(".")
        bad[f"{library} {pdf} (kept)"] = path.read_text(encoding="utf-8")
    return good, bad


def worst_ratio(text: str) -> float:
    """The largest share/threshold among the signs with enough count (≥ 1 means refused)."""
    signs, _ = measure(text)
    return max((found.share / THRESHOLDS[code].share for code, found in signs.items()
                if found.count >= THRESHOLDS[code].count), default=0.0)


def partial(garble, text: str, every: int) -> str:
    """``text`` with every ``every``-th line garbled."""
    return "\n".join(garble(line) if index % every == 0 else line for index, line in enumerate(text.split("\n")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    good, bad = corpus()
    codes = list(THRESHOLDS)
    rows = []
    for kind, texts in (("good", good), ("garbled", bad)):
        for label, text in texts.items():
            signs, _ = measure(text)
            verdict = assess(text)
            rows.append({"kind": kind, "text": label, "legible": verdict.legible, "score": verdict.score,
                         "ratio": worst_ratio(text),
                         "shares": {code: signs[code].share for code in codes},
                         "hits": {code: signs[code].count >= THRESHOLDS[code].count
                                  and signs[code].share >= THRESHOLDS[code].share for code in codes}})
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    sensitivity = {}
    for garbler, garble in GARBLERS.items():
        sparsest = None
        for every in (1, 2, 3, 5, 10, 20, 50):
            if all(not assess(partial(garble, seed, every)).legible for seed in seeds):
                sparsest = every
        sensitivity[garbler] = sparsest
    if args.json:
        print(json.dumps({"rows": rows, "sensitivity": sensitivity}, ensure_ascii=False, indent=2))
        return
    short = {"unmapped": "unmapped", "private-use": "pua", "mojibake": "mojibake", "loose-marks": "loose",
             "foreign": "foreign", "stripped-diacritics": "untoned", "broken-words": "broken"}
    print(f"{'text':58}" + "".join(f"{short[c]:>10}" for c in codes) + "   score  verdict")
    for row in rows:
        cells = "".join(f"{row['shares'][c] * 100:9.2f}{'*' if row['hits'][c] else ' '}" for c in codes)
        print(f"{'+' if row['kind'] == 'good' else '-'} {row['text'][:56]:56}{cells}   {row['score']:.2f}  "
              f"{'legible' if row['legible'] else 'REFUSED'}")
    print("\n+ good, - garbled; shares in %; * = at or over the threshold (with the minimum count)\n")
    print(f"{'sign':20} {'threshold':>10} {'min count':>9} {'of':22} {'good max %':>10}  good text nearest")
    for code in codes:
        goods = [row for row in rows if row["kind"] == "good"]
        top = max(goods, key=lambda row: row["shares"][code])
        print(f"{code:20} {THRESHOLDS[code].share * 100:9.2f}% {THRESHOLDS[code].count:9d} {THRESHOLDS[code].of:22} "
              f"{top['shares'][code] * 100:10.3f}  {top['text']}")
    goods = [row for row in rows if row["kind"] == "good"]
    bads = [row for row in rows if row["kind"] == "garbled"]
    nearest_good = max(goods, key=lambda row: row["ratio"])
    nearest_bad = min(bads, key=lambda row: row["ratio"])
    print(f"\ngood texts refused: {sum(not row['legible'] for row in goods)} of {len(goods)}; "
          f"garbled texts passed: {sum(row['legible'] for row in bads)} of {len(bads)}")
    print(f"good text nearest a threshold: {nearest_good['text']}: worst sign at "
          f"{nearest_good['ratio']:.2f} x its threshold")
    print(f"garbled text nearest passing: {nearest_bad['text']}: worst sign at {nearest_bad['ratio']:.2f} x "
          "its threshold")
    print("\nrefused when only every n-th line of each seed is garbled (largest n of 1, 2, 3, 5, 10, 20, 50):")
    for garbler, every in sensitivity.items():
        print(f"  {garbler:22} {'every ' + str(every) + ' lines' if every else 'not even whole'}")


if __name__ == "__main__":
    main()
