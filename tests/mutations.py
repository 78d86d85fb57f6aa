"""Mutations of the seed reports for fuzzing: of the JSON tree, of the raw bytes, and of the documents' text.

Each mutator takes a ``random.Random`` and returns ``(suffix, bytes)``: the file to check.
They are shared by ``tests/test_fuzz.py`` (small, derandomized) and ``benchmarks/bench_fuzz.py``
(10,000 cases and more per kind, counting exit codes).
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED_JSON = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(FIXTURES.glob("*.json"))]
SEED_BYTES = [path.read_bytes() for path in sorted(FIXTURES.glob("*.json"))]
SEED_LINES = [path.read_text(encoding="utf-8").split("\n") for path in sorted(FIXTURES.glob("*.txt"))]

# Values and tokens known to have broken readers before (issue 14), and their neighbours.
ODD_VALUES: list[Any] = [
    None, True, False, 0, -1, -0.0, 1e-7, 99.999, 100, 100.0001, 150, -4, 10**15, 10**15 - 1, 1e16, 1e308,
    2**63, -(2**63), "", " ", "3,146", "3.146", "98,34 %", "96.28%", "02", "1.2.3", "1e5", "%", "trên 95 %",
    "19/19", "\ud800", "\u0000", "\u202e", "a\u0301", "ngày 30/02/2023", "2023-02-30", "2024-13-45", [], {},
    [None], {"value": "NaN"}, {"percent": 150}, {"value": 1, "value2": 2}, "x" * 300,
]
ODD_TOKENS = [
    b"NaN", b"Infinity", b"-Infinity", b"1e309", b"98.1e9991", b"9" * 5000, b"-0", b"1E400", b'"\\ud800"',
    b'"\\udfff\\ud800"', b'"3,146"', b"null", b"[]", b"{}", b'"2023-02-30"', b"\xff\xfe", b"\x00", b"\xc3",
    b'"value": 1, "value": 2', b"[" * 200, b"]" * 5, b",", b":", b'"', b"\\", b"\xef\xbb\xbf",
]
ODD_TEXT = [
    "năm 1999", "năm 2101", "năm 0", "3,146", "3.146", "150 %", "-5 hồ sơ", "99999999999999999999", "1e309",
    "ngày 31/02/2023", "ngày 45 tháng 13 năm 2023", "\u0000", "\ud800", "\ufeff", "\u202e", "trong đó", "gồm:",
    "đạt 100%", "19/0", "0/0", "6 tháng đầu năm 2023", "Quý V năm 2023", "UBND XÃ", "Kính gửi:", "|", "\f",
    "Biểu mẫu 7", "Kế hoạch số /KH-UBND ngày 99/99/2023", "%" * 40, "9" * 4400,
]


def _paths(node: Any, trail: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [trail]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*trail, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*trail, index))
    return found


_SEED_PATHS = [_paths(seed) for seed in SEED_JSON]


def _odd_value(rng: random.Random) -> Any:
    if rng.random() < 0.7:
        return copy.deepcopy(rng.choice(ODD_VALUES))
    return rng.choice([rng.randint(-10**6, 10**6), rng.uniform(-1e3, 1e3), rng.uniform(0, 100),
                       "".join(rng.choice("0123456789.,% ") for _ in range(rng.randint(1, 8)))])


def mutate_tree(rng: random.Random) -> tuple[str, bytes]:
    """A seed report with one to four nodes replaced, removed or renamed (written as JSON, NaN allowed)."""
    index = rng.randrange(len(SEED_JSON))
    data = copy.deepcopy(SEED_JSON[index])
    for _ in range(rng.randint(1, 4)):
        trail = rng.choice(_SEED_PATHS[index])
        if not trail:
            continue
        parent: Any = data
        try:
            for key in trail[:-1]:
                parent = parent[key]
            last = trail[-1]
            action = rng.random()
            if action < 0.6:
                parent[last] = _odd_value(rng)
            elif action < 0.8:
                del parent[last]
            elif isinstance(parent, dict):
                parent[rng.choice(["\ud800", "x", last + "_", "indicators", "", "value"])] = parent.pop(last)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation moved this path
    text = json.dumps(data, ensure_ascii=rng.random() < 0.5, allow_nan=True)
    return ".json", text.encode("utf-8", "surrogatepass")


def mutate_bytes(rng: random.Random) -> tuple[str, bytes]:
    """A seed report's bytes with one to eight edits: bit flips, cuts, repeats, odd tokens spliced in."""
    data = bytearray(rng.choice(SEED_BYTES))
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        where = rng.randrange(len(data))
        action = rng.random()
        if action < 0.25:
            data[where] ^= 1 << rng.randrange(8)
        elif action < 0.45:
            del data[where:where + rng.randint(1, 64)]
        elif action < 0.6:
            span = bytes(data[where:where + rng.randint(1, 64)])
            data[where:where] = span
        else:
            data[where:where] = rng.choice(ODD_TOKENS)
    return ".json", bytes(data)


def mutate_text(rng: random.Random) -> tuple[str, bytes]:
    """A seed document's header and a window of its body, with lines and characters edited (a .txt report)."""
    lines = rng.choice(SEED_LINES)
    start = rng.randrange(25, max(26, len(lines) - 40))
    chosen = lines[:25] + lines[start:start + rng.randint(5, 40)]
    for _ in range(rng.randint(1, 6)):
        where = rng.randrange(len(chosen))
        action = rng.random()
        line = chosen[where]
        if action < 0.3:
            cut = rng.randrange(len(line) + 1)
            chosen[where] = line[:cut] + rng.choice(ODD_TEXT) + line[cut:]
        elif action < 0.5:
            chosen[where] = "".join(rng.choice("0123456789") if ch.isdigit() else ch for ch in line)
        elif action < 0.65:
            del chosen[where]
            if not chosen:
                chosen = [""]
        elif action < 0.8:
            chosen.insert(where, chosen[rng.randrange(len(chosen))])
        else:
            cut = rng.randrange(len(line) + 1)
            chosen[where] = line[:cut] + line[cut + rng.randint(1, 20):]
    return ".txt", "\n".join(chosen).encode("utf-8", "surrogatepass")


MUTATORS: dict[str, Callable[[random.Random], tuple[str, bytes]]] = {
    "tree": mutate_tree, "bytes": mutate_bytes, "text": mutate_text,
}


def run_case(path: Path, fmt: str = "json", engine: str = "durable") -> tuple[int, str]:
    """Check ``path`` through the ``check`` command in process: its exit code, and what went wrong if anything.

    Exit 3, a traceback, or an exit 0/1 whose JSON/SARIF output does not parse is reported as
    the second element (empty when the case behaved).
    """
    from click.testing import CliRunner

    from checker.cli.check import check_main

    result = CliRunner().invoke(check_main, [str(path), "--format", fmt, "--engine", engine])
    code = result.exit_code
    problem = ""
    escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
    if escaped or "Traceback" in result.output or code not in (0, 1, 2):
        code = 3
        problem = (result.stderr or repr(result.exception))[-500:]
    elif code in (0, 1) and fmt in ("json", "sarif"):
        try:
            json.loads(result.stdout)
        except ValueError as exc:
            code, problem = 3, f"output is not JSON: {exc}"
    return code, problem
