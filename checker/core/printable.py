"""Text from a report made safe to print on a terminal: control characters shown, never obeyed.

A report's sentences, names and file names reach the terminal (tables, error messages); an escape
sequence, a carriage return or a bidirectional override among them could recolour, hide, reorder
or overwrite what the reviewer reads.  Nothing is dropped: each such character is shown as its
control picture ("␛" for ESC, "␍" for CR) or as ``<U+XXXX>``.  Newlines and tabs are kept.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab, and every bidi override, made visible."""
    return _UNSAFE.sub(_shown, text)
