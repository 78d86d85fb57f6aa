"""The shortcuts of reading a report change nothing: the number hooks, a measure's skipped scan, quick stamps."""

from __future__ import annotations

import json
import math
import os
import tempfile
import unicodedata
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from checker.catalogue.store import current
from checker.model.report import NFC_DONE, Measure, _numbers_only, _parse_vietnamese_numbers
from checker.read.json_report import NUMBER_LIMIT, _Hooks, _Unusable
from checker.run import history, stamp_columns
from checker.run.batch import check_paths
from tests.conftest import report_dict


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


_WHO = {"commune": "Minh Đức", "district": "Tứ Kỳ", "province": "Hải Dương", "unit_code": "hai-duong/tu-ky/minh-duc"}
_OTHER = {"commune": "Đồng Tâm", "district": "Ninh Giang", "province": "Hải Dương"}
_IDENTITIES = st.sampled_from([_WHO, _OTHER, {"commune": 5, "province": "x"}, {"commune": "A" * 1500, "province": "B"},
                               {"commune": "Mi\u0302nh", "province": "Ha\u0309i"}, "identity", 10**40, [_WHO], {}])
_PERIODS = st.sampled_from([{"year": 2025, "kind": "half"}, {"year": 2024, "kind": "year", "label": "năm \"2024\""},
                            {"year": 1999, "kind": "year"}, {"year": 2025, "kind": "quarter"}, "period", 2025, 1e400,
                            {"year": 2025, "kind": "half", "end": "2025-06-30", "identity": _OTHER}])
_MEMBERS = st.one_of(
    st.tuples(st.just("identity"), _IDENTITIES), st.tuples(st.just("period"), _PERIODS),
    st.tuples(st.sampled_from(["meta", "note", "period_mentions", "goals"]), st.sampled_from([
        {"title": '"identity": {"commune": "X", "province": "Y"}, "period": {"year": 2020, "kind": "year"}'},
        {"identity": _OTHER, "period": {"year": 2021, "kind": "year"}}, [{"label": "period"}], "identity",
        {"quote": '\\"identity\\": \\u0022:'}, {"x": 1e16}, float("nan")])),
)
_SEPARATORS = st.sampled_from([":", " : ", "\n:\t", ":  "])


@st.composite
def _report_bytes(draw):
    """A report-like JSON file as bytes, hostile: keys twice or nested, escapes, cuts, a BOM, bad bytes, NFD."""
    members = draw(st.lists(_MEMBERS, max_size=6))
    if draw(st.booleans()):
        members = [("identity", _WHO), ("period", {"year": 2025, "kind": "half"}), *members]
    ascii_only = draw(st.booleans())
    separator = draw(_SEPARATORS)
    escaped = draw(st.sampled_from([None, "identity", "period"]))

    def key(name):
        return '"' + name.replace("y", "\\u0079").replace("d", "\\u0064") + '"' if name == escaped \
            else json.dumps(name)

    text = "{" + ", ".join(key(name) + separator + json.dumps(value, ensure_ascii=ascii_only)
                           for name, value in members) + "}"
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    if draw(st.booleans()):
        text = f"[{text}]"
    data = text.encode("utf-8")
    cut = draw(st.one_of(st.none(), st.integers(0, len(data))))
    if cut is not None:
        data = data[:cut] if draw(st.booleans()) else data[:cut] + b"\xff" + data[cut:]
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return data


def _stamps_of(data: bytes):
    handle, name = tempfile.mkstemp(suffix=".json")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        path = Path(name)
        return history.quick_stamp(path), history.stamp(path)
    finally:
        os.unlink(name)


@given(_report_bytes())
@settings(max_examples=400)
def test_a_quick_stamp_is_the_whole_file_stamp_whenever_that_exists(data):
    quick, whole = _stamps_of(data)
    if whole is not None:
        assert quick == whole
    # else a quick stamp may exist: the file is left out where a paired report reads it (next test)


def test_quick_stamps_in_named_cases():
    assert _stamps_of(json.dumps({"identity": _WHO, "period": {"year": 2025, "kind": "half"}}).encode())[0]
    assert _stamps_of(b'{"identity": {"commune": "A", "province": "B"}}') == (None, None)  # no period key
    assert _stamps_of(b'{"x": "identity", "period": {"year": 2025, "kind": "year"}}') == (None, None)  # not a key
    whole_report = {"identity": _WHO, "period": {"year": 2025, "kind": "half"}, "meta": {}}
    cut = json.dumps(whole_report, ensure_ascii=False).encode()[:-3]
    quick, whole = _stamps_of(cut)
    assert whole is None and quick is not None  # not JSON: only the quick stamp reads the beginning


def test_a_paired_file_without_a_whole_file_stamp_is_left_out_as_before(tmp_path):
    later = report_dict(identity=_WHO, period={"year": 2025, "kind": "year"},
                        indicators={"docs.outgoing": {"value": 5, "line": 3}})
    earlier = report_dict(identity=_WHO, period={"year": 2025, "kind": "half"},
                          indicators={"docs.outgoing": {"value": 2, "line": 3}})
    (tmp_path / "a-later.json").write_text(json.dumps(later, ensure_ascii=False), encoding="utf-8")
    broken = json.dumps(earlier, ensure_ascii=False).encode("utf-8")[:-2]  # identity and period first, then cut
    (tmp_path / "b-earlier.json").write_bytes(broken)
    paths = sorted(tmp_path.glob("*.json"))
    assert history.quick_stamp(paths[1]) is not None and history.stamp(paths[1]) is None
    assert stamp_columns.batch_pairs(paths, current().units, history.read_quick_stamps(paths))  # paired quickly...
    for jobs in (1, 2):
        batch = check_paths(paths, jobs=jobs)
        assert [c.path.name for c in batch.checked] == ["a-later.json"]  # ...and left out: not an error of it
        assert [Path(e.file).name for e in batch.errors] == ["b-earlier.json"]
        assert "JSON không hợp lệ" in str(batch.errors[0])
    twice = json.dumps(earlier, ensure_ascii=False).replace('"kind": "half"', '"kind": "half", "kind": "half"', 1)
    (tmp_path / "b-earlier.json").write_text(twice, encoding="utf-8")
    assert history.stamp(paths[1]) is not None  # a whole-file stamp, yet unreadable (duplicate key): as before,
    batch = check_paths(paths)  # the report paired with it cannot be checked either
    assert not batch.checked and [Path(e.file).name for e in batch.errors] == ["b-earlier.json"] * 2


class _Shrunk(type(Path())):  # type: ignore[misc]
    """A path whose stat says the file is smaller than it is: a file that grew after it was looked at."""

    def stat(self, *args, **kwargs):
        real = super().stat(*args, **kwargs)
        return os.stat_result((real.st_mode, *real[1:6], real.st_size // 3, *real[7:]))


def test_a_file_that_grew_after_its_size_was_read_is_read_whole_within_the_bound(tmp_path):
    from checker.core.bounded_read import read_bounded
    from checker.core.errors import InputError

    path = tmp_path / "grown.json"
    path.write_bytes(b"x" * 3000)
    assert read_bounded(_Shrunk(path)) == b"x" * 3000 and read_bounded(_Shrunk(path), 3000) == b"x" * 3000
    try:
        read_bounded(_Shrunk(path), 2999)
    except InputError as exc:
        assert "tệp quá lớn (hơn" in str(exc)
    else:
        raise AssertionError("a file grown beyond the bound was read")
