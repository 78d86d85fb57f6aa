"""``checker extract FILE``: a draft report JSON from a .txt, .docx or .pdf report.

The draft (valid for the report model, every value with its line and quoted text) goes to
standard output or ``-o OUT.json``.  Values the extractor was unsure of are left out of the
draft and listed as candidates: as a table on standard error, and with ``--candidates`` as
JSON in ``OUT.candidates.json`` next to ``-o`` (or on standard error without ``-o``).
With ``--form OUT.xlsx`` the draft is written as the commune Excel form instead (each value with
its source line and sentence, as a cell comment and in the line and quote columns) with a second
sheet "Số chưa đặt" of the unplaced numbers, where a reviewer assigns each to an indicator;
``check OUT.xlsx`` then checks the reviewed form.
Exit codes: 0 done; 2 the file cannot be used (missing, unsupported, unreadable, no text);
3 internal error (set ``CHECKER_DEBUG=1`` for the traceback).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from checker.cli.guard import EXIT_INPUT, EXIT_INTERNAL, guarded, internal_error
from checker.core.errors import InputError
from checker.core.printable import visible
from checker.core.safe_output import check_output, write_atomically


def candidates_path(output: Path) -> Path:
    """Where the candidates go next to ``output``: ``draft.json`` -> ``draft.candidates.json``."""
    return output.with_name(f"{output.stem}.candidates.json")


def _table(candidates: list[Any]) -> str:
    from tabulate import tabulate

    rows = []
    for candidate in candidates:
        value = "" if candidate.value is None else f"{candidate.value:g}"
        rows.append([candidate.line, candidate.code or "—", value, candidate.reason, candidate.quote[:70]])
    return tabulate(rows, headers=["dòng/line", "mã/code", "số/value", "lý do/reason", "trích/quote"])


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _write_form(path: Path, draft: dict[str, Any], candidates: list[Any], source: str) -> None:
    """The commune form pre-filled with the draft, and the sheet of unplaced numbers."""
    from checker.model.report import Report
    from checker.read.xlsx import write_form

    if path.suffix.lower() != ".xlsx":
        raise InputError(str(path), "", "--form cần một tệp .xlsx / --form needs an .xlsx file")
    report = Report.model_validate(draft)
    write_form(path, report, source, unplaced=candidates)
    numbers = sum(1 for candidate in candidates if candidate.value is not None and candidate.code != "period")
    click.echo(f"Đã ghi biểu mẫu để duyệt / review form written: {path} ({numbers} số chưa đặt / unplaced)",
               err=True)


@click.command(name="extract")
@click.argument("file", type=click.Path())
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Ghi bản nháp JSON ra tệp / write the draft JSON to a file.")
@click.option("--candidates", "with_candidates", is_flag=True,
              help="Ghi các số chưa chắc ra JSON (OUT.candidates.json cạnh -o, hoặc stderr) / "
                   "write the candidates as JSON (next to -o, else to stderr).")
@click.option("--form", "form", type=click.Path(dir_okay=False), default=None,
              help="Ghi biểu mẫu Excel điền sẵn để người duyệt sửa, kèm trang \"Số chưa đặt\" / write the "
                   "pre-filled Excel form for review, with the sheet of unplaced numbers.")
@guarded
def extract_command(file: str, output: str | None, with_candidates: bool, form: str | None) -> None:
    """Trích bản nháp báo cáo JSON từ .txt/.docx/.pdf / extract a draft report JSON.

    FILE: a commune report as .txt (UTF-8), .docx or .pdf with a text layer.
    """
    try:
        from checker.read.document import load_document

        plan = side = None
        if output:
            plan = check_output(output, [file])
            if with_candidates:
                side = check_output(str(candidates_path(Path(output))), [file])
        draft, candidates = load_document(Path(file))
        text = _dump(draft)
        if form:
            check_output(form, [file])  # never over an input
            _write_form(Path(form), draft, candidates, file)
        if plan is not None:
            write_atomically(plan, text + "\n")
        elif not form:
            click.echo(text)
        listed = [candidate.as_dict() for candidate in candidates]
        if side is not None:
            write_atomically(side, _dump(listed) + "\n")
        elif with_candidates:
            click.echo(_dump(listed), err=True)
        if candidates and not (with_candidates and not output):
            click.echo(f"{len(candidates)} số chưa đưa vào bản nháp / values left out as candidates:", err=True)
            click.echo(_table(candidates), err=True)
    except InputError as exc:
        click.echo(visible(exc.render()), err=True)
        sys.exit(EXIT_INPUT)
    except OSError as exc:
        click.echo(InputError(output or file, "", f"không ghi/đọc được tệp / cannot write or read: {exc}").render(),
                   err=True)
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("CHECKER_DEBUG"):
            raise
        click.echo(visible(internal_error(exc)), err=True)
        sys.exit(EXIT_INTERNAL)
