"""``checker summary PATHS...``: the district (city) summary, one ranked row per commune report.

Reports are read and checked exactly as ``check`` does (any input kind, extra targets,
waivers, engine: :func:`checker.run.batch.check_report`).  Nothing heavy is imported at
module level (pandas, openpyxl and the summary modules are imported inside the command).

Exit codes: 0 every report summarised; 2 usage error, or some input could not be read
(listed on stderr; the other reports are still summarised); 3 internal error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from checker.cli.guard import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, guarded
from checker.core.errors import InputError
from checker.core.printable import visible
from checker.core.safe_output import OutputPlan, atomic_path, check_output, write_atomically

if TYPE_CHECKING:
    from checker.catalogue.store import Catalogue
    from checker.decide.evaluate import Evaluation

FORMATS = ("table", "csv", "xlsx", "html")
NEEDS_OUTPUT = ("xlsx", "html")


def load_and_evaluate(paths: tuple[str, ...], target_files: tuple[str, ...] = (), waivers_file: str | None = None,
                      engine: str = "durable") -> tuple[list[Evaluation], list[InputError], Catalogue]:
    """Check every report under ``paths`` the way ``check`` does; unreadable ones are echoed and collected."""
    from checker.catalogue.store import current
    from checker.decide.waivers import load_waivers
    from checker.read.inputs import expand_inputs
    from checker.run.batch import CheckSettings, check_paths

    catalogue = current().with_extra_targets(Path(p) for p in target_files)
    waivers = tuple(load_waivers(Path(waivers_file))) if waivers_file else ()
    batch = check_paths(expand_inputs(paths), CheckSettings(catalogue, engine, waivers))  # type: ignore[arg-type]
    for error in batch.errors:
        click.echo(visible(error.render()), err=True)
    return [item.evaluation for item in batch.checked], batch.errors, catalogue


def _emit(data: str | bytes, output: OutputPlan | None) -> None:
    """Write ``data`` to ``output`` (bytes as is, text as UTF-8; complete or not at all) or to stdout."""
    if output is None:
        click.echo(data, nl=isinstance(data, str))
        return
    write_atomically(output, data)


def render_output(evaluations: list[Evaluation], failed: list[InputError], fmt: str,
                  output: str | OutputPlan | None, appendix: str = "") -> None:
    """Build the summary table and write it in ``fmt`` (to a checked output path, or stdout);
    ``appendix``: text after the table, e.g. the per-rule view.
    """
    from checker.render.summary import csv_bytes, summary_frame, terminal_table, write_xlsx

    if isinstance(output, str):
        output = check_output(output)
    frame = summary_frame(evaluations)
    if fmt == "table":
        from checker.render.terminal import terminal_width

        _emit(terminal_table(frame, terminal_width()) + appendix, output)
    elif fmt == "csv":
        _emit(csv_bytes(frame), output)
    elif fmt == "xlsx":
        assert output is not None
        with atomic_path(output) as temporary:
            write_xlsx(frame, temporary, evaluations)
    else:
        from checker.render.summary_html import render_summary_html

        _emit(render_summary_html(frame, evaluations, failed), output)
    if output is not None:
        click.echo(f"Đã ghi / written: {output.given} ({len(frame)} báo cáo / reports)", err=True)


def run_summary(paths: tuple[str, ...], fmt: str, output: str | None, target_files: tuple[str, ...] = (),
                waivers_file: str | None = None, engine: str = "durable") -> int:
    """Summarise the reports under ``paths``; return the exit code."""
    if fmt in NEEDS_OUTPUT and not output:
        raise click.UsageError(
            f"--format {fmt} cần -o/--output FILE / --format {fmt} needs -o/--output FILE",
            ctx=click.get_current_context(silent=True),
        )
    plan = None if output is None else check_output(output, [*paths, *target_files, *filter(None, [waivers_file])])
    evaluations, failed, catalogue = load_and_evaluate(paths, target_files, waivers_file, engine)
    if not evaluations:
        click.echo("Không có báo cáo nào đọc được / no readable report to summarise", err=True)
        return EXIT_INPUT
    appendix = ""
    if fmt == "table":
        from checker.render.rule_summary import rule_counts, rules_section
        from checker.render.terminal import terminal_width

        appendix = "\n\n" + rules_section(rule_counts(evaluations), catalogue, terminal_width())
    render_output(evaluations, failed, fmt, plan, appendix)
    if any(error.internal for error in failed):
        return EXIT_INTERNAL
    return EXIT_INPUT if failed else EXIT_OK


@click.command(name="summary")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Bảng, CSV (UTF-8 có BOM), XLSX hoặc một trang HTML / output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Ghi ra tệp (bắt buộc với xlsx, html) / write to a file (required for xlsx, html).")
@click.option("--targets", "target_files", multiple=True, type=click.Path(),
              help="Tệp chỉ tiêu bổ sung, lớp cụ thể nhất / extra target file (most specific layer).")
@click.option("--waivers", "waivers_file", type=click.Path(), default=None,
              help="Tệp miễn trừ YAML / waiver file (see docs/waivers.md).")
@click.option("--engine", type=click.Choice(("durable", "python")), default="durable", show_default=True,
              help="Bộ máy quyết định / decision engine (see docs/engine.md).")
def summary_command(paths: tuple[str, ...], fmt: str, output: str | None, target_files: tuple[str, ...],
                    waivers_file: str | None, engine: str) -> None:
    """Tổng hợp cấp huyện: mỗi xã một dòng, xếp hạng / district summary, one ranked row per commune.

    PATHS: report files (.json, .xlsx, .txt, .docx, .pdf) or directories of *.json reports.
    """
    sys.exit(guarded(run_summary)(paths, fmt, output, target_files, waivers_file, engine))
