"""``checker schema``, ``checker rules`` and ``checker targets``: what the catalogue holds, with sources."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from checker.cli.guard import guarded
from checker.core.errors import InputError


@click.command(name="schema")
@click.option("--output", "of_output", is_flag=True, default=False,
              help="Schema của kết quả `check --format json` thay vì của báo cáo / the schema of the JSON output.")
@guarded
def schema_command(of_output: bool) -> None:
    """In JSON Schema của báo cáo (hoặc của kết quả) / print the report (or output) JSON Schema."""
    if of_output:
        from checker.render.output_schema import output_schema

        click.echo(json.dumps(output_schema(), ensure_ascii=False, indent=2))
        return
    from checker.model.schema import report_schema

    click.echo(json.dumps(report_schema(), ensure_ascii=False, indent=2))


@click.command(name="rules")
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@guarded
def rules_command(rule_id: str | None, fmt: str) -> None:
    """Liệt kê luật, hoặc giải thích một luật / list rules, or explain one."""
    from checker.catalogue.store import current
    from checker.render.rule_docs import explain_rule, rules_table

    catalogue = current()
    if rule_id is None:
        if fmt == "json":
            click.echo(json.dumps([r.model_dump(exclude={"examples"}, mode="json") for r in catalogue.rules],
                                  ensure_ascii=False, indent=2))
        else:
            click.echo(rules_table(catalogue.rules))
        return
    try:
        rule = catalogue.rule(rule_id)
    except KeyError:
        raise InputError(rule_id, "", "không có luật này; xem `checker rules` / no such rule") from None
    if fmt == "json":
        click.echo(json.dumps(rule.model_dump(), ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(explain_rule(rule))


@click.command(name="targets")
@click.option("--year", type=int, default=None, help="Năm báo cáo (kỳ kết thúc 31/12) / report year.")
@click.option("--date", "on", default=None, metavar="YYYY-MM-DD",
              help="Ngày cuối kỳ: chỉ tiêu áp dụng ngày đó / period end: what applied that day.")
@click.option("--unit", "unit_code", default=None,
              help="Mã đơn vị, vd hai-duong/tu-ky/minh-duc / unit code.")
@click.option("--province", default=None, help="Mã tỉnh, vd hai-duong / province code.")
@click.option("--level", type=click.Choice(["xa", "huyen", "tinh"]), default="xa", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--check", "check_file", is_flag=False, flag_value="", default=None, metavar="[FILE]",
              help="Kiểm tra các chỉ tiêu với nhau (mâu thuẫn, thừa, nới lỏng mức sàn); có FILE thì kiểm tra tệp đó "
                   "và các chỉ tiêu của nó với bộ có sẵn / check the targets against each other; with FILE, "
                   "validate it and check its targets against the bundled ones.")
@guarded
def targets_command(year: int | None, on: str | None, unit_code: str | None, province: str | None, level: str,
                    fmt: str, check_file: str | None) -> None:
    """Các chỉ tiêu áp dụng cho một kỳ, có nguồn / targets in force for a period, with sources.

    Chỉ tiêu được chọn theo ngày cuối kỳ: --date, hoặc 31/12 của --year. / Targets are chosen
    by the period end: --date, or 31 December of --year.
    """
    import datetime as dt

    from checker.catalogue.store import current
    from checker.render.target_docs import targets_listing

    if check_file is not None:
        if year is not None or on is not None or unit_code or province:
            raise click.UsageError("--check xét mọi ngày và mọi đơn vị; bỏ --year/--date/--unit/--province / "
                                   "--check looks at every date and unit: drop --year/--date/--unit/--province")
        check_targets(check_file, fmt)
        return
    day = None
    if on is not None:
        try:
            day = dt.date.fromisoformat(on)
        except ValueError:
            raise click.BadParameter(f"cần ngày dạng YYYY-MM-DD, vd 2026-06-30 / expected YYYY-MM-DD, got {on!r}",
                                     param_hint="--date") from None
        if year is not None and year != day.year:
            raise click.UsageError(f"--year {year} khác năm của --date {on} / --year and --date disagree")
        year = day.year
    if year is None:
        raise click.UsageError("cần --year hoặc --date (hoặc --check FILE) / --year or --date is required")
    click.echo(targets_listing(current(), year, unit_code or province, level, fmt, day))


def check_targets(check_file: str, fmt: str) -> None:
    """``checker targets --check [FILE]``: exit 1 when targets contradict or relax a broader floor."""
    from checker.catalogue.conflicts import target_conflicts
    from checker.catalogue.store import current
    from checker.catalogue.targets import EXTRA_ORDER
    from checker.render.target_conflicts import SERIOUS, conflicts_report
    from checker.render.target_docs import check_target_file

    catalogue = current()
    only = None
    if check_file:
        path = Path(check_file)
        if fmt != "json":
            click.echo(check_target_file(catalogue, path))
        catalogue = catalogue.with_extra_targets([path])
        only = [s for s in catalogue.targets if s.order >= EXTRA_ORDER]
    conflicts = target_conflicts(catalogue.targets, catalogue.units, only)
    click.echo(conflicts_report(catalogue, conflicts, fmt))
    if any(conflict.kind in SERIOUS for conflict in conflicts):
        sys.exit(1)
