"""``checker waivers --from out.json``: draft a waiver file from the findings of an earlier JSON output.

Every counted finding (not a pass, not already waived) becomes one entry — rule, unit,
indicator — with ``reason``, ``accepted_by`` and ``expires`` left empty: a draft for a person to
review and fill, which ``--waivers`` refuses until they are filled (nothing is accepted silently).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from checker.cli.guard import guarded
from checker.core.bounded_read import read_bounded
from checker.core.errors import InputError
from checker.core.safe_output import check_output, write_atomically

HEADER = """\
# Bản nháp miễn trừ từ {source} — {count} mục. Với mỗi mục giữ lại: ghi lý do (reason), người
# chấp nhận (accepted_by) và ngày hết hạn (expires, YYYY-MM-DD); xoá các mục không chấp nhận.
# --waivers từ chối tệp khi còn mục để trống. Xem docs/waivers.md.
# Draft waivers from {source}: fill in reason, accepted_by and expires for each entry you accept and
# delete the others; --waivers refuses the file while an entry is left blank.
"""


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def draft_waivers(data: Any, source: str) -> str:
    """The YAML text of a waiver draft from the JSON output ``data`` (read from ``source``)."""
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        raise InputError(source, "/reports", "cần kết quả của `check --format json` / expected check's JSON output")
    entries: list[str] = []
    seen: set[tuple[str, str, str | None]] = set()
    for index, checked in enumerate(data["reports"]):
        try:
            report, findings = checked["report"], checked["findings"]
            unit = report.get("unit_code") or report["commune"]
        except (KeyError, TypeError, AttributeError):
            raise InputError(source, f"/reports/{index}", "cần {report, findings} / expected {report, findings}") \
                from None
        for finding in findings:
            if finding.get("waiver") or finding.get("status") in ("met", "no_data", "scored", "not_scored"):
                continue
            key = (finding["rule_id"], unit, finding.get("indicator"))
            if key in seen:
                continue
            seen.add(key)
            lines = [f"  - rule: {finding['rule_id']}", f"    commune: {_quoted(unit)}"]
            if finding.get("indicator"):
                lines.append(f"    indicator: {finding['indicator']}")
            message = finding.get("message", {}).get("vi", "")
            lines += [f"    # {report.get('commune', '')}: {message}".replace("\n", " "),
                      '    reason: ""', '    accepted_by: ""', '    expires: ""']
            entries.append("\n".join(lines))
    body = "waivers:\n" + "\n".join(entries) + "\n" if entries else "waivers: []\n"
    return HEADER.format(source=source, count=len(entries)) + body


@click.command(name="waivers")
@click.option("--from", "source", type=click.Path(), required=True,
              help="Kết quả JSON của `check --format json` / the JSON output of check.")
@click.option("--output", "-o", type=click.Path(), default=None,
              help="Ghi bản nháp ra tệp ('-' hoặc bỏ trống: ra màn hình) / write the draft to a file.")
@guarded
def waivers_command(source: str, output: str | None) -> None:
    """Soạn bản nháp tệp miễn trừ từ kết quả kiểm tra / draft a waiver file from check's JSON output."""
    plan = None if output is None or output == "-" else check_output(output, [source])
    try:
        data = json.loads(read_bounded(Path(source)).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(source, "", f"không đọc được JSON / unreadable JSON: {exc}") from None
    text = draft_waivers(data, source)
    if plan is None:
        click.echo(text, nl=False)
    else:
        write_atomically(plan, text)
