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
    "kind_rule", "year_rule", "region_rule",
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
    source_format: Literal["text", "html", "pdf", "docx", "doc"] = "text"
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
    kind_rule: str = Field(default="", description="why it has its kind: the rule of data/context_rules.json "
                           "that decided and its evidence (section:heading:二、2026年工作安排, clause:estimate)")
    year_rule: str = Field(default="", description="why it has its year (section:opener:一年来, clause:own-year:2025年)")
    region_rule: str = Field(default="", description="why it has its region (article:title:…, clause:西安市)")

    @classmethod
    def _trusted(cls, fields: dict) -> "Record":
        """A record from values the pipeline made, every field given in field order: no validation
        (the types are the model's by construction). About 1 µs, where ``model_construct`` takes 7
        and validation 5: it counts at thousands of records per report."""
        rec = cls.__new__(cls)
        object.__setattr__(rec, "__dict__", fields)
        object.__setattr__(rec, "__pydantic_fields_set__", set(fields))
        object.__setattr__(rec, "__pydantic_extra__", None)
        object.__setattr__(rec, "__pydantic_private__", None)
        return rec

    def row(self) -> dict:
        """The record as a flat dict in :data:`RECORD_FIELDS` order."""
        d = self.model_dump()
        return {k: d[k] for k in RECORD_FIELDS}


# ---------------------------------------------------------------- the document outline

Mood = Literal["review", "plan", "estimate", "news"]


class Period(BaseModel):
    """A stretch of time a section speaks about: one year (2025), a span of years (2021–2025),
    or part of a year (2023 上半年)."""

    model_config = ConfigDict(frozen=True)

    first: int
    last: int
    part: Optional[str] = Field(default=None, description="part of the year: 上半年, 一季度, 1-9月 …")

    @property
    def years(self) -> int:
        return self.last - self.first + 1

    @property
    def label(self) -> str:
        span = str(self.last) if self.first == self.last else f"{self.first}–{self.last}"
        return span + (self.part or "")


class Section(BaseModel):
    """One part of an article: a heading and what follows it, or a run of sentences that opens
    with a time of its own (过去五年，… / 2026年是…)."""

    start: int = Field(description="offset of the heading (or the opening sentence)")
    end: int = Field(description="offset where the section's reach ends")
    title: str = Field(description="the heading as written, or the opening words of a sentence block")
    level: int = Field(description="depth: 1 for 一、, 2 for （一）, 3 for 1. …; a sentence block sits below its section")
    heading: bool = Field(default=True, description="False for a block opened by a sentence")
    period: Optional[Period] = None
    mood: Optional[Mood] = None
    also: Optional[Period] = Field(default=None, description="a second period the heading names "
                                   "(2025年和“十四五”时期工作回顾): a clause that says 年均/五年 speaks of it")
    rule: str = Field(default="", description="why it has its period and mood")
    sections: list["Section"] = Field(default_factory=list)


class Article(BaseModel):
    """One article of a page (a page of news may hold several), or the whole document."""

    start: int
    end: int
    title: str = ""
    report: bool = Field(default=False, description="a government work report (or a text read as one)")
    region: Optional[str] = Field(default=None, description="the issuing government's region, or the article's")
    region_rule: str = ""
    report_year: Optional[int] = Field(default=None, description="the year whose plan a report states")
    report_year_rule: str = ""
    date: Optional[str] = Field(default=None, description="the delivery date (reports) or the byline date (news), YYYY-MM-DD")
    sections: list[Section] = Field(default_factory=list)


class Outline(BaseModel):
    """The structure of a document: articles, their nested sections, and who issued it when."""

    doc: str = ""
    region: Optional[str] = Field(default=None, description="the main article's region (the issuer of a report)")
    report_year: Optional[int] = None
    articles: list[Article] = Field(default_factory=list)

    def tree(self, rules: bool = False) -> str:
        """The outline as an indented tree: each article, then each timed section with its mood and
        period (``rules=True`` adds why)."""
        lines = []
        for art in self.articles:
            what = f"report {art.report_year}" if art.report else "article"
            lines.append(f"[{art.start}:{art.end}] {art.title or '(untitled)'} — {what}, {art.region}"
                         + (f"  ({art.report_year_rule}; {art.region_rule})" if rules else ""))
            _tree_lines(art.sections, 1, rules, lines)
        return "\n".join(lines)

    def sections(self):
        """Every section of every article, depth first."""
        def walk(secs):
            for s in secs:
                yield s
                yield from walk(s.sections)
        for art in self.articles:
            yield from walk(art.sections)

    def __str__(self) -> str:
        return self.tree()

    def _repr_html_(self) -> str:
        from html import escape

        return f"<pre>{escape(self.tree(rules=True))}</pre>"


def _tree_lines(sections: list, depth: int, rules: bool, lines: list) -> None:
    for s in sections:
        if s.mood or s.sections:
            label = f"{s.mood} {s.period.label}" if s.mood and s.period else (s.mood or "")
            also = f" (also {s.also.label})" if s.also else ""
            why = f"  [{s.rule}]" if rules and s.rule else ""
            lines.append("  " * depth + f"{s.title} — {label}{also}".rstrip(" —") + why)
        _tree_lines(s.sections, depth + 1, rules, lines)
