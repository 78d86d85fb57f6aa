"""Hypothesis strategies: internally consistent reports, and ways to break one relation."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

from checker.catalogue.rules import RuleDef
from checker.catalogue.store import current
from checker.decide.checks import KINDS
from tests.conftest import report_dict

counts = st.integers(min_value=0, max_value=5000)
small = st.integers(min_value=0, max_value=60)
percents = st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2))

FREE_PERCENTS = [
    "workfiles.online_share", "docs.electronic_share", "reporting.via_system_share",
    "society.households_fibre_share", "society.adults_smartphone_share",
    "dossiers.results_digitised_share", "satisfaction.services_share",
]


def share(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 2)


@st.composite
def consistent_reports(draw) -> dict[str, Any]:
    """A report dict in which every relation the consistency rules check holds."""
    ind: dict[str, Any] = {}
    officials = draw(st.integers(min_value=1, max_value=60))
    accounts = draw(st.integers(min_value=0, max_value=officials))
    qualified = draw(st.integers(min_value=0, max_value=officials))
    post = draw(st.integers(min_value=0, max_value=qualified))
    uni = draw(st.integers(min_value=0, max_value=qualified - post))
    ind["staff.officials"] = {"value": officials}
    ind["email.accounts"] = {"value": accounts}
    ind["email.officials_with_account_share"] = {"percent": share(accounts, officials)}
    ind["hr.it_qualified"] = {"numerator": qualified, "denominator": officials,
                              "percent": share(qualified, officials)}
    ind["hr.postgraduate"] = {"value": post}
    ind["hr.university"] = {"value": uni}
    ind["hr.college"] = {"value": qualified - post - uni}
    ind["docs.system_users"] = {"value": draw(st.integers(min_value=0, max_value=officials))}
    regular = draw(st.integers(min_value=0, max_value=officials))
    ind["email.regular_use_share"] = {"numerator": regular, "denominator": officials,
                                      "percent": share(regular, officials)}

    online, in_person = draw(counts), draw(counts)
    received = online + in_person
    carried = draw(st.integers(min_value=0, max_value=received))
    ind["dossiers.received"] = {"value": received, "parts": {"Tư pháp": online, "Khác": in_person}}
    ind["dossiers.online"] = {"value": online}
    ind["dossiers.in_person"] = {"value": in_person}
    ind["dossiers.received_new"] = {"value": received - carried}
    ind["dossiers.carried_over"] = {"value": carried}
    if received:
        ind["dossiers.online_share"] = {"percent": share(online, received)}
    resolved = draw(st.integers(min_value=0, max_value=received))
    early = draw(st.integers(min_value=0, max_value=resolved))
    late = draw(st.integers(min_value=0, max_value=resolved - early))
    ind["dossiers.resolved"] = {"value": resolved}
    ind["dossiers.resolved_early"] = {"value": early}
    ind["dossiers.resolved_on_time"] = {"value": resolved - early - late}
    ind["dossiers.late"] = {"value": late}
    ind["dossiers.late_cause_stated"] = {"flag": late > 0}

    full, partial = draw(small), draw(small)
    level3 = partial
    integrated = draw(st.integers(min_value=0, max_value=full + partial))
    ind["dvc.procedures"] = {"value": full + partial}
    ind["dvc.full_online"] = {"value": full}
    ind["dvc.partial_online"] = {"value": partial}
    ind["dvc.level3"] = {"value": level3}
    ind["dvc.level4"] = {"value": full + partial - level3}
    ind["dvc.integrated_national_portal"] = {"value": integrated}
    ind["dvc.integrated_level4"] = {"value": draw(st.integers(min_value=0, max_value=integrated))}

    in_offices, one_stop = draw(st.integers(min_value=1, max_value=60)), draw(small)
    computers = in_offices + one_stop
    ind["infra.computers"] = {"value": computers}
    ind["infra.computers_officials"] = {"value": in_offices}
    ind["infra.computers_one_stop"] = {"value": one_stop}
    ind["infra.lan"] = {"flag": True}
    ind["infra.lan_computers"] = {"value": draw(st.integers(min_value=1, max_value=computers))}
    good, fair = draw(small), draw(small)
    ind["infra.cameras"] = {"value": good + fair}
    ind["infra.cameras_good"] = {"value": good}
    ind["infra.cameras_fair"] = {"value": fair}

    outgoing = draw(st.integers(min_value=1, max_value=5000))
    signed_out = draw(st.integers(min_value=0, max_value=outgoing))
    signed_in = draw(counts)
    ind["docs.outgoing"] = {"value": outgoing}
    ind["docs.signed_outgoing"] = {"value": signed_out}
    ind["docs.signed_incoming"] = {"value": signed_in}
    ind["docs.signed"] = {"value": signed_in + signed_out}
    ind["docs.outgoing_signed_share"] = {"percent": share(signed_out, outgoing)}
    issued = draw(small)
    ind["signatures.certificates"] = {"value": issued}
    ind["signatures.certificates_regular_use"] = {"value": draw(st.integers(min_value=0, max_value=issued))}
    ind["web.articles"] = {"value": draw(counts)}
    for code in draw(st.lists(st.sampled_from(FREE_PERCENTS), unique=True)):
        ind[code] = {"percent": draw(percents)}

    year = draw(st.integers(min_value=2022, max_value=2026))
    kind = draw(st.sampled_from(["year", "half", "nine_months"]))
    months = {"year": 12, "half": 6, "nine_months": 9}[kind]
    end_month = months
    documents = [
        {"kind": "KH", "number": f"{n}/KH-UBND", "date": f"{year}-{draw(st.integers(1, end_month)):02d}-"
         f"{draw(st.integers(1, 28)):02d}", "for_year": year}
        for n in range(draw(st.integers(min_value=0, max_value=3)))
    ]
    mentions = [{"label": f"{months} tháng", "months": months, "year": year}]
    keys = list(ind)
    order = draw(st.permutations(keys))
    return report_dict(period={"year": year, "kind": kind}, documents=documents,
                       period_mentions=mentions, indicators={k: ind[k] for k in order})


def param_codes(params: dict[str, Any], known: dict[str, Any]) -> set[str]:
    """The indicator codes a rule's params name (selectors ``code`` or ``code:field``, alone or in lists)."""
    found: set[str] = set()
    for value in params.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.partition(":")[0] in known:
                found.add(item.partition(":")[0])
    return found


def broken(report: dict[str, Any], rule_id: str, k: int, rules: list[RuleDef] | None = None) -> dict[str, Any] | None:
    """A copy of ``report`` with exactly the relation of ``rule_id`` broken, or None when it cannot be.

    How to break it comes from the rule's kind and params (``CheckKind.violate``); then every
    other rule that names a changed indicator loses the indicators only it reads, so that no
    other relation is broken along the way.
    """
    catalogue = current()
    rules = rules if rules is not None else list(catalogue.rules)
    by_id = {rule.id: rule for rule in rules}
    rule = by_id[rule_id]
    copy_ = copy.deepcopy(report)
    params = KINDS[rule.kind].validate_params(rule)
    edited = KINDS[rule.kind].violate(params, copy_, k, catalogue)
    if edited is None:
        return None
    own = param_codes(rule.params, catalogue.indicators) | edited
    for other in rules:
        if other.id == rule_id or other.category != "consistency":
            continue
        theirs = param_codes(other.params, catalogue.indicators)
        if theirs & edited:
            for code in theirs - own:
                copy_["indicators"].pop(code, None)
    return copy_
