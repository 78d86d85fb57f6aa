"""Targets as cited data: models, loading with clear errors, and choosing the one in force.

Target files live under ``targets/`` (one YAML file per issuing document) and the unit
hierarchy in ``targets/units.yaml`` and ``targets/units/*.yaml``.  See ``docs/targets.md`` for the layering rule.
"""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from checker import datacache, yamlio
from checker.errors import InputError, Problem, pydantic_problems
from checker.indicators import catalogue
from checker.paths import data_dir
from checker.vnnames import split_type
from checker.yamlio import load_model_file

Comparator = Literal[">=", ">", "<=", "<", "="]
Confidence = Literal["verified", "sec", "hdr", "mem"]
TargetLevel = Literal["xa", "huyen", "tinh", "all"]

CONFIDENCE_TEXT = {
    "verified": ("đã đối chiếu văn bản gốc", "checked against the official text"),
    "sec": ("theo trang tin trích dẫn văn bản", "read on a page restating the document"),
    "hdr": ("chỉ thấy số hiệu, tiêu đề văn bản — chưa kiểm chứng", "only the document header seen — unverified"),
    "mem": ("ghi nhớ, chưa tìm thấy nguồn — chưa kiểm chứng", "remembered, no source found — unverified"),
}


class SourceDocument(BaseModel):
    """The document that sets a group of targets."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    number: str
    date: dt.date | None = None
    issuer: str
    title: str
    scope: str = Field(description="unit code whose layer this document belongs to, e.g. vn, hai-duong")
    url_hint: str | None = None
    note: str | None = None


class Target(BaseModel):
    """One target: indicator, comparator, threshold, where and when it applies, its source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    indicator: str
    comparator: Comparator
    threshold: float
    unit: Literal["percent", "count", "flag"] = "percent"
    levels: tuple[TargetLevel, ...] = ("all",)
    kind: Literal["annual", "deadline"]
    year: int = Field(ge=2000, le=2100)
    from_year: int | None = Field(default=None, ge=2000, le=2100)
    denominator: str | None = None
    article: str | None = None
    quote: str
    confidence: Confidence
    note: str | None = None

    @field_validator("indicator")
    @classmethod
    def _known_indicator(cls, code: str) -> str:
        if code not in catalogue():
            raise ValueError(f"mã chỉ tiêu không có trong danh mục / unknown indicator code '{code}'")
        return code

    @property
    def verified(self) -> bool:
        """Whether the figure was read from a text (sec or verified), not just recalled."""
        return self.confidence in ("verified", "sec")


class TargetFile(BaseModel):
    """A target file: one document and the targets it sets."""

    model_config = ConfigDict(extra="forbid")

    document: SourceDocument
    targets: list[Target]


@dataclass(frozen=True)
class SourcedTarget:
    """A target together with its document and the file it came from."""

    target: Target
    document: SourceDocument
    path: str
    order: int


@dataclass(frozen=True)
class TargetChoice:
    """The target in force for one indicator and report, and the ones it overrode."""

    chosen: SourcedTarget
    binding: bool
    overridden: tuple[SourcedTarget, ...] = ()


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

    model_config = ConfigDict(extra="forbid", frozen=True)

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

    model_config = ConfigDict(extra="forbid", frozen=True)

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

    model_config = ConfigDict(extra="forbid", frozen=True)

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
            level = data.get("level")
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


def load_target_file(path: Path, cached: bool = False) -> TargetFile:
    """Load and validate one target file; raise InputError naming file, entry and field.

    ``cached`` parses through the parse cache (bundled target files).
    """
    return load_model_file(path, TargetFile, "một đối tượng có 'document' và 'targets'", cached=cached)


def unit_files() -> list[Path]:
    """The bundled unit files: ``targets/units.yaml``, then ``targets/units/*.yaml`` in name order."""
    root = data_dir("targets")
    return [root / "units.yaml", *sorted((root / "units").glob("*.yaml"))]


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """The unit hierarchy from the bundled unit files (see :func:`unit_files`)."""
    try:
        return load_units(unit_files(), cached=True)
    finally:
        datacache.flush()


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
        raw = datacache.cached_parse(path, "utf-8", _parse_units_yaml) if cached else \
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


def load_units(paths: list[Path], cached: bool = False) -> dict[str, Unit]:
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
    return known


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


def ancestry(unit_code: str | None, on: dt.date | None = None) -> list[str]:
    """Unit codes from the nation down to ``unit_code`` as the hierarchy stood ``on`` a date.

    A unit that no longer existed on that date is replaced by its successor (Hải Dương by
    Hải Phòng after 30/6/2025) or, without one, skipped (the abolished districts), so a
    report after the reform picks up the layers of the units that exist then.
    """
    known = units()
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


def in_force_on(unit: Unit, on: dt.date) -> bool:
    """Whether ``unit`` existed on ``on`` (between its valid_from and valid_until, where set)."""
    return (unit.valid_from is None or unit.valid_from <= on) and (unit.valid_until is None or on <= unit.valid_until)


def successor_at(code: str, on: dt.date) -> str | None:
    """The unit that ``code`` had become on ``on``, following successor links.

    ``code`` itself while it is in force; None when it ended without a successor (the
    abolished districts).  Raises KeyError for a code the hierarchy does not know.
    """
    known = units()
    unit = known[code]
    seen = {code}
    while unit.valid_until is not None and on > unit.valid_until:
        if unit.successor is None or unit.successor in seen:
            return None
        code = unit.successor
        seen.add(code)
        unit = known[code]
    return code


def province_of(code: str) -> str | None:
    """The code of the province-level unit that ``code`` belongs to (itself if it is one)."""
    known = units()
    seen: set[str] = set()
    current: str | None = code
    while current in known and current not in seen:
        seen.add(current)
        if known[current].level == "tinh":
            return current
        current = known[current].parent
    return None


@lru_cache(maxsize=1)
def _successor_links() -> dict[str, tuple[str, ...]]:
    links: dict[str, list[str]] = {}
    for code, unit in units().items():
        if unit.successor:
            links.setdefault(unit.successor, []).append(code)
    return {code: tuple(froms) for code, froms in links.items()}


def predecessors_of(code: str) -> tuple[Predecessor, ...]:
    """The former units ``code`` was formed from.

    Those its data lists, then any other unit whose successor it is (Tỉnh Hải Dương for
    hai-phong).  Raises KeyError for an unknown code.
    """
    known = units()
    listed = known[code].predecessors
    linked = {p.code for p in listed if p.code}
    extra = []
    for former in _successor_links().get(code, ()):
        if former not in linked:
            unit = known[former]
            parent = known.get(unit.parent or "")
            extra.append(Predecessor(
                name=unit.name, type=unit.type, province=province_of(former) or former, code=former,
                district=parent.name if parent is not None and parent.level == "huyen" else None,
                district_code=unit.parent if parent is not None and parent.level == "huyen" else None))
    return (*listed, *extra)


@lru_cache(maxsize=1)
def _units_by_name() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for code, unit in units().items():
        index.setdefault(split_type(unit.name)[1], []).append(code)
    return {key: tuple(codes) for key, codes in index.items()}


def units_named(name: str, unit_type: str | None = None, province: str | None = None,
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
    known = units()
    found = []
    for code in _units_by_name().get(key, ()):
        unit = known[code]
        if wanted is not None and unit.type != wanted:
            continue
        if province is not None and province_of(code) != province:
            continue
        if on is not None and not in_force_on(unit, on):
            continue
        found.append(code)
    return found


def unit_by_name(name: str, unit_type: str | None = None, province: str | None = None,
                 on: dt.date | None = None) -> str | None:
    """The one unit :func:`units_named` finds, or None when it finds none or several."""
    found = units_named(name, unit_type, province, on)
    return found[0] if len(found) == 1 else None


def target_files() -> list[Path]:
    """All bundled target files, in a deterministic order."""
    root = data_dir("targets")
    unit_dir = root / "units"
    return sorted(p for p in root.rglob("*.yaml") if p.name != "units.yaml" and unit_dir not in p.parents)


@lru_cache(maxsize=1)
def bundled_targets() -> tuple[SourcedTarget, ...]:
    """Every bundled target, loaded once per process."""
    try:
        return tuple(_sourced(target_files(), cached=True))
    finally:
        datacache.flush()


def _sourced(paths: list[Path], start: int = 0, cached: bool = False) -> list[SourcedTarget]:
    result: list[SourcedTarget] = []
    for path in paths:
        loaded = load_target_file(path, cached)
        for target in loaded.targets:
            result.append(SourcedTarget(target, loaded.document, str(path), start + len(result)))
    return result


def load_extra(paths: list[Path]) -> tuple[SourcedTarget, ...]:
    """Targets from ``--targets FILE`` options: the most specific layer of all."""
    return tuple(_sourced(paths, start=100_000))


def _layer_depth(scope: str, chain: list[str], extra: bool) -> int | None:
    if extra:
        return len(chain) + 1
    if scope in chain:
        return chain.index(scope)
    return None


def _applies(target: Target, year: int, level: str) -> bool:
    if "all" not in target.levels and level not in target.levels:
        return False
    if target.kind == "annual":
        return year == target.year
    return year >= (target.from_year or 0)


def _strictness(target: Target) -> float:
    return target.threshold if target.comparator in (">=", ">", "=") else -target.threshold


@lru_cache(maxsize=4096)
def choose(
    indicator: str,
    year: int,
    level: str,
    unit_code: str | None,
    extra: tuple[SourcedTarget, ...] = (),
    on: dt.date | None = None,
) -> TargetChoice | None:
    """Pick the target in force for ``indicator`` for a report of ``year`` at ``level`` (cached).

    Candidates are the targets of every layer on the unit's chain (nation, province,
    district, then ``--targets`` files) whose year and level apply.  A target is *binding*
    when it is an annual target for this year or a deadline already reached; a deadline
    still ahead is a *path* target.  Within one layer, a later document supersedes an
    earlier one among targets of the same kind (annual / deadline).  Then binding targets
    win over path targets; among binding ones the strictest wins (a province cannot relax
    the national floor), ties going to the more specific layer; among path targets the
    nearest deadline wins, then the strictest.  ``on`` (default: 31 December of ``year``)
    is the date at which the unit hierarchy is read.
    """
    chain = ancestry(unit_code, on or dt.date(year, 12, 31))
    groups: dict[tuple[int, str], list[SourcedTarget]] = {}
    for sourced in (*bundled_targets(), *extra):
        target = sourced.target
        if target.indicator != indicator or not _applies(target, year, level):
            continue
        depth = _layer_depth(sourced.document.scope, chain, sourced.order >= 100_000)
        if depth is None:
            continue
        groups.setdefault((depth, target.kind), []).append(sourced)
    if not groups:
        return None
    survivors: list[tuple[int, SourcedTarget]] = []
    overridden: list[SourcedTarget] = []
    for (depth, _kind), group in groups.items():
        latest = max(group, key=lambda s: (s.document.date or dt.date.min, s.order))
        for sourced in group:
            if sourced.document.date == latest.document.date:
                survivors.append((depth, sourced))
            else:
                overridden.append(sourced)

    def rank(item: tuple[int, SourcedTarget]) -> tuple[bool, float, float, int, int]:
        depth, sourced = item
        target = sourced.target
        if _is_binding(target, year):
            return (True, _strictness(target), 0.0, depth, sourced.order)
        return (False, -float(target.year), _strictness(target), depth, sourced.order)

    survivors.sort(key=rank, reverse=True)
    chosen = survivors[0][1]
    overridden.extend(s for _, s in survivors[1:])
    overridden.sort(key=lambda s: s.order)
    return TargetChoice(chosen=chosen, binding=_is_binding(chosen.target, year), overridden=tuple(overridden))


def _is_binding(target: Target, year: int) -> bool:
    return target.kind == "annual" or year >= target.year


def in_force(year: int, level: str, unit_code: str | None) -> list[TargetChoice]:
    """The chosen target for every indicator that has one, for ``checker targets``."""
    indicators = sorted({s.target.indicator for s in bundled_targets()})
    choices = [choose(code, year, level, unit_code) for code in indicators]
    return [choice for choice in choices if choice is not None]
