"""A whole and its parts named by level or group: "Đặc khu thực hiện 347 TTHC (toàn trình 198; một phần
104; cung cấp thông tin 45)", "CKS: 12 chứng thư (tổ chức 01; lãnh đạo 03; CC 08)", "29 máy tính (26 máy để
bàn, 03 máy xách tay)", "TTHC cấp xã: toàn trình 214, một phần 106, chỉ cung cấp thông tin 41 (tổng 361)",
"Trang thông tin điện tử: 38 tin, bài; 11 văn bản".

How such a sentence is built: a head noun phrase (the words before the whole's number, its unit and the
words up to the list) names what is counted; the list opens with a bracket, "trong đó", "gồm" or a colon;
its entries are separated by ";" (or, in a list without one, by "," and "và"), each one number with the
words that name its part, before it ("toàn trình 198") or after it ("221 thủ tục toàn trình"); a whole may
also close the list ("(tổng 361)").  The families of ``lists.yaml`` (``breakdowns``) say which heads name
which whole and which words name which part.

Precision first: the list ends at the first entry whose words name no part of the family (or name two);
a part named twice ("Chủ tịch, 02 Phó Chủ tịch": both leaders) is left to the reader as a candidate; the
whole's code is given only when its head names one whole of the family.  Every part read keeps its whole:
when every entry of the list is a part with its number, the parts are recorded in the whole's ``parts``,
so the breakdown rule checks their sum.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from checker.catalogue.store import indicators as indicator_catalogue
from checker.core.yamlio import load_yaml
from checker.read.document.numbers_in_text import Token
from checker.read.document.wording import fold


@dataclass(frozen=True)
class Family:
    """A whole and the parts a list names by level or group."""

    name: str
    head: re.Pattern[str]
    head_none: re.Pattern[str] | None
    wholes: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None], ...]
    """(code, head, none, units) of each whole the family may have."""
    parts: tuple[tuple[str, re.Pattern[str]], ...]
    units: re.Pattern[str] | None
    """The unit words a number of the list may have (a part "120 hồ sơ" ends a list of procedures)."""
    without_whole: bool
    """Whether a colon list of parts with no whole is read ("Trang TTĐT: 22 tin, bài; 09 VB")."""
    sums: tuple[tuple[str, frozenset[str]], ...] = ()
    """(code, parts) of a whole that is by definition the sum of exactly these parts (``sum_of``)."""


@dataclass
class Listing:
    """What the list reading gives an item: number index -> code, and the wholes' parts."""

    codes: dict[int, str] = field(default_factory=dict)
    parts: dict[int, dict[str, float]] = field(default_factory=dict)
    """Whole's number index -> {part name as written: value}, for a complete list."""
    whole_of: dict[int, int] = field(default_factory=dict)
    """Part's number index -> its whole's number index."""


def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{fold(pattern)})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def families() -> tuple[Family, ...]:
    """The breakdown families of ``lists.yaml``, compiled (once per process)."""
    raw = load_yaml(resources.files("checker.read.document").joinpath("lists.yaml").read_text("utf-8"))
    known = indicator_catalogue()
    out = []
    for name, spec in (raw.get("breakdowns") or {}).items():
        wholes = []
        for code, whole in (spec.get("wholes") or {}).items():
            if code not in known:
                raise ValueError(f"lists.yaml: unknown indicator code {code}")
            wholes.append((code, _regex(whole["head"]), _regex(whole["none"]) if whole.get("none") else None,
                           re.compile(rf"^(?:{fold(whole['units'])})$", re.IGNORECASE) if whole.get("units") else None))
        parts = []
        for code, words in spec["parts"].items():
            if code not in known:
                raise ValueError(f"lists.yaml: unknown indicator code {code}")
            parts.append((code, _regex(words)))
        units = re.compile(rf"^(?:{fold(spec['units'])})$", re.IGNORECASE) if spec.get("units") else None
        sums = tuple((code, frozenset(whole["sum_of"])) for code, whole in (spec.get("wholes") or {}).items()
                     if whole.get("sum_of"))
        for _, summed in sums:
            if not summed <= {code for code, _ in parts}:
                raise ValueError(f"lists.yaml: {name}: sum_of names a part the family does not have")
        out.append(Family(name, _regex(spec["head"]), _regex(spec["none"]) if spec.get("none") else None,
                          tuple(wholes), tuple(parts), units, bool(spec.get("without_whole", False)), sums))
    return tuple(out)


# After the whole's number and its noun: the list opens ("(", ", trong đó", ", gồm:", ":").
_OPENER = re.compile(r"[^;.:()]{0,100}?(?P<open>\(|,?\s*(?:trong đó|bao gồm|gồm)(?:\s+có)?\s*:?|:)", re.IGNORECASE)
# A clause that is a label and its list: "- TTHC cấp xã: toàn trình 214, …".
_COLON_HEAD = re.compile(r"[\s\-–•+*]*(?P<head>[^\W\d][^:;()]{1,80}?)\s*:", re.IGNORECASE)
_OPENS = re.compile(r"\(|(?<!\w)(?:trong đó|gồm)(?!\w)", re.IGNORECASE)
_ANSWER = re.compile(r"\s*(?:trả lời|TL|đáp)\s*", re.IGNORECASE)
_FULL_STOP = re.compile(r"[.!?](?=\s|$)")
_TOTAL = re.compile(r"^\W*(?:tổng|tổng cộng|tổng số)\s*:?\s*$", re.IGNORECASE)
_AND = re.compile(r",|(?<!\w)và(?!\w)", re.IGNORECASE)


@dataclass
class _Entry:
    start: int
    end: int
    numbers: list[int]


def _close(text: str, start: int, end: int) -> int:
    """Where the bracket opened just before ``start`` closes (or ``end``)."""
    depth = 1
    for pos in range(start, end):
        if text[pos] == "(":
            depth += 1
        elif text[pos] == ")":
            depth -= 1
            if depth == 0:
                return pos
    return end


def _entries(text: str, start: int, end: int, found: list[Token]) -> list[_Entry]:
    """The entries of a list between ``start`` and ``end``: split at ";" when the list has one at its own
    depth (unless its first entry then holds several numbers: a comma list that the ";" ends), else at ","
    and "và"; brackets inside an entry stay in it.
    """
    depth = 0
    cuts_semi: list[tuple[int, int]] = []
    cuts_and: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        char = text[pos]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            if char == ";":
                cuts_semi.append((pos, pos + 1))
            elif (match := _AND.match(text, pos)) is not None:
                cuts_and.append((match.start(), match.end()))
                pos = match.end()
                continue
        pos += 1
    entries = _cut(text, start, end, cuts_semi or cuts_and, found)
    if cuts_semi and len(entries[0].numbers) > 1:
        # "trong đó toàn trình 211, một phần 112, cung cấp thông tin 44; 100% TTHC …": a comma list the ";" ends
        end = cuts_semi[0][0]
        entries = _cut(text, start, end, [cut for cut in cuts_and if cut[0] < end], found)
    return entries


def _cut(text: str, start: int, end: int, cuts: list[tuple[int, int]], found: list[Token]) -> list[_Entry]:
    entries = []
    begin = start
    for cut_start, cut_end in [*cuts, (end, end)]:
        numbers = [index for index, token in enumerate(found) if begin <= token.start < cut_start
                   and not _in_brackets(text, begin, token.start)]
        entries.append(_Entry(begin, cut_start, numbers))
        begin = cut_end
    return entries


def _stop(text: str, start: int, end: int) -> int:
    """Where a list that opened at ``start`` ends: at a full stop before a space ("… 12 của công chức. 100% …"),
    which the sentence spans do not always cut before a number, or at ``end``.
    """
    found = _FULL_STOP.search(text, start, end)
    return found.start() if found else end


def _in_brackets(text: str, start: int, pos: int) -> bool:
    between = text[start:pos]
    return between.count("(") > between.count(")")


def _part_code(family: Family, words: str) -> str | None:
    """The part an entry's words name: its code, None when they name none, "" when they name several."""
    named = {code for code, pattern in family.parts if pattern.search(words)}
    if len(named) > 1:
        return ""
    return named.pop() if named else None


@dataclass
class _Reading:
    family: Family
    whole: int | None
    whole_code: str | None
    parts: list[tuple[int, str, str]]  # (number index, code, name as written)
    complete: bool


def _read_list(family: Family, raw: str, entries: list[_Entry], found: list[Token],
               expand: Callable[[str], str]) -> tuple[list[tuple[int, str, str]], int | None, bool]:
    """The parts a list's entries name (number index, code, name), a closing whole's number, and whether
    every entry was a named part with its number.
    """
    parts: list[tuple[int, str, str]] = []
    numberless: set[str] = set()
    closing = None
    complete = True
    previous: str | None = None
    for entry in entries:
        own = raw[entry.start:entry.end]  # the entry's words as written, its number taken out, its unit kept
        for index in entry.numbers:
            token = found[index]
            own = own.replace(raw[token.start:token.value_end], " ", 1)
        own = re.sub(r"\([^()]*\)", " ", own)
        words = expand(fold(own))
        if len(entry.numbers) > 1 or any(found[i].kind != "count" for i in entry.numbers):
            complete = False
            break
        if entry.numbers and _TOTAL.match(words):
            closing = entry.numbers[0]
            break
        unit = found[entry.numbers[0]].unit if entry.numbers else None
        other_unit = bool(unit and family.units and not family.units.match(unit))
        if (family.head_none and family.head_none.search(words)) or other_unit:
            complete = False  # "trong đó toàn trình 120 hồ sơ": no longer the family's parts
            break
        code = _part_code(family, words)
        if not entry.numbers:
            if code and code != previous:
                numberless.add(code)  # "Chủ tịch, 02 Phó Chủ tịch": a part named without its number
            complete = complete and (code is None or code == previous)
            continue
        if not code:
            complete = False
            break
        parts.append((entry.numbers[0], code, " ".join(re.sub(r"[^\w\s,]", " ", own).split())))
        previous = code
    codes = [code for _, code, _ in parts]
    kept = [part for part in parts if codes.count(part[1]) == 1 and part[1] not in numberless]
    return kept, closing, complete and len(kept) == len(parts) and not numberless


def read_lists(text: str, found: list[Token], spans: list[tuple[int, int]], prefix: int,
               expand: Callable[[str], str], question: str | None = None) -> Listing:
    """The list readings of an item's ``text`` with its numbers ``found`` and sentence ``spans``; ``expand``
    writes out the document's own abbreviations in folded words ("CC" → "công chức"); ``question`` is the
    checklist question the item answers, the head of a list after "Trả lời:".
    """
    listing = Listing()
    folded = fold(text)
    if not any(family.head.search(folded) for family in families()) and not (question and _ANSWER.match(text)):
        return listing  # no family's head in the item: nothing to read (most items)
    for sentence_start, sentence_end in spans:
        start = max(sentence_start, prefix)
        if start >= sentence_end:
            continue
        numbers = [index for index, token in enumerate(found) if start <= token.start < sentence_end]
        for reading in _sentence_readings(text, found, numbers, start, sentence_end, expand, question):
            _keep(listing, reading, found)
    return listing


def _sentence_readings(text: str, found: list[Token], numbers: list[int], start: int, end: int,
                       expand: Callable[[str], str], question: str | None) -> list[_Reading]:
    readings = []
    used: set[int] = set()
    # a whole's number, then the list it opens
    for index in numbers:
        token = found[index]
        if token.kind != "count" or index in used:
            continue
        opener = _OPENER.match(text, token.end, end)
        if opener is None or any(token.end <= found[i].start < opener.end() for i in numbers):
            continue
        list_end = _close(text, opener.end(), end) if opener.group("open") == "(" else _stop(text, opener.end(), end)
        clause = max(start, text.rfind(";", start, token.start) + 1)
        head = expand(fold(text[clause:token.start] + " " + text[token.value_end:opener.start("open")]))
        reading = _best(head, text, _entries(text, opener.end(), list_end, found), found, index, expand)
        if reading is not None and _OPENS.search(text, clause, token.start):
            reading.whole_code = None  # "… là 17, gồm 01 … và 16 chữ ký số cá nhân (05 …)": a part as a whole
        elif reading is not None and reading.whole_code is None:
            _whole_of_the_parts_unit(reading, text, found, numbers, clause, index, expand)
        if reading is not None:
            readings.append(reading)
            used.update(i for i, _, _ in reading.parts)
    # a label, a colon and the list: "- TTHC cấp xã: toàn trình 214, …, … 41 (tổng 361)"
    for clause in (start,):
        colon = _COLON_HEAD.match(text, clause, end)
        if colon is None or any(clause <= found[i].start < colon.end() for i in numbers):
            continue
        head = expand(fold(colon.group("head")))
        if _ANSWER.fullmatch(head):  # "Câu 24. Số tin, bài … trên Trang thông tin điện tử?" "Trả lời: 31 tin, bài; …"
            head = expand(fold(question or ""))
        list_end = _stop(text, colon.end(), end)
        entries = _entries(text, colon.end(), list_end, found)
        if entries and entries[-1].numbers and "(" in text[entries[-1].start:entries[-1].end]:
            # "… chỉ cung cấp thông tin 41 (tổng 361)": the closing whole sits in the last entry's bracket
            last = entries[-1]
            bracket = text.index("(", last.start, last.end)
            inner = [i for i in numbers if bracket < found[i].start < last.end]
            entries[-1] = _Entry(last.start, bracket, [i for i in last.numbers if found[i].start < bracket])
            if len(inner) == 1:
                entries.append(_Entry(bracket + 1, _close(text, bracket + 1, last.end), inner))
        reading = _best(head, text, entries, found, None, expand)
        if reading is not None and (reading.whole is not None or (reading.family.without_whole
                                                                   and len(reading.parts) >= 2)):
            if not used.intersection(i for i, _, _ in reading.parts):
                readings.append(reading)
    return readings


def _whole_of_the_parts_unit(reading: _Reading, text: str, found: list[Token], numbers: list[int], clause: int,
                             index: int, expand: Callable[[str], str]) -> None:
    """The whole the parts count, earlier in the clause, when the number before the list counts another unit:
    "cử 41 lượt cán bộ … tham gia 06 lớp tập huấn (29 lượt trực tiếp, 12 lượt trực tuyến)" — the parts are
    "lượt", so their whole is 41, not the 06 classes.  Only the nearest earlier count whose unit one of the
    family's wholes takes, with its head before it.
    """
    units = {fold(found[i].unit or "").lower() for i, _, _ in reading.parts}
    for back in [i for i in numbers if found[i].start >= clause and i < index][::-1]:
        token = found[back]
        if token.kind != "count" or not token.unit or fold(token.unit).lower() not in units:
            continue
        head = expand(fold(text[clause:token.start] + " " + text[token.value_end:found[back + 1].start]))
        named = [code for code, pattern, none, whole_units in reading.family.wholes
                 if pattern.search(head) and not (none and none.search(head))
                 and whole_units is not None and whole_units.match(token.unit)]
        if len(named) == 1:
            reading.whole, reading.whole_code = back, named[0]
        return


def _best(head: str, text: str, entries: list[_Entry], found: list[Token], whole: int | None,
          expand: Callable[[str], str]) -> _Reading | None:
    """The one family whose head and parts fit best, or None when none or two fit."""
    fits = []
    for family in families():
        if not family.head.search(head) or (family.head_none and family.head_none.search(head)):
            continue
        parts, closing, complete = _read_list(family, text, entries, found, expand)
        if not parts:
            continue
        the_whole = whole if whole is not None else closing
        unit = found[the_whole].unit if the_whole is not None else None
        if unit and family.units and not family.units.match(unit):
            continue
        named = [code for code, pattern, none, units in family.wholes
                 if pattern.search(head) and not (none and none.search(head))
                 and not (units and unit and not units.match(unit))]
        if len(named) != 1 and the_whole is not None and complete:
            # "124 TTHC …, trong đó 52 … toàn trình và 72 … một phần": the whole the parts make by definition
            listed = frozenset(code for _, code, _ in parts)
            total = sum(found[index].value for index, _, _ in parts)
            named = [code for code, summed in family.sums
                     if summed == listed and abs(total - found[the_whole].value) < 1e-9]
        fits.append(_Reading(family, the_whole, named[0] if len(named) == 1 else None, parts, complete))
    if not fits:
        return None
    fits.sort(key=lambda r: -len(r.parts))
    if len(fits) > 1 and len(fits[1].parts) == len(fits[0].parts):
        return None
    return fits[0]


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _keep(listing: Listing, reading: _Reading, found: list[Token]) -> None:
    for index, code, _ in reading.parts:
        listing.codes[index] = code
        if reading.whole is not None:
            listing.whole_of[index] = reading.whole
    if reading.whole is not None and reading.whole_code is not None:
        listing.codes[reading.whole] = reading.whole_code
        if reading.complete:
            listing.parts[reading.whole] = {name: _plain(found[index].value) for index, _, name in reading.parts}
