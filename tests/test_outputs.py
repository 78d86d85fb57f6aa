"""Machine outputs: SARIF valid against the official schema, JUnit, Markdown; waivers."""

import json
import textwrap
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from checker.cli.check import check_main
from tests.conftest import FIXTURES, SHARED, WAIVERS
from tests.jsonout import load_output

CHI_LANG = FIXTURES / "chi-lang-nam-thanh-mien-2023.json"


def run(*args):
    return CliRunner().invoke(check_main, [str(a) for a in args])


def test_sarif_is_valid_against_the_official_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip(f"{schema_path} not present beside the checkout")
    result = run(FIXTURES, "--format", "sarif", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, json.loads(schema_path.read_text(encoding="utf-8")))
    run_ = sarif["runs"][0]
    ids = {rule["id"] for rule in run_["tool"]["driver"]["rules"]}
    assert {"CS030", "TG001", "WV001"} <= ids
    assert all(r["ruleId"] in ids for r in run_["results"])


def test_sarif_locates_findings_in_the_document_the_json_was_encoded_from():
    sarif = json.loads(run(CHI_LANG, "--format", "sarif", "--fail-on", "never").stdout)
    mail = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "CS030")
    location = mail["locations"][0]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"]["uri"].endswith("chi-lang-nam-thanh-mien-2023.txt")  # meta.source_file
    text_lines = CHI_LANG.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
    line = physical["region"]["startLine"]
    assert physical["region"]["snippet"]["text"] == text_lines[line - 1].strip()
    assert location["logicalLocations"][0]["fullyQualifiedName"].startswith("/indicators/email")
    related = mail["relatedLocations"][0]["physicalLocation"]  # the encoded JSON is kept alongside
    json_lines = CHI_LANG.read_text(encoding="utf-8").splitlines()
    assert related["artifactLocation"]["uri"].endswith(".json")
    assert '"percent": 100' in json_lines[related["region"]["startLine"] - 1]


def test_sarif_of_a_json_without_its_document_points_into_the_json(tmp_path):
    copy = tmp_path / CHI_LANG.name
    copy.write_text(CHI_LANG.read_text(encoding="utf-8"), encoding="utf-8")  # no .txt beside it
    sarif = json.loads(run(copy, "--format", "sarif", "--fail-on", "never").stdout)
    mail = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "CS030")
    physical = mail["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == copy.as_posix() and "relatedLocations" not in mail
    assert '"percent": 100' in copy.read_text(encoding="utf-8").splitlines()[physical["region"]["startLine"] - 1]


def test_junit_has_one_case_per_rule_per_report_and_failures_for_errors():
    result = run(FIXTURES, "--format", "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout.encode())
    suites = root.findall("testsuite")
    assert len(suites) == len(list(FIXTURES.glob("*.json")))
    cases = suites[0].findall("testcase")
    assert len({c.get("name") for c in cases}) == len(cases) > 50
    failed = {c.get("name").split()[0] for s in suites for c in s.findall("testcase") if c.find("failure") is not None}
    assert {"CS030", "CS060", "CS040"} <= failed


def test_markdown_comment_lists_findings():
    text = run(FIXTURES, "--format", "markdown", "--fail-on", "never").stdout
    assert text.count("\n## ") == len(list(FIXTURES.glob("*.json"))) and "CS030" in text and "Xếp loại" in text


def test_directory_check_prints_a_summary_line():
    result = run(FIXTURES, "--fail-on", "never")
    assert f"Tổng cộng / total: {len(list(FIXTURES.glob('*.json')))} báo cáo" in result.output





def test_waived_expired_and_unused_waivers(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text(textwrap.dedent(WAIVERS), encoding="utf-8")
    result = run(CHI_LANG, "--waivers", path, "--today", "2024-01-15", "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    whole = load_output(result.stdout)
    data = whole["reports"][0]
    by_rule = {f["rule_id"]: f for f in data["findings"]}
    assert by_rule["CS042"]["waiver"]["accepted_by"] == "Phòng VH-TT huyện Thanh Miện"  # waived, still shown
    assert by_rule["CS030"]["waiver"] is None  # expired: not waived
    assert by_rule["WV001"]["severity"] == "warning"  # ... and reported
    assert [w["rule"] for w in whole["unused_waivers"]] == ["CS001"]
    assert "WV002" in result.stderr
    assert data["grade"]["warnings"] == sum(
        1 for f in data["findings"] if f["severity"] == "warning" and f["waiver"] is None and f["status"] != "met")


def test_waived_errors_do_not_fail_the_gate(tmp_path):
    path = tmp_path / "w.yaml"
    rules = ["CS030", "CS034", "CS041"]
    path.write_text("waivers:\n" + "".join(
        f"  - {{rule: {r}, commune: '*', reason: đã giải trình, accepted_by: A B, expires: 2030-01-01}}\n"
        for r in rules), encoding="utf-8")
    assert run(CHI_LANG).exit_code == 1
    assert run(CHI_LANG, "--waivers", path, "--today", "2024-01-01").exit_code == 0


@pytest.mark.parametrize(("text", "needle"), [
    ("waivers: [{rule: CS001}]", "/waivers/0/commune"),
    ("waivers: [{rule: X, commune: '*', reason: abc, accepted_by: AB, expires: 2030-01-01}]", "/waivers/0/rule"),
    ("waivers: [{rule: CS001, commune: '*', reason: abc, accepted_by: AB, expires: soon}]", "/waivers/0/expires"),
    ("[1", "YAML"),
])
def test_broken_waiver_file_is_a_clear_input_error(tmp_path, text, needle):
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    result = run(CHI_LANG, "--waivers", path)
    assert result.exit_code == 2 and needle in result.stderr and "Traceback" not in result.output


def test_the_json_signer_is_what_person_model_dump_gives():
    """``_signer`` writes the signer's fields by hand (no serializer built): it must stay ``model_dump()``."""
    from checker.model.report import Person
    from checker.render.json_out import _signer

    for person in (Person(name="Nguyễn Văn A", title="Chủ tịch"), Person(name="Trần Thị B")):
        assert _signer(person) == person.model_dump()
        assert list(_signer(person)) == list(Person.model_fields)
    assert _signer(None) is None
