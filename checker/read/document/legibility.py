r"""Can this text be read reliably? Signs that a report's text is garbled, and a verdict.

:func:`assess` looks at the text read from a report (a .txt, or what
:func:`checker.read.document.text.read_lines` got from a .docx or a PDF's text layer, its lines
joined with newlines) for the ways Vietnamese text gets damaged on its way out of a PDF or
through a wrong code page:

* ``unmapped``: glyphs with no Unicode inside words: U+FFFD, the noncharacters U+FFFE/U+FFFF,
  pdfminer's ``(cid:N)``, control characters ("kế(cid:14)t");
* ``private-use``: Private Use Area code points (U+E000–U+F8FF) inside words, what a
  symbol or legacy-encoded font gives instead of letters;
* ``mojibake``: UTF-8 read as Windows-1252 or Latin-1 ("Ã¡" for "á", "Æ°" for "ư",
  "áº£" for "ả");
* ``loose-marks``: combining marks that did not compose with a letter under NFC, and
  spacing accents (´ ` ˆ ˜ …) stuck to letters: diacritics split from their letters;
* ``foreign``: characters outside the Vietnamese alphabet, the digits and ordinary
  punctuation, inside words (legacy cp1258/TCVN3/VNI text shown as Windows-1252);
* ``stripped-diacritics``: Vietnamese words (enough of them to judge) that mostly carry no
  tone mark: Vietnamese prose has a tone mark on about three words in four;
* ``broken-words``: many words that cannot be Vietnamese syllables ("k t qu chuy n"):
  letters moved out of their words, as when a PDF draws some letters from a fallback font
  and an extractor reads them at the end of the line.

An unmapped or private-use glyph, or a foreign character, standing alone (a ticked box
U+F0FE from a symbol font, a bullet, a "(cid:108)" logo) is a symbol, not a damaged letter,
and is not counted: only those touching a letter (or one another) are.

Each sign has a share (of the text's non-space characters, of its letters or of its
Vietnamese words), a threshold on that share and a minimum count, so a short text is not
condemned by two odd characters. The thresholds were chosen by measurement
(``benchmarks/bench_legibility.py``; figures and margins in ``fixtures/pdf/README.md``):
the seed texts and the good PDF extractions stay far below them, and deliberately garbled
seeds and the scrambled extractions far above.

How the ``check`` command should use it (not wired in yet)::

    from checker.read.document.legibility import assess
    from checker.read.document.text import read_lines

    result = assess("\n".join(line.text for line in read_lines(path)))
    if not result.legible and not force:
        # exit code 2 (checker.core.errors.EXIT_INPUT), e.g. by raising
        raise InputError.from_problems(str(path), result.problems())

``result.problems()`` starts each problem with :data:`REFUSAL` ("không đọc được văn bản
này một cách tin cậy / this text cannot be read reliably") and says what was found (the
sign, its count and share, sample snippets); ``result.render()`` is the same as plain
text. With ``--force`` the check goes on, and should print ``result.render()`` as a warning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from checker.core.errors import Problem

REFUSAL = "không đọc được văn bản này một cách tin cậy / this text cannot be read reliably"

# --------------------------------------------------------------------------------------
# The Vietnamese alphabet
# --------------------------------------------------------------------------------------

_VOWELS = "aăâeêioôơuưy"
_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_VOWEL_FORMS = {unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in ("", *_TONE_MARKS)}
_LOWER = set("abcdefghijklmnopqrstuvwxyzđ") | _VOWEL_FORMS
VIETNAMESE_LETTERS = frozenset(_LOWER | {c.upper() for c in _LOWER})
# Each vowel form's toneless vowel (ă â ê ô ơ ư kept), for the vowels that carry a tone mark.
_TONELESS = {c: unicodedata.normalize("NFC", "".join(m for m in unicodedata.normalize("NFD", c)
                                                     if m not in _TONE_MARKS))
             for c in _VOWEL_FORMS}
_TONED = frozenset(c for c, base in _TONELESS.items() if c != base)
_ORDINARY = frozenset(
    "0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    "\u00a0\u00ad“”‘’„‚–—‐‑−…•·°§№«»±×÷≤≥€™®©¹²³½¼¾"
    "\u2022\u2023\u25cf\u25cb\u25a0\u25a1\u25aa\u25ab\u2610\u2611\u2612\u2713\u2714\u2717\u2718"
    "\u200b\u200c\u200d\ufeff"
)
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)

# --------------------------------------------------------------------------------------
# Signs
# --------------------------------------------------------------------------------------

_UNMAPPED = re.compile(r"\(cid:\d+\)|[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")
_PUA = re.compile(r"[\ue000-\uf8ff]")
_SPACING_MARKS = "´`ˆ˜¨ˊˋˀ˘˙˚˛˝\u02c6\u02c7\u02dc"
_LOOSE_MARK = re.compile(rf"[\u0300-\u036f]|(?<=[^\W\d_])[{_SPACING_MARKS}]|[{_SPACING_MARKS}](?=[^\W\d_])")
# UTF-8 bytes shown as Windows-1252 (undefined bytes as Latin-1): a lead byte Â–ô, then continuations.
_BYTE_OF = {chr(b): b for b in range(256)}
for _byte in range(0x80, 0xA0):
    try:
        _BYTE_OF[bytes([_byte]).decode("cp1252")] = _byte
    except UnicodeDecodeError:
        pass
_CONTINUATIONS = "".join(sorted(c for c, b in _BYTE_OF.items() if 0x80 <= b <= 0xBF))
_MOJIBAKE = re.compile(rf"[\u00c2-\u00f4][{re.escape(_CONTINUATIONS)}]{{1,3}}")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Threshold:
    """A sign condemns a text when its share is at least ``share`` and its count at least ``count``."""

    share: float
    count: int
    of: str  # what the share is of


# Chosen by measurement: benchmarks/bench_legibility.py; fixtures/pdf/README.md has the margins.
THRESHOLDS: dict[str, Threshold] = {
    "unmapped": Threshold(0.002, 5, "non-space characters"),
    "private-use": Threshold(0.005, 10, "non-space characters"),
    "mojibake": Threshold(0.002, 5, "non-space characters"),
    "loose-marks": Threshold(0.002, 5, "letters"),
    "foreign": Threshold(0.003, 10, "non-space characters"),
    "stripped-diacritics": Threshold(0.5, 100, "Vietnamese words"),
    "broken-words": Threshold(0.03, 30, "Vietnamese words"),
}

MESSAGES = {
    "unmapped": "chữ không có mã Unicode / letters with no Unicode (U+FFFD, (cid:N), control characters)",
    "private-use": "chữ mã hóa riêng (vùng U+E000–U+F8FF) / letters as private-use-area code points",
    "mojibake": "lỗi mã hóa: UTF-8 đọc thành Windows-1252 / mojibake: UTF-8 read as Windows-1252 or Latin-1",
    "loose-marks": "dấu tách rời khỏi chữ / diacritics split from their letters",
    "foreign": "ký tự ngoài bảng chữ cái tiếng Việt / characters outside the Vietnamese alphabet",
    "stripped-diacritics": "tiếng Việt mất dấu thanh / Vietnamese words without their tone marks",
    "broken-words": "chữ bị xáo trộn, tách rời khỏi từ / letters moved out of their words",
}


@dataclass(frozen=True)
class Reason:
    """One sign of garbled text: which, how much, and where (a few snippets)."""

    code: str
    count: int
    share: float
    threshold: float
    samples: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        """The bilingual description of the sign."""
        return MESSAGES[self.code]

    def render(self) -> str:
        """One line: the message, count and share against the threshold, samples."""
        samples = "; ".join(repr(sample) for sample in self.samples)
        return (f"{self.message}: {self.count} ({self.share:.1%} of {THRESHOLDS[self.code].of}; "
                f"ngưỡng / threshold {self.threshold:.1%})" + (f": {samples}" if samples else ""))


@dataclass(frozen=True)
class Legibility:
    """The verdict on a text.

    ``legible`` is False when some sign reaches its threshold; ``reasons`` are those signs.
    ``score`` is 1 − worst / 2, clipped to [0, 1], where worst is the largest share/threshold
    ratio among the signs with enough count: 1 for a text with no sign at all, above 0.5 for
    a legible text, 0.5 at a threshold, 0 at twice a threshold or worse. ``measures`` has
    every sign's share and the totals (characters, letters, words) they are shares of.
    """

    legible: bool
    score: float
    reasons: tuple[Reason, ...]
    measures: dict[str, float] = field(default_factory=dict)

    def render(self) -> str:
        """The refusal for a human: the headline, then one line per reason."""
        if self.legible:
            return "văn bản đọc được / the text is legible"
        return "\n".join([REFUSAL, *(f"  - {reason.render()}" for reason in self.reasons)])

    def problems(self) -> list[Problem]:
        """The reasons as problems of an :class:`checker.core.errors.InputError` (exit code 2)."""
        return [Problem("", f"{REFUSAL}: {reason.message}",
                        f"{reason.count} ({reason.share:.1%}): " + "; ".join(reason.samples))
                for reason in self.reasons]


def _snippets(text: str, spans: list[tuple[int, int]], limit: int = 3) -> tuple[str, ...]:
    result: list[str] = []
    shown_to = -1
    for start, end in spans:
        if start < shown_to:
            continue
        left, right = max(0, start - 15), min(len(text), end + 15)
        result.append(" ".join(text[left:right].split()))
        shown_to = right
        if len(result) == limit:
            break
    return tuple(result)


def _in_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that touch a letter or another of the spans (not symbols standing alone)."""
    starts = {start for start, _ in spans}
    ends = {end for _, end in spans}

    def letter(index: int) -> bool:
        return 0 <= index < len(text) and text[index].isalpha()

    return [(start, end) for start, end in spans
            if letter(start - 1) or letter(end) or start in ends or end in starts]


def _mojibake(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _MOJIBAKE.finditer(text):
        try:
            decoded = bytes(_BYTE_OF[c] for c in match.group(0)).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if not decoded.isascii():
            spans.append(match.span())
    return spans


def _is_syllable(word: str) -> bool:
    """Whether a lower-case word of Vietnamese letters can be one Vietnamese syllable."""
    if sum(c in _TONED for c in word) > 1:
        return False
    return _SYLLABLE.fullmatch("".join(_TONELESS.get(c, c) for c in word)) is not None


@dataclass(frozen=True)
class _Sign:
    count: int
    share: float
    spans: list[tuple[int, int]]


def measure(text: str) -> tuple[dict[str, _Sign], dict[str, int]]:
    """Every sign's count, share and spans in ``text`` (NFC), and the totals they are shares of."""
    text = unicodedata.normalize("NFC", text)
    glyphs = sum(not c.isspace() for c in text)
    letters = sum(c.isalpha() for c in text)

    def sign(spans: list[tuple[int, int]], total: int, count: int | None = None) -> _Sign:
        count = len(spans) if count is None else count
        return _Sign(count, count / total if total else 0.0, spans)

    signs: dict[str, _Sign] = {}
    unmapped = _in_words(text, [m.span() for m in _UNMAPPED.finditer(text)])
    signs["unmapped"] = sign(unmapped, glyphs)
    pua = _in_words(text, [m.span() for m in _PUA.finditer(text)])
    signs["private-use"] = sign(pua, glyphs)
    mojibake = _mojibake(text)
    signs["mojibake"] = sign(mojibake, glyphs, sum(end - start for start, end in mojibake))
    loose = [m.span() for m in _LOOSE_MARK.finditer(text)]
    signs["loose-marks"] = sign(loose, letters)
    counted = {i for start, end in (*unmapped, *pua, *mojibake, *loose) for i in range(start, end)}
    candidates = [(i, i + 1) for i, c in enumerate(text)
                  if not c.isspace() and c not in VIETNAMESE_LETTERS and c not in _ORDINARY and i not in counted
                  and not _PUA.match(c) and not _UNMAPPED.match(c) and not ("\u0300" <= c <= "\u036f")]
    signs["foreign"] = sign(_in_words(text, candidates), glyphs)
    # Vietnamese words: made of Vietnamese letters, not all capitals (abbreviations: UBND, CNTT);
    # "(cid:N)" is no word ("cid"), so it is blanked out first (same length: spans stay put).
    plain = _UNMAPPED.sub(lambda m: "#" * len(m.group(0)), text)
    words = [m for m in _WORD.finditer(plain)
             if all(c in VIETNAMESE_LETTERS for c in m.group(0)) and not (len(m.group(0)) > 1 and m.group(0).isupper())]
    syllables = [m for m in words if _is_syllable(m.group(0).lower())]
    untoned = [m.span() for m in syllables if not any(c in _TONED for c in m.group(0).lower())]
    signs["stripped-diacritics"] = sign(untoned, len(syllables))
    broken = [m.span() for m in words if not _is_syllable(m.group(0).lower())]
    signs["broken-words"] = sign(broken, len(words))
    totals = {"characters": glyphs, "letters": letters, "words": len(words), "syllables": len(syllables)}
    return signs, totals


def assess(text: str, thresholds: dict[str, Threshold] | None = None) -> Legibility:
    """Whether ``text`` can be read reliably, with the signs that say it cannot (see the module doc)."""
    limits = THRESHOLDS if thresholds is None else thresholds
    text = unicodedata.normalize("NFC", text)
    signs, totals = measure(text)
    reasons = []
    worst = 0.0
    for code, found in signs.items():
        limit = limits[code]
        if found.count < limit.count:
            continue
        worst = max(worst, found.share / limit.share)
        if found.share >= limit.share:
            reasons.append(Reason(code, found.count, found.share, limit.share, _snippets(text, found.spans)))
    measures = {code: found.share for code, found in signs.items()} | {k: float(v) for k, v in totals.items()}
    return Legibility(legible=not reasons, score=max(0.0, min(1.0, 1 - worst / 2)), reasons=tuple(reasons),
                      measures=measures)
