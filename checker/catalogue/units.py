"""The administrative units: the hierarchy (nation, province, district, commune), its history and names.

Unit files: ``targets/units.yaml`` (hand-written) and ``targets/units/*.yaml`` (generated, e.g.
Hải Phòng's 114 units of NQ 1669/NQ-UBTVQH15 by ``scripts/units_hai_phong_2025.py``).  Former
units point at what they became (``successor``, the day after ``valid_until``); new units list
the former units they were formed from (``predecessors``).  See docs/targets.md.
"""


import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from checker.core import parsecache, yamlio
from checker.core.errors import InputError, Problem, pydantic_problems
from checker.core.vnnames import split_type

UNITS_FILE = "units.yaml"
UNITS_DIR = "units"


UnitType = Literal["xa", "phuong", "thi_tran", "dac_khu", "huyen", "quan", "thi_xa", "thanh_pho", "tinh", "nation"]
UNIT_TYPES_BY_LEVEL: dict[str, tuple[str, ...]] = {
    "nation": ("nation",),
    "tinh": ("tinh", "thanh_pho"),
    "huyen": ("huyen", "quan", "thi_xa", "thanh_pho"),
    "xa": ("xa", "phuong", "thi_tran", "dac_khu"),
}
"""The unit types each level admits (a city is "thanh_pho" at province or district level)."""


class Predecessor(BaseModel):
    """A former unit that a unit was formed from, as the forming document names it.

    ``share`` is how much of it went in: ``whole`` (toàn bộ diện tích tự nhiên, quy mô dân số),
    ``part`` (một phần diện tích tự nhiên, quy mô dân số), ``part_area`` (một phần diện tích
    tự nhiên: area only) or ``rest`` (phần còn lại, after the khoản listed in ``after``).
    ``code`` is the former unit's code where the hierarchy has it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str
    type: UnitType
    province: str = Field(description="code of the former province, e.g. hai-duong")
    code: str | None = None
    district: str | None = Field(default=None, description="full name of the former district, e.g. Huyện Thanh Miện")
    district_code: str | None = None
    share: Literal["whole", "part", "part_area", "rest"] = "whole"
    after: tuple[int, ...] = ()
    gso_code: str | None = Field(default=None, description="the former unit's code in the GSO list")


class UnitSource(BaseModel):
    """The document (and article) that formed or records a unit."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    document: str
    article: str | None = None
    note: str | None = None


class Unit(BaseModel):
    """One administrative unit in the hierarchy (nation, province, district, commune).

    ``type`` defaults to what the name's first word says ("Xã …", "Phường …", "Huyện …"), else
    to the level.  A new unit lists the former units it was formed from (``predecessors``), or
    says ``unchanged`` when it kept its area; a former unit points at what it became
    (``successor``, the day after ``valid_until``).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    code: str = ""
    name: str
    level: Literal["nation", "tinh", "huyen", "xa"]
    type: UnitType
    parent: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    successor: str | None = None
    reviewer: str | None = None
    predecessors: tuple[Predecessor, ...] = ()
    unchanged: bool = False
    source: UnitSource | None = None

    @model_validator(mode="before")
    @classmethod
    def _default_type(cls, data: Any) -> Any:
        if isinstance(data, dict) and "type" not in data and isinstance(data.get("name"), str):
            named = split_type(data["name"])[0]
            level = str(data.get("level"))
            if named is None or named not in UNIT_TYPES_BY_LEVEL.get(level, (named,)):
                named = level if level in UNIT_TYPES_BY_LEVEL else None  # each level is also a type
            if named is not None:
                data = {**data, "type": named}
        return data

    @field_validator("type")
    @classmethod
    def _type_fits_level(cls, value: str, info: ValidationInfo) -> str:
        level = info.data.get("level")
        if level is not None and value not in UNIT_TYPES_BY_LEVEL[level]:
            raise ValueError(f"loại '{value}' không thuộc cấp '{level}' / type '{value}' is not of level '{level}'")
        return value


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int):
        super().__init__(key, line)
        self.key, self.line = key, line


@lru_cache(maxsize=1)
def _unique_key_loader() -> type:
    """A safe YAML loader (C when present) that refuses a key repeated in one mapping."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class UniqueKeyLoader(base):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    continue
                if key in seen:
                    raise _DuplicateKey(key, key_node.start_mark.line + 1)
                seen.add(key)
            return super().construct_mapping(node, deep)

    return UniqueKeyLoader


def _parse_units_yaml(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=_unique_key_loader())  # noqa: S506 - a safe loader


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _read_units_file(path: Path, cached: bool) -> list[tuple[str, str, str, Any]]:
    """(pointer, code, pointer of the code, entry) for every unit of one file, mapping or list form."""
    try:
        raw = parsecache.cached_parse(path, "utf-8", _parse_units_yaml) if cached else \
            _parse_units_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(str(path), "", "không tìm thấy tệp / file not found") from exc
    except _DuplicateKey as exc:
        message = f"khóa trùng (dòng {exc.line}) / duplicate key '{exc.key}' (line {exc.line})"
        raise InputError(str(path), f"/units/{_escape(str(exc.key))}", message) from exc
    except (yamlio.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(str(path), "", f"không phải YAML hợp lệ / not valid YAML: {exc}") from exc
    entries = raw.get("units") if isinstance(raw, dict) else None
    if isinstance(entries, dict):
        result = []
        for code, entry in entries.items():
            pointer = f"/units/{_escape(str(code))}"
            if isinstance(entry, dict) and "code" in entry and entry["code"] != code:
                raise InputError(str(path), f"{pointer}/code", f"mã khác khóa / code differs from its key '{code}'")
            result.append((pointer, str(code), pointer, entry))
        return result
    if isinstance(entries, list):
        result = []
        for index, entry in enumerate(entries):
            code = entry.get("code") if isinstance(entry, dict) else None
            if not isinstance(code, str) or not code:
                raise InputError(str(path), f"/units/{index}/code", "thiếu mã đơn vị / required field is missing")
            result.append((f"/units/{index}", code, f"/units/{index}/code", entry))
        return result
    raise InputError(str(path), "/units", "cần 'units': bảng mã → đơn vị hoặc danh sách / expected 'units': a "
                                          "mapping of code to unit, or a list of units with 'code'")


def load_units(paths: list[Path], cached: bool = False) -> "UnitTree":
    """Load and cross-check unit files; any problem is an InputError naming the file and field.

    Checked: each entry against :class:`Unit`; codes unique across all files; ``parent``,
    ``successor``, and each predecessor's ``code``, ``district_code`` and ``province`` name
    known units; a ``whole`` predecessor with a code has that unit as its ``successor`` and
    ended before the new unit began; successor links do not go round in a circle.
    """
    known: dict[str, Unit] = {}
    where: dict[str, tuple[str, str]] = {}
    for path in paths:
        problems: list[Problem] = []
        for pointer, code, code_pointer, entry in _read_units_file(path, cached):
            if code in where:
                first = " ".join(where[code])
                problems.append(Problem(code_pointer, f"mã đơn vị trùng / duplicate unit code (first: {first})", code))
                continue
            try:
                unit = Unit.model_validate({**entry, "code": code} if isinstance(entry, dict) else entry)
            except ValidationError as exc:
                problems += [Problem(pointer + p.pointer, p.message, p.got) for p in pydantic_problems(exc)]
                continue
            known[code] = unit
            where[code] = (str(path), pointer)
        if problems:
            raise InputError.from_problems(str(path), problems)
    _check_unit_links(known, where)
    return UnitTree(known)


def _check_unit_links(known: dict[str, Unit], where: dict[str, tuple[str, str]]) -> None:
    by_file: dict[str, list[Problem]] = {}

    def problem(code: str, field: str, message: str, got: str | None) -> None:
        file, pointer = where[code]
        by_file.setdefault(file, []).append(Problem(f"{pointer}/{field}", message, got))

    unknown = "mã đơn vị không có trong cây đơn vị / unknown unit code"
    for code, unit in known.items():
        for field in ("parent", "successor"):
            value = getattr(unit, field)
            if value is not None and value not in known:
                problem(code, field, unknown, value)
        seen = {code}
        step = unit.successor
        while step in known:
            if step in seen:
                problem(code, "successor", "kế thừa vòng tròn / successor links go round in a circle", step)
                break
            seen.add(step)
            step = known[step].successor
        for index, pred in enumerate(unit.predecessors):
            for field in ("code", "district_code", "province"):
                value = getattr(pred, field)
                if value is not None and value not in known:
                    problem(code, f"predecessors/{index}/{field}", unknown, value)
            former = known.get(pred.code or "")
            if former is None or pred.share != "whole":
                continue
            if former.successor != code:
                problem(code, f"predecessors/{index}/code",
                        f"đơn vị cũ có kế thừa khác / the former unit's successor is {former.successor!r}, not "
                        f"'{code}'", pred.code)
            elif former.valid_until is None or (unit.valid_from and former.valid_until >= unit.valid_from):
                problem(code, f"predecessors/{index}/code",
                        "đơn vị cũ chưa kết thúc trước ngày thành lập / the former unit's valid_until is not before "
                        "this unit's valid_from", pred.code)
    if by_file:
        file = next(iter(by_file))
        raise InputError.from_problems(file, by_file[file])


class UnitTree(dict[str, Unit]):
    """The unit hierarchy: code -> unit, with lookups by successor, predecessor and name.

    Its indexes are built on first use and kept with the tree (a catalogue holds one tree).
    """

    def __init__(self, units: dict[str, Unit]) -> None:
        super().__init__(units)
        self._successor_links: dict[str, tuple[str, ...]] | None = None
        self._by_name: dict[str, tuple[str, ...]] | None = None
        self._formed: dict[str, tuple[tuple[str, Predecessor], ...]] | None = None

    def ancestry(self, unit_code: str | None, on: dt.date | None = None) -> list[str]:
        """Unit codes from the nation down to ``unit_code`` as the hierarchy stood ``on`` a date."""
        return ancestry(self, unit_code, on)

    def successor_at(self, code: str, on: dt.date) -> str | None:
        """The unit that ``code`` had become on ``on``, following successor links.

        ``code`` itself while it is in force; None when it ended without a successor (the
        abolished districts).  Raises KeyError for a code the hierarchy does not know.
        """
        unit = self[code]
        seen = {code}
        while unit.valid_until is not None and on > unit.valid_until:
            if unit.successor is None or unit.successor in seen:
                return None
            code = unit.successor
            seen.add(code)
            unit = self[code]
        return code

    def province_of(self, code: str) -> str | None:
        """The code of the province-level unit that ``code`` belongs to (itself if it is one)."""
        seen: set[str] = set()
        current: str | None = code
        while current is not None and current in self and current not in seen:
            seen.add(current)
            if self[current].level == "tinh":
                return current
            current = self[current].parent
        return None

    def _links(self) -> dict[str, tuple[str, ...]]:
        if self._successor_links is None:
            links: dict[str, list[str]] = {}
            for code, unit in self.items():
                if unit.successor:
                    links.setdefault(unit.successor, []).append(code)
            self._successor_links = {code: tuple(froms) for code, froms in links.items()}
        return self._successor_links

    def predecessors_of(self, code: str) -> tuple[Predecessor, ...]:
        """The former units ``code`` was formed from.

        Those its data lists, then any other unit whose successor it is (Tỉnh Hải Dương for
        hai-phong).  Raises KeyError for an unknown code.
        """
        listed = self[code].predecessors
        linked = {p.code for p in listed if p.code}
        extra = []
        for former in self._links().get(code, ()):
            if former not in linked:
                unit = self[former]
                parent = self.get(unit.parent or "")
                extra.append(Predecessor(
                    name=unit.name, type=unit.type, province=self.province_of(former) or former, code=former,
                    district=parent.name if parent is not None and parent.level == "huyen" else None,
                    district_code=unit.parent if parent is not None and parent.level == "huyen" else None))
        return (*listed, *extra)

    def _names(self) -> dict[str, tuple[str, ...]]:
        if self._by_name is None:
            index: dict[str, list[str]] = {}
            for code, unit in self.items():
                index.setdefault(split_type(unit.name)[1], []).append(code)
            self._by_name = {key: tuple(codes) for key, codes in index.items()}
        return self._by_name

    def units_named(self, name: str, unit_type: str | None = None, province: str | None = None,
                    on: dt.date | None = None) -> list[str]:
        """Codes of the units called ``name``, optionally of a type, within a province, in force on a date.

        ``name`` may carry its type word and issuer ("UBND XÃ NAM THANH MIỆN", "Phường Thủy
        Nguyên", "đặc khu Cát Hải") and be in any case, NFC or NFD, with old or new tone
        placement ("Hoà" = "Hòa").  A type word in the name must agree with ``unit_type``.
        """
        named_type, key = split_type(name)
        if unit_type is not None and named_type is not None and unit_type != named_type:
            return []
        wanted = unit_type or named_type
        found = []
        for code in self._names().get(key, ()):
            unit = self[code]
            if wanted is not None and unit.type != wanted:
                continue
            if province is not None and self.province_of(code) != province:
                continue
            if on is not None and not in_force_on(unit, on):
                continue
            found.append(code)
        return found

    def formed_from(self, name: str, unit_type: str | None = None, province: str | None = None,
                    district: str | None = None) -> list[tuple[str, Predecessor]]:
        """The units formed from a former unit called ``name``: (new unit's code, how it names the former one).

        For former communes that the hierarchy knows only as predecessors (the 374 communes of
        Hải Dương and Hải Phòng merged on 1/7/2025).  ``province`` is the former province's code;
        ``district`` the former district's name ("Thanh Miện" or "Huyện Thanh Miện").  A split
        unit gives several rows (``share``: part, part_area, rest).
        """
        named_type, key = split_type(name)
        wanted = unit_type or named_type
        district_key = split_type(district)[1] if district else None
        if self._formed is None:
            index: dict[str, list[tuple[str, Predecessor]]] = {}
            for code, unit in self.items():
                for pred in unit.predecessors:
                    index.setdefault(split_type(pred.name)[1], []).append((code, pred))
            self._formed = {k: tuple(v) for k, v in index.items()}
        found = []
        for code, pred in self._formed.get(key, ()):
            if wanted is not None and pred.type != wanted:
                continue
            if province is not None and pred.province != province:
                continue
            if district_key and pred.district and split_type(pred.district)[1] != district_key:
                continue
            found.append((code, pred))
        return found

    def unit_by_name(self, name: str, unit_type: str | None = None, province: str | None = None,
                     on: dt.date | None = None) -> str | None:
        """The one unit :meth:`units_named` finds, or None when it finds none or several."""
        found = self.units_named(name, unit_type, province, on)
        return found[0] if len(found) == 1 else None


def in_force_on(unit: Unit, on: dt.date) -> bool:
    """Whether ``unit`` existed on ``on`` (between its valid_from and valid_until, where set)."""
    return (unit.valid_from is None or unit.valid_from <= on) and (unit.valid_until is None or on <= unit.valid_until)


def unit_files(root: Path) -> list[Path]:
    """The unit files under a targets directory: ``units.yaml``, then ``units/*.yaml`` in name order."""
    return [root / UNITS_FILE, *sorted((root / UNITS_DIR).glob("*.yaml"))]


def ancestry(known: Mapping[str, Unit], unit_code: str | None, on: dt.date | None = None) -> list[str]:
    """Unit codes from the nation down to ``unit_code`` as the hierarchy ``known`` stood ``on`` a date.

    A unit that no longer existed on that date is replaced by its successor (Hải Dương by
    Hải Phòng after 30/6/2025) or, without one, skipped (the abolished districts), so a
    report after the reform picks up the layers of the units that exist then.
    """
    chain: list[str] = []
    code = unit_code
    while code:
        if code in known:
            unit = known[code]
            if on is not None and unit.valid_until is not None and on > unit.valid_until:
                code = unit.successor or unit.parent
                continue
            if code not in chain:
                chain.append(code)
            code = unit.parent
        else:
            code = code.rsplit("/", 1)[0] if "/" in code else None
    if "vn" not in chain:
        chain.append("vn")
    return list(reversed(chain))
