"""Records as a typed pandas table, and reading/writing such tables (CSV, Parquet).

    >>> df = records_frame(records)                     # doctest: +SKIP
    >>> df.dtypes["measure"], df.dtypes["year"]         # doctest: +SKIP
    (CategoricalDtype(categories=['change', 'level'], ordered=False, ...), Int64Dtype())

Columns are :data:`govreport.models.RECORD_FIELDS` in order, then
``indicator_key`` (the catalogue key, NA when the name maps to nothing) and
``indicator_label`` (the catalogue's Chinese label, or the raw name).
The schema (``RECORDS_DTYPES``) is documented in ``dev/compare_README.md``.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable, Mapping, Optional, get_args

from .errors import GovReportError
from .models import RECORD_FIELDS, Bound, Direction, Kind, Measure, Record

#: fixed categories of the categorical columns (region's come from the data)
CATEGORIES = {
    "measure": list(get_args(Measure)),
    "direction": list(get_args(Direction)),
    "bound": list(get_args(Bound)),
    "kind": list(get_args(Kind)),
}

#: column -> dtype of the records frame; "category" without fixed categories takes the sorted values
RECORDS_DTYPES = {
    "doc": "string", "start": "Int64", "end": "Int64", "number": "string", "indicator": "string",
    "value": "float64", "value_high": "float64", "unit": "string",
    "value_base": "float64", "value_high_base": "float64", "base_unit": "string",
    "measure": "category", "direction": "category", "bound": "category", "kind": "category",
    "year": "Int64", "period_years": "Int64", "region": "category", "sentence": "string", "rule": "string",
    "kind_rule": "string", "year_rule": "string", "region_rule": "string",
    "indicator_key": "string", "indicator_label": "string",
}
RECORDS_COLUMNS = tuple(RECORDS_DTYPES)
#: string columns that are never NA (an empty string stays empty after a CSV round trip)
_BOOL_TEXT = {"true": True, "false": False}
RECORDS_NOT_NA = ("doc", "number", "indicator", "unit", "base_unit", "sentence", "rule", "kind_rule", "year_rule",
                  "region_rule", "indicator_label")


#: the comparison table of :func:`govreport.compare` (defined here so reading it back needs no comparison)
COMPARISON_DTYPES = {
    "region": "category", "indicator": "string", "indicator_key": "string", "indicator_label": "string",
    "measure": "category", "unit": "string", "year": "Int64", "period_years": "Int64",
    "target": "float64", "target_high": "float64", "target_bound": "category",
    "estimate": "float64", "estimate_high": "float64", "estimate_bound": "category",
    "actual": "float64", "actual_high": "float64", "actual_bound": "category",
    "result": "float64", "result_kind": "category", "met": "boolean", "gap": "float64",
    "previous_result": "float64", "ratchet": "float64",
    "higher_is_better": "boolean", "tolerance": "float64",
    "disagreement": "bool", "notes": "string",
    "target_sources": "string", "estimate_sources": "string", "actual_sources": "string",
}
COMPARISON_COLUMNS = tuple(COMPARISON_DTYPES)
COMPARISON_NOT_NA = ("indicator", "indicator_label", "unit", "notes",
                     "target_sources", "estimate_sources", "actual_sources")
COMPARISON_CATEGORIES = {
    "measure": CATEGORIES["measure"],
    "target_bound": CATEGORIES["bound"], "estimate_bound": CATEGORIES["bound"], "actual_bound": CATEGORIES["bound"],
    "result_kind": ["estimate", "actual"],
}


def apply_schema(df, dtypes: Mapping[str, str], not_na: Iterable[str] = (), categories: Optional[Mapping] = None):
    """``df`` with exactly the columns of ``dtypes``, in that order, cast to those types.

    Works on a frame freshly read from CSV (all strings, "" for missing) as well as on a typed one.
    """
    import pandas as pd

    categories = CATEGORIES if categories is None else categories
    missing = [c for c in dtypes if c not in df.columns]
    if missing:
        raise GovReportError(f"frame lacks column(s): {', '.join(missing)}")
    out = {}
    for col, dt in dtypes.items():
        s = df[col]
        textual = s.dtype == object or pd.api.types.is_string_dtype(s.dtype)
        if textual:
            # values as Python objects, "" read from CSV meaning missing (except in never-NA text columns)
            values = [None if (v is None or v is pd.NA or (isinstance(v, float) and v != v)
                               or (v == "" and col not in not_na)) else v for v in s.tolist()]
        if dt == "string":
            s = pd.Series(values if textual else s, index=df.index, dtype="string")
            if col in not_na:
                s = s.fillna("")
        elif dt in ("float64", "Int64"):
            s = pd.to_numeric(pd.Series(values, index=df.index, dtype=object) if textual else s, errors="raise")
            s = s.astype(dt)
        elif dt in ("boolean", "bool"):
            if textual:
                s = pd.Series([None if v is None else _BOOL_TEXT.get(str(v).lower(), v) for v in values],
                              index=df.index, dtype=object)
            s = s.astype(dt)
        elif dt == "category":
            vals = values if textual else [None if pd.isna(v) else v for v in s.tolist()]
            cats = categories.get(col)
            if cats is None:
                cats = sorted({v for v in vals if v is not None})
            s = pd.Series(pd.Categorical(vals, categories=cats), index=df.index, name=col)
        else:
            s = s.astype(dt)
        out[col] = s
    return pd.DataFrame(out, index=pd.RangeIndex(len(df)))


def _record(r, where: str) -> Record:
    if isinstance(r, Record):
        return r
    if isinstance(r, Mapping):
        try:
            return Record.model_validate({k: r[k] for k in Record.model_fields if k in r})
        except Exception as e:  # pydantic's ValidationError, named in the message
            raise GovReportError(f"{where}: not a record: {e}") from None
    raise GovReportError(f"{where}: expected a Record or a dict, got {type(r).__name__}")


def records_frame(records: Iterable, catalogue=None):
    """A typed DataFrame with one row per record (``Record`` objects or dicts with the same fields).

    ``catalogue`` is a :class:`govreport.catalogue.Catalogue`, a path (or list of paths) of extra
    catalogue files, or None for the shipped catalogue.
    """
    import pandas as pd

    from .catalogue import as_catalogue

    cat = as_catalogue(catalogue)
    cols: dict[str, list] = {c: [] for c in RECORDS_COLUMNS}
    for i, r in enumerate(records):
        row = _record(r, f"record {i}").row()
        row["region"] = row["region"] or None  # "" names no region, and CSV could not keep it apart from NA
        for c in RECORD_FIELDS:
            cols[c].append(row[c])
        key = cat.key(row["indicator"], row["region"])
        cols["indicator_key"].append(key)
        cols["indicator_label"].append(cat[key].zh if key else row["indicator"])
    return apply_schema(pd.DataFrame(cols, columns=list(RECORDS_COLUMNS)), RECORDS_DTYPES, RECORDS_NOT_NA)


def records_from_dicts(dicts: Iterable[Mapping]) -> list[Record]:
    """Records from dicts such as gold annotations; ``value_base`` is filled by folding 万/亿 into the value."""
    from .numerals import split_unit  # the extraction's own folding, so both agree

    out = []
    for i, d in enumerate(dicts):
        d = dict(d)
        if d.get("value_base") is None and isinstance(d.get("value"), (int, float)):
            factor, base_unit = split_unit(d.get("unit") or "")
            d["value_base"] = d["value"] * factor
            d.setdefault("base_unit", base_unit)
            if isinstance(d.get("value_high"), (int, float)):
                d["value_high_base"] = d["value_high"] * factor
        d.setdefault("sentence", d.get("context") or "")
        d.setdefault("rule", "gold")
        out.append(_record(d, f"dict {i}"))
    return out


# --- reading and writing --------------------------------------------------------------------------

def _schema(name: str):
    if name == "records":
        return RECORDS_DTYPES, RECORDS_NOT_NA, CATEGORIES
    if name == "comparison":
        return COMPARISON_DTYPES, COMPARISON_NOT_NA, COMPARISON_CATEGORIES
    raise ValueError(f"schema is 'records' or 'comparison', not {name!r}")


def read_frame(path, schema: str = "records"):
    """Read a records frame or a comparison written as ``.csv`` or ``.parquet``, with its dtypes restored."""
    import pandas as pd

    p = Path(path)
    dtypes, not_na, cats = _schema(schema)
    try:
        if p.suffix.lower() == ".parquet":
            df = pd.read_parquet(p)
        else:
            df = pd.read_csv(p, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    except OSError as e:
        raise GovReportError(f"{path}: cannot read: {e.strerror or e}") from None
    return apply_schema(df, dtypes, not_na, cats)


def write_frame(df, path, bom: bool = False) -> Path:
    """Write ``df`` to ``.csv`` (UTF-8, with a BOM if ``bom``) or ``.parquet``, atomically.

    Delegates to ``govreport.output.write_frame`` when that module exists.
    """
    try:
        from .output import write_frame as _output_write
    except ImportError:
        _output_write = None
    if _output_write is not None:
        _output_write(df, path, bom=bom)
        return Path(path)
    return _write_frame_atomic(df, path, bom)


def _write_frame_atomic(df, path, bom: bool) -> Path:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise GovReportError(f"{path}: write .csv or .parquet")
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    os.close(fd)
    try:
        if suffix == ".csv":
            df.to_csv(tmp, index=False, encoding="utf-8-sig" if bom else "utf-8")
        else:
            df.to_parquet(tmp, index=False)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return p
