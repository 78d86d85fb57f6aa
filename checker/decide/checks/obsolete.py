"""The obsolete-target kind: the report quotes a target, or cites a document, no longer in force for its period.

A 2026 report that still says "chỉ tiêu 60 % hồ sơ công việc cấp xã" quotes a 2025 goal that
QĐ 2629/QĐ-TTg replaced; one that cites QĐ 942/QĐ-TTg as its basis cites a repealed decision.
Both are probes here, each naming what replaced the old text where the target data says so
(``superseded_by`` of the target or its document) and the target in force for the period.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import Catalogue
from checker.catalogue.targets import SourceDocument, SourcedTarget, in_force_window
from checker.decide.checks.base import CheckKind, Context, Probe
from checker.decide.checks.target import ref_text
from checker.decide.checks.violations import former_commune, identity_of, move_to_year
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence, EvidenceItem

_NUMBER = re.compile(r"\d+(?:/\d{4})?(?:-[A-Za-zĐđ]+)?/[A-Za-zĐđ&]+(?:-[A-Za-zĐđ0-9&]+)*")


def document_key(text: str | None) -> str | None:
    """The number of a document as cited, for comparison: "Quyết định số 942/QĐ-TTg" → "942/qđ-ttg"."""
    if not text:
        return None
    found = _NUMBER.search(text)
    return found.group(0).lower() if found else None


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _replacements(retired: list[SourcedTarget]) -> str:
    refs = [s.target.superseded_by or s.document.superseded_by for s in retired]
    return "; ".join(dict.fromkeys(ref_text(ref) for ref in refs if ref is not None))


class ObsoleteTargetKind(CheckKind):
    """A quoted target or cited document whose force ended before the period end."""

    name = "obsolete_target"
    conditions = {"default": Condition("obsolete", "==", 1)}

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per quoted target matching only targets no longer in force, and per cited repealed document."""
        report, catalogue = ctx.report, ctx.catalogue
        end = report.period.end
        assert end is not None  # derived by Period
        unit = ctx.target_unit  # the same targets as the report's unit, worked out once per class
        for index, cited in enumerate(report.cited_targets):
            wanted = document_key(cited.document)

            def same(sourced: SourcedTarget, cited_threshold: float = cited.threshold,
                     cited_comparator: str = cited.comparator, wanted: str | None = wanted) -> bool:
                target = sourced.target
                return (abs(target.threshold - cited_threshold) < 1e-9
                        and target.comparator[0] == cited_comparator[0]
                        and (wanted is None or document_key(sourced.document.number) == wanted))

            choice = catalogue.choose(cited.indicator, report.period.year, ctx.level, unit, on=end)
            in_force = [choice.chosen, *choice.overridden] if choice is not None else []
            if any(same(s) for s in in_force):
                continue
            matched = [s for s in catalogue.retired(cited.indicator, ctx.level, unit, end) if same(s)]
            if not matched:
                continue
            pointer = f"/cited_targets/{index}"
            replaced = _replacements(matched)
            now = choice.chosen if choice is not None else None
            documents = ", ".join(dict.fromkeys(s.document.number for s in matched))
            last = max(in_force_window(s)[1] for s in matched)
            yield Probe(
                rule_id=rule.id, fact={"obsolete": 1}, indicator=cited.indicator,
                observed=f"{cited.comparator} {cited.threshold:g}", expected=(
                    f"{now.target.comparator} {now.target.threshold:g}" if now else None),
                pointer=pointer,
                evidence=Evidence(
                    items=[EvidenceItem(name="cited", value=cited.threshold, indicator=cited.indicator,
                                        pointer=pointer, line=cited.line, quote=cited.quote),
                           *[EvidenceItem(name="retired", value=s.target.threshold, quote=s.target.quote)
                             for s in matched]],
                    computation=f"{', '.join(s.target.id for s in matched)}: hết hiệu lực / in force until "
                                f"{last.isoformat()} < {end.isoformat()}"),
                params={**catalogue.labels(cited.indicator), "cited": cited.threshold,
                        "comparator": cited.comparator, "documents": documents, "until": _day(last),
                        "end": _day(end), "line": cited.line or "?",
                        **_replacement_params(replaced, now)},
            )

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Quote, in a report of a commune in force, a target whose force ended before the report's year."""
        pair = former_commune(catalogue.units)
        if pair is None:
            return None
        _old, new = pair
        year = max(int(report["period"]["year"]), (catalogue.units[new].valid_from or dt.date(2000, 1, 1)).year + 1)
        end = dt.date(year, 12, 31)
        for sourced in catalogue.targets:
            target = sourced.target
            until = in_force_window(sourced)[1]
            applies_to_xa = "xa" in target.levels or "all" in target.levels
            if until is None or until >= dt.date(year, 1, 1) or not applies_to_xa:
                continue
            if sourced not in catalogue.retired(target.indicator, "xa", new, end):
                continue  # another province's target (its layer) never applies to this commune
            choice = catalogue.choose(target.indicator, year, "xa", new, on=end)
            in_force = [choice.chosen, *choice.overridden] if choice is not None else []
            if any(abs(s.target.threshold - target.threshold) < 1e-9 for s in in_force):
                continue
            move_to_year(report, year)
            report["period"] = {"year": year, "kind": "year"}
            report["identity"] = identity_of(catalogue.units, new)
            report["cited_targets"] = [{"indicator": target.indicator, "comparator": target.comparator,
                                        "threshold": target.threshold, "line": 1 + k % 50}]
            return set()
        return None



class RepealedDocumentKind(CheckKind):
    """A cited document (number match) that the target data marks as replaced before the period end."""

    name = "repealed_document"
    conditions = {"default": Condition("repealed", "==", 1)}

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per cited document replaced before the period end."""
        report = ctx.report
        end = report.period.end
        assert end is not None  # derived by Period
        replaced = ctx.catalogue.remember(("replaced-documents",), lambda: _replaced_documents(ctx.catalogue))
        for index, document in enumerate(report.documents):
            old = replaced.get(document_key(document.number) or "")
            if old is None or old.superseded_by is None or old.in_force_until is None or old.in_force_until >= end:
                continue
            pointer = f"/documents/{index}"
            yield Probe(
                rule_id=rule.id, fact={"repealed": 1}, observed=document.number,
                expected=old.superseded_by.document, pointer=pointer,
                evidence=Evidence(items=[EvidenceItem(name="cited document", value=document.number,
                                                      pointer=pointer, line=document.line, quote=document.quote)],
                                  computation=f"{old.number}: hết hiệu lực / in force until "
                                              f"{old.in_force_until.isoformat()} < {end.isoformat()}"),
                params={"document": old.number, "until": _day(old.in_force_until), "end": _day(end),
                        "line": document.line or "?", "replaced": ref_text(old.superseded_by),
                        "since": _day(old.in_force_until + dt.timedelta(days=1))},
            )

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Cite, in a report after its end, a document that another replaced."""
        replaced = [d for d in _replaced_documents(catalogue).values() if d.in_force_until is not None]
        pair = former_commune(catalogue.units)
        if not replaced or pair is None:
            return None
        old = replaced[k % len(replaced)]
        assert old.in_force_until is not None
        year = max(old.in_force_until.year + 1, int(report["period"]["year"]))
        move_to_year(report, year)
        report["identity"] = identity_of(catalogue.units, pair[1])
        report.setdefault("documents", []).append({"kind": "QĐ", "number": old.number})
        return set()



def _replaced_documents(catalogue: Catalogue) -> dict[str, SourceDocument]:
    """The catalogue's documents replaced by another (``superseded_by`` and an end date), by number."""
    found: dict[str, SourceDocument] = {}
    for sourced in catalogue.targets:
        document = sourced.document
        key = document_key(document.number)
        if key and document.superseded_by is not None and document.in_force_until is not None:
            found.setdefault(key, document)
    return found


def _replacement_params(replaced: str, now: SourcedTarget | None) -> dict[str, str]:
    """Message parameters: what replaced the old target, and the target in force now."""
    target = now.target if now is not None else None
    return {
        "replaced": f"; thay bằng {replaced}" if replaced else "",
        "replaced_en": f"; replaced by {replaced}" if replaced else "",
        "now": (f"; chỉ tiêu áp dụng cho kỳ này: {target.comparator} {target.threshold:g} % ({now.document.number}, "
                f"{target.year})" if now is not None and target is not None else ""),
        "now_en": (f"; the target in force for this period: {target.comparator} {target.threshold:g} % "
                   f"({now.document.number}, {target.year})" if now is not None and target is not None else ""),
    }
