"""govreport.output: atomic files and the JSONL / CSV / Parquet record writers."""
from __future__ import annotations

import json
import math
import os
import stat

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport.errors import GovReportError
from govreport.models import RECORD_FIELDS, Record
from govreport.output import RecordWriter, atomic_path, output_format, record_schema, write_frame, write_records

RECORDS = [
    Record(doc="002_c53812b20cb9ab4e.txt", start=120, end=124, number="6%左右", indicator="地区生产总值",
           value=6.0, unit="%", value_base=6.0, base_unit="%", measure="change", direction="up",
           bound="approx", kind="target", year=2024, region="咸宁市",
           sentence="地区生产总值增长6%左右", rule="change.approx"),
    Record(doc="002_c53812b20cb9ab4e.txt", start=3051, end=3058, number="1.5万亿元", indicator="固定资产投资",
           value=1.5, unit="万亿元", value_base=1.5e12, base_unit="元", year=None, region=None,
           sentence='含逗号,引号"和\n换行的句子', rule=""),
    Record(doc="a.txt", start=0, end=9, number="3000-5000人", indicator="新增就业", value=3000.0,
           value_high=5000.0, unit="人", value_base=3000.0, value_high_base=5000.0, base_unit="人",
           bound="range", kind="estimate", year=2023),
]
ROWS = [r.row() for r in RECORDS]
STRING_FIELDS = [f for f in RECORD_FIELDS if record_schema().field(f).type == pa.string()]


def leftovers(folder) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.startswith("."))


def read_back(path, fmt, pandas_json=True) -> list[dict]:
    """Rows as pandas reads them, NaN → None and whole floats in int columns → int.

    pandas' JSON parser cannot read doubles near the ends of the float range, so
    the property test reads JSONL with the json module (``pandas_json=False``).
    """
    if fmt == "jsonl":
        if os.path.getsize(path) == 0:
            return []
        if pandas_json:
            df = pd.read_json(path, lines=True, dtype=False, precise_float=True)
        else:
            lines = open(path, encoding="utf-8", newline="").read().split("\n")[:-1]
            df = pd.DataFrame([json.loads(line) for line in lines], columns=list(RECORD_FIELDS))
    elif fmt == "csv":
        df = pd.read_csv(path, dtype={f: str for f in STRING_FIELDS}, keep_default_na=False,
                         na_values={f: [""] for f in RECORD_FIELDS if f not in STRING_FIELDS})
    else:
        df = pd.read_parquet(path)
    assert list(df.columns) == list(RECORD_FIELDS)
    rows = []
    for rec in df.to_dict("records"):
        rows.append({k: None if (v is None or (isinstance(v, float) and math.isnan(v))) else
                     (int(v) if k in ("start", "end", "year") else v) for k, v in rec.items()})
    return rows


def expected_rows(fmt, rows=ROWS) -> list[dict]:
    if fmt != "csv":
        return rows
    # CSV cannot tell an empty string from a missing one
    return [{k: ("" if v is None and k in STRING_FIELDS else v) for k, v in r.items()} for r in rows]


@pytest.mark.parametrize("suffix,fmt", [(".jsonl", "jsonl"), (".json", "jsonl"), (".csv", "csv"),
                                        (".parquet", "parquet"), (".pq", "parquet")])
def test_records_round_trip_through_pandas(tmp_path, suffix, fmt):
    path = tmp_path / ("records" + suffix)
    assert write_records(RECORDS, path) == 3
    assert read_back(path, fmt) == expected_rows(fmt)
    assert leftovers(tmp_path) == []


def test_jsonl_is_one_unescaped_object_per_line(tmp_path):
    path = tmp_path / "r.jsonl"
    write_records(RECORDS, path)
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") == 3 and "咸宁市" in text and "\\u" not in text
    assert [json.loads(line) for line in text.splitlines()] == ROWS


def test_jsonl_escapes_unicode_line_separators(tmp_path):
    path = tmp_path / "r.jsonl"
    odd = RECORDS[0].model_copy(update={"sentence": "甲\u2028乙\x85丙\u2029丁\r戊"})
    write_records([odd, RECORDS[1]], path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "\\u2028" in lines[0]
    assert json.loads(lines[0])["sentence"] == "甲\u2028乙\x85丙\u2029丁\r戊"


def test_csv_header_and_bom(tmp_path):
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    write_records(RECORDS, plain)
    write_records(RECORDS, excel, bom=True)
    assert plain.read_bytes().startswith(b"doc,start,end,number,indicator,value,")
    assert excel.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert list(pd.read_csv(excel, encoding="utf-8-sig").columns) == list(RECORD_FIELDS)


def test_parquet_matches_with_pyarrow_and_has_the_schema(tmp_path):
    path = tmp_path / "r.parquet"
    write_records(RECORDS, path)
    table = pq.read_table(path)
    assert table.schema.equals(record_schema())
    assert table.to_pylist() == ROWS
    assert table.schema.field("year").type == pa.int64() and table.column("year").null_count == 1


def test_parquet_row_groups(tmp_path):
    path = tmp_path / "r.parquet"
    rows = [{**ROWS[0], "start": i, "end": i + 4} for i in range(25)]
    with RecordWriter(path, row_group_size=10) as w:
        for row in rows:
            w.write(row)
    assert w.count == 25
    meta = pq.ParquetFile(path).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [10, 10, 5]
    assert pq.read_table(path).to_pylist() == rows


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_empty_output_still_has_the_schema(tmp_path, suffix):
    path = tmp_path / ("empty" + suffix)
    assert write_records([], path) == 0
    if suffix == ".parquet":
        table = pq.read_table(path)
        assert table.num_rows == 0 and table.schema.equals(record_schema())
        assert list(pd.read_parquet(path).columns) == list(RECORD_FIELDS)
    elif suffix == ".csv":
        assert path.read_bytes() == ",".join(RECORD_FIELDS).encode() + b"\r\n"
        assert list(pd.read_csv(path).columns) == list(RECORD_FIELDS)
    else:
        assert path.read_bytes() == b""


def test_dicts_partial_rows_numpy_values_and_nan(tmp_path):
    path = tmp_path / "d.jsonl"
    with RecordWriter(path) as w:
        w.write({"doc": "a.txt", "start": np.int64(3), "end": np.int32(5), "value": np.float64("nan"),
                 "year": pd.NA, "unit": "亿元"})
    row = json.loads(path.read_text(encoding="utf-8"))
    assert list(row) == list(RECORD_FIELDS)
    assert (row["start"], row["end"], row["value"], row["year"], row["unit"], row["indicator"]) == \
        (3, 5, None, None, "亿元", None)


def test_bad_items_are_refused(tmp_path):
    with RecordWriter(tmp_path / "x.jsonl") as w:
        with pytest.raises(ValueError, match=r"unknown record field\(s\) \['colour'\]"):
            w.write({"doc": "a", "colour": "red"})
        with pytest.raises(TypeError, match="not list"):
            w.write(["a"])
    with pytest.raises(ValueError, match="not open"):
        w.write(RECORDS[0])


def test_format_from_suffix_or_argument(tmp_path):
    assert [output_format(p) for p in ("a.JSONL", "b.json", "c.csv", "d.parquet", "e.pq")] == \
        ["jsonl", "jsonl", "csv", "parquet", "parquet"]
    path = tmp_path / "records.txt"
    write_records(RECORDS, path, format="csv")
    assert read_back(path, "csv") == expected_rows("csv")
    for bad in (lambda: RecordWriter(tmp_path / "r.xlsx"), lambda: output_format("r", None),
                lambda: RecordWriter(tmp_path / "r.csv", format="excel")):
        with pytest.raises(GovReportError) as info:
            bad()
        assert all(s in str(info.value) for s in (".jsonl", ".csv", ".parquet"))


# ---------------------------------------------------------------- atomicity

class Boom(Exception):
    pass


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
@pytest.mark.parametrize("error", [Boom, KeyboardInterrupt])
def test_failed_run_leaves_no_file(tmp_path, suffix, error):
    path = tmp_path / ("records" + suffix)
    with pytest.raises(error):
        with RecordWriter(path, row_group_size=2) as w:
            for r in RECORDS * 3:
                w.write(r)
            raise error()
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_failed_run_keeps_the_previous_file(tmp_path, suffix):
    path = tmp_path / ("records" + suffix)
    write_records(RECORDS[:1], path)
    before = path.read_bytes()

    def records_then_crash():
        yield from RECORDS
        raise Boom()

    with pytest.raises(Boom):
        write_records(records_then_crash(), path)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_atomic_path_replaces_only_on_success(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(Boom):
        with atomic_path(target) as tmp:
            assert tmp.parent == tmp_path and tmp != target and tmp.exists()
            tmp.write_text("half", encoding="utf-8")
            raise Boom()
    assert target.read_text(encoding="utf-8") == "old" and not tmp.exists()
    with atomic_path(target) as tmp:
        tmp.write_text("new", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "old"  # not visible until the block ends
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(os.listdir(tmp_path)) == ["out.txt"]


def test_atomic_path_permissions(tmp_path):
    umask = os.umask(0)
    os.umask(umask)
    fresh = tmp_path / "fresh.txt"
    with atomic_path(fresh) as tmp:
        tmp.write_text("x", encoding="utf-8")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.txt"
    kept.write_text("x", encoding="utf-8")
    kept.chmod(0o640)
    with atomic_path(kept) as tmp:
        tmp.write_text("y", encoding="utf-8")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_atomic_path_creates_missing_folders(tmp_path):
    with atomic_path(tmp_path / "missing" / "deeper" / "out.csv") as tmp:
        tmp.write_text("x", encoding="utf-8")
    assert (tmp_path / "missing" / "deeper" / "out.csv").read_text(encoding="utf-8") == "x"


def test_atomic_path_errors(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(GovReportError, match="out.csv: cannot create the output folder .*afile"):
        with atomic_path(tmp_path / "afile" / "out.csv"):
            pass
    (tmp_path / "adir").mkdir()
    with pytest.raises(GovReportError, match="adir: is a folder"):
        with atomic_path(tmp_path / "adir"):
            pass


# ---------------------------------------------------------------- DataFrames

FRAME = pd.DataFrame({"indicator": ["地区生产总值", "新建5G基站"], "value": [6.0, 500.0],
                      "year": pd.array([2024, None], dtype="Int64"), "unit": ["%", "个"]})


def test_write_frame_csv_and_parquet(tmp_path):
    write_frame(FRAME, tmp_path / "f.csv")
    back = pd.read_csv(tmp_path / "f.csv", dtype={"year": "Int64"})
    pd.testing.assert_frame_equal(back, FRAME)
    write_frame(FRAME, tmp_path / "f.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "f.parquet"), FRAME)
    write_frame(FRAME, tmp_path / "f.jsonl")
    assert [json.loads(x) for x in (tmp_path / "f.jsonl").read_text(encoding="utf-8").splitlines()] == [
        {"indicator": "地区生产总值", "value": 6.0, "year": 2024, "unit": "%"},
        {"indicator": "新建5G基站", "value": 500.0, "year": None, "unit": "个"}]
    write_frame(FRAME, tmp_path / "bom.csv", bom=True)
    assert (tmp_path / "bom.csv").read_bytes() == b"\xef\xbb\xbf" + (tmp_path / "f.csv").read_bytes()
    assert leftovers(tmp_path) == []


def test_write_frame_keeps_a_meaningful_index(tmp_path):
    by_year = FRAME.dropna().set_index("year")
    write_frame(by_year, tmp_path / "i.csv")
    assert (tmp_path / "i.csv").read_bytes().decode("utf-8").split("\r\n") == [
        "year,indicator,value,unit", "2024,地区生产总值,6.0,%", ""]


def test_write_frame_csv_quotes_carriage_returns(tmp_path):
    odd = pd.DataFrame({"sentence": ["甲\r乙", "丙\n丁", "戊,己"], "value": [1.0, 2.0, 3.0]})
    write_frame(odd, tmp_path / "odd.csv")
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "odd.csv"), odd)


def test_write_frame_failure_leaves_nothing(tmp_path, monkeypatch):
    def half_then_crash(self, path, **kwargs):
        open(path, "w", encoding="utf-8").write("indicator,val")
        raise Boom()

    monkeypatch.setattr(pd.DataFrame, "to_csv", half_then_crash)
    with pytest.raises(Boom):
        write_frame(FRAME, tmp_path / "f.csv")
    assert os.listdir(tmp_path) == []
    with pytest.raises(GovReportError, match="r.xlsx"):
        write_frame(FRAME, tmp_path / "r.xlsx")


# ---------------------------------------------------------------- properties

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
FLOAT = st.floats(allow_nan=False, allow_infinity=False, width=64)
RECORD = st.builds(
    Record, doc=TEXT, start=st.integers(0, 10 ** 9), end=st.integers(0, 10 ** 9), number=TEXT,
    indicator=TEXT, value=FLOAT, value_high=st.none() | FLOAT, unit=TEXT, value_base=st.none() | FLOAT,
    year=st.none() | st.integers(1949, 2100), region=st.none() | TEXT, sentence=TEXT, rule=TEXT)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(RECORD, max_size=8), fmt=st.sampled_from(["jsonl", "csv", "parquet"]))
def test_any_records_round_trip(tmp_path, records, fmt):
    path = tmp_path / f"r.{fmt}"
    write_records(records, path)
    assert read_back(path, fmt, pandas_json=False) == expected_rows(fmt, [r.row() for r in records])
