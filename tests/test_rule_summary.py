"""A per-rule view across a batch (docs/numbers.md §6): how many reports each rule fails, holds, cannot check."""

from __future__ import annotations

from click.testing import CliRunner

from checker.catalogue.store import current
from checker.cli.check import check_main
from checker.cli.summary import summary_command
from checker.decide.evaluate import evaluate
from checker.model.report import Report
from checker.run.batch import Tally, check_paths
from tests.conftest import FIXTURES, report_dict
from tests.jsonout import load_output

SEEDS = sorted(FIXTURES.glob("*.json"))


def outcome(indicators: dict[str, object], rule_id: str) -> str:
    rule = current().rule(rule_id)
    return evaluate(Report.model_validate(report_dict(indicators=indicators)), [rule],
                    backend="python").outcomes[rule_id]


def test_each_rule_fails_holds_or_could_not_check() -> None:
    parts = {"dossiers.online": {"value": 924}, "dossiers.in_person": {"value": 23}}
    assert outcome({"dossiers.received": {"value": 947}, **parts}, "CS001") == "holds"
    assert outcome({"dossiers.received": {"value": 950}, **parts}, "CS001") == "fails"
    assert outcome({"dossiers.received": {"value": 950}}, "CS001") == "not_checked"


def test_a_target_met_holds_and_a_target_without_data_is_not_checked() -> None:
    assert outcome({}, "TG007") == "not_checked"
    assert outcome({"dossiers.online_share": {"percent": 100}}, "TG007") == "holds"
    assert outcome({"dossiers.online_share": {"percent": 1}}, "TG007") == "fails"


def test_the_tally_counts_every_report_once_per_rule_and_merges_by_addition() -> None:
    batch = check_paths(SEEDS)
    tally = batch.tally
    assert {sum(counts.values()) for counts in tally.rules.values()} == {len(SEEDS)}
    halves = Tally(), Tally()
    for index, item in enumerate(batch.checked):
        halves[index % 2].add(item)
    halves[0].merge(halves[1])
    assert halves[0].rules == tally.rules


def test_json_output_has_a_rules_summary_matching_the_findings() -> None:
    result = CliRunner().invoke(check_main, [*map(str, SEEDS), "--format", "json"])
    data = load_output(result.output)
    rules = {row["rule_id"]: row for row in data["rules"]}
    assert {row["fails"] + row["holds"] + row["not_checked"] for row in rules.values()} == {len(SEEDS)}
    fired: dict[str, set[str]] = {}
    for report in data["reports"]:
        for finding in report["findings"]:
            if finding["status"] not in ("met", "no_data", "scored", "not_scored"):  # points are not failures
                fired.setdefault(finding["rule_id"], set()).add(report["report"]["file"])
    for rule_id, files in fired.items():
        if rule_id in rules:  # waiver rules run after the decision, outside the plan
            assert rules[rule_id]["fails"] == len(files), rule_id
    assert rules["CS030"]["fails"] >= 1


def test_one_report_has_the_summary_too() -> None:
    result = CliRunner().invoke(check_main, [str(SEEDS[0]), "--format", "json"])
    data = load_output(result.output)
    assert data["rules"] and all(row["fails"] + row["holds"] + row["not_checked"] == 1 for row in data["rules"])


def test_checker_summary_shows_the_rules_that_fail_most() -> None:
    result = CliRunner().invoke(summary_command, [str(FIXTURES)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    section = result.output.split("Theo luật / per rule")[1]
    assert "CS030  không đạt 1 · đạt 0 · chưa kiểm tra được 3" in section
    assert "luật không kiểm tra được ở báo cáo nào" in section.replace("\n", " ")


def test_per_rule_counts_are_the_same_from_worker_processes() -> None:
    one = check_paths(SEEDS * 2, jobs=1)
    two = check_paths(SEEDS * 2, jobs=2)
    assert one.tally.rules == two.tally.rules
    assert {sum(counts.values()) for counts in two.tally.rules.values()} == {2 * len(SEEDS)}
