"""Line numbers of JSON pointers: the incremental line count agrees with counting from the start."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from checker.core.jsonpos import _Scanner, line_of, pointer_lines

keys = st.text(alphabet=st.sampled_from('ab~/"\\ xé\n'), max_size=4)
documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=25,
)


class _CountFromStart(_Scanner):
    def line(self) -> int:
        return self.text.count("\n", 0, self.pos) + 1


def _reference(text: str) -> dict[str, int]:
    scanner = _CountFromStart(text)
    scanner.value("")
    return scanner.lines


@given(documents, st.sampled_from([None, 2]))
def test_lines_match_counting_from_the_start(document, indent):
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    assert pointer_lines(text) == _reference(text)


def test_lines_of_a_report_and_nearest_parent():
    text = json.dumps({"identity": {"commune": "Đồng Tâm"}, "indicators": {"a.b": [{"value": 1}]}}, indent=2)
    lines = pointer_lines(text)
    assert lines["/identity/commune"] == 3
    assert line_of(lines, "/indicators/a.b/0/value") == 8
    assert line_of(lines, "/indicators/a.b/0/percent") == 7
    assert line_of(lines, "/nowhere") == 1


@given(documents, st.sampled_from([(",", ":"), (" ,\r\n", " :\n\t"), (",\n\n", ": ")]))
def test_lines_match_the_scanner_whatever_the_whitespace(document, separators):
    text = json.dumps(document, ensure_ascii=False, separators=separators)
    assert pointer_lines(text) == _reference(text)


def test_a_duplicate_key_and_its_keys_are_on_the_lines_of_its_last_occurrence():
    text = '{\n"a": {"x": 1},\n"a":\n {"x": 2, "y": [3,\n 4]}}'
    assert pointer_lines(text) == _reference(text) == {"": 1, "/a": 3, "/a/x": 4, "/a/y": 4, "/a/y/0": 4,
                                                       "/a/y/1": 5}
