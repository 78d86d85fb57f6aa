"""The indicator catalogue: stable codes, units and Vietnamese/English labels (``checker/data/indicators.yaml``)."""

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from checker.core.errors import InputError, pydantic_problems
from checker.core.yamlio import read_yaml

Unit = Literal["count", "percent", "money", "flag", "level", "number"]


class IndicatorInfo(BaseModel):
    """One entry of the catalogue in ``checker/data/indicators.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    code: str
    unit: Unit
    vi: str
    en: str
    basis: str | None = None

    @property
    def family(self) -> str:
        """The indicator family: the part of the code before the first dot."""
        return self.code.split(".", 1)[0]


INDICATORS_FILE = Path(__file__).resolve().parent.parent / "data" / "indicators.yaml"
"""The bundled indicator catalogue (package data of ``checker``)."""


def load_indicators(path: Path = INDICATORS_FILE, cached: bool = False) -> dict[str, IndicatorInfo]:
    """Read an indicator catalogue file: code -> entry; any problem is an InputError naming file and code.

    ``cached`` parses through the parse cache (the bundled file).
    """
    raw = read_yaml(path, encoding="utf-8", cached=cached)
    if not isinstance(raw, dict):
        raise InputError(str(path), "", "cần một bảng mã chỉ tiêu / expected a mapping of indicator codes")
    result: dict[str, IndicatorInfo] = {}
    for code, entry in raw.items():
        try:
            result[code] = IndicatorInfo(code=code, **entry)
        except (ValidationError, TypeError) as exc:
            problems = pydantic_problems(exc) if isinstance(exc, ValidationError) else []
            if problems:
                for problem in problems:
                    object.__setattr__(problem, "pointer", f"/{code}" + problem.pointer)
                raise InputError.from_problems(str(path), problems) from exc
            raise InputError(str(path), f"/{code}", "cần một bảng / expected a mapping") from exc
    return result
