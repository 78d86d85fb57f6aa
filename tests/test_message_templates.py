"""Message templates parsed once write what ``str.format_map`` writes: the same text, or the same error.

``checker.decide.messages.render_text`` fills a template it parsed once (``compiled``) by joining its
texts with the formatted parameters; ``render_reference`` is the ``format_map`` it replaced.  Both are
run on generated templates (plain fields, escaped and unbalanced braces, positional, attribute, index,
conversion and format-spec fields) and parameters (numbers of each kind, flags, None, lists, odd
strings, missing names), in both languages, and on every template of the bundled rules.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.catalogue.store import current
from checker.decide.messages import (
    SCORING_TEXTS,
    SUPERSEDES_TEXT,
    SUSPECT_TEXTS,
    TARGET_TEXTS,
    compiled,
    render,
    render_reference,
    render_text,
)

NAMES = ["label", "label_en", "observed", "x", "value", "y_2"]

FIELDS = st.one_of(
    st.sampled_from([f"{{{name}}}" for name in NAMES]),  # plain: the compiled path
    st.sampled_from(["{x.real}", "{x[0]}", "{x!r}", "{x:>6}", "{value:g}", "{0}", "{}", "{ x}", "{x-y}"]),
)
PIECES = st.one_of(FIELDS, st.text(alphabet="ab ,.%:{}\u00a0đạt\n", max_size=6),
                   st.sampled_from(["{{", "}}", "{", "}", "{{x}}"]))
TEMPLATES = st.lists(PIECES, max_size=8).map("".join)
PARAM_VALUES = st.one_of(
    st.integers(-10**18, 10**18), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.text(max_size=5), st.lists(st.integers(0, 3), max_size=2), st.decimals(allow_nan=False, places=3),
    st.sampled_from([0.0, -0.0, 1.0, 1, True, 2777, 98.34, 1e16, 0.005, Decimal("1.00"), "", "{x}"]),
)
PARAMS = st.dictionaries(st.sampled_from(NAMES), PARAM_VALUES, max_size=len(NAMES))


def _outcome(fill, template: str, params: dict, english: bool) -> tuple[str, object]:
    """What filling gives: ("text", the text) or ("error", the exception's type and message)."""
    try:
        return "text", fill(template, params, english)
    except Exception as exc:  # noqa: BLE001 - the same error is part of the behaviour compared
        return "error", (type(exc), str(exc))


@settings(max_examples=400, deadline=None)
@given(TEMPLATES, PARAMS, st.booleans())
def test_compiled_templates_write_what_format_map_writes(template: str, params: dict, english: bool) -> None:
    assert _outcome(render_text, template, params, english) == _outcome(render_reference, template, params, english)


def test_plain_templates_are_compiled_and_others_are_not() -> None:
    assert compiled("{label}: {observed} % — đạt {{chỉ tiêu}}.") == (
        "", (("label", ": "), ("observed", " % — đạt {chỉ tiêu}.")))
    assert compiled("không có trường") == ("không có trường", ())
    for template in ("{x:g}", "{x!r}", "{x.real}", "{x[0]}", "{0}", "{}", "{", "}"):
        assert compiled(template) is None, template


def _shipped_templates() -> list[str]:
    templates = [text for pair in (*TARGET_TEXTS.values(), *SCORING_TEXTS.values(), *SUSPECT_TEXTS.values())
                 for text in pair]
    templates += list(SUPERSEDES_TEXT)
    for rule in current().rules:
        templates += [rule.message.vi, rule.message.en]
    return templates


@pytest.mark.parametrize("english", [False, True])
def test_every_shipped_template_is_compiled_and_fills_the_same(english: bool) -> None:
    params = {"label": "Tỷ lệ hồ sơ", "label_en": "Share of files", "observed": 97.5, "threshold": 90,
              "count": 3, "flag": True, "year": 2025, "diff": -0.004, "value": 2777}
    templates = _shipped_templates()
    assert len(templates) > 100
    for template in templates:
        assert compiled(template) is not None, template  # every shipped template takes the compiled path
        assert render_text(template, params, english) == render_reference(template, params, english), template


def test_render_fills_both_languages() -> None:
    message = render("{label}: {observed} %", "{label_en}: {observed} %",
                     {"label": "Tỷ lệ", "label_en": "Share", "observed": 1234.5})
    assert (message.vi, message.en) == ("Tỷ lệ: 1.234,5 %", "Share: 1,234.5 %")
