"""The output writer of each format, and the terminal table as a writer."""

from __future__ import annotations

from typing import Any

from checker.render.stream import BatchEnd, Writer


class TableWriter:
    """The terminal tables, one report after another, and a summary line when there are several."""

    separator = ""

    def __init__(self) -> None:
        from checker.render.table import render_table

        self._render = render_table

    def head(self) -> str:
        """Nothing before the first report."""
        return ""

    def fragment(self, item: Any) -> str:
        """One report's tables and grade."""
        return self._render(item.evaluation, item.path.as_posix(), extracted=item.extracted) + "\n\n"

    def tail(self, end: BatchEnd) -> str:
        """The summary line over the batch, when it holds more than one input."""
        if end.reports + len(end.errors) <= 1:
            return ""
        from checker.render.table import summary_line

        return summary_line(end) + "\n"

    def whole_without_reports(self, end: BatchEnd) -> str:
        """Only the summary line (or nothing)."""
        return self.tail(end)


def writer_for(fmt: str, fail_on: str, with_waivers: bool) -> Writer:
    """The writer of output format ``fmt``."""
    if fmt == "table":
        return TableWriter()
    if fmt == "json":
        from checker.render.json_out import JsonWriter

        return JsonWriter(with_waivers)
    if fmt == "sarif":
        from checker.render.sarif import SarifWriter

        return SarifWriter()
    if fmt == "junit":
        from checker.render.junit import JunitWriter

        return JunitWriter(fail_on)
    if fmt == "markdown":
        from checker.render.markdown import MarkdownWriter

        return MarkdownWriter()
    raise ValueError(f"unknown format {fmt!r}")
