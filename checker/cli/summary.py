"""``checker summary PATHS...``: the district summary, one ranked row per commune report.

Register with ``checker_main.add_command(summary_command)``.  Nothing heavy is imported
here at module level (pandas, openpyxl and the summary modules are imported inside the
command), and neither is ``checker.cli.main`` — so ``cli.py`` can import this module at its top
without an import cycle and ``check`` stays fast.

Exit codes: 0 every report summarised; 2 usage error, or some input could not be read
(listed on stderr; the other reports are still summarised); 3 internal error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from checker.core.errors import EXIT_INPUT, EXIT_OK, InputError

if TYPE_CHECKING:
    from checker.decide.evaluate import Evaluation

FORMATS = ("table", "csv", "xlsx", "html")
NEEDS_OUTPUT = ("xlsx", "html")


def load_and_evaluate(paths: tuple[str, ...]) -> tuple[list[Evaluation], list[InputError]]:
    """Evaluate every report under ``paths``; unreadable ones are echoed to stderr and collected."""
    from checker.cli.main import expand_inputs
    from checker.decide.evaluate import evaluate
    from checker.read.json_report import load_report

    evaluations: list[Evaluation] = []
    failed: list[InputError] = []
    for path in expand_inputs(paths):
        try:
            report = load_report(path)
        except InputError as exc:
            failed.append(exc)
            click.echo(exc.render(), err=True)
            continue
        evaluations.append(evaluate(report))
    return evaluations, failed


def _emit(data: str | bytes, output: str | None) -> None:
    """Write ``data`` to ``output`` (bytes as is, text as UTF-8) or to stdout."""
    if output is None:
        click.echo(data, nl=isinstance(data, str))
        return
    target = Path(output)
    if isinstance(data, bytes):
        target.write_bytes(data)
    else:
        target.write_text(data, encoding="utf-8")


def render_output(evaluations: list[Evaluation], failed: list[InputError], fmt: str, output: str | None) -> None:
    """Build the summary table and write it in ``fmt``."""
    from checker.render.summary import csv_bytes, summary_frame, terminal_table, write_xlsx

    frame = summary_frame(evaluations)
    if fmt == "table":
        _emit(terminal_table(frame), output)
    elif fmt == "csv":
        _emit(csv_bytes(frame), output)
    elif fmt == "xlsx":
        write_xlsx(frame, Path(output or ""))
    else:
        from checker.render.summary_html import render_summary_html

        first = evaluations[0].report
        _emit(render_summary_html(frame, first.period.year, first.identity.unit_code, failed), output)
    if output is not None:
        click.echo(f"Đã ghi / written: {output} ({len(frame)} báo cáo / reports)", err=True)


def run_summary(paths: tuple[str, ...], fmt: str, output: str | None) -> int:
    """Summarise the reports under ``paths``; return the exit code."""
    if fmt in NEEDS_OUTPUT and not output:
        raise click.UsageError(
            f"--format {fmt} cần -o/--output FILE / --format {fmt} needs -o/--output FILE",
            ctx=click.get_current_context(silent=True),
        )
    evaluations, failed = load_and_evaluate(paths)
    if not evaluations:
        click.echo("Không có báo cáo nào đọc được / no readable report to summarise", err=True)
        return EXIT_INPUT
    render_output(evaluations, failed, fmt, output)
    return EXIT_INPUT if failed else EXIT_OK


@click.command(name="summary")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Bảng, CSV (UTF-8 có BOM), XLSX hoặc một trang HTML / output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Ghi ra tệp (bắt buộc với xlsx, html) / write to a file (required for xlsx, html).")
def summary_command(paths: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Tổng hợp cấp huyện: mỗi xã một dòng, xếp hạng / district summary, one ranked row per commune.

    PATHS: report files or directories of *.json reports.
    """
    from checker.cli.main import _guarded

    sys.exit(_guarded(run_summary)(paths, fmt, output))
