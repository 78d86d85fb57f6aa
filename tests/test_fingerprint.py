"""A finding's fingerprint: the same for the same finding wherever its lines are, different otherwise."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from checker.decide.fingerprint import fingerprint, fingerprints, report_key

FINDING = {
    "rule_id": "CS030", "indicator": "email.officials_with_account_share", "observed": 100, "expected": 90.0,
    "pointer": "/indicators/email.officials_with_account_share/0/percent",
    "message": {"vi": "Tỷ lệ ghi 100 %", "en": "Stated 100 %"}, "target": None,
    "evidence": {"items": [
        {"name": "percent", "indicator": "email.officials_with_account_share", "value": 100, "line": 119},
        {"name": "numerator", "indicator": "email.accounts", "value": 18, "line": 116},
        {"name": "denominator", "indicator": "staff.officials", "value": 20, "line": 53},
    ]},
}
UNIT = report_key({"unit_code": "hai-duong/thanh-mien/chi-lang-nam", "period": {"year": 2023, "kind": "year"}})


def test_lines_pointers_messages_and_evidence_order_do_not_change_it():
    moved = copy.deepcopy(FINDING)
    moved["pointer"] = "/indicators/email.officials_with_account_share/percent"
    moved["message"] = {"vi": "Lời khác", "en": "Other words"}
    for item in moved["evidence"]["items"]:
        item["line"] += 40
    moved["evidence"]["items"].reverse()
    moved["expected"] = 90.0000000001
    assert fingerprint(UNIT, moved) == fingerprint(UNIT, FINDING)


@given(st.sampled_from(["rule_id", "indicator", "observed", "expected", "value", "unit", "year"]))
def test_what_the_finding_is_about_changes_it(what):
    other = copy.deepcopy(FINDING)
    unit = UNIT
    if what == "value":
        other["evidence"]["items"][1]["value"] = 19
    elif what == "unit":
        unit = report_key({"unit_code": "hai-duong/tu-ky/minh-duc", "period": {"year": 2023, "kind": "year"}})
    elif what == "year":
        unit = report_key({"unit_code": "hai-duong/thanh-mien/chi-lang-nam", "period": {"year": 2024, "kind": "year"}})
    else:
        other[what] = {"rule_id": "CS031", "indicator": "email.accounts", "observed": 99, "expected": 91}[what]
    assert fingerprint(unit, other) != fingerprint(UNIT, FINDING)


def test_two_identical_findings_of_one_report_stay_distinct():
    first, second = fingerprints(UNIT, [FINDING, copy.deepcopy(FINDING)])
    assert first.endswith(":1") and second.endswith(":2") and first[:-2] == second[:-2]


def test_a_unit_without_code_is_known_by_its_commune_name():
    assert report_key({"commune": "Chi Lăng Nam", "period": {"year": 2023, "kind": "year"}}).startswith("Chi Lăng Nam@")


def _reference(report: str, finding: dict) -> str:
    """The fingerprint as first defined: the hash of the compact JSON of the whole identity."""
    import hashlib
    import json

    from checker.decide.fingerprint import identity

    text = json.dumps(identity(report, finding), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


values = st.one_of(st.none(), st.booleans(), st.integers(-10**17, 10**17),
                   st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=6),
                   st.lists(st.integers(0, 3), max_size=2),
                   st.dictionaries(st.text(max_size=2), st.integers(), max_size=2))


@given(st.lists(st.tuples(st.sampled_from(["percent", "numerator", "", None]), st.sampled_from(["a.b", "", None]),
                          values), max_size=4),
       values, values, st.sampled_from([None, {}, {"id": "T1"}]), st.text(max_size=4))
def test_remembered_texts_give_the_fingerprint_as_defined(items, observed, expected, target, unit):
    finding = {"rule_id": "CS030", "indicator": "x", "observed": observed, "expected": expected, "target": target,
               "evidence": {"items": [{"name": n, "indicator": i, "value": v} for n, i, v in items]}}
    report = report_key({"commune": unit, "period": {"year": 2023, "kind": "year"}})
    want = _reference(report, finding)
    assert fingerprint(report, finding) == want
    assert fingerprint(report, copy.deepcopy(finding)) == want  # the second time from what was remembered
    assert fingerprints(report, [finding])[0] == f"{want}:1"


def test_one_and_one_point_zero_and_true_are_told_apart_as_json_tells_them():
    one, one_point_zero, true = (fingerprint(UNIT, {**FINDING, "observed": value}) for value in (1, 1.0, True))
    assert one == one_point_zero == _reference(UNIT, {**FINDING, "observed": 1})  # 1.0 is canonically 1
    assert true == _reference(UNIT, {**FINDING, "observed": True}) != one


json_values = st.one_of(st.none(), st.booleans(), st.integers(-10**17, 10**17),
                        st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=6))


@given(st.lists(st.tuples(st.one_of(st.sampled_from(["percent", "numerator", ""]), st.text(max_size=3)),
                          st.one_of(st.none(), st.sampled_from(["a.b", ""]), st.text(max_size=3)), json_values),
                max_size=4),
       json_values, json_values, st.one_of(st.none(), st.text(max_size=3)), st.one_of(st.none(), st.text(max_size=3)))
def test_the_identity_text_written_from_the_fields_is_the_encoded_identity(items, observed, expected, target,
                                                                           indicator):
    """``about_text_of`` writes the text itself: the same as encoding :func:`_about` of the finding's dict."""
    import json

    from checker.decide.fingerprint import _about, about_text_of

    finding = {"rule_id": "CS030", "indicator": indicator, "observed": observed, "expected": expected,
               "target": {"id": target}, "evidence": {"items": [{"name": n, "indicator": i, "value": v}
                                                                for n, i, v in items]}}
    want = json.dumps(_about(finding), ensure_ascii=False, separators=(",", ":"))
    assert about_text_of("CS030", indicator, observed, expected, target, items) == want


@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-2**60, 2**60).map(float),
                 st.sampled_from([0.0, -0.0, 2.0**53, 2.0**53 + 2, 1e22, -1e300, 96.28, 96.2800000001])))
def test_a_whole_float_is_canonically_the_integer_rounding_would_give(value):
    from checker.decide.fingerprint import _canonical

    rounded = round(value, 6)
    assert _canonical(value) == (int(rounded) if rounded.is_integer() else rounded)
    assert type(_canonical(value)) is (int if rounded.is_integer() else float)
