"""The registry of output formats: one writer class per format, and the one switch between them.

Every format is a writer (head, one fragment per report, tail; see :mod:`checker.render.stream`),
so a batch can be written as it is checked; :func:`render_whole` renders a finished batch.
"""

from __future__ import annotations

from typing import Any

from checker.catalogue.store import Catalogue
from checker.render.options import OutputOptions
from checker.render.stream import BatchEnd, Writer, write_all
from checker.render.terminal import Terminal, visible
from checker.run.batch import BatchResult


class TableWriter:
    """The terminal tables, one report after another, and a summary line when there are several.

    ``term`` says how wide, whether in colour, and whether one line per report (``--quiet``).
    """

    separator = ""

    def __init__(self, term: Terminal | None = None) -> None:
        from checker.render.table import quiet_line, render_table

        self._render = render_table
        self._quiet = quiet_line
        self.term = term or Terminal()

    def head(self) -> str:
        """Nothing before the first report."""
        return ""

    def fragment(self, item: Any) -> str:
        """One report's tables and grade (or its one line), and for a document the numbers left unplaced."""
        if self.term.quiet:
            return visible(self._quiet(item.evaluation, item.path.as_posix(), self.term), self.term.colour) + "\n"
        text = self._render(item.evaluation, item.path.as_posix(), extracted=item.extracted, term=self.term)
        if item.extracted or item.read.candidates:  # a reviewed form keeps its unassigned numbers
            from checker.render.reading import reading_text

            text = "\n\n".join(part for part in (text, reading_text(item.read)) if part)
        return visible(text, self.term.colour) + "\n\n"

    def tail(self, end: BatchEnd) -> str:
        """The summary line over the batch, when it holds more than one input."""
        if end.reports + len(end.errors) <= 1:
            return ""
        from checker.render.table import summary_line

        return visible(summary_line(end, self.term), self.term.colour) + "\n"

    def whole_without_reports(self, end: BatchEnd) -> str:
        """Only the summary line (or nothing)."""
        return self.tail(end)


FORMATS = ("table", "json", "sarif", "junit", "markdown", "html")
"""The output formats of ``check --format``."""


def writer_for(fmt: str, fail_on: str, with_waivers: bool, catalogue: Catalogue,
               options: OutputOptions | None = None, term: Terminal | None = None) -> Writer:
    """The writer of output format ``fmt`` (``options``: the machine formats' choices, see OutputOptions;
    ``term``: the terminal the table is drawn for).
    """
    options = options or OutputOptions(fail_on=fail_on, with_waivers=with_waivers)
    if fmt == "table":
        return TableWriter(term)
    if fmt == "json":
        from checker.render.json_out import JsonWriter

        return JsonWriter(catalogue, with_waivers)
    if fmt == "sarif":
        from checker.render.sarif import SarifWriter

        return SarifWriter(catalogue, options)
    if fmt == "junit":
        from checker.render.junit import JunitWriter

        return JunitWriter(options.junit_fail_on, catalogue)
    if fmt == "markdown":
        from checker.render.markdown import MarkdownWriter

        return MarkdownWriter(options)
    if fmt == "html":
        from checker.render.report_html import HtmlPageWriter

        return HtmlPageWriter(catalogue)
    raise ValueError(f"unknown format {fmt!r}")


def render_whole(fmt: str, batch: BatchResult, fail_on: str, with_waivers: bool, catalogue: Catalogue,
                 options: OutputOptions | None = None) -> str:
    """A finished batch in format ``fmt``: the same document as the one written report by report."""
    writer = writer_for(fmt, fail_on, with_waivers, catalogue, options)
    return write_all(writer, [writer.fragment(item) for item in batch.checked],
                     BatchEnd(batch.errors, batch.unused_waivers, batch.tally, batch.tally.reports))
