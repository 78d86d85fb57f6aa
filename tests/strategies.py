"""Hypothesis strategies: internally consistent reports, and ways to break one relation."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

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
    data = report_dict(period={"year": year, "kind": kind}, documents=documents,
                       period_mentions=mentions, indicators={k: ind[k] for k in order})
    if year >= 2025:  # Minh Đức was merged into xã Tứ Kỳ on 1/7/2025 (NQ 1669): a consistent report names it
        data["identity"] = {"commune": "Tứ Kỳ", "province": "Hải Phòng", "unit_code": "hai-phong/tu-ky"}
    return data


Breaker = Callable[[dict[str, Any], int], None]


def _ind(report: dict[str, Any]) -> dict[str, Any]:
    return report["indicators"]


def _bump(code: str, field: str = "value") -> Breaker:
    def breaker(report: dict[str, Any], k: int) -> None:
        _ind(report)[code][field] += k
    return breaker


def _drop_then(codes: list[str], then: Breaker) -> Breaker:
    def breaker(report: dict[str, Any], k: int) -> None:
        for code in codes:
            _ind(report).pop(code, None)
        then(report, k)
    return breaker


def _exceed(part: str, whole: str) -> Breaker:
    def breaker(report: dict[str, Any], k: int) -> None:
        _ind(report)[part]["value"] = _ind(report)[whole]["value"] + k
    return breaker


def _misstate(code: str) -> Breaker:
    def breaker(report: dict[str, Any], k: int) -> None:
        measure = _ind(report)[code]
        stated = measure["percent"]
        measure["percent"] = stated + 2 + k % 5 if stated <= 90 else stated - 2 - k % 5
    return breaker


def _restate(report: dict[str, Any], k: int) -> None:
    _ind(report)["workfiles.online_share"] = [{"percent": 50}, {"percent": 60 + k % 30}]


def _misstate_online_share(report: dict[str, Any], k: int) -> None:
    ind = _ind(report)
    if ind["dossiers.received"]["value"] == 0:
        for code in ("dossiers.received", "dossiers.in_person", "dossiers.received_new"):
            ind[code]["value"] += 1
    ind["dossiers.online_share"] = {
        "percent": share(ind["dossiers.online"]["value"], ind["dossiers.received"]["value"])}
    _misstate("dossiers.online_share")(report, k)


def _no_lan(report: dict[str, Any], k: int) -> None:
    _ind(report)["infra.lan"] = {"flag": False}


def _cause_without_late(report: dict[str, Any], k: int) -> None:
    ind = _ind(report)
    ind["dossiers.resolved_on_time"]["value"] += ind["dossiers.late"]["value"]
    ind["dossiers.late"]["value"] = 0
    ind["dossiers.late_cause_stated"] = {"flag": True}


def _set(code: str, measure: Callable[[int], dict[str, Any]]) -> Breaker:
    def breaker(report: dict[str, Any], k: int) -> None:
        _ind(report)[code] = measure(k)
    return breaker


def _late_document(report: dict[str, Any], k: int) -> None:
    year = report["period"]["year"]
    report["documents"].append({"kind": "KH", "number": "99/KH-UBND", "date": f"{year + 1}-12-30"})


def _early_plan(report: dict[str, Any], k: int) -> None:
    year = report["period"]["year"]
    report["documents"].append({"kind": "KH", "number": "98/KH-UBND", "date": f"{year - 2 - k % 3}-06-01",
                                "for_year": year})


def _wrong_mention(report: dict[str, Any], k: int) -> None:
    report["period_mentions"].append({"label": "5 tháng đầu năm", "months": 5,
                                      "year": report["period"]["year"]})


def _early_cut_off(report: dict[str, Any], k: int) -> None:
    year = report["period"]["year"]
    _ind(report)["web.articles"]["as_of"] = f"{year}-01-{1 + k % 28:02d}"


def _to_2026(report: dict[str, Any]) -> None:
    """Move a consistent report to 2026, with its dates, as a report of xã Tứ Kỳ (Hải Phòng)."""
    shift = 2026 - report["period"]["year"]
    report["period"]["year"] = 2026
    for document in report["documents"]:
        document["date"] = f"{int(document['date'][:4]) + shift}{document['date'][4:]}"
        if "for_year" in document:
            document["for_year"] = 2026
    for mention in report["period_mentions"]:
        mention["year"] = 2026
    report["identity"] = {"commune": "Tứ Kỳ", "province": "Hải Phòng", "unit_code": "hai-phong/tu-ky"}


def _former_unit(report: dict[str, Any], k: int) -> None:
    _to_2026(report)
    report["identity"] = {"commune": "Chi Lăng Nam", "district": "Thanh Miện", "province": "Hải Dương",
                          "unit_code": None if k % 2 else "hai-duong/thanh-mien/chi-lang-nam"}


def _obsolete_target(report: dict[str, Any], k: int) -> None:
    _to_2026(report)
    report["cited_targets"] = [{"indicator": "workfiles.online_share", "threshold": 60, "line": 1 + k % 50}]


def _repealed_document(report: dict[str, Any], k: int) -> None:
    _to_2026(report)
    report["documents"].append({"kind": "QĐ", "number": "942/QĐ-TTg", "date": "2021-06-15"})


BREAKERS: dict[str, Breaker] = {
    "CS001": _bump("dossiers.in_person"),
    "CS002": _bump("dossiers.carried_over"),
    "CS003": _bump("dossiers.resolved_early"),
    "CS004": _bump("dvc.partial_online"),
    "CS005": _bump("dvc.level3"),
    "CS006": _bump("infra.computers_one_stop"),
    "CS007": _bump("docs.signed_incoming"),
    "CS008": _bump("infra.cameras_fair"),
    "CS009": _bump("hr.university"),
    "CS020": _drop_then(["dossiers.in_person", "dossiers.online_share"],
                        _exceed("dossiers.online", "dossiers.received")),
    "CS021": _drop_then(["dossiers.received_new", "dossiers.resolved_early", "dossiers.resolved_on_time",
                         "dossiers.late"], _exceed("dossiers.resolved", "dossiers.received")),
    "CS022": _drop_then(["email.officials_with_account_share"], _exceed("email.accounts", "staff.officials")),
    "CS023": _drop_then(["docs.signed", "docs.outgoing_signed_share"],
                        _exceed("docs.signed_outgoing", "docs.outgoing")),
    "CS024": _exceed("docs.system_users", "staff.officials"),
    "CS025": _exceed("signatures.certificates_regular_use", "signatures.certificates"),
    "CS026": _drop_then(["dossiers.resolved_early", "dossiers.resolved_on_time"],
                        _exceed("dossiers.late", "dossiers.resolved")),
    "CS027": _exceed("dvc.integrated_level4", "dvc.integrated_national_portal"),
    "CS028": _exceed("infra.lan_computers", "infra.computers"),
    "CS030": _misstate("email.officials_with_account_share"),
    "CS031": _misstate_online_share,
    "CS032": _misstate("docs.outgoing_signed_share"),
    "CS033": _misstate("hr.it_qualified"),
    "CS034": lambda r, k: (_ind(r)["hr.it_qualified"].pop("percent"),
                           _bump("hr.it_qualified", "denominator")(r, k)),
    "CS010": lambda r, k: _ind(r)["dossiers.received"]["parts"].update({"Đất đai": k}),
    "CS036": lambda r, k: (_ind(r)["email.regular_use_share"].pop("percent"),
                           _bump("email.regular_use_share", "denominator")(r, k)),
    "CS035": _drop_then(["dvc.procedures", "dvc.level3"], _bump("dvc.level4")),
    "CS040": _restate,
    "CS041": _no_lan,
    "CS042": _cause_without_late,
    "CS050": _set("society.households_fibre_share", lambda k: {"percent": 100.5 + k}),
    "CS051": _set("web.articles", lambda k: {"value": -k}),
    "CS052": _set("web.articles", lambda k: {"value": k + 0.5}),
    "CS060": _late_document,
    "CS061": _early_plan,
    "CS062": _wrong_mention,
    "CS063": _early_cut_off,
    "CS064": _former_unit,
    "CS065": _obsolete_target,
    "CS066": _repealed_document,
}


def broken(report: dict[str, Any], rule_id: str, k: int) -> dict[str, Any]:
    """A copy of ``report`` with exactly the relation of ``rule_id`` broken."""
    copy_ = copy.deepcopy(report)
    BREAKERS[rule_id](copy_, k)
    return copy_
