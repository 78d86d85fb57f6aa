"""Fuzzing through the reading, derandomized: mutated JSON trees, raw bytes and document text never crash.

Every case must end with exit 0, 1 or 2 and no traceback, and a JSON or SARIF output must
parse.  ``benchmarks/bench_fuzz.py`` runs the same mutators for 10,000 cases and more per kind.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.mutations import MUTATORS, run_case


@pytest.mark.parametrize("kind", sorted(MUTATORS))
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), fmt=st.sampled_from(["json", "table", "sarif"]))
def test_mutated_inputs_never_crash(tmp_path, kind, seed, fmt):
    suffix, data = MUTATORS[kind](random.Random(seed))
    path = tmp_path / f"case{suffix}"
    path.write_bytes(data)
    code, problem = run_case(path, fmt)
    assert code in (0, 1, 2) and not problem, f"{kind} seed {seed}: {problem}"


CRASHERS = [("text", 1039), ("text", 2177)]
"""Cases bench_fuzz.py found crashing (a 400-digit number in a text overflowed float()); kept as regressions."""


@pytest.mark.parametrize(("kind", "seed"), CRASHERS)
def test_cases_the_fuzz_benchmark_found_stay_fixed(tmp_path, kind, seed):
    suffix, data = MUTATORS[kind](random.Random(seed))
    path = tmp_path / f"case{suffix}"
    path.write_bytes(data)
    code, problem = run_case(path, "json", "python")
    assert code in (0, 1, 2) and not problem, problem


def test_a_number_too_large_for_a_float_is_a_value_error():
    from checker.core.numbers import parse_number

    with pytest.raises(ValueError, match="quá lớn"):
        parse_number("9" * 400)
