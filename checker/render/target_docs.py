"""`checker targets`: the targets in force for a year and unit, and target-file validation."""

from __future__ import annotations

import json
from pathlib import Path

from tabulate import tabulate

from checker.catalogue.store import Catalogue
from checker.catalogue.targets import load_target_file
from checker.decide.checks.target import target_ref


def targets_listing(catalogue: Catalogue, year: int, unit: str | None, level: str, fmt: str) -> str:
    """The chosen target per indicator, with its source, as a table or JSON."""
    choices = catalogue.in_force(year, level, unit)
    if fmt == "json":
        return json.dumps(
            [{"indicator": c.chosen.target.indicator, **target_ref(c, catalogue).model_dump()} for c in choices],
            ensure_ascii=False, indent=2,
        )
    rows = []
    for choice in choices:
        ref = target_ref(choice, catalogue)
        rows.append([
            catalogue.label(choice.chosen.target.indicator),
            f"{ref.comparator} {ref.threshold:g} %",
            f"{ref.year} ({'bắt buộc' if ref.binding else 'lộ trình'})",
            f"{ref.document} {ref.document_date or ''}".strip() + (f", {ref.article}" if ref.article else ""),
            ref.layer,
            ref.confidence,
            len(ref.overrides),
        ])
    return tabulate(rows, headers=["Chỉ tiêu", "Ngưỡng", "Năm", "Văn bản", "Lớp", "Độ tin cậy", "Thay thế"],
                    tablefmt="simple")


def check_target_file(catalogue: Catalogue, path: Path) -> str:
    """Validate one target file against the catalogue; raise InputError on problems, else say what it holds."""
    loaded = load_target_file(path, catalogue.indicators)
    return (f"OK: {path} — {loaded.document.number} ({loaded.document.issuer}), "
            f"{len(loaded.targets)} chỉ tiêu / targets")
