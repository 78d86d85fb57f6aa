#!/usr/bin/env python3
"""Generate targets/units/hai-phong-2025.yaml from the text of NQ 1669/NQ-UBTVQH15.

Inputs (both saved in the repository, with their addresses in their first lines):

- ``targets/sources/nq-1669-2025.md``: the resolution's full text.  Điều 1 khoản 1–114 each
  form one new unit ("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã A, B và C
  thành xã mới có tên gọi là xã Y"); khoản 115 states the totals.
- ``targets/sources/gso-dvhc-2025-03-01-hai-duong-hai-phong.tsv``: the General Statistics
  Office's list of the two provinces' communes and districts (01/03/2025).  The resolution
  names a former unit's district only where the name is ambiguous; this list gives the
  district (and the GSO code) of every former unit.

The script parses every khoản, resolves every former unit it names to exactly one GSO entry
(by type and name, then by the district in brackets, then by the districts of the same
khoản), and refuses to write anything unless: there are 114 units with the counts of khoản
115; every GSO unit of the two provinces is named at least once; a unit named "toàn bộ" is
named nowhere else; a split unit has exactly one "phần còn lại" that comes after all its
other parts, and each "sau khi sắp xếp theo quy định tại khoản N" points at a khoản that
names that unit; codes are unique.

Run from the repository root:  python scripts/units_hai_phong_2025.py [--check]
(``--check`` compares with the file in the repository instead of writing it.)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.core.vnnames import TYPE_PREFIX, name_key, new_style_tones, slug  # noqa: E402

NQ_TEXT = ROOT / "targets" / "sources" / "nq-1669-2025.md"
GSO_LIST = ROOT / "targets" / "sources" / "gso-dvhc-2025-03-01-hai-duong-hai-phong.tsv"
UNITS_FILE = ROOT / "targets" / "units.yaml"
OUTPUT = ROOT / "targets" / "units" / "hai-phong-2025.yaml"

DOCUMENT = "1669/NQ-UBTVQH15"
VALID_FROM = "2025-07-01"
VALID_UNTIL = "2025-06-30"
PROVINCES = {"Tỉnh Hải Dương": "hai-duong", "Thành phố Hải Phòng": "hai-phong"}
GSO_TYPES = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi_tran", "Huyện": "huyen", "Quận": "quan",
             "Thị xã": "thi_xa", "Thành phố": "thanh_pho"}
TEXT_TYPES = {"xã": "xa", "phường": "phuong", "thị trấn": "thi_tran", "huyện": "huyen", "đặc khu": "dac_khu"}
EXPECTED = {"xa": 67, "phuong": 45, "dac_khu": 2}
# Names the resolution and the GSO list spell differently: (type, as in the resolution) → as in the GSO list.
# The output keeps the resolution's spelling.
SPELLINGS = {
    ("xa", "Bình Lãng"): "Bình Lăng",  # Huyện Tứ Kỳ, GSO 11092 (khoản 95)
}

# Words that the crawl glued to the word before them ("Lê Lợivà", "Điều nàythành", "xãMỹ Đức").
_GLUED = ("và", "thành", "sau khi", "của", "các", "một phần", "phần còn lại", "toàn bộ", "tại", "khoản",
          "xã", "phường", "thị trấn", "đặc khu")
_SHARES = (
    ("toàn bộ diện tích tự nhiên, quy mô dân số của", "whole"),
    ("một phần diện tích tự nhiên, quy mô dân số của", "part"),
    ("một phần diện tích tự nhiên của", "part_area"),
    ("phần còn lại của", "rest"),
)
_AFTER = re.compile(r"sau khi sắp xếp theo quy định tại ((?:khoản \d+(?:, | và )?)+) Điều này")
_KHOAN = re.compile(r"^(\d+)\.\s*(.*)$")
_UNIT = re.compile(r"^Sắp xếp (?P<body>.*) thành (?P<kind>phường mới|xã mới|đặc khu) có tên gọi là "
                   r"(?P<type>phường|xã|đặc khu) (?P<name>[^.]+)\.$")
_TOTALS = re.compile(r"(\d+)\s*xã,\s*(\d+)\s*phường và\s*(\d+)\s*đặc khu")


@dataclass
class Mention:
    """A former unit as the resolution names it in one khoản."""

    khoan: int
    type: str
    name: str
    share: str
    district_hint: str | None = None
    after: list[int] = field(default_factory=list)
    gso: dict[str, str] | None = None


@dataclass
class NewUnit:
    """A unit formed by one khoản."""

    khoan: int
    type: str
    name: str
    mentions: list[Mention]


def clean(text: str) -> str:
    """The text of Điều 1 with the crawl's artefacts repaired (bold markers, missing spaces)."""
    text = new_style_tones(text).replace("**", "")
    start, end = text.index("Điều 1."), text.index("Điều 2.")
    text = text[start:end]
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r",(?=\S)", ", ", text)
    text = re.sub(r"(?<=\S)\(", " (", text)
    text = re.sub(r"\)(?=[^\W\d_])", ") ", text)
    before = None
    while before != text:
        before = text
        for word in _GLUED:
            text = re.sub(rf"(?<=[^\W_]){word}(?![^\W\d_])", f" {word}", text)
        # a lower-case letter directly followed by a capital: "phườngNgọc Sơn", "xãMỹ Đức"
        text = "".join(f" {c}" if i and c.isupper() and text[i - 1].islower() else c for i, c in enumerate(text))
    return text


def tokens(body: str) -> list[str]:
    """Words, commas and bracketed phrases of a khoản's body."""
    return re.findall(r"\([^)]*\)|,|[^\s,()]+", body)


def parse_body(khoan: int, body: str) -> list[Mention]:
    """The former units a khoản names, each with its share and the khoản its share follows."""
    mentions: list[Mention] = []
    group: list[Mention] = []
    share: str | None = None
    unit_type: str | None = None
    rest = body.strip()
    while rest:
        rest = rest.lstrip(" ,")
        if not rest:
            break
        for phrase, value in _SHARES:
            if rest.startswith(phrase):
                share, group, rest = value, [], rest[len(phrase):]
                break
        else:
            if (match := _AFTER.match(rest)) is not None:
                after = [int(n) for n in re.findall(r"\d+", match.group(1))]
                for mention in group:
                    mention.after = after
                group, rest = [], rest[match.end():]
                continue
            if rest.startswith("và "):
                rest = rest[3:]
                continue
            if rest.startswith("các "):
                rest = rest[4:]
            for word in sorted(TEXT_TYPES, key=len, reverse=True):
                if rest.startswith(word + " "):
                    unit_type, rest = TEXT_TYPES[word], rest[len(word) + 1:]
                    break
            words = []
            for word in tokens(rest):
                if word in (",", "và") or word.startswith("(") or not (word[0].isupper() or word.isdigit()):
                    break
                words.append(word)
            if not words or share is None or unit_type is None:
                raise SystemExit(f"khoản {khoan}: cannot read {rest[:60]!r}")
            name = " ".join(words)
            rest = rest[len(name):].lstrip()
            hint = None
            if rest.startswith("("):
                close = rest.index(")")
                hint, rest = rest[1:close].strip(), rest[close + 1:]
            mention = Mention(khoan, unit_type, name, share, hint)
            mentions.append(mention)
            group.append(mention)
    return mentions


def parse_resolution(text: str) -> tuple[list[NewUnit], dict[str, int]]:
    """The 114 new units and the totals of khoản 115."""
    units: list[NewUnit] = []
    totals: dict[str, int] = {}
    for line in clean(text).splitlines():
        if (match := _KHOAN.match(line.strip())) is None:
            continue
        khoan, sentence = int(match.group(1)), match.group(2).strip()
        if (unit := _UNIT.match(sentence)) is not None:
            kind, unit_type = unit.group("kind"), TEXT_TYPES[unit.group("type")]
            if kind.split()[0] != unit.group("type").split()[0]:
                raise SystemExit(f"khoản {khoan}: '{kind}' but named as {unit.group('type')}")
            units.append(NewUnit(khoan, unit_type, unit.group("name").strip(), parse_body(khoan, unit.group("body"))))
        elif (total := _TOTALS.search(sentence)) is not None:
            totals = {"xa": int(total.group(1)), "phuong": int(total.group(2)), "dac_khu": int(total.group(3))}
        else:
            raise SystemExit(f"khoản {khoan}: not a unit and not the totals: {sentence[:80]!r}")
    if [u.khoan for u in units] != list(range(1, len(units) + 1)):
        raise SystemExit("the khoản are not numbered 1, 2, 3 … without gaps")
    return units, totals


def read_gso() -> list[dict[str, str]]:
    """The GSO list: one row per commune (or per district without communes)."""
    lines = [line for line in GSO_LIST.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def bare(full: str, prefixes: dict[str, str]) -> tuple[str, str]:
    """(type, name) of a GSO full name such as "Xã Chi Lăng Nam"."""
    for prefix in sorted(prefixes, key=len, reverse=True):
        if full.startswith(prefix + " "):
            return prefixes[prefix], full[len(prefix) + 1:]
    raise SystemExit(f"unknown type word in {full!r}")


def resolve(units: list[NewUnit], rows: list[dict[str, str]]) -> list[str]:
    """Give every mention its GSO row; return notes on the mentions that needed more than the text at hand.

    A name is looked up by type and name, then narrowed by the district in brackets after it.
    If several units still bear it: by the same unit named in a khoản that this one's
    "sau khi sắp xếp theo quy định tại khoản N" links to (or that links to this one); then by
    the districts of the other units of the same khoản.  Anything else still ambiguous stops.
    """
    index: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        kind, name = bare(row["commune"] or row["district"], GSO_TYPES)
        index[kind, name_key(name)].append(row)
    by_khoan = {unit.khoan: unit for unit in units}
    pending: list[tuple[NewUnit, Mention, list[dict[str, str]]]] = []
    for unit in units:
        for mention in unit.mentions:
            gso_name = SPELLINGS.get((mention.type, mention.name), mention.name)
            candidates = index.get((mention.type, name_key(gso_name)), [])
            if mention.district_hint:
                candidates = [r for r in candidates if name_key(r["district"]) == name_key(mention.district_hint)]
            if not candidates:
                raise SystemExit(f"khoản {unit.khoan}: {mention.type} {mention.name!r} is not in the GSO list")
            if len(candidates) == 1:
                mention.gso = candidates[0]
            else:
                pending.append((unit, mention, candidates))

    def same(a: Mention, b: Mention) -> bool:
        return a.type == b.type and name_key(a.name) == name_key(b.name)

    def linked(unit: NewUnit, mention: Mention) -> list[Mention]:
        found = [m for k in mention.after for m in by_khoan[k].mentions if same(m, mention)]
        found += [m for other in units for m in other.mentions if unit.khoan in m.after and same(m, mention)]
        return found

    notes = []
    while pending:
        progress = []
        for unit, mention, candidates in pending:
            rows_linked = [m.gso for m in linked(unit, mention) if m.gso is not None]
            narrowed = [r for r in candidates if r in rows_linked]
            how = "by the khoản its 'sau khi sắp xếp' links to"
            if len(narrowed) != 1:
                context = {name_key(m.district_hint) for m in unit.mentions if m.district_hint}
                context |= {name_key(m.gso["district"]) for m in unit.mentions if m.gso}
                narrowed = [r for r in candidates if name_key(r["district"]) in context]
                how = "by the districts of the other units of the khoản"
            if len(narrowed) == 1:
                mention.gso = narrowed[0]
                progress.append(mention)
                notes.append(f"khoản {unit.khoan}: {mention.type} {mention.name} → {narrowed[0]['district']} "
                             f"({how}; candidates: {', '.join(r['district'] for r in candidates)})")
        if not progress:
            left = [f"khoản {u.khoan}: {m.name} {[r['district'] for r in c]}" for u, m, c in pending]
            raise SystemExit("ambiguous names: " + "; ".join(left))
        pending = [p for p in pending if p[1].gso is None]
    return notes


def check_coverage(units: list[NewUnit], rows: list[dict[str, str]]) -> None:
    """Every GSO unit named; whole units once; split units with one final rest; 'after' pointers right."""
    by_row: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for unit in units:
        for mention in unit.mentions:
            assert mention.gso is not None
            by_row[mention.gso["district_code"], mention.gso["commune_code"]].append(mention)
    problems = []
    for row in rows:
        key = (row["district_code"], row["commune_code"])
        label = f"{row['commune'] or row['district']} ({row['district']})"
        found = by_row.get(key, [])
        shares = [m.share for m in found]
        khoans = {m.khoan for m in found}
        if not found:
            problems.append(f"{label} is named in no khoản")
        elif "whole" in shares:
            if len(found) != 1:
                problems.append(f"{label}: 'toàn bộ' in one khoản but named in {sorted(khoans)}")
        else:
            rests = [m for m in found if m.share == "rest"]
            if len(rests) != 1 or len(found) < 2:
                problems.append(f"{label}: split without exactly one 'phần còn lại' ({shares} in {sorted(khoans)})")
            elif set(rests[0].after) != khoans - {rests[0].khoan}:
                problems.append(f"{label}: 'phần còn lại' after khoản {rests[0].after}, parts in {sorted(khoans)}")
        for mention in found:
            if not set(mention.after) <= khoans - {mention.khoan}:
                problems.append(f"{label}: khoản {mention.khoan} follows khoản {mention.after} that do not name it")
    if problems:
        raise SystemExit("coverage check failed:\n  " + "\n  ".join(problems))


def district_code(row: dict[str, str]) -> str:
    """The code given to a former district: hai-duong/<slug> (as in units.yaml), hai-phong/<type>-<slug>.

    Hải Phòng's former districts carry their type in the code because most of them share
    their name with a new commune-level unit (quận Hồng Bàng, phường Hồng Bàng).
    """
    province = PROVINCES[row["province"]]
    kind, name = bare(new_style_tones(row["district"]), GSO_TYPES)
    if province == "hai-duong":
        return f"hai-duong/{slug(name)}"
    return f"hai-phong/{kind.replace('_', '-')}-{slug(name)}"


def unit_codes(units: list[NewUnit]) -> dict[int, str]:
    """Each new unit's code by khoản: hai-phong/<slug of the name>.

    Names that differ only in their diacritics share a slug (xã Cẩm Giàng, khoản 82, and xã
    Cẩm Giang, khoản 83); their codes then both end in the khoản number, so that neither is
    mistaken for the other.
    """
    slugs = Counter(slug(u.name) for u in units)
    return {u.khoan: f"hai-phong/{slug(u.name)}" + (f"-{u.khoan}" if slugs[slug(u.name)] > 1 else "")
            for u in units}


def known_units() -> dict[str, dict]:
    """The hand-written units of targets/units.yaml."""
    return yaml.safe_load(UNITS_FILE.read_text(encoding="utf-8"))["units"]


def linked_code(row: dict[str, str], known: dict[str, dict]) -> str | None:
    """The code of the former unit in units.yaml that is this GSO commune, if there is one."""
    if not row["commune"]:
        return None
    parent = district_code(row)
    matches = [code for code, unit in known.items()
               if unit.get("parent") == parent and name_key(unit["name"]) == name_key(row["commune"])]
    return matches[0] if len(matches) == 1 else None


def q(value: str) -> str:
    """A YAML scalar: plain when safe, else double-quoted."""
    if (re.fullmatch(r"[a-z0-9][a-z0-9/_-]*", value) and not re.fullmatch(r"[\d_-]+", value)
            and value not in ("yes", "no", "on", "off", "null", "true", "false")):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(units: list[NewUnit], rows: list[dict[str, str]], known: dict[str, dict]) -> tuple[str, dict]:
    """The YAML text of the output file and, for checking, the structure it must load to."""
    header = [
        "# GENERATED by scripts/units_hai_phong_2025.py — do not edit by hand; edit the script or its sources.",
        "# Hải Phòng city's 114 commune-level units from 1/7/2025 (NQ 1669/NQ-UBTVQH15, 16/6/2025, Điều 1 khoản",
        "# 1–114): 67 xã, 45 phường, 2 đặc khu, each with the former units it was formed from.  Sources:",
        "#   targets/sources/nq-1669-2025.md (the resolution's text, from xaydungchinhsach.chinhphu.vn) and",
        "#   targets/sources/gso-dvhc-2025-03-01-hai-duong-hai-phong.tsv (GSO list: former districts and codes).",
        "# share: whole = toàn bộ diện tích tự nhiên, quy mô dân số; part = một phần diện tích tự nhiên, quy mô",
        "#   dân số; part_area = một phần diện tích tự nhiên (area only); rest = phần còn lại (after: the khoản",
        "#   that took the other parts).  district/district_code/gso_code come from the GSO list, not the",
        "#   resolution.  code: the former unit in targets/units.yaml, where there is one.",
        "# Also the former districts (huyện, quận, thị xã, thành phố) not already in units.yaml, ended 30/6/2025.",
    ]
    out = header + ["units:"]
    data: list[dict] = []
    codes = unit_codes(units)
    whole_of: dict[str, list[str]] = defaultdict(list)
    for unit in units:
        for mention in unit.mentions:
            if mention.share == "whole" and not mention.gso["commune"]:
                whole_of[district_code(mention.gso)].append(codes[unit.khoan])
    districts = {}
    for row in rows:
        code = district_code(row)
        if code not in known and code not in districts:
            districts[code] = row
    for code, row in districts.items():
        kind, _ = bare(row["district"], GSO_TYPES)
        entry = {"code": code, "name": new_style_tones(row["district"]), "level": "huyen", "type": kind,
                 "parent": PROVINCES[row["province"]], "valid_until": VALID_UNTIL}
        if len(whole_of.get(code, [])) == 1:
            entry["successor"] = whole_of[code][0]
        entry["source"] = {"document": "Danh mục đơn vị hành chính (Tổng cục Thống kê), 01/03/2025",
                           "note": f"mã huyện / GSO district code {row['district_code']}; cấp huyện kết thúc 30/6/2025"}
        data.append(entry)
        out.append(f"  - code: {q(code)}")
        for key in ("name", "level", "type", "parent", "valid_until", "successor"):
            if key in entry:
                out.append(f"    {key}: {entry[key] if key == 'valid_until' else q(entry[key])}")
        out.append(f"    source: {{document: {q(entry['source']['document'])}, note: {q(entry['source']['note'])}}}")
    for unit in units:
        code = codes[unit.khoan]
        entry = {"code": code, "name": f"{TYPE_PREFIX[unit.type]} {unit.name}", "level": "xa", "type": unit.type,
                 "parent": "hai-phong", "valid_from": VALID_FROM,
                 "source": {"document": DOCUMENT, "article": f"Điều 1 khoản {unit.khoan}"}, "predecessors": []}
        out += [f"  - code: {q(code)}", f"    name: {q(entry['name'])}", "    level: xa", f"    type: {unit.type}",
                "    parent: hai-phong", f"    valid_from: {VALID_FROM}",
                f"    source: {{document: {q(DOCUMENT)}, article: {q(entry['source']['article'])}}}",
                "    predecessors:"]
        for mention in unit.mentions:
            row = mention.gso
            province = PROVINCES[row["province"]]
            full = f"{TYPE_PREFIX[mention.type]} {mention.name}"
            pred = {"name": full, "type": mention.type, "share": mention.share}
            if mention.after:
                pred["after"] = mention.after
            if row["commune"]:
                pred["district"] = new_style_tones(row["district"])
                dcode = district_code(row)
                pred["district_code"] = dcode
                pred["gso_code"] = row["commune_code"]
                if (linked := linked_code(row, known)) is not None:
                    pred["code"] = linked
            else:
                pred["code"] = district_code(row)
                pred["gso_code"] = row["district_code"]
            pred["province"] = province
            entry["predecessors"].append(pred)
            parts = []
            for key, value in pred.items():
                parts.append(f"{key}: [{', '.join(str(n) for n in value)}]" if key == "after" else f"{key}: {q(value)}")
            out.append(f"      - {{{', '.join(parts)}}}")
        data.append(entry)
    return "\n".join(out) + "\n", {"units": data}


def main() -> int:
    """Parse, check, write (or compare)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the file in the repository")
    parser.add_argument("--verbose", action="store_true", help="list the units and the context resolutions")
    args = parser.parse_args()
    units, totals = parse_resolution(NQ_TEXT.read_text(encoding="utf-8"))
    counts = Counter(u.type for u in units)
    if len(units) != 114 or dict(counts) != EXPECTED or totals != EXPECTED:
        raise SystemExit(f"counts: {len(units)} units, {dict(counts)}; khoản 115 says {totals}")
    if len(set(unit_codes(units).values())) != len(units):
        raise SystemExit("duplicate codes")
    rows = read_gso()
    notes = resolve(units, rows)
    check_coverage(units, rows)
    known = known_units()
    text, expected = render(units, rows, known)
    loaded = yaml.safe_load(text)
    for entry in loaded["units"]:
        for key in ("valid_from", "valid_until"):
            if key in entry:
                entry[key] = str(entry[key])
    if loaded != expected:
        raise SystemExit("the YAML written does not load back to the data (quoting bug)")
    if args.verbose:
        for note in notes:
            print(note)
        for unit in units:
            print(unit.khoan, unit.type, unit.name, "←", "; ".join(
                f"{m.share} {m.type} {m.name} [{m.gso['district']}]" for m in unit.mentions))
    mentions = sum(len(u.mentions) for u in units)
    summary = (f"{len(units)} units ({counts['xa']} xã, {counts['phuong']} phường, {counts['dac_khu']} đặc khu) "
               f"from {mentions} mentions of {len(rows)} former units; {len(notes)} resolved by context")
    if args.check:
        same = OUTPUT.exists() and OUTPUT.read_text(encoding="utf-8") == text
        print(summary + ("; file up to date" if same else "; FILE DIFFERS"))
        return 0 if same else 1
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(summary + f"; wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
