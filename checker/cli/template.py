"""``checker template --format xlsx -o FILE [--from REPORT]``: the Excel fill-in form.

Nothing heavy is imported at module level (openpyxl and the form modules load inside the command).

Exit codes: 0 form written; 2 usage error or unreadable ``--from`` report; 3 internal error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.cli.guard import EXIT_OK, guarded
from checker.core.safe_output import atomic_path, check_output

FORMATS = ("xlsx",)


def run_template(fmt: str, source: str | None, output: str | None) -> int:
    """Write the form (blank, or filled from ``source``) to ``output``; return the exit code."""
    from checker.read.xlsx import write_form

    if not output:
        raise click.UsageError(f"--format {fmt} cần -o/--output FILE / --format {fmt} needs -o/--output FILE",
                               ctx=click.get_current_context(silent=True))
    plan = check_output(output, [source] if source else [])
    report = None
    unplaced = None
    if source is not None:
        path = Path(source)
        if path.suffix.lower() == ".xlsx":
            from checker.read.xlsx import load_xlsx_form

            report, _, unplaced = load_xlsx_form(path)  # numbers still unassigned stay on "Số chưa đặt"
        else:
            from checker.read.json_report import load_report

            report = load_report(path)
    with atomic_path(plan) as temporary:
        write_form(temporary, report, source or "report", unplaced=unplaced or None)
    kind = "điền sẵn từ / filled from " + source if source else "trống / blank"
    click.echo(f"Đã ghi biểu mẫu / form written: {output} ({kind})", err=True)
    return EXIT_OK


@click.command(name="template")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="xlsx", show_default=True,
              help="Định dạng biểu mẫu / form format.")
@click.option("--from", "source", type=click.Path(dir_okay=False), default=None,
              help="Điền sẵn từ một báo cáo JSON (hoặc biểu mẫu .xlsx) / fill in from a report.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Tệp ghi ra (bắt buộc) / file to write (required).")
def template_command(fmt: str, source: str | None, output: str | None) -> None:
    """Biểu mẫu Excel để xã điền / the Excel fill-in form for communes.

    One sheet with Vietnamese labels, units, indicator codes and input validation; a blank
    indicator row means "not reported".  `check FILE.xlsx` reads a filled form back.
    """
    sys.exit(guarded(run_template)(fmt, source, output))
