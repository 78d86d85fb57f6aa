"""Bad input never crashes; the engine survives volume; a crashing worker does not sink a batch."""

import faulthandler
import json
import os
import shutil
import signal

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.catalogue.store import current
from checker.cli.check import check_main
from checker.decide.engine import durable_engine_for
from checker.decide.evaluate import facts_of, probes_for
from checker.decide.plan import conditions_of, plan_for
from checker.read.json_report import load_report
from checker.run import batch as batch_module
from checker.run.batch import check_paths, check_report
from checker.run.golden import golden_rows
from tests.conftest import FIXTURES
from tests.jsonout import only_report

SEEDS = sorted(FIXTURES.glob("*.json"))


def invoke(path, *args):
    return CliRunner().invoke(check_main, [str(path), *args])


def test_deeply_nested_json_is_an_input_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = invoke(path)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_oversized_file_is_refused_with_its_size(tmp_path):
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.write(b'{"x": "')
        handle.write(b"a" * (50 * 1024 * 1024 + 10))
        handle.write(b'"}')
    result = invoke(path)
    assert result.exit_code == 2 and "quá lớn" in result.stderr


def test_vietnamese_number_strings_are_accepted_and_shown_in_evidence(tmp_path):
    data = json.loads(SEEDS[0].read_text(encoding="utf-8"))
    data["indicators"]["email.accounts"] = {"value": "18"}
    data["indicators"]["staff.officials"] = {"value": "20"}
    path = tmp_path / "vn.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = only_report(invoke(path, "--format", "json", "--fail-on", "never").stdout)
    mail = next(f for f in out["findings"] if f["rule_id"] == "CS030")
    spelled = {item["parsed_from"] for item in mail["evidence"]["items"] if item["parsed_from"]}
    assert spelled == {"18", "20"}


def test_negative_and_impossible_values_are_findings_not_crashes(tmp_path):
    data = json.loads(SEEDS[0].read_text(encoding="utf-8"))
    data["indicators"]["dossiers.late"] = {"value": -4}
    data["indicators"]["society.households_fibre_share"] = {"percent": 180}
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = only_report(invoke(path, "--format", "json", "--fail-on", "never").stdout)
    assert {"CS050", "CS051"} <= {f["rule_id"] for f in out["findings"]}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)


def _mutations():
    base = json.loads(SEEDS[0].read_text(encoding="utf-8"))
    paths = []

    def walk(node, trail):
        paths.append(trail)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*trail, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*trail, index))

    walk(base, ())
    return base, paths


BASE, TRAILS = _mutations()


def _mutate(trail, value):
    data = json.loads(json.dumps(BASE))
    node = data
    for key in trail[:-1]:
        node = node[key]
    if trail:
        node[trail[-1]] = value
    else:
        data = value
    return data


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.one_of(json_values, st.tuples(st.sampled_from(TRAILS), json_values).map(lambda tv: _mutate(*tv))),
       st.sampled_from(["json", "table", "sarif"]))
def test_fuzz_check_never_crashes_and_output_parses(tmp_path, document, fmt):
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = invoke(path, "--format", fmt)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code != 2 and fmt != "table":
        json.loads(result.stdout)


def _rss_kib():
    with open(f"/proc/{os.getpid()}/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def test_two_thousand_reports_in_one_process_with_flat_memory():
    """More sessions than durable_rules keeps alive (1,024) without delete_state: memory stays flat."""
    rules = current().rules
    engine = durable_engine_for(conditions_of(rules))
    plan = plan_for(current())
    batches = [facts_of(probes_for(load_report(seed), plan, current())) for seed in SEEDS]
    expected = [engine.fired(batch) for batch in batches]
    for index in range(500):
        assert engine.fired(batches[index % 3]) == expected[index % 3]
    after_warm_up = _rss_kib()
    for index in range(1500):
        assert engine.fired(batches[index % 3]) == expected[index % 3]
    growth = _rss_kib() - after_warm_up
    assert growth < 8 * 1024, f"memory grew by {growth} KiB over 1,500 more reports"


def test_parallel_batch_gives_the_same_findings_in_the_same_order():
    paths = SEEDS * 20
    one = check_paths(paths, jobs=1)
    two = check_paths(paths, jobs=2)
    assert [c.path for c in one.checked] == [c.path for c in two.checked]
    assert [golden_rows(c.evaluation.findings) for c in one.checked] == \
        [golden_rows(c.evaluation.findings) for c in two.checked]


def test_a_worker_that_segfaults_fails_only_its_report(tmp_path, monkeypatch):
    for index in range(30):
        shutil.copy(SEEDS[index % 3], tmp_path / f"r{index:02d}.json")
    doomed = tmp_path / "r07.json"

    def crashing(path, settings):
        if path == doomed:
            faulthandler.disable()  # the crash is intended: no traceback dump from the worker
            os.kill(os.getpid(), signal.SIGSEGV)
        return check_report(path, settings)

    monkeypatch.setattr(batch_module, "check_report", crashing)
    batch = check_paths(sorted(tmp_path.glob("*.json")), jobs=2)
    assert [e.file for e in batch.errors] == [str(doomed)]
    assert "crashed" in batch.errors[0].render()
    assert len(batch.checked) == 29


def test_a_bad_file_checked_in_a_worker_keeps_its_own_error(tmp_path):
    """An input error found in a worker process crosses back intact (it is not mistaken for a crash)."""
    for index in range(6):
        shutil.copy(SEEDS[index % 3], tmp_path / f"r{index:02d}.json")
    (tmp_path / "r03.json").write_text("not json", encoding="utf-8")
    batch = check_paths(sorted(tmp_path.glob("*.json")), jobs=2)
    assert [e.file for e in batch.errors] == [str(tmp_path / "r03.json")]
    assert "JSON không hợp lệ" in batch.errors[0].render()
    assert "crashed" not in batch.errors[0].render()
    assert len(batch.checked) == 5
