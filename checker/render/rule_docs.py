"""Rule documentation: the terminal list, one rule explained, and docs/rules.md."""

from __future__ import annotations

import json
from collections.abc import Sequence

from tabulate import tabulate

from checker.catalogue.rules import LIFECYCLE_VI, RuleDef
from checker.decide.findings import CATEGORY_VI, SEVERITY_VI


def lifecycle_text(rule: RuleDef) -> str:
    """Where the rule stands, e.g. "ổn định / stable từ / since 0.1.0"."""
    life = rule.lifecycle
    text = f"{LIFECYCLE_VI[life.status]} / {life.status}, từ / since {life.since}"
    if life.until:
        text += f", đến / until {life.until}"
    if life.replaced_by:
        text += f", thay bằng / replaced by {life.replaced_by}"
    return text


def rules_table(rules: Sequence[RuleDef]) -> str:
    """One line per rule: id, category, severity, lifecycle status, title."""
    rows = [[r.id, CATEGORY_VI[r.category], SEVERITY_VI[r.severity], LIFECYCLE_VI[r.lifecycle.status],
             r.title.vi, r.title.en] for r in rules]
    return tabulate(rows, headers=["Mã", "Nhóm", "Mức", "Trạng thái", "Tên luật", "Title"], tablefmt="simple")


def _example_lines(rule: RuleDef) -> list[str]:
    lines = []
    for example in rule.examples:
        report = json.dumps(example.report, ensure_ascii=False, default=str)
        extra = ""
        if example.waivers:
            waivers = json.dumps(example.waivers, ensure_ascii=False, default=str)
            extra = f"\n\n  miễn trừ / waivers (ngày / today {example.today}):\n\n  ```json\n  {waivers}\n  ```"
        lines.append(f"- **{example.expect}** — {example.name}\n\n  ```json\n  {report}\n  ```{extra}")
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
        f"- Trạng thái / lifecycle: {lifecycle_text(rule)}",
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
        "| Mã | Nhóm | Mức | Trạng thái | Tên | Title |",
        "|---|---|---|---|---|---|",
    ]
    header += [f"| [{r.id}](#{r.id.lower()}-{r.name}) | {r.category} | {r.severity} | {r.lifecycle.status} "
               f"| {r.title.vi} | {r.title.en} |" for r in rules]
    return "\n".join(header) + "\n\n" + "\n\n".join(rule_markdown(r) for r in rules) + "\n"


if __name__ == "__main__":
    from checker.catalogue.store import current

    print(rules_markdown(current().rules), end="")
