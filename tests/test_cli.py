"""The command line, in process (click's runner) and as installed console scripts."""

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from checker.cli.check import check_main
from checker.cli.main import checker_main
from tests.conftest import FIXTURES, report_dict
from tests.jsonout import load_output, only_report

SEEDS = sorted(FIXTURES.glob("*.json"))


@pytest.fixture
def runner():
    return CliRunner()


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_json_output_has_the_stable_shape(runner, seed):
    result = runner.invoke(check_main, [str(seed), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    whole = load_output(result.stdout)
    assert set(whole) == {"version", "reports", "errors", "unused_waivers"}  # the same shape as for many
    data = only_report(result.stdout)
    assert set(data) == {"report", "grade", "findings"}
    assert data["report"]["commune"]
    assert data["grade"]["level"] in ("Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu")
    for finding in data["findings"]:
        assert {"rule_id", "category", "severity", "status", "indicator", "observed", "expected",
                "evidence", "target", "message"} <= set(finding)
        assert finding["message"]["vi"] and finding["message"]["en"]


def test_table_output_is_vietnamese_and_exit_code_follows_fail_on(runner):
    seed = FIXTURES / "chi-lang-nam-thanh-mien-2023.json"
    result = runner.invoke(check_main, [str(seed)])
    assert result.exit_code == 1
    assert "Lỗi / error" in result.output and "Xếp loại / Grade" in result.output
    assert runner.invoke(check_main, [str(seed), "--fail-on", "never"]).exit_code == 0


def test_clean_report_exits_zero(runner, tmp_path):
    path = write(tmp_path, "ok.json", json.dumps(report_dict(meta={
        "number": "1/BC-UBND", "date": "2024-01-10", "signer": {"name": "A", "title": "Chủ tịch"}})))
    result = runner.invoke(check_main, [str(path), "--fail-on", "error"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        ("{not json", ["JSON", "dòng 1"]),
        ("", ["rỗng"]),
        (b"\xff\xfe\x00garbage", ["UTF-8"]),
        ("[1, 2]", ["đối tượng"]),
        (json.dumps(report_dict(colour="red")), ["/colour", "unknown field"]),
        (json.dumps(report_dict(indicators={"staff.officials": {"value": "hai"}})), ["/indicators"]),
        (json.dumps({"period": {"year": 2023, "kind": "year"}}), ["/identity", "missing"]),
    ],
)
def test_bad_input_names_file_and_field_and_exits_2(runner, tmp_path, content, needles):
    path = write(tmp_path, "bad.json", content)
    result = runner.invoke(check_main, [str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert str(path) in result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_missing_file_and_empty_directory(runner, tmp_path):
    assert runner.invoke(check_main, [str(tmp_path / "nope.json")]).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(check_main, [str(empty)])
    assert result.exit_code == 2 and "*.json" in result.stderr


def test_a_bad_report_does_not_stop_the_others(runner, tmp_path):
    write(tmp_path, "a-bad.json", "{")
    shutil.copy(FIXTURES / "minh-duc-tu-ky-2023-h1.json", tmp_path / "b-good.json")
    result = runner.invoke(check_main, [str(tmp_path), "--format", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert len(data["reports"]) == 1 and len(data["errors"]) == 1


def test_bom_is_accepted(runner, tmp_path):
    path = write(tmp_path, "bom.json", b"\xef\xbb\xbf" + json.dumps(report_dict()).encode())
    assert runner.invoke(check_main, [str(path), "--fail-on", "never"]).exit_code == 0


def test_schema_and_rules_commands(runner):
    schema = json.loads(runner.invoke(checker_main, ["schema"]).stdout)
    assert "staff.officials" in schema["properties"]["indicators"]["propertyNames"]["enum"]
    listing = runner.invoke(checker_main, ["rules"])
    assert listing.exit_code == 0 and "CS030" in listing.output
    one = runner.invoke(checker_main, ["rules", "CS030"])
    assert one.exit_code == 0 and "[OK]" in one.output and "SAI" not in one.output
    assert runner.invoke(checker_main, ["rules", "XX999"]).exit_code == 2


def test_schema_validates_the_fixtures(runner):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(runner.invoke(checker_main, ["schema"]).stdout)
    for seed in SEEDS:
        jsonschema.validate(json.loads(seed.read_text(encoding="utf-8")), schema)


def test_installed_console_scripts_run_outside_the_checkout(tmp_path):
    check = shutil.which("check")
    if check is None:
        pytest.skip("console scripts not installed (pip install .)")
    seed = FIXTURES / "dong-tam-ninh-giang-2023.json"
    done = subprocess.run([check, str(seed), "--format", "json", "--fail-on", "never"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert only_report(done.stdout)["report"]["commune"] == "Đồng Tâm"
