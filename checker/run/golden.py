"""Golden findings: the comparable summary of a report's findings, for fixtures' expected files."""

from __future__ import annotations

from typing import Any

from checker.decide.findings import Finding


def golden_rows(findings: list[Finding]) -> list[dict[str, Any]]:
    """Rule id, severity, status and indicator of each finding, sorted (order-independent)."""
    rows = [
        {"rule_id": f.rule_id, "severity": f.severity, "status": f.status, "indicator": f.indicator,
         "pointer": f.pointer}
        for f in findings
    ]
    return sorted(rows, key=lambda r: (r["rule_id"], r["indicator"] or "", r["pointer"] or "", r["status"] or ""))


if __name__ == "__main__":
    import json
    import sys
    from pathlib import Path

    from checker.decide.evaluate import evaluate
    from checker.read.json_report import load_report

    for name in sys.argv[1:]:
        path = Path(name)
        rows = golden_rows(evaluate(load_report(path)).findings)
        target = path.parent / "expected" / (path.stem + ".findings.json")
        target.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{target}: {len(rows)} findings")
