"""Date and period kinds: cited documents dated after the report, plans dated long before
the year they are for, period labels that do not match, figures with early cut-offs.
"""

import datetime as dt
from collections.abc import Iterator
from functools import partial
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import Catalogue, labels
from checker.decide.checks.base import CheckKind, Context, Detail, Probe, deferred_probe
from checker.decide.checks.violations import first_measure, stated_codes
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence, EvidenceItem
from checker.model.report import CitedDocument, Measure, Period, PeriodMention, Report


def reference_date(report: Report, grace_days: int) -> tuple[dt.date, str]:
    """The latest date the report can have been written: its own date, else period end + grace."""
    if report.meta.date is not None:
        return report.meta.date, "ngày báo cáo / report date"
    assert report.period.end is not None
    return (report.period.end + dt.timedelta(days=grace_days),
            f"cuối kỳ + {grace_days} ngày / period end + {grace_days} days")


class DocumentAfterReportKind(CheckKind):
    """A cited document cannot be dated after the report that cites it."""

    name = "document_after_report"
    conditions = {"default": Condition("days_after", ">", 0)}

    class Params(BaseModel):
        """grace_days: when the report is undated, how long after the period end it may be written."""

        model_config = ConfigDict(extra="forbid")
        grace_days: int = Field(default=45, ge=0)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per dated document."""
        ref, ref_text = reference_date(ctx.report, params.grace_days)
        expected = f"≤ {ref.isoformat()}"  # the report's, the same for each document
        for index, document in enumerate(ctx.report.documents):
            if document.date is None:
                continue
            days = (document.date - ref).days
            yield deferred_probe(rule.id, {"days_after": days}, None, document.date.isoformat(),
                                 expected, f"/documents/{index}/date",
                                 partial(_after_report_detail, ctx.report, index, ref, ref_text, days))

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Cite a plan dated long after the period (and after any report date)."""
        year = int(report["period"]["year"])
        report.setdefault("documents", []).append(
            {"kind": "KH", "number": f"{900 + k}/KH-UBND", "date": f"{year + 2}-12-{1 + k % 28:02d}"})
        return set()



def _after_report_detail(report: Report, index: int, ref: dt.date, ref_text: str, days: int) -> Detail:
    document = report.documents[index]
    assert document.date is not None and report.period.end is not None
    return Detail(
        Evidence(items=[EvidenceItem(name="document date", value=document.date.isoformat(),
                                     pointer=f"/documents/{index}/date", line=document.line, quote=document.quote),
                        EvidenceItem(name="reference date", value=ref.isoformat(), quote=ref_text)],
                 computation=f"{document.date.isoformat()} − {ref.isoformat()} = {days} ngày / days"),
        {"number": document.number or "?", "date": document.date.strftime("%d/%m/%Y"),
         "reference": ref.strftime("%d/%m/%Y"), "reference_text": ref_text,
         "period_end": report.period.end.strftime("%d/%m/%Y")},
    )


class PlanDatedEarlyKind(CheckKind):
    """A plan for year Y is normally issued late in Y−1 or during Y, not years before."""

    name = "plan_dated_early"
    conditions = {"default": Condition("years_early", ">", "$allowed")}

    class Params(BaseModel):
        """allowed: how many years before its year a plan may be dated."""

        model_config = ConfigDict(extra="forbid")
        allowed: int = Field(default=1, ge=0)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per dated document that names the year it is for."""
        for index, document in enumerate(ctx.report.documents):
            if document.date is None or document.for_year is None:
                continue
            early = document.for_year - document.date.year
            yield deferred_probe(rule.id, {"years_early": early, "allowed": params.allowed}, None,
                                 document.date.isoformat(), f"≥ {document.for_year - params.allowed}",
                                 f"/documents/{index}/date", partial(_dated_early_detail, document, index, early))

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Cite a plan for the report's year dated more than ``allowed`` years before it."""
        year = int(report["period"]["year"])
        report.setdefault("documents", []).append(
            {"kind": "KH", "number": f"{800 + k}/KH-UBND", "date": f"{year - params.allowed - 1 - k % 3}-06-01",
             "for_year": year})
        return set()



def _dated_early_detail(document: CitedDocument, index: int, early: int) -> Detail:
    """Evidence and message parameters of a plan dated too early, built when it is a finding."""
    date = document.date
    assert date is not None  # only dated documents are probed
    return Detail(
        Evidence(items=[EvidenceItem(name="document", value=document.number, pointer=f"/documents/{index}",
                                     line=document.line, quote=document.quote)],
                 computation=f"{document.for_year} − {date.year} = {early}"),
        {"number": document.number or "?", "date": date.strftime("%d/%m/%Y"), "for_year": str(document.for_year)},
    )


class PeriodMentionKind(CheckKind):
    """A period the text names ("5 tháng đầu năm") must match the report's period."""

    name = "period_mention"
    conditions = {"default": Condition("months_off", "!=", 0)}

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per mention that gives a number of months for the report's year."""
        period = ctx.report.period
        for index, mention in enumerate(ctx.report.period_mentions):
            if mention.months is None or (mention.year is not None and mention.year != period.year):
                continue
            yield deferred_probe(rule.id, {"months_off": mention.months - period.months}, None, mention.label,
                                 period.label or f"{period.months} tháng", f"/period_mentions/{index}",
                                 partial(_mention_detail, mention, index, period))

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Name a period of another length in the report's year."""
        months = {"year": 12, "half": 6, "nine_months": 9, "quarter": 3}[report["period"]["kind"]]
        other = months - 1 - k % (months - 1) if months > 1 else 2
        report.setdefault("period_mentions", []).append(
            {"label": f"{other} tháng đầu năm", "months": other, "year": report["period"]["year"]})
        return set()



def _mention_detail(mention: PeriodMention, index: int, period: Period) -> Detail:
    """Evidence and message parameters of a mention of another period, built when it is a finding."""
    return Detail(
        Evidence(items=[EvidenceItem(name="mention", value=mention.label, pointer=f"/period_mentions/{index}",
                                     line=mention.line, quote=mention.quote)],
                 computation=f"{mention.months} ≠ {period.months} tháng / months"),
        {"mention": mention.label, "months": period.months, "period": period.label or period.kind,
         "line": mention.line or "?"},
    )


class CutOffKind(CheckKind):
    """A figure whose cut-off date falls well before the period end (info)."""

    name = "cut_off"
    conditions = {"default": Condition("days_early", ">", "$allowed")}

    class Params(BaseModel):
        """allowed: days before the period end a cut-off may fall without note."""

        model_config = ConfigDict(extra="forbid")
        allowed: int = Field(default=0, ge=0)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per statement that gives an ``as_of`` date."""
        end = ctx.report.period.end
        assert end is not None
        expected = end.isoformat()  # the report's, the same for each statement
        for code, _unit, index, measure in ctx.statements:
            if measure.as_of is None:
                continue
            days = (end - measure.as_of).days
            yield deferred_probe(rule.id, {"days_early": days, "allowed": params.allowed}, code,
                                 measure.as_of.isoformat(), expected, f"/indicators/{code}/{index}/as_of",
                                 partial(_cut_off_detail, code, measure, end, days))

    def violate(self, params: Any, report: dict[str, Any], k: int, catalogue: Catalogue) -> set[str] | None:
        """Give the first statement a cut-off in the first month of the period."""
        codes = stated_codes(report)
        measure = first_measure(report, codes[0]) if codes else None
        if measure is None:
            return None
        period = report["period"]
        quarter = int(period.get("quarter") or 1)
        first_month = 3 * quarter - 2 if period["kind"] == "quarter" else 1
        measure["as_of"] = f"{period['year']}-{first_month:02d}-{1 + k % 28:02d}"
        return set()



def _cut_off_detail(code: str, measure: Measure, end: dt.date, days: int) -> Detail:
    assert measure.as_of is not None
    return Detail(
        Evidence(items=[EvidenceItem(name="as_of", value=measure.as_of.isoformat(), indicator=code,
                                     line=measure.line, quote=measure.quote)],
                 computation=f"{end.isoformat()} − {measure.as_of.isoformat()} = {days} ngày"),
        {**labels(code), "as_of": measure.as_of.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y"), "days": days},
    )
