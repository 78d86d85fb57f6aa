"""Per rule across a batch (R ``validate``'s ``summary()``): how many reports each rule fails, holds, cannot check.

The counts come from each evaluation's ``outcomes`` (docs/numbers.md §6) and merge by addition,
as the batch's ``Tally.rules`` does, so they can be kept while reports stream past.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping

from checker.catalogue.store import Catalogue
from checker.decide.evaluate import Evaluation, count_outcomes

OUTCOMES = ("fails", "holds", "not_checked")


def rule_counts(evaluations: Iterable[Evaluation]) -> dict[str, Counter[str]]:
    """Rule id -> Counter of outcomes over the evaluations."""
    counts: dict[str, Counter[str]] = {}
    for evaluation in evaluations:
        count_outcomes(counts, evaluation.outcomes)
    return counts


def rules_section(counts: Mapping[str, Counter[str]], catalogue: Catalogue, width: int = 100) -> str:
    """The per-rule section of ``checker summary``: rules that fail somewhere, most failing first, then the rest.

    One rule per entry — ``CS030  không đạt 1 · đạt 0 · chưa kiểm tra được 3`` and its title — wrapped to ``width``.
    """
    failing = sorted((rule_id for rule_id, c in counts.items() if c["fails"]),
                     key=lambda rule_id: (-counts[rule_id]["fails"], rule_id))
    lines = textwrap.wrap("Theo luật / per rule — số báo cáo không đạt / fails · đạt / holds · chưa kiểm tra được / "
                          "not checked:", width)
    for rule_id in failing:
        c = counts[rule_id]
        entry = (f"{rule_id}  không đạt {c['fails']} · đạt {c['holds']} · chưa kiểm tra được {c['not_checked']} — "
                 f"{_title(catalogue, rule_id)}")
        lines.extend(textwrap.wrap(entry, width, subsequent_indent="       "))
    if not failing:
        lines.append("Không luật nào không đạt / no rule fails.")
    always = sum(1 for c in counts.values() if not c["fails"] and c["holds"])
    never = sum(1 for c in counts.values() if not c["fails"] and not c["holds"])
    lines.extend(textwrap.wrap(
        f"{always} luật khác đạt ở mọi báo cáo kiểm tra được; {never} luật không kiểm tra được ở báo cáo nào "
        f"(thiếu số liệu). / {always} other rules hold wherever they could be checked; {never} rules could not "
        f"be checked on any report.", width))
    return "\n".join(lines)


def _title(catalogue: Catalogue, rule_id: str) -> str:
    try:
        return catalogue.rule(rule_id).title.vi
    except KeyError:
        return rule_id
