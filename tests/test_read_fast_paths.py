"""The shortcuts of reading a report change nothing: the number hooks and a measure's skipped scan."""

from __future__ import annotations

import json
import math
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from checker.model.report import NFC_DONE, Measure, _numbers_only, _parse_vietnamese_numbers
from checker.read.json_report import NUMBER_LIMIT, _Hooks, _Unusable


class _Text(str):
    """A str subclass: text for the scan, not a plain number."""


_NUMBERS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**16, 10**16), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["2.777", "98,34 %", "1,5", "", "abc", "12"]).flatmap(lambda t: st.sampled_from([t, _Text(t)])),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
)
_MEASURES = st.fixed_dictionaries({}, optional={
    "value": _NUMBERS, "numerator": _NUMBERS, "denominator": _NUMBERS, "percent": _NUMBERS,
    "parts": st.one_of(st.none(), st.dictionaries(st.sampled_from(["a", "b"]), _NUMBERS, max_size=2)),
    "flag": st.booleans(), "quote": st.text(max_size=5), "parsed_from": st.just({}),
})


@given(_MEASURES)
@settings(max_examples=400)
def test_a_measure_that_skips_the_scan_is_one_the_scan_returns_unchanged(data):
    if _numbers_only(data):
        assert _parse_vietnamese_numbers(data) is data


def _outcome(data):
    try:
        return Measure.model_validate(data, context=NFC_DONE).model_dump_json()
    except ValidationError as exc:
        # without each error's input: that is what the validator was given, the data as written or as scanned
        return repr([{key: value for key, value in error.items() if key != "input"} for error in exc.errors()])


@given(_MEASURES)
@settings(max_examples=300)
def test_a_measure_validates_as_its_scanned_input_does(data):
    try:
        scanned = _parse_vietnamese_numbers(data)
    except ValueError:
        return  # a bad number string: the validator takes the scan and raises the same error
    assert _outcome(data) == _outcome(scanned)


def _old_float(text: str):
    value = float(text)
    return value if math.isfinite(value) and abs(value) < NUMBER_LIMIT else None


def _old_int(text: str):
    if len(text) <= 17:
        value = int(text)
        if abs(value) < NUMBER_LIMIT:
            return value
    return None


_TOKENS = st.one_of(
    st.integers(-10**20, 10**20).map(str),
    st.floats(allow_nan=False, allow_infinity=True).map(lambda x: json.dumps(x) if math.isfinite(x) else "1e400"),
    st.sampled_from(["1e15", "-1e15", "999999999999999.9", "1000000000000000", "-999999999999999", "1e400",
                     "-1e400", "0.0", "-0", "1E14", "9.99999999999999e14"]),
)


@given(_TOKENS)
@settings(max_examples=500)
def test_the_number_hooks_keep_what_the_former_hooks_kept(token):
    hooks = _Hooks()
    value = json.loads(token, parse_float=hooks.float, parse_int=hooks.int)
    old = json.loads(token, parse_float=_old_float, parse_int=_old_int)
    if old is None:
        assert isinstance(value, _Unusable) and value.text == token and hooks.suspect
    else:
        assert value == old and type(value) is type(old) and not hooks.suspect


def test_a_decimal_or_bool_number_still_takes_the_scan():
    assert not _numbers_only({"value": Decimal("1.5")}) and not _numbers_only({"value": True})
    assert not _numbers_only({"value": _Text("2.777")}) and not _numbers_only({"parts": None})
    assert _numbers_only({"value": 5, "quote": "x"})
