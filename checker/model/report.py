"""The report model: what a commune report says, as pydantic models.

An indicator keeps what the report actually says: a plain value, a numerator and
denominator, a stated percentage, a yes/no flag, or several of these at once, so they can
be checked against each other.  An indicator that the report does not mention is simply
absent from ``indicators``; that is distinct from a stated 0.  Unknown keys anywhere are an
error.  Numbers may be given as JSON numbers or as strings written the Vietnamese way
("2.777", "98,34 %"); the original string is kept in ``Measure.parsed_from``.
"""

import datetime as dt
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    ValidationInfo,
    field_validator,
    model_validator,
)

from checker.catalogue.store import indicators as indicator_catalogue
from checker.core.defaults import new_dict, new_list
from checker.core.numbers import decimals_of, nfc, parse_date, parse_number_or_percent, written_decimals

PeriodKind = Literal["quarter", "half", "nine_months", "year"]
Level = Literal["xa", "huyen", "tinh"]
Qualifier = Literal["exact", "more_than", "at_least", "less_than", "at_most", "about", "nearly"]
"""How a figure is stated: exactly, "trên/hơn" (more_than), "từ … trở lên" (at_least), "dưới" (less_than),
"không quá" (at_most), "khoảng" (about), "gần" (nearly: a band just below).  See docs/numbers.md."""

_NUMERIC_FIELDS = ("value", "numerator", "denominator", "percent")
_PLAIN_NUMBER = frozenset({float, int, type(None)})
"""Types of a numeric field's input that are never text to read as a Vietnamese number."""


NFC_DONE = {"nfc_done": True}
"""Validation context of data whose every string is already NFC (``checker.read.json_report`` ensures it)."""


class Strict(BaseModel):
    """Base for report models: unknown keys are errors; strings are NFC-normalised."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _normalise_strings(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, dict) and not (info.context and info.context.get("nfc_done")):
            return {
                key: nfc(value) if isinstance(value, str) else value
                for key, value in data.items()
            }
        return data


def _parse_field(field: str, raw: str) -> float:
    """A number written as text, or ValueError naming the field (the model validator has no field location)."""
    try:
        return parse_number_or_percent(raw)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from exc


def _numbers_only(data: dict[str, Any]) -> bool:
    """Whether a measure's input has no text to read as a number: no parts, numbers absent or JSON numbers.

    Then :func:`_parse_vietnamese_numbers` would return it unchanged; a few type tests instead of
    its scan (a bool, a str subclass or a Decimal is not a plain number here and takes the scan).
    """
    return ("parts" not in data and type(data.get("value")) in _PLAIN_NUMBER
            and ("numerator" not in data and "denominator" not in data and "percent" not in data
                 or type(data.get("numerator")) in _PLAIN_NUMBER
                 and type(data.get("denominator")) in _PLAIN_NUMBER
                 and type(data.get("percent")) in _PLAIN_NUMBER))


def _parse_vietnamese_numbers(data: dict[str, Any]) -> dict[str, Any]:
    """Accept "2.777" or "98,34 %" where a number of a measure belongs, keeping the original."""
    parts = data.get("parts")
    if not any(isinstance(data.get(key), str) for key in _NUMERIC_FIELDS) and not (
            isinstance(parts, dict) and any(isinstance(raw, str) for raw in parts.values())):
        return data
    data = dict(data)
    parsed = dict(data.get("parsed_from") or {})
    for key in _NUMERIC_FIELDS:
        raw = data.get(key)
        if isinstance(raw, str):
            data[key] = _parse_field(key, raw)
            parsed[key] = nfc(raw)
    if isinstance(data.get("parts"), dict):
        parts = dict(data["parts"])
        for name, raw in parts.items():
            if isinstance(raw, str):
                parts[name] = _parse_field(f"parts/{name}", raw)
                parsed[f"parts/{name}"] = nfc(raw)
        data["parts"] = parts
    if parsed:
        data["parsed_from"] = parsed
    return data


def _coerce_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return parse_date(value)
    return value


class Source(Strict):
    """Where a value was read: a line of the source text and the quoted words."""

    line: int | None = Field(default=None, ge=1)
    quote: str | None = None


class Measure(Strict):
    """One statement of one indicator, as the report writes it."""

    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    percent: float | None = None
    flag: bool | None = None
    level: int | None = Field(default=None, ge=0, le=2)
    parts: dict[str, float] | None = Field(
        default=None, description="breakdown of value by field, sector or room (must add up to value)"
    )
    qualifier: Qualifier = "exact"
    period_start: dt.date | None = None
    as_of: dt.date | None = None
    line: int | None = Field(default=None, ge=1)
    quote: str | None = None
    note: str | None = None
    parsed_from: dict[str, str] = Field(default_factory=new_dict)

    @model_validator(mode="wrap")
    @classmethod
    def _normalise_strings(cls, data: Any, handler: ModelWrapValidatorHandler["Measure"],
                           info: ValidationInfo) -> "Measure":
        """Every step of a measure in one Python call (it replaces :class:`Strict`'s validator of the same name).

        In the order the three validators it replaced ran: Vietnamese numbers ("2.777", "98,34 %") read
        from the input as written, then strings made NFC (unless already), the fields, then a measure that
        states nothing is refused.  One call instead of three: ~75 measures in a report.  A measure
        whose numbers are JSON numbers (:func:`_numbers_only`, the common case of a report read
        from JSON) skips the scan for Vietnamese numbers, which would return it unchanged.
        """
        if isinstance(data, dict):
            if not _numbers_only(data):
                data = _parse_vietnamese_numbers(data)
            if not (info.context and info.context.get("nfc_done")):
                data = {key: nfc(value) if isinstance(value, str) else value for key, value in data.items()}
        measure = handler(data)
        if (measure.value is None and measure.numerator is None and measure.denominator is None
                and measure.percent is None and measure.flag is None and measure.level is None):
            raise ValueError(
                "một chỉ tiêu phải có ít nhất một trong value, numerator, denominator, "
                "percent, flag, level / a measure must state at least one value"
            )
        return measure

    _dates = field_validator("period_start", "as_of", mode="before")(
        lambda value: _coerce_date(value)
    )

    def written_decimals(self, field: str) -> int:
        """How many decimals ``field`` (or ``parts/<name>``) was written with.

        From the original string when the report gave one ("90,20" -> 2, even though the
        number is 90.2), else from the JSON number (90.2 -> 1, 100 -> 0).
        """
        raw = self.parsed_from.get(field)
        if raw is not None:
            try:
                return written_decimals(raw)
            except ValueError:
                pass
        if field.startswith("parts/"):
            number = (self.parts or {}).get(field[len("parts/"):])
        else:
            number = getattr(self, field, None)
        if isinstance(number, bool) or not isinstance(number, int | float):
            return 0
        return decimals_of(float(number))

    def main_number(self) -> float | None:
        """The headline number: the percent if stated, else the value."""
        if self.percent is not None:
            return self.percent
        return self.value


class Identity(Strict):
    """Which unit wrote the report and where it sits in the hierarchy."""

    commune: str = Field(description="Tên đơn vị báo cáo (xã; hoặc huyện, tỉnh/thành phố cho báo cáo tổng hợp) / "
                                     "the reporting unit's name (a commune; a district or province for a roll-up)")
    unit_type: Literal["xa", "phuong", "thi_tran", "dac_khu", "huyen", "quan", "thi_xa", "thanh_pho", "tinh"] = "xa"
    district: str | None = None
    province: str
    unit_code: str | None = Field(
        default=None, description="Code of the unit in targets/units.yaml, e.g. hai-duong/thanh-mien/chi-lang-nam"
    )


class Period(Strict):
    """The reporting period: year and kind, with dates derived when not given."""

    year: int = Field(ge=2000, le=2100)
    kind: PeriodKind
    quarter: int | None = Field(default=None, ge=1, le=4)
    label: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    _dates = field_validator("start", "end", mode="before")(lambda value: _coerce_date(value))

    @model_validator(mode="after")
    def _derive_dates(self) -> "Period":
        if self.kind == "quarter" and self.quarter is None:
            raise ValueError("kỳ quý cần 'quarter' (1–4) / a quarterly period needs 'quarter'")
        first_month, last_month = {
            "year": (1, 12),
            "half": (1, 6),
            "nine_months": (1, 9),
            "quarter": (3 * (self.quarter or 1) - 2, 3 * (self.quarter or 1)),
        }[self.kind]
        if self.start is None:
            self.start = dt.date(self.year, first_month, 1)
        if self.end is None:
            import calendar  # imported when first needed: it pulls locale in

            last_day = calendar.monthrange(self.year, last_month)[1]
            self.end = dt.date(self.year, last_month, last_day)
        if self.start > self.end:
            raise ValueError("'start' sau 'end' / period start is after its end")
        return self

    @property
    def months(self) -> int:
        """Length of the period in months."""
        return {"year": 12, "half": 6, "nine_months": 9, "quarter": 3}[self.kind]


class Person(Strict):
    """A signer: name and title (Chủ tịch, Phó Chủ tịch …)."""

    name: str | None = None
    title: str | None = None


class ReportMeta(Strict):
    """The report's own particulars: number, date, title, signer, recipients."""

    title: str | None = None
    number: str | None = None
    date: dt.date | None = None
    signer: Person | None = None
    recipients: list[str] = Field(default_factory=new_list)
    source_file: str | None = None

    _dates = field_validator("date", mode="before")(lambda value: _coerce_date(value))


class CitedDocument(Strict):
    """A plan, decision or regulation the report cites (Kế hoạch số …/KH-UBND ngày …)."""

    kind: Literal["KH", "QĐ", "QC", "NQ", "CV", "TB", "other"]
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    title: str | None = None
    for_year: int | None = None
    period_from: int | None = None
    period_to: int | None = None
    status: Literal["issued", "missing", "unknown"] = "issued"
    line: int | None = Field(default=None, ge=1)
    quote: str | None = None

    _dates = field_validator("date", mode="before")(lambda value: _coerce_date(value))


class CitedTarget(Strict):
    """A target the report quotes ("theo Quyết định 942/QĐ-TTg, chỉ tiêu 60 % hồ sơ công việc cấp xã")."""

    indicator: str = Field(description="catalogue code of the indicator the target is set on")
    threshold: float = Field(description='the figure quoted: 60, "60 %" or "96,5"')
    comparator: Literal[">=", ">", "<=", "<", "="] = ">="
    document: str | None = Field(default=None, description="the document the report names for it, e.g. 942/QĐ-TTg")
    year: int | None = Field(default=None, description="the year the target is quoted for")
    line: int | None = Field(default=None, ge=1)
    quote: str | None = None

    @field_validator("threshold", mode="before")
    @classmethod
    def _vietnamese_number(cls, value: Any) -> Any:
        return parse_number_or_percent(value) if isinstance(value, str) else value

    @field_validator("indicator")
    @classmethod
    def _known_code(cls, code: str) -> str:
        if code not in indicator_catalogue():
            raise ValueError(f"mã chỉ tiêu không có trong danh mục / unknown indicator code: {code}")
        return code


class PeriodMention(Strict):
    """A period the text names ("5 tháng đầu năm 2023"), to compare with the period."""

    label: str
    months: int | None = Field(default=None, ge=1, le=12)
    year: int | None = None
    line: int | None = Field(default=None, ge=1)
    quote: str | None = None


class AnnexItem(Strict):
    """One row of a statistical annex (Biểu mẫu 7): its code, label, unit and value."""

    code: str
    label: str
    unit: str | None = None
    value: float | str | None = None


class Annex(Strict):
    """A statistical annex attached to the report."""

    form: str
    title: str | None = None
    items: list[AnnexItem] = Field(default_factory=new_list)

    @property
    def filled(self) -> int:
        """How many rows carry a value."""
        return sum(1 for item in self.items if item.value not in (None, ""))


Indicators = dict[str, list[Measure]]


def _normalise_indicators(value: Any) -> Any:
    """Accept one measure or a list of statements per code; reject unknown codes."""
    if not isinstance(value, dict):
        return value
    known = indicator_catalogue()
    unknown = sorted(code for code in value if code not in known)
    if unknown:
        raise ValueError(
            f"mã chỉ tiêu không có trong danh mục / unknown indicator code(s): {', '.join(unknown)}"
        )
    empty = sorted(code for code, item in value.items() if item == [])
    if empty:
        raise ValueError(f"danh sách rỗng / empty list of statements for: {', '.join(empty)}")
    return {code: item if isinstance(item, list) else [item] for code, item in value.items()}


class Goals(Strict):
    """Goals the report sets for a later year (phương hướng, mục tiêu năm sau)."""

    year: int = Field(ge=2000, le=2100)
    indicators: Indicators = Field(default_factory=new_dict)

    _codes = field_validator("indicators", mode="before")(_normalise_indicators)


class Report(Strict):
    """A commune report on IT application and digital transformation."""

    schema_version: Literal["1"] = "1"
    identity: Identity
    period: Period
    meta: ReportMeta = Field(default_factory=ReportMeta)
    documents: list[CitedDocument] = Field(default_factory=new_list)
    period_mentions: list[PeriodMention] = Field(default_factory=new_list)
    cited_targets: list[CitedTarget] = Field(default_factory=new_list)
    indicators: Indicators = Field(default_factory=new_dict)
    goals: Goals | None = None
    annex: Annex | None = None

    _codes = field_validator("indicators", mode="before")(_normalise_indicators)

    def measure(self, code: str) -> Measure | None:
        """The first (primary) statement of an indicator, or None when not reported."""
        statements = self.indicators.get(code)
        return statements[0] if statements else None
