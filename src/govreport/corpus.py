"""A folder of reports as one table: load, describe each document, extract, frame, compare.

    >>> corpus = Corpus.from_dir("seeds/")       # doctest: +SKIP
    >>> corpus.info                               # doctest: +SKIP
    >>> df = corpus.frame()                       # doctest: +SKIP
    >>> cmp = corpus.compare()                    # doctest: +SKIP

Each document gets a region, a report year and a type:

* **region**: the caller's (``region=``) if given, else the issuer its outline names
  (``govreport.outline``), else the region most of the document's records carry.
* **report year**: the caller's (``year=``), else its outline's report year, else the
  year most of the document's targets are for (the annual plan outnumbers five-year goals), else the
  latest year of its results plus one (a report reviews the year before it is delivered).
* **type**: ``report`` / ``interpretation`` / ``review`` / ``news`` / ``other``, from the cue words
  in ``data/catalogue.rules.toml`` (a user can extend them with a catalogue ``.toml`` file).

Records without a region take their document's region in :meth:`Corpus.frame`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Optional

from .errors import GovReportError
from .failures import FailedFilesWarning, FileFailure, failure_of, raise_first, warn_failures
from .models import Document, Outline, Record
from .records import Records

DOC_TYPES = ("report", "interpretation", "review", "news", "other")
DEFAULT_PATTERNS = ("*.txt", "*.html", "*.htm")

INFO_DTYPES = {"doc": "string", "path": "string", "type": "category", "region": "category",
               "report_year": "Int64", "chars": "int64", "records": "int64"}


@dataclass
class DocumentInfo:
    doc: str
    path: Optional[str]
    type: str
    region: Optional[str]
    report_year: Optional[int]
    chars: int
    records: int


def document_type(text: str, catalogue=None) -> str:
    """``report``, ``interpretation``, ``review``, ``news`` or ``other``, by the first matching cue list."""
    from .catalogue import as_catalogue

    for rule in as_catalogue(catalogue).rules.document_types:
        scope = text[: rule["head"]] if rule["head"] else text
        if any(cue in scope for cue in rule["cues"]):
            return rule["type"]
    return "other"


def _outline_of(doc: Document, recs) -> Outline:
    """The document's outline: the one extract() kept with the records, else read now."""
    outline = getattr(recs, "outline", None)
    if outline is not None:
        return outline
    from .structure import build_outline

    return build_outline(doc.text, doc.name, region=doc.region, year=doc.year)


def infer_region(records: Iterable[Record]) -> Optional[str]:
    """The region most records carry (ties: the first seen)."""
    counts = Counter(r.region for r in records if r.region)
    return counts.most_common(1)[0][0] if counts else None


def infer_report_year(records: Iterable[Record]) -> Optional[int]:
    """The year most targets are for (ties: the earlier), else the latest result year plus one."""
    records = list(records)
    targets = Counter(r.year for r in records if r.kind == "target" and r.year)
    if targets:
        best = max(targets.values())
        return min(y for y, n in targets.items() if n == best)
    results = [r.year for r in records if r.kind != "target" and r.year]
    return max(results) + 1 if results else None


class Corpus:
    """Documents with their records. Build with :meth:`from_dir`, :meth:`from_paths` or :meth:`from_records`."""

    def __init__(self, documents: Iterable[Document], records: Optional[Mapping[str, Iterable[Record]]] = None,
                 extract: Optional[Callable] = None, catalogue=None, *, fail_fast: bool = False,
                 failures: Iterable[FileFailure] = ()):
        documents = list(documents)
        names = [d.name for d in documents]
        dup = [n for n, c in Counter(names).items() if c > 1]
        if dup:
            raise GovReportError(f"several documents are named {dup[0]!r}; records are keyed by file name")
        self.catalogue = catalogue
        #: Files that could not be loaded or analysed (bad input or a bug), each with its one-line reason.
        self.failures: list[FileFailure] = list(failures)
        total = len(documents) + len(self.failures)
        self.documents: list[Document] = []
        self.records: dict[str, Records] = {}
        self._info: list[DocumentInfo] = []
        given = dict(records or {})
        for d in documents:
            try:
                got = given.pop(d.name) if d.name in given else (extract or _default_extract)(d)
                # keep what extract() returned with the records (the outline): no second analysis
                recs = Records(got, document=d, outline=getattr(got, "outline", None))
                info = self._describe(d, recs)
            except Exception as e:  # one document's bug must not lose the others; it is reported
                self.failures.append(failure_of(d.path or d.name, e))
                if fail_fast:
                    raise_first(self.failures[-1], e)
                continue
            self.documents.append(d)
            self.records[d.name] = recs
            self._info.append(info)
        # records for documents that were not loaded (gold without the text) are kept too
        for name, recs in given.items():
            self.records[name] = Records(recs)
            self._info.append(self._describe_without_text(name, self.records[name]))
        warn_failures(self.failures, total)

    # -- construction -------------------------------------------------------------------------------

    @classmethod
    def from_paths(cls, paths: Iterable, region: Optional[str] = None, year: Optional[int] = None,
                   extract: Optional[Callable] = None, catalogue=None, *, fail_fast: bool = False) -> "Corpus":
        """Load each path with :func:`govreport.load` and extract its records.

        ``region`` / ``year`` apply to every document (override inference); ``extract`` replaces
        :func:`govreport.extract` (it takes a Document and returns records).

        A file that cannot be loaded (bad input) or whose extraction raises (a bug) does not stop
        the others: it is left out, listed in :attr:`failures` and named in one
        :class:`~govreport.failures.FailedFilesWarning`. ``fail_fast=True`` raises at the first one instead.
        """
        from .document import load

        paths = list(paths)
        docs, failures = [], []
        for p in paths:
            try:
                docs.append(load(p, region=region, year=year))
            except Exception as e:  # bad input or a bug in loading: this file, not the corpus
                failures.append(failure_of(p, e))
                if fail_fast:
                    raise_first(failures[-1], e)
        return cls(docs, extract=extract, catalogue=catalogue, fail_fast=fail_fast, failures=failures)

    @classmethod
    def from_dir(cls, path, patterns: Iterable[str] = DEFAULT_PATTERNS, region: Optional[str] = None,
                 year: Optional[int] = None, extract: Optional[Callable] = None, catalogue=None, *,
                 fail_fast: bool = False) -> "Corpus":
        """Every file in ``path`` matching ``patterns`` (default ``*.txt``, ``*.html``, ``*.htm``), sorted by name.

        Only regular files are read (a FIFO or device named like a report is passed over with a
        warning); files that fail are left out and listed in :attr:`failures` (see :meth:`from_paths`).
        """
        import os
        import warnings

        from .document import file_kind, visible_name

        d = Path(path)
        if not d.is_dir():
            raise GovReportError(f"{visible_name(path)}: not a directory")
        files, skipped = [], []
        for p in sorted({p for pat in patterns for p in d.glob(pat)}):
            try:
                kind = file_kind(os.stat(p))
            except OSError:
                kind = None  # a broken link or a loop: loading it reports the problem as a failure
            if kind is None:
                files.append(p)
            elif kind != "a folder":
                skipped.append(f"{visible_name(p)} ({kind})")
        if skipped:
            warnings.warn(f"passed over {len(skipped)} that are not regular files: {', '.join(skipped)}",
                          FailedFilesWarning, stacklevel=2)
        if not files:
            raise GovReportError(f"{visible_name(path)}: no files matching {', '.join(patterns)}")
        return cls.from_paths(files, region=region, year=year, extract=extract, catalogue=catalogue,
                              fail_fast=fail_fast)

    @classmethod
    def from_records(cls, records: Iterable, documents: Iterable[Document] = (), catalogue=None) -> "Corpus":
        """A corpus of given records (Record objects or dicts, e.g. gold annotations), grouped by ``doc``."""
        from .frames import records_from_dicts

        items = list(records)
        recs = [r for r in items if isinstance(r, Record)] + records_from_dicts(
            [r for r in items if not isinstance(r, Record)])
        by_doc: dict[str, list[Record]] = {}
        for r in sorted(recs, key=lambda r: (r.doc, r.start)):
            by_doc.setdefault(r.doc, []).append(r)
        docs = list(documents)
        missing = [d.name for d in docs if d.name not in by_doc]
        for name in missing:
            by_doc[name] = []
        return cls(docs, by_doc, catalogue=catalogue)

    # -- description --------------------------------------------------------------------------------

    def _describe(self, doc: Document, recs: Records) -> DocumentInfo:
        outline = _outline_of(doc, recs)
        region = doc.region or outline.region or infer_region(recs)
        year = doc.year or outline.report_year or infer_report_year(recs)
        return DocumentInfo(doc.name, doc.path, document_type(doc.text, self.catalogue), region, year,
                            len(doc.text), len(recs))

    def _describe_without_text(self, name: str, recs) -> DocumentInfo:
        return DocumentInfo(name, None, "other", infer_region(recs), infer_report_year(recs), 0, len(recs))

    @property
    def info(self):
        """One row per document: doc, path, type, region, report_year, chars, records."""
        import pandas as pd

        from .frames import apply_schema

        rows = [vars(i) for i in self._info]
        df = pd.DataFrame(rows, columns=list(INFO_DTYPES))
        return apply_schema(df, INFO_DTYPES, ("doc",), {"type": list(DOC_TYPES)})

    def describe(self, name: str) -> DocumentInfo:
        for i in self._info:
            if i.doc == name:
                return i
        raise KeyError(name)

    # -- tables -------------------------------------------------------------------------------------

    def all_records(self) -> Records:
        """Every record, documents in order, each record's missing region filled with its document's."""
        out = Records()
        for info in self._info:
            for r in self.records[info.doc]:
                if r.region is None and info.region:
                    r = r.model_copy(update={"region": info.region})
                out.append(r)
        return out

    def frame(self):
        """The records as one typed DataFrame (see :func:`govreport.frames.records_frame`)."""
        from .frames import records_frame

        return records_frame(self.all_records(), self.catalogue)

    def compare(self, **kwargs):
        """:func:`govreport.compare` of :meth:`frame`."""
        from .comparison import compare

        return compare(self.frame(), catalogue=self.catalogue, **kwargs)

    # -- container ----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __getitem__(self, name: str) -> Records:
        return self.records[name]

    def __repr__(self) -> str:
        n = sum(len(r) for r in self.records.values())
        return f"Corpus({len(self)} documents, {n} records)"


def _default_extract(doc: Document):
    from .pipeline import extract

    return extract(doc)
