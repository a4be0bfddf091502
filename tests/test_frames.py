"""The typed records frame, the corpus around it, and CSV / Parquet round trips."""
from __future__ import annotations

from glob import glob
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.comparison import COMPARISON_DTYPES, compare
from govreport.corpus import Corpus, document_type, infer_report_year, infer_region
from govreport.document import load
from govreport.errors import GovReportError
from govreport.evaluate import load_gold
from govreport.frames import (RECORDS_DTYPES, read_frame, records_frame, records_from_dicts, write_frame)
from govreport.models import RECORD_FIELDS, Record

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def gold():
    return load_gold(sorted(glob(str(ROOT / "tests" / "gold" / "*.jsonl"))), SEEDS)


@pytest.fixture(scope="module")
def gold_corpus(gold):
    return Corpus.from_records(gold, [load(p) for p in sorted(SEEDS.glob("*.txt"))])


def rec(**kw) -> Record:
    base = dict(doc="a.txt", start=0, end=2, number="6%", indicator="地区生产总值", value=6.0, unit="%",
                measure="change", direction="up", bound="approx", kind="target", year=2024, region="甲市")
    base.update(kw)
    return Record(**base)


# --- records_frame ---------------------------------------------------------------------------------

def test_columns_and_dtypes():
    df = records_frame([rec(), rec(start=10, end=16, number="1750亿元", value=1750.0, unit="亿元", value_base=1.75e11,
                                   base_unit="元", measure="level", direction=None, bound="eq", kind="estimate",
                                   year=2021, indicator="某某企业", region=None)])
    assert list(df.columns) == list(RECORD_FIELDS) + ["indicator_key", "indicator_label"]
    assert {c: str(t) for c, t in df.dtypes.items()} == {
        "doc": "string", "start": "Int64", "end": "Int64", "number": "string", "indicator": "string",
        "value": "float64", "value_high": "float64", "unit": "string", "value_base": "float64",
        "value_high_base": "float64", "base_unit": "string", "measure": "category", "direction": "category",
        "bound": "category", "kind": "category", "year": "Int64", "period_years": "Int64", "region": "category", "sentence": "string",
        "rule": "string", "kind_rule": "string", "year_rule": "string", "region_rule": "string",
        "indicator_key": "string", "indicator_label": "string"}
    # the rule columns are text, "" where no rule is recorded: a row turns back into a Record
    assert df.loc[1, "kind_rule"] == "" and not df[["kind_rule", "year_rule", "region_rule"]].isna().any().any()
    assert list(df["measure"].cat.categories) == ["change", "level"]
    assert list(df["bound"].cat.categories) == ["eq", "approx", "min", "max", "range"]
    assert list(df["kind"].cat.categories) == ["target", "actual", "estimate"]
    assert list(df["direction"].cat.categories) == ["up", "down"]
    assert df.loc[0, "indicator_key"] == "gdp" and df.loc[0, "indicator_label"] == "地区生产总值"
    # an unmapped name keeps its raw name as label and has no key
    assert pd.isna(df.loc[1, "indicator_key"]) and df.loc[1, "indicator_label"] == "某某企业"
    assert pd.isna(df.loc[1, "region"]) and pd.isna(df.loc[1, "direction"])
    assert pd.isna(records_frame([rec(region="")]).loc[0, "region"])
    assert df.loc[1, "value_base"] == 1.75e11


def test_empty_frame_keeps_the_schema():
    df = records_frame([])
    assert len(df) == 0
    assert {c: str(t) for c, t in df.dtypes.items()} == {c: t for c, t in RECORDS_DTYPES.items()}


def test_dicts_are_accepted_and_validated():
    df = records_frame([rec().model_dump()])
    assert df.loc[0, "value"] == 6.0
    with pytest.raises(GovReportError, match="record 0"):
        records_frame([{"doc": "a.txt", "value": "six"}])
    with pytest.raises(GovReportError, match="record 0"):
        records_frame([42])


def test_records_from_dicts_folds_magnitude_words():
    (r,) = records_from_dicts([{"doc": "a.txt", "start": 0, "end": 6, "number": "1167.9亿元", "indicator": "x",
                                "value": 1167.9, "unit": "亿元", "context": "达1167.9亿元"}])
    assert r.value_base == pytest.approx(1.1679e11) and r.base_unit == "元"
    assert r.sentence == "达1167.9亿元" and r.rule == "gold"
    (r,) = records_from_dicts([{"doc": "a.txt", "start": 0, "end": 4, "number": "2—3万", "indicator": "x",
                                "value": 2, "value_high": 3, "unit": "万"}])
    assert (r.value_base, r.value_high_base) == (2e4, 3e4)


def test_gold_frame_maps_the_headline_indicators(gold):
    df = records_frame(records_from_dicts(gold))
    assert len(df) == len(gold)
    keys = set(df["indicator_key"].dropna())
    assert {"gdp", "cpi", "grain_output", "high_tech_firms", "unemployment_rate", "urban_jobs"} <= keys
    cpi_names = set(df.loc[df["indicator_key"] == "cpi", "indicator"])
    assert "居民价格消费价格指数" in cpi_names  # seed 001's misprint still maps


# --- corpus ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,kind", [
    ("各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。", "report"),
    ("政府工作报告解读\n2020年,咸宁怎么看?", "interpretation"),
    ("\n2023年怎么看?\n坚持稳中求进总基调", "interpretation"),
    ("奋力推进现代化\n2024年……这一年,咸安处处繁花满目新", "review"),
    ("武汉市加速数字经济招商\n……\n2025-07-02\n有想补充的信息?点我投稿\n- 联系我们", "news"),
    ("地区生产总值增长6%。", "other"),
])
def test_document_type(text, kind):
    assert document_type(text) == kind


def test_report_year_and_region_from_records():
    recs = [rec(year=2022), rec(year=2022), rec(year=2026), rec(kind="actual", year=2021, region="乙县")]
    assert infer_report_year(recs) == 2022
    assert infer_report_year([rec(kind="actual", year=2023)]) == 2024
    assert infer_report_year([]) is None
    assert infer_region(recs) == "甲市"
    assert infer_region([rec(region=None)]) is None


def test_seed_documents_are_described(gold_corpus):
    info = gold_corpus.info.set_index("doc")
    assert list(info["type"]) == ["interpretation", "interpretation", "report", "review", "news"]
    assert list(info["region"]) == ["咸宁市", "咸宁市", "咸宁市", "咸安区", "咸宁市"]
    assert list(info["report_year"]) == [2024, 2021, 2024, 2024, 2022]
    assert str(gold_corpus.info["report_year"].dtype) == "Int64"
    assert info["records"].sum() == len(gold_corpus.frame())


def test_corpus_fills_missing_region_from_its_document(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("各位代表：2024年地区生产总值增长6%左右。", encoding="utf-8")
    doc = load(p, region="丙市")
    c = Corpus([doc], {"r.txt": [rec(doc="r.txt", region=None)]})
    assert c.describe("r.txt").region == "丙市"
    assert c.frame().loc[0, "region"] == "丙市"
    assert c.describe("r.txt").type == "report"


def test_corpus_with_a_given_extractor(tmp_path):
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text("2024年地区生产总值增长6%左右。", encoding="utf-8")
    seen = []

    def fake_extract(doc):
        seen.append(doc.name)
        return [rec(doc=doc.name)]

    c = Corpus.from_dir(tmp_path, extract=fake_extract, region="丁市")
    assert seen == ["a.txt", "b.txt"]
    assert len(c) == 2 and len(c.frame()) == 2
    assert "Corpus(2 documents, 2 records)" == repr(c)
    with pytest.raises(GovReportError, match="not a directory"):
        Corpus.from_dir(tmp_path / "missing")
    with pytest.raises(GovReportError, match="no files"):
        Corpus.from_dir(tmp_path, patterns=["*.pdf"])


# --- export round trips ----------------------------------------------------------------------------

def _roundtrip(df, tmp_path, schema):
    csv, csv_bom, parquet = tmp_path / "t.csv", tmp_path / "t_bom.csv", tmp_path / "t.parquet"
    write_frame(df, csv)
    write_frame(df, csv_bom, bom=True)
    write_frame(df, parquet)
    assert not csv.read_bytes().startswith(b"\xef\xbb\xbf")
    assert csv_bom.read_bytes().startswith(b"\xef\xbb\xbf")
    for path in (csv, csv_bom, parquet):
        pd.testing.assert_frame_equal(read_frame(path, schema), df)
    # Parquet read with pyarrow alone, and with pandas directly, gives the same table
    pd.testing.assert_frame_equal(pq.read_table(parquet).to_pandas(), df)
    pd.testing.assert_frame_equal(pd.read_parquet(parquet), df)
    assert pq.read_schema(parquet).names == list(df.columns)


def test_records_roundtrip(gold_corpus, tmp_path):
    _roundtrip(gold_corpus.frame(), tmp_path, "records")


def test_comparison_roundtrip(gold_corpus, tmp_path):
    cmp = compare(gold_corpus.frame())
    assert list(cmp.columns) == list(COMPARISON_DTYPES)
    _roundtrip(cmp, tmp_path, "comparison")


def test_read_frame_checks_columns(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("doc,start\na.txt,1\n", encoding="utf-8")
    with pytest.raises(GovReportError, match="lacks column"):
        read_frame(p)


_text = st.text(alphabet=st.sampled_from(list("地区生产总值,，“”\"'\n NA空 %亿元0.5")), max_size=12)


@st.composite
def records(draw):
    measure = draw(st.sampled_from(["change", "level"]))
    value = draw(st.floats(-1e12, 1e12, allow_nan=False))
    return Record(doc=draw(st.sampled_from(["a.txt", "b,c.txt"])), start=draw(st.integers(0, 10**6)), end=1,
                  number=draw(_text), indicator=draw(_text), value=value,
                  value_high=draw(st.none() | st.floats(-1e6, 1e6, allow_nan=False)), unit=draw(_text),
                  value_base=draw(st.none() | st.floats(-1e15, 1e15, allow_nan=False)), base_unit=draw(_text),
                  measure=measure, direction=draw(st.sampled_from([None, "up", "down"])),
                  bound=draw(st.sampled_from(["eq", "approx", "min", "max", "range"])),
                  kind=draw(st.sampled_from(["target", "actual", "estimate"])),
                  year=draw(st.none() | st.integers(1949, 2100)), region=draw(st.none() | st.sampled_from(["甲市", "NA", ""])),
                  sentence=draw(_text), rule=draw(_text))


@settings(max_examples=25, deadline=None)
@given(st.lists(records(), max_size=6))
def test_any_records_roundtrip_through_csv_and_parquet(tmp_path_factory, recs):
    df = records_frame(recs)
    d = tmp_path_factory.mktemp("rt")
    for name in ("r.csv", "r.parquet"):
        write_frame(df, d / name, bom=name.endswith(".csv"))
        pd.testing.assert_frame_equal(read_frame(d / name), df)
