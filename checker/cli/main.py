"""Command line: ``check FILE...`` and ``checker SUBCOMMAND``.

Exit codes: 0 no finding at or above ``--fail-on``; 1 such findings; 2 usage or input
error (after every other report was checked); 3 internal error (a bug: please report it;
set ``CHECKER_DEBUG=1`` for the traceback).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from checker.core.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, InputError
from checker.cli.quickexit import freeze_at_exit

EXIT_INTERNAL = 3
FAIL_LEVELS = ("error", "warning", "info", "never")
FORMATS = ("table", "json", "sarif", "junit", "markdown")
ENGINES = ("durable", "python")
PROGRESS_MIN = 5
PARALLEL_MIN = 50
UNUSED_RULE_ID = "WV002"


def _guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn InputError into exit 2 and unexpected exceptions into exit 3, without a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # a command keeps rules, targets and models to the end: skip freeing them one by one at exit
        freeze_at_exit()
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            click.echo(exc.render(), err=True)
            sys.exit(EXIT_INPUT)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if os.environ.get("CHECKER_DEBUG"):
                raise
            click.echo(f"Lỗi nội bộ / internal error: {type(exc).__name__}: {exc}\n"
                       "Đặt CHECKER_DEBUG=1 để xem chi tiết / set CHECKER_DEBUG=1 for the traceback.",
                       err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


def expand_inputs(paths: tuple[str, ...]) -> list[Path]:
    """Files as given; a directory stands for its ``*.json`` files, sorted (documents must be named)."""
    result: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.json") if p.is_file())
            if not found:
                raise InputError(raw, "", "thư mục không có báo cáo *.json / directory holds no *.json report")
            result.extend(found)
        else:
            result.append(path)
    return result


def run_check(paths: tuple[str, ...], fmt: str, fail_on: str, target_files: tuple[str, ...],
              output: str | None, waivers_file: str | None = None, today: dt.date | None = None,
              jobs: int = 1, engine: str = "durable") -> int:
    """Check every report; print results; return the exit code.

    Several reports (or the table) are written as they are checked, each rendered where it
    was checked, so nothing of the batch is kept; one report in a machine format is written
    whole (its JSON has a shape of its own).
    """
    from checker.run.batch import CheckSettings, run_batch
    from checker.render.writers import writer_for
    from checker.catalogue.targets import load_extra
    from checker.decide.waivers import load_waivers, unused_message

    extra = load_extra([Path(p) for p in target_files])
    waivers = load_waivers(Path(waivers_file)) if waivers_file else None
    files = expand_inputs(paths)
    streamed = fmt == "table" or len(files) > 1
    writer = writer_for(fmt, fail_on, waivers is not None) if streamed else None
    settings = CheckSettings(extra, engine, tuple(waivers or ()), today, writer)  # type: ignore[arg-type]
    show_progress = len(files) > PROGRESS_MIN and sys.stderr.isatty()
    with _sink(output) as write, click.progressbar(
        length=len(files), file=sys.stderr, label="Đang kiểm tra / checking", hidden=not show_progress
    ) as bar:
        if streamed:
            batch = _stream(files, settings, bar, _jobs(jobs, len(files)), write)
            if fmt != "table":
                write("\n")
        else:
            batch = run_batch(files, settings, bar, _jobs(jobs, len(files)))
            write(render(batch, fmt, fail_on, waivers is not None) + "\n")
    for error in batch.errors:
        click.echo(error.render(), err=True)
    for index, waiver in batch.unused_waivers:
        click.echo(f"{UNUSED_RULE_ID}: {unused_message(index, waiver).vi}", err=True)
    if batch.errors:
        return EXIT_INPUT
    return EXIT_FINDINGS if batch.failing(fail_on) else EXIT_OK


@contextlib.contextmanager
def _sink(output: str | None) -> Iterator[Callable[[str], None]]:
    """A writer to ``output`` (UTF-8 file) or to standard output."""
    if output is None:
        yield lambda text: click.echo(text, nl=False)
        return
    with Path(output).open("w", encoding="utf-8") as handle:
        yield handle.write


def _stream(files: list[Path], settings: Any, progress: Any, jobs: int, write: Callable[[str], None]) -> Any:
    """Write each report's text as soon as it is checked; return the batch's totals."""
    from checker.run.batch import run_batch
    from checker.render.stream import BatchEnd

    writer = settings.writer
    written = [False]

    def on_outcome(outcome: Any) -> None:
        if outcome.fragment:
            write((writer.separator if written[0] else writer.head()) + outcome.fragment)
            written[0] = True

    batch = run_batch(files, settings, progress, jobs, on_outcome)
    end = BatchEnd(batch.errors, batch.unused_waivers, batch.tally, len(batch.tally.grades))
    write(writer.tail(end) if written[0] else writer.whole_without_reports(end))
    return batch


def _jobs(requested: int, count: int) -> int:
    """Worker processes: 0 means one per core for batches large enough to be worth it."""
    if requested > 0:
        return requested
    return min(os.cpu_count() or 1, 8) if count >= PARALLEL_MIN else 1


def render(batch, fmt: str, fail_on: str, with_waivers: bool) -> str:
    """The batch in the chosen output format."""
    if fmt == "json":
        from checker.render.json_out import render_json

        return render_json(batch, with_waivers)
    if fmt == "sarif":
        from checker.render.sarif import render_sarif

        return render_sarif(batch)
    if fmt == "junit":
        from checker.render.junit import render_junit

        return render_junit(batch, fail_on)
    if fmt == "markdown":
        from checker.render.markdown import render_markdown

        return render_markdown(batch)
    raise ValueError(f"unknown format {fmt!r}")


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
@_with_check_options
@_guarded
def check_main(files: tuple[str, ...], fmt: str, fail_on: str, target_files: tuple[str, ...],
               output: str | None, waivers_file: str | None, today: dt.datetime | None, jobs: int,
               engine: str) -> None:
    """Kiểm tra báo cáo chuyển đổi số cấp xã / check commune DX reports (JSON).

    FILES: report files or directories of *.json reports.
    """
    sys.exit(run_check(files, fmt, fail_on, target_files, output, waivers_file, today.date() if today else None,
                       jobs, engine))


@click.group(name="checker")
def checker_main() -> None:
    """Công cụ kiểm tra báo cáo CĐS cấp xã / commune DX report checker."""


@checker_main.command(name="check")
@_with_check_options
@_guarded
def check_command(files: tuple[str, ...], fmt: str, fail_on: str, target_files: tuple[str, ...],
                  output: str | None, waivers_file: str | None, today: dt.datetime | None, jobs: int,
               engine: str) -> None:
    """Như lệnh `check` / same as the `check` command."""
    sys.exit(run_check(files, fmt, fail_on, target_files, output, waivers_file, today.date() if today else None,
                       jobs, engine))


def _register_subcommands() -> None:
    from checker.cli.extract import extract_command
    from checker.cli.summary import summary_command
    from checker.cli.template import template_command

    checker_main.add_command(summary_command)
    checker_main.add_command(extract_command)
    checker_main.add_command(template_command)


_register_subcommands()


@checker_main.command(name="schema")
@_guarded
def schema_command() -> None:
    """In JSON Schema của báo cáo / print the report JSON Schema."""
    from checker.model.schema import report_schema

    click.echo(json.dumps(report_schema(), ensure_ascii=False, indent=2))


@checker_main.command(name="rules")
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_guarded
def rules_command(rule_id: str | None, fmt: str) -> None:
    """Liệt kê luật, hoặc giải thích một luật / list rules, or explain one."""
    from checker.render.rule_docs import explain_rule, rules_table
    from checker.catalogue.rules import all_rules, rule_by_id

    if rule_id is None:
        if fmt == "json":
            click.echo(json.dumps([r.model_dump(exclude={"examples"}) for r in all_rules()],
                                  ensure_ascii=False, indent=2))
        else:
            click.echo(rules_table(all_rules()))
        return
    try:
        rule = rule_by_id(rule_id)
    except KeyError:
        raise InputError(rule_id, "", "không có luật này; xem `checker rules` / no such rule") from None
    if fmt == "json":
        click.echo(json.dumps(rule.model_dump(), ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(explain_rule(rule))


@checker_main.command(name="targets")
@click.option("--year", type=int, default=None, help="Năm báo cáo / report year.")
@click.option("--unit", "unit_code", default=None,
              help="Mã đơn vị, vd hai-duong/tu-ky/minh-duc / unit code.")
@click.option("--province", default=None, help="Mã tỉnh, vd hai-duong / province code.")
@click.option("--level", type=click.Choice(["xa", "huyen", "tinh"]), default="xa", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--check", "check_file", type=click.Path(), default=None,
              help="Chỉ kiểm tra một tệp chỉ tiêu / only validate a target file.")
@_guarded
def targets_command(year: int | None, unit_code: str | None, province: str | None, level: str,
                    fmt: str, check_file: str | None) -> None:
    """Các chỉ tiêu đang áp dụng, có nguồn / targets in force, with sources."""
    from checker.render.target_docs import check_target_file, targets_listing

    if check_file:
        click.echo(check_target_file(Path(check_file)))
        return
    if year is None:
        raise click.UsageError("cần --year (hoặc --check FILE) / --year is required")
    click.echo(targets_listing(year, unit_code or province, level, fmt))
