"""Writing a batch piece by piece: each format as a head, one fragment per report, and a tail.

A fragment depends only on its own report, so it can be rendered where the report was checked
(in a worker process) and the main process only writes text: the batch is never held in
memory, whatever the format.  The head and tail of the JSON-like formats are cut from the
whole document rendered around a placeholder, so a streamed document is byte for byte the
document rendered at once (tests/test_streaming.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING, Any, Protocol

from pydantic_core import to_json

from checker.core.errors import InputError
from checker.core.records import dataclass
from checker.decide.waivers import Waiver

if TYPE_CHECKING:
    from checker.run.batch import Outcome

PLACEHOLDER = "@@fragments@@"


@dataclass
class BatchEnd:
    """What the tail of a document may need once every report is written."""

    errors: list[InputError] = field(default_factory=list)
    unused_waivers: list[tuple[int, Waiver]] = field(default_factory=list)
    tally: Any = None
    reports: int = 0


class Writer(Protocol):
    """A format that can be written one report at a time."""

    separator: str

    def head(self) -> str:
        """Text before the first fragment (written only when there is one)."""

    def fragment(self, item: Any) -> str:
        """One checked report's text ('' when it has nothing to show in this format)."""

    def tail(self, end: BatchEnd) -> str:
        """Text after the last fragment."""

    def whole_without_reports(self, end: BatchEnd) -> str:
        """The document when no report had a fragment."""


def json_text(value: Any) -> str:
    """``value`` as JSON indented by 2, non-ASCII kept: what ``json.dumps(value, ensure_ascii=False,
    indent=2)`` writes (the same bytes, but for small floats written without an exponent, e.g.
    0.00001), four to five times faster (pydantic-core's encoder, not the pure-Python indenting one).
    """
    return to_json(value, indent=2).decode("utf-8")


def split_around(document: str, marker: str) -> tuple[str, str, str]:
    """Cut ``document`` at the line holding ``marker``: (head, indentation of that line, tail)."""
    at = document.index(marker)
    line_start = document.rindex("\n", 0, at) + 1
    indent = document[line_start:at]
    return document[:line_start], indent, document[at + len(marker):]


def indent_block(text: str, indent: str) -> str:
    """Every line of ``text`` prefixed with ``indent``."""
    return indent + text.replace("\n", "\n" + indent)


class Emitter:
    """Writes a document as its fragments arrive: head before the first, separators between, tail at the end.

    A writer with ``buffered = True`` (a document whose beginning depends on every report, such
    as Markdown's summary table) instead gets each fragment through ``add`` and gives the whole
    text from ``finish``; its fragments are still rendered where each report was checked.
    """

    def __init__(self, writer: Writer, write: Callable[[str], None]) -> None:
        self.writer = writer
        self.write = write
        self.buffered = bool(getattr(writer, "buffered", False))
        self.written = False
        self._separator = writer.separator.encode("utf-8")

    def fragment(self, text: str) -> None:
        """One report's rendered text (nothing when empty)."""
        if not text:
            return
        if self.buffered:
            self.writer.add(text)  # type: ignore[attr-defined]
            return
        self.write((self.writer.separator if self.written else self.writer.head()) + text)
        self.written = True

    def chunk(self, outcome: Outcome) -> None:
        """A chunk's texts, checked together and encoded in UTF-8 where they were rendered, written at once
        as bytes (from the worker's spooled file a block at a time, when it sent one: :meth:`Outcome.joined`).

        ``write`` must then accept bytes as well as text (see :func:`checker.core.safe_output.atomic_writer`).
        """
        if self.buffered:
            for text in outcome.fragments:  # a buffered writer's texts are never spooled (no separator given)
                self.fragment(text.decode("utf-8"))
            return
        if not outcome.has_texts:
            return
        # the opening is written apart: joining it to the chunk's texts (~2,9 MB) would copy them a second time
        self.write((self.writer.separator if self.written else self.writer.head()).encode("utf-8"))  # type: ignore[arg-type]
        for block in outcome.joined(self._separator):
            self.write(block)  # type: ignore[arg-type]
        self.written = True

    def spool_separator(self) -> bytes | None:
        """What a worker may join a chunk's texts by in a spooled file: None for a buffered writer, which
        takes each text apart.
        """
        return None if self.buffered else self._separator

    def finish(self, end: BatchEnd) -> None:
        """The end of the document."""
        if self.buffered:
            self.write(self.writer.finish(end))  # type: ignore[attr-defined]
        else:
            self.write(self.writer.tail(end) if self.written else self.writer.whole_without_reports(end))


def write_all(writer: Writer, fragments: list[str], end: BatchEnd) -> str:
    """The whole document from its fragments, exactly as streaming would write it."""
    pieces: list[str] = []
    emitter = Emitter(writer, pieces.append)
    for text in fragments:
        emitter.fragment(text)
    emitter.finish(end)
    return "".join(pieces)
