"""``checker SUBCOMMAND``: the command group (check, summary, extract, template, rules, targets, schema, waivers).

Each subcommand lives in its own module of this package; this module only assembles them.
"""

from __future__ import annotations

import click

from checker.cli.catalogue import rules_command, schema_command, targets_command
from checker.cli.check import check_command
from checker.cli.extract import extract_command
from checker.cli.summary import summary_command
from checker.cli.template import template_command
from checker.cli.version import version_option
from checker.cli.waivers import waivers_command


@click.group(name="checker", context_settings={"help_option_names": ["-h", "--help"]})
@version_option
def checker_main() -> None:
    """Công cụ kiểm tra báo cáo CĐS cấp xã / commune DX report checker."""


for command in (check_command, summary_command, extract_command, template_command,
                schema_command, rules_command, targets_command, waivers_command):
    checker_main.add_command(command)
