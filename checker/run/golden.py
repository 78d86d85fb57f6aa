"""Golden findings: the comparable summary of a report's findings, for fixtures' expected files.

Run ``python -m checker.run.golden fixtures/<name>.json`` to write ``fixtures/expected/<name>.findings.json``
(only after reviewing the difference).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.core.errors import InputError
from checker.decide.findings import Finding
from checker.run.batch import check_report


def golden_rows(findings: list[Finding]) -> list[dict[str, Any]]:
    """Rule id, severity, status and indicator of each finding, sorted (order-independent)."""
    rows = [
        {"rule_id": f.rule_id, "severity": f.severity, "status": f.status, "indicator": f.indicator,
         "pointer": f.pointer}
        for f in findings
    ]
    return sorted(rows, key=lambda r: (r["rule_id"], r["indicator"] or "", r["pointer"] or "", r["status"] or ""))


def golden_of(path: Path) -> list[dict[str, Any]]:
    """The golden rows of a report file, checked the way ``check`` checks it; InputError when unusable."""
    checked = check_report(path)
    if isinstance(checked, InputError):
        raise checked
    return golden_rows(checked.evaluation.findings)


if __name__ == "__main__":
    import json
    import sys

    for name in sys.argv[1:]:
        path = Path(name)
        rows = golden_of(path)
        target = path.parent / "expected" / (path.stem + ".findings.json")
        target.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{target}: {len(rows)} findings")
