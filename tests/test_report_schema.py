"""The report schema for editors: every indicator described, Vietnamese numbers and dates allowed, fixtures valid."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.catalogue.store import indicators
from checker.core.numbers import parse_number_or_percent
from checker.model.schema import DATE_STRING, FAMILY_VI, NUMBER_STRING, report_schema
from tests.conftest import FIXTURES, report_dict

SCHEMA = report_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def errors(data):
    return [f"{e.json_path}: {e.message[:120]}" for e in VALIDATOR.iter_errors(data)]


def test_the_schema_is_a_valid_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("seed", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.stem)
def test_every_fixture_validates(seed):
    assert errors(json.loads(seed.read_text(encoding="utf-8"))) == []


def test_every_indicator_is_described_with_its_family_and_unit():
    props = SCHEMA["properties"]["indicators"]["properties"]
    assert set(props) == set(indicators())
    for code, info in indicators().items():
        assert props[code]["title"] == info.vi
        assert info.vi in props[code]["description"] and "đơn vị / unit" in props[code]["description"]
        assert info.family in FAMILY_VI, f"family {info.family} has no Vietnamese name"
        if info.basis:
            assert info.basis in props[code]["description"]
    goals = SCHEMA["$defs"]["Goals"]["properties"]["indicators"]["properties"]
    assert set(goals) == set(indicators())


def test_vietnamese_number_and_date_strings_validate_and_unknown_codes_do_not():
    data = report_dict(indicators={"dossiers.received": {"value": "3.146"},
                                   "email.officials_with_account_share": {"percent": "96,28 %",
                                                                          "as_of": "15/6/2023"}},
                       meta={"date": "ngày 08 tháng 3 năm 2023"})
    assert errors(data) == []
    assert errors(report_dict(indicators={"no.such_code": {"value": 1}}))
    assert errors(report_dict(indicators={"dossiers.received": {"value": "ba nghìn"}}))


def test_a_fixture_rewritten_with_vietnamese_strings_validates_and_checks():
    from checker.model.report import Report

    data = json.loads((FIXTURES / "chi-lang-nam-thanh-mien-2023.json").read_text(encoding="utf-8"))
    for statements in data["indicators"].values():
        for measure in statements if isinstance(statements, list) else [statements]:
            for key in ("value", "percent"):
                if isinstance(measure.get(key), int | float) and not isinstance(measure.get(key), bool):
                    number = measure[key]
                    text = f"{number:,.0f}".replace(",", ".") if float(number).is_integer() else \
                        f"{number}".replace(".", ",")
                    measure[key] = text + (" %" if key == "percent" else "")
    assert errors(data) == []
    Report.model_validate(data)  # the model accepts what the schema allows


@given(st.from_regex(NUMBER_STRING, fullmatch=True))
def test_every_string_the_schema_allows_is_a_number_the_model_reads(text):
    parse_number_or_percent(text)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99), st.booleans())
def test_numbers_written_the_vietnamese_way_match_the_pattern(whole, cents, percent):
    grouped = f"{whole:,}".replace(",", ".")
    for text in (grouped, f"{grouped},{cents:02d}", f"{whole}"):
        written = text + (" %" if percent else "")
        assert re.match(NUMBER_STRING, written), written
        parse_number_or_percent(written)


def test_date_pattern_accepts_what_the_model_reads():
    from checker.core.numbers import parse_date

    for text in ("31/12/2023", "ngày 31/12/2023", "ngày 08 tháng 3 năm 2023", "8 tháng 3 năm 2023"):
        assert re.match(DATE_STRING, text) and parse_date(text)
