"""Benchmark: the document reader on the reading corpus and the seeds, against their expected readings.

Run: python benchmarks/bench_extract.py [--verbose] [--json] [--only corpus|seeds] [--holdout] [--exclude NAME]

By default the held-out texts (``HOLDOUT`` below and everything under
``fixtures/intake/holdout/``) are left out: the reader is developed on the other texts.
``--holdout`` measures the held-out texts alone and prints only their summary rows (never
the missed or wrong values, so that measuring them does not teach the reader their wording).
``--timing`` also reads a 20-page report (the development texts joined) and prints the time.

Texts: the reading corpus ``fixtures/intake/<name>.txt`` with ``<name>.expected.json`` (written
before the reader was changed, in styles unlike the seeds; see fixtures/intake/README.md), and
the seeds ``fixtures/<name>.txt`` with their encoding ``fixtures/<name>.json``.  For each text it
extracts a draft and compares indicator statements (and next-year goals, counted as ``goals/<code>``)
by (code, field) with numeric equality: value, numerator, denominator, percent, flag.
Statements of one (code, field) are compared as multisets of values, so a fixture that
states an indicator twice needs both statements.

* recovered: fixture values the draft has exactly;
* wrong: draft values the fixture does not have for that (code, field) — a different
  value, an extra statement, or a code the fixture does not have;
* missed: fixture values the draft does not have;
* recall = recovered / fixture values; precision = recovered / draft values.

Prints figures; asserts nothing (quality is measured here; tests assert behaviour).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.core.errors import InputError  # noqa: E402
from checker.read.document import load_document  # noqa: E402

FIELDS = ("value", "numerator", "denominator", "percent", "flag")

# Texts kept out of development: measured only with --holdout, summary rows only.  Every text under
# fixtures/intake/holdout/ is held out (``is_holdout``).  The earlier held-out sets (the five original
# texts, the second batch of six, the third batch of five) were each measured as held out once and
# then released for development: they now sit in fixtures/intake/ with their expectations unchanged.
HOLDOUT: frozenset[str] = frozenset()


def _statements(indicators: dict[str, Any], prefix: str = "") -> Counter[tuple[str, str, Any]]:
    values: Counter[tuple[str, str, Any]] = Counter()
    for code, statements in indicators.items():
        for measure in statements if isinstance(statements, list) else [statements]:
            for name in FIELDS:
                raw = measure.get(name)
                if raw is None:
                    continue
                value = raw if isinstance(raw, bool) else round(float(raw), 6)
                values[(prefix + code, name, value)] += 1
    return values


def report_values(report: dict[str, Any]) -> Counter[tuple[str, str, Any]]:
    """(code, field, value) counts of a report's indicators and goals."""
    values = _statements(report.get("indicators") or {})
    goals = report.get("goals") or {}
    values.update(_statements(goals.get("indicators") or {}, "goals/"))
    return values


def compare(fixture: dict[str, Any], draft: dict[str, Any]) -> dict[str, Any]:
    """Recovered, wrong and missed values of a draft against its fixture."""
    expected = report_values(fixture)
    got = report_values(draft)
    recovered = expected & got
    wrong = got - expected
    missed = expected - got
    n_expected, n_got, n_ok = sum(expected.values()), sum(got.values()), sum(recovered.values())
    return {
        "fixture_values": n_expected,
        "extracted_values": n_got,
        "recovered": n_ok,
        "wrong": sum(wrong.values()),
        "recall": n_ok / n_expected if n_expected else 1.0,
        "precision": n_ok / n_got if n_got else 1.0,
        "missed": sorted(f"{code}.{name}={value}" for (code, name, value), count in missed.items()
                         for _ in range(count)),
        "wrong_values": sorted(f"{code}.{name}={value}" for (code, name, value), count in wrong.items()
                               for _ in range(count)),
    }


def is_holdout(path: Path) -> bool:
    """Whether a corpus text is held out of development."""
    return path.stem in HOLDOUT or path.parent.name == "holdout"


def texts(only: str | None = None, holdout: bool = False,
          exclude: frozenset[str] = frozenset()) -> list[tuple[Path, Path]]:
    """(text, expected reading) pairs: the reading corpus, then the seeds.

    ``holdout`` selects the held-out texts only; otherwise they are left out.
    """
    pairs: list[tuple[Path, Path]] = []
    intake = ROOT / "fixtures" / "intake"
    if only in (None, "corpus"):
        pairs += [(path, path.with_name(path.stem + ".expected.json"))
                  for path in sorted([*intake.glob("*.txt"), *(intake / "holdout").glob("*.txt")])
                  if path.with_name(path.stem + ".expected.json").exists()
                  and is_holdout(path) == holdout and path.stem not in exclude]
    if holdout:
        return pairs
    if only in (None, "seeds"):
        pairs += [(path, path.with_suffix(".json")) for path in sorted((ROOT / "fixtures").glob("*.txt"))
                  if path.with_suffix(".json").exists()]
    return pairs


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="also list the wrong values and the candidates")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--only", choices=("corpus", "seeds"), default=None, help="measure one set of texts")
    parser.add_argument("--holdout", action="store_true",
                        help="measure the held-out texts only (summary rows, never their values)")
    parser.add_argument("--exclude", action="append", default=[], metavar="NAME", help="leave out a text")
    parser.add_argument("--timing", action="store_true", help="also time the reading of a 20-page report")
    args = parser.parse_args()
    if args.holdout:
        args.verbose = False

    results: dict[str, Any] = {}
    for text, fixture_path in texts(args.only, args.holdout, frozenset(args.exclude)):
        fixture = json.loads(fixture_path.read_text(encoding="utf-8"))
        started = time.perf_counter()
        try:
            draft, candidates = load_document(text)
        except InputError as exc:  # a text the reader refuses reads nothing
            draft, candidates = {"indicators": {}}, []
            if not args.holdout:
                print(f"{text.name}: {exc.render()}", file=sys.stderr)
        elapsed = time.perf_counter() - started
        result = compare(fixture, draft)
        result["seconds"] = round(elapsed, 3)
        result["candidates"] = len(candidates)
        results[("seed " if text.parent.name == "fixtures" else "") + text.stem] = result
        if args.verbose:
            result["candidate_list"] = [f"L{c.line} {c.code or '-'} {c.value}: {c.reason}" for c in candidates]

    totals = {key: sum(r[key] for r in results.values())
              for key in ("fixture_values", "extracted_values", "recovered", "wrong", "candidates")}
    totals["recall"] = totals["recovered"] / totals["fixture_values"] if totals["fixture_values"] else 1.0
    totals["precision"] = totals["recovered"] / totals["extracted_values"] if totals["extracted_values"] else 1.0

    if args.holdout:
        for r in results.values():
            for key in ("missed", "wrong_values"):
                r.pop(key, None)
    if args.timing:
        totals["seconds_20_pages"] = _time_20_pages()
    if args.json:
        print(json.dumps({"reports": results, "total": totals}, ensure_ascii=False, indent=2))
        return 0
    print(f"{'text':44s} {'expected':>8s} {'read':>5s} {'right':>5s} {'wrong':>5s} {'recall':>7s} {'precision':>9s}"
          f" {'unplaced':>8s} {'seconds':>7s}")
    for name, r in results.items():
        print(f"{name:44s} {r['fixture_values']:8d} {r['extracted_values']:5d} {r['recovered']:5d} {r['wrong']:5d} "
              f"{r['recall']:7.1%} {r['precision']:9.1%} {r['candidates']:8d} {r['seconds']:7.3f}")
    if args.timing:
        print(f"reading a 20-page report (about 1.000 lines): {totals['seconds_20_pages']:.3f} s (aim: < 0,3 s)")
    if not args.verbose:
        print(f"{'TOTAL':44s} {totals['fixture_values']:8d} {totals['extracted_values']:5d} {totals['recovered']:5d} "
              f"{totals['wrong']:5d} {totals['recall']:7.1%} {totals['precision']:9.1%}   "
              "(aim: recall ≥ 90 %, precision ≥ 98 %, no text below 95 %)")
        return 0
    for name, r in results.items():
        print(f"{name}")
        print(f"  fixture values {r['fixture_values']:4d}   extracted {r['extracted_values']:4d}   "
              f"recovered {r['recovered']:4d}   wrong {r['wrong']:3d}   candidates {r['candidates']:3d}   "
              f"{r['seconds']:.2f} s")
        print(f"  recall {r['recall']:.1%}   precision {r['precision']:.1%}")
        print(f"  missed: {', '.join(r['missed']) or '—'}")
        if r["wrong_values"]:
            print(f"  wrong:  {', '.join(r['wrong_values'])}")
        for line in r.get("candidate_list", []):
            print(f"    candidate {line}")
    print("TOTAL")
    print(f"  fixture values {totals['fixture_values']:4d}   extracted {totals['extracted_values']:4d}   "
          f"recovered {totals['recovered']:4d}   wrong {totals['wrong']:3d}   candidates {totals['candidates']:3d}")
    print(f"  recall {totals['recall']:.1%}   precision {totals['precision']:.1%}   "
          "(aim: recall ≥ 90 %, precision ≥ 98 %, no text below 95 %)")
    return 0


def _time_20_pages() -> float:
    """Seconds to read a 20-page report: the development texts joined, about 1.000 lines."""
    import tempfile

    body: list[str] = []
    for text, _ in texts("corpus"):
        body += text.read_text(encoding="utf-8").splitlines()
        if len(body) >= 1000:
            break
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bao-cao-20-trang.txt"
        path.write_text("\n".join(body[:1000]) + "\n", encoding="utf-8")
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            try:
                load_document(path)
            except InputError:
                pass
            best = min(best, time.perf_counter() - started)
    return round(best, 3)


if __name__ == "__main__":
    sys.exit(main())
