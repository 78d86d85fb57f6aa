"""``--baseline earlier.json``: only findings absent from an earlier JSON output count toward the exit code.

Findings are matched by their fingerprint (:mod:`checker.decide.fingerprint`): report (unit and
period), rule, indicator, target and the values involved — never line numbers or pointers, so
moving text about does not make old findings new.  Matched findings are still shown (JSON:
``"baseline": "unchanged"``, SARIF: ``baselineState``) and still count for the grade.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.core.errors import InputError
from checker.decide.evaluate import Evaluation
from checker.decide.findings import json_form
from checker.decide.fingerprint import fingerprints, report_key


def report_json_key(evaluation: Evaluation) -> str:
    """The report part of a fingerprint, from a checked report (as the JSON output writes it)."""
    ident, period = evaluation.report.identity, evaluation.report.period
    return report_key({"unit_code": ident.unit_code, "commune": ident.commune,
                       "period": {"year": period.year, "kind": period.kind, "quarter": period.quarter}})


IDENTITY_FIELDS: dict[str, Any] = {
    "rule_id": True, "indicator": True, "observed": True, "expected": True, "target": {"id"},
    "evidence": {"items": {"__all__": {"name", "indicator", "value"}}},
}
"""The fields of a finding's JSON form its identity reads (:func:`checker.decide.fingerprint.identity`)."""


def evaluation_fingerprints(evaluation: Evaluation, dumped: list[dict[str, Any]] | None = None) -> list[str]:
    """The fingerprint of every finding of a checked report, in order.

    ``dumped``: the findings' JSON forms when already made; else only the fields the identity
    reads are dumped (the same values, without the target's and messages' text).
    """
    if dumped is None:
        dumped = [json_form(finding, include=IDENTITY_FIELDS) for finding in evaluation.findings]
    return fingerprints(report_json_key(evaluation), dumped)


def _reports(data: Any, file: str) -> list[Any]:
    if not isinstance(data, dict):
        raise InputError(file, "", "cần kết quả JSON của `check --format json` / expected the JSON output of check")
    if isinstance(data.get("reports"), list):
        return list(data["reports"])
    if "findings" in data and "report" in data:  # version 1, one report alone
        return [data]
    raise InputError(file, "/reports", "thiếu danh sách báo cáo; cần kết quả của `check --format json` / "
                     "no reports list: expected the JSON output of check")


def load_baseline(path: Path) -> frozenset[str]:
    """The fingerprints of every finding in an earlier JSON output; InputError when unusable."""
    file = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(file, "", "không tìm thấy tệp mốc so sánh / baseline file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(file, "", f"không đọc được JSON mốc so sánh / unreadable baseline JSON: {exc}") from None
    found: set[str] = set()
    for index, report in enumerate(_reports(data, file)):
        where = f"/reports/{index}"
        if not isinstance(report, dict) or not isinstance(report.get("report"), dict) \
                or not isinstance(report.get("findings"), list):
            raise InputError(file, where, "cần {report, grade, findings} / expected {report, grade, findings}")
        findings = report["findings"]
        if not all(isinstance(f, dict) and "rule_id" in f for f in findings):
            raise InputError(file, f"{where}/findings", "mỗi phát hiện cần rule_id / every finding needs rule_id")
        found.update(fingerprints(report_key(report["report"]), findings))
    return frozenset(found)
