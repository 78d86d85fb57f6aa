"""``--version``: the checker's version and the data directories it reads (rules, targets, indicators)."""

from __future__ import annotations

from typing import Any

import click

DISTRIBUTION = "xa-cds-checker"


def version() -> str:
    """The installed version of the checker ('unknown' when run from a checkout without installing)."""
    from importlib import metadata  # about a tenth of a cold start: only for --version

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"


def version_text() -> str:
    """What ``--version`` prints: the version, then where the bundled data is read from."""
    from checker.catalogue.indicators import INDICATORS_FILE
    from checker.catalogue.paths import data_dir

    return "\n".join([
        f"xa-cds-checker {version()}",
        f"luật / rules:        {data_dir('rules')}",
        f"chỉ tiêu / targets:  {data_dir('targets')}",
        f"danh mục / indicators: {INDICATORS_FILE}",
    ])


def _show(ctx: click.Context, _param: Any, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(version_text())
        ctx.exit(0)


version_option = click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_show,
    help="In phiên bản và thư mục dữ liệu đang dùng / show the version and the data directories read.",
)
