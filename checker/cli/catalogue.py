"""``checker schema``, ``checker rules`` and ``checker targets``: what the catalogue holds, with sources."""

from __future__ import annotations

import json
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
@click.option("--year", type=int, default=None, help="Năm báo cáo / report year.")
@click.option("--unit", "unit_code", default=None,
              help="Mã đơn vị, vd hai-duong/tu-ky/minh-duc / unit code.")
@click.option("--province", default=None, help="Mã tỉnh, vd hai-duong / province code.")
@click.option("--level", type=click.Choice(["xa", "huyen", "tinh"]), default="xa", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--check", "check_file", type=click.Path(), default=None,
              help="Chỉ kiểm tra một tệp chỉ tiêu / only validate a target file.")
@guarded
def targets_command(year: int | None, unit_code: str | None, province: str | None, level: str,
                    fmt: str, check_file: str | None) -> None:
    """Các chỉ tiêu đang áp dụng, có nguồn / targets in force, with sources."""
    from checker.catalogue.store import current
    from checker.render.target_docs import check_target_file, targets_listing

    if check_file:
        click.echo(check_target_file(current(), Path(check_file)))
        return
    if year is None:
        raise click.UsageError("cần --year (hoặc --check FILE) / --year is required")
    click.echo(targets_listing(current(), year, unit_code or province, level, fmt))
