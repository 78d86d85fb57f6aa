"""What the terminal allows: its width, whether to colour, and the shortening of quoted sentences.

The width is ``COLUMNS`` when set, else the terminal's own width when standard output is a
terminal, else :data:`PIPE_WIDTH`.  Colour is used only on a terminal, never when ``NO_COLOR``
is set (https://no-color.org), when the output is piped or written to a file.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from typing import TextIO

from checker.core.printable import visible as shown_safely
from checker.core.records import dataclass

MIN_WIDTH = 40
PIPE_WIDTH = 100
"""The width when nothing says otherwise (output piped or written to a file, no ``COLUMNS``)."""

ANSI = {
    "error": "\x1b[1;31m",
    "warning": "\x1b[33m",
    "info": "\x1b[36m",
    "bold": "\x1b[1m",
    "dim": "\x1b[2m",
    "good": "\x1b[32m",
}
RESET = "\x1b[0m"

# The table's own colour codes: kept when colour is on (every other control character is shown).
_OWN_CODES = re.compile("|".join(re.escape(code) for code in [*ANSI.values(), RESET]))


@dataclass(frozen=True)
class Terminal:
    """How the table is drawn: width in columns, colour on or off, one line per report or all."""

    width: int = PIPE_WIDTH
    colour: bool = False
    quiet: bool = False

    def paint(self, text: str, style: str) -> str:
        """``text`` in ``style`` (a key of :data:`ANSI`) when colour is on; else unchanged."""
        if not self.colour or not text or style not in ANSI:
            return text
        return f"{ANSI[style]}{text}{RESET}"


def visible(text: str, colour: bool = False) -> str:
    """``text`` safe to print on a terminal (:func:`checker.core.printable.visible`); the table's own
    colour codes are kept when ``colour`` is on.
    """
    if not colour:
        return shown_safely(text)
    pieces, last = [], 0
    for own in _OWN_CODES.finditer(text):
        pieces += [shown_safely(text[last:own.start()]), own.group()]
        last = own.end()
    pieces.append(shown_safely(text[last:]))
    return "".join(pieces)


def terminal_width(stream: TextIO | None = None) -> int:
    """``COLUMNS`` if set to a number, else the terminal's width, else :data:`PIPE_WIDTH` (at least 40)."""
    raw = os.environ.get("COLUMNS", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return max(MIN_WIDTH, int(raw))
    stream = stream or sys.stdout
    if _isatty(stream):
        return max(MIN_WIDTH, shutil.get_terminal_size((PIPE_WIDTH, 24)).columns)
    return PIPE_WIDTH


def wants_colour(stream: TextIO | None = None, to_file: bool = False) -> bool:
    """Colour only on a terminal, without ``NO_COLOR`` set (to any value but empty) and not to a file."""
    if to_file or os.environ.get("NO_COLOR"):
        return False
    return _isatty(stream or sys.stdout)


def detect(output: str | None, quiet: bool = False) -> Terminal:
    """The terminal settings for writing to ``output`` (None: standard output)."""
    return Terminal(terminal_width(), wants_colour(to_file=output is not None), quiet)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def shorten(text: str, limit: int) -> str:
    """``text`` with runs of spaces collapsed, cut at a word boundary to at most ``limit`` characters with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:max(1, limit - 1)]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"
