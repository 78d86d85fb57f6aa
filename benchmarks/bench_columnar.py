"""Experiment of issue 18, round 4: columnar evaluation over a worker's chunk against the per-report path.

Run: ``python benchmarks/bench_columnar.py [--reports 200] [--chunks 25,200] [--repeats 5]``.
Generated reports (``benchmarks/synthetic.py``) are read and their probes computed once; then, in one
run (compare ratios only: the machine is shared), CPU per report of

- the Python decision per report (``decide_in_python``: conditions compiled once per condition), and
  the same decision columnar over a chunk: every fact's compared values gathered into arrays
  (numpy, or a pandas frame), each operator applied to all rows at once, fired rows mapped back;
- the ``value_range`` probes (the kind with the most probes: one per number) per report, and
  columnar: the chunk's numbers gathered, the excess computed with numpy, the probes built from it.

The columnar decision rounds with ``numpy.round``, which is not Python's ``round`` (it scales, rounds
and scales back): the rows on which the two encodings differ are counted and printed, as are the
reports on which either columnar result is not the per-report one.  It asserts nothing.
"""

from __future__ import annotations

import argparse
import operator
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from itertools import compress
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_reports  # noqa: E402

from checker.catalogue.store import current  # noqa: E402
from checker.decide.checks import Context, Probe  # noqa: E402
from checker.decide.checks.base import deferred_probe  # noqa: E402
from checker.decide.checks.statements import _numbers, _range_detail, _range_text  # noqa: E402
from checker.decide.conditions import FACT_DECIMALS, encode_value  # noqa: E402
from checker.decide.engine import RuleConditions  # noqa: E402
from checker.decide.evaluate import decide_in_python, probes_for  # noqa: E402
from checker.decide.plan import plan_for  # noqa: E402

OPS = ("<", "<=", ">", ">=", "==", "!=")
PY_OPS = (operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne)


def gathered(conditions: RuleConditions, chunk: Sequence[Sequence[Probe]]) -> tuple[list[tuple[int, int]], list[Any],
                                                                                    list[Any], list[int]]:
    """(report, probe) of every fact of ``chunk`` with its left value, right value and operator index."""
    where, left, right, ops = [], [], [], []
    for report, probes in enumerate(chunk):
        for index, probe in enumerate(probes):
            fact = probe.fact
            if fact is None:
                continue
            condition = conditions[probe.rule_id][probe.variant]
            where.append((report, index))
            left.append(fact[condition.left])
            right.append(fact[condition.right[1:]] if condition.right_is_field else condition.right)  # type: ignore[index]
            ops.append(OPS.index(condition.op))
    return where, left, right, ops


def decide_numpy(conditions: RuleConditions, chunk: Sequence[Sequence[Probe]]) -> tuple[list[set[int]], int]:
    """The chunk's decisions, columnar with numpy; and how many rows numpy's rounding encodes otherwise."""
    import numpy as np

    where, left, right, ops = gathered(conditions, chunk)
    lhs = np.round(np.asarray(left, dtype=float), FACT_DECIMALS)
    rhs = np.round(np.asarray(right, dtype=float), FACT_DECIMALS)
    op = np.asarray(ops)
    fired_rows = np.zeros(len(where), dtype=bool)
    for code, compare in enumerate((np.less, np.less_equal, np.greater, np.greater_equal, np.equal, np.not_equal)):
        rows = op == code
        fired_rows[rows] = compare(lhs[rows], rhs[rows])
    fired: list[set[int]] = [set() for _ in chunk]
    for report, index in compress(where, fired_rows.tolist()):
        fired[report].add(index)
    return fired, rounding_differences(left, lhs)


def decide_pandas(conditions: RuleConditions, chunk: Sequence[Sequence[Probe]]) -> list[set[int]]:
    """The chunk's decisions, columnar with a pandas frame (one vectorised comparison per operator)."""
    import pandas as pd

    where, left, right, ops = gathered(conditions, chunk)
    frame = pd.DataFrame({"left": pd.Series(left, dtype=float).round(FACT_DECIMALS),
                          "right": pd.Series(right, dtype=float).round(FACT_DECIMALS), "op": ops})
    fired_rows = pd.Series(False, index=frame.index)
    for code, compare in enumerate(PY_OPS):
        rows = frame["op"] == code
        fired_rows[rows] = compare(frame.loc[rows, "left"], frame.loc[rows, "right"])
    fired: list[set[int]] = [set() for _ in chunk]
    for report, index in compress(where, fired_rows.tolist()):
        fired[report].add(index)
    return fired


def rounding_differences(values: Sequence[Any], rounded: Any) -> int:
    """How many of ``values`` numpy encodes differently from ``encode_value`` (the engine's encoding)."""
    return sum(1 for value, mine in zip(values, rounded.tolist(), strict=True)
               if isinstance(value, int | float) and encode_value(value) != mine)


def range_probes_numpy(contexts: Sequence[Context], steps: Sequence[tuple[Any, Any]]) -> list[list[Probe]]:
    """The ``value_range`` probes of each report, the excess of the chunk's numbers computed with numpy."""
    import numpy as np

    probes: list[list[Probe]] = [[] for _ in contexts]
    for rule, params in steps:
        values = [(report, value) for report, ctx in enumerate(contexts)
                  for value in _numbers(ctx, params.units, params.fields, params.exclude)]
        numbers = np.asarray([value.number for _report, value in values], dtype=float)
        low = params.min - numbers if params.min is not None else np.zeros_like(numbers)
        high = numbers - params.max if params.max is not None else np.zeros_like(numbers)
        excess = np.maximum(np.maximum(low, high), 0.0).tolist()
        expected = _range_text(params.min, params.max)
        for (report, value), over in zip(values, excess, strict=True):
            probes[report].append(deferred_probe(rule.id, {"excess": over}, value.code, value.number, expected,
                                                 value.pointer, partial(_range_detail, value, expected)))
    return probes


def timed(work: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Best CPU seconds of ``repeats`` runs of ``work``, and its last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.process_time()
        result = work()
        best = min(best, time.process_time() - start)
    return best, result


def main() -> None:
    """Print ms CPU per report of each path, and whether the columnar ones decided alike."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--chunks", default="25,200", help="chunk sizes (a worker's chunk is 25 reports)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    catalogue = current()
    plan = plan_for(catalogue)
    reports = list(synthetic_reports(args.reports))
    probes = [probes_for(report, plan, catalogue) for report in reports]
    conditions, n = plan.conditions, len(reports)
    chunk_sizes = [int(size) for size in args.chunks.split(",")]

    def chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
        return [items[start:start + size] for start in range(0, len(items), size)]

    per_report, expected = timed(lambda: [decide_in_python(conditions, p) for p in probes], args.repeats)
    print(f"{n} reports, {sum(map(len, probes)) / n:.0f} probes a report")
    print(f"decide, per report (compiled conditions): {1000 * per_report / n:.3f} ms/report")
    for size in chunk_sizes:
        spent, result = timed(lambda size=size: [decide_numpy(conditions, c) for c in chunks(probes, size)],
                              args.repeats)
        fired = [f for part, _diff in result for f in part]
        differ = sum(_diff for _part, _diff in result)
        print(f"decide, numpy over chunks of {size}: {1000 * spent / n:.3f} ms/report "
              f"({spent / per_report:.1f}x per report; {sum(a != b for a, b in zip(fired, expected, strict=True))} "
              f"reports decided otherwise; {differ} values numpy.round encodes otherwise)")
        spent, result = timed(lambda size=size: [decide_pandas(conditions, c) for c in chunks(probes, size)],
                              args.repeats)
        fired = [f for part in result for f in part]
        print(f"decide, pandas over chunks of {size}: {1000 * spent / n:.3f} ms/report "
              f"({spent / per_report:.1f}x; {sum(a != b for a, b in zip(fired, expected, strict=True))} "
              "reports decided otherwise)")

    ranges = [(rule, params) for rule, kind, params in plan.steps if kind.name == "value_range"]
    kind = next(kind for _rule, kind, _params in plan.steps if kind.name == "value_range")
    contexts = [Context(report, catalogue) for report in reports]
    for ctx in contexts:
        ctx.statements  # noqa: B018 - the flat index both paths read, built once beforehand
    spent_rows, rows = timed(lambda: [[p for rule, params in ranges for p in kind.probes(rule, params, ctx)]
                                      for ctx in contexts], args.repeats)
    print(f"value_range probes, per report: {1000 * spent_rows / n:.3f} ms/report "
          f"({sum(map(len, rows)) / n:.1f} probes a report)")
    for size in chunk_sizes:
        spent, result = timed(lambda size=size: [p for c in chunks(contexts, size) for p in
                                                 range_probes_numpy(c, ranges)], args.repeats)
        same = sum([p.fact for p in a] == [p.fact for p in b] for a, b in zip(result, rows, strict=True))
        print(f"value_range probes, numpy over chunks of {size}: {1000 * spent / n:.3f} ms/report "
              f"({spent / spent_rows:.2f}x per report; {n - same} reports with other facts)")


if __name__ == "__main__":
    main()
