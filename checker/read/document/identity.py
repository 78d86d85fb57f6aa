"""The reporting unit's identity: commune and its type, district, province and unit code.

Names are voted from the mentions after "xã/phường/thị trấn", "huyện/thị xã/thành phố"
and "tỉnh" (and the capitalised letterhead), then completed from the unit hierarchy in
:mod:`checker.catalogue.targets` when it knows the commune.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from checker.read.document.layout import Item
from checker.read.document.readings import Candidate
from checker.read.document.text import Line
from checker.read.document.wording import is_upper_word

UNKNOWN_PROVINCE = "chưa xác định / unknown"

_NAME_WORD = r"[^\W\d_][^\s,.;:()“”\"/]*"
_UNIT_NAME = re.compile(
    rf"(?<!\w)(xã|phường|thị trấn|đặc khu|huyện|thị xã|thành phố|tỉnh)\s+((?:{_NAME_WORD})(?:\s+{_NAME_WORD}){{0,3}})"
)
_UNIT_NAME_CAPS = re.compile(
    r"(?:(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+)?(XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+"
    r"((?:[A-ZĐ\u00C0-\u1EF8]+)(?:\s+[A-ZĐ\u00C0-\u1EF8]+){0,3})"
)
LETTERHEAD_WEIGHT = 3
_NOT_NAME = {"UBND", "HĐND", "BCĐ", "Quyết", "Kế", "Ban", "Ủy", "Uỷ", "Trang", "Cổng", "Tổ", "Về", "Căn",
             "Báo", "Thực", "Trên", "Đảng", "Chủ", "Phó", "Sở", "Lãnh", "Công", "Tỉnh", "Huyện", "Xã"}


def name_words(raw: str) -> str:
    """The leading capitalised words of ``raw`` that make a place name ("Đại Sơn", not "UBND")."""
    words: list[str] = []
    for word in raw.split():
        if not word[:1].isupper() or (is_upper_word(word) and len(word) > 1) or word in _NOT_NAME:
            break
        words.append(word)
    return " ".join(words)


def _vote(names: list[str]) -> str | None:
    """The most frequent name, counting longer mentions for their prefixes too."""
    if not names:
        return None
    counts = Counter(names)
    scores = {name: sum(c for other, c in counts.items() if other == name or other.startswith(name + " "))
              for name in counts}
    return max(scores, key=lambda name: (scores[name], counts[name], len(name)))


def find_units(items: list[Item], lines: list[Line]) -> dict[str, list[str]]:
    """Names following xã/phường/thị trấn, huyện/thị xã/thành phố, tỉnh, by kind."""
    found: dict[str, list[str]] = {"xa": [], "phuong": [], "thi_tran": [], "dac_khu": [], "huyen": [], "tinh": [],
                                   "thanh_pho": []}
    kinds = {"xã": "xa", "phường": "phuong", "thị trấn": "thi_tran", "đặc khu": "dac_khu", "huyện": "huyen",
             "thị xã": "huyen",
             "thành phố": "thanh_pho", "tỉnh": "tinh"}
    for item in items:
        if item.section == "annex":
            continue
        for match in _UNIT_NAME.finditer(item.text):
            name = name_words(match.group(2))
            if name:
                found[kinds[match.group(1)]].append(name)
    for line in lines[:12]:
        for cell in re.split(r"\s{2,}", line.text.strip()):
            # "UBND XÃ ĐẠI SƠN" in the capitalised letterhead: the name in title case
            if (caps := _UNIT_NAME_CAPS.fullmatch(cell)) and not caps.group(2).startswith("HỘI"):
                name = " ".join(word.capitalize() for word in caps.group(2).split())
                # the issuing unit of the letterhead outweighs the former communes a text names
                found[kinds[caps.group(1).lower()]].extend([name] * LETTERHEAD_WEIGHT)
    return found


def _units_index() -> dict[str, Any]:
    """The unit hierarchy of the process's catalogue (to name the unit a letterhead names)."""
    from checker.catalogue.store import current

    return dict(current().units)


def _plain(name: str) -> str:
    for prefix in ("Tỉnh ", "Thành phố ", "Huyện ", "Thị xã ", "Xã ", "Phường ", "Thị trấn "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _is_named(unit: Any, name: str) -> bool:
    """Whether a unit of the hierarchy bears ``name`` (without its level, any case)."""
    return _plain(unit.name).casefold() == name.casefold()


def _new_unit(commune: str, unit_type: str, province: str | None, known: dict[str, Any]) -> str | None:
    """The code of the one post-reform unit called ``commune`` (directly under its province), if any."""
    from checker.catalogue.store import current

    province_code = next((code for code, unit in known.items() if unit.level == "tinh" and province
                          and _is_named(unit, province)), None)
    code = current().units.unit_by_name(commune, unit_type, province_code)
    parent = known.get(known[code].parent or "") if code in known else None
    return code if parent is not None and parent.level == "tinh" else None


def identity(items: list[Item], lines: list[Line], candidates: list[Candidate]) -> dict[str, Any]:
    """Commune, unit type, district, province and unit code."""
    found = find_units(items, lines)
    communes = [(name, kind) for kind in ("xa", "phuong", "thi_tran", "dac_khu") for name in found[kind]]
    commune = _vote([name for name, _ in communes])
    unit_type = "xa"
    if commune:
        kinds = Counter(kind for name, kind in communes if name == commune or name.startswith(commune + " "))
        unit_type = kinds.most_common(1)[0][0]
    known = _units_index()
    provinces_known = {_plain(u.name) for u in known.values() if u.level == "tinh"}
    cities = found["thanh_pho"]
    district = _vote(found["huyen"] + [c for c in cities if c not in provinces_known])
    province = _vote(found["tinh"] + [c for c in cities if c in provinces_known])
    unit_code = None
    if commune:
        matches = []
        for code, unit in known.items():
            if unit.level != "xa" or getattr(unit, "type", unit_type) != unit_type or not _is_named(unit, commune):
                continue  # a "xã Tân Hưng" is not the phường Tân Hưng of the hierarchy
            parent = known.get(unit.parent or "")
            if district and parent is not None and not _is_named(parent, district):
                continue
            matches.append(code)
        if len(matches) == 1:
            unit_code = matches[0]
            if district is None:
                district = _ancestor_name(unit_code, "huyen", known)
            if province is None:
                province = _ancestor_name(unit_code, "tinh", known)
    if unit_code is None and commune:
        unit_code = _new_unit(commune, unit_type, province, known)
        if unit_code is not None:  # a unit formed in the 2025 reform sits under the province: no district
            district = None
            province = province or _ancestor_name(unit_code, "tinh", known)
    if province is None and district:
        for code, unit in known.items():
            if unit.level == "huyen" and _is_named(unit, district):
                province = _ancestor_name(code, "tinh", known)
    result: dict[str, Any] = {"commune": commune or UNKNOWN_PROVINCE, "unit_type": unit_type,
                              "province": province or UNKNOWN_PROVINCE}
    if district:
        result["district"] = district
    if unit_code:
        result["unit_code"] = unit_code
    for key, value in (("commune", commune), ("province", province)):
        if value is None:
            candidates.append(Candidate(f"identity.{key}", None, 1, "",
                                        "không tìm thấy trong văn bản / not found in the text"))
    return result


def _ancestor_name(code: str, level: str, known: dict[str, Any]) -> str | None:
    """The plain name of the unit at ``level`` in the chain from ``code`` up (itself included)."""
    chain: list[str] = []
    while code and code in known and code not in chain:
        chain.append(code)
        code = known[code].parent
    return next((_plain(known[c].name) for c in chain if known[c].level == level), None)
