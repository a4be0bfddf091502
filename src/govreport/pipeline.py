"""The extraction pipeline: document → mentions → indicator → kind/year/region → records.

    >>> import govreport
    >>> recs = govreport.extract("2024年工作安排。地区生产总值增长6%左右，新建5G基站500个。")
    >>> [(r.indicator, r.value, r.unit, r.bound, r.measure) for r in recs]
    [('地区生产总值', 6.0, '%', 'approx', 'change'), ('5G基站', 500.0, '个', 'eq', 'level')]
"""
from __future__ import annotations

import bisect
import re
from os import PathLike
from pathlib import Path
from typing import Optional, Union

from . import context as context_mod
from . import numerals
from .document import load, load_text
from .indicators import IndicatorNamer
from .mentions import Mention, default_finder
from .models import Document, Record, Records
from .segment import Segmentation
from .tables import TableCell, bare_number, table_cells

Source = Union[Document, str, PathLike]
_REGION_LIST = re.compile("[、和与及]")
_FULL_STOP = re.compile("[。！？!?\n]")
_TOPIC = re.compile(r"(?P<topic>[\u4e00-\u9fff“”（）]{2,16}?)方面[，,：:]")


def _as_document(source: Source, region: Optional[str], year: Optional[int]) -> Document:
    if isinstance(source, Document):
        if region is None and year is None:
            return source
        return source.model_copy(update={"region": region or source.region, "year": year or source.year})
    if isinstance(source, PathLike):
        return load(source, region=region, year=year)
    if isinstance(source, str):
        return load_text(source, region=region, year=year)
    raise TypeError(f"extract() takes a Document, a str of report text or a path, not {type(source).__name__}")


def extract(source: Source, region: Optional[str] = None, year: Optional[int] = None) -> Records:
    """Every quantified indicator mention in a report, as :class:`~govreport.models.Record` objects.

    ``source`` is a :class:`Document` (from :func:`govreport.load`), the report's text as a ``str``,
    or a ``pathlib.Path``. ``region`` (e.g. ``"咸宁市"``) and ``year`` (the year the report is
    delivered in, whose plan it states) override what is inferred from the text.
    """
    doc = _as_document(source, region, year)
    text = doc.text
    where = context_mod.analyze(text, name=doc.name, region=doc.region, year=doc.year)
    sentences = Segmentation(text)
    records = []
    finder = default_finder()
    mentions = finder.find(text)
    cells = table_cells(text)
    if cells:
        mentions = _with_table_numbers(text, mentions, cells)
    namer = IndicatorNamer(text, figure_starts=[m.start for m in mentions])
    cell_starts = [c.start for c in cells]
    for m in mentions:
        ctx = where.at(m.start, m.end)
        kind, year, indicator = ctx.kind, ctx.year, None
        region = ctx.region
        cell = _cell_of(cells, cell_starts, m)
        if cell is not None:
            # a table's row names the indicator, its column the kind and year (or the other way round
            # in a table with a region in each row)
            indicator = cell.row
            kind, year = _column_kind_year(cell, kind, year, where.report_year)
            region = cell.region or region
        # in a five-year section only changes and flows are about the whole period
        period_years = ctx.period_years if ctx.period_years > 1 and finder.is_period_total(text, m) else 1
        factor, base_unit = numerals.split_unit(m.unit)
        records.append(Record(
            doc=doc.name, start=m.start, end=m.end, number=m.number,
            indicator=indicator or namer.name(m.start, m.end),
            value=m.value, value_high=m.value_high, unit=m.unit,
            value_base=m.value * factor,
            value_high_base=None if m.value_high is None else m.value_high * factor,
            base_unit=base_unit, measure=m.measure, direction=m.direction, bound=m.bound,
            kind=kind, year=year, period_years=period_years, region=region,
            sentence=sentences.sentence_text(m.start), rule=m.rule,
        ))
    _name_region_subjects(records, where.gazetteer, text)
    return Records(records, document=doc)


def _name_region_subjects(records: list[Record], gazetteer, text: str) -> None:
    """延安市增长3.7%: a figure whose only subject is a region measures what the first figure of its
    sentence measures (其中，西安市实现生产总值…；…；延安市增长3.7%), not the region."""
    if not records:
        return
    # sentences end at full stops only: the regions of a listing are its ；-separated items
    stops = [m.end() for m in _FULL_STOP.finditer(text)]

    def known(part: str) -> bool:  # 咸阳市, or 宽甸县 for 宽甸满族自治县 (short name and level word)
        return part in gazetteer.level or (len(part) > 2 and part[-1] in "省市县区州旗" and (
            part[:-1] in gazetteer.county_short or part[:-1] in gazetteer.short))

    def is_region(name: str) -> bool:
        parts = [p for p in _REGION_LIST.split(name) if p]
        return bool(parts) and all(known(p) for p in parts)

    first: dict[int, str] = {}  # sentence -> the indicator of its first figure with one
    for r in records:
        k = bisect.bisect_right(stops, r.start)
        if not is_region(r.indicator):
            first.setdefault(k, r.indicator)
            continue
        if k not in first:
            # 一般公共预算收入方面，宽甸县增长15.3%: the topic the sentence opens with
            topic = _TOPIC.search(text, stops[k - 1] if k else 0, r.start)
            if topic:
                first[k] = topic.group("topic")
        if k in first:
            r.indicator = first[k]


def _with_table_numbers(text: str, mentions: list[Mention], cells: list[TableCell]) -> list[Mention]:
    """The mentions plus a figure for each table cell that is a bare number with a known unit (486.3 in
    the 亿元 row; 6.2 under 增长（%）): the unit is in the table, not after the number."""
    taken = {m.start for m in mentions}
    added = []
    for c in cells:
        m = bare_number(text[c.start:c.end])
        if m is None or not c.unit or c.start + m.start("num") in taken:
            continue
        start = c.start + m.start("num")
        value = float(m.group("num").replace(",", ""))
        down = m.group("sign") in ("-", "−", "－")
        added.append(Mention(start, c.end, m.group("num"), value, None, c.unit, "eq",
                             "change" if c.change else "level",
                             ("down" if down else "up") if c.change else None, "table-cell"))
    return sorted(mentions + added, key=lambda x: x.start) if added else mentions


def _cell_of(cells: list[TableCell], starts: list[int], m: Mention) -> Optional[TableCell]:
    i = bisect.bisect_right(starts, m.start) - 1
    return cells[i] if i >= 0 and cells[i].start <= m.start and m.end <= cells[i].end else None


def _column_kind_year(cell: TableCell, kind: str, year: Optional[int], report_year: Optional[int]):
    """Kind and year of a figure in a table cell: the column's, else the text's around the table."""
    if cell.kind is None or cell.kind == kind:
        return cell.kind or kind, cell.year or year
    if cell.year is None and report_year is not None:
        year = report_year if cell.kind == "target" else report_year - 1
    return cell.kind, cell.year or year


def extract_file(path: Union[str, PathLike], region: Optional[str] = None, year: Optional[int] = None) -> Records:
    """Load a file (any supported encoding, text or HTML) and extract its records."""
    return extract(load(Path(path), region=region, year=year))
