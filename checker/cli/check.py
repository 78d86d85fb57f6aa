"""``check FILE...`` (and ``checker check``): check reports of any input kind, write findings in a format.

Every format is written as the reports are checked, each rendered where it was checked, so
nothing of the batch is kept.  Defaults come from the nearest configuration file
(:mod:`checker.cli.config`); ``-o -`` is standard output.
"""

from __future__ import annotations

from checker.cli.collector import paused

with paused():  # these imports (click, pydantic, the report models) make what the whole run keeps
    import contextlib
    import datetime as dt
    import os
    import sys
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path
    from typing import Any

    import click

    from checker.cli import click_vi
    from checker.cli.guard import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, guarded
    from checker.cli.version import version_option
    from checker.core.errors import InputError
    from checker.core.printable import visible
    from checker.core.safe_output import OutputPlan, atomic_writer, check_output
    from checker.read.inputs import expand_inputs

click_vi.install()
CONTEXT = {"help_option_names": ["-h", "--help"]}

FAIL_LEVELS = ("error", "warning", "info", "never")
FORMATS = ("table", "json", "sarif", "junit", "markdown", "html")
ENGINES = ("durable", "python")
PROGRESS_MIN = 5
PARALLEL_MIN = 50
UNUSED_RULE_ID = "WV002"


def run_check(paths: tuple[str, ...], fmt: str, fail_on: str, target_files: tuple[str, ...],
              output: str | None, waivers_file: str | None = None, today: dt.date | None = None,
              jobs: int = 1, engine: str = "durable", junit_fail_on: str = "error", sarif_passes: bool = False,
              baseline_file: str | None = None, docs_url: str | None = None, quiet: bool = False,
              previous: tuple[str, ...] = (), force: bool = False) -> int:
    """Check every report; print results; return the exit code.

    Every format is written as the reports are checked, each rendered where it was checked,
    so nothing of the batch is kept (one report or many give the same document shape).
    """
    with paused():  # the start (imports, catalogue, writer) makes what the whole run keeps
        from checker.catalogue.store import current
        from checker.decide.waivers import load_waivers, unused_message
        from checker.render.options import OutputOptions
        from checker.render.terminal import detect
        from checker.render.writers import writer_for
        from checker.run.baseline import load_baseline
        from checker.run.batch import CheckSettings

        inputs = [*paths, *target_files, *filter(None, [waivers_file, baseline_file]), *previous]
        plan = None if output in (None, "-") else check_output(output, inputs)  # "-o -": standard output
        catalogue = current().with_extra_targets(Path(p) for p in target_files)
        waivers = load_waivers(Path(waivers_file)) if waivers_file else None
        baseline = load_baseline(Path(baseline_file)) if baseline_file else None
        files = expand_inputs(paths)
        options = OutputOptions(fail_on=fail_on, with_waivers=waivers is not None, with_passes=sarif_passes,
                                junit_fail_on=junit_fail_on, docs_url=docs_url, baseline=baseline is not None)
        writer = writer_for(fmt, fail_on, waivers is not None, catalogue, options, detect(output, quiet))
        settings = CheckSettings(catalogue, engine, tuple(waivers or ()), today, baseline=baseline,  # type: ignore[arg-type]
                                 previous=tuple(Path(p) for p in previous), force=force)
    show_progress = len(files) > PROGRESS_MIN and sys.stderr.isatty()
    with _sink(plan) as write, _progress(len(files), show_progress) as bar:
        batch = _stream(files, settings, writer, bar, _jobs(jobs, len(files)), write)
        if fmt != "table":
            write("\n")
    for error in batch.errors:
        click.echo(visible(error.render()), err=True)
    for index, waiver in batch.unused_waivers:
        click.echo(f"{UNUSED_RULE_ID}: {unused_message(index, waiver, catalogue).vi}", err=True)
    if any(error.internal for error in batch.errors):
        return EXIT_INTERNAL
    if batch.errors:
        return EXIT_INPUT
    return EXIT_FINDINGS if batch.failing(fail_on) else EXIT_OK


@contextlib.contextmanager
def _sink(plan: OutputPlan | None) -> Iterator[Callable[[str | bytes], None]]:
    """A writer of text or UTF-8 bytes to the output file (renamed into place when complete) or to standard output."""
    if plan is None:
        yield lambda text: click.echo(text, nl=False)
        return
    with atomic_writer(plan) as write:
        yield write


def _progress(length: int, shown: bool) -> contextlib.AbstractContextManager[Any]:
    """The progress bar on standard error, or none when it would be hidden: a hidden ``click.progressbar``
    draws nothing, and not making one spares a cold check importing click's terminal module.
    """
    if not shown:
        return contextlib.nullcontext(None)
    return click.progressbar(length=length, file=sys.stderr, label="Đang kiểm tra / checking")


def _stream(files: Sequence[Path], settings: Any, writer: Any, progress: Any, jobs: int,
            write: Callable[[str | bytes], None]) -> Any:
    """Write each report's text as soon as it is checked (rendered where it was checked); return the totals."""
    from checker.render.stream import BatchEnd, Emitter
    from checker.run.batch import run_batch

    emitter = Emitter(writer, write)
    batch = run_batch(files, settings, progress, jobs, emitter.chunk, render=writer.fragment,
                      separator=emitter.spool_separator())
    emitter.finish(BatchEnd(batch.errors, batch.unused_waivers, batch.tally, batch.tally.reports))
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
                 help="Ghi kết quả ra tệp ('-': ra màn hình) / write the output to a file ('-': standard output)."),
    click.option("--waivers", "waivers_file", type=click.Path(), default=None,
                 help="Tệp miễn trừ YAML / waiver file (see docs/waivers.md)."),
    click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                 help="Ngày dùng để xét hạn miễn trừ (mặc định hôm nay) / date for waiver expiry."),
    click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
                 help="Số tiến trình; 0 = mỗi lõi một tiến trình khi từ 50 báo cáo / worker processes."),
    click.option("--engine", type=click.Choice(ENGINES), default="durable", show_default=True,
                 help="Bộ máy quyết định: durable (bộ máy chuẩn) hoặc python (nhanh hơn, cùng kết quả, "
                      "xem docs/engine.md) / decision engine: durable (of record) or python (faster, same findings)."),
    click.option("--quiet", "-q", is_flag=True, default=False,
                 help="Bảng: mỗi báo cáo một dòng (xếp loại, số lỗi) / table: one line per report."),
    click.option("--junit-fail-on", type=click.Choice(FAIL_LEVELS), default="error", show_default=True,
                 help="JUnit: mức phát hiện thành test thất bại, không phụ thuộc --fail-on / "
                      "JUnit: severity that makes a failed test case, independent of --fail-on."),
    click.option("--sarif-passes", is_flag=True, default=False,
                 help="SARIF: ghi cả chỉ tiêu đạt và không có số liệu / SARIF: also write passes and no-data."),
    click.option("--baseline", "baseline_file", type=click.Path(), default=None,
                 help="Kết quả JSON lần trước: chỉ phát hiện mới làm lệnh thất bại / earlier JSON output: "
                      "only new findings fail the run."),
    click.option("--docs-url", default=None,
                 help="Địa chỉ thư mục docs/rules đã công bố, cho liên kết helpUri / published docs/rules/ "
                      "address for SARIF helpUri and Markdown links."),
    click.option("--previous", "previous", multiple=True, type=click.Path(),
                 help="Báo cáo kỳ trước của cùng đơn vị, được so với báo cáo này (có thể nhiều lần; docs/numbers.md) "
                      "/ an earlier report of the same unit to compare with (repeatable)."),
    click.option("--force", is_flag=True, default=False,
                 help="Vẫn kiểm tra văn bản đọc không tin cậy (ghi rõ trong kết quả) / check a document even "
                      "when it could not be read reliably (every output says so)."),
]


class ConfiguredCommand(click.Command):
    """A command whose defaults come from the nearest configuration file (flags still win)."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        """Read the configuration file, then parse the command line over its defaults."""
        from checker.cli.config import config_defaults

        if "default_map" not in extra:
            try:
                config = config_defaults()
            except InputError as exc:
                click.echo(visible(exc.render()), err=True)
                sys.exit(EXIT_INPUT)
            if config is not None:
                extra["default_map"] = config.defaults
        return super().make_context(info_name, args, parent, **extra)


def _with_check_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_check_options):
        func = option(func)
    return func


@click.command(name="check", cls=ConfiguredCommand, context_settings=CONTEXT)
@version_option
@_with_check_options
@guarded
def check_main(files: tuple[str, ...], fmt: str, fail_on: str, target_files: tuple[str, ...],
               output: str | None, waivers_file: str | None, today: dt.datetime | None, jobs: int,
               engine: str, **ci: Any) -> None:
    """Kiểm tra báo cáo chuyển đổi số cấp xã / check commune DX reports.

    FILES: tệp báo cáo (.json, .xlsx, .docx, .pdf, .txt) hoặc thư mục chứa *.json / report files or
    directories of *.json reports.  Mặc định đọc từ .checker.yaml hoặc [tool.checker] trong
    pyproject.toml gần nhất / defaults come from the nearest configuration file.
    """
    sys.exit(run_check(files, fmt, fail_on, target_files, output, waivers_file, today.date() if today else None,
                       jobs, engine, **ci))


@click.command(name="check", cls=ConfiguredCommand)
@_with_check_options
@guarded
def check_command(files: tuple[str, ...], fmt: str, fail_on: str, target_files: tuple[str, ...],
                  output: str | None, waivers_file: str | None, today: dt.datetime | None, jobs: int,
                  engine: str, **ci: Any) -> None:
    """Như lệnh `check` / same as the `check` command."""
    sys.exit(run_check(files, fmt, fail_on, target_files, output, waivers_file, today.date() if today else None,
                       jobs, engine, **ci))
