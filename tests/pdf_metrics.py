"""Character accuracy of a PDF's extracted text against its source text (tests and benchmark).

Both texts are NFC-normalised and every run of whitespace (spaces, line and page breaks)
becomes one space, so line wrapping and blank lines do not count. The two are aligned with
difflib's longest-matching-blocks alignment (``autojunk=False``), and:

* ``accuracy`` = 1 − edits / len(reference), where the edits are the alignment's inserted,
  deleted and replaced characters (a replaced block counts its longer side): a character
  error rate read as accuracy, close to 1 − normalised Levenshtein distance (difflib's
  alignment is not always minimal, so this never overstates the accuracy);
* ``ratio``: the similarity 2·matches / (len(a) + len(b)), as difflib's ``ratio``;
* ``diacritics``: of the reference's Vietnamese letters with a diacritic (á, ế, ư, đ …),
  the share that the alignment matched; ``digits`` the same for 0–9.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+ ?| ")


def normalise(text: str) -> str:
    """NFC, whitespace runs to one space, no form feeds or soft hyphens."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return _SPACE.sub(" ", text).strip()


def has_diacritic(char: str) -> bool:
    """A Latin letter with a mark (the Vietnamese á, ầ, ữ …) or đ/Đ."""
    if char in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", char)
    return len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha()


@dataclass(frozen=True)
class Accuracy:
    """How well an extraction matches its reference (see the module docstring)."""

    accuracy: float
    ratio: float
    diacritics: float
    digits: float
    edits: int
    length: int


def _char_edits(ref: str, got: str, matched: list[bool], offset: int) -> int:
    """Edits between two short strings (character alignment); marks the matched reference characters."""
    edits = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ref, got, autojunk=False).get_opcodes():
        if tag == "equal":
            matched[offset + i1:offset + i2] = [True] * (i2 - i1)
        elif tag == "replace":
            edits += max(i2 - i1, j2 - j1)
        elif tag == "delete":
            edits += i2 - i1
        else:
            edits += j2 - j1
    return edits


def accuracy(reference: str, extracted: str) -> Accuracy:
    """Compare ``extracted`` with ``reference`` after :func:`normalise`.

    The alignment is by words first (each with its following space), then by characters
    inside the stretches of words that differ: the same result as a character alignment
    where the texts mostly agree, and seconds faster on report-length texts.
    """
    ref, got = normalise(reference), normalise(extracted)
    ref_words, got_words = _WORD.findall(ref), _WORD.findall(got)
    ref_starts = [0]
    for word in ref_words:
        ref_starts.append(ref_starts[-1] + len(word))
    got_starts = [0]
    for word in got_words:
        got_starts.append(got_starts[-1] + len(word))
    matched = [False] * len(ref)
    edits = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ref_words, got_words, autojunk=False).get_opcodes():
        a, b = ref_starts[i1], ref_starts[i2]
        if tag == "equal":
            matched[a:b] = [True] * (b - a)
        else:
            edits += _char_edits(ref[a:b], got[got_starts[j1]:got_starts[j2]], matched, a)
    matches = sum(matched)

    def share(pick) -> float:
        positions = [i for i, char in enumerate(ref) if pick(char)]
        return sum(matched[i] for i in positions) / len(positions) if positions else 1.0

    return Accuracy(
        accuracy=max(0.0, 1 - edits / len(ref)) if ref else float(not got),
        ratio=2 * matches / (len(ref) + len(got)) if ref or got else 1.0,
        diacritics=share(has_diacritic),
        digits=share(lambda char: "0" <= char <= "9"),
        edits=edits,
        length=len(ref),
    )
