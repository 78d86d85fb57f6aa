"""``check FILE...`` (and ``checker check``): check reports of any input kind, write findings in a format.

Several reports (or the table) are written as they are checked, each rendered where it was
checked, so nothing of the batch is kept; one report in a machine format is written whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from checker.cli.guard import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, guarded
from checker.cli.version import version_option
from checker.core.safe_output import OutputPlan, atomic_writer, check_output
from checker.read.inputs import expand_inputs

FAIL_LEVELS = ("error", "warning", "info", "never")
FORMATS = ("table", "json", "sarif", "junit", "markdown")
ENGINES = ("durable", "python")
PROGRESS_MIN = 5
PARALLEL_MIN = 50
UNUSED_RULE_ID = "WV002"


def run_check(paths: tuple[str, ...], fmt: str, fail_on: str, target_files: tuple[str, ...],
              output: str | None, waivers_file: str | None = None, today: dt.date | None = None,
              jobs: int = 1, engine: str = "durable") -> int:
    """Check every report; print results; return the exit code.

    Several reports (or the table) are written as they are checked, each rendered where it
    was checked, so nothing of the batch is kept; one report in a machine format is written
    whole (its JSON has a shape of its own).
    """
    from checker.catalogue.store import current
    from checker.decide.waivers import load_waivers, unused_message
    from checker.render.writers import render_whole, writer_for
    from checker.run.batch import CheckSettings, run_batch

    plan = None if output is None else check_output(output, [*paths, *target_files, *filter(None, [waivers_file])])
    catalogue = current().with_extra_targets(Path(p) for p in target_files)
    waivers = load_waivers(Path(waivers_file)) if waivers_file else None
    files = expand_inputs(paths)
    streamed = fmt == "table" or len(files) > 1
    writer = writer_for(fmt, fail_on, waivers is not None, catalogue) if streamed else None
    settings = CheckSettings(catalogue, engine, tuple(waivers or ()), today)  # type: ignore[arg-type]
    show_progress = len(files) > PROGRESS_MIN and sys.stderr.isatty()
    with _sink(plan) as write, click.progressbar(
        length=len(files), file=sys.stderr, label="Đang kiểm tra / checking", hidden=not show_progress
    ) as bar:
        if writer is not None:
            batch = _stream(files, settings, writer, bar, _jobs(jobs, len(files)), write)
            if fmt != "table":
                write("\n")
        else:
            batch = run_batch(files, settings, bar, _jobs(jobs, len(files)))
            write(render_whole(fmt, batch, fail_on, waivers is not None, catalogue) + "\n")
    for error in batch.errors:
        click.echo(error.render(), err=True)
    for index, waiver in batch.unused_waivers:
        click.echo(f"{UNUSED_RULE_ID}: {unused_message(index, waiver, catalogue).vi}", err=True)
    if any(error.internal for error in batch.errors):
        return EXIT_INTERNAL
    if batch.errors:
        return EXIT_INPUT
    return EXIT_FINDINGS if batch.failing(fail_on) else EXIT_OK


@contextlib.contextmanager
def _sink(plan: OutputPlan | None) -> Iterator[Callable[[str], None]]:
    """A writer to the output file (UTF-8, renamed into place when complete) or to standard output."""
    if plan is None:
        yield lambda text: click.echo(text, nl=False)
        return
    with atomic_writer(plan) as write:
        yield write


def _stream(files: list[Path], settings: Any, writer: Any, progress: Any, jobs: int,
            write: Callable[[str], None]) -> Any:
    """Write each report's text as soon as it is checked (rendered where it was checked); return the totals."""
    from checker.render.stream import BatchEnd
    from checker.run.batch import run_batch

    written = [False]

    def on_outcome(outcome: Any) -> None:
        if outcome.fragment:
            write((writer.separator if written[0] else writer.head()) + outcome.fragment)
            written[0] = True

    batch = run_batch(files, settings, progress, jobs, on_outcome, render=writer.fragment)
    end = BatchEnd(batch.errors, batch.unused_waivers, batch.tally, len(batch.tally.grades))
    write(writer.tail(end) if written[0] else writer.whole_without_reports(end))
    return batch


def _jobs(requested: int, count: int) -> int:
    """Worker processes: 0 means one per core for batches large enough to be worth it."""
    if requested > 0:
        return requested
    return min(os.cpu_count() or 1, 8) if count >= PARALLEL_MIN else 1


_check_options = [
    click.argument("files", nargs=-1, required=True, type=click.Path()),
    click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                 show_default=True, help="Định dạng kết quả / output format."),
    click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="error", show_default=True,
                 help="Mức phát hiện làm lệnh thất bại (exit 1) / severity that fails the run."),
    click.option("--targets", "target_files", multiple=True, type=click.Path(),
                 help="Tệp chỉ tiêu bổ sung, lớp cụ thể nhất / extra target file (most specific layer)."),
    click.option("--output", "-o", type=click.Path(), default=None,
                 help="Ghi kết quả ra tệp / write the output to a file."),
    click.option("--waivers", "waivers_file", type=click.Path(), default=None,
                 help="Tệp miễn trừ YAML / waiver file (see docs/waivers.md)."),
    click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                 help="Ngày dùng để xét hạn miễn trừ (mặc định hôm nay) / date for waiver expiry."),
    click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
                 help="Số tiến trình; 0 = mỗi lõi một tiến trình khi từ 50 báo cáo / worker processes."),
    click.option("--engine", type=click.Choice(ENGINES), default="durable", show_default=True,
                 help="Bộ máy quyết định: durable (bộ máy chuẩn) hoặc python (nhanh hơn, cùng kết quả, "
                      "xem docs/engine.md) / decision engine: durable (of record) or python (faster, same findings)."),
]


def _with_check_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_check_options):
        func = option(func)
    return func


@click.command(name="check")
@version_option
@_with_check_options
@guarded
def check_main(files: tuple[str, ...], fmt: str, fail_on: str, target_files: tuple[str, ...],
               output: str | None, waivers_file: str | None, today: dt.datetime | None, jobs: int,
               engine: str) -> None:
    """Kiểm tra báo cáo chuyển đổi số cấp xã / check commune DX reports (JSON).

    FILES: report files or directories of *.json reports.
    """
    sys.exit(run_check(files, fmt, fail_on, target_files, output, waivers_file, today.date() if today else None,
                       jobs, engine))


@click.command(name="check")
@_with_check_options
@guarded
def check_command(files: tuple[str, ...], fmt: str, fail_on: str, target_files: tuple[str, ...],
                  output: str | None, waivers_file: str | None, today: dt.datetime | None, jobs: int,
                  engine: str) -> None:
    """Như lệnh `check` / same as the `check` command."""
    sys.exit(run_check(files, fmt, fail_on, target_files, output, waivers_file, today.date() if today else None,
                       jobs, engine))
