"""Benchmark: does Vietnamese word segmentation (pyvi, underthesea) help the document reader?

Run: python benchmarks/bench_segmentation.py [--verbose] [--json] [--install] [--skip-cold] [--only corpus|seeds]

Needs pyvi and/or underthesea in the environment (``pip install pyvi underthesea``); a
segmenter that is not installed is reported as such and its variants are skipped.  Prints
figures; asserts nothing.  The decision drawn from them is in docs/reading.md ("Tách từ").

1. **Packages**: version, licence and installed size of each segmenter and of every package it
   brings that the checker's own install (``.[test]``, what CI installs) does not have; whether
   torch is among them.  ``--install`` also times ``pip install pyvi underthesea`` into a fresh
   virtual environment (what a CI run without a cache would pay) and measures its size.
2. **Time**, against the reader's budget (0,3 s for a 20-page report): cold — a new process
   importing the segmenter and segmenting one sentence (model load included); warm —
   segmenting every line of each corpus text and of a 20-page report (the development texts
   joined, as ``bench_extract.py --timing``); and the reader itself over the whole corpus with
   each variant below, per 1.000 lines (segmentation caches cleared before each variant).  The
   reader segments only the phrases that matched a pattern, not the whole text.
3. **Agreement**: of the two segmenters with each other (identical words, identical decisions at
   the spaces between syllables), and on the corpus's indicator phrases: how often a phrase as
   matched in the corpus starts and ends on the segmenter's word boundaries (the filter would
   accept it) and how the segmenter cuts it.
4. **Effect on the reading**: the reader (``bench_extract.py``'s comparison) on the corpus and the
   seeds without segmentation and with each variant — a phrase match accepted only on word
   boundaries (``local``: the phrases of what the number counts; ``all``: also the context phrases
   and exclusions) for each segmenter, and the head noun phrase from underthesea's tags — with
   recall/precision per text and overall, and every value that changed (right→wrong,
   wrong→right, placed→unplaced, unplaced→placed).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.core.errors import InputError  # noqa: E402
from checker.read.document import load_document, read_lines  # noqa: E402
from checker.read.document.wording import fold  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "benchmarks" / "bench_extract.py")
assert _spec is not None and _spec.loader is not None
bench_extract = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_extract)

SEGMENTER_PACKAGES = ("pyvi", "underthesea")
BUDGET_20_PAGES = 0.3

# Indicator phrases of the corpus whose word boundaries matter (the list, and the
# short phrases that also occur inside longer words).
PHRASES = (
    "chữ ký số", "hồ sơ công việc", "dịch vụ công trực tuyến", "dịch vụ công", "thanh toán trực tuyến",
    "một phần", "toàn trình", "chi phí", "phí", "lệ phí", "công chức", "văn bản đến", "văn bản đi",
    "thư điện tử", "máy tính", "hồ sơ", "trực tuyến", "ký số", "số hóa", "tài khoản", "cán bộ",
)


def installed(name: str) -> bool:
    """Whether the package ``name`` can be imported here."""
    return importlib.util.find_spec(name) is not None


# ---------------------------------------------------------------------------------------------- packages

def _requirements(dist: metadata.Distribution, extras: tuple[str, ...] = ()) -> list[str]:
    from packaging.requirements import Requirement

    names = []
    for line in dist.requires or []:
        requirement = Requirement(line)
        if requirement.marker is not None and not any(
                requirement.marker.evaluate({"extra": extra}) for extra in ("", *extras)):
            continue
        names.append(requirement.name)
    return names


def closure(names: list[str], extras: tuple[str, ...] = ()) -> dict[str, metadata.Distribution]:
    """The installed distributions ``names`` need, themselves included (by normalised name)."""
    found: dict[str, metadata.Distribution] = {}
    todo = [(name, extras) for name in names]
    while todo:
        name, wanted = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[key] = dist
        todo += [(child, ()) for child in _requirements(dist, wanted)]
    return found


def _size(dist: metadata.Distribution) -> int:
    return sum((file.size or 0) for file in dist.files or [])


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    return (meta.get("License") or "?").splitlines()[0][:40]


def packages() -> dict[str, Any]:
    """Version, licence, size of the segmenters and of what they bring beyond the checker's install."""
    ours = closure(["xa-cds-checker"], ("test",))
    result: dict[str, Any] = {"segmenters": {}, "added": {}}
    wanted = [name for name in SEGMENTER_PACKAGES if installed(name)]
    for name in wanted:
        theirs = closure([name])
        added = {key: dist for key, dist in theirs.items() if key not in ours}
        result["segmenters"][name] = {
            "version": metadata.version(name), "licence": _licence(metadata.distribution(name)),
            "added_packages": sorted(added), "added_mb": round(sum(_size(d) for d in added.values()) / 2**20, 1),
        }
        for key, dist in added.items():
            result["added"][key] = {"version": dist.version, "licence": _licence(dist),
                                    "mb": round(_size(dist) / 2**20, 1)}
    together = {key: None for name in wanted for key in closure([name]) if key not in ours}
    result["added_mb_both"] = round(sum(result["added"][key]["mb"] for key in together), 1)
    result["torch"] = any(key in ("torch", "tensorflow", "transformers") for key in result["added"])
    return result


def fresh_install() -> dict[str, Any]:
    """Seconds and megabytes of ``pip install pyvi underthesea`` into a new virtual environment."""
    with tempfile.TemporaryDirectory() as folder:
        venv = Path(folder) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = venv / "bin" / "pip"
        base = _du(venv)
        started = time.perf_counter()
        done = subprocess.run([str(pip), "install", "-q", *SEGMENTER_PACKAGES], capture_output=True, text=True)
        seconds = time.perf_counter() - started
        return {"seconds": round(seconds, 1), "ok": done.returncode == 0, "mb": round((_du(venv) - base) / 2**20, 1),
                "error": done.stderr[-500:] if done.returncode else ""}


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# ---------------------------------------------------------------------------------------------- time

_COLD = """
import json, time
started = time.perf_counter()
from checker.read.document.segmentation import segmenter
seg = segmenter({name!r})
loaded = time.perf_counter()
seg.words("Tiếp nhận 1.830 hồ sơ, trong đó 1.772 hồ sơ trực tuyến; 09 công chức được cấp chữ ký số.")
first = time.perf_counter()
print(json.dumps({{"import_and_load": loaded - started, "first_sentence": first - loaded}}))
"""


def cold(name: str) -> dict[str, float]:
    """A new process: import and load the segmenter, then segment one sentence (seconds, best of 3)."""
    best: dict[str, float] = {}
    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", _COLD.format(name=name)], capture_output=True, text=True,
                              cwd=ROOT, check=True)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        for key, value in figures.items():
            best[key] = min(best.get(key, float("inf")), value)
    best["total"] = best["import_and_load"] + best["first_sentence"]
    return {key: round(value, 3) for key, value in best.items()}


def corpus(only: str | None = None) -> list[tuple[Path, Path]]:
    """The texts bench_extract measures by default: the reading corpus, then the seeds (or one of the two)."""
    return list(bench_extract.texts(only))


def text_lines(path: Path) -> list[str]:
    """The folded, non-blank lines of a text, as the reader sees them."""
    return [fold(line.text) for line in read_lines(path) if line.text.strip()]


def twenty_pages() -> list[str]:
    """About 1.000 lines: the development texts joined (as ``bench_extract.py --timing``)."""
    body: list[str] = []
    for text, _ in bench_extract.texts("corpus"):
        body += text.read_text(encoding="utf-8").splitlines()
        if len(body) >= 1000:
            break
    return body[:1000]


def warm_seconds(segment: Callable[[str], Any], lines: list[str], repeat: int = 3) -> float:
    """Best time to segment every line, the segmenter already loaded."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for line in lines:
            segment(line)
        best = min(best, time.perf_counter() - started)
    return best


# ---------------------------------------------------------------------------------------------- agreement

def _gaps(text: str, spans: list[tuple[int, int]]) -> dict[int, bool]:
    """For each space between two syllables of ``text``: True when a segmenter joins them in one word."""
    joined = {position for start, end in spans for position in range(start, end) if text[position] == " "}
    return {m.start(): m.start() in joined for m in re.finditer(r"(?<=\w) (?=\w)", text)}


def agreement(lines: list[str]) -> dict[str, float]:
    """How far pyvi and underthesea agree on ``lines``: words (all, multi-syllable) and syllable gaps."""
    from checker.read.document.segmentation import segmenter

    a, b = segmenter("pyvi"), segmenter("underthesea")
    same = words_a = words_b = multi_same = multi_a = multi_b = gaps_same = gaps = 0
    for line in lines:
        spans_a, spans_b = set(a.spans(line)), set(b.spans(line))
        same += len(spans_a & spans_b)
        words_a += len(spans_a)
        words_b += len(spans_b)
        multi = {s for s in spans_a if " " in line[s[0]:s[1]]}, {s for s in spans_b if " " in line[s[0]:s[1]]}
        multi_same += len(multi[0] & multi[1])
        multi_a += len(multi[0])
        multi_b += len(multi[1])
        gap_a, gap_b = _gaps(line, list(spans_a)), _gaps(line, list(spans_b))
        gaps += len(gap_a)
        gaps_same += sum(gap_a[g] == gap_b.get(g) for g in gap_a)
    return {
        "words_same": 2 * same / (words_a + words_b) if words_a + words_b else 1.0,
        "multi_syllable_words_same": 2 * multi_same / (multi_a + multi_b) if multi_a + multi_b else 1.0,
        "syllable_gaps_same": gaps_same / gaps if gaps else 1.0,
        "multi_syllable_words_pyvi": multi_a, "multi_syllable_words_underthesea": multi_b,
    }


def phrase_boundaries(lines: list[str], names: list[str]) -> dict[str, dict[str, Any]]:
    """For each phrase: occurrences in the corpus, how many each segmenter keeps whole, and its cuts."""
    from checker.read.document.segmentation import segmenter

    result: dict[str, dict[str, Any]] = {}
    for phrase in PHRASES:
        pattern = re.compile(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", re.IGNORECASE)
        row: dict[str, Any] = {"occurrences": 0}
        for name in names:
            row[name] = {"on_boundaries": 0, "cuts": Counter()}
        both = 0
        for line in lines:
            for match in pattern.finditer(line):
                row["occurrences"] += 1
                verdicts = []
                for name in names:
                    seg = segmenter(name)
                    ok = seg.on_boundaries(line, match.start(), match.end())
                    verdicts.append(ok)
                    row[name]["on_boundaries"] += ok
                    row[name]["cuts"][_cut(line, seg.spans(line), match.start(), match.end())] += 1
                both += len(set(verdicts)) == 1
        row["segmenters_agree"] = both
        for name in names:
            row[name]["cuts"] = dict(row[name]["cuts"].most_common(3))
        result[phrase] = row
    return result


def _cut(line: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """How the words overlapping ``line[start:end]`` are cut: "chữ_ký số", "[chi_]phí" for a word cut open."""
    words = [(s, e) for s, e in spans if s < end and e > start]
    shown = []
    for s, e in words:
        word = line[s:e].replace(" ", "_")
        if s < start:
            word = "[" + line[s:start].replace(" ", "_") + "]" + line[start:e].replace(" ", "_")
        if e > end:
            word = line[max(s, start):end].replace(" ", "_") + "[" + line[end:e].replace(" ", "_") + "]"
        shown.append(word)
    return " ".join(shown)


# ---------------------------------------------------------------------------------------------- reading

def variants(names: list[str]) -> dict[str, Callable[[], AbstractContextManager[Any]]]:
    """The readings measured: without segmentation, then each filter the installed segmenters allow."""
    from checker.read.document import segmentation

    found: dict[str, Callable[[], AbstractContextManager[Any]]] = {"none": nullcontext}
    for name in names:
        for scope in segmentation.SCOPES:
            found[f"{name}/{scope}"] = lambda name=name, scope=scope: segmentation.word_boundaries(name, scope)
    if "underthesea" in names:
        found["underthesea/head-NP"] = segmentation.head_noun_phrase
    return found


def _placements(draft: dict[str, Any], candidates: list[Any],
                expected: Counter[tuple[str, str, Any]]) -> dict[tuple[int, Any], str]:
    """Each number of the text, by (line, value): where the draft put it (field and code), and whether rightly."""
    placed: dict[tuple[int, Any], str] = {}
    for prefix, indicators in (("", draft.get("indicators") or {}),
                               ("goals/", (draft.get("goals") or {}).get("indicators") or {})):
        for code, statements in indicators.items():
            for measure in statements if isinstance(statements, list) else [statements]:
                for name in bench_extract.FIELDS:
                    raw = measure.get(name)
                    if raw is None or isinstance(raw, bool):
                        continue
                    value = round(float(raw), 6)
                    key = (int(measure.get("line") or 0), value)
                    verdict = "right" if expected[(prefix + code, name, value)] else "wrong"
                    placed[key] = placed.get(key, "") + f"{verdict}:{prefix}{code}.{name} "
    for candidate in candidates:
        if candidate.value is None:
            continue
        placed.setdefault((candidate.line, round(float(candidate.value), 6)), "unplaced")
    return {key: value.strip() for key, value in placed.items()}


def _status(placement: str | None) -> str:
    if placement is None:
        return "unlisted"  # neither placed nor a candidate: a part in its whole's breakdown, or not a number read
    if placement == "unplaced":
        return "unplaced"
    return "wrong" if "wrong:" in placement else "right"


def read_all(pairs: list[tuple[Path, Path]],
             variant: Callable[[], AbstractContextManager[Any]]) -> tuple[dict[str, Any], Counter[tuple[str, str]]]:
    """Every text read under one variant: bench_extract's comparison and where each number went,
    and the phrase matches the word-boundary filter refused (phrase, the segmenter's words)."""
    results: dict[str, Any] = {}
    rejected: Counter[tuple[str, str]] = Counter()
    with variant() as segmenter:
        if segmenter is not None:
            segmenter.rejected = rejected
        for text, fixture_path in pairs:
            fixture = json.loads(fixture_path.read_text(encoding="utf-8"))
            try:
                draft, candidates = load_document(text)
            except InputError:
                draft, candidates = {"indicators": {}}, []
            name = ("seed " if text.parent.name == "fixtures" else "") + text.stem
            result = bench_extract.compare(fixture, draft)
            result["placements"] = _placements(draft, candidates, bench_extract.report_values(fixture))
            results[name] = result
        if segmenter is not None:
            segmenter.rejected = None
    return results, rejected


def reader_seconds(pairs: list[tuple[Path, Path]], variant: Callable[[], AbstractContextManager[Any]],
                   names: list[str], repeat: int = 3) -> tuple[float, float]:
    """Best of ``repeat``: seconds to read every text under a variant, and the part of them spent in the
    segmenter or tagger (segmentation caches cleared before each pass)."""
    from checker.read.document import segmentation

    best = (float("inf"), 0.0)
    with variant():
        for _ in range(repeat):
            for name in names:
                segmentation.segmenter(name).clear_cache()
            segmentation.clear_pos_cache()
            started = time.perf_counter()
            for text, _ in pairs:
                try:
                    load_document(text)
                except InputError:
                    pass
            seconds = time.perf_counter() - started
            inside = sum(segmentation.segmenter(name).seconds for name in names) + segmentation.tagging_seconds()
            best = min(best, (seconds, inside))
    return best


def totals(results: dict[str, Any]) -> dict[str, Any]:
    """Recall and precision over all texts."""
    sums = {key: sum(r[key] for r in results.values()) for key in ("fixture_values", "extracted_values", "recovered")}
    sums["recall"] = sums["recovered"] / sums["fixture_values"] if sums["fixture_values"] else 1.0
    sums["precision"] = sums["recovered"] / sums["extracted_values"] if sums["extracted_values"] else 1.0
    return sums


def changes(base: dict[str, Any], other: dict[str, Any]) -> list[dict[str, str]]:
    """The numbers whose reading changed from ``base`` to ``other``, with the kind of change."""
    found = []
    for text, result in other.items():
        before, after = base[text]["placements"], result["placements"]
        for key in sorted(set(before) | set(after)):
            was, now = before.get(key), after.get(key)
            if was == now:
                continue
            kind = f"{_status(was)}→{_status(now)}"
            found.append({"text": text, "line": str(key[0]), "number": f"{key[1]:g}", "kind": kind,
                          "before": was or "—", "after": now or "—"})
    return found


def main() -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="also list every changed value")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--install", action="store_true",
                        help="also time pip install pyvi underthesea into a fresh virtual environment")
    parser.add_argument("--skip-cold", action="store_true", help="skip the cold-start processes")
    parser.add_argument("--only", choices=("corpus", "seeds"), default=None, help="measure one set of texts")
    args = parser.parse_args()

    names = [name for name in SEGMENTER_PACKAGES if installed(name)]
    out: dict[str, Any] = {"installed": names}
    missing = [name for name in SEGMENTER_PACKAGES if name not in names]
    if missing:
        print(f"not installed (skipped): {', '.join(missing)} — pip install {' '.join(missing)}", file=sys.stderr)
    if not names:
        print("no segmenter installed: nothing to measure (pip install pyvi underthesea)")
        return 0
    from checker.read.document.segmentation import segmenter

    out["packages"] = packages()
    if args.install:
        out["fresh_install"] = fresh_install()

    pairs = corpus(args.only)
    lines = {("seed " if text.parent.name == "fixtures" else "") + text.stem: text_lines(text) for text, _ in pairs}
    all_lines = [line for text_lines_ in lines.values() for line in text_lines_]
    pages = [fold(line) for line in twenty_pages() if line.strip()]
    timing: dict[str, Any] = {}
    for name in names:
        seg = segmenter(name)
        per_text = {text: warm_seconds(seg.words, text_lines_, repeat=1) for text, text_lines_ in lines.items()}
        timing[name] = {
            "cold": None if args.skip_cold else cold(name),
            "warm_per_text_max": round(max(per_text.values()), 3),
            "warm_per_text_mean": round(sum(per_text.values()) / len(per_text), 3),
            "warm_20_pages": round(warm_seconds(seg.words, pages), 3),
        }
    if "underthesea" in names:
        from checker.read.document.segmentation import pos_tags

        timing["underthesea"]["warm_20_pages_pos"] = round(warm_seconds(pos_tags, pages, repeat=1), 3)
    out["timing"] = timing
    out["agreement"] = agreement(all_lines) if len(names) == 2 else None
    out["phrases"] = phrase_boundaries(all_lines, names)

    measured = variants(names)
    readings: dict[str, dict[str, Any]] = {}
    refused: dict[str, Counter[tuple[str, str]]] = {}
    for label, variant in measured.items():
        readings[label], refused[label] = read_all(pairs, variant)
    corpus_lines = sum(len(text_lines_) for text_lines_ in lines.values())
    out["reader_per_1000_lines"] = {}
    out["segmenting_per_1000_lines"] = {}
    for label, variant in measured.items():  # after read_all above: the catalogue and patterns are loaded
        seconds, inside = reader_seconds(pairs, variant, names)
        out["reader_per_1000_lines"][label] = round(1000 * seconds / corpus_lines, 3)
        out["segmenting_per_1000_lines"][label] = round(1000 * inside / corpus_lines, 3)
    out["corpus_lines"] = corpus_lines
    out["reading"] = {label: {"total": totals(r), "per_text": {t: {k: v for k, v in x.items() if k != "placements"}
                                                                for t, x in r.items()}}
                      for label, r in readings.items()}
    out["rejected"] = {label: [{"phrase": p, "words": w, "count": c} for (p, w), c in counts.most_common()]
                       for label, counts in refused.items() if counts}
    out["changes"] = {label: changes(readings["none"], r) for label, r in readings.items() if label != "none"}
    out["verdicts"] = verdicts(out)

    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
        return 0
    _print(out, readings, args.verbose)
    return 0


def verdicts(out: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per variant: change of precision and recall (points), extra reading time, and whether it meets the bar
    for adoption (precision up, recall not down, within the time budget)."""
    base = out["reading"]["none"]["total"]
    found = {}
    for label, reading in out["reading"].items():
        if label == "none":
            continue
        total = reading["total"]
        extra = out["segmenting_per_1000_lines"][label]
        precision = 100 * (total["precision"] - base["precision"])
        recall = 100 * (total["recall"] - base["recall"])
        found[label] = {"precision_points": round(precision, 2), "recall_points": round(recall, 2),
                        "extra_seconds_per_1000_lines": round(extra, 3),
                        "adopt": precision > 0 and recall >= 0 and extra < BUDGET_20_PAGES}
    return found


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %".replace(".", ",")


def _s(value: float) -> str:
    return f"{value:.3f} s".replace(".", ",")


def _print(out: dict[str, Any], readings: dict[str, Any], verbose: bool) -> None:
    packages_ = out["packages"]
    print("== 1. Packages (beyond the checker's own .[test] install)")
    for name, info in packages_["segmenters"].items():
        print(f"  {name} {info['version']} ({info['licence']}): adds {len(info['added_packages'])} packages, "
              f"{info['added_mb']} MB: {', '.join(info['added_packages'])}")
    print(f"  both together add {packages_['added_mb_both']} MB; torch/tensorflow among them: "
          f"{'yes' if packages_['torch'] else 'no'}")
    for key, info in sorted(packages_["added"].items(), key=lambda item: -item[1]["mb"]):
        print(f"    {key:22s} {info['version']:14s} {info['mb']:7.1f} MB  {info['licence']}")
    if "fresh_install" in out:
        fresh = out["fresh_install"]
        print(f"  fresh venv: pip install pyvi underthesea took {fresh['seconds']} s, {fresh['mb']} MB"
              + ("" if fresh["ok"] else f" — FAILED: {fresh['error']}"))

    print(f"\n== 2. Time (budget: a 20-page report read in {_s(BUDGET_20_PAGES)})")
    for name, info in out["timing"].items():
        cold = info["cold"]
        cold_text = (f"cold {_s(cold['total'])} (import + model {_s(cold['import_and_load'])}, first sentence "
                     f"{_s(cold['first_sentence'])})") if cold else "cold: skipped"
        print(f"  {name:12s} {cold_text}; warm: per text mean {_s(info['warm_per_text_mean'])}, "
              f"max {_s(info['warm_per_text_max'])}; 20 pages {_s(info['warm_20_pages'])}"
              + (f" (with POS tags {_s(info['warm_20_pages_pos'])})" if "warm_20_pages_pos" in info else ""))
    print(f"  the reader over the corpus ({out['corpus_lines']} non-blank lines, segmentation caches cleared, "
          "best of 3), seconds per 1.000 lines (about 20 pages): all of the reading, and the part spent in the "
          "segmenter or tagger (the phrases that matched a pattern are segmented, not the whole text):")
    for label, seconds in out["reader_per_1000_lines"].items():
        print(f"    {label:22s} {_s(seconds)}   in the segmenter {_s(out['segmenting_per_1000_lines'][label])}")

    print("\n== 3. Agreement")
    agree = out["agreement"]
    if agree:
        print(f"  pyvi vs underthesea on the corpus: words identical {_pct(agree['words_same'])}, "
              f"multi-syllable words identical {_pct(agree['multi_syllable_words_same'])} "
              f"({agree['multi_syllable_words_pyvi']} / {agree['multi_syllable_words_underthesea']}), "
              f"spaces between syllables decided alike {_pct(agree['syllable_gaps_same'])}")
    names = out["installed"]
    print(f"  {'phrase':26s} {'seen':>5s} " + " ".join(f"{n + ' whole':>17s}" for n in names) + "  agree  cuts")
    for phrase, row in out["phrases"].items():
        seen = row["occurrences"]
        if not seen:
            continue
        whole = " ".join(f"{row[n]['on_boundaries']:>10d} {_pct(row[n]['on_boundaries'] / seen):>6s}" for n in names)
        cuts = " | ".join(f"{n}: " + ", ".join(f"{cut} ×{count}" for cut, count in row[n]["cuts"].items())
                          for n in names)
        print(f"  {phrase:26s} {seen:5d} {whole} {row['segmenters_agree']:6d}  {cuts}")

    print("\n== 4. Effect on the reading (recall / precision)")
    labels = list(readings)
    print(f"  {'text':40s} " + " ".join(f"{label:>19s}" for label in labels))
    for text in readings["none"]:
        cells = []
        for label in labels:
            r = readings[label][text]
            cells.append(f"{_pct(r['recall']):>8s}/{_pct(r['precision']):>8s}"
                         + ("*" if (r["recovered"], r["extracted_values"]) !=
                            (readings["none"][text]["recovered"], readings["none"][text]["extracted_values"])
                            else " "))
        print(f"  {text:40s} " + " ".join(f"{c:>19s}" for c in cells))
    cells = [f"{_pct(out['reading'][label]['total']['recall']):>8s}/"
             f"{_pct(out['reading'][label]['total']['precision']):>8s} " for label in labels]
    print(f"  {'TOTAL':40s} " + " ".join(f"{c:>19s}" for c in cells) + "   (* changed)")
    for label in labels:
        total = out["reading"][label]["total"]
        print(f"    {label:22s} right {total['recovered']:5d}  read {total['extracted_values']:5d}  "
              f"expected {total['fixture_values']:5d}")
    print("\n  changed values against the reading without segmentation:")
    for label, found in out["changes"].items():
        kinds = Counter(change["kind"] for change in found)
        print(f"    {label:22s} {len(found):3d} changed: "
              + (", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())) or "none"))
        if verbose:
            for change in found:
                print(f"      {change['kind']:18s} {change['text']} L{change['line']} {change['number']}: "
                      f"{change['before']} → {change['after']}")

    print("\n  phrase matches the word-boundary filter refused (phrase ← the segmenter's words), most frequent:")
    for label, rows in out["rejected"].items():
        shown = rows if verbose else rows[:8]
        print(f"    {label:22s} {sum(r['count'] for r in rows)} refusals: "
              + ", ".join(f"{r['phrase']} ← {r['words']} ×{r['count']}" for r in shown))

    print("\n== 5. Against the bar for adoption (precision up, recall not down, within the time budget; "
          "time: in the segmenter per 1.000 lines, warm)")
    for label, verdict in out["verdicts"].items():
        print(f"  {label:22s} precision {verdict['precision_points']:+.2f} points, recall "
              f"{verdict['recall_points']:+.2f} points, "
              f"{verdict['extra_seconds_per_1000_lines']:+.3f} s per 1.000 lines"
              f" (cold start not counted): {'meets it' if verdict['adopt'] else 'does not meet it'}")


if __name__ == "__main__":
    sys.exit(main())
