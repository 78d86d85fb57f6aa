"""This period against the last (docs/numbers.md §3): --previous, batch pairing, H1 + H2 = year."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from checker.catalogue.store import current
from checker.cli.check import check_main
from checker.decide.checks.base import Earlier
from checker.decide.evaluate import evaluate
from checker.model.report import Report
from checker.run.batch import check_paths
from checker.run.history import earlier_reports
from checker.run.stamp_columns import batch_pairs
from tests.conftest import FIXTURES, report_dict

FLOWS = current().rule("CS070").params["flows"]
HISTORY_RULES = [current().rule(rule_id) for rule_id in ("CS070", "CS071", "CS072", "CS073", "AM003")]


def halves(year: int, unit: str = "hai-duong/tu-ky/minh-duc") -> dict[str, Any]:
    identity = {"commune": "Minh Đức", "district": "Tứ Kỳ", "province": "Hải Dương", "unit_code": unit}
    return {
        "h1": report_dict(identity=identity, period={"year": year, "kind": "half"}, indicators={}),
        "h2": report_dict(identity=identity, period={"year": year, "kind": "half", "start": f"{year}-07-01",
                                                     "end": f"{year}-12-31"}, indicators={}),
        "year": report_dict(identity=identity, period={"year": year, "kind": "year"}, indicators={}),
    }


def ids(report: dict[str, Any], earlier: list[dict[str, Any]]) -> list[str]:
    history = [Earlier(Report.model_validate(e), f"r{i}") for i, e in enumerate(earlier)]
    findings = evaluate(Report.model_validate(report), HISTORY_RULES, backend="python", history=history).findings
    return sorted(f.rule_id for f in findings if f.counts)


@st.composite
def series(draw) -> dict[str, Any]:
    """A commune's first half, second half and year, each flow of the year the sum of the halves."""
    reports = halves(draw(st.integers(min_value=2022, max_value=2026)))
    for code in draw(st.lists(st.sampled_from(FLOWS), min_size=1, unique=True)):
        first, second = draw(st.integers(0, 5000)), draw(st.integers(0, 5000))
        reports["h1"]["indicators"][code] = {"value": first}
        reports["h2"]["indicators"][code] = {"value": second}
        reports["year"]["indicators"][code] = {"value": first + second}
    return reports


@given(series())
def test_halves_add_up_to_the_year_on_consistent_series(reports):
    assert "CS070" not in ids(reports["year"], [reports["h1"], reports["h2"]])


@given(series(), st.sampled_from(["h1", "h2", "year"]), st.integers(min_value=1, max_value=100),
       st.data())
def test_changing_one_figure_of_the_series_fires(reports, which, k, data):
    code = data.draw(st.sampled_from(sorted(reports["year"]["indicators"])))
    changed = copy.deepcopy(reports)
    changed[which]["indicators"][code]["value"] += k
    assert "CS070" in ids(changed["year"], [changed["h1"], changed["h2"]])


def test_halves_need_all_three_reports():
    reports = halves(2025)
    reports["h1"]["indicators"]["docs.outgoing"] = {"value": 1}
    reports["year"]["indicators"]["docs.outgoing"] = {"value": 5}
    assert "CS070" not in ids(reports["year"], [reports["h1"]])


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_batch_pairs_the_periods_of_one_unit_and_cites_both_reports(tmp_path):
    reports = halves(2025)
    for key, value in (("h1", 400), ("h2", 300), ("year", 812)):
        reports[key]["indicators"]["docs.outgoing"] = {"value": value, "line": 7}
    other = report_dict(identity={"commune": "Đồng Tâm", "district": "Ninh Giang", "province": "Hải Dương",
                                  "unit_code": "hai-duong/ninh-giang/dong-tam"}, period={"year": 2025, "kind": "half"},
                        indicators={"docs.outgoing": {"value": 1}})
    paths = [_write(tmp_path, f"{key}.json", data) for key, data in reports.items()]
    paths.append(_write(tmp_path, "other.json", other))
    pairs = dict(batch_pairs(paths, current().units))
    assert set(pairs[str(tmp_path / "year.json")]) == {str(tmp_path / "h1.json"), str(tmp_path / "h2.json")}
    assert str(tmp_path / "other.json") not in pairs
    batch = check_paths(paths)
    year = next(c for c in batch.checked if c.path.name == "year.json")
    (finding,) = [f for f in year.evaluation.findings if f.rule_id == "CS070"]
    cited = {item.report for item in finding.evidence.items}
    assert None in cited and any("h1.json" in (r or "") for r in cited) and any("h2.json" in (r or "") for r in cited)
    assert "6 tháng cuối năm 2025" in finding.message.vi


def test_the_same_unit_follows_predecessor_links_after_the_reform():
    """Chi Lăng Nam (2023) became part of Nam Thanh Miện (Hải Phòng): a predecessor, not the sole one."""
    old = Report.model_validate(json.loads((FIXTURES / "chi-lang-nam-thanh-mien-2023.json").read_text("utf-8")))
    new = Report.model_validate(report_dict(
        identity={"commune": "Nam Thanh Miện", "province": "Hải Phòng", "unit_code": "hai-phong/nam-thanh-mien"},
        period={"year": 2026, "kind": "year"}, indicators={"email.accounts": {"value": 10}}))
    (earlier,) = earlier_reports(new, [(old, "old.json")], current().units)
    assert earlier.link == "predecessor" and not earlier.sole and not earlier.comparable
    # a merged commune's stocks are not compared with one of its former communes
    findings = evaluate(new, HISTORY_RULES, backend="python", history=[earlier]).findings
    assert not [f for f in findings if f.rule_id == "CS071"]
    unrelated = Report.model_validate(report_dict(
        identity={"commune": "Tứ Kỳ", "province": "Hải Phòng", "unit_code": "hai-phong/tu-ky"},
        period={"year": 2026, "kind": "year"}))
    assert earlier_reports(unrelated, [(old, "old.json")], current().units) == ()


def test_check_previous_reports_goals_and_falling_stocks(tmp_path):
    base = json.loads((FIXTURES / "chi-lang-nam-thanh-mien-2023.json").read_text(encoding="utf-8"))
    earlier = {"identity": base["identity"], "period": {"year": 2022, "kind": "year"},
               "indicators": {"email.accounts": {"value": 25, "line": 40}},
               "goals": {"year": 2023, "indicators": {"signatures.leaders": {"value": 5, "line": 90}}}}
    previous = _write(tmp_path, "2022.json", earlier)
    result = CliRunner().invoke(check_main, [str(FIXTURES / "chi-lang-nam-thanh-mien-2023.json"), "--previous",
                                             str(previous), "--format", "json", "--engine", "python"])
    assert result.exit_code == 1, result.output
    found = {f["rule_id"]: f for f in json.loads(result.output)["reports"][0]["findings"]}
    assert "ít hơn 25 trong 2022.json (Chi Lăng Nam, năm 2022)" in found["CS071"]["message"]["vi"]
    assert found["AM003"]["status"] == "not_met" and "bị bỏ qua" in found["AM003"]["message"]["vi"]
    assert {i["line"] for i in found["CS071"]["evidence"]["items"]} == {40, 116}


def test_an_unreadable_previous_report_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = CliRunner().invoke(check_main, [str(FIXTURES / "dong-tam-ninh-giang-2023.json"), "--previous", str(bad)])
    assert result.exit_code == 2
    assert "bad.json" in result.output
    assert "Traceback" not in result.output


def test_copied_figures_and_jumps_compare_the_same_kind_of_period():
    now = report_dict(period={"year": 2024, "kind": "year"},
                      indicators={"docs.outgoing": {"value": 8120}, "docs.incoming": {"value": 900}})
    last_year = report_dict(period={"year": 2023, "kind": "year"},
                            indicators={"docs.outgoing": {"value": 812}, "docs.incoming": {"value": 900}})
    first_half = report_dict(period={"year": 2024, "kind": "half"}, indicators={"docs.outgoing": {"value": 10}})
    assert ids(now, [last_year, first_half]) == ["CS073"]
    assert ids(now, [first_half]) == []


def _pairs_compared_pairwise(stamps, units):
    """The pairing as first written: every report compared with every report of its unit key (the oracle)."""
    from checker.run.history import _Links, unit_key

    linked = _Links(units)
    groups = {}
    for item in stamps:
        groups.setdefault(unit_key(item.identity, units), []).append(item)
    pairs = []
    for item in stamps:
        earlier = []
        for other in groups[unit_key(item.identity, units)]:
            if other is item or other.period.end is None or item.period.end is None:
                continue
            half_of_year = (other.period.kind == "half" and item.period.kind == "year"
                            and other.period.year == item.period.year)
            if other.period.end >= item.period.end and not half_of_year:
                continue
            if linked(other.identity, item.identity, item.period) is not None:
                earlier.append(other.path)
        if earlier:
            pairs.append((item.path, tuple(earlier)))
    return tuple(pairs)


_WHO = [("hai-duong/tu-ky/minh-duc", "Minh Đức", "Tứ Kỳ", "Hải Dương"),
        ("hai-duong/thanh-mien/chi-lang-nam", "Chi Lăng Nam", "Thanh Miện", "Hải Dương"),
        ("hai-phong/nam-thanh-mien", "Nam Thanh Miện", None, "Hải Phòng"),
        (None, "Minh Đức", "Tứ Kỳ", "Hải Dương"), (None, "Xã Khác", None, "Hải Phòng"),
        ("ma-la/khong-co", "Xã Lạ", None, "Hải Phòng"), ("ma-la/khong-co", "Tên Khác", None, "Hải Phòng"),
        ("hai-duong", "Hải Dương", None, "Hải Dương"), ("", "Xã Khác", None, "Hải Phòng"),
        (None, "Xã Khác", "Tứ Kỳ", "Hải Phòng")]  # codes the catalogue lacks, an empty code, names that differ
_PERIODS = [{"year": year, "kind": "quarter", "quarter": q} for year in (2024, 2025) for q in (2, 4)] + [
    {"year": 2025, "kind": "half"}, {"year": 2025, "kind": "half", "label": "6 tháng cuối năm",
                                     "start": "2025-07-01", "end": "2025-12-31"},
    {"year": 2025, "kind": "year"}, {"year": 2025, "kind": "nine_months"}, {"year": 2026, "kind": "year"}]


@given(st.lists(st.tuples(st.integers(0, len(_WHO) - 1), st.integers(0, len(_PERIODS) - 1)), max_size=40))
def test_batch_pairing_by_period_end_finds_what_comparing_every_pair_finds(drawn):
    """The indexed pairing gives the pairwise loop's pairs, in its order, on batches of repeated units and periods."""
    from checker.model.report import Period
    from checker.run.history import Stamp, Who

    units = current().units
    periods = [Period.model_validate(p) for p in _PERIODS]
    stamps = [Stamp(f"r{i}.json", Who(*_WHO[who]), periods[period]) for i, (who, period) in enumerate(drawn)]
    assert batch_pairs([], units, stamps) == _pairs_compared_pairwise(stamps, units)
