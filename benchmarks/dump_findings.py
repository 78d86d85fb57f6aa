"""The findings dump: every CLI output of a fixed set of reports, to prove a speed change changes nothing.

Run before a change and after it, then compare::

    python benchmarks/dump_findings.py /tmp/before            # on the old code
    python benchmarks/dump_findings.py /tmp/after             # on the new code
    python benchmarks/dump_findings.py --compare /tmp/before /tmp/after

The dump is ``--reports`` generated report files (``benchmarks/synthetic.py``: the fixtures with
perturbed figures, some statements left out; default 600) plus every fixture and reading-corpus
document, checked by ``check`` in every output format with both engines, and ``checker summary``
in its text formats.  Outputs are written as the CLI writes them; ``--compare`` says which files
differ and exits 1 if any does (byte for byte, the checkout's own path aside: SARIF links
into it).  The dump asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_report_files  # noqa: E402

CHECK_FORMATS = ("json", "sarif", "junit", "markdown", "table", "html")
SUMMARY_FORMATS = ("table", "csv", "html")
ENGINES = ("durable", "python")


def _documents() -> list[Path]:
    """The real inputs: fixture reports and the reading corpus's documents (held-out texts included)."""
    fixtures = sorted((ROOT / "fixtures").glob("*.json")) + sorted((ROOT / "fixtures").glob("*.txt"))
    intake = ROOT / "fixtures" / "intake"
    documents = sorted(p for p in intake.glob("*") if p.suffix in {".txt", ".docx", ".pdf"})
    return fixtures + documents


def _run(folder: Path, command: list[str], out: str) -> None:
    """Run the CLI in ``folder`` (paths relative to it, so two dumps compare) and keep exit code and stderr."""
    done = subprocess.run([sys.executable, "-m", "checker", *command, "-o", out], cwd=folder,
                          capture_output=True, text=True, check=False)
    (folder / f"{out}.exit").write_text(f"{done.returncode}\n{done.stderr}", encoding="utf-8")


def dump(folder: Path, reports: int, only: str | None = None) -> None:
    """Write the dump into ``folder`` (replaced if it exists); ``only``: "generated" or "documents"."""
    if folder.exists():
        shutil.rmtree(folder)
    generated = folder / "reports"
    generated.mkdir(parents=True)
    write_report_files(generated, reports, seed=11, drop=0.1)
    documents = folder / "documents"
    documents.mkdir()
    for path in _documents():
        shutil.copyfile(path, documents / path.name)
    (folder / "root.txt").write_text(str(ROOT), encoding="utf-8")  # links into the checkout name it
    inputs = {"generated": ["reports"], "documents": sorted(f"documents/{p.name}" for p in documents.iterdir())}
    for name, args in inputs.items():
        if only and name != only:
            continue
        for engine in ENGINES:
            for fmt in CHECK_FORMATS:
                _run(folder, ["check", *args, "--format", fmt, "--engine", engine, "--fail-on", "never",
                              "--jobs", "1", "--force"], f"{name}.{engine}.{fmt}")
        for fmt in SUMMARY_FORMATS:
            _run(folder, ["summary", *args, "--format", fmt], f"{name}.summary.{fmt}")
    # the parallel path must give the same bytes as one process
    if only != "documents":
        _run(folder, ["check", "reports", "--format", "json", "--engine", "python", "--fail-on", "never",
                      "--jobs", "2"], "generated.python.jobs2.json")
    print(f"dump written to {folder}: {reports} generated reports, {len(inputs['documents'])} documents, "
          f"{len(list(folder.glob('*.exit')))} outputs")


def _root(dump: Path) -> bytes | None:
    """The checkout a dump was made in (SARIF's helpUri links into its docs/rules)."""
    path = dump / "root.txt"
    return path.read_bytes().strip() if path.exists() else None


def _normalised(path: Path, root: bytes | None) -> bytes:
    """An output's bytes with its checkout's path replaced, so dumps made in two checkouts compare."""
    data = path.read_bytes()
    return data.replace(root, b"<ROOT>") if root else data


def _first_difference(old: bytes, new: bytes) -> None:
    """Print the first differing line of two outputs (difflib is too slow on 36 MB of SARIF)."""
    old_lines, new_lines = old.split(b"\n"), new.split(b"\n")
    index = next((n for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b),
                 min(len(old_lines), len(new_lines)))
    shown = (old_lines[index] if index < len(old_lines) else b"<end>",
             new_lines[index] if index < len(new_lines) else b"<end>")
    print(f"    line {index + 1}: - {shown[0][:200].decode(errors='replace')}")
    print(f"    line {index + 1}: + {shown[1][:200].decode(errors='replace')}")


def compare(before: Path, after: Path) -> int:
    """Print the outputs that differ between two dumps; 0 if none does, else 1."""
    found = {p.name for p in before.glob("*") if p.is_file()} | {p.name for p in after.glob("*") if p.is_file()}
    names = sorted(found - {"root.txt"})
    roots = [_root(before), _root(after)]
    differing = 0
    for name in names:
        old, new = before / name, after / name
        if old.exists() and new.exists() and _normalised(old, roots[0]) == _normalised(new, roots[1]):
            continue
        differing += 1
        print(f"differs: {name}")
        if old.exists() and new.exists():
            _first_difference(_normalised(old, roots[0]), _normalised(new, roots[1]))
    print(f"{len(names)} outputs compared, {differing} differ")
    return 1 if differing else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, nargs="?")
    parser.add_argument("--reports", type=int, default=600)
    parser.add_argument("--only", choices=("generated", "documents"), help="dump one of the two input sets")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    if args.folder is None:
        parser.error("a folder to write the dump into, or --compare BEFORE AFTER")
    dump(args.folder, args.reports, args.only)


if __name__ == "__main__":
    main()
