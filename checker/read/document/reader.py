"""Reading one item: its numbers placed on indicators or left as candidates, and its yes/no flags.

Every number is read with its label (the words before it: "Số máy in: 20 máy", "Tỷ lệ …
đạt 80%") or with the words it counts ("đã tích hợp 139 dịch vụ công …", "100% văn bản
đi được ký số").  A number that fits no indicator, fits several equally well, or whose
form does not fit is left out and recorded as a candidate with the reason.
"""

from __future__ import annotations

import re

from checker.read.document.abbreviations import expand
from checker.read.document.checklist import answer_start, asked, single_question
from checker.read.document.clauses import (
    clause_modality,
    clause_start,
    head_for,
    list_head,
    scope_only,
    without_brackets,
)
from checker.read.document.date_phrases import blank_dates
from checker.read.document.flags import answers
from checker.read.document.layout import Item, sentence_of, sentences
from checker.read.document.matching import Context, decide, fields_for, match_indicators
from checker.read.document.merger_scope import UNIT_COUNT, after_period, counts_units, one_of_named_units
from checker.read.document.number_words import respell
from checker.read.document.numbers_in_text import QUALIFIER_WORDS, Token, tokens
from checker.read.document.outlook import restated_result
from checker.read.document.parts import Listing, read_lists
from checker.read.document.patterns import patterns
from checker.read.document.readings import NO_INDICATOR, Candidate, Output, Statement
from checker.read.document.scope import GROUP_PART, group_named_before, opened_head, out_of_scope, restated_before
from checker.read.document.shares import (
    OTHER_UNITS_AVERAGE,
    attached_share,
    attaches,
    beside,
    fraction_share,
    rounds_to,
    share_readings,
)
from checker.read.document.subgroups import lacking
from checker.read.document.teams import TeamReading, read_teams
from checker.read.document.unknown_heads import unknown_head
from checker.read.document.wording import fold

_LABEL_MARKER = re.compile(
    r"(?::|(?<!\w)(?:là|đạt|đạt tỷ lệ|đạt tỉ lệ|=|bằng|gồm|có tổng số|tổng số là|được|chiếm))\s*[(]?\s*$",
    re.IGNORECASE,
)
_SOFT_LABEL_MARKER = re.compile(r"(?<!\w)được\s*$", re.IGNORECASE)
_R_SHORT_END = re.compile(r"[,;.()/:]|(?<!\w)trong đó(?!\w)", re.IGNORECASE)
_R_LONG_END = re.compile(
    r";|[.!?](?=\s+[^\W\d]|\s*$)|(?<!\w)trong đó(?!\w)|(?<!như)(?<!gồm)(?<!\w\w là):(?=\s*[^\W\d])", re.IGNORECASE
)
# A target quoted from a plan or a higher document: "theo Kế hoạch …", "chỉ tiêu …", and "Theo QĐ 2629 …: 100% …",
# "Theo Quyết định số 11/QĐ-BCĐCP (năm 2026, 100% …)" (a document named after "theo").
_QUOTED_TARGET = re.compile(
    r"(?<!\w)(?:theo kế hoạch|chỉ tiêu|kế hoạch giao|theo chỉ đạo|chỉ đạo của|kế hoạch \d+ ?%)(?!\w)"
    r"|^[\W\d_]*theo (?:quyết định|qđ|nghị định|nđ|nghị quyết|nq|chương trình|thông tư|chỉ thị|công văn)(?!\w)",
    re.IGNORECASE)
# The quoted target was in brackets and the unit's own result follows the colon: "Theo QĐ 11 (…, 100% …): phường …".
_TARGET_IN_BRACKETS = re.compile(r"\([^()]*\d\s*%[^()]*\)\s*:")
_OWN_RESULT = re.compile(r"(?<!\w)(?:phấn đấu|thực hiện(?! không)|kết quả (?:thực hiện|đạt)|đạt được|trong kỳ)(?!\w)|;"
                         r"|(?<!\w)kết quả(?: của (?:xã|phường|đặc khu|đơn vị))?\s*:",
                         re.IGNORECASE)
# "mỗi xã cũ cung cấp 119 dịch vụ công": a figure for each of several units is not the unit's own.
_EACH_UNIT = re.compile(r"(?<!\w)(?:mỗi|từng) (?:xã|phường|thị trấn|thôn|tổ dân phố|khu dân cư|đơn vị)(?!\w)",
                        re.IGNORECASE)
# "Trong 28 hồ sơ quá hạn có 19 hồ sơ trước sáp nhập": a part of the whole the sentence opened with.
_PART_OF_OPENING = re.compile(r"^[\W_]*trong (?:số |tổng số )?\d[\d.,]*\s[^\d;]*?(?<!\w)có(?!\w)", re.IGNORECASE)
_REQUEST = re.compile(r"(?<!\w)(?:đề nghị|kiến nghị|đề xuất)(?!\w)", re.IGNORECASE)
# A change or an addition, not the figure itself: "tăng 12% so với cùng kỳ", "giảm 37 văn bản", "tăng thêm
# 10%", "gấp 2 lần", "trang bị thêm 01 máy quét" ("tăng lên 1.685" states the figure and is not matched).
_CHANGE = re.compile(r"(?<!\w)(?:tăng|giảm|thêm|bớt|gấp)(?:\s+(?:thêm|đi|được|khoảng|gần|hơn|trên|dưới))?\s*$",
                     re.IGNORECASE)
_PART_MARKER = re.compile(r"(?<!\w)(?:trong đó|gồm|bao gồm|cụ thể)(?!\w)", re.IGNORECASE)
_TRONG_DO = re.compile(r"(?<!\w)trong đó(?:\s+có)?\s*:?", re.IGNORECASE)


def _l_boundary(after_stop: str) -> re.Pattern[str]:
    """Where a number's label may begin: after ";", "trong đó", a label colon or a sentence end.

    A full stop ends a sentence when ``after_stop`` follows it: a letter or digit for the
    strict boundary, a letter (not a digit) for the loose one.
    """
    return re.compile(
        rf";|[.!?](?=\s+{after_stop})|(?<!\w)trong đó(?:\s+có)?\s*:?"
        r"|(?<!như|gồm)(?<!bao gồm)(?<!\w\w là):(?=\s*[^\W\d(])",
        re.IGNORECASE,
    )


_L_BOUNDARY_STRICT = _l_boundary(r"[^\W_]")
_L_BOUNDARY = _l_boundary(r"[^\W\d]")
# A conjunction between two counted figures: the words before it count the first one.
_SIBLING = re.compile(r",|(?<!\w)(?:và|cùng)(?!\w)", re.IGNORECASE)
# Another period's figure in brackets: "(năm 2023: 03 máy)", "(cùng kỳ: 1.204)".
_OTHER_PERIOD = re.compile(
    r"\(\s*(?:năm \d{4}|cùng kỳ(?: năm \d{4})?|kỳ trước|quý trước|năm trước|năm ngoái)\s*(?::|là)[^()]*$",
    re.IGNORECASE)
# The same figure for another span of time: "(lũy kế 9 tháng: 5.417 văn bản)", "lũy kế 2.160", "2.151 văn bản lũy kế",
# "(riêng tháng 9: 921 hồ sơ)".  It restates the figure before it, not a part of it.
_RESTATED_BEFORE = re.compile(
    r"(?<!\w)(?:(?:lũy kế|luỹ kế|tính chung)(?:\s+(?:\d+ tháng|cả năm|từ đầu năm|đầu năm|quý [IVX]+|tháng \d+|năm))*"
    r"|riêng (?:tháng \d+|quý [IVX]+)(?:\s*/\s*\d{4}|\s+năm \d{4})?)\s*:?(?:\s*(?:đạt|là))?\s*$", re.IGNORECASE)
_SIBLING_GAP = re.compile(r"\s*(?:,|và)\s*")
_RESTATED_AFTER = re.compile(r"\s*(?:lũy kế|luỹ kế)(?!\w)", re.IGNORECASE)
# A head that only says "here is the result": "Kết quả:", "Kết quả của phường:".
_RESULT_ONLY = re.compile(
    r"^[\W_]*(?:kết quả(?: thực hiện)?(?: của (?:xã|phường|đặc khu|thị trấn|đơn vị))?|trả lời)[\W_]*$", re.IGNORECASE)
# "22 tổ dân phố (đều) có Tổ công nghệ số cộng đồng", "26 thôn trên địa bàn đều đã thành lập Tổ …": the villages, and
# as many village teams (fixtures/intake/README.md, rule 9).
_VILLAGE_UNIT = re.compile(r"thôn|tổ dân phố|khu dân cư|KDC|TDP|khu phố", re.IGNORECASE)
_EACH_HAS_TEAM = re.compile(
    r"\s*(?:,\s*(?:thôn|tổ dân phố|khu dân cư|khu phố)\s*)?(?:trên địa bàn\s*)?(?:(?:đều|cũng)\s+)?(?:đã\s+)?"
    r"(?:có|thành lập|được thành lập|xây dựng)\s+(?:được\s+)?tổ (?:công nghệ số|CNS|CNSCĐ)", re.IGNORECASE)
_GOALISH = re.compile(r"(?<!\w)(?:phấn đấu|mục tiêu|dự kiến|kế hoạch đề ra)(?!\w)", re.IGNORECASE)
_BARE_SHARE = re.compile(
    r"^[\W_]*(?:đạt|đạt được|đạt tỷ lệ|đạt tỉ lệ|tỷ lệ|tỉ lệ|bằng|chiếm|chiếm tỷ lệ)?[\W_]*$", re.IGNORECASE
)


class ItemReader:
    """Reads the numbers of one item into statements and candidates."""

    def __init__(self, item: Item, index: int, out: Output):
        self.item = item
        self.index = index
        self.out = out
        self.raw, self.slips = respell(item.text)
        self.text = blank_dates(self.raw)
        self.folded_text = fold(self.text)
        self.spans = sentences(self.raw)
        self.goal = item.section == "goals"
        self.placed: dict[int, Statement] = {}  # number index -> its statement
        self.also_codes: dict[int, set[str]] = {}  # statement start -> the further codes its number gave
        self.restating: set[int] = set()  # number indexes that restate an earlier figure for another time
        self.listing = Listing()  # the wholes and parts its lists name by level or group (parts.py)
        self.teams = TeamReading({}, [])  # the community teams it counts by level (teams.py)
        self.opened_by = out.previous_item if item.marker in ("-", "+", "*") else ""
        self.marks: dict[int, str] = {}  # number index -> the words that mark it so ("Lũy kế", "Riêng quý III")

    def quote(self, pos: int) -> tuple[int, str]:
        """The line of a position in the item and that line's text."""
        line = self.item.lines[min(pos, len(self.item.lines) - 1)]
        return line, self.out.quote(line)

    def run(self) -> None:
        """Read every number of the item, then its yes/no indicators."""
        found, bad = tokens(self.item, self.raw)
        for token in [token for token in found if token.kind == "count" and counts_units(self.raw, token.value_end)]:
            found.remove(token)  # "3 xã cũ": counts communes, and must not stand between a figure and its words
            line, quote = self.quote(token.start)
            self.out.candidate(Candidate(None, token.value, line, quote, f"{UNIT_COUNT} ({token.raw})", "value",
                                         goal=self.goal))
        self.listing = read_lists(self.raw, found, self.spans, self.item.prefix, self._expand,
                                  single_question(self.item))
        self.teams = read_teams(self.raw, found, " | ".join(self.item.headings))
        for index, code in self.teams.codes.items():  # "- Thôn, tổ dân phố: 33 tổ với 231 thành viên" (teams.py)
            self.listing.codes.setdefault(index, code)
        for slip in self.slips:
            line, quote = self.quote(slip.start)
            self.out.candidate(Candidate(None, slip.spelled, line, quote,
                                         f"chữ và số không khớp: '{slip.words}' là {slip.spelled}, số ghi "
                                         f"({slip.digits}); đã đọc theo số / words and digits differ, the digits "
                                         f"are read", goal=self.goal))
        for pos, raw in bad:
            line, quote = self.quote(pos)
            self.out.candidate(Candidate(None, None, line, quote,
                                         f"không đọc được số '{raw}' / unreadable number", goal=self.goal))
        last_end = self.item.prefix
        subjects: dict[int, str] = {}
        for number, token in enumerate(found):
            self.number = number
            subjects[number] = self.read(token, found, number, last_end, subjects)
            last_end = token.end
        self.flags()
        if re.search(r":\s*$", self.item.text):  # "…, cụ thể:" opens a list for the bullets under it
            self.out.previous_item = self.item.text
        elif self.item.marker not in ("-", "+", "*"):
            self.out.previous_item = ""

    def _l_start(self, token: Token, last_end: int, strict: bool = True) -> int:
        start = last_end
        boundary = _L_BOUNDARY_STRICT if strict else _L_BOUNDARY
        for match in boundary.finditer(self.raw, last_end, token.start + 1):
            start = match.end()
        return start

    def _parent(self, token: Token, found: list[Token], number: int, subjects: dict[int, str]) -> str:
        sentence = sentence_of(self.spans, token.start)
        marker = None
        for match in _TRONG_DO.finditer(self.raw, self.spans[sentence][0], token.start):
            marker = match
        if marker is None:
            return ""
        for back in range(number - 1, -1, -1):
            if found[back].end <= marker.start() and sentence_of(self.spans, found[back].start) == sentence:
                return subjects.get(back, "")
        return ""

    def _readings(self, token: Token, found: list[Token], number: int,
                  last_end: int) -> tuple[list[tuple[str, int, bool]], str, int]:
        """The ways to read a number, best first, as (subject text, split, strict guard).

        * label first: the words since the previous number ("Số máy in: 20 máy",
          "Tỷ lệ … đạt 80%"), with the unit;
        * counted noun: the few words leading to the number and what follows it
          ("đã tích hợp 139 dịch vụ công …", "100% văn bản đi được ký số"), split at "#";
        * the label across a sentence that begins with the number ("… quy định. 0").
        Also returns the label text and where it starts.
        """
        text = self.text
        l_start = self._l_start(token, last_end)
        l_core = QUALIFIER_WORDS.sub("", text[l_start:token.start])
        loose_start = self._l_start(token, last_end, strict=False)
        next_start = found[number + 1].start if number + 1 < len(found) else len(text)
        r_short_end = _R_SHORT_END.search(text, token.end, next_start)
        r_short = text[token.end:r_short_end.start() if r_short_end else next_start]
        r_long_end = _R_LONG_END.search(text, token.end, next_start)
        r_long = text[token.end:r_long_end.start() if r_long_end else next_start]
        in_bracket = "(" in r_long and not r_long_end
        if in_bracket:  # "… 4.862 hồ sơ (trực tuyến: 4.205 …": the bracket is a breakdown
            r_long = r_long[: r_long.index("(")]
        # "23/23 cán bộ, công chức có hộp thư … (100%)": the next number is in this one's bracket, not led to by them
        if not r_long_end and not in_bracket and number + 1 < len(found) and "," in r_long:
            r_long = r_long[: r_long.rindex(",")]  # words after the last comma lead to the next number
        unit = f" {token.unit}" if token.unit else ""
        l_tail = re.split(r"[,;]", l_core)[-1]
        if number and found[number - 1].end >= l_start:  # "105 dịch vụ … một phần và 43 thủ tục …": siblings
            between = text[found[number - 1].end:token.start]
            conjunction = ([None, *_SIBLING.finditer(between)])[-1]
            if conjunction and re.search(r"[^\W\d_]{2,}", between[:conjunction.start()]):
                l_tail = QUALIFIER_WORDS.sub("", between[conjunction.end():])  # the earlier words are its sibling's
        label_first = bool(_LABEL_MARKER.search(l_core)) and not _SOFT_LABEL_MARKER.search(l_core)
        after = r_short if token.kind == "percent" else ""  # "đạt 97,6% số hồ sơ …" names the base
        if after and (more := re.match(r",\s*(có|được|đã)\s[^,;.()\d]*", text[token.end + len(r_short):next_start])):
            after += more.group(0)  # "100% hồ sơ công việc … điện tử, có ký số cá nhân": the base goes on
        counted = (l_tail + " # " + text[token.value_end:token.end] + r_long, len(l_tail) + 1)
        readings = [(l_core + unit + after, 0, False)]
        if re.search(r"[^\W\d_]{2,}", r_short):
            readings.insert(1 if label_first else 0, (*counted, False))
        elif r_long.strip():
            readings.append((*counted, True))
        if loose_start < l_start and not re.search(r"[^\W\d_]{2,}", r_short):
            # "… quy định. 0": a bare number opening a sentence may be labelled across it; "… nhân. 58/58 CBCCVC
            # (100%) đã hoàn thành …" names its own noun
            l_loose = QUALIFIER_WORDS.sub("", text[loose_start:token.start])
            readings.append((l_loose + unit + after, 0, False))
        sentence_start = self.spans[sentence_of(self.spans, token.start)][0]
        head = head_for(text, max(sentence_start, self.item.prefix), token.start,
                        found[number - 1].end if number else 0)
        if head is not None:  # "Tỷ lệ …: Kế hoạch 80%; thực hiện 76,4% (…)": the clause restates its head
            # its own words say nothing the head does not: the head is read first
            readings.insert(0, (head + unit + after, 0, False))
            earlier = text[self.item.prefix:sentence_start]
            bare = bool(_RESULT_ONLY.match(head)) or scope_only(head)
            if bare and not re.search(r"[^\W\d_]{2,}", earlier):
                earlier = self._question_for(token.start, max(sentence_start, self.item.prefix))
            if scope_only(head) and not _RESULT_ONLY.match(head) and (opening := opened_head(self.opened_by)):
                # "…: 7.916 hồ sơ TTHC …, cụ thể:" then "- Trước sáp nhập (01/01 - 30/6/2025): 3.402 hồ sơ": the
                # figure for one span of time of what the item above counted
                earlier = opening
            elif scope_only(head) and self.item.headings and not _RESULT_ONLY.match(head):
                earlier = self.item.headings[0]  # "8. KINH PHÍ" then "- Quý II: 21 tr.đ": the heading is the head
            if bare and re.search(r"[^\W\d_]{2,}", earlier):
                # "4. Chế độ báo cáo. Theo QĐ 2629: 100% … Hệ thống thông tin báo cáo. Kết quả: 61/61 báo cáo":
                # the result answers the item's title and the target it quoted
                readings.append((earlier + " " + text[token.value_end:token.end] + r_long + after, 0, False))
        listed = list_head(text, max(sentence_start, self.item.prefix), token.start) if head is None else None
        if listed is not None:  # "Số hóa: hồ sơ khi tiếp nhận 98,4%; …": the clause's words complete the head
            readings.append((listed + " " + l_core + unit + after, 0, False))
        return readings, l_core, l_start

    def read(self, token: Token, found: list[Token], number: int, last_end: int,
             subjects: dict[int, str]) -> str:
        """Place one number on an indicator, or list it as a candidate; return its subject."""
        readings, l_core, l_start = self._readings(token, found, number, last_end)
        readings = [self._expanded(local, split, strict) for local, split, strict in readings]
        sentence = sentence_of(self.spans, token.start)
        context = Context(
            self._expand(fold(self._parent(token, found, number, subjects))),
            self._expand(fold(self.text[self.spans[sentence][0]:self.spans[sentence][1]])),
            self._expand(self.folded_text),
            self._expand(fold(" | ".join(self.item.headings))),
        )
        options: tuple[str, ...] = ()
        chosen: str | None = None
        subject = readings[0][0]
        after = self._expand(self._after(token, found, number))
        if token.kind == "percent" and number and (number - 1) in self.placed and found[number - 1].kind == "count" \
                and self.placed[number - 1].sentence == sentence \
                and re.fullmatch(r"\s*,\s*", self.text[found[number - 1].end:token.start]):
            readings = readings[:1]  # "Văn bản đến: 1.692 văn bản, 100% nhận qua …": the share of the count's head
        question = self._question_label(token, found, number, l_core)
        if question:  # "Câu 24. Số tin, bài … trên Trang thông tin điện tử xã …? Trả lời: 31 tin, bài; …": the
            # answer's bare first figure is read with its question before the paragraph's other subjects
            local, split, strict = readings[0]
            readings = [(f"{question} {local}", split + len(question) + 1 if split else 0, strict), *readings]
        for index, (local, split, strict) in enumerate(readings):
            # a fraction states a share: only the indicators that can hold one are its reading (shares.py)
            chosen, options = decide(share_readings(token, match_indicators(local, token, context, split, strict,
                                                                            after)))
            if chosen or options:
                subject = local
                label_code = chosen
                if label_code and token.kind == "percent" and not split \
                        and re.search(r":\s*$", QUALIFIER_WORDS.sub("", self.text[last_end:token.start])) \
                        and (own := _own_words_differ(readings[index + 1:], label_code, token, context, after)):
                    chosen, options = None, (label_code, own)
                break
        named_whole: Statement | None = None
        team_too = False
        if token.unit and _VILLAGE_UNIT.fullmatch(token.unit) and _EACH_HAS_TEAM.match(self.text, token.end):
            chosen, options, subject = "directives.villages", (), readings[0][0]
            # "(06 tổ, …)" right after states the teams itself
            team_too = not re.match(r"[^().;]*\(\s*\d+\s+tổ(?!\w)", self.text[token.end:token.end + 120])
        if (listed := self.listing.codes.get(number)) is not None:
            chosen, options = listed, ()  # a whole or a part of a list by level or group (parts.py)
        restated = self._restated(token, found, number, sentence)
        # "Máy tính (MT): 24 (để bàn 21; …)": the part named after its whole
        if chosen is None and not options and number not in self.restating:
            named = self._named_by_whole(token, found, number, sentence, subjects, readings[0][0])
            if named is not None:
                code, ties = decide(match_indicators(named[0], token, context, 0, False, after))
                narrowed = {patterns().under.get(named[1].code, {}).get(tie, tie) for tie in ties}
                if code is None and len(narrowed) == 1:  # "Văn bản đi: 215 (ký số: 215)": signed, of the outgoing
                    code = narrowed.pop()
                earlier = {s.code for i, s in self.placed.items() if s.sentence == sentence and s is not named[1]
                           and i < number}
                # the whole's own code (a part by field or place) or a narrower code of its family, never a
                # code the sentence already gave a bigger figure
                if code and code not in earlier and code.split(".")[0] == named[1].code.split(".")[0]:
                    chosen, subject, named_whole = code, named[0], named[1]
        if chosen is None and not options:
            chosen, options, subject = self._under_whole(token, found, number, sentence, subjects, readings[0],
                                                         context, after, subject, l_core)
        if chosen is None and not options and (question := self._question_label(token, found, number, l_core)):
            local, split, strict = readings[0]  # "Câu 5. Tổng số máy tính …? Trả lời: 25 máy": the question's words
            chosen, options = decide(match_indicators(f"{question} {local}", token, context,
                                                      split + len(question) + 1 if split else 0, strict, after))
            subject = f"{question} {local}" if chosen or options else subject
        line, quote = self.quote(token.start)
        shown = token.raw + ("%" if token.kind == "percent" else "")
        field_name = "percent" if token.kind == "percent" else "numerator" if token.kind == "fraction" else "value"

        def leave(code: str | None, reason: str) -> str:
            self.out.candidate(Candidate(code, token.value, line, quote, f"{reason} ({shown})", field_name,
                                         options, self.goal))
            return subject

        if restated is not None and (chosen is None or chosen == restated.code):
            chosen, options = restated.code, ()
        else:
            restated = None
        if _CHANGE.search(QUALIFIER_WORDS.sub("", self.text[max(l_start, token.start - 40):token.start])) \
                or re.match(r"\s*lần(?!\w)", self.text[token.end:]):
            return leave(chosen, "mức tăng, giảm, không phải giá trị / a change, not a value")
        if chosen is None:
            if options:
                return leave(None, "khớp nhiều chỉ tiêu ngang nhau / fits several indicators equally: "
                             + ", ".join(options))
            share = self._attached_share(token, found, number, sentence, subjects, context, after) \
                or self._share_of_whole(token, found, number, sentence, subjects, context, after) \
                if token.kind == "percent" else None
            if share is None and token.kind == "percent":
                self.out.pending_shares.append((self, token, re.split(r"[,;(]", l_core)[-1], sentence))
                return subject
            if share is None:
                return leave(None, NO_INDICATOR)
            chosen = share  # "288 hồ sơ (44,9% tổng số hồ sơ)": the share of the count before it
        clause_begin = clause_start(self.text, max(self.spans[sentence][0], self.item.prefix), token.start)
        clause = fold(self.text[clause_begin:token.start])
        for pattern, other in patterns().subjects.get(chosen, ()):  # "Trung tâm … có 06 máy tính": the centre's
            if pattern.search(clause):
                chosen = other
                break
        whole = named_whole or (self._whole(token, found, number, sentence) if restated is None else None)
        if whole is not None:
            chosen = patterns().under.get(whole.code, {}).get(chosen, chosen)
        if chosen == "directives.community_teams_village" and number in self.teams.wholes:
            return leave(chosen, "tổ của cả xã và thôn, không phải số tổ ở thôn / the commune's and the villages' "
                                 "teams together, not the villages' alone")
        if self._subgroup(chosen, whole, token, found, number, sentence):
            return leave(chosen, "một nhóm, không phải tổng số / a subgroup, not the total")
        if token.kind == "fraction" and chosen in patterns().share_of:
            chosen = patterns().share_of[chosen]  # "23/23 tài khoản": the share the fraction states
        fields, problem = fields_for(chosen, token)
        if fields is None:
            return leave(chosen, problem or "")
        before = self.text[self.spans[sentence][0]:token.start]
        goal = self.goal
        if _OTHER_PERIOD.search(self.text[max(self.spans[sentence][0], token.start - 60):token.start]):
            return leave(chosen, "số của kỳ khác / another period's figure")
        if OTHER_UNITS_AVERAGE.search(self.text[max(self.spans[sentence][0], token.start - 60):token.start]):
            return leave(chosen, "số bình quân của đơn vị khác / another unit's average")
        sentence_span = (max(self.spans[sentence][0], self.item.prefix), self.spans[sentence][1])
        if reason := out_of_scope(self.raw, sentence_span, clause_begin, token.start, token.value_end,
                                  self.out.horizon_year, token.kind == "count"):
            return leave(chosen, reason)
        if reason := after_period(self.raw, sentence_span, token.start, self.out.period_end) \
                or one_of_named_units(self.raw, sentence_span, clause_begin, token.start):  # merger_scope.py
            return leave(chosen, reason)
        if token.kind == "count" and (reason := lacking(self.raw, token.value_end, sentence_span[1], chosen)):
            return leave(chosen, reason)  # "02 CBCCVC chưa có CKS" (subgroups.py)
        if reason := unknown_head(self.raw[sentence_span[0]:token.start], self.out.abbreviations):
            return leave(chosen, reason)  # "- HS toàn trình: 862" with "HS" never defined (unknown_heads.py)
        if token.kind == "count" and (group := group_named_before(
                self.text[clause_begin:token.start], self.text[token.value_end:token.value_end + 60])) is not None \
                and decide(match_indicators(self._expand(fold(group)), token, context, 0, False, after))[0] == chosen:
            return leave(chosen, GROUP_PART)
        modality = clause_modality(self.text, max(self.spans[sentence][0], self.item.prefix), token.start)
        if modality == "target":
            return leave(chosen, "chỉ tiêu trích từ kế hoạch hoặc cấp trên / a target quoted from a plan")
        if not self.goal and modality != "goal" and _GOALISH.search(without_brackets(before)):
            return leave(chosen, "nêu như mục tiêu, ngoài phần mục tiêu / stated as a goal")
        each = ([None, *_EACH_UNIT.finditer(before)])[-1]
        # "mỗi thôn đều có Tổ … (09 tổ, …)": "đều" or a bracket brings back the total of all of them
        tail = before[each.end():] if each else ""
        if each and not (re.search(r"(?<!\w)đều(?!\w)", tail, re.IGNORECASE) or re.match(r"[^\d(]*\(", tail)):
            return leave(chosen, "số của mỗi đơn vị, không phải của cả đơn vị báo cáo / a figure for each of "
                                 "several units, not the reporting unit's")
        if _PART_OF_OPENING.match(before) and whole is None and self._opening_code(found, number, sentence) == chosen:
            return leave(chosen, "một phần của tổng nêu đầu câu / a part of the whole the sentence opens with")
        quoted = ([None, *_QUOTED_TARGET.finditer(before)])[-1]
        # "Theo QĐ 2629: 100% …; 80% …": a document's list of targets goes on across its semicolons
        target_list = quoted is not None and quoted.group(0).lstrip(" -–*+.0123456789").lower().startswith("theo ") \
            and ":" in before[quoted.end():]
        if quoted and not any(own.group(0) != ";" or not target_list
                              for own in _OWN_RESULT.finditer(before, quoted.end())) \
                and not _TARGET_IN_BRACKETS.search(before, quoted.end()):
            return leave(chosen, "chỉ tiêu trích từ kế hoạch hoặc cấp trên / a target quoted from a plan")
        if not self.goal and modality == "goal":
            goal = True  # "…; dự kiến cả năm đạt 100%": a forecast in the results is a goal
        if self.goal and restated_result(
                self.text[clause_begin:token.start], self.text[token.value_end:token.value_end + 30],
                self.out.own_period):
            goal = False  # "quý I đạt 94,1%; quý II phấn đấu đạt trên 95%": the result recalled (outlook.py)
        if _REQUEST.search(before) and not chosen.endswith("_requested"):
            return leave(chosen, "đề nghị, kiến nghị, không phải kết quả / a request, not a result")
        if token.kind == "percent" and re.match(r"\s*/\s*\d", self.text[token.end:]):
            return leave(chosen, "hai tỷ lệ viết gộp bằng dấu '/' / two shares written with a slash")
        if whole is not None and whole.code == chosen and "value" in fields and "value" in whole.fields:
            name = _part_name(token, l_core, self.text[token.value_end:found[number + 1].start
                                                         if number + 1 < len(found) else len(self.text)])
            parts = whole.fields.setdefault("parts", {})
            if name and name not in parts:
                parts[name] = fields["value"]
                return subject
            return leave(chosen, "một phần của tổng đã nêu, không rõ tên phần / a part of the whole just stated")
        if restated is None and "value" in fields and not token.unit \
                and len(re.split(r"[,;:]", self.text[sentence_span[0]:token.start])[-1].split()) <= 2 \
                and re.match(r"\s*(?:[,;.)]|$)", self.text[token.end:]) and any(
                s.code == chosen and s.sentence == sentence and "value" in s.fields
                and s.fields["value"] > fields["value"] and s.start >= sentence_span[0]
                and not s.goal and s.goal == goal for s in self.placed.values()):
            # "Camera an ninh: 12; tốt 10, TB 2": a bare smaller figure (no noun of its own, a word or two before
            # it) read by the same label after the sentence's whole is one of its parts, whose name is unknown
            return leave(chosen, "một phần của tổng đã nêu, không rõ tên phần / a part of the whole just stated")
        fraction = self._fraction_before(token, found, number, sentence, chosen)
        if fraction is not None:  # "23/23 cán bộ, công chức có hộp thư công vụ (100%)": the fraction's own percentage
            fraction.fields["percent"] = fields["percent"]
            fraction.fields.setdefault("parsed_from", {}).update(fields.get("parsed_from", {}))
            return subject
        statement = Statement(chosen, fields, line, self._line_range(l_start, token.end), goal,
                              token.start, self.index, sentence,
                              self.marks.get(number, "") if restated is not None else "")
        if number in self.listing.parts and "value" in fields:
            fields.setdefault("parts", dict(self.listing.parts[number]))
        self.out.add(statement)
        self.placed[number] = statement
        if team_too:
            self.out.add(Statement("directives.community_teams_village", dict(fields), line, statement.lines, goal,
                                   token.start, self.index, sentence))
        for also, pattern in patterns().also.get(chosen, ()):
            again = restated is not None and also in self.also_codes.get(restated.start, ())
            if again or pattern.search(fold(subject)):
                self.also_codes.setdefault(token.start, set()).add(also)
                self.out.add(Statement(also, dict(fields), line, statement.lines, goal,
                                       token.start, self.index, sentence))
        return subject

    def _attached_share(self, token: Token, found: list[Token], number: int, sentence: int,
                        subjects: dict[int, str], context: Context, after: str) -> str | None:
        """The share a bare percentage states of the count right before it in its sentence (shares.py): the share
        of the count's code, or, for a count no count indicator holds ("có ký số cá nhân 2.214 hồ sơ (100%)"), the
        one share the count's own words name.
        """
        start = self.spans[sentence][0]
        count = number - 1  # the number before it, or the whole before the bracket of its parts ("(05 lãnh đạo, …)")
        while count >= 0 and found[count].start >= start:
            between = self.raw[found[count].end:token.start]
            if ")" not in re.sub(r"\([^()]*\)", "", between):
                break  # not inside a bracket that closes before the percentage
            count -= 1
        if count < 0 or found[count].start < start:
            return None
        next_start = found[number + 1].start if number + 1 < len(found) else len(self.text)
        base = re.split(r"[;,.()]|(?<!\w)(?:trong đó|và)(?!\w)", self.text[token.end:next_start])[0]
        if count not in self.placed:
            if not subjects.get(count) or not beside(self.text, token, found[count]):
                return None
            # "Tài khoản định danh điện tử mức 2: 6.102 tài khoản (đạt 78,6% dân số trưởng thành)": the count's words,
            # and the base the percentage names when it is not the count's own whole
            own = "" if attaches(self.text, token, found[count], base) else " " + base
            chosen, _ = decide(match_indicators(subjects[count] + own, token, context, 0, False, after))
            return chosen
        placed = self.placed[count]
        if "numerator" in placed.fields and "percent" not in placed.fields \
                and fraction_share(self.text, token, found[count]):
            return placed.code  # "46/46 CBCCVC được bố trí … (máy tính, máy quét), đạt 100%": the fraction's own
        near = {s.code: s for i, s in self.placed.items() if s.sentence == sentence and i < count
                and "value" in s.fields}
        return attached_share(self.text, token, found[count], self.placed[count], near, base)

    def _share_of_whole(self, token: Token, found: list[Token], number: int, sentence: int,
                        subjects: dict[int, str], context: Context, after: str) -> str | None:
        """The share of the staff a percentage naming no one states, right after the staff total in its sentence
        ("Tổng số cán bộ, công chức, viên chức của xã là 81 người; 100% được bố trí trang thiết bị làm việc").
        """
        if not number or (number - 1) not in self.placed or self.placed[number - 1].sentence != sentence \
                or self.placed[number - 1].code not in patterns().totals:
            return None
        own = self.text[token.end:found[number + 1].start if number + 1 < len(found) else len(self.text)]
        own = re.split(r"[;.(]", own)[0]
        if not re.match(r"\s*(?:đã\s+|đều\s+)?(?:được|có)(?!\w)", own, re.IGNORECASE):
            return None  # the words after the percentage must open with what the people have or got
        head = re.split(r"(?<!\w)(?:của|là)(?!\w)", subjects.get(number - 1, ""))[0]
        chosen, _ = decide(match_indicators(f"{head} {own}", token, context, 0, False, after))
        return chosen

    def _fraction_before(self, token: Token, found: list[Token], number: int, sentence: int,
                         code: str) -> Statement | None:
        """The fraction placed on ``code`` right before a percentage that states its share (shares.py), if any."""
        if token.kind != "percent" or not number or (number - 1) not in self.placed:
            return None
        statement = self.placed[number - 1]
        if statement.code != code or statement.sentence != sentence or "percent" in statement.fields \
                or "numerator" not in statement.fields:
            return None
        return statement if fraction_share(self.text, token, found[number - 1]) else None

    def _question_label(self, token: Token, found: list[Token], number: int, label: str) -> str | None:
        """The question a checklist answer's first number answers, when the answer names nothing itself."""
        start = answer_start(self.item)
        if start is None or token.start < start or any(found[index].start >= start for index in range(number)):
            return None
        if len(re.findall(r"[^\W\d_]+", label)) > 2:
            return None
        question = single_question(self.item)
        return self._expand(fold(question)) if question else None

    def _under_whole(self, token: Token, found: list[Token], number: int, sentence: int, subjects: dict[int, str],
                     reading: tuple[str, int, bool], context: Context, after: str,
                     subject: str, label: str) -> tuple[str | None, tuple[str, ...], str]:
        """A part named by a short word in its whole's brackets or list ("Máy tính: 24 máy (để bàn 20, …)"),
        read with the whole's words before its own ("máy tính … để bàn 20").  Only a part named before its
        number in at most four words: "…, 73 văn bản gửi qua thư điện tử" names its own noun.
        """
        named = re.findall(r"[^\W\d_]+", label)
        if token.kind != "count" or not named or len(named) > 4:
            return None, (), subject
        start = self.spans[sentence][0]
        back = next((index for index in range(number - 1, -1, -1) if found[index].start >= start
                     and index in self.placed and _opens_parts(self.raw[found[index].end:token.start])), None)
        if back is None or not subjects.get(back):
            return None, (), subject
        whole = self.placed[back]
        local, split, strict = reading
        head = re.split(r"[#:(]", subjects[back])[0].strip()
        if not re.search(r"[^\W\d_]{2,}", head):
            return None, (), subject
        own = local.lstrip(" (,;:")
        split = max(0, split - (len(local) - len(own)))
        local = f"{head} {own}"
        chosen, options = decide(match_indicators(local, token, context, split + len(head) + 1 if split else 0,
                                                  strict, after))
        if chosen is not None and chosen == whole.code:
            return None, (), subject  # the whole's own code: left to the part logic below as before
        return chosen, options, local if chosen or options else subject

    def _after(self, token: Token, found: list[Token], number: int) -> str:
        """The words after a number up to the end of its clause or the next number."""
        next_start = found[number + 1].start if number + 1 < len(found) else len(self.text)
        end = _R_LONG_END.search(self.text, token.end, next_start)
        after = re.split(r"[(,/:]|(?<!\w)(?:với|số|tổng số|tỷ lệ|tỉ lệ)(?!\w)",
                         self.text[token.end:end.start() if end else next_start], flags=re.IGNORECASE)[0]
        return " ".join(after.split()[:6])

    def _question_for(self, pos: int, sentence_start: int) -> str:
        """The checklist question an answer's clause answers ("Câu 26. Tỷ lệ …? Tỷ lệ …?" then "Trả lời: Khoảng
        84%; 79,6% (…)"): the question, or the i-th of its questions for the i-th clause when the answer has as
        many clauses as the question has questions; "" when there is none or they do not pair up.
        """
        questions = asked(self.item)
        if not questions:
            return ""
        if len(questions) == 1:
            return questions[0]
        sentence_end = next((end for start, end in self.spans if start <= pos < end), len(self.text))
        clauses = without_brackets(self.text[sentence_start:sentence_end]).split(";")
        index = without_brackets(self.text[sentence_start:pos]).count(";")
        return questions[index] if len(clauses) == len(questions) else ""

    def _named_by_whole(self, token: Token, found: list[Token], number: int, sentence: int,
                        subjects: dict[int, str], label: str) -> tuple[str, Statement] | None:
        """A part's words with its whole's head before them ("Máy tính" + "để bàn"), when the number stands in
        the brackets of a whole or after its "trong đó" / "gồm" and its own words name only the part.
        """
        if token.kind != "count":
            return None  # a share in brackets ("(97,9%)") is the whole's share, read as such
        start = self.spans[sentence][0]
        index = None
        for back in range(number - 1, -1, -1):  # the whole whose brackets or "trong đó" hold this number
            if found[back].start < start:
                break
            between = self.raw[found[back].end:token.start]
            if between.count("(") > between.count(")") or _PART_MARKER.search(between):
                index = back if back in self.placed and "value" in self.placed[back].fields else None
                break
        if index is None:
            return None
        head = subjects.get(index, "")
        head = re.sub(r"\([^()]*\)|[#:()]", " ", head)
        head = " ".join(re.split(r"[,;]", head)[-1].split())
        part = " ".join(re.sub(r"[():;,]|(?<!\w)(?:trong đó|gồm|bao gồm)(?!\w)", " ", label,
                               flags=re.IGNORECASE).split())
        if not head or not re.search(r"[^\W\d_]{2,}", part):
            return None
        return self._expand(f"{head} {part}"), self.placed[index]

    def _restated(self, token: Token, found: list[Token], number: int, sentence: int) -> Statement | None:
        """The statement a cumulative or sub-period figure restates ("741 văn bản đi trong quý, lũy kế 2.160
        văn bản"): the last figure placed before it in its sentence that restates none itself, with the same
        unit word; None when the number is not marked so.
        """
        start = self.spans[sentence][0]
        previous = found[number - 1].end if number else start
        marked = _RESTATED_BEFORE.search(self.text, max(start, previous), token.start) \
            or _RESTATED_AFTER.match(self.text, token.end)
        # "(lũy kế 9 tháng: 05 lớp, 241 lượt người)": the mark holds for each figure of its list
        sibling = not marked and number - 1 in self.restating \
            and _SIBLING_GAP.fullmatch(self.text, previous, token.start) is not None
        if not marked and not sibling:
            return None
        self.restating.add(number)
        self.marks[number] = " ".join(marked.group(0).strip(" :").split()) if marked \
            else self.marks.get(number - 1, "")
        for back in range(number - 1, -1, -1):
            if found[back].start < start:
                break
            between = self.raw[found[back].end:token.start]
            if back in self.restating or back not in self.placed or between.count(")") > between.count("("):
                continue  # a restatement itself, unplaced, or a part in brackets closed before this number
            back_unit = found[back].unit
            if token.unit and back_unit:
                units = fold(token.unit).lower(), fold(back_unit).lower()
                if not (units[0].startswith(units[1]) or units[1].startswith(units[0])):
                    continue  # "(lũy kế: 05 lớp, 241 lượt người)": each restates the figure with its unit
            if (token.kind == "percent") != (found[back].kind == "percent"):
                continue
            return self.placed[back]
        if not marked or re.search(r"[^\W_]", self.text[max(start, self.item.prefix):marked.start()]) \
                or any(found[back].start >= start for back in range(number)):
            return None
        # "C.4. Hồ sơ … toàn trình/tổng số hồ sơ: 3.418/5.036 (67,87%). Lũy kế: 5.902/9.688 (60,92%).": a sentence
        # that opens with the mark restates the figure just before it, when that is of the same kind
        return restated_before(self.out.statements, self.index, sentence, token.kind)

    def _whole(self, token: Token, found: list[Token], number: int, sentence: int) -> Statement | None:
        """The statement this number is a part of: an earlier one in its sentence, followed by
        "trong đó", "gồm", "bao gồm" or an open bracket before this number.
        """
        start = self.spans[sentence][0]
        for back in range(number - 1, -1, -1):
            earlier = found[back]
            if earlier.start < start:
                return None
            statement = self.placed.get(back)
            if statement is None:
                continue
            between = self.raw[earlier.end:token.start]
            if between.count("(") > between.count(")") or _PART_MARKER.search(between):
                return statement
            if "(" in self.raw[start:earlier.start] and not re.search(r"[;)]", between):
                continue  # "(06 tổ, tổng số 42 thành viên)": a sibling in the same brackets, the whole is before
            return None
        return None

    def _expand(self, text: str) -> str:
        """``text`` with the document's own abbreviations written out ("HS tiếp nhận" → "hồ sơ tiếp nhận")."""
        return expand(text, self.out.abbreviations, self.out.abbreviation_pattern)

    def _expanded(self, local: str, split: int, strict: bool) -> tuple[str, int, bool]:
        """A reading with its abbreviations written out, its split moved to match."""
        if self.out.abbreviation_pattern is None:
            return local, split, strict
        head = self._expand(local[:split]) if split else ""
        return head + self._expand(local[split:]), len(head), strict

    def _opening_code(self, found: list[Token], number: int, sentence: int) -> str | None:
        """The code placed for the first number of the sentence ("Trong 28 hồ sơ quá hạn …"), if any."""
        start = self.spans[sentence][0]
        first = next((index for index in range(number) if found[index].start >= start), None)
        statement = self.placed.get(first) if first is not None else None
        return statement.code if statement is not None else None

    def _subgroup(self, code: str, whole: Statement | None, token: Token, found: list[Token], number: int,
                  sentence: int) -> bool:
        """Whether a number read for a whole (``totals`` in patterns.yaml) counts a subgroup instead.

        It does when it is a part of another whole (in its brackets, or after "trong đó", "gồm" and
        an earlier number of the sentence) or when the words after it in its clause (across the
        commas of a list of nouns, up to the next number) say what the group does or has.
        """
        predicate = patterns().totals.get(code)
        if predicate is None or (whole is not None and whole.code == code):
            return False
        start = self.spans[sentence][0]
        earlier = [t for t in found[:number] if t.start >= start]
        if earlier:
            between = self.raw[earlier[0].end:token.start]
            if between.count("(") > between.count(")") or _PART_MARKER.search(between):
                return True
        next_start = found[number + 1].start if number + 1 < len(found) else len(self.text)
        clause = re.split(r"[;.:()]", self.text[token.end:next_start])[0]
        return bool(predicate.search(fold(clause)))

    def _line_range(self, start: int, end: int) -> tuple[int, int]:
        lines = self.item.lines[start:max(start + 1, end)]
        return (min(lines), max(lines)) if lines else (self.item.first_line, self.item.first_line)

    def flags(self) -> None:
        """Yes/no indicators: table rows ending in an answer, or affirmative clauses."""
        text = fold(self.raw)
        answer = re.search(r"(?<!\w)(có|không|chưa có|x)\s*\.?\s*$", text, re.IGNORECASE)
        table_row = self.item.marker == "ordinal" or (answer and len(text) < 160)
        negation = patterns().negation
        answered = set()
        for pos in self.teams.commune_team if not self.goal else ():  # "- Cấp xã: 01 tổ với 15 thành viên."
            line, quote = self.quote(pos)
            self.out.flag("directives.community_team_commune", True, line, quote, self.goal)
        for said in answers(text, asked(self.item) if answer_start(self.item) is not None else [], self._expand):
            if not self.goal:  # "- Mạng LAN: có; tường lửa: chưa có." (flags.py)
                line, quote = self.quote(said.start)
                self.out.flag(said.code, said.value, line, quote, self.goal)
                answered.add(said.code)
        for flag in patterns().flags:
            if (self.goal and not flag.in_goals) or flag.code in answered:
                continue
            if table_row and answer and flag.table and all(p.search(text) for p in flag.table) \
                    and not any(p.search(text) for p in flag.table_none):
                value = answer.group(1).lower() in ("có", "x")
                line, quote = self.quote(answer.start())
                self.out.flag(flag.code, value, line, quote, self.goal)
                continue
            if not flag.affirm or (table_row and answer):
                continue
            for clause in [text] if flag.scope == "item" else re.split(r"[;.]\s", text):
                first = flag.affirm[0].search(clause)
                if not first or not all(p.search(clause) for p in flag.affirm[1:]):
                    continue
                if any(p.search(clause) for p in flag.affirm_none):
                    continue
                before = clause[max(0, first.start() - 40):first.start()]
                if negation.search(before) or negation.search(clause[first.end():first.end() + 15]):
                    continue
                pos = text.find(clause) + first.start()
                span = next((span for span in self.spans if span[0] <= pos < span[1]), None)
                if span is not None and after_period(self.raw, span, pos, self.out.period_end):
                    continue  # "Ngày 05/7/2025, xã mới kiện toàn Tổ …" in a first-half report (merger_scope.py)
                line, quote = self.quote(pos)
                self.out.flag(flag.code, True, line, quote, self.goal)
                break


def _own_words_differ(rest: list[tuple[str, int, bool]], chosen: str, token: Token, context: Context,
                      after: str) -> str | None:
    """The code a share's own words give ("…: 100% hồ sơ được số hóa khi tiếp nhận"), when it is not the
    code its label gave: the label and the words it counts disagree, so neither is sure.
    """
    for local, split, strict in rest:
        if split:
            own, _ = decide(match_indicators(local, token, context, split, strict, after))
            return own if own and own != chosen else None
    return None


def _opens_parts(between: str) -> bool:
    """Whether the text after a whole opens its parts: an unclosed bracket, "trong đó", "gồm" …."""
    return between.count("(") > between.count(")") or bool(_PART_MARKER.search(between))


def _part_name(token: Token, label: str, after: str) -> str:
    """The name of a part as written: its unit word ("17 cán bộ"), else the words before it
    ("cán bộ 19", "Chứng thực 812") or after it ("12 viên chức").
    """
    if token.unit:
        return token.unit
    before = re.split(r"[(,;:]|(?<!\w)(?:trong đó|gồm|bao gồm)(?!\w)", label)[-1].strip(" -–")
    if re.search(r"[^\W\d_]{2,}", before):
        return before
    words = re.split(r"[,;)(.]", after)[0].split()
    return " ".join(words[:4])


def resolve_shares(out: Output) -> None:
    """Bare "đạt tỷ lệ 97,6%" after a part and a whole: the share their ratio gives."""
    ratios = patterns().ratios
    for reader, token, label, sentence in out.pending_shares:
        line, quote = reader.quote(token.start)
        shown = f"{token.raw}%"
        placed = None
        if _BARE_SHARE.match(label):
            near = {s.code: s for s in out.statements
                    if s.item_index == reader.index and s.sentence == sentence and s.start < token.start
                    and "value" in s.fields}
            fits = []
            for code, (part, whole) in ratios.items():
                if part in near and whole in near \
                        and rounds_to(near[part].fields["value"], near[whole].fields["value"], token):
                    fits.append(code)
            if len(fits) == 1:
                placed = fits[0]
        if placed:
            fields, _ = fields_for(placed, token)
            assert fields is not None
            out.statements.append(Statement(placed, fields, line, (line, line), reader.goal,
                                            token.start, reader.index, sentence))
        else:
            out.candidates.append(Candidate(None, token.value, line, quote, f"{NO_INDICATOR} ({shown})",
                                            goal=reader.goal))
