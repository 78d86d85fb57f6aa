"""The target kind: an indicator against the national or provincial target in force."""

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict

from checker.catalogue.rules import RuleDef, Severity
from checker.catalogue.store import Catalogue
from checker.catalogue.targets import CONFIDENCE_TEXT, TargetChoice
from checker.decide.checks.base import CheckKind, Context, Probe, resolve
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence, EvidenceItem, TargetRef

# Each comparator becomes the condition under which the target is NOT met.
VARIANTS = {">=": "ge", ">": "gt", "<=": "le", "<": "lt", "=": "eq"}


def target_ref(choice: TargetChoice, catalogue: Catalogue) -> TargetRef:
    """The finding's view of the chosen target, with its source and what it overrode (remembered)."""
    return catalogue.remember(("target-ref", choice.key), lambda: _target_ref(choice))


def _target_ref(choice: TargetChoice) -> TargetRef:
    sourced = choice.chosen
    target, document = sourced.target, sourced.document
    vi, en = CONFIDENCE_TEXT[target.confidence]
    return TargetRef(
        id=target.id,
        document=document.number,
        document_date=document.date.isoformat() if document.date else None,
        issuer=document.issuer,
        title=document.title,
        article=target.article,
        quote=target.quote,
        confidence=target.confidence,
        confidence_text=f"{vi} / {en}",
        layer=document.scope,
        year=target.year,
        kind=target.kind,
        binding=choice.binding,
        comparator=target.comparator,
        threshold=target.threshold,
        denominator=target.denominator,
        file=sourced.path.rsplit("targets/", 1)[-1],
        overrides=[f"{o.target.id} ({o.document.number}: {o.target.comparator} {o.target.threshold:g})"
                   for o in choice.overridden],
    )


def _target_view(indicator: str, choice: TargetChoice, rule_severity: Severity,
                 catalogue: Catalogue) -> tuple[TargetRef, Severity, dict[str, Any], EvidenceItem]:
    """What every report judged against ``choice`` shares: reference, severity, message params, threshold."""
    return catalogue.remember(("target-view", choice.key, indicator, rule_severity),
                              lambda: _build_target_view(indicator, choice, rule_severity, catalogue))


def _build_target_view(indicator: str, choice: TargetChoice, rule_severity: Severity,
                       catalogue: Catalogue) -> tuple[TargetRef, Severity, dict[str, Any], EvidenceItem]:
    target = choice.chosen.target
    ref = target_ref(choice, catalogue)
    verified = target.verified
    severity: Severity = rule_severity if (verified and choice.binding) else ("warning" if verified else "info")
    common = {
        **catalogue.labels(indicator),
        "comparator": target.comparator,
        "threshold": target.threshold,
        "document": ref.document,
        "year": str(target.year),
        "deadline_note": "" if choice.binding else f" (mốc {target.year}, chưa đến hạn)",
        "deadline_note_en": "" if choice.binding else f" (deadline {target.year}, not yet due)",
        "unverified_note": "" if verified else " — chỉ tiêu chưa kiểm chứng",
        "unverified_note_en": "" if verified else " — unverified target",
    }
    threshold = EvidenceItem(name="threshold", value=target.threshold, quote=target.quote)
    return ref, severity, common, threshold


class TargetKind(CheckKind):
    """Observed value against the target chosen by ``checker.catalogue.targets.choose``."""

    name = "target"
    conditions = {
        "ge": Condition("observed", "<", "$threshold"),
        "gt": Condition("observed", "<=", "$threshold"),
        "le": Condition("observed", ">", "$threshold"),
        "lt": Condition("observed", ">=", "$threshold"),
        "eq": Condition("observed", "!=", "$threshold"),
    }

    class Params(BaseModel):
        """indicator: the catalogue code the target is set on."""

        model_config = ConfigDict(extra="forbid")
        indicator: str

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe: met / not met by the engine, or no data when not reported."""
        report = ctx.report
        choice = ctx.catalogue.choose(params.indicator, report.period.year, ctx.level,
                                      report.identity.unit_code, on=report.period.end)
        if choice is None:
            return
        target = choice.chosen.target
        ref, severity, common, threshold_item = _target_view(params.indicator, choice, rule.severity, ctx.catalogue)
        value = resolve(report, params.indicator)
        impossible_share = value is not None and target.unit == "percent" and not 0 <= value.number <= 100
        if value is None or impossible_share or (target.unit == "count" and report.period.kind != "year"):
            if value is None:
                reason = "not reported"
            elif impossible_share:  # a share over 100 % (CS050 reports it) never counts as met
                reason = (f"tỷ lệ {value.number:g} % nằm ngoài 0–100 %, không tính là đạt (xem CS050) / "
                          "share outside 0–100 %: never counted as met")
            else:
                reason = "annual count, period shorter than a year"
            yield Probe(
                rule_id=rule.id, fact=None, indicator=params.indicator,
                expected=f"{target.comparator} {target.threshold:g}",
                pointer=f"/indicators/{params.indicator}",
                evidence=Evidence(computation=reason), params=common, severity="info",
                status_if_silent="no_data", message_if_silent="no_data", target=ref,
            )
            return
        observed = value.number
        items = [value.evidence("observed"), threshold_item]
        basis = ctx.catalogue.indicators[params.indicator].basis
        computation = f"{observed:g} {target.comparator} {target.threshold:g}?"
        if target.denominator and basis:
            computation += f" (mẫu số chỉ tiêu / target base: {target.denominator}; báo cáo / report: {basis})"
        if value.measure.qualifier != "exact":
            computation += f" (báo cáo ghi '{value.measure.qualifier}')"
        yield Probe(
            rule_id=rule.id,
            fact={"observed": observed, "threshold": target.threshold},
            variant=VARIANTS[target.comparator],
            indicator=params.indicator,
            observed=observed,
            expected=f"{target.comparator} {target.threshold:g}",
            pointer=value.pointer,
            evidence=Evidence(items=items, computation=computation),
            params={**common, "observed": observed},
            severity=severity,
            status_if_fired="not_met",
            status_if_silent="met",
            message_if_silent="met",
            target=ref,
        )
