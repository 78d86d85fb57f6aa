"""Matching a number and the words around it to an indicator code with ``patterns.yaml``.

A number's candidate subject texts are scored against every indicator's phrasings; the
best single code wins, a tie is reported with its options, and the code's unit decides
which measure fields the number gives (or why it does not fit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from checker.catalogue.store import indicators as indicator_catalogue
from checker.read.document.numbers_in_text import Token
from checker.read.document.patterns import IndicatorPattern, patterns
from checker.read.document.wording import fold


@dataclass
class Context:
    """What surrounds a number (folded): its parent statement, sentence, item and headings."""

    parent: str
    sentence: str
    item: str
    headings: str


def _kind_fits(pattern: IndicatorPattern, token: Token) -> bool:
    if pattern.unit == "percent":
        return token.kind in ("percent", "fraction")
    if pattern.unit in ("count", "money", "number"):
        return token.kind == "count" or (token.kind == "fraction" and pattern.unit == "count")
    return False


def _local_groups(pattern: IndicatorPattern, local: str, split: int) -> tuple[int, int] | None:
    """(tier sum, matched length) of the local groups, or None when one does not match.

    With a ``split``, the words after it (what the number counts) weigh more than the
    words before it (the verb leading to the number): a match only before it costs 1.
    """
    tier_sum = length = 0
    for p in pattern.local:
        found = p.search(local, split)
        if found is None:
            found = p.search(local)
            if found is None:
                return None
            tier_sum += 1 if split else 0
        length += found.end() - found.start()
    return tier_sum, length


def _last_words_start(local: str, split: int, words: int = 3) -> int:
    """Where the last ``words`` words before ``split`` begin (the verb leading to the number)."""
    head = local[:split]
    spans = [m.start() for m in re.finditer(r"\S+", head.replace("#", " "))]
    return spans[-words] if len(spans) >= words else 0


def match_indicators(local: str, token: Token, context: Context, split: int = 0,
           strict: bool = False, after: str = "") -> list[tuple[int, int, int, str]]:
    """Indicators that fit ``local`` (with context), as (groups, tier sum, matched length, code).

    A context group found only in the sentence, paragraph or headings is required but does
    not count as a group: it must not outweigh wording found next to the number.  The
    exclusions (``none``) apply to what the number counts and the few words leading to it,
    and, for a reading by its label, to ``after``: the words that follow the number in its clause.
    """
    local = fold(local)
    guard = local[_last_words_start(local, split):] if split and not strict else local
    if after and not split:  # "Có 31 cán bộ, công chức được cấp chữ ký số": what follows excludes too
        guard += " # " + fold(after)
    tiers = (context.parent, context.sentence, context.item, context.headings)
    results: list[tuple[int, int, int, str]] = []
    for pattern in patterns().indicators:
        if not _kind_fits(pattern, token):
            continue
        groups = _local_groups(pattern, local, split)
        if groups is None:
            continue
        if any(p.search(guard) for p in pattern.none):
            continue
        tier_sum, length = groups
        counted = len(pattern.local)
        for p in pattern.ctx:
            if p.search(local):
                continue
            tier = next((index + 1 for index, text in enumerate(tiers) if text and p.search(text)), None)
            if tier is None:
                break
            tier_sum += tier * tier  # a farther context costs more than two nearer ones
            counted -= 0 if tier <= 1 else 1
        else:
            if pattern.units is not None and token.unit and not pattern.units.match(token.unit):
                continue
            results.append((counted + len(pattern.ctx), tier_sum, length, pattern.code))
    results.sort(key=lambda r: (-r[0], r[1], -r[2], r[3]))
    seen: set[str] = set()
    best_per_code = []
    for result in results:  # a code with several phrasings counts once, by its best one
        if result[3] not in seen:
            seen.add(result[3])
            best_per_code.append(result)
    return best_per_code


def decide(results: list[tuple[int, int, int, str]]) -> tuple[str | None, tuple[str, ...]]:
    """The single best code, or None with the options that fit about as well.

    Best: most pattern groups, then matched closest to the number, then the longest
    (most specific) wording; within 3 characters of wording it is a tie.
    """
    if not results:
        return None, ()
    best = results[0]
    ties = tuple(r[3] for r in results if (r[0], r[1]) == (best[0], best[1]) and best[2] - r[2] < 3)
    if len(ties) == 2 and (narrow := _narrowing(*ties)):
        return narrow, ()
    if len(ties) > 1:
        return None, ties
    return best[3], ()


def _narrowing(first: str, second: str) -> str | None:
    """Of two tied codes, the one that narrows the other under some whole (``under:`` in patterns.yaml).

    "Văn bản đi được ký số" fits ``docs.signed`` and ``docs.signed_outgoing`` alike; the second is
    what the first becomes under outgoing documents, and its wording names them, so it is the reading.
    """
    for narrowed in patterns().under.values():
        if narrowed.get(first) == second:
            return second
        if narrowed.get(second) == first:
            return first
    return None


def fields_for(code: str, token: Token) -> tuple[dict[str, Any] | None, str | None]:
    """The measure fields a token gives an indicator, or a reason it does not fit."""
    unit = indicator_catalogue()[code].unit
    fields: dict[str, Any] = {}
    if unit == "percent":
        if token.kind == "fraction":
            fields.update(numerator=token.numerator, denominator=token.denominator)
            if token.percent is not None:
                fields["percent"] = token.percent
        else:
            fields["percent"] = token.percent
        if fields.get("percent") is not None and fields["percent"] > 100:
            return None, "tỷ lệ trên 100 % (có thể là tỷ lệ so với kế hoạch) / a share over 100 % (perhaps of a plan)"
    elif token.kind == "fraction":
        return None, "phân số cho chỉ tiêu đếm / a fraction given for a count"
    elif unit == "money":
        scale = _money_scale(token.unit)
        if scale is None:
            return None, "số tiền không rõ đơn vị / amount without a money unit"
        fields["value"] = round(token.value * scale, 6)
        token.raw_parts["value"] = f"{token.raw} {token.unit}"
    else:
        if not float(token.value).is_integer():
            return None, "số lẻ cho chỉ tiêu đếm / a decimal number for a count"
        fields["value"] = token.value
    parsed = {key: raw for key, raw in token.raw_parts.items() if key in fields}
    if parsed:
        fields["parsed_from"] = parsed
    if token.qualifier != "exact":
        fields["qualifier"] = token.qualifier
    return fields, None


def _money_scale(unit: str | None) -> float | None:
    if not unit:
        return None
    unit = unit.lower().replace(".", "")
    if unit.startswith("tỷ"):
        return 1000.0
    if unit.startswith("triệu") or unit in ("trđ", "tr đ"):
        return 1.0
    if unit.startswith(("nghìn", "ngàn")):
        return 0.001
    if unit == "đồng":
        return 0.000001
    return None
