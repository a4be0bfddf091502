"""What :func:`govreport.extract` returns: the records of a document, as a list that shows
itself as a table in Jupyter and turns into a pandas DataFrame.

    >>> import govreport
    >>> recs = govreport.extract("2024年，地区生产总值增长6%左右。")
    >>> type(recs).__name__, recs.document.name, [r.number for r in recs]
    ('Records', '<text>', ['6%'])

The container sits above the pipeline, the tables and the review page it offers, so the
model layer (:mod:`govreport.models`) depends on none of them.
"""
from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import Mapping, Optional, Union

from . import pipeline
from .document import as_document
from .models import Document, Outline


class Records(list):
    """A list of :class:`~govreport.models.Record` that shows itself as a table in Jupyter."""

    def __init__(self, items=(), document: Optional[Document] = None, outline: Optional[Outline] = None):
        super().__init__(items)
        self.document = document
        self.outline = outline  # the document's Outline, when extract() made the records

    def frame(self):
        """The records as a typed pandas DataFrame (see :func:`govreport.frames.records_frame`)."""
        from .frames import records_frame

        return records_frame(self)

    def _repr_html_(self) -> str:
        from .html_review import records_table_html

        return records_table_html(self, self.document)


def extract(source: pipeline.Source, region: Optional[str] = None, year: Optional[int] = None,
            sections: Optional[Mapping[str, str]] = None) -> Records:
    """Every quantified indicator mention in a report, as :class:`~govreport.models.Record` objects.

    ``source`` is a :class:`Document` (from :func:`govreport.load`), the report's text as a ``str``,
    or a ``pathlib.Path``. ``region`` (e.g. ``"咸宁市"``) and ``year`` (the year the report is
    delivered in, whose plan it states) override what is inferred from the text; ``sections`` says
    what a heading speaks for where the outline reads it wrong (``{"三、一鼓作气勇争先": "plan 2026"}``,
    a heading's text or its start -> ``review|plan|estimate YYYY[-YYYY]``).
    """
    doc = as_document(source, region, year)
    records, outline = pipeline.extract_document(doc, sections)
    return Records(records, document=doc, outline=outline)


def extract_file(path: Union[str, PathLike], region: Optional[str] = None, year: Optional[int] = None,
                 sections: Optional[Mapping[str, str]] = None) -> Records:
    """Load a file (any supported encoding, text or HTML) and extract its records."""
    return extract(Path(path), region=region, year=year, sections=sections)
