"""Write records and tables to disk atomically: a failed or interrupted run never leaves a half-written file.

Every writer here writes to a hidden temporary file next to the target and
renames it over the target only when writing finished without error.

    >>> from govreport.models import Record
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "records.jsonl"
    >>> write_records([Record(doc="a.txt", start=0, end=2, number="6%", indicator="GDP",
    ...                       value=6.0, unit="%")], out)
    1
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import secrets
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Optional, Union

from .document import escape_surrogates, file_kind, path_problem, visible_name
from .errors import GovReportError
from .models import RECORD_FIELDS, Record

#: Output suffix -> format name.
FORMATS = {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
           ".parquet": "parquet", ".pq": "parquet"}

_INT_FIELDS = ("start", "end", "year", "period_years")
# json.dumps(ensure_ascii=False) leaves these raw; str.splitlines() and JavaScript treat them as
# line breaks, so a reader would cut a record in two. Escaped, they stay one line.
_LINE_BREAK_ESCAPES = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}
_FLOAT_FIELDS = ("value", "value_high", "value_base", "value_high_base")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def record_schema():
    """The Parquet (Arrow) schema of the records table, in :data:`RECORD_FIELDS` order."""
    import pyarrow as pa

    def kind(name):
        if name in _INT_FIELDS:
            return pa.int64()
        if name in _FLOAT_FIELDS:
            return pa.float64()
        return pa.string()

    return pa.schema([pa.field(name, kind(name), nullable=True) for name in RECORD_FIELDS])


def output_format(path, format: Optional[str] = None) -> str:
    """``jsonl``, ``csv`` or ``parquet``: from ``format`` if given, else from the path's suffix."""
    if format is not None:
        key = format.lower().lstrip(".")
        found = FORMATS.get("." + key) or (key if key in FORMATS.values() else None)
        if found is None:
            raise GovReportError(f"unknown output format {format!r}; use one of {_format_list()}")
        return found
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise GovReportError(f"{path}: cannot tell the output format from the suffix "
                             f"{suffix or '(none)'!r}; use one of {_format_list()}")
    return FORMATS[suffix]


def _format_list() -> str:
    return ", ".join(f"{s} ({f})" for s, f in FORMATS.items())


# ---------------------------------------------------------------- atomic files

class _TempFile:
    """A fresh hidden file next to ``target``; :meth:`commit` renames it over the target.

    The target must be a regular file or a new path. A symbolic link is written through: the
    temporary file goes next to the file the link leads to and replaces that file, so the link
    stays a link. A FIFO, a device or a socket is refused (renaming over it would silently replace
    it with a regular file). Missing folders on the way are created.
    """

    def __init__(self, target) -> None:
        self.shown = visible_name(target)
        self.target = _writable_target(Path(target), self.shown)
        folder = self.target.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise GovReportError(f"{self.shown}: cannot create the output folder {visible_name(folder)}: "
                                 f"{e.strerror or e}") from None
        for _ in range(100):
            tmp = folder / f".{self.target.name}.{secrets.token_hex(4)}.tmp"
            try:
                # os.open with 0o666 lets the umask decide permissions, as for a plain open()
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            except FileExistsError:
                continue
            except PermissionError:
                raise GovReportError(f"{self.shown}: permission denied (cannot write in {visible_name(folder)})") from None
            except OSError as e:
                raise GovReportError(f"{self.shown}: cannot write: {e.strerror or e}") from None
            os.close(fd)
            self.path = tmp
            return
        raise GovReportError(f"{self.shown}: cannot create a temporary file in {visible_name(folder)}")

    def commit(self) -> None:
        try:
            _fsync(self.path)
            if self.target.exists():
                _copy_mode(self.target, self.path)
            os.replace(self.path, self.target)
        except OSError as e:
            self.discard()
            raise GovReportError(f"{self.shown}: cannot write: {e.strerror or e}") from None

    def discard(self) -> None:
        try:
            os.unlink(self.path)
        except OSError:
            pass


def _writable_target(target: Path, shown: str) -> Path:
    """The regular file (existing or new) that writing ``target`` replaces; GovReportError otherwise."""
    try:
        st = os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):
        return target  # a new path; making its folders says what is in the way
    except OSError as e:
        raise GovReportError(path_problem(target, e)) from None
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(target)
        except FileNotFoundError:
            st = None  # a link to a file yet to be made: make it where the link points
        except OSError as e:
            raise GovReportError(path_problem(target, e)) from None
        target = Path(os.path.realpath(target))
        if st is None:
            return target
    kind = file_kind(st)
    if kind == "a folder":
        raise GovReportError(f"{shown}: is a folder; give an output file name")
    if kind is not None:
        raise GovReportError(f"{shown}: is {kind}; output goes only to a regular file or a new path")
    return target


def _fsync(path: Path) -> None:
    # the rename must not become visible before the data is on disk
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _copy_mode(src: Path, dst: Path) -> None:
    try:
        os.chmod(dst, os.stat(src).st_mode & 0o7777)
    except OSError:
        pass


@contextmanager
def atomic_path(path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success rename it over ``path``.

    On any exception (KeyboardInterrupt included) the temporary file is deleted,
    ``path`` is left as it was, and the exception propagates.

        with atomic_path("out.csv") as tmp:
            df.to_csv(tmp)
    """
    temp = _TempFile(path)
    try:
        yield temp.path
    except BaseException:
        temp.discard()
        raise
    temp.commit()


# ---------------------------------------------------------------- records

def _row(item: Union[Record, Mapping]) -> dict:
    if isinstance(item, Record):
        return {k: _plain(v) for k, v in item.row().items()}
    if isinstance(item, Mapping):
        extra = [k for k in item if k not in RECORD_FIELDS]
        if extra:
            raise ValueError(f"unknown record field(s) {extra}; the fields are {list(RECORD_FIELDS)}")
        return {k: _plain(item.get(k)) for k in RECORD_FIELDS}
    raise TypeError(f"write() takes a Record or a dict, not {type(item).__name__}")


def _plain(v):
    # numpy / pandas scalars → Python values; NaN and pandas NA → None (JSON has no NaN)
    if v is None:
        return None
    if isinstance(v, str):
        # a lone surrogate (a file name in no valid encoding) cannot be written as UTF-8: \xNN
        return escape_surrogates(v) if _SURROGATE.search(v) else v
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            v = v.item()
        except (ValueError, TypeError):
            pass
    if isinstance(v, float) and math.isnan(v):
        return None
    if type(v).__name__ in ("NAType", "NaTType"):
        return None
    return v


class RecordWriter:
    """Stream records to a JSONL, CSV or Parquet file, atomically.

        with RecordWriter("out.parquet") as w:
            for rec in records:
                w.write(rec)

    ``format`` defaults to the suffix (.jsonl/.json: JSON lines, .csv, .parquet/.pq).
    ``bom`` adds a UTF-8 byte-order mark to CSV so Excel reads Chinese correctly.
    Parquet gets a row group every ``row_group_size`` records and always carries
    the full schema, even when no record was written. The target appears only
    when the ``with`` block ends without an exception.
    """

    def __init__(self, path, format: Optional[str] = None, bom: bool = False, row_group_size: int = 10000):
        if row_group_size < 1:
            raise ValueError("row_group_size must be at least 1")
        self.path = Path(path)
        self.format = output_format(path, format)
        self.bom = bom
        self.row_group_size = row_group_size
        self.count = 0
        self._temp: Optional[_TempFile] = None
        self._file = None
        self._csv = None
        self._parquet = None
        self._pending: list[dict] = []

    # -- lifecycle
    def open(self) -> "RecordWriter":
        if self._temp is not None:
            raise ValueError(f"{self.path}: RecordWriter is already open")
        self._temp = _TempFile(self.path)
        try:
            if self.format == "parquet":
                import pyarrow.parquet as pq

                self._parquet = pq.ParquetWriter(str(self._temp.path), record_schema())
            else:
                encoding = "utf-8-sig" if (self.bom and self.format == "csv") else "utf-8"
                self._file = open(self._temp.path, "w", encoding=encoding, newline="")
                if self.format == "csv":
                    # CRLF (RFC 4180): with a bare \n terminator the csv module leaves a \r inside
                    # a field unquoted, and readers then split the row there
                    self._csv = csv.writer(self._file, lineterminator="\r\n")
                    self._csv.writerow(RECORD_FIELDS)
        except BaseException:
            self._close_handles(quietly=True)
            self._temp.discard()
            self._temp = None
            raise
        return self

    def close(self) -> None:
        """Finish the file and move it into place."""
        if self._temp is None:
            return
        try:
            self._flush_parquet()
            self._close_handles(quietly=False)
        except BaseException:
            self.abort()
            raise
        temp, self._temp = self._temp, None
        temp.commit()

    def abort(self) -> None:
        """Drop everything written; the target is left as it was."""
        if self._temp is None:
            return
        self._close_handles(quietly=True)
        self._temp.discard()
        self._temp = None
        self._pending = []

    def __enter__(self) -> "RecordWriter":
        return self.open()

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            self.close()
        else:
            self.abort()
        return False

    # -- writing
    def write(self, item: Union[Record, Mapping]) -> None:
        """Write one :class:`Record` or a dict keyed by :data:`RECORD_FIELDS` (missing keys → empty)."""
        if self._temp is None:
            raise ValueError(f"{self.path}: RecordWriter is not open; use it in a with block")
        row = _row(item)
        if self.format == "jsonl":
            line = json.dumps(row, ensure_ascii=False, allow_nan=False, default=_json_default)
            self._file.write(line.translate(_LINE_BREAK_ESCAPES) + "\n")
        elif self.format == "csv":
            self._csv.writerow(["" if v is None else v for v in row.values()])
        else:
            self._pending.append(row)
            if len(self._pending) >= self.row_group_size:
                self._flush_parquet()
        self.count += 1

    def write_all(self, items: Iterable[Union[Record, Mapping]]) -> int:
        """Write every item; return how many."""
        n = 0
        for item in items:
            self.write(item)
            n += 1
        return n

    def _flush_parquet(self) -> None:
        if self._parquet is None or not self._pending:
            return
        self._parquet.write_table(_arrow_table(self._pending), row_group_size=self.row_group_size)
        self._pending = []

    def _close_handles(self, quietly: bool) -> None:
        handles, self._file, self._parquet, self._csv = (self._file, self._parquet), None, None, None
        for h in handles:
            if h is None:
                continue
            try:
                h.close()
            except Exception:
                if not quietly:
                    raise


def _arrow_table(rows: list[dict]):
    """Rows (plain dicts in RECORD_FIELDS order) as an Arrow table of :func:`record_schema`.

    Converting Python objects with pyarrow imports pandas (about 50 MB of memory in a process that
    otherwise never needs it), so finite rows go through Arrow's own JSON reader instead."""
    import pyarrow as pa

    if any(isinstance(v, float) and not math.isfinite(v) for row in rows for v in row.values()):
        return pa.Table.from_pylist(rows, schema=record_schema())  # JSON has no Infinity
    import pyarrow.json as pj

    data = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows).encode("utf-8")
    options = pj.ParseOptions(explicit_schema=record_schema(), unexpected_field_behavior="error",
                              newlines_in_values=False)
    # the system allocator hands memory back after each row group; Arrow's default pool keeps it
    return pj.read_json(io.BytesIO(data), read_options=pj.ReadOptions(block_size=max(len(data) + 1, 1 << 20)),
                        parse_options=options, memory_pool=pa.system_memory_pool())


def _json_default(v):
    v2 = _plain(v)
    if v2 is not v:
        return v2
    raise TypeError(f"cannot write a {type(v).__name__} to JSON")


def write_records(records: Iterable[Union[Record, Mapping]], path, format: Optional[str] = None,
                  bom: bool = False) -> int:
    """Write records to ``path`` (JSONL, CSV or Parquet by suffix) atomically; return how many."""
    with RecordWriter(path, format=format, bom=bom) as w:
        return w.write_all(records)


# ---------------------------------------------------------------- DataFrames

def write_frame(df, path, bom: bool = False, format: Optional[str] = None) -> None:
    """Write a pandas DataFrame to CSV, Parquet or JSONL (by suffix), atomically.

    The index is written only when it carries information (not the default 0..n-1).
    ``bom`` applies to CSV.
    """
    fmt = output_format(path, format)
    keep_index = not _default_index(df)
    with atomic_path(path) as tmp:
        if fmt == "csv":
            df.to_csv(tmp, index=keep_index, encoding="utf-8-sig" if bom else "utf-8", lineterminator="\r\n")
        elif fmt == "parquet":
            df.to_parquet(tmp, index=keep_index)
        else:
            frame = df.reset_index() if keep_index else df
            frame.to_json(tmp, orient="records", lines=True, force_ascii=False, date_format="iso")


def _default_index(df) -> bool:
    import pandas as pd

    idx = df.index
    return (isinstance(idx, pd.RangeIndex) and idx.start == 0 and idx.step == 1
            and idx.name is None)
