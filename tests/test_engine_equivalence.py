"""The plain-Python path gives exactly the engine's findings (the proof ``--engine python`` rests on).

durable_rules is the engine of record; ``check --engine python`` decides the same conditions
in plain Python for speed.  These properties compare the complete findings (every field,
evidence included, in order) and the grade of both paths on generated reports: consistent
reports with relations broken, and real fixtures whose numbers and dates are pushed to the
edges that matter (target thresholds ± the engine's rounding, zero, negatives, huge values,
dates either side of the period end).
"""

from __future__ import annotations

import copy
import json
import random
from dataclasses import asdict
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from checker.catalogue.store import current
from checker.decide.evaluate import evaluate
from checker.model.report import Report
from tests.conftest import FIXTURES
from tests.strategies import broken, consistent_reports

SEEDS = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(FIXTURES.glob("*.json"))]
TARGETED = sorted({rule.params["indicator"] for rule in current().rules if rule.kind == "target"})
META_FIELDS = ("number", "date", "signer", "title")
NUMBER_FIELDS = ("value", "numerator", "denominator", "percent")
THRESHOLDS = (0, 1, 50, 70, 80, 90, 95, 100)
NUDGES = (0, 1e-6, 4e-5, 5e-5, 6e-5, 1e-4, 0.005, 0.01, 0.5, 1)

edge_numbers = st.one_of(
    st.builds(lambda base, nudge, sign: base + sign * nudge,
              st.sampled_from(THRESHOLDS), st.sampled_from(NUDGES), st.sampled_from((-1, 1))),
    st.sampled_from((-1, -0.5, 1e-5, 2.5, 1e15, 1e15 + 1, 1e16, -1e16, 123456.789)),
    st.integers(min_value=-10, max_value=10**6),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
)


def findings_of(report: Report, backend: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every finding (all fields, in order) and the grade, on one backend."""
    evaluation = evaluate(report, backend=backend)  # type: ignore[arg-type]
    return [asdict(f) for f in evaluation.findings], evaluation.grade.as_dict()


def assert_same_on_both(data: dict[str, Any]) -> None:
    report = Report.model_validate(data)
    assert findings_of(report, "python") == findings_of(report, "durable")


def _statements(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for section in (data.get("indicators", {}), (data.get("goals") or {}).get("indicators", {})):
        for statements in section.values():
            found.extend(statements if isinstance(statements, list) else [statements])
    return found


@st.composite
def pushed_fixtures(draw) -> dict[str, Any]:
    """A real report with some numbers moved to edge values and some dates moved around the period end."""
    data = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    statements = _statements(data)
    for index in draw(st.lists(st.integers(0, len(statements) - 1), max_size=12)):
        measure = statements[index]
        fields = [name for name in NUMBER_FIELDS if isinstance(measure.get(name), int | float)]
        if fields:
            measure[draw(st.sampled_from(fields))] = draw(edge_numbers)
    for code in draw(st.lists(st.sampled_from(TARGETED), max_size=8, unique=True)):
        data["indicators"][code] = {"percent": draw(edge_numbers)}
    for name in draw(st.lists(st.sampled_from(META_FIELDS), max_size=2, unique=True)):
        data.get("meta", {}).pop(name, None)
    for document in data.get("documents", []):
        if document.get("date") and draw(st.booleans()):
            year = data["period"]["year"] + draw(st.integers(-2, 1))
            document["date"] = f"{year}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
    return data


@given(pushed_fixtures())
def test_plain_python_equals_engine_on_pushed_real_reports(data):
    assert_same_on_both(data)


CONSISTENCY_IDS = sorted(r.id for r in current().rules if r.category == "consistency")


@given(consistent_reports(), st.lists(st.sampled_from(CONSISTENCY_IDS), max_size=3),
       st.integers(min_value=1, max_value=50))
def test_plain_python_equals_engine_on_broken_consistent_reports(data, rule_ids, k):
    for rule_id in rule_ids:
        data = broken(data, rule_id, k) or data
    assert_same_on_both(data)


def test_the_generated_reports_make_most_rules_fire():
    """The comparison is not vacuous: across pushed fixtures and broken reports most rules fire."""
    rnd = random.Random(11)
    fired: set[str] = set()
    for _ in range(40):
        data = copy.deepcopy(rnd.choice(SEEDS))
        for measure in rnd.sample(_statements(data), 8):
            fields = [name for name in NUMBER_FIELDS if isinstance(measure.get(name), int | float)]
            if fields:
                measure[rnd.choice(fields)] = rnd.choice(THRESHOLDS) + rnd.choice((-1, 1)) * rnd.choice(NUDGES)
        for code in rnd.sample(TARGETED, 10):
            data["indicators"][code] = {"percent": rnd.choice(THRESHOLDS) + rnd.choice((-1, 1)) * rnd.choice(NUDGES)}
        data.get("meta", {}).pop(rnd.choice(META_FIELDS), None)
        report = Report.model_validate(data)
        python, durable = findings_of(report, "python"), findings_of(report, "durable")
        assert python == durable
        fired |= {f["rule_id"] for f in python[0] if f["status"] not in ("met", "no_data")}
    fired |= set(CONSISTENCY_IDS)  # each can be broken alone and then fires (test_consistency_properties)
    share = len(fired) / len(current().rules)
    assert share >= 0.8, sorted({r.id for r in current().rules} - fired)


def test_check_command_gives_the_same_output_with_either_engine(tmp_path):
    """`check --engine python` prints exactly what the engine of record prints, alone and in workers."""
    from click.testing import CliRunner

    from checker.cli.check import check_main

    for index, seed in enumerate(SEEDS * 20):
        (tmp_path / f"r{index:03d}.json").write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
    outputs = {}
    for engine in ("durable", "python"):
        for jobs in ("1", "2"):
            result = CliRunner().invoke(check_main, [str(tmp_path), "--format", "json", "--engine", engine,
                                                     "--jobs", jobs, "--fail-on", "never"])
            assert result.exit_code == 0, result.output
            outputs[engine, jobs] = result.output
    assert len(set(outputs.values())) == 1
    assert len(json.loads(outputs["python", "2"])["reports"]) == len(SEEDS) * 20
