"""The typed records govreport produces. Every Pydantic model lives here."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Measure = Literal["change", "level"]
Direction = Literal["up", "down"]
Bound = Literal["eq", "approx", "min", "max", "range"]
Kind = Literal["target", "actual", "estimate"]

#: Column order of the records table and of every export.
RECORD_FIELDS = (
    "doc", "start", "end", "number", "indicator", "value", "value_high", "unit",
    "value_base", "value_high_base", "base_unit", "measure", "direction", "bound",
    "kind", "year", "period_years", "region", "sentence", "rule",
)


class Quantity(BaseModel):
    """A number with its unit as written, and the same folded to a base unit.

    ``parse_quantity("1.5万亿元")`` gives value 1.5, unit ``万亿元``,
    value_base 1.5e12, base_unit ``元``.
    """

    model_config = ConfigDict(frozen=True)

    value: float
    value_high: Optional[float] = None
    unit: str = ""
    value_base: float
    value_high_base: Optional[float] = None
    base_unit: str = ""


class Document(BaseModel):
    """A decoded report. Record offsets index into ``text``."""

    name: str = Field(description="file name, used as the record's `doc`")
    text: str
    path: Optional[str] = None
    encoding: Optional[str] = None
    source_format: Literal["text", "html"] = "text"
    region: Optional[str] = Field(default=None, description="region given by the caller, overrides inference")
    year: Optional[int] = Field(default=None, description="report year given by the caller, overrides inference")

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"Document(name={self.name!r}, chars={len(self.text)}, format={self.source_format!r})"


class Record(BaseModel):
    """One quantified indicator mention. ``text[start:end]`` is the number with its unit."""

    doc: str
    start: int
    end: int
    number: str = Field(description="text[start:end], the number and unit as written")
    indicator: str = Field(description="the indicator's name as written (shortest noun phrase)")
    value: float
    value_high: Optional[float] = None
    unit: str = Field(description="unit as written, magnitude word included: 亿元, 万人, %, 个百分点")
    value_base: Optional[float] = Field(default=None, description="value with the magnitude word folded in")
    value_high_base: Optional[float] = None
    base_unit: str = ""
    measure: Measure = "level"
    direction: Optional[Direction] = None
    bound: Bound = "eq"
    kind: Kind = "actual"
    year: Optional[int] = None
    period_years: int = Field(default=1, description="5 when the figure belongs to a five-year review or plan "
                              "as a whole (过去五年, 十四五) and names no year of its own; else 1")
    region: Optional[str] = None
    sentence: str = Field(default="", description="the sentence the number came from (at most 300 characters either side of it)")
    rule: str = Field(default="", description="which rule produced the record")

    def row(self) -> dict:
        """The record as a flat dict in :data:`RECORD_FIELDS` order."""
        d = self.model_dump()
        return {k: d[k] for k in RECORD_FIELDS}
