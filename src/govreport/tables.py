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

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from .errors import GovReportError

__all__ = ["TableCell", "table_cells", "bare_number"]


@dataclass(frozen=True)
class _Column:
    kind: Optional[str]
    year: Optional[int]
    change: bool
    unit: str
    indicator: str = ""     # in a table with a region in each row, the column names the indicator


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
    raw = json.loads(resources.files(__package__).joinpath("data", "tables.json").read_text(encoding="utf-8"))
    try:
        return _Vocabulary(
            min_columns=int(raw["min_columns"]),
            name_header=re.compile(raw["name_header_regex"]),
            unit_header=re.compile(raw["unit_header_regex"]),
            region_header=re.compile(raw["region_header_regex"]),
            total_row=re.compile(raw["total_row_regex"]),
            change_header=re.compile(raw["change_header_regex"]),
            kind_headers=tuple((k, re.compile(p)) for k, p in raw["kind_header_regex"].items()),
            header_year=re.compile(raw["header_year_regex"]),
            header_unit=re.compile(raw["header_unit_regex"]),
            empty_cell=re.compile(raw["empty_cell_regex"]),
            bare_number=re.compile(raw["bare_number_regex"]),
        )
    except (KeyError, re.error) as e:
        raise GovReportError(f"data/tables.json: {e}") from None


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


def _columns(header: list[str], v: _Vocabulary) -> tuple[Optional[int], Optional[int], list[Optional[_Column]]]:
    """The name column, the unit column and what each other column holds (None: nothing to read)."""
    name_col = next((j for j, h in enumerate(header) if v.name_header.search(h)), None)
    unit_col = next((j for j, h in enumerate(header) if v.unit_header.search(h)), None)
    columns: list[Optional[_Column]] = []
    for j, h in enumerate(header):
        if j in (name_col, unit_col) or (name_col is None and j == 0):
            columns.append(None)
            continue
        kind = next((k for k, p in v.kind_headers if p.search(h)), None)
        y = v.header_year.search(h)
        u = v.header_unit.search(h)
        change = bool(v.change_header.search(h))
        year = int(y.group(1)) if y else None
        if change and kind is None and year is None:
            # 增长（%） after 2023年完成: the growth of that column's figure
            before = next((c for c in reversed(columns) if c and (c.kind or c.year)), None)
            if before:
                kind, year = before.kind, before.year
        columns.append(_Column(kind, year, change, u.group(1).strip() if u else ""))
    return name_col, unit_col, columns


def _region_columns(header: list[str], v: _Vocabulary) -> list[Optional[_Column]]:
    """Columns of a table with a region in each row: each names an indicator (地区生产总值（亿元）);
    a growth column with no name of its own (增速（%）) is of the column before it."""
    columns: list[Optional[_Column]] = [None]
    for h in header[1:]:
        u = v.header_unit.search(h)
        name = (h[:u.start()] if u else h).strip()
        y = v.header_year.search(name)
        kind = next((k for k, p in v.kind_headers if p.search(name)), None)
        change = bool(v.change_header.search(name))
        if change and len(v.change_header.sub("", name).strip("率速度幅")) == 0:
            before = next((c for c in reversed(columns) if c and not c.change), None)
            name = before.indicator if before else name
        columns.append(_Column(kind, int(y.group(1)) if y else None, change, u.group(1).strip() if u else "",
                               name))
    return columns


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
    header = None  # (name column, unit column, columns, number of cells) of the table being read
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        cells = _cells(body, pos) if body.count("\t") + 1 >= v.min_columns else []
        pos += len(line)
        if not cells:
            header = None
            continue
        texts = [c[2] for c in cells]
        if header is None or len(cells) != header[3]:
            if v.region_header.search(texts[0]) and not any(v.bare_number.match(c) for c in texts):
                header = (None, None, _region_columns(texts, v), len(cells), True)
            elif _is_header(texts, v):
                header = (*_columns(texts, v), len(cells), False)
            else:
                header = None
            continue
        name_col, unit_col, columns, _, by_region = header
        row = texts[name_col if name_col is not None else 0]
        row_unit = texts[unit_col] if unit_col is not None else ""
        for (start, end, cell), col in zip(cells, columns):
            if col is None or not row or v.empty_cell.match(cell) or not re.search(r"\d", cell):
                continue
            unit = (col.unit or row_unit) if bare_number(cell) else ""
            if by_region:
                region = "" if v.total_row.match(row) else row
                out.append(TableCell(start, end, col.indicator, col.kind, col.year, col.change, unit, region))
            else:
                out.append(TableCell(start, end, row, col.kind, col.year, col.change, unit))
    return out
