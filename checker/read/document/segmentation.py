"""Opt-in Vietnamese word segmentation for the reader: a phrase must start and end on word boundaries.

The reader maps the words around a number to an indicator by syllable phrases
(``patterns.yaml``): "phí" also matches inside "chi phí", "công" inside "công chức".  With a
word segmenter (pyvi or underthesea) a phrase match can be required to start and end where the
segmenter puts a word boundary, so "phí" no longer matches the second syllable of the word
"chi_phí".  :func:`word_boundaries` turns that filter on for the reader's indicator matching
(``checker.read.document.matching``) for the duration of a ``with`` block.

This module is **not** imported by the reader or by ``check``: only code that asks for
segmentation imports it (``benchmarks/bench_segmentation.py``).  pyvi and underthesea are not
dependencies of the checker; :func:`segmenter` raises :class:`SegmenterMissing` with a message
saying how to install one when it is not there.  The measurement that decided not to use it by
default is in ``docs/reading.md`` ("Tách từ").
"""

from __future__ import annotations

import dataclasses
import importlib
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from typing import Any

SEGMENTERS = ("pyvi", "underthesea")
"""The segmenters this module knows, by the name of their Python package."""

SCOPES = ("local", "all")
"""Which phrases the filter applies to: ``local`` — the phrases of what the number counts
(``local:`` in ``patterns.yaml``); ``all`` — also the context phrases (``ctx:``) and exclusions (``none:``)."""

class SegmenterMissing(RuntimeError):
    """The requested word segmenter is not installed, or is not one this module knows."""


class Segmenter:
    """A word segmenter: words as character spans of the text it was given, and the boundary test."""

    def __init__(self, name: str, tokenize: Callable[[str], list[str]], joiner: str):
        self.name = name
        self._tokenize = tokenize
        self._joiner = joiner
        self._interior = lru_cache(maxsize=8192)(self._interior_uncached)
        self.seconds = 0.0
        """Seconds spent in the segmenter itself (not in aligning or caching), since :meth:`clear_cache`."""
        self.rejected: Counter[tuple[str, str]] | None = None
        """When set to a Counter, :class:`BoundaryPattern` counts each refused match here as
        (matched text, the segmenter's words around it) — to see what the filter refuses."""

    def words(self, text: str) -> list[str]:
        """The segmenter's words of ``text``, each a string of syllables joined by a space."""
        return [word.replace(self._joiner, " ") if self._joiner != " " else word for word in self._tokenize(text)]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) character spans of the words of ``text`` that could be aligned to it.

        The segmenter is given :func:`segmentation_view` of the text (same length, so spans
        are the text's own).  A word whose syllables cannot be found in order (the segmenter
        changed the text) is left out, so its positions count as boundaries: the filter then
        accepts what the reader without segmentation accepts there; the next word is looked for
        past it.
        """
        view = segmentation_view(text)
        started = time.perf_counter()
        words = self.words(view)
        self.seconds += time.perf_counter() - started
        spans: list[tuple[int, int]] = []
        cursor = 0
        skip = 0  # characters of words that could not be aligned, which the next word may pass over
        for word in words:
            syllables = word.split()
            if not syllables:
                continue
            found = _align(view, syllables, cursor, skip)
            if found is None:
                skip += len(word) + 1
                continue
            spans.append(found)
            cursor, skip = found[1], 0
        return spans

    def _interior_uncached(self, text: str) -> bytes:
        inside = bytearray(len(text) + 1)
        for start, end in self.spans(text):
            inside[start + 1:end] = b"\x01" * (end - start - 1)
        return bytes(inside)

    def clear_cache(self) -> None:
        """Forget the texts segmented so far and the time spent (to time segmentation from a cold cache)."""
        self._interior.cache_clear()
        self.seconds = 0.0

    def cut(self, text: str, start: int, end: int) -> str:
        """The segmenter's words overlapping ``text[start:end]``, syllables joined by "_" ("tổng_kinh_phí")."""
        return " ".join(text[s:e].replace(" ", "_") for s, e in self.spans(text) if s < end and e > start)

    def on_boundaries(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` starts and ends on word boundaries (never inside a word)."""
        inside = self._interior(text)
        return not inside[start] and not inside[end]


def _align(text: str, syllables: list[str], cursor: int, skip: int = 0) -> tuple[int, int] | None:
    """Where the syllables of one word sit in ``text`` from ``cursor`` on, or None.

    Only spaces may come before a syllable, except that the first one may pass over ``skip``
    characters (words before it that could not be aligned).
    """
    start = end = -1
    for syllable in syllables:
        position = text.find(syllable, cursor)
        between = text[cursor:position]
        allowed = skip if start < 0 else 0
        if position < 0 or len(between.strip()) > allowed:
            return None
        if start < 0:
            start = position
        cursor = end = position + len(syllable)
    return start, end


# fold() writes "oà" as "òa" everywhere, so that both placements match ("hoá", "hóa"); in a closed
# syllable ("toàn", "khoản") the mark is on the second vowel in both styles, which a segmenter expects.
_FOLDED_CLOSED = re.compile(r"([òóỏõọ])a(?=[^\W\d_])|([òóỏõọ])e(?=[^\W\d_])|([ùúủũụ])y(?=[^\W\d_])",
                            re.IGNORECASE)
_MARKS = {"ò": "à", "ó": "á", "ỏ": "ả", "õ": "ã", "ọ": "ạ"}
_MARKS_E = {"ò": "è", "ó": "é", "ỏ": "ẻ", "õ": "ẽ", "ọ": "ẹ"}
_MARKS_Y = {"ù": "ỳ", "ú": "ý", "ủ": "ỷ", "ũ": "ỹ", "ụ": "ỵ"}


def _restore(match: re.Match[str]) -> str:
    first, table, plain_first = ((match.group(1), _MARKS, "o") if match.group(1) else
                                 (match.group(2), _MARKS_E, "o") if match.group(2) else (match.group(3), _MARKS_Y, "u"))
    second = match.group(0)[1]
    if first.isupper() != second.isupper():  # "òA": not a spelling fold() wrote; leave it
        return match.group(0)
    marked = table[first.lower()]
    if first.isupper():
        plain_first = plain_first.upper()
    if second.isupper():
        marked = marked.upper()
    return plain_first + marked


def segmentation_view(text: str) -> str:
    """``text`` as the segmenter is given it, of the same length: closed syllables spelt as written
    ("tòan" from fold() back to "toàn"), and table bars ("|") and the reader's split mark ("#")
    as semicolons, which segmenters know as punctuation (underthesea joins "#" to the next word).
    """
    return _FOLDED_CLOSED.sub(_restore, text).replace("|", ";").replace("#", ";")


def _pyvi() -> Segmenter:
    module = importlib.import_module("pyvi.ViTokenizer")

    def tokenize(text: str) -> list[str]:
        return str(module.tokenize(text)).split()

    return Segmenter("pyvi", tokenize, "_")


def _underthesea() -> Segmenter:
    module = importlib.import_module("underthesea")

    def tokenize(text: str) -> list[str]:
        return list(module.word_tokenize(text))

    return Segmenter("underthesea", tokenize, " ")


_LOADERS: dict[str, Callable[[], Segmenter]] = {"pyvi": _pyvi, "underthesea": _underthesea}


@cache
def segmenter(name: str) -> Segmenter:
    """The named segmenter (``pyvi`` or ``underthesea``), loaded once per process.

    Raises :class:`SegmenterMissing` when the name is unknown or its package is not installed.
    """
    if name not in _LOADERS:
        raise SegmenterMissing(
            f"không có bộ tách từ '{name}' (chọn: {', '.join(SEGMENTERS)}) / "
            f"no word segmenter '{name}' (choose: {', '.join(SEGMENTERS)})")
    try:
        return _LOADERS[name]()
    except ImportError as exc:
        raise SegmenterMissing(
            f"chưa cài bộ tách từ '{name}': pip install {name} / "
            f"the word segmenter '{name}' is not installed: pip install {name} ({exc})") from exc


class BoundaryPattern:
    """A compiled phrase whose ``search`` returns only matches that start and end on word boundaries."""

    def __init__(self, pattern: re.Pattern[str], segmenter: Segmenter):
        self.pattern = pattern
        self.segmenter = segmenter

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The first match from ``pos`` whose ends are word boundaries (segmenting only when it matches)."""
        for match in self.pattern.finditer(text, pos):
            if self.segmenter.on_boundaries(text, match.start(), match.end()):
                return match
            if self.segmenter.rejected is not None:
                cut = self.segmenter.cut(text, match.start(), match.end())
                self.segmenter.rejected[(match.group(0).lower(), cut.lower())] += 1
        return None

    def match(self, text: str) -> re.Match[str] | None:
        """``re.Pattern.match``, unfiltered (used for a number's unit word)."""
        return self.pattern.match(text)


def _wrap(pattern: Any, seg: Segmenter, scope: str) -> Any:
    def wrap_all(items: tuple[re.Pattern[str], ...]) -> tuple[Any, ...]:
        return tuple(BoundaryPattern(item, seg) for item in items)

    changes: dict[str, Any] = {"local": wrap_all(pattern.local)}
    if scope == "all":
        changes.update(ctx=wrap_all(pattern.ctx), none=wrap_all(pattern.none))
    return dataclasses.replace(pattern, **changes)


@contextmanager
def word_boundaries(name: str | Segmenter, scope: str = "local") -> Iterator[Segmenter]:
    """Within the block, the reader's indicator phrases match only on the segmenter's word boundaries.

    ``name`` is one of :data:`SEGMENTERS` (or a :class:`Segmenter`); ``scope`` one of :data:`SCOPES`.
    Replaces, for the block only, the compiled phrases that ``checker.read.document.matching``
    reads; everything else the reader does is unchanged.
    """
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}, not {scope!r}")
    seg = name if isinstance(name, Segmenter) else segmenter(name)
    from checker.read.document import matching

    original = matching.patterns
    base = original()
    wrapped = dataclasses.replace(base, indicators=tuple(_wrap(p, seg, scope) for p in base.indicators))
    matching.patterns = lambda: wrapped  # type: ignore[assignment]
    try:
        yield seg
    finally:
        matching.patterns = original  # type: ignore[assignment]


NOUN_PHRASE_TAGS = frozenset({"N", "Nc", "Np", "Nu", "Ny", "Nb", "A", "M"})
"""underthesea's tags that continue a head noun phrase: nouns, classifiers, units, adjectives, numerals."""


def head_phrase(text: str) -> str:
    """The head noun phrase that ``text`` begins with, by underthesea's part-of-speech tags.

    Leading punctuation is skipped; the phrase runs while the tags are in
    :data:`NOUN_PHRASE_TAGS` ("văn bản đi được ký số" → "văn bản").  When no phrase is found
    or the tagged words cannot be aligned to ``text``, ``text`` is returned unchanged.
    """
    view = segmentation_view(text)
    end = 0
    cursor = 0
    started = False
    for word, tag in _pos_tags_cached(view):
        found = _align(view, word.split(), cursor)
        if found is None:
            return text
        cursor = found[1]
        if tag == "CH" and not started:
            continue
        if tag not in NOUN_PHRASE_TAGS:
            break
        started = True
        end = found[1]
    return text[:end] if end else text


@contextmanager
def head_noun_phrase() -> Iterator[None]:
    """Within the block, a number read with the words it counts keeps only their head noun phrase.

    For the reader's "counted noun" readings (the words after the number, after the ``#``
    split), the words after the number are cut to the head noun phrase that underthesea's tags
    give (:func:`head_phrase`) before they are matched; label readings are unchanged.
    """
    pos_tags("")  # fail early, with the install hint, when underthesea is missing
    from checker.read.document import reader

    original = reader.match_indicators

    def cut(local: str, token: Any, context: Any, split: int = 0, strict: bool = False,
            after: str = "") -> list[tuple[int, int, int, str]]:
        mark = local.find("#", split) if split else -1
        if mark >= 0:
            local = local[:mark + 1] + " " + head_phrase(local[mark + 1:].strip())
        return original(local, token, context, split, strict, after)

    reader.match_indicators = cut  # type: ignore[assignment]
    try:
        yield
    finally:
        reader.match_indicators = original  # type: ignore[assignment]


_TAGGING = [0.0]  # seconds spent in underthesea's tagger since clear_pos_cache()


@lru_cache(maxsize=8192)
def _pos_tags_cached(text: str) -> tuple[tuple[str, str], ...]:
    started = time.perf_counter()
    tagged = tuple(pos_tags(text))
    _TAGGING[0] += time.perf_counter() - started
    return tagged


def clear_pos_cache() -> None:
    """Forget the texts tagged so far by :func:`head_phrase` and the time spent (to time tagging anew)."""
    _pos_tags_cached.cache_clear()
    _TAGGING[0] = 0.0


def tagging_seconds() -> float:
    """Seconds spent in underthesea's tagger by :func:`head_phrase` since :func:`clear_pos_cache`."""
    return _TAGGING[0]


def words_of(name: str, text: str) -> list[str]:
    """The words of ``text`` by the named segmenter (syllables joined by spaces)."""
    return segmenter(name).words(text)


def pos_tags(text: str) -> list[tuple[str, str]]:
    """The (word, part-of-speech tag) pairs underthesea gives for ``text``."""
    try:
        module = importlib.import_module("underthesea")
    except ImportError as exc:
        raise SegmenterMissing("chưa cài underthesea: pip install underthesea / "
                               f"underthesea is not installed: pip install underthesea ({exc})") from exc
    return [(str(word), str(tag)) for word, tag in module.pos_tag(text)]


__all__ = ["NOUN_PHRASE_TAGS", "SCOPES", "SEGMENTERS", "BoundaryPattern", "Segmenter", "SegmenterMissing",
           "clear_pos_cache", "head_noun_phrase", "head_phrase", "pos_tags", "segmentation_view", "segmenter",
           "tagging_seconds", "word_boundaries", "words_of"]
