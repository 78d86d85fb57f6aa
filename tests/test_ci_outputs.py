"""CI outputs for their consumers (SARIF, JUnit, Markdown, one JSON shape) and a CI maintainer's conventions."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from checker.cli.check import check_main
from checker.cli.main import checker_main
from checker.decide.fingerprint import FINGERPRINT_KEY
from checker.render.markdown import MAX_CHARS
from tests.conftest import FIXTURES, ROOT, SHARED
from tests.jsonout import load_output

CHI_LANG = FIXTURES / "chi-lang-nam-thanh-mien-2023.json"
SEEDS = sorted(FIXTURES.glob("*.json"))


def run(*args, **kwargs):
    return CliRunner().invoke(check_main, [str(a) for a in args], **kwargs)


def sarif_of(*args):
    result = run(*args, "--format", "sarif", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def validate_sarif(sarif):
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip(f"{schema_path} not present beside the checkout")
    jsonschema.validate(sarif, json.loads(schema_path.read_text(encoding="utf-8")))


# --- SARIF -----------------------------------------------------------------------------------

def test_sarif_has_only_problems_by_default_and_passes_on_request():
    problems = sarif_of(FIXTURES)
    everything = sarif_of(FIXTURES, "--sarif-passes")
    validate_sarif(problems)
    validate_sarif(everything)
    kinds = {r["kind"] for r in problems["runs"][0]["results"]}
    assert kinds == {"fail"} and all(r["level"] in ("error", "warning", "note") for r in problems["runs"][0]["results"])
    all_kinds = [r["kind"] for r in everything["runs"][0]["results"]]
    assert {"pass", "review"} <= set(all_kinds)
    assert all_kinds.count("fail") == len(problems["runs"][0]["results"])


def test_sarif_results_follow_githubs_ingestion_rules():
    sarif = sarif_of(FIXTURES)
    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert all(rule["helpUri"].endswith(f"/docs/rules/{rule['id']}.md") for rule in rules)
    assert "informationUri" not in run_["tool"]["driver"]  # no made-up address
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1  # GitHub requires it
        assert result["partialFingerprints"][FINGERPRINT_KEY]
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in run_["results"]]
    assert len(prints) == len(set(prints))


def test_sarif_help_uri_uses_the_published_docs_address():
    sarif = sarif_of(CHI_LANG, "--docs-url", "https://example.org/checker/docs/rules/")
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["rules"][0]["helpUri"] == f"https://example.org/checker/docs/rules/{driver['rules'][0]['id']}.md"
    assert driver["informationUri"] == "https://example.org/checker/docs/rules/"


def test_sarif_fingerprints_survive_line_shifts_and_reformatting(tmp_path):
    data = json.loads(CHI_LANG.read_text(encoding="utf-8"))
    shifted = tmp_path / CHI_LANG.name
    shifted.write_text("\n\n\n" + json.dumps(data, ensure_ascii=False, indent=4), encoding="utf-8")

    def by_print(sarif):
        return {r["partialFingerprints"][FINGERPRINT_KEY]: r for r in sarif["runs"][0]["results"]}

    before, after = by_print(sarif_of(CHI_LANG)), by_print(sarif_of(shifted))
    assert set(before) == set(after)

    def json_line(result):
        for loc in [*result["locations"], *result.get("relatedLocations", [])]:
            physical = loc["physicalLocation"]
            if physical["artifactLocation"]["uri"].endswith(".json"):
                return physical["region"]["startLine"]
        raise AssertionError("no JSON location")

    assert all(json_line(after[p]) != json_line(before[p]) for p in before)  # every line moved, no print changed


def test_sarif_of_an_excel_form_points_at_cells(tmp_path):
    form = tmp_path / "chi-lang-nam.xlsx"
    made = CliRunner().invoke(checker_main, ["template", "--format", "xlsx", "--from", str(CHI_LANG), "-o", str(form)])
    assert made.exit_code == 0, made.output
    sarif = sarif_of(form)
    validate_sarif(sarif)
    mail = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "CS030")
    region = mail["locations"][0]["physicalLocation"]["region"]
    cell = next(loc["name"] for loc in mail["locations"][0]["logicalLocations"] if loc.get("kind") == "element")
    sheet, coordinate = cell.split("!")
    assert coordinate.endswith(str(region["startLine"])) and region["startColumn"] >= 1
    from openpyxl import load_workbook

    assert load_workbook(form)[sheet][coordinate].value is not None  # the cell holds one of the numbers
    assert cell in mail["message"]["text"]


def test_sarif_of_a_word_report_gives_the_paragraph_and_its_text(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in (FIXTURES / "chi-lang-nam-thanh-mien-2023.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "chi-lang-nam.docx"
    document.save(str(path))
    sarif = sarif_of(path)
    validate_sarif(sarif)
    located = [r for r in sarif["runs"][0]["results"] if "snippet" in r["locations"][0]["physicalLocation"]["region"]]
    assert located
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    for result in located:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert " ".join(paragraphs[region["startLine"] - 1].split()) == region["snippet"]["text"]
        assert "đoạn / paragraph" in result["message"]["text"]


# --- JUnit -----------------------------------------------------------------------------------

def junit_of(*args):
    result = run(FIXTURES, "--format", "junit", *args)
    return result, ET.fromstring(result.stdout.encode())


def test_junit_failures_do_not_depend_on_fail_on():
    never, root = junit_of("--fail-on", "never")
    assert never.exit_code == 0
    failures = sum(int(s.get("failures")) for s in root.findall("testsuite"))
    assert failures > 0
    _, gated = junit_of("--fail-on", "error")
    assert sum(int(s.get("failures")) for s in gated.findall("testsuite")) == failures
    _, silent = junit_of("--junit-fail-on", "never")
    assert sum(int(s.get("failures")) for s in silent.findall("testsuite")) == 0
    _, strict = junit_of("--junit-fail-on", "warning", "--fail-on", "never")
    assert sum(int(s.get("failures")) for s in strict.findall("testsuite")) > failures


def test_junit_writes_each_message_once_with_file_and_line():
    result = run(CHI_LANG, "--format", "junit", "--fail-on", "never", "--junit-fail-on", "warning")
    root = ET.fromstring(result.stdout.encode())
    data = load_output(run(CHI_LANG, "--format", "json", "--fail-on", "never").stdout)["reports"][0]
    text = result.stdout
    for finding in data["findings"]:
        escaped = finding["message"]["vi"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert text.count(escaped) >= 1
    messages = [f["message"]["vi"] for f in data["findings"]]
    for message in set(messages):
        escaped = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert text.count(escaped) == messages.count(message), message
    failed = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert failed and all(c.get("file") and int(c.get("line")) >= 1 for c in failed)
    body = failed[0].find("failure").text
    assert f"{failed[0].get('file')}:{failed[0].get('line')}" in body


# --- Markdown --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def thirty(tmp_path_factory):
    folder = tmp_path_factory.mktemp("thirty")
    for index in range(10):
        for seed in SEEDS:
            shutil.copy(seed, folder / f"{index:02d}-{seed.name}")
    return folder


def test_markdown_for_thirty_reports_stays_under_the_limit_and_says_what_was_left_out(thirty):
    result = run(thirty, "--format", "markdown", "--fail-on", "never", "--jobs", "2")
    text = result.stdout
    assert len(text) < MAX_CHARS
    lines = text.splitlines()
    assert lines[0].startswith("# ") and lines[4].startswith("| Báo cáo / report | Xếp loại")  # summary first
    assert sum(1 for line in lines if line.startswith("| ") and ".json` |" in line) == 30  # a row per report
    assert "Đã lược bớt" in text and "left out" in text
    assert "Không có số liệu" not in text.split("<details>")[0]  # no-data rows are folded, not counted


def test_markdown_of_three_reports_is_whole():
    text = run(FIXTURES, "--format", "markdown", "--fail-on", "never").stdout
    assert "Đã lược bớt" not in text and text.count("\n## ") == 3 and "CS030" in text
    assert text.count("<details>") == 3 and text.count("</details>") == 3  # no-data and waived, folded
    counted = text.split("<details>")[0]
    assert "🔴" in counted


# --- JSON ------------------------------------------------------------------------------------

def test_one_and_many_inputs_have_the_same_json_shape():
    one = load_output(run(SEEDS[0], "--format", "json", "--fail-on", "never").stdout)
    two = load_output(run(SEEDS[0], SEEDS[1], "--format", "json", "--fail-on", "never").stdout)
    assert set(one) == set(two) == {"version", "reports", "errors", "unused_waivers"}
    assert one["version"] == two["version"] == "2"
    assert one["reports"][0] == two["reports"][0]


def test_output_schema_command_prints_the_schema():
    result = CliRunner().invoke(checker_main, ["schema", "--output"])
    schema = json.loads(result.stdout)
    assert schema["properties"]["version"] == {"const": "2"}
    bad = load_output  # an output missing a key does not validate
    with pytest.raises(AssertionError):
        bad(json.dumps({"version": "2", "reports": []}))


# --- conventions -----------------------------------------------------------------------------

def test_dash_output_is_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(CHI_LANG, "--format", "json", "-o", "-", "--fail-on", "never")
    assert result.exit_code == 0 and not (tmp_path / "-").exists()
    assert load_output(result.stdout)["reports"][0]["report"]["commune"] == "Chi Lăng Nam"


def test_version_help_and_python_m_checker():
    assert "xa-cds-checker" in run("--version").stdout
    short = run("-h")
    assert short.exit_code == 0 and "Cách dùng / Usage:" in short.stdout and "Tuỳ chọn / Options" in short.stdout
    done = subprocess.run([sys.executable, "-m", "checker", "--help"], capture_output=True, text=True, timeout=60,
                          cwd=ROOT)
    assert done.returncode == 0 and "waivers" in done.stdout and "schema" in done.stdout


def test_clicks_own_errors_are_vietnamese_first():
    result = run(CHI_LANG, "--nope")
    assert result.exit_code == 2
    assert "Không có tuỳ chọn '--nope' / no such option" in result.stderr and "Lỗi / Error" in result.stderr
    missing = run()
    assert "Thiếu tham số / missing argument" in missing.stderr


def test_config_in_a_parent_folder_changes_the_default_fail_level(tmp_path, monkeypatch):
    (tmp_path / ".checker.yaml").write_text("fail-on: never\n", encoding="utf-8")
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    assert run(CHI_LANG).exit_code == 0  # the file says never
    assert run(CHI_LANG, "--fail-on", "error").exit_code == 1  # the flag wins
    monkeypatch.setenv("CHECKER_NO_CONFIG", "1")
    assert run(CHI_LANG).exit_code == 1


def test_pyproject_table_and_relative_paths(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.checker]\nformat = "json"\nfail-on = "never"\nwaivers = "w.yaml"\n',
        encoding="utf-8")
    (tmp_path / "w.yaml").write_text("waivers: [{rule: CS001, commune: '*', reason: abc, accepted_by: AB, "
                                     "expires: 2030-01-01}]\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    result = run(CHI_LANG)
    assert result.exit_code == 0
    data = load_output(result.stdout)  # format json from the file
    assert [w["rule"] for w in data["unused_waivers"]] == ["CS001"]  # w.yaml found beside the config


@pytest.mark.parametrize(("text", "needle"), [
    ("fail-on: sometimes\n", "/fail-on"),
    ("colour: red\n", "/colour"),
    ("targets: 3\n", "/targets"),
    ("[1\n", "YAML"),
])
def test_a_bad_config_file_is_a_clear_input_error(tmp_path, monkeypatch, text, needle):
    (tmp_path / ".checker.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(CHI_LANG)
    assert result.exit_code == 2 and needle in result.stderr and ".checker.yaml" in result.stderr
    assert "Traceback" not in result.output


# --- baseline and waiver drafts ----------------------------------------------------------------

def test_baseline_counts_only_new_findings(tmp_path):
    earlier = tmp_path / "earlier.json"
    earlier.write_text(run(CHI_LANG, "--format", "json", "--fail-on", "never").stdout, encoding="utf-8")
    assert run(CHI_LANG).exit_code == 1
    assert run(CHI_LANG, "--baseline", earlier).exit_code == 0  # nothing new
    data = json.loads(CHI_LANG.read_text(encoding="utf-8"))
    shifted = tmp_path / CHI_LANG.name
    shifted.write_text("\n\n" + json.dumps(data, ensure_ascii=False, indent=3), encoding="utf-8")
    assert run(shifted, "--baseline", earlier).exit_code == 0  # lines moved: still nothing new
    data["indicators"]["dossiers.late"] = {"value": -4}  # a new error
    changed = tmp_path / "changed" / CHI_LANG.name
    changed.parent.mkdir()
    changed.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    result = run(changed, "--baseline", earlier, "--format", "json")
    assert result.exit_code == 1
    findings = load_output(result.stdout)["reports"][0]["findings"]
    new = {f["rule_id"] for f in findings if f["baseline"] == "new" and f["status"] not in ("met", "no_data")}
    assert "CS051" in new and "CS030" not in new
    sarif = json.loads(run(changed, "--baseline", earlier, "--format", "sarif", "--fail-on", "never").stdout)
    states = {r["ruleId"]: r["baselineState"] for r in sarif["runs"][0]["results"]}
    assert states["CS051"] == "new" and states["CS030"] == "unchanged"


def test_a_bad_baseline_file_is_an_input_error(tmp_path):
    path = tmp_path / "b.json"
    path.write_text('{"reports": [{"report": 1}]}', encoding="utf-8")
    result = run(CHI_LANG, "--baseline", path)
    assert result.exit_code == 2 and "/reports/0" in result.stderr
    assert run(CHI_LANG, "--baseline", tmp_path / "none.json").exit_code == 2


def test_waiver_draft_lists_counted_findings_and_is_refused_until_filled(tmp_path):
    out = tmp_path / "out.json"
    out.write_text(run(FIXTURES, "--format", "json", "--fail-on", "never").stdout, encoding="utf-8")
    draft = tmp_path / "w.yaml"
    made = CliRunner().invoke(checker_main, ["waivers", "--from", str(out), "-o", str(draft)])
    assert made.exit_code == 0, made.output
    import yaml

    entries = yaml.safe_load(draft.read_text(encoding="utf-8"))["waivers"]
    counted = {(f["rule_id"], r["report"]["unit_code"], f["indicator"])
               for r in json.loads(out.read_text(encoding="utf-8"))["reports"] for f in r["findings"]
               if f["status"] not in ("met", "no_data")}
    assert {(e["rule"], e["commune"], e.get("indicator")) for e in entries} == counted
    assert all(e["reason"] == "" and e["expires"] == "" for e in entries)
    refused = run(FIXTURES, "--waivers", draft)
    assert refused.exit_code == 2 and "/waivers/0/reason" in refused.stderr
    for entry in entries:
        entry.update(reason="Đã giải trình", accepted_by="Phòng VH-TT", expires="2030-12-31")
    draft.write_text(yaml.safe_dump({"waivers": entries}, allow_unicode=True), encoding="utf-8")
    assert run(FIXTURES, "--waivers", draft, "--today", "2025-01-01").exit_code == 0
