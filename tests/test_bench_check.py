"""The benchmark of issue 18 runs and prints every figure it promises (its speed is never asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_quick_benchmark_prints_floor_both_engines_memory_cold_start_stages_and_bars():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_check.py"), "--quick", "--sizes", "4"],
                          cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "4 tệp/files — sàn/floor (đọc + json.loads" in out
    for engine in ("durable", "python"):
        assert f"check DIR --format json --engine {engine} --jobs 2: " in out
        assert f"cold `check chi-lang-nam-thanh-mien-2023.json --engine {engine}`: median " in out
        assert f"check DIR --engine {engine} --jobs 2 (4 tệp/files)" in out  # its row in the table of bars
    assert out.count("% sàn/floor (") == 2 and out.count("peak RSS: main ") == 2
    assert "exit 0" in out and "largest worker " in out
    assert "where one report's CPU goes (ms" in out and "decide: durable_rules" in out
    assert "ngưỡng / bar" in out
