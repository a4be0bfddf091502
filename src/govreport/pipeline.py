"""The extraction pipeline: document → mentions → indicator → kind/year/region → records.

    >>> recs = extract("2024年工作安排。地区生产总值增长6%左右，新建5G基站500个。")
    >>> [(r.indicator, r.value, r.unit, r.bound, r.measure) for r in recs]
    [('地区生产总值', 6.0, '%', 'approx', 'change'), ('新建5G基站', 500.0, '个', 'eq', 'level')]

The records come as a plain list; :func:`govreport.extract` (:mod:`govreport.records`) gives
them with their document, as a list that turns into a table.
"""
from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import Mapping, Optional, Union

from . import context as context_mod
from . import numerals
from .document import as_document, load
from .indicators import IndicatorNamer, name_region_subjects
from .mentions import default_finder
from .models import Document, Outline, Record
from .segment import Segmentation
from .tables import Tables

Source = Union[Document, str, PathLike]  # what extract() takes (see document.as_document)


def extract(source: Source, region: Optional[str] = None, year: Optional[int] = None,
            sections: Optional[Mapping[str, str]] = None) -> list[Record]:
    """Every quantified indicator mention in a report, as :class:`~govreport.models.Record` objects.

    ``source`` is a :class:`Document` (from :func:`govreport.load`), the report's text as a ``str``,
    or a ``pathlib.Path``. ``region`` (e.g. ``"咸宁市"``) and ``year`` (the year the report is
    delivered in, whose plan it states) override what is inferred from the text; ``sections`` says
    what a heading speaks for where the outline reads it wrong (``{"三、一鼓作气勇争先": "plan 2026"}``,
    a heading's text or its start -> ``review|plan|estimate YYYY[-YYYY]``).
    """
    return extract_document(as_document(source, region, year), sections)[0]


def extract_document(doc: Document, sections: Optional[Mapping[str, str]] = None) -> tuple[list[Record], Outline]:
    """The records of a document, and its outline (the structure the context stage read)."""
    text = doc.text
    sentences = Segmentation(text)  # one segmentation of the document, for every stage
    where = context_mod.analyze(text, name=doc.name, region=doc.region, year=doc.year, sections=sections,
                                segmentation=sentences)
    records = []
    finder = default_finder()
    tables = Tables(text)
    mentions = tables.with_bare_numbers(finder.find(text))
    namer = IndicatorNamer(text, figure_starts=[m.start for m in mentions], folded=where.text)
    for m in mentions:
        ctx = where.at(m.start, m.end)
        kind, year, indicator = ctx.kind, ctx.year, None
        region = ctx.region
        kind_rule, year_rule, region_rule = ctx.kind_rule, ctx.year_rule, ctx.region_rule
        cell = tables.cell_of(m.start, m.end)
        if cell is not None:
            # a table's row names the indicator, its column the kind and year (or the other way round
            # in a table with a region in each row)
            indicator = cell.row
            kind, year = cell.kind_year(kind, year, where.report_year)
            kind_rule = year_rule = "table:column"
            if cell.region:
                region, region_rule = cell.region, "table:row"
        # in a five-year section only changes and flows are about the whole period
        period_years = ctx.period_years if ctx.period_years > 1 and finder.is_period_total(text, m) else 1
        factor, base_unit = numerals.split_unit(m.unit)
        # built from values this function made (no validation: the types are the model's by construction)
        records.append(Record._trusted(dict(
            doc=doc.name, start=m.start, end=m.end, number=m.number,
            indicator=indicator or namer.name(m.start, m.end),
            value=m.value, value_high=m.value_high, unit=m.unit,
            value_base=m.value * factor,
            value_high_base=None if m.value_high is None else m.value_high * factor,
            base_unit=base_unit, measure=m.measure, direction=m.direction, bound=m.bound,
            kind=kind, year=year, period_years=period_years, region=region,
            sentence=sentences.sentence_text(m.start), rule=m.rule,
            kind_rule=kind_rule, year_rule=year_rule, region_rule=region_rule,
        )))
    name_region_subjects(records, where.gazetteer.names_only, where.sentence_start, text)
    return records, where.outline


def extract_file(path: Union[str, PathLike], region: Optional[str] = None, year: Optional[int] = None,
                 sections: Optional[Mapping[str, str]] = None) -> list[Record]:
    """Load a file (any supported encoding, text or HTML) and extract its records."""
    return extract(load(Path(path), region=region, year=year), sections=sections)
