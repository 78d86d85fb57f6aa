"""Roll-ups (docs/numbers.md §4): a city's figure against the sum of its communes' reports (CS080)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from checker.catalogue.store import current
from checker.decide.checks.base import Part
from checker.decide.checks.rollup import units_under
from checker.decide.evaluate import evaluate
from checker.decide.findings import Finding
from checker.model.report import Report
from checker.run.batch import check_paths
from checker.run.rollup import batch_parts

UNITS = current().units
RULE = current().rule("CS080")
CITY = {"commune": "Hải Phòng", "unit_type": "thanh_pho", "province": "Hải Phòng", "unit_code": "hai-phong"}
PERIOD = {"year": 2026, "kind": "half"}
COMMUNES = units_under(UNITS, "hai-phong", dt.date(2026, 6, 30))
CODES = ("dossiers.received", "docs.outgoing")


def commune(code: str, indicators: dict[str, Any], period: dict[str, Any] = PERIOD) -> dict[str, Any]:
    name = UNITS[code].name.split(" ", 1)[1]
    return {"identity": {"commune": name, "unit_type": UNITS[code].type, "province": "Hải Phòng",
                         "unit_code": code},
            "period": period, "indicators": indicators}


def city(indicators: dict[str, Any], period: dict[str, Any] = PERIOD) -> dict[str, Any]:
    return {"identity": CITY, "period": period, "indicators": indicators}


def cs080(parent: dict[str, Any], parts: list[dict[str, Any]]) -> list[Finding]:
    found = [Part(Report.model_validate(p), f"xa-{i}.json") for i, p in enumerate(parts)]
    return evaluate(Report.model_validate(parent), [RULE], backend="python", parts=found).findings


def test_hai_phong_has_its_114_units_on_the_period_end() -> None:
    assert len(COMMUNES) == 114
    assert "hai-phong/nam-thanh-mien" in COMMUNES
    assert units_under(UNITS, "hai-phong", dt.date(2024, 12, 31)) == ()  # before the reform: none yet


figures = st.lists(st.integers(min_value=0, max_value=5000), min_size=len(COMMUNES), max_size=len(COMMUNES))


@given(received=figures, changed=st.integers(min_value=0, max_value=len(COMMUNES) - 1),
       delta=st.integers(min_value=-50, max_value=50).filter(bool))
def test_a_generated_rollup_holds_until_one_commune_figure_changes(received: list[int], changed: int,
                                                                   delta: int) -> None:
    parts = [commune(code, {"dossiers.received": {"value": value}}) for code, value in zip(COMMUNES, received,
                                                                                        strict=True)]
    parent = city({"dossiers.received": {"value": sum(received)}})
    held = cs080(parent, parts)
    assert [f.status for f in held] == ["met"], held
    assert not any(f.counts for f in held)
    new_value = received[changed] + delta
    if new_value < 0:
        return
    parts[changed]["indicators"]["dossiers.received"]["value"] = new_value
    [failed] = cs080(parent, parts)
    assert failed.status == "not_met" and failed.counts
    assert failed.observed == sum(received) and failed.expected == sum(received) + delta
    assert failed.evidence.computation is not None
    assert f"{sum(received) + delta:,}".replace(",", ".") in failed.message.vi


def test_a_missing_commune_makes_it_unchecked_and_is_named() -> None:
    parts = [commune(code, {"docs.outgoing": {"value": 10}}) for code in COMMUNES[1:]]
    [finding] = cs080(city({"docs.outgoing": {"value": 10 * 114}}), parts)
    assert finding.status == "no_data" and not finding.counts
    missing = UNITS[COMMUNES[0]].name
    assert missing in finding.message.vi and missing in finding.message.en
    assert "113/114" in finding.message.vi


def test_a_commune_without_the_figure_is_missing_too() -> None:
    parts = [commune(code, {"docs.outgoing": {"value": 10}}) for code in COMMUNES]
    parts[5]["indicators"] = {"docs.incoming": {"value": 3}}
    [finding] = cs080(city({"docs.outgoing": {"value": 1140}}), parts)
    assert finding.status == "no_data" and UNITS[COMMUNES[5]].name in finding.message.vi


def test_the_communes_at_hand_exceeding_the_city_fail_even_with_some_missing() -> None:
    parts = [commune(code, {"docs.outgoing": {"value": 100}}) for code in COMMUNES[:20]]
    [finding] = cs080(city({"docs.outgoing": {"value": 1500}}), parts)
    assert finding.status == "not_met" and finding.severity == "error"
    assert "94 đơn vị khác" not in finding.message.vi  # 94 missing: 8 named, 86 more
    assert "86 đơn vị khác" in finding.message.vi and "86 more" in finding.message.en


def test_a_commune_of_another_period_is_not_a_part() -> None:
    parts = [commune(code, {"docs.outgoing": {"value": 1}}, {"year": 2026, "kind": "year"}) for code in COMMUNES]
    [finding] = cs080(city({"docs.outgoing": {"value": 114}}), parts)
    assert finding.status == "no_data" and "0/114" in finding.message.vi


def test_a_city_checked_alone_says_it_could_not_be_checked() -> None:
    [finding] = cs080(city({"docs.outgoing": {"value": 114}}), [])
    assert finding.status == "no_data"


def _write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_batch_pairs_the_city_with_its_communes_of_the_same_period(tmp_path: Path) -> None:
    paths = [_write(tmp_path, "thanh-pho.json", city({"dossiers.received": {"value": 300}}))]
    for index, code in enumerate(COMMUNES[:3]):
        paths.append(_write(tmp_path, f"xa-{index}.json", commune(code, {"dossiers.received": {"value": 200}})))
    paths.append(_write(tmp_path, "xa-year.json", commune(COMMUNES[3], {"dossiers.received": {"value": 5}},
                                                         {"year": 2026, "kind": "year"})))
    pairs = dict(batch_parts(paths, UNITS))
    assert pairs == {str(paths[0]): tuple(str(p) for p in paths[1:4])}
    result = check_paths(paths)
    assert not result.errors
    city_findings = [f for f in result.checked[0].evaluation.findings if f.rule_id == "CS080"]
    [finding] = city_findings
    assert finding.status == "not_met"  # 600 > 300 with 111 communes missing
    sources = [item.report for item in finding.evidence.items if item.report]
    assert sources == ["xa-0.json (" + commune(COMMUNES[0], {})["identity"]["commune"] + ")",
                       "xa-1.json (" + commune(COMMUNES[1], {})["identity"]["commune"] + ")",
                       "xa-2.json (" + commune(COMMUNES[2], {})["identity"]["commune"] + ")"]
    for checked in result.checked[1:]:
        assert not [f for f in checked.evaluation.findings if f.rule_id == "CS080"]


def test_a_rollup_report_is_judged_at_its_own_level() -> None:
    from checker.decide.checks.base import Context

    assert Context(Report.model_validate(city({})), current()).level == "tinh"
    district = {"identity": {"commune": "Ninh Giang", "unit_type": "huyen", "province": "Hải Dương",
                             "unit_code": "hai-duong/ninh-giang"}, "period": {"year": 2023, "kind": "year"},
                "indicators": {}}
    assert Context(Report.model_validate(district), current()).level == "huyen"
    assert Context(Report.model_validate(commune(COMMUNES[0], {})), current()).level == "xa"


def test_a_city_report_goes_through_the_excel_form(tmp_path: Path) -> None:
    from checker.read.inputs import read_input
    from checker.read.xlsx.writer import write_form

    report = Report.model_validate(city({"docs.outgoing": {"value": 5}}))
    path = tmp_path / "thanh-pho.xlsx"
    write_form(path, report)
    back = read_input(path).report
    assert back.identity.unit_type == "thanh_pho" and back.identity.unit_code == "hai-phong"


def _with_mode(mode: str) -> Any:
    return RULE.model_copy(update={"params": {**RULE.params, "missing": mode}})


def test_missing_modes_are_explicit() -> None:
    parts = [commune(code, {"docs.outgoing": {"value": 10}}) for code in COMMUNES[:100]]
    found = [Part(Report.model_validate(p), f"xa-{i}.json") for i, p in enumerate(parts)]

    def status(mode: str, whole: int) -> str | None:
        [finding] = evaluate(Report.model_validate(city({"docs.outgoing": {"value": whole}})), [_with_mode(mode)],
                             backend="python", parts=found).findings
        return finding.status

    # 100 communes at hand sum to 1.000; 14 are missing
    assert status("always_zero", 1000) == "met" and status("always_zero", 1140) == "not_met"
    assert status("non_null", 900) == "no_data" and status("non_null", 1140) == "no_data"
    assert status("partial_null", 900) == "not_met" and status("partial_null", 1140) == "no_data"


def _parts_as_first_written(stamps: list[Any], units: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The roll-up pairing on whole stamps, as it was before the batch kept stamp columns (the oracle)."""
    from checker.decide.checks.rollup import is_rollup, same_period

    parents = [s for s in stamps if is_rollup(units, s.identity.unit_code) and s.period.end is not None]
    by_unit: dict[str, list[Any]] = {}
    for item in stamps:
        if item.identity.unit_code:
            by_unit.setdefault(item.identity.unit_code, []).append(item)
    found = []
    for parent in parents:
        children = [child.path for unit in units_under(units, parent.identity.unit_code, parent.period.end)
                    for child in by_unit.get(unit, ()) if same_period(child.period, parent.period)]
        if children:
            found.append((parent.path, tuple(children)))
    return tuple(found)


_ROLLUP_WHO = [("hai-phong", "Hải Phòng", None, "Hải Phòng"), (COMMUNES[0], "Một", None, "Hải Phòng"),
               (COMMUNES[1], "Hai", None, "Hải Phòng"), ("hai-duong", "Hải Dương", None, "Hải Dương"),
               ("hai-duong/tu-ky/minh-duc", "Minh Đức", "Tứ Kỳ", "Hải Dương"),
               ("ma-la/khong-co", "Lạ", None, "Hải Phòng"),
               ("", "Không mã", None, "Hải Phòng"), (None, "Hải Phòng", None, "Hải Phòng")]
_ROLLUP_PERIODS = [{"year": 2026, "kind": "half"}, {"year": 2026, "kind": "year"}, {"year": 2024, "kind": "year"},
                   {"year": 2026, "kind": "half", "label": "6 tháng cuối năm", "start": "2026-07-01",
                    "end": "2026-12-31"}, {"year": 2026, "kind": "quarter", "quarter": 2}]


@given(st.lists(st.tuples(st.integers(0, len(_ROLLUP_WHO) - 1), st.integers(0, len(_ROLLUP_PERIODS) - 1)),
                max_size=30))
def test_batch_parts_from_stamp_columns_are_those_of_whole_stamps(drawn: list[tuple[int, int]]) -> None:
    """Roll-ups paired through the batch's stamp columns find the parts, in the order, that whole stamps find."""
    from checker.model.report import Period
    from checker.run.history import Stamp, Who

    periods = [Period.model_validate(p) for p in _ROLLUP_PERIODS]
    stamps = [Stamp(f"r{i}.json", Who(*_ROLLUP_WHO[who]), periods[period]) for i, (who, period) in enumerate(drawn)]
    assert batch_parts([], UNITS, stamps) == _parts_as_first_written(stamps, UNITS)
