"""What a clerk picks from a drop-down on the form, and how a pick is read back.

The form's key column and its machine markers are hidden from the clerk, so where a clerk has to
name an indicator (a spare row for another statement, a number assigned on the "Số chưa đặt"
sheet) the drop-down offers the indicator's Vietnamese name.  Names are unique in the catalogue;
a bare code (``infra.computers``) is accepted too.  The lists live on the very hidden sheet
:data:`LISTS_SHEET`, which the reader never reads (it is rebuilt from the catalogue each time).
"""

from __future__ import annotations

from checker.core.numbers import nfc

LISTS_SHEET = "checker-lists"
"""A very hidden sheet holding the drop-down lists (column A: every indicator name; one column
per family after it)."""

FIELD_CHOICES: dict[str, str] = {"value": "Giá trị", "numerator": "Tử số", "denominator": "Mẫu số",
                                 "percent": "Tỷ lệ (%)"}
"""The measure fields a number can be assigned to, by their Vietnamese column headings."""

FIELDS_BY_UNIT: dict[str, tuple[str, ...]] = {
    "percent": ("numerator", "denominator", "percent"),
    "flag": ("flag",),
    "level": ("level",),
}
"""The measure columns that apply to an indicator of each unit; any other unit takes ``value``."""

COMMON_FIELDS = ("index", "qualifier", "period_start", "as_of", "line", "quote", "note")
"""Columns every indicator row offers: statement index, qualifier, dates and provenance."""


def applicable(unit: str) -> tuple[str, ...]:
    """The indicator columns a clerk fills for an indicator of ``unit`` (the rest are greyed, locked)."""
    return FIELDS_BY_UNIT.get(unit, ("value",)) + COMMON_FIELDS


def indicator_names() -> dict[str, str]:
    """Indicator code → Vietnamese name, in catalogue order."""
    from checker.catalogue.store import indicators

    return {code: entry.vi for code, entry in indicators().items()}


def code_for(choice: str) -> str | None:
    """The indicator code a drop-down choice (a Vietnamese name, or a code) stands for, or None."""
    text = " ".join(nfc(choice).split())
    names = indicator_names()
    if text in names:
        return text
    folded = text.casefold()
    return next((code for code, name in names.items() if " ".join(name.split()).casefold() == folded), None)


def field_for(choice: str) -> str | None:
    """The measure field a choice (``Tỷ lệ (%)`` or ``percent``) names, or None."""
    text = nfc(choice).strip().casefold()
    return next((key for key, label in FIELD_CHOICES.items() if text in (key, label.casefold())), None)
