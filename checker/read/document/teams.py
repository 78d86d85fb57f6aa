"""Community digital teams counted by level: "- Cấp xã: 01 tổ với 15 thành viên.", "- Thôn, tổ dân phố: 33 tổ
với 231 thành viên.", "phường 01 tổ (17 thành viên); tổ dân phố 28 tổ (196 thành viên)", "01 tổ cấp xã, 07 tổ ở
07 thôn".

How such a clause is built: a level (the commune: "cấp xã", "phường"; the villages: "thôn", "tổ dân phố") names
whose teams a count of "tổ" is, before it ("cấp xã 01 tổ") or after it ("07 tổ ở 07 thôn"), and the members
follow ("với 15 thành viên", "(17 thành viên)").  Read only where the item, its sentence or its headings speak
of the community digital teams, and never in a clause about the former communes ("các xã cũ có 26 tổ …").

The commune's own team is a yes/no indicator: a count of one or more commune teams says it exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.read.document.numbers_in_text import Token
from checker.read.document.wording import fold

_TEAM = re.compile(fold(r"(?<!\w)tổ (?:công nghệ số|CNS|CNSCĐ|CĐS|chuyển đổi số)(?!\w)"), re.IGNORECASE)
_COMMUNE = r"(?:cấp )?(?:xã|phường|đặc khu|thị trấn)"
_VILLAGE = r"(?:cấp )?(?:thôn,? tổ dân phố|thôn|tổ dân phố|TDP|khu dân cư|KDC|khu phố|ấp)"
_LEVEL = rf"(?P<level>{_VILLAGE}|{_COMMUNE})"
_MEMBERS = r"(?:\s*(?:\(|,|với|gồm|có)\s*(?:tổng số\s*)?(?P<members>\d+)\s*(?:thành viên|TV)(?!\w))?"
# "cấp xã: 01 tổ với 15 thành viên", "tổ dân phố 28 tổ (196 thành viên)"
_LEVEL_FIRST = re.compile(fold(rf"(?<!\w){_LEVEL}\s*:?\s*(?P<teams>\d+)\s+tổ(?!\w)(?! dân)(?! công)(?! CNS){_MEMBERS}"),
                          re.IGNORECASE)
# "01 tổ cấp xã", "07 tổ ở 07 thôn", "24 tổ ở 24 thôn với 168 thành viên"
_TEAMS_FIRST = re.compile(fold(rf"(?<!\w)(?P<teams>\d+)\s+tổ\s+(?:(?:ở|tại)\s+(?:(?P<places>\d+)\s+)?)?{_LEVEL}(?!\w)"
                               rf"{_MEMBERS}"), re.IGNORECASE)
_FORMER = re.compile(fold(r"(?<!\w)(?:xã cũ|phường cũ|trước (?:khi )?sáp nhập|mỗi|từng|kế hoạch|phấn đấu)(?!\w)"),
                     re.IGNORECASE)


@dataclass
class TeamReading:
    """The numbers a clause on teams by level names (number index -> code) and the commune team it states."""

    codes: dict[int, str]
    commune_team: list[int]
    """Where a count of commune teams stands (each says the commune has its team)."""
    wholes: set[int] = field(default_factory=set)
    """Numbers whose list counts the commune's team with the villages' ("08 tổ (01 tổ cấp xã, 07 tổ ở 07 thôn)"):
    all the teams, not the villages' alone."""


def _index_at(found: list[Token], pos: int) -> int | None:
    return next((index for index, token in enumerate(found) if token.start <= pos < max(token.value_end,
                                                                                        token.start + 1)), None)


_OPENS = re.compile(fold(r"\(|(?<!\w)(?:gồm|trong đó|bao gồm)(?!\w)|:"), re.IGNORECASE)


def _whole_before(text: str, found: list[Token], index: int, start: int) -> int | None:
    """The count of teams whose brackets or list hold the number ``index`` ("08 tổ (01 tổ cấp xã, …)")."""
    for back in range(index - 1, -1, -1):
        token = found[back]
        if token.start < start:
            return None
        between = text[token.end:found[index].start]
        if token.kind == "count" and (token.unit is None or fold(token.unit).lower() == "tổ") \
                and (between.count("(") > between.count(")") or _OPENS.search(between)):
            return back
    return None


def read_teams(text: str, found: list[Token], headings: str) -> TeamReading:
    """The teams by level in an item's ``text`` (its numbers ``found``), read when the item or its
    ``headings`` speak of the community digital teams.
    """
    reading = TeamReading({}, [])
    folded = fold(text)
    if not _TEAM.search(folded) and not _TEAM.search(fold(headings)):
        return reading
    start = 0
    for end in [*(m.start() for m in re.finditer(r";|[.](?=\s)", folded)), len(folded)]:
        clause = folded[start:end]
        offset = start
        start = end + 1
        if _FORMER.search(clause):
            continue
        for pattern in (_LEVEL_FIRST, _TEAMS_FIRST):
            for match in pattern.finditer(clause):
                commune = re.fullmatch(fold(_COMMUNE), match.group("level"), re.IGNORECASE) is not None
                teams = _index_at(found, offset + match.start("teams"))
                if teams is None or teams in reading.codes:
                    continue
                if commune:
                    if found[teams].value >= 1:
                        reading.commune_team.append(offset + match.start("teams"))
                    whole = _whole_before(folded, found, teams, text.rfind(".", 0, found[teams].start) + 1)
                    if whole is not None:
                        reading.wholes.add(whole)
                else:
                    reading.codes[teams] = "directives.community_teams_village"
                if match.group("members") is not None:
                    members = _index_at(found, offset + match.start("members"))
                    if members is not None:
                        reading.codes[members] = ("directives.community_team_commune_members" if commune
                                                  else "directives.community_teams_village_members")
    return reading
