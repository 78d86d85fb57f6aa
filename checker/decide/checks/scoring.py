"""The scoring kind: classification points a report figure earns under NĐ 307/2025/NĐ-CP (never a failure).

For a report whose period ends once the decree is in force (27/11/2025) and that states the
criterion's ratio, one probe: the points (criterion g against 70 % for xã, 80 % for phường;
criterion e against the province's average, from data) with the formula, as an info finding of
status ``scored`` — or ``not_scored`` when the province's average is not known. The unit type is
the hierarchy's (``identity.unit_code``, followed to the unit in force at the period end), else the
report's ``identity.unit_type``; a đặc khu scores as a xã unless listed as recognised urban (Điều 8
khoản 1). Scored findings never count for the grade, ``--fail-on`` or JUnit failures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from checker.catalogue.rules import RuleDef
from checker.catalogue.scoring import Band, Criterion, Scoring, load_scoring, points
from checker.catalogue.store import Catalogue
from checker.core.numbers import format_number
from checker.decide.checks.base import CheckKind, Context, Probe
from checker.decide.checks.former_unit import province_code
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence, EvidenceItem, ScoreView
from checker.decide.messages import scoring_text
from checker.model.report import Measure, Report


def scoring_of(catalogue: Catalogue) -> Scoring:
    """The scoring data beside the catalogue's targets (``targets/scoring/``), loaded once per catalogue."""
    return catalogue.remember(("scoring",), lambda: load_scoring(catalogue.dirs.targets))


def unit_of(report: Report, catalogue: Catalogue) -> tuple[str | None, str | None, str | None]:
    """(unit code in force at the period end or None, its type, its province code) for the report."""
    units, identity, end = catalogue.units, report.identity, report.period.end
    assert end is not None  # derived by Period
    code = identity.unit_code
    if code and code in units:
        current = units.successor_at(code, end)
        if current is not None:
            return current, units[current].type, units.province_of(current)
    province = province_code(units, identity.province)
    if province is not None:
        province = units.successor_at(province, end) or province
    return None, identity.unit_type, province


def scored_type(unit_type: str | None, code: str | None, scoring: Scoring) -> tuple[str, str] | None:
    """(bands used: "xa" | "phuong", how the finding names the type) — None for a type NĐ 307 does not score."""
    if unit_type in ("xa", "phuong"):
        return unit_type, unit_type
    if unit_type == "dac_khu":
        urban = code is not None and code in scoring.rules.urban_special_zones
        return ("phuong", "dac_khu_urban") if urban else ("xa", "dac_khu")
    return None


def ratio_of(measure: Measure) -> tuple[Decimal, str] | None:
    """The ratio (in %) a statement gives and which field it came from: the stated percent, else its counts."""
    if measure.percent is not None:
        return Decimal(str(measure.percent)), "percent"
    if measure.numerator is not None and measure.denominator:
        return Decimal(str(measure.numerator)) * 100 / Decimal(str(measure.denominator)), "numerator"
    return None


def _number(value: Decimal | float, english: bool) -> str:
    number = float(value)
    if english:
        return f"{number:.4f}".rstrip("0").rstrip(".")
    return format_number(round(number, 4), 4)


def formula(ratio: Decimal, reference: Decimal, band: Band, english: bool) -> tuple[str, Decimal]:
    """The computation as written in the finding ("3 + 0,5 × (99,1 − 70) / 5 = 5,91 → tối đa 5"), and the points."""
    earned, capped = points(ratio, reference, band)
    values = {"ratio": _number(ratio, english), "reference": _number(reference, english),
              "base": _number(Decimal(str(band.base_points)), english),
              "step": _number(Decimal(str(band.step)), english),
              "step_points": _number(Decimal(str(band.step_points)), english),
              "max_points": _number(Decimal(str(band.max_points)), english),
              "points": _number(earned, english)}
    if ratio <= reference:
        return scoring_text("below", english, **values), earned
    step, step_points = Decimal(str(band.step)), Decimal(str(band.step_points))
    raw = Decimal(str(band.base_points)) + step_points * (ratio - reference) / step
    text = scoring_text("above", english, **values, raw=_number(raw, english))
    if capped:
        text += scoring_text("capped", english, **values)
    elif raw.quantize(Decimal("0.0001")) != earned:
        text += scoring_text("rounded", english, **values)
    return text, earned


def period_texts(report: Report, data_article: str) -> tuple[str, str, str]:
    """(Vietnamese note, English note, the period as named) on which period's figures were used."""
    period = report.period
    assert period.end is not None
    year = str(period.year)
    named = dict(year=year, quarter=str(period.quarter or ""))
    vi = period.label or scoring_text(f"period_{period.kind}", False, **named)
    en = scoring_text(f"period_{period.kind}", True, **named)
    whole_year = period.kind == "year" and period.end == dt.date(period.year, 12, 31)
    params = {"period": vi, "period_en": en, "end": period.end.strftime("%d/%m/%Y"), "data_article": data_article,
              "next_year": str(period.year + 1), "data_year": year}
    key = "year" if whole_year else "part"
    return scoring_text(key, False, **params), scoring_text(key, True, **params), vi


class ScoringKind(CheckKind):
    """Classification points of one NĐ 307 criterion from the report's ratio (information, never a failure)."""

    name = "scoring"
    conditions = {"default": Condition("scored", "==", 1)}

    class Params(BaseModel):
        """criterion: the criterion's id in targets/scoring/nd-307-2025.yaml ("e", "g")."""

        model_config = ConfigDict(extra="forbid")
        criterion: str

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe when the report states the criterion's ratio and the decree applies to its period."""
        report, catalogue = ctx.report, ctx.catalogue
        end = report.period.end
        assert end is not None
        scoring = scoring_of(catalogue)
        document = scoring.rules.document
        criterion = scoring.rules.criterion(params.criterion)
        if criterion is None:
            raise KeyError(f"{rule.file or rule.id}: no criterion {params.criterion!r} in targets/scoring")
        statements = report.indicators.get(criterion.indicator)
        if end < document.in_force_from or not statements:
            return
        found = ratio_of(statements[0])
        code, unit_type, province = unit_of(report, catalogue)
        typed = scored_type(unit_type, code, scoring)
        if found is None or typed is None:
            return
        ratio, field = found
        bands, named = typed
        band = criterion.bands[bands]  # type: ignore[index]
        yield self._probe(rule, ctx, scoring, criterion, band, (ratio, field), (bands, named), province)

    def _probe(self, rule: RuleDef, ctx: Context, scoring: Scoring, criterion: Criterion, band: Band,
               found: tuple[Decimal, str], typed: tuple[str, str], province: str | None) -> Probe:
        report, catalogue = ctx.report, ctx.catalogue
        document = scoring.rules.document
        ratio, field = found
        bands, named = typed
        measure = report.indicators[criterion.indicator][0]
        pointer = f"/indicators/{criterion.indicator}/0/{field}"
        year = str(report.period.year)
        period = report.period
        note_vi, note_en, period_vi = catalogue.remember(
            ("scoring-period", period.kind, period.year, period.quarter, period.label, period.end),
            lambda: period_texts(report, document.data_as_of.article))
        observed = EvidenceItem(name="observed (tử số / mẫu số × 100)" if field == "numerator" else "observed",
                                value=round(float(ratio), 4), indicator=criterion.indicator,
                                pointer=pointer, line=measure.line, quote=measure.quote,
                                parsed_from=measure.parsed_from.get(field))
        reference, source = None, ""
        if criterion.reference == "threshold":
            reference = Decimal(str(band.threshold))
            source = f"{document.number}, {band.article}"
        else:
            average = scoring.averages.average(province, report.period.year) if province else None
            if average is not None:
                reference = Decimal(str(average.percent))
                source = f"{average.source} ({average.as_of.isoformat()}, {average.confidence})"
        province_name = catalogue.units[province].name if province and province in catalogue.units \
            else report.identity.province
        params: dict[str, Any] = {
            "criterion_title": criterion.title.vi, "criterion_title_en": criterion.title.en,
            "ratio": round(float(ratio), 2), "document": document.number, "article": band.article,
            "scored_as": scoring_text(named, False), "scored_as_en": scoring_text(named, True),
            "max_points": band.max_points, "period_note": note_vi, "period_note_en": note_en,
            "province": province_name, "data_year": year,
        }
        items = [observed]
        view: dict[str, Any] = {"document": document.number, "article": band.article, "quote": band.quote,
                "confidence": criterion.confidence, "criterion": criterion.id, "scored_as": bands,
                "ratio": round(float(ratio), 4), "max_points": band.max_points,
                "data_period": f"{period_vi} (đến / to {report.period.end})",
                "data_as_of": f"{document.data_as_of.article}: {document.data_as_of.quote}"}
        if reference is None:
            view.update(reference=None, reference_source="", points=None, formula=None)
            return Probe(rule_id=rule.id, fact=None, indicator=criterion.indicator, observed=None,
                         expected=f"tối đa / at most {band.max_points:g}", pointer=pointer,
                         evidence=Evidence(items=items, computation="không có tỷ lệ bình quân của tỉnh / "
                                                                    "no province average"),
                         params=params, status_if_silent="not_scored", message_if_silent="not_scored",
                         score=ScoreView(**view))
        items.append(EvidenceItem(name="reference", value=float(reference), quote=source))
        text_vi, earned = formula(ratio, reference, band, english=False)
        text_en, _ = formula(ratio, reference, band, english=True)
        view.update(reference=float(reference), reference_source=source, points=float(earned), formula=text_vi)
        params.update(points=float(earned), formula=text_vi, formula_en=text_en, reference=float(reference))
        return Probe(rule_id=rule.id, fact={"scored": 1}, indicator=criterion.indicator, observed=float(earned),
                     expected=f"tối đa / at most {band.max_points:g}", pointer=pointer,
                     evidence=Evidence(items=items, computation=f"{text_vi} / {text_en}"),
                     params=params, status_if_fired="scored", score=ScoreView(**view))
