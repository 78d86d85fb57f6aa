"""Line numbers of JSON pointers in a JSON text, so findings can point into the report file."""

from __future__ import annotations

import json
import re
from typing import Any

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.lines: dict[str, int] = {}
        self.key_lines: dict[str, list[tuple[int, int]]] = {}
        """Every (line, column) at which each key's pointer occurs (more than one: a duplicate key)."""
        self._counted = 0  # newlines are counted up to here (the position only moves forward)
        self._line = 1

    def line(self) -> int:
        self._line += self.text.count("\n", self._counted, self.pos)
        self._counted = self.pos
        return self._line

    def skip(self) -> None:
        self.pos = _WS.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def value(self, pointer: str) -> None:
        self.skip()
        self.lines.setdefault(pointer, self.line())
        char = self.text[self.pos]
        if char == "{":
            self.container(pointer, "}", keyed=True)
        elif char == "[":
            self.container(pointer, "]", keyed=False)
        elif char == '"':
            self.pos = _STRING.match(self.text, self.pos).end()  # type: ignore[union-attr]
        else:
            match = _SCALAR.match(self.text, self.pos)
            if match is None:
                raise ValueError(f"unexpected character at {self.pos}")
            self.pos = match.end()

    def container(self, pointer: str, close: str, keyed: bool) -> None:
        self.pos += 1
        index = 0
        self.skip()
        if self.text[self.pos] == close:
            self.pos += 1
            return
        while True:
            self.skip()
            if keyed:
                match = _STRING.match(self.text, self.pos)
                token = match.group(0)  # type: ignore[union-attr]
                key = json.loads(token) if "\\" in token else token[1:-1]
                key_line = self.line()
                self.pos = match.end()  # type: ignore[union-attr]
                self.skip()
                self.pos += 1  # the colon
                child = f"{pointer}/{_escape(key)}"
                self.lines[child] = key_line
                column = self.pos - self.text.rfind("\n", 0, self.pos)
                self.key_lines.setdefault(child, []).append((key_line, column))
            else:
                child = f"{pointer}/{index}"
            self.value(child)
            index += 1
            self.skip()
            if self.text[self.pos] == ",":
                self.pos += 1
                continue
            self.pos += 1  # the closing bracket
            return


_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"(?:[ \t\n\r]*:)?|[{}\[\]]|[^\s{}\[\],:"]+')
"""A token of a valid JSON text: a key with its colon, a string, a bracket, or a bare scalar (commas and
whitespace between are skipped: an item's index is counted, and a key is told by its colon)."""


def pointer_lines(text: str) -> dict[str, int]:
    """Map every JSON pointer in ``text`` (a valid JSON document) to its 1-based line.

    The same map as :class:`_Scanner` builds (a key's pointer is on its key's line, an item's
    on its first character's; tests/test_jsonpos.py compares them), from one pass over the
    tokens instead of a regular-expression match per value and per stretch of whitespace:
    every report a SARIF, JUnit or Markdown output locates goes through here.
    """
    text = text.lstrip("\ufeff")
    lines: dict[str, int] = {}
    frames: list[str] = []  # the pointer of each open object or array
    arrays: list[list[Any] | None] = []  # [pointer, index of the next item] of each open array, None for an object
    pointer = ""  # of the value after the last key (or of the whole document)
    line, counted = 1, 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first == "}" or first == "]":
            arrays.pop()
            frames.pop()
            continue
        start = match.start()
        line += text.count("\n", counted, start)
        counted = start
        if token[-1] == ":" and first == '"':  # a key
            key = token[1:token.rindex('"')]
            if "\\" in key:
                key = json.loads(f'"{key}"')
            pointer = f"{frames[-1]}/{_escape(key) if '~' in key or '/' in key else key}"
            lines[pointer] = line
            continue
        array = arrays[-1] if arrays else None
        if array is not None:
            pointer = f"{array[0]}/{array[1]}"
            array[1] += 1
        lines.setdefault(pointer, line)
        if first == "{":
            frames.append(pointer)
            arrays.append(None)
        elif first == "[":
            frames.append(pointer)
            arrays.append([pointer, 0])
    return lines


def duplicate_keys(text: str) -> dict[str, list[tuple[int, int]]]:
    """Pointers of keys that occur more than once in their object, with every (line, column) they occur at."""
    scanner = _Scanner(text.lstrip("\ufeff"))
    try:
        scanner.value("")
    except (ValueError, IndexError, AttributeError):
        pass
    return {pointer: lines for pointer, lines in scanner.key_lines.items() if len(lines) > 1}


def line_of(lines: dict[str, int], pointer: str | None) -> int:
    """The line of ``pointer``, or of its nearest existing parent (1 when nothing matches).

    Indicators may be written as one object instead of a list; ``/indicators/c/0/x`` then
    also matches ``/indicators/c/x``.
    """
    if not pointer:
        return 1
    candidates = [pointer]
    parts = pointer.split("/")
    if len(parts) > 3 and parts[1] in ("indicators",) and parts[3] == "0":
        candidates.append("/".join(parts[:3] + parts[4:]))
    if len(parts) > 5 and parts[1] == "goals" and parts[4] == "0":
        candidates.append("/".join(parts[:4] + parts[5:]))
    for candidate in candidates:
        if candidate in lines:
            return lines[candidate]
    for candidate in candidates:
        probe = candidate.rsplit("/", 1)[0]
        while probe:
            if probe in lines:
                return lines[probe]
            probe = probe.rsplit("/", 1)[0]
    return 1
