"""`check report.txt` extracts then checks, marks values as extracted, and finds what the JSON finds."""

import json

import pytest
from click.testing import CliRunner

from checker.cli.check import check_main
from checker.cli.main import checker_main
from tests.conftest import FIXTURES
from tests.jsonout import only_report

KEY_FINDINGS = {
    "chi-lang-nam-thanh-mien-2023": {"CS030", "CS034", "CS041", "CS042"},
    "dong-tam-ninh-giang-2023": {"CS040", "TG012", "CS062"},
    "minh-duc-tu-ky-2023-h1": {"CS060", "CS062", "CP004"},
}


@pytest.mark.parametrize("stem", sorted(KEY_FINDINGS))
def test_check_seed_text_end_to_end(stem):
    result = CliRunner().invoke(check_main, [str(FIXTURES / f"{stem}.txt"), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    data = only_report(result.stdout)
    assert data["report"]["extracted"] is True
    assert KEY_FINDINGS[stem] <= {f["rule_id"] for f in data["findings"]}
    for finding in data["findings"]:
        for item in finding["evidence"]["items"]:
            if item.get("indicator") and item.get("line"):
                assert item["quote"], finding["rule_id"]  # provenance: the quoted source text


def test_sarif_points_into_the_source_document():
    path = FIXTURES / "chi-lang-nam-thanh-mien-2023.txt"
    sarif = json.loads(CliRunner().invoke(check_main, [str(path), "--format", "sarif", "--fail-on", "never"]).stdout)
    mail = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "CS030")
    line = mail["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert line in (53, 116, 119)  # a line of the text that states one of the numbers


def test_table_output_says_values_were_extracted():
    result = CliRunner().invoke(check_main, [str(FIXTURES / "minh-duc-tu-ky-2023-h1.txt"), "--fail-on", "never"])
    assert "trích tự động" in result.output


def test_extract_is_registered():
    result = CliRunner().invoke(checker_main, ["extract", str(FIXTURES / "dong-tam-ninh-giang-2023.txt")])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["identity"]["commune"] == "Đồng Tâm"


def test_check_filled_excel_form(tmp_path):
    form = tmp_path / "chi-lang-nam.xlsx"
    made = CliRunner().invoke(checker_main, ["template", "--format", "xlsx", "--from",
                                             str(FIXTURES / "chi-lang-nam-thanh-mien-2023.json"), "-o", str(form)])
    assert made.exit_code == 0, made.output
    def rows(path):
        out = CliRunner().invoke(check_main, [str(path), "--format", "json", "--fail-on", "never"]).stdout
        return sorted((f["rule_id"], f["indicator"] or "", f["status"] or "") for f in only_report(out)["findings"])

    assert rows(form) == rows(FIXTURES / "chi-lang-nam-thanh-mien-2023.json")
