"""Rule documentation: the terminal list, one rule explained, and docs/rules.md."""

from __future__ import annotations

import json
from collections.abc import Sequence

from tabulate import tabulate

from checker.decide.findings import CATEGORY_VI, SEVERITY_VI
from checker.catalogue.rules import RuleDef


def rules_table(rules: Sequence[RuleDef]) -> str:
    """One line per rule: id, category, severity, title."""
    rows = [[r.id, CATEGORY_VI[r.category], SEVERITY_VI[r.severity], r.title.vi, r.title.en] for r in rules]
    return tabulate(rows, headers=["Mã", "Nhóm", "Mức", "Tên luật", "Title"], tablefmt="simple")


def _example_lines(rule: RuleDef) -> list[str]:
    lines = []
    for example in rule.examples:
        report = json.dumps(example.report, ensure_ascii=False, default=str)
        lines.append(f"- **{example.expect}** — {example.name}\n\n  ```json\n  {report}\n  ```")
    return lines


def rule_markdown(rule: RuleDef) -> str:
    """The Markdown section of one rule (used by docs/rules.md and `checker rules ID`)."""
    refs = "; ".join(rule.references) if rule.references else "—"
    reads = ", ".join(f"`{r}`" for r in rule.reads) if rule.reads else "—"
    params = json.dumps(rule.params, ensure_ascii=False) if rule.params else "{}"
    parts = [
        f"## {rule.id} {rule.name}",
        f"**{rule.title.vi}** — {rule.title.en}",
        f"- Nhóm / category: `{rule.category}`; mức / severity: `{rule.severity}`; "
        f"kiểu / kind: `{rule.kind}`; tham số / params: `{params}`",
        f"- Đọc / reads: {reads}",
        f"- Căn cứ / references: {refs}",
        f"- Tệp / file: `rules/{rule.category}/{rule.file}`",
        f"\n{rule.rationale.vi}\n\n_{rule.rationale.en}_",
        f"\nThông điệp / message: `{rule.message.vi}` — `{rule.message.en}`",
        "\nVí dụ (chạy như kiểm thử) / examples (run as tests):\n",
        *_example_lines(rule),
    ]
    return "\n".join(parts)


def explain_rule(rule: RuleDef) -> str:
    """A rule explained for the terminal, with its examples and their results."""
    from checker.decide.examples import run_example

    lines = [rule_markdown(rule), "", "Kết quả ví dụ / example results:"]
    for example in rule.examples:
        ok, findings = run_example(rule, example)
        mark = "OK" if ok else "SAI / WRONG"
        said = findings[0].message.vi if findings else "(không phát hiện / no finding)"
        lines.append(f"  [{mark}] {example.expect}: {example.name} → {said}")
    return "\n".join(lines)


def rules_markdown(rules: Sequence[RuleDef]) -> str:
    """The whole of docs/rules.md (generated; a test keeps it in sync)."""
    header = [
        "# Danh mục luật / Rule catalogue",
        "",
        "Tệp này được sinh tự động bằng `python -m checker.render.rule_docs > docs/rules.md`; "
        "một kiểm thử bảo đảm nó khớp với `rules/`. / Generated; a test keeps it in sync.",
        "",
        "| Mã | Nhóm | Mức | Tên | Title |",
        "|---|---|---|---|---|",
    ]
    header += [f"| [{r.id}](#{r.id.lower()}-{r.name}) | {r.category} | {r.severity} | {r.title.vi} | {r.title.en} |"
               for r in rules]
    return "\n".join(header) + "\n\n" + "\n\n".join(rule_markdown(r) for r in rules) + "\n"


if __name__ == "__main__":
    from checker.catalogue.rules import all_rules

    print(rules_markdown(all_rules()), end="")
