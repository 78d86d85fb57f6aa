"""A large batch with broken reports of every kind: the rest are checked and every output stays valid.

    python benchmarks/bench_broken_batch.py --reports 2000 --broken-each 20 --jobs 2

Builds a folder of seed reports, replaces ``--broken-each`` of them by each kind of broken
report that issue 14 found ending a batch (NaN, Infinity, -Infinity, 1e309, 98.1e9991, a
5,000-digit integer, a lone surrogate in a key, invalid JSON, a duplicate key, an ambiguous
"3,146", a dangling link), and adds as many .txt reports titled "năm 1999" and .docx zip bombs
named on the command line.  Then runs ``check`` with JSON, SARIF and JUnit outputs and checks:
exit 2, every broken file reported once, every other report in each output, the JSON parses,
the SARIF validates against the 2.1.0 schema, the JUnit parses.  Prints times and counts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "fixtures").glob("*.json"))
TEXT = ROOT / "fixtures" / "chi-lang-nam-thanh-mien-2023.txt"
SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
NUMBER_TOKENS = {"nan": "NaN", "inf": "Infinity", "neginf": "-Infinity", "1e309": "1e309",
                 "exp9991": "98.1e9991", "digits5000": "9" * 5000}


def _with_first_value(text: str, token: str) -> str:
    match = re.search(r'"value": (-?\d+(?:\.\d+)?)', text)
    assert match is not None
    return text[:match.start(1)] + token + text[match.end(1):]


def _broken(kind: str, seed_text: str) -> str | None:
    if kind in NUMBER_TOKENS:
        return _with_first_value(seed_text, NUMBER_TOKENS[kind])
    data = json.loads(seed_text)
    code = next(iter(data["indicators"]))
    if kind == "surrogate":
        surrogate = '"indicators": {"\\ud800": {"value": 1}, '
        return json.dumps(data, ensure_ascii=True).replace('"indicators": {', surrogate, 1)
    if kind == "invalid":
        return seed_text[: len(seed_text) // 2]
    if kind == "duplicate":
        return seed_text.replace('"indicators": {', f'"indicators": {{"{code}": {{"percent": 100}}, ', 1)
    if kind == "ambiguous":
        data["indicators"]["staff.officials"] = {"value": "3,146"}
        return json.dumps(data, ensure_ascii=False)
    return None


KINDS = [*NUMBER_TOKENS, "surrogate", "invalid", "duplicate", "ambiguous", "dangling"]


def build(folder: Path, reports: int, broken_each: int) -> tuple[list[str], set[str]]:
    """The batch: a folder of reports (some broken) and extra named files; returns the arguments and broken names."""
    reports_dir = folder / "reports"
    reports_dir.mkdir()
    seed_texts = [seed.read_text(encoding="utf-8") for seed in SEEDS]
    broken: set[str] = set()
    slots = iter(range(0, reports, max(1, reports // (broken_each * len(KINDS)))))
    plan: dict[int, str] = {}
    for kind in KINDS:
        for _ in range(broken_each):
            plan[next(slots)] = kind
    for index in range(reports):
        path = reports_dir / f"r{index:05d}.json"
        kind = plan.get(index)
        if kind == "dangling":
            path.symlink_to(reports_dir / "missing" / path.name)
        elif kind is not None:
            path.write_text(_broken(kind, seed_texts[index % 3]) or "", encoding="utf-8")
        else:
            path.write_text(seed_texts[index % 3], encoding="utf-8")
        if kind is not None:
            broken.add(str(path))
    extra = folder / "named"
    extra.mkdir()
    named: list[str] = []
    title_text = TEXT.read_text(encoding="utf-8").replace("năm 2023", "năm 1999")
    chunk = b"<w:t>" + b"a" * (1024 * 1024 - 11) + b"</w:t>\n"
    for index in range(broken_each):
        text = extra / f"t{index:03d}.txt"
        text.write_text(title_text, encoding="utf-8")
        bomb = extra / f"b{index:03d}.docx"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive, \
                archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(31):
                member.write(chunk)
        named += [str(text), str(bomb)]
        broken |= {str(text), str(bomb)}
    return [str(reports_dir), *named], broken


def main() -> int:
    """Build the batch, run check three times, verify the outputs; 0 when all holds."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--broken-each", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--engine", choices=("durable", "python"), default="durable")
    options = parser.parse_args()
    import jsonschema

    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        args, broken = build(folder, options.reports, options.broken_each)
        total = options.reports + 2 * options.broken_each
        good = total - len(broken)
        print(f"batch: {total} inputs, {len(broken)} broken ({options.broken_each} of each of "
              f"{len(KINDS) + 2} kinds), {good} good; engine {options.engine}, {options.jobs} processes")
        out = folder / "out"
        out.mkdir()
        for fmt, name in (("json", "o.json"), ("sarif", "o.sarif"), ("junit", "o.xml")):
            started = time.monotonic()
            result = subprocess.run([sys.executable, "-m", "checker", "check", *args, "--format", fmt,
                                     "-o", str(out / name), "--jobs", str(options.jobs), "--engine", options.engine],
                                    capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            elapsed = time.monotonic() - started
            reported = {line.split(": ", 1)[1] for line in result.stderr.splitlines()
                        if line.startswith("Lỗi dữ liệu vào / input error: ")}
            ok = result.returncode == 2 and reported == broken
            detail = ""
            path = out / name
            if fmt == "json":
                data = json.loads(path.read_text(encoding="utf-8"))
                ok &= len(data["reports"]) == good and len(data["errors"]) == len(broken)
                detail = f"{len(data['reports'])} reports, {len(data['errors'])} errors"
            elif fmt == "sarif":
                data = json.loads(path.read_text(encoding="utf-8"))
                jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
                detail = f"{len(data['runs'][0]['results'])} results, schema-valid"
            else:
                root = ET.parse(path).getroot()
                detail = f"{len(root)} test suites"
            failures += not ok
            print(f"  {fmt:<6} exit {result.returncode}, {len(reported)} errors reported "
                  f"({'all broken, once' if reported == broken else 'MISMATCH'}), {detail}, "
                  f"{elapsed:.1f} s {'ok' if ok else 'FAILED'}")
            if not ok:
                print(result.stderr[-2000:])
        shutil.rmtree(out)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
