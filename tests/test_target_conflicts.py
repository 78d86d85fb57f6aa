"""Targets checked against each other (docs/numbers.md §5): contradictions, redundancy, relaxed floors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from checker.catalogue.conflicts import Bound, bound_of, target_conflicts
from checker.catalogue.store import current
from checker.catalogue.targets import load_targets
from checker.cli.main import checker_main as main

UNITS = current().units


def target_file(folder: Path, name: str, scope: str, targets: list[str], date: str = "2024-03-01") -> Path:
    body = "\n".join(targets)
    path = folder / name
    path.write_text(f"""document:
  id: {name.removesuffix('.yaml')}
  number: {name.removesuffix('.yaml')}/KH-UBND
  date: {date}
  issuer: UBND
  title: Kế hoạch chuyển đổi số
  scope: {scope}
targets:
{body}
""", encoding="utf-8")
    return path


def target(ident: str, comparator: str, threshold: float, *, year: int = 2025, kind: str = "deadline",
           indicator: str = "dossiers.online_share") -> str:
    return f"""- id: {ident}
  indicator: {indicator}
  comparator: '{comparator}'
  threshold: {threshold}
  levels: [xa]
  kind: {kind}
  year: {year}
  quote: 'Đến năm {year}, tỷ lệ hồ sơ trực tuyến {comparator} {threshold}%.'
  confidence: read"""


def kinds(paths: list[Path]) -> list[tuple[str, str, str]]:
    loaded = load_targets(paths)
    return [(c.kind, c.first.target.id, c.second.target.id) for c in target_conflicts(loaded, UNITS)]


def test_bounds_meet_or_not() -> None:
    assert Bound(95, False, float("inf"), True).empty_with(Bound(float("-inf"), True, 90, False))
    assert not Bound(90, False, float("inf"), True).empty_with(Bound(float("-inf"), True, 90, False))  # = 90
    assert Bound(90, True, float("inf"), True).empty_with(Bound(float("-inf"), True, 90, False))  # > 90, ≤ 90


def test_a_layer_contradicting_the_nation_is_reported(tmp_path: Path) -> None:
    nation = target_file(tmp_path, "vn.yaml", "vn", [target("vn-online", ">=", 95)])
    province = target_file(tmp_path, "hd.yaml", "hai-duong", [target("hd-online", "<=", 90)])
    assert kinds([nation, province]) == [("contradiction", "vn-online", "hd-online")]


def test_a_province_relaxing_the_national_floor_is_reported_and_a_stricter_one_is_not(tmp_path: Path) -> None:
    nation = target_file(tmp_path, "vn.yaml", "vn", [target("vn-online", ">=", 80)])
    weaker = target_file(tmp_path, "hd.yaml", "hai-duong", [target("hd-online", ">=", 70)])
    stricter = target_file(tmp_path, "hd2.yaml", "hai-duong", [target("hd-strict", ">=", 90)], "2024-03-01")
    assert kinds([nation, weaker]) == [("relaxes", "vn-online", "hd-online")]
    assert kinds([nation, stricter]) == []


def test_a_target_implied_by_another_in_the_same_layer_is_redundant(tmp_path: Path) -> None:
    plan = target_file(tmp_path, "hd.yaml", "hai-duong", [target("hd-95", ">=", 95), target("hd-90", ">=", 90)])
    assert kinds([plan]) == [("redundant", "hd-95", "hd-90")]


def test_targets_not_in_force_together_are_not_compared(tmp_path: Path) -> None:
    plan = target_file(tmp_path, "hd.yaml", "hai-duong", [
        target("hd-2024", ">=", 95, year=2024, kind="annual"), target("hd-2025", "<=", 90, year=2025, kind="annual"),
        target("hd-other", "<=", 10, indicator="workfiles.online_share")])
    elsewhere = target_file(tmp_path, "hp.yaml", "hai-phong", [target("hp-online", "<=", 50)])
    nation = target_file(tmp_path, "vn.yaml", "vn", [target("vn-online", ">=", 80, year=2025)])
    found = kinds([plan, elsewhere, nation])
    # Hải Phòng and Hải Dương were two provinces until 30/6/2025: their targets never meet
    assert ("contradiction", "hd-online", "hp-online") not in found
    assert ("contradiction", "vn-online", "hp-online") in found
    assert all("hd-2024" not in pair and "hd-other" not in pair for pair in found)


def test_a_later_document_of_the_same_layer_supersedes_instead_of_conflicting(tmp_path: Path) -> None:
    old = target_file(tmp_path, "hd-old.yaml", "hai-duong", [target("hd-old", ">=", 95)], "2023-01-10")
    new = target_file(tmp_path, "hd-new.yaml", "hai-duong", [target("hd-new", "<=", 90)], "2024-05-10")
    assert kinds([old, new]) == []


def test_the_bundled_targets_are_consistent() -> None:
    catalogue = current()
    assert target_conflicts(catalogue.targets, catalogue.units) == []


def test_bound_of_each_comparator(tmp_path: Path) -> None:
    plan = target_file(tmp_path, "hd.yaml", "hai-duong", [target("a", "=", 1, indicator="workfiles.online_share")])
    [loaded] = load_targets([plan])
    assert bound_of(loaded.target) == Bound(1, False, 1, False)


def test_cli_checks_a_file_against_the_bundled_targets(tmp_path: Path) -> None:
    weak = target_file(tmp_path, "weak.yaml", "hai-phong", [
        target("weak-account", ">=", 50, indicator="society.age15_payment_account_share")])
    result = CliRunner().invoke(main, ["targets", "--check", str(weak)])
    assert result.exit_code == 1, result.output
    assert "OK:" in result.output and "nới lỏng / relaxes" in result.output and "qd411-age15" in result.output
    as_json = CliRunner().invoke(main, ["targets", "--check", str(weak), "--format", "json"])
    assert as_json.exit_code == 1
    found = json.loads(as_json.output)
    # both floors above it: the national 80 % (QĐ 411) and Hải Phòng's own 85 %
    assert {(c["kind"], c["first"]["scope"], c["second"]["id"]) for c in found} == {
        ("relaxes", "vn", "weak-account"), ("relaxes", "hai-phong", "weak-account")}


def test_cli_without_a_file_checks_the_bundled_targets() -> None:
    result = CliRunner().invoke(main, ["targets", "--check"])
    assert result.exit_code == 0, result.output
    assert "Không có chỉ tiêu nào mâu thuẫn" in result.output


def test_cli_a_broken_file_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: {}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["targets", "--check", str(bad)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_cli_check_refuses_options_it_would_ignore() -> None:
    result = CliRunner().invoke(main, ["targets", "--check", "--year", "2023"])
    assert result.exit_code == 2 and "--year" in result.output
