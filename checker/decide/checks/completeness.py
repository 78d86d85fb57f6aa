"""Completeness kinds: the report's own particulars, required indicators, a blank annex."""

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import indicators as indicator_catalogue
from checker.catalogue.store import labels
from checker.decide.checks.base import CheckKind, Context, Detail, Probe, deferred_probe
from checker.decide.conditions import Condition
from checker.decide.findings import Evidence, EvidenceItem

META_LABELS = {
    "number": ("số hiệu báo cáo", "report number"),
    "date": ("ngày ban hành báo cáo", "report date"),
    "signer": ("người ký", "signer"),
    "title": ("tiêu đề", "title"),
}


class MetaPresentKind(CheckKind):
    """The report's own number, date and signer must be given."""

    name = "meta_present"
    conditions = {"default": Condition("present", "==", 0)}

    class Params(BaseModel):
        """fields: which of number, date, signer, title are required."""

        model_config = ConfigDict(extra="forbid")
        fields: list[str] = Field(min_length=1)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per required field."""
        for name in params.fields:
            value = getattr(ctx.report.meta, name)
            present = int(value is not None and (name != "signer" or bool(value.name)))
            observed = None if not present else str(value)
            probe = deferred_probe(rule.id, {"present": present}, None, observed, "có / present", f"/meta/{name}",
                                   partial(_meta_detail, name, observed))
            if not present:  # a missing particular: its finding reads nothing of the report but the field's name
                probe.shared = ("meta-missing", name)
            yield probe


def _meta_detail(name: str, observed: str | None) -> Detail:
    """Evidence and message parameters of a missing (or present) field of the report's own data."""
    vi, en = META_LABELS[name]
    return Detail(Evidence(items=[EvidenceItem(name=name, value=observed, pointer=f"/meta/{name}")]),
                  {"field": vi, "field_en": en})


def _alternatives(codes: list[str]) -> dict[str, str]:
    """The indicators that could stand in for a missing one, named by their labels ('' when none)."""
    if not codes:
        return {"alternatives": "", "alternatives_en": ""}
    vi = "; ".join(labels(code)["label"] for code in codes)
    en = "; ".join(labels(code)["label_en"] for code in codes)
    return {"alternatives": f", cũng không nêu chỉ tiêu nào thay thế được ({vi})",
            "alternatives_en": f", nor any indicator that could stand for it ({en})"}


class RequiredIndicatorsKind(CheckKind):
    """Each group of indicators must have at least one member reported."""

    name = "required_indicators"
    conditions = {"default": Condition("present", "==", 0)}

    class Params(BaseModel):
        """groups: lists of codes, any one of which satisfies the group."""

        model_config = ConfigDict(extra="forbid")
        groups: list[list[str]] = Field(min_length=1)

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe per group."""
        yield from self.compile(rule, params)(ctx)

    def compile(self, rule: RuleDef, params: Any) -> Callable[[Context], Iterable[Probe]]:
        """:meth:`probes` with each group's expected text, pointer and deferred detail (which reads only the
        group) built once: a report only says which groups it states.
        """
        rule_id = rule.id
        groups = [(group, group[0], " | ".join(group), f"/indicators/{group[0]}",
                   partial(_required_detail, tuple(group))) if group else (group, None, "", "", None)
                  for group in params.groups]

        def run(ctx: Context) -> Iterator[Probe]:
            known = indicator_catalogue()
            stated = ctx.report.indicators
            for group, first, expected, pointer, detail in groups:
                unknown = [code for code in group if code not in known]
                if unknown:
                    raise ValueError(f"{rule_id}: unknown indicator codes {unknown}")
                present = int(any(code in stated for code in group))
                if first is None or detail is None:
                    first = group[0]  # an empty group fails here (IndexError), where it always did
                    break
                probe = deferred_probe(rule_id, {"present": present}, first, None, expected, pointer, detail)
                if not present:  # none of the group stated: its finding reads nothing of the report but the group
                    probe.shared = ("required-missing", tuple(group))
                yield probe

        return run


def _required_detail(group: tuple[str, ...]) -> Detail:
    """Evidence and message parameters of a group of indicators none of which is reported."""
    return Detail(
        Evidence(computation="không có mã nào được báo cáo / none of: " + ", ".join(group)),
        {**labels(group[0]), "codes": ", ".join(group), **_alternatives(list(group[1:]))},
    )


class AnnexBlankKind(CheckKind):
    """A statistical annex attached but left blank."""

    name = "annex_blank"
    conditions = {"default": Condition("filled", "==", 0)}

    def probes(self, rule: RuleDef, params: Any, ctx: Context) -> Iterator[Probe]:
        """One probe when an annex with rows is attached."""
        annex = ctx.report.annex
        if annex is None or not annex.items:
            return
        yield Probe(
            rule_id=rule.id, fact={"filled": annex.filled}, observed=annex.filled,
            expected=f"{len(annex.items)} dòng có số liệu / rows filled", pointer="/annex/items",
            detail=partial(_annex_detail, annex.form, len(annex.items), annex.filled),
        )


def _annex_detail(form: Any, rows: int, filled: int) -> Detail:
    """Evidence and message parameters of an attached annex and how many of its rows are filled."""
    return Detail(Evidence(items=[EvidenceItem(name="rows", value=rows, pointer="/annex/items"),
                                  EvidenceItem(name="filled", value=filled)],
                           computation=f"{filled}/{rows}"),
                  {"form": form, "rows": rows})
