r"""A finding's indented JSON text written from its fields: the bytes pydantic writes, without pydantic.

The JSON output indents by two spaces and a finding always sits at one indentation in it, so everything
but the values is known before any report is read: each key with its indentation, the separators, the
closing brackets.  :func:`compile_finding_writer` makes those pieces once for one indentation and returns
a function that only encodes the values of a finding and joins them with the pieces (one f-string per
object), strings by json's C encoder (``encode_basestring``: the escapes pydantic writes — ``\"``,
``\\``, ``\n``, ``\r``, ``\t``, ``\b``, ``\f``, other control characters as ``\u00xx``,
everything else as itself), numbers by ``int.__repr__`` / ``float.__repr__``.

It writes only what it can write exactly as pydantic does, and raises :class:`Unwritable` for anything
else, for the caller to let pydantic write that finding:

- a value of ``Any`` (``observed``, ``expected``, an evidence item's ``value``) must be a str, None, a
  bool, an int or a finite float of magnitude 0 or in [1e-4, 1e16) (below, pydantic writes ``1.5e-7``
  where Python writes ``1.5e-07``; NaN and infinities are ``null``);
- a ``float`` field must hold such a float (pydantic writes an int there as ``7.0``), an ``int`` field an
  int (not a bool), a ``str`` field a str (json's encoder refuses anything else: TypeError);
- an int of more digits than Python converts to text (``sys.get_int_max_str_digits``) is left to pydantic;
- a finding with a score or a waiver (rare: scoring points, waived findings) is left to pydantic whole.

A target is the same object in every finding of it: its text is written by pydantic once per object
(``target_text``, given by the caller, which keeps it).  Lone surrogates are not looked for (looking costs
as much as encoding the text again): the reader refuses them in a report (an input error naming the field),
so no finding of a checked report holds one; pydantic refused to encode a finding holding one, this writer
writes it as json does (the batch's UTF-8 encoding then fails).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

from checker.decide.findings import (
    Evidence,
    EvidenceItem,
    Finding,
    IntervalView,
    SlipView,
    SuspectFigure,
    Suspects,
    TargetRef,
)

STEP = "  "
"""One level of the output's indentation (``indent=2``)."""

_string: Callable[[str], str] = encode_basestring
"""A str's JSON (json's C encoder when built, as CPython is)."""

_isfinite = math.isfinite


class Unwritable(Exception):
    """A finding this writer cannot write byte for byte as pydantic does (see the module's text)."""


def _any(value: Any) -> str:
    """The JSON of a value of a field typed ``Any``, as pydantic infers it; Unwritable for other values."""
    kind = value.__class__
    if kind is str:
        return _string(value)
    if value is None:
        return "null"
    if kind is float:  # _float, without the call
        if _isfinite(value) and (value == 0.0 or 1e-4 <= abs(value) < 1e16):
            return float.__repr__(value)
        raise Unwritable
    if kind is int:
        return int.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    raise Unwritable


def _float(value: Any) -> str:
    """The JSON of a ``float`` field's value when Python's ``repr`` is what pydantic writes; else Unwritable."""
    if value.__class__ is float and _isfinite(value) and (value == 0.0 or 1e-4 <= abs(value) < 1e16):
        return float.__repr__(value)
    raise Unwritable


def _int(value: Any) -> str:
    """The JSON of an ``int`` field's value (an int, not a bool); else Unwritable."""
    if value.__class__ is int:
        return int.__repr__(value)
    raise Unwritable


def _keys(indent: str, names: tuple[str, ...]) -> list[str]:
    """The text before each value of an object whose keys sit at ``indent``: ``{`` and the first key, then
    ``,`` + newline + each next key.
    """
    return [f'{{\n{indent}"{names[0]}": ', *[f',\n{indent}"{name}": ' for name in names[1:]]]


def compile_finding_writer(indent: str, target_text: Callable[[TargetRef], str],
                           limit: int = 256) -> Callable[[Finding], str]:
    """A function writing a finding whose opening brace sits at ``indent`` (the line's spaces included),
    up to its last value (without the newline and closing brace), as pydantic's ``indent=2`` dump indented
    by ``indent`` writes it; Unwritable for a finding it cannot write exactly (the module's text).

    ``target_text``: a target's JSON text as a value of the finding's ``"target"`` key (``{`` … ``}``).
    The suspects of a report (:class:`~checker.decide.findings.Suspects`: one object for every failing
    relation of the report, ~4 findings) are written once per object: the function keeps the text of the
    last ``limit`` objects, each held (so its id is not reused), found by identity, never by content.  The
    start of a finding, up to ``"observed"``, is the rule's (its id, name, category, severity, the status and
    indicator): written once per such start, the same in every report.
    """
    k1, k2, k3, k4, k5, k6 = (indent + STEP * level for level in range(1, 7))
    s = _string
    any_ = _any
    float_ = _float
    int_ = _int

    (f_rule_id, f_rule_name, f_category, f_severity, f_status, f_indicator, f_observed, f_expected, f_evidence,
     f_target, f_score, f_message, f_pointer, f_waiver) = _keys(k1, (
        "rule_id", "rule_name", "category", "severity", "status", "indicator", "observed", "expected",
        "evidence", "target", "score", "message", "pointer", "waiver"))
    f_open = indent + f_rule_id
    m_vi, m_en = _keys(k2, ("vi", "en"))
    m_close = f"\n{k1}}}"
    e_items, e_computation, e_interval, e_suspects = _keys(k2, ("items", "computation", "interval", "suspects"))
    e_close = f"\n{k1}}}"
    items_open = f"[\n{k3}"
    items_join = f",\n{k3}"
    items_close = f"\n{k2}]"
    i_name, i_value, i_indicator, i_pointer, i_line, i_quote, i_parsed_from, i_report = _keys(k4, (
        "name", "value", "indicator", "pointer", "line", "quote", "parsed_from", "report"))
    i_close = f"\n{k3}}}"
    v_stated, v_text, v_distance = _keys(k3, ("stated", "text", "distance"))
    v_close = f"\n{k2}}}"
    u_sets, u_size, u_reasoning, u_slips = _keys(k3, ("sets", "size", "reasoning", "slips"))
    u_close = f"\n{k2}}}"
    r_vi, r_en = _keys(k4, ("vi", "en"))
    r_close = f"\n{k3}}}"
    sets_open = f"[\n{k4}"
    sets_join = f",\n{k4}"
    sets_close = f"\n{k3}]"
    set_open = f"[\n{k5}"
    set_join = f",\n{k5}"
    set_close = f"\n{k4}]"
    g_pointer, g_written, g_label, g_line = _keys(k6, ("pointer", "written", "label", "line"))
    g_close = f"\n{k5}}}"
    slips_open = f"[\n{k4}"
    slips_join = f",\n{k4}"
    slips_close = f"\n{k3}]"
    p_pointer, p_written, p_meant, p_kind = _keys(k5, ("pointer", "written", "meant", "kind"))
    p_close = f"\n{k4}}}"

    def item(x: EvidenceItem) -> str:
        return (f"{i_name}{s(x.name)}{i_value}{any_(x.value)}"
                f"{i_indicator}{'null' if (indicator := x.indicator) is None else s(indicator)}"
                f"{i_pointer}{'null' if (pointer := x.pointer) is None else s(pointer)}"
                f"{i_line}{'null' if (line := x.line) is None else int_(line)}"
                f"{i_quote}{'null' if (quote := x.quote) is None else s(quote)}"
                f"{i_parsed_from}{'null' if (parsed := x.parsed_from) is None else s(parsed)}"
                f"{i_report}{'null' if (report := x.report) is None else s(report)}{i_close}")

    def interval(x: IntervalView) -> str:
        return f"{v_stated}{s(x.stated)}{v_text}{s(x.text)}{v_distance}{float_(x.distance)}{v_close}"

    def figure(x: SuspectFigure) -> str:
        return (f"{g_pointer}{s(x.pointer)}{g_written}{s(x.written)}{g_label}{s(x.label)}"
                f"{g_line}{'null' if (line := x.line) is None else int_(line)}{g_close}")

    def figures(group: list[SuspectFigure]) -> str:
        return f"{set_open}{set_join.join([figure(x) for x in group])}{set_close}" if group else "[]"

    def slip(x: SlipView) -> str:
        return f"{p_pointer}{s(x.pointer)}{p_written}{s(x.written)}{p_meant}{s(x.meant)}{p_kind}{s(x.kind)}{p_close}"

    written: dict[int, tuple[Suspects, str]] = {}

    def suspects(x: Suspects) -> str:
        known = written.get(id(x))
        if known is not None and known[0] is x:
            return known[1]
        if len(written) >= limit:
            written.clear()
        text = suspects_of(x)
        written[id(x)] = (x, text)  # held, so its id is not reused while the entry lasts
        return text

    def suspects_of(x: Suspects) -> str:
        sets, slips, reasoning = x.sets, x.slips, x.reasoning
        return (f"{u_sets}{f'{sets_open}{sets_join.join([figures(g) for g in sets])}{sets_close}' if sets else '[]'}"
                f"{u_size}{'null' if (size := x.size) is None else int_(size)}"
                f"{u_reasoning}{r_vi}{s(reasoning.vi)}{r_en}{s(reasoning.en)}{r_close}"
                f"{u_slips}{f'{slips_open}{slips_join.join([slip(p) for p in slips])}{slips_close}' if slips else '[]'}"
                f"{u_close}")

    def evidence(x: Evidence) -> str:
        items = x.items
        return (f"{e_items}{f'{items_open}{items_join.join([item(i) for i in items])}{items_close}' if items else '[]'}"
                f"{e_computation}{'null' if (computation := x.computation) is None else s(computation)}"
                f"{e_interval}{'null' if (view := x.interval) is None else interval(view)}"
                f"{e_suspects}{'null' if (found := x.suspects) is None else suspects(found)}{e_close}")

    heads: dict[tuple[Any, ...], str] = {}

    def head(key: tuple[Any, ...]) -> str:
        rule_id, rule_name, category, severity, status, indicator = key
        if len(heads) >= limit:
            heads.clear()
        text = heads[key] = (
            f"{f_open}{s(rule_id)}{f_rule_name}{s(rule_name)}{f_category}{s(category)}"
            f"{f_severity}{s(severity)}{f_status}{'null' if status is None else s(status)}"
            f"{f_indicator}{'null' if indicator is None else s(indicator)}{f_observed}")
        return text

    def write(x: Finding) -> str:
        if x.score is not None or x.waiver is not None:
            raise Unwritable
        message = x.message
        key = (x.rule_id, x.rule_name, x.category, x.severity, x.status, x.indicator)
        return (f"{heads.get(key) or head(key)}{any_(x.observed)}{f_expected}{any_(x.expected)}"
                f"{f_evidence}{evidence(x.evidence)}"
                f"{f_target}{'null' if (target := x.target) is None else target_text(target)}{f_score}null"
                f"{f_message}{m_vi}{s(message.vi)}{m_en}{s(message.en)}{m_close}"
                f"{f_pointer}{'null' if (pointer := x.pointer) is None else s(pointer)}{f_waiver}null")

    def guarded(x: Finding) -> str:
        try:
            return write(x)
        except (TypeError, AttributeError, ValueError):  # a field of another type than declared (json's encoder
            # refused it), an int of more digits than Python converts (sys.get_int_max_str_digits)
            raise Unwritable from None

    return guarded
