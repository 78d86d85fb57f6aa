"""Rule documentation: the terminal list, one rule explained, docs/rules.md and one page per rule.

``python -m checker.render.rule_docs > docs/rules.md`` writes the catalogue;
``python -m checker.render.rule_docs --pages docs/rules`` writes ``docs/rules/<ID>.md`` (a test
keeps both in sync with ``rules/``).  :func:`rule_doc_uri` is the address SARIF's ``helpUri``, the
terminal and the HTML page link to.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tabulate import tabulate

from checker.catalogue.rules import LIFECYCLE_VI, RuleDef
from checker.decide.findings import CATEGORY_VI, SEVERITY_VI

if TYPE_CHECKING:
    from checker.catalogue.store import Catalogue

PAGES_DIR = Path(__file__).resolve().parents[2] / "docs" / "rules"
"""The per-rule pages in a checkout (``docs/rules/<ID>.md``)."""
SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
TARGET_KINDS = ("target", "goal_below_target")
"""Check kinds that judge against targets: their pages list the targets they read."""


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

    lines = [rule_markdown(rule)]
    uri = rule_doc_uri(rule.id)
    if uri:
        lines += ["", f"Trang tài liệu / documentation page: {uri}"]
    lines += ["", "Kết quả ví dụ / example results:"]
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
    header += [f"| [{r.id}](rules/{r.id}.md) | {r.category} | {r.severity} | {r.lifecycle.status} "
               f"| {r.title.vi} | {r.title.en} |" for r in rules]
    return "\n".join(header) + "\n\n" + "\n\n".join(rule_markdown(r) for r in rules) + "\n"


def rule_doc_uri(rule_id: str, base: str | None = None) -> str | None:
    """The address of a rule's page: ``base`` + ``<ID>.md`` when a base is given (e.g. the project's
    published docs/rules/), else the page in this checkout as a ``file:`` URI (None when absent).
    """
    if base:
        return base.rstrip("/") + f"/{rule_id}.md"
    page = PAGES_DIR / f"{rule_id}.md"
    return page.as_uri() if page.is_file() else None


def _targets_read(rule: RuleDef, catalogue: Catalogue) -> list[str]:
    """A table of every target (all layers, years and documents) on an indicator the rule reads."""
    if rule.kind not in TARGET_KINDS:
        return ["Luật này không so với chỉ tiêu nào / this rule reads no target."]
    rows = [s for s in catalogue.targets if s.target.indicator in rule.reads]
    if not rows:
        return ["Chưa có chỉ tiêu nào cho chỉ tiêu này trong `targets/` / no target in `targets/` yet."]
    lines = ["| Chỉ tiêu / target | Văn bản / document | Lớp / layer | Năm / year | Mức / threshold "
             "| Độ tin cậy / confidence | Tệp / file |", "|---|---|---|---|---|---|---|"]
    for sourced in sorted(rows, key=lambda s: (s.target.year, s.document.scope, s.target.id)):
        t, doc = sourced.target, sourced.document
        kind = "đến năm / by" if t.kind == "deadline" else "năm / in"
        status = "" if doc.status == "in_force" else f" ({doc.status})"
        lines.append(f"| `{t.id}` | {doc.number}{status} | {doc.scope} | {kind} {t.year} | {SYMBOLS[t.comparator]} "
                     f"{_number(t.threshold)} {'%' if t.unit == 'percent' else ''} | {t.confidence} "
                     f"| `{Path(sourced.path).name}` |")
    return lines


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def rule_page(rule: RuleDef, catalogue: Catalogue) -> str:
    """The page ``docs/rules/<ID>.md`` of one rule: what it checks, why, its lifecycle, targets, examples."""
    reads = [f"- `{code}` — {catalogue.label(code)} / {catalogue.label(code, 'en')}" for code in rule.reads]
    parts = [
        f"# {rule.id} — {rule.title.vi}",
        "",
        f"_{rule.title.en}_",
        "",
        "Trang này được sinh tự động (`python -m checker.render.rule_docs --pages docs/rules`) từ "
        f"`rules/{rule.category}/{rule.file}`. / Generated from the rule's YAML file.",
        "",
        "| | |",
        "|---|---|",
        f"| Nhóm / category | {CATEGORY_VI[rule.category]} (`{rule.category}`) |",
        f"| Mức / severity | {SEVERITY_VI[rule.severity]} (`{rule.severity}`) |",
        f"| Trạng thái / lifecycle | {lifecycle_text(rule)} |",
        f"| Kiểu kiểm tra / check kind | `{rule.kind}` |",
        f"| Căn cứ / references | {'; '.join(rule.references) or '—'} |",
        "",
        "## Lý do / Why",
        "",
        rule.rationale.vi,
        "",
        f"_{rule.rationale.en}_",
        "",
        "## Đọc các chỉ tiêu / Indicators read",
        "",
        *(reads or ["—"]),
        "",
        "## Chỉ tiêu được so sánh / Targets read",
        "",
        *_targets_read(rule, catalogue),
        "",
        "## Thông điệp / Message",
        "",
        f"- `{rule.message.vi}`",
        f"- `{rule.message.en}`",
        "",
        "## Ví dụ (chạy như kiểm thử) / Examples (run as tests)",
        "",
        *_example_lines(rule),
        "",
        "[← Danh mục luật / rule catalogue](../rules.md)",
    ]
    return "\n".join(parts) + "\n"


def rule_pages(catalogue: Catalogue) -> dict[str, str]:
    """Every rule's page by file name (``<ID>.md``)."""
    return {f"{rule.id}.md": rule_page(rule, catalogue) for rule in catalogue.rules}


def write_pages(folder: Path, catalogue: Catalogue) -> list[Path]:
    """Write every rule's page into ``folder`` and remove pages of rules that no longer exist."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = rule_pages(catalogue)
    for stale in folder.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    written = []
    for name, text in pages.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    from checker.catalogue.store import current

    if len(sys.argv) == 3 and sys.argv[1] == "--pages":
        print(f"{len(write_pages(Path(sys.argv[2]), current()))} trang / pages in {sys.argv[2]}")
    else:
        print(rules_markdown(current().rules), end="")
