"""Tables of main indicators: which row, column, kind and year each cell of a table stands for.

A report published as a web page often puts its main indicators in a table (指标 / 单位 /
2023年完成 / 增长（%） / 2024年目标). The page's table reaches the text as one line per row, its
cells separated by tabs. :func:`table_cells` finds such tables by their header row and returns the
cells that hold figures, each with the indicator its row names and the kind, year, unit and
measure its column gives. The header words are data (``data/tables.json``).

    >>> text = "指标\\t单位\\t2023年完成\\t增长（%）\\t2024年目标\\n地区生产总值\\t亿元\\t486.3\\t6.2\\t增长6%左右\\n"
    >>> [(c.row, text[c.start:c.end], c.unit, c.kind, c.year, c.change) for c in table_cells(text)]
    [('地区生产总值', '486.3', '亿元', 'actual', 2023, False), ('地区生产总值', '6.2', '%', 'actual', 2023, True), ('地区生产总值', '增长6%左右', '', 'target', 2024, False)]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from . import numerals
from .mentions import Mention
from .vocab import TablesVocabulary, load_data

__all__ = ["TableCell", "Tables", "table_cells", "bare_number"]


@dataclass(frozen=True)
class _Column:
    kind: Optional[str]
    year: Optional[int]
    change: bool
    unit: str
    indicator: str = ""     # in a table with a region in each row, the column names the indicator


@dataclass(frozen=True)
class _Header:
    name_col: int
    unit_col: Optional[int]
    columns: list[Optional[_Column]]
    width: int
    by_region: bool


@dataclass(frozen=True)
class TableCell:
    """A cell with a figure: ``text[start:end]`` is the cell as written (no surrounding space)."""

    start: int
    end: int
    row: str                # the indicator, as the row's first cell writes it
    kind: Optional[str]     # target / actual / estimate, when the column says
    year: Optional[int]     # the year the column names
    change: bool            # a growth column (增长（%）): its bare numbers are changes
    unit: str               # the row's 单位 cell or the column's bracketed unit, for a bare number
    region: Optional[str] = None  # a table with a region in each row: the row's ("" for 全市, 合计)

    def kind_year(self, kind: str, year: Optional[int], report_year: Optional[int]) -> tuple[str, Optional[int]]:
        """Kind and year of the cell's figure: the column's, else ``kind``/``year`` of the text around."""
        if self.kind is None or self.kind == kind:
            return self.kind or kind, self.year or year
        if self.year is None and report_year is not None:
            year = report_year if self.kind == "target" else report_year - 1
        return self.kind, self.year or year


@dataclass(frozen=True)
class _Vocabulary:
    min_columns: int
    name_header: re.Pattern
    unit_header: re.Pattern
    region_header: re.Pattern
    total_row: re.Pattern
    change_header: re.Pattern
    kind_headers: tuple[tuple[str, re.Pattern], ...]
    header_year: re.Pattern
    header_unit: re.Pattern
    empty_cell: re.Pattern
    bare_number: re.Pattern


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    v = load_data("tables.json", TablesVocabulary)
    return _Vocabulary(
        min_columns=v.min_columns,
        name_header=re.compile(v.name_header_regex),
        unit_header=re.compile(v.unit_header_regex),
        region_header=re.compile(v.region_header_regex),
        total_row=re.compile(v.total_row_regex),
        change_header=re.compile(v.change_header_regex),
        kind_headers=tuple((k, re.compile(p)) for k, p in v.kind_header_regex.items()),
        header_year=re.compile(v.header_year_regex),
        header_unit=re.compile(v.header_unit_regex),
        empty_cell=re.compile(v.empty_cell_regex),
        bare_number=re.compile(v.bare_number_regex),
    )


def bare_number(cell: str) -> Optional[re.Match]:
    """The match of a cell that is a number and nothing else (486.3, -1.8): groups ``sign``, ``num``."""
    return _vocabulary().bare_number.match(cell)


def _cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each tab-separated cell of ``line``, its text stripped."""
    out, pos = [], offset
    for raw in line.split("\t"):
        stripped = raw.strip()
        start = pos + (raw.index(stripped) if stripped else 0)
        out.append((start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def _header_cell(h: str, v: _Vocabulary) -> tuple[str, Optional[str], Optional[int], bool, str]:
    """(name without its bracketed unit, kind, year, growth column?, unit) of a header cell."""
    u = v.header_unit.search(h)
    name = (h[:u.start()] if u else h).strip()
    y = v.header_year.search(name)
    kind = next((k for k, p in v.kind_headers if p.search(name)), None)
    return (name, kind, int(y.group(1)) if y else None, bool(v.change_header.search(name)),
            u.group(1).strip() if u else "")


def _columns(header: list[str], v: _Vocabulary) -> _Header:
    """A table with an indicator in each row: the name column, the unit column and what each other
    column holds (None: nothing to read)."""
    name_col = next((j for j, h in enumerate(header) if v.name_header.search(h)), None)
    unit_col = next((j for j, h in enumerate(header) if v.unit_header.search(h)), None)
    columns: list[Optional[_Column]] = []
    for j, h in enumerate(header):
        if j in (name_col, unit_col) or (name_col is None and j == 0):
            columns.append(None)
            continue
        _, kind, year, change, unit = _header_cell(h, v)
        if change and kind is None and year is None:
            # 增长（%） after 2023年完成: the growth of that column's figure
            before = next((c for c in reversed(columns) if c and (c.kind or c.year)), None)
            if before:
                kind, year = before.kind, before.year
        columns.append(_Column(kind, year, change, unit))
    return _Header(name_col or 0, unit_col, columns, len(header), by_region=False)


def _region_columns(header: list[str], v: _Vocabulary) -> _Header:
    """A table with a region in each row: each column names an indicator (地区生产总值（亿元）);
    a growth column with no name of its own (增速（%）) is of the column before it."""
    columns: list[Optional[_Column]] = [None]
    for h in header[1:]:
        name, kind, year, change, unit = _header_cell(h, v)
        if change and not v.change_header.sub("", name).strip("率速度幅"):
            before = next((c for c in reversed(columns) if c and not c.change), None)
            name = before.indicator if before else name
        columns.append(_Column(kind, year, change, unit, name))
    return _Header(0, None, columns, len(header), by_region=True)


def _is_header(cells: list[str], v: _Vocabulary) -> bool:
    """A header names its columns: a name or unit column, or a column with a kind, year or growth word."""
    if any(v.bare_number.match(c) for c in cells):
        return False
    return any(v.name_header.search(c) or v.unit_header.search(c) for c in cells) or sum(
        1 for c in cells if v.header_year.search(c) or any(p.search(c) for _, p in v.kind_headers)) >= 2


def table_cells(text: str) -> list[TableCell]:
    """The cells with figures in every table of ``text``, in text order."""
    if "\t" not in text:
        return []
    v = _vocabulary()
    out: list[TableCell] = []
    header: Optional[_Header] = None  # of the table being read
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        cells = _cells(body, pos) if body.count("\t") + 1 >= v.min_columns else []
        pos += len(line)
        if not cells:
            header = None
            continue
        texts = [c[2] for c in cells]
        if header is None or len(cells) != header.width:
            if v.region_header.search(texts[0]) and not any(v.bare_number.match(c) for c in texts):
                header = _region_columns(texts, v)
            else:
                header = _columns(texts, v) if _is_header(texts, v) else None
            continue
        row = texts[header.name_col]
        row_unit = texts[header.unit_col] if header.unit_col is not None else ""
        for (start, end, cell), col in zip(cells, header.columns):
            if col is None or not row or v.empty_cell.match(cell) or not re.search(r"\d", cell):
                continue
            unit = (col.unit or row_unit) if bare_number(cell) else ""
            if header.by_region:
                region = "" if v.total_row.match(row) else row
                out.append(TableCell(start, end, col.indicator, col.kind, col.year, col.change, unit, region))
            else:
                out.append(TableCell(start, end, row, col.kind, col.year, col.change, unit))
    return out


class Tables:
    """The tables of one text, for the records stage: their bare-number figures, and the cell a
    figure stands in."""

    def __init__(self, text: str):
        self.text = text
        self.cells = table_cells(text)
        self._starts = [c.start for c in self.cells]

    def with_bare_numbers(self, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` plus a figure for each cell that is a bare number with a known unit (486.3 in
        the 亿元 row, 6.2 under 增长（%）): the unit is in the table, not after the number."""
        taken = {m.start for m in mentions}
        added = []
        for c in self.cells:
            m = bare_number(self.text[c.start:c.end])
            parsed = numerals.parse_number(m.group("num")) if m and c.unit else None
            start = c.start + m.start("num") if m else c.start
            if parsed is None or start in taken:
                continue
            direction = ("down" if m.group("sign") in ("-", "−", "－") else "up") if c.change else None
            added.append(Mention(start, c.end, m.group("num"), float(parsed.value), None, c.unit, "eq",
                                 "change" if c.change else "level", direction, "table-cell"))
        return sorted(mentions + added, key=lambda x: x.start) if added else mentions

    def cell_of(self, start: int, end: int) -> Optional[TableCell]:
        """The cell holding ``text[start:end]``, if any."""
        i = bisect.bisect_right(self._starts, start) - 1
        return self.cells[i] if i >= 0 and self.cells[i].start <= start and end <= self.cells[i].end else None
