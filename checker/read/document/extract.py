"""From numbered lines of a commune report to a draft report dict and candidates.

This module runs the steps and assembles the draft; each step lives in its own module:

* :mod:`~checker.read.document.layout` lays the lines out into *items* (a bullet, a numbered
  heading, a table row or a paragraph), joining the lines a PDF conversion broke, with
  every character's line kept so every value carries its provenance;
* :mod:`~checker.read.document.meta` and :mod:`~checker.read.document.identity` read the period, the
  title, the letterhead meta and the reporting unit;
* :mod:`~checker.read.document.documents` lists the cited documents and the periods named;
* :mod:`~checker.read.document.reader` reads each item's numbers (found by
  :mod:`~checker.read.document.numbers_in_text`, matched by :mod:`~checker.read.document.matching`
  against ``patterns.yaml``) and yes/no indicators;
* :mod:`~checker.read.document.date_phrases` gives each value its cut-off dates;
* :mod:`~checker.read.document.annex` reads the statistical annex.

A number that fits no indicator, fits several equally well, or whose form does not fit
(a fraction for a count, a decimal count, money without a unit) is left out of the draft
and returned as a :class:`Candidate` with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from checker.read.document.abbreviations import abbreviations, expander
from checker.read.document.annex import annex, annex_items
from checker.read.document.date_phrases import date_scopes, scope_dates
from checker.read.document.documents import documents, period_mentions
from checker.read.document.identity import UNKNOWN_PROVINCE, find_units, identity
from checker.read.document.implied import add_implied_flags
from checker.read.document.layout import GOALS_HEADING, Item, layout
from checker.read.document.meta import meta, period_and_title, title_items
from checker.read.document.numbers_in_text import Token, tokens
from checker.read.document.outlook import own_period
from checker.read.document.patterns import FlagPattern, IndicatorPattern, Patterns, patterns
from checker.read.document.personal import drop_personal_counts
from checker.read.document.reader import ItemReader, resolve_shares
from checker.read.document.readings import Candidate, Output, Statement
from checker.read.document.table_legend import legend
from checker.read.document.tables import TableState, end_table, is_table_row, placed, rewrite
from checker.read.document.text import Line
from checker.read.document.wording import fold

# The names this module has always offered stay importable from here.
__all__ = [
    "EXTRACTED_NOTE", "UNKNOWN_PROVINCE", "Candidate", "FlagPattern", "IndicatorPattern", "Item", "Patterns",
    "Statement", "Token", "annex", "documents", "extract_draft", "find_units", "fold", "identity", "layout", "meta",
    "patterns", "period_and_title", "period_mentions", "scope_dates", "title_items", "tokens",
]

EXTRACTED_NOTE = "trích tự động / extracted"


def _plain_number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _measure(statement: Statement, out: Output, scope: dict[str, dt.date]) -> dict[str, Any]:
    fields = {key: _plain_number(value) for key, value in statement.fields.items()}
    for key, value in scope.items():
        fields.setdefault(key, value.isoformat())
    fields["line"] = statement.line
    fields["quote"] = out.quote(statement.line)
    note = EXTRACTED_NOTE
    first, last = statement.lines
    if first != last:
        note += f"; dòng {first}–{last} / lines {first}–{last}"
    if statement.scope:  # "Lũy kế: 5.902/9.688 (60,92%)": not the period's own figure
        note += f"; phạm vi thời gian riêng / its own span of time: “{statement.scope}”"
    page = out.by_number.get(statement.line)
    if page is not None and page.page is not None:
        note += f"; trang {page.page} / page {page.page}"
    fields["note"] = note
    return fields


def _by_code(measures: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """An indicator stated once maps to its measure, one stated more often to the list."""
    return {code: values if len(values) > 1 else values[0] for code, values in measures.items()}


def extract_draft(lines: list[Line], source_file: str) -> tuple[dict[str, Any], list[Candidate]]:
    """Extract a draft report dict (valid for ``Report``) and the candidates left out."""
    items = layout(lines)
    candidates: list[Candidate] = []
    period, title = period_and_title(items, candidates)
    from pydantic import ValidationError

    from checker.core.errors import InputError, Problem, pydantic_problems
    from checker.model.report import Period

    try:
        period_model = Period.model_validate(period)
    except ValidationError as exc:  # a year outside 2000–2100 in the title, say "năm 1999"
        problems = [Problem(f"/period{problem.pointer}", f"kỳ báo cáo đọc từ văn bản không dùng được / the period "
                            f"read from the text is unusable: {problem.message}", problem.got)
                    for problem in pydantic_problems(exc, period)]
        raise InputError.from_problems(source_file, problems) from exc
    assert period_model.start is not None and period_model.end is not None
    ident = identity(items, lines, candidates)
    report_meta = meta(lines, items, title, source_file)
    commune = ident["commune"] if ident["commune"] != UNKNOWN_PROVINCE else None
    docs, spans = documents(items, report_meta.get("number"), commune)
    out = Output(lines)
    out.abbreviations = abbreviations([item.text for item in items])
    out.abbreviation_pattern = expander(out.abbreviations)
    out.horizon_year = _goal_year(items, period)
    out.period_end = period_model.end
    out.own_period = own_period(period_model.start, period_model.end)
    table = TableState(year=period_model.year, period=(period_model.start, period_model.end))
    for index, item in enumerate(items):
        row_of_table = is_table_row(item.text, table)
        if not row_of_table:
            end_table(table, out)
        if not row_of_table:
            table.legend.update(legend(item.text))  # "Ghi chú: cột "Tỷ lệ (%)" là tỷ lệ so với tổng số …"
        # a table after the signature ("PHỤ LỤC" … "Thực hiện năm 2024") is an appendix restating results
        if item.section not in ("body", "goals") and not row_of_table:
            continue
        if row_of_table:
            row = rewrite(item, table, out)
            if row is None:
                continue
            before = len(out.statements)
            ItemReader(row, index, out).run()
            placed(table, out.statements[before:])
            continue
        ItemReader(item, index, out).run()
    end_table(table, out)
    for row in annex_items(lines):  # a filled "Biểu mẫu" annex restates the figures
        ItemReader(row, len(items), out).run()
    resolve_shares(out)
    drop_personal_counts(out)  # "… chứng thư số cá nhân: 14" beside "Tổng số … 15, gồm 01 … của cơ quan"
    add_implied_flags(out)
    for doc in docs:
        doc["quote"] = out.quote(doc["line"])
    scopes = date_scopes(items, (period_model.start, period_model.end))
    indicators: dict[str, list[dict[str, Any]]] = {}
    goals: dict[str, list[dict[str, Any]]] = {}
    for statement in sorted(out.statements, key=lambda s: (s.line, s.start)):
        scope = {} if statement.goal else scopes.get((statement.item_index, statement.sentence), {})
        target = goals if statement.goal else indicators
        target.setdefault(statement.code, []).append(_measure(statement, out, scope))
    draft: dict[str, Any] = {
        "schema_version": "1",
        "identity": ident,
        "period": period,
        "meta": report_meta,
        "documents": docs,
        "period_mentions": period_mentions(items, spans, out),
        "indicators": _by_code(indicators),
    }
    if goals:
        draft["goals"] = {"year": _goal_year(items, period), "indicators": _by_code(goals)}
    annex_data = annex(lines)
    if annex_data:
        draft["annex"] = annex_data
    return draft, sorted(candidates + out.candidates, key=lambda c: c.line)


def _goal_year(items: list[Item], period: dict[str, Any]) -> int:
    for item in items:
        if item.section == "goals":
            for heading in item.headings[::-1]:
                if GOALS_HEADING.search(heading) and (match := re.search(r"(\d{4})", heading)):
                    return int(match.group(1))
            break
    return period["year"] + 1 if period["kind"] == "year" else period["year"]
