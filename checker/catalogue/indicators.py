"""The indicator catalogue: stable codes, units and Vietnamese/English labels."""

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from checker.core import parsecache as datacache
from checker.core.yamlio import load_yaml, read_yaml

Unit = Literal["count", "percent", "money", "flag", "level", "number"]


class IndicatorInfo(BaseModel):
    """One entry of the catalogue in ``checker/data/indicators.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    unit: Unit
    vi: str
    en: str
    basis: str | None = None

    @property
    def family(self) -> str:
        """The indicator family: the part of the code before the first dot."""
        return self.code.split(".", 1)[0]


@lru_cache(maxsize=1)
def catalogue() -> dict[str, IndicatorInfo]:
    """Return the indicator catalogue, loaded once per process."""
    source = resources.files("checker").joinpath("data/indicators.yaml")
    if isinstance(source, Path):
        try:
            raw = read_yaml(source, encoding="utf-8", cached=True)
        finally:
            datacache.flush()
    else:  # inside a zip or another non-file resource: no cache
        raw = load_yaml(source.read_text("utf-8"))
    return {code: IndicatorInfo(code=code, **entry) for code, entry in raw.items()}


def info(code: str) -> IndicatorInfo:
    """Return the catalogue entry for ``code`` (KeyError when unknown)."""
    return catalogue()[code]


def label(code: str, lang: str = "vi") -> str:
    """Human label of an indicator code, falling back to the code itself."""
    entry = catalogue().get(code)
    if entry is None:
        return code
    return entry.vi if lang == "vi" else entry.en


def labels(code: str, prefix: str = "") -> dict[str, str]:
    """Message parameters ``{prefix}label`` and ``{prefix}label_en`` for an indicator code."""
    return {f"{prefix}label": label(code), f"{prefix}label_en": label(code, "en")}
