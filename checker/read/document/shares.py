"""Shares and fractions stated beside their counts.

Two readings live here, both about what a share is the share *of*:

* a fraction ("34/34 cán bộ, công chức (100%) hoàn thành …", "31/31 người hoàn thành (100%)")
  states a share, so of the indicators its words fit equally well only those that can hold a
  share are its reading (:func:`share_readings`): a percentage indicator, or a count whose share
  ``share_of:`` in ``patterns.yaml`` names;
* a bare percentage right after a placed count ("288 hồ sơ (44,9% tổng số hồ sơ)", "trong đó
  trực tuyến 2.310 hồ sơ (87,5%)", "2.763 hồ sơ, chiếm 61,2% tổng số hồ sơ") is that count's
  share of its whole (:func:`attached_share`): the share ``ratios:`` (part → share) or
  ``share_of:`` gives the count's code, when the words after the percentage name no other base
  and, where the whole is stated in the sentence, part / whole rounds to the stated figure.

Anything less clear stays a candidate (precision first).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from checker.catalogue.store import indicators as indicator_catalogue
from checker.read.document.patterns import patterns
from checker.read.document.wording import fold

if TYPE_CHECKING:
    from checker.read.document.numbers_in_text import Token
    from checker.read.document.readings import Statement

# What may stand between a count and the share it states: its own words (its unit, what it counts or did: "94
# người được cấp chữ ký số cá nhân"), then "(" or ", đạt" / "chiếm" / "bằng" / "=", nothing else ("288 hồ sơ (44,9%",
# "1.702 hồ sơ, chiếm 43,6%", "285 = 99,3%"); a bracket of its parts is left out before ("(05 lãnh đạo, …), đạt").
_ATTACH = re.compile(
    r"^\s*(?:[^\W\d_]+\s*){0,8}"
    r"(?:\(\s*(?:đạt|chiếm|bằng|tỷ lệ|tỉ lệ)?|,?\s*(?:đạt|chiếm|bằng|=)(?:\s+tỷ lệ|\s+tỉ lệ)?)\s*$",
    re.IGNORECASE)
_PART_WORDS = re.compile(r"(?<!\w)(?:trong đó|gồm|bao gồm|còn lại|riêng|và|hoặc|với)(?!\w)", re.IGNORECASE)
# The base a share may name after the percentage: the whole of its own kind and nothing narrower ("44,9% tổng
# số hồ sơ", "60,6% tổng số hồ sơ tiếp nhận", "41,1% tổng số hồ sơ thủ tục hành chính").
_BASE = re.compile(
    r"^\s*(?:(?:so với\s+)?tổng số|tổng|số)\s+(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+)?)"
    r"(?:\s+(?:đã\s+|được\s+)?(?:tiếp nhận|phát sinh|thủ tục hành chính|TTHC|phát hành|đi|của (?:xã|phường|đặc khu)))*"
    r"\s*$", re.IGNORECASE)


# Another unit's average right before a share: "vượt mức bình quân của thành phố (47,5%)", "bình quân chung của
# tỉnh là 52%" — the city's figure, not the commune's.
OTHER_UNITS_AVERAGE = re.compile(
    r"(?<!\w)(?:mức\s+)?(?:bình quân|trung bình)(?:\s+chung)?\s+(?:của\s+)?(?:toàn\s+)?(?:thành phố|tỉnh|huyện|cả nước"
    r"|toàn quốc|các (?:xã|phường))\s*(?:là|đạt|:)?\s*\(?\s*$", re.IGNORECASE)


def share_code(code: str) -> str | None:
    """The share a count's code has: ``share_of:``, or the ``ratios:`` share whose part it is."""
    found = patterns().share_of.get(code)
    if found:
        return found
    shares = _shares_of_parts().get(code, ())
    return shares[0] if len(shares) == 1 else None


@cache
def _shares_of_parts() -> dict[str, tuple[str, ...]]:
    """Each part's ``ratios:`` shares, gathered once (the count beside a percentage asks on every reading)."""
    found: dict[str, tuple[str, ...]] = {}
    for share, (part, _whole) in patterns().ratios.items():
        found[part] = (*found.get(part, ()), share)
    return found


def rounds_to(part: float, whole: float, token: Token) -> bool:
    """Whether ``part / whole`` rounds to the percentage as written (its decimals)."""
    if not whole:
        return False
    raw = token.raw.replace(".", ",")
    decimals = len(raw.split(",")[1]) if "," in raw else 0
    return abs(100 * part / whole - token.value) <= 0.5 * 10 ** -decimals + 1e-9


def beside(text: str, token: Token, count: Token) -> bool:
    """Whether only the count's own words (and a bracket of its parts) stand between it and the percentage."""
    if count.kind != "count":
        return False
    between = re.sub(r"\([^()]*\)", " ", text[count.end:token.start])
    return bool(_ATTACH.match(between)) and not _PART_WORDS.search(between)


def attaches(text: str, token: Token, count: Token, base: str) -> bool:
    """Whether a percentage is stated beside ``count``: only the count's own words between them, and after it no
    base but the whole of the count's kind ("(44,9% tổng số hồ sơ)", not "… hồ sơ lĩnh vực đất đai").
    """
    if not beside(text, token, count):
        return False
    base = base.strip(" )")
    if not base:
        return True
    named = _BASE.match(base)
    unit = fold(count.unit or "").lower()
    return bool(named and unit and fold(named.group("noun")).lower().startswith(unit.split()[0]))


def attached_share(text: str, token: Token, count: Token, statement: Statement,
                   near: dict[str, Statement], base: str) -> str | None:
    """The share a bare percentage states when it follows a placed count, or None.

    ``text`` is the item's text, ``count`` the number before the percentage and ``statement``
    what it was placed as, ``near`` the statements placed earlier in the sentence by code and
    ``base`` the words after the percentage up to the end of its clause.
    """
    if "value" not in statement.fields or not attaches(text, token, count, base):
        return None
    share = share_code(statement.code)
    if share is None or indicator_catalogue()[share].unit != "percent":
        return None
    whole_code = patterns().ratios.get(share, (None, None))[1]
    whole = near.get(whole_code) if whole_code else None
    if whole is not None and not rounds_to(statement.fields["value"], whole.fields["value"], token):
        return None  # the whole stated beside it does not give this share: of something else
    return share


def share_readings(token: Token, results: list[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
    """A fraction's matches kept only where they can hold a share.

    A code that cannot ("19/19 cán bộ, công chức" read as the staff count, "1.920/1.947 phiếu đánh giá" as the
    services) is no reading of a fraction, so another code, or the next reading (the words after the fraction:
    "… (100%) hoàn thành chương trình …"), is its reading; of tied codes the one that can is ("31/31 người hoàn
    thành" under "Bồi dưỡng kỹ năng số": the officials trained, not the training sessions).
    """
    if token.kind != "fraction":
        return results
    return [result for result in results if _holds_share(result[3])]


def _holds_share(code: str) -> bool:
    return indicator_catalogue()[code].unit == "percent" or code in patterns().share_of


def fraction_share(text: str, token: Token, fraction: Token) -> bool:
    """Whether a percentage in brackets after a fraction's words is that fraction's own ("23/23 cán bộ, công chức
    có hộp thư công vụ (100%)"): only words between them, then the bracket opening on the percentage.
    """
    if fraction.kind != "fraction" or fraction.percent is not None:
        return False
    between = re.sub(r"\([^()\d%]*\)", " ", text[fraction.end:token.start])  # "(máy tính, máy quét), đạt 100%"
    return bool(re.fullmatch(r"(?:[^\d()%;:.]|\.(?=\S))*(?:\(\s*(?:đạt|chiếm|bằng)?|,\s*(?:đạt|chiếm|bằng))\s*",
                             between, re.IGNORECASE))
