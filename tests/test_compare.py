"""Planned versus achieved: units, bound-aware attainment, merging sources, and the seed assertions."""
from __future__ import annotations

import math
import re
from glob import glob
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import govreport  # noqa: E402
from govreport import quantities  # noqa: E402
from govreport.comparison import COMPARISON_DTYPES, attainment, compare, summary_table  # noqa: E402
from govreport.corpus import Corpus  # noqa: E402
from govreport.document import load  # noqa: E402
from govreport.errors import GovReportError  # noqa: E402
from govreport.evaluate import load_gold  # noqa: E402
from govreport.frames import records_frame  # noqa: E402
from govreport.models import Record  # noqa: E402
from govreport.plots import plot_attainment  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
D000, D001, D002, D003, D004 = sorted(p.name for p in SEEDS.glob("*.txt"))


# --- units -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,unit,to,expected", [
    (24.16, "亿斤", "万吨", 120.8),
    (23.6, "亿斤", "万吨", 118.0),
    (117, "万吨", "亿斤", 23.4),
    (1, "万亩", "公顷", 666.666666667),
    (15, "亩", "公顷", 1.0),
    (32.9, "公里", "千米", 32.9),
    (1.5, "万亿元", "亿元", 15000),
    (65.14, "亿元", "万元", 651400),
    (3.7, "万人", "人", 37000),
    (12, "万人次", "人次", 120000),
    (1, "平方公里", "亩", 1500),
    (3, "％", "%", 3),
    (5, "‰", "%", 0.5),
])
def test_unit_conversion(value, unit, to, expected):
    assert quantities.convert(value, unit, to) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("a,b,same", [
    ("万亩", "公顷", True), ("亿斤", "万吨", True), ("公里", "千米", True), ("亿元", "万元", True),
    ("家", "个", True), ("万人", "人次", True),
    ("%", "个百分点", False),  # a growth rate is not a percentage-point change
    ("%", "倍", False), ("%", "个", False), ("%", "", False),  # 两万 (bare) is no percentage
    ("亿元", "万美元", False), ("万吨", "万亩", False), ("吨标准煤", "吨", False),
    ("个", "奇怪单位", False), ("奇怪单位", "奇怪单位", True),
])
def test_dimensions_keep_unlike_apart(a, b, same):
    assert quantities.same_dimension(a, b) is same


def test_conversion_between_unlike_units_fails():
    with pytest.raises(ValueError):
        quantities.convert(1, "%", "个百分点")
    assert quantities.convert(None, "亿元", "万元") is None
    assert math.isnan(quantities.convert(float("nan"), "亿元", "万元"))


# --- met: bound-aware ------------------------------------------------------------------------------

# target bound, target, target high, result bound, result, result high, higher is better, tolerance, met
ATTAINMENT = [
    ("min", 10.5, None, "eq", 15.0, None, True, 0.5, True),      # ≥10.5%, estimate 15%
    ("min", 10.5, None, "eq", 10.5, None, True, 0.5, True),      # at the bound
    ("min", 10.5, None, "eq", 10.4, None, True, 0.5, False),
    ("min", 300, None, "eq", 330, None, True, 15, True),         # 突破300家 vs 330家
    ("max", 4.5, None, "max", 2.55, None, False, 0.5, True),     # ≤4.5% vs 控制在2.55%以内
    ("max", 4.5, None, "eq", 4.6, None, False, 0.5, False),
    ("max", 3.0, None, "min", 2.0, None, False, 0.5, None),      # "more than 2%" may or may not stay ≤3%
    ("min", 10, None, "min", 18, None, True, 0.5, True),         # 增长18%以上 meets ≥10%
    ("min", 10, None, "max", 8, None, True, 0.5, False),         # at most 8% cannot reach 10%
    ("approx", 6, None, "eq", 5.6, None, None, 0.5, True),
    ("approx", 6, None, "eq", 5.4, None, None, 0.5, False),
    ("approx", 6, None, "eq", 7.0, None, None, 0.5, False),      # direction unknown: overshoot misses
    ("approx", 6, None, "eq", 7.0, None, True, 0.5, True),       # higher is better: overshoot meets
    ("approx", 6, None, "eq", 5.4, None, True, 0.5, False),
    ("approx", 3, None, "eq", 3.6, None, False, 0.5, False),     # CPI ≈3%: 3.6% is too high
    ("approx", 3, None, "eq", 1.0, None, False, 0.5, True),
    ("eq", 6, None, "eq", 6.2, None, True, 0.5, True),
    ("eq", 6, None, "eq", 5.9, None, True, 0.5, False),
    ("eq", 100, None, "eq", 104, None, None, 5, True),           # unknown direction: within tolerance
    ("eq", 100, None, "eq", 94, None, None, 5, False),
    ("range", 2, 3, "eq", 2.5, None, None, 0, True),
    ("range", 2, 3, "eq", 4, None, None, 0, False),
    ("range", 2, 3, "eq", 4, None, True, 0, True),
    ("range", 2, 3, "range", 2, 4, None, 0, None),
    ("min", 10, None, "eq", None, None, True, 0.5, None),        # no result yet
    ("min", None, None, "eq", 10, None, True, 0.5, None),
]


@pytest.mark.parametrize("tb,t,th,rb,r,rh,hib,tol,met", ATTAINMENT)
def test_attainment(tb, t, th, rb, r, rh, hib, tol, met):
    assert attainment(tb, t, th, rb, r, rh, hib, tol) is met


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["eq", "approx", "min", "max", "range"]), st.floats(-100, 100), st.floats(0, 50),
       st.floats(-100, 100), st.sampled_from([True, False, None]), st.floats(0, 5))
def test_a_point_result_is_never_unknown(tb, t, width, r, hib, tol):
    assert attainment(tb, t, t + width, "eq", r, None, hib, tol) in (True, False)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["eq", "approx"]), st.floats(-100, 100), st.floats(-100, 100),
       st.sampled_from([True, False]), st.floats(0, 5), st.floats(0, 100))
def test_doing_better_never_turns_met_into_missed(tb, t, r, hib, tol, step):
    # for eq and approx targets the catalogue's direction decides what "better" is
    better = r + step if hib else r - step
    if attainment(tb, t, None, "eq", r, None, hib, tol) is True:
        assert attainment(tb, t, None, "eq", better, None, hib, tol) is True


# --- compare on small tables -----------------------------------------------------------------------

def rec(indicator, value, unit, kind, year, bound="eq", direction=None, region="甲市", doc="a.txt", start=0,
        value_high=None, measure=None) -> Record:
    measure = measure or ("change" if direction else "level")
    return Record(doc=doc, start=start, end=start + 3, number=f"{value}{unit}", indicator=indicator, value=value,
                  value_high=value_high, unit=unit, measure=measure, direction=direction, bound=bound, kind=kind,
                  year=year, region=region)


def row(cmp, **where):
    sel = cmp
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"{len(sel)} rows for {where}"
    return sel.iloc[0]


def test_schema_and_empty_input():
    cmp = compare(records_frame([]))
    assert len(cmp) == 0
    assert {c: str(t) for c, t in cmp.dtypes.items()} == dict(COMPARISON_DTYPES)
    cmp = compare([rec("地区生产总值", 6, "%", "target", 2024, "approx", "up")])
    assert {c: str(t) for c, t in cmp.dtypes.items()} == dict(COMPARISON_DTYPES)


def test_target_meets_later_result_across_documents():
    cmp = compare([
        rec("地区生产总值", 10.5, "%", "target", 2021, "min", "up", doc="r2021.txt", start=100),
        rec("地区生产总值", 15, "%", "estimate", 2021, "eq", "up", doc="r2022.txt", start=50),
        rec("全市地区生产总值", 8, "%", "target", 2022, "approx", "up", doc="r2022.txt", start=900),
    ])
    r = row(cmp, year=2021)
    assert (r.indicator, r.indicator_key, r.indicator_label, r.measure, r.unit) == ("gdp", "gdp", "地区生产总值",
                                                                                   "change", "%")
    assert (r.target, r.target_bound, r.estimate, r.result, r.result_kind) == (10.5, "min", 15, 15, "estimate")
    assert r.met == True and r.gap == 4.5  # noqa: E712 (nullable boolean)
    assert (r.target_sources, r.estimate_sources, r.actual_sources) == ("r2021.txt:100-103", "r2022.txt:50-53", "")
    r = row(cmp, year=2022)
    assert (r.target, r.previous_result, r.ratchet) == (8, 15, -7)
    assert pd.isna(r.met) and pd.isna(r.result)


def test_actual_supersedes_estimate_and_both_are_kept():
    cmp = compare([rec("地区生产总值", 6.2, "%", "estimate", 2023, direction="up", doc="a.txt"),
                   rec("地区生产总值", 5.9, "%", "actual", 2023, direction="up", doc="b.txt"),
                   rec("地区生产总值", 6, "%", "target", 2023, direction="up", doc="c.txt")])
    r = row(cmp, year=2023)
    assert (r.estimate, r.actual, r.result, r.result_kind) == (6.2, 5.9, 5.9, "actual")
    assert r.met == False and r.gap == pytest.approx(-0.1)  # noqa: E712
    assert not r.disagreement


def test_levels_changes_and_unlike_units_are_separate_series():
    cmp = compare([rec("地区生产总值", 6, "%", "target", 2024, direction="up"),
                   rec("地区生产总值", 1750, "亿元", "estimate", 2024),
                   rec("地区生产总值", 600, "亿元", "estimate", 2024, "min", direction="up"),
                   rec("高新技术企业", 2.2, "倍", "actual", 2024, direction="up"),
                   rec("高新技术企业", 330, "家", "actual", 2024)])
    got = sorted(zip(cmp["indicator"], cmp["measure"], cmp["unit"]))
    assert got == [("gdp", "change", "%"), ("gdp", "change", "亿元"), ("gdp", "level", "亿元"),
                   ("high_tech_firms", "change", "倍"), ("high_tech_firms", "level", "家")]
    assert pd.isna(row(cmp, measure="change", unit="%").met)


def test_one_unit_per_series():
    cmp = compare([rec("粮食产量", 116.8, "万吨", "actual", 2020),
                   rec("粮食总产量", 23.6, "亿斤", "target", 2021, "min"),
                   rec("粮食产量", 24.16, "亿斤", "actual", 2021),
                   rec("某某面积", 3, "万亩", "actual", 2020), rec("某某面积", 3000, "公顷", "actual", 2021)])
    grain = cmp[cmp["indicator"] == "grain_output"].set_index("year")
    assert set(grain["unit"]) == {"万吨"}  # the catalogue's unit for grain output
    assert list(grain["result"]) == [116.8, 120.8]
    assert grain.loc[2021, "target"] == 118 and grain.loc[2021, "met"] == True  # noqa: E712
    assert grain.loc[2021, "ratchet"] == pytest.approx(118 - 116.8)
    area = cmp[cmp["indicator"] == "某某面积"].set_index("year")
    assert set(area["unit"]) == {"万亩"}  # no catalogue entry: the first of the most used units
    assert area.loc[2021, "result"] == 4.5


def test_declines_are_signed():
    cmp = compare([rec("单位地区生产总值能耗", 3, "%", "target", 2024, "min", direction="down"),  # 下降3%以上
                   rec("单位地区生产总值能耗", 3.5, "%", "actual", 2024, direction="down"),
                   rec("居民消费价格指数", 1.7, "个百分点", "actual", 2020, direction="down")])
    r = row(cmp, year=2024)
    assert (r.target, r.target_bound, r.result, r.higher_is_better) == (-3, "max", -3.5, False)
    assert r.met == True and r.gap == -0.5  # noqa: E712
    assert row(cmp, year=2020).result == -1.7


def test_agreeing_sources_merge_and_disagreeing_ones_are_flagged():
    cmp = compare([rec("地区生产总值", 6, "%", "target", 2024, direction="up", doc="000.txt", start=1130),
                   rec("地区生产总值", 6, "%", "target", 2024, direction="up", doc="002.txt", start=6889),
                   rec("高新技术企业", 14000, "家", "actual", 2021, "min", doc="n.txt", start=21604),
                   rec("高新技术企业", 15000, "家", "actual", 2021, "approx", doc="n.txt", start=21782)])
    gdp = row(cmp, indicator="gdp")
    assert gdp.target_sources == "000.txt:1130-1133; 002.txt:6889-6892"
    assert not gdp.disagreement and gdp.notes == ""
    firms = row(cmp, indicator="high_tech_firms")
    assert firms.disagreement
    assert firms.actual == 14000 and firms.actual_bound == "min"  # equal support: the first in the documents
    assert firms.actual_sources == "n.txt:21604-21607; n.txt:21782-21785"
    assert firms.notes == "actual sources disagree: 14000 (n.txt:21604-21607) | 15000 (n.txt:21782-21785)"


def test_majority_value_wins():
    cmp = compare([rec("地区生产总值", 6, "%", "target", 2024, direction="up", doc="a.txt"),
                   rec("地区生产总值", 6.5, "%", "target", 2024, direction="up", doc="b.txt"),
                   rec("地区生产总值", 6.5, "%", "target", 2024, "approx", direction="up", doc="c.txt"),
                   rec("地区生产总值", 6.5, "%", "target", 2024, "approx", direction="up", doc="d.txt")])
    r = row(cmp, year=2024)
    assert (r.target, r.target_bound, r.disagreement) == (6.5, "approx", True)


def test_tolerance_parameters():
    recs = [rec("某某比率", 6, "%", "target", 2024, "approx"), rec("某某比率", 5.4, "%", "actual", 2024),
            rec("某某数量", 100, "个", "target", 2024, "approx"), rec("某某数量", 94, "个", "actual", 2024)]
    cmp = compare(recs)
    assert row(cmp, unit="%").tolerance == 0.5 and row(cmp, unit="%").met == False  # noqa: E712
    assert row(cmp, unit="个").tolerance == 5 and row(cmp, unit="个").met == False  # noqa: E712
    cmp = compare(recs, tolerance_pp=1, tolerance_rel=0.1)
    assert row(cmp, unit="%").met == True and row(cmp, unit="个").met == True  # noqa: E712
    with pytest.raises(ValueError):
        compare(recs, tolerance_pp=-1)


def test_regions_never_mix_and_yearless_records_are_left_out():
    cmp = compare([rec("地区生产总值", 6, "%", "target", 2024, direction="up", region="甲市"),
                   rec("地区生产总值", 7, "%", "actual", 2024, direction="up", region="乙区"),
                   rec("地区生产总值", 8, "%", "actual", None, direction="up", region="甲市")])
    assert len(cmp) == 2
    assert pd.isna(row(cmp, region="甲市").result) and pd.isna(row(cmp, region="乙区").target)


def test_records_without_region_form_their_own_series():
    cmp = compare([rec("地区生产总值", 6, "%", "target", 2024, direction="up", region=None),
                   rec("地区生产总值", 6.5, "%", "actual", 2024, direction="up", region="甲市")])
    assert list(cmp["region"].astype(object).fillna("NA")) == ["甲市", "NA"]
    assert cmp["met"].isna().all()


def test_frame_without_catalogue_columns_is_accepted():
    df = records_frame([rec("地区生产总值", 6, "%", "target", 2024, direction="up")])
    assert compare(df.drop(columns=["indicator_key", "indicator_label"]))["indicator_key"].tolist() == ["gdp"]


def test_user_catalogue_changes_the_grouping(tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("key,zh,en,variants,higher_is_better,dimension,unit\n"
                 "port,港口吞吐量,Port throughput,港口货物吞吐量,true,mass,万吨\n", encoding="utf-8")
    recs = [rec("港口吞吐量", 5000, "万吨", "target", 2024, "min"), rec("港口货物吞吐量", 0.52, "亿吨", "actual", 2024)]
    assert len(compare(recs)) == 2
    r = row(compare(recs, catalogue=f), year=2024)
    assert (r.indicator, r.unit, r.result, r.met) == ("port", "万吨", 5200, True)


# --- the seeds ---------------------------------------------------------------------------------------

def _gold_corpus():
    gold = load_gold(sorted(glob(str(ROOT / "tests" / "gold" / "*.jsonl"))), SEEDS)
    return Corpus.from_records(gold, [load(p) for p in sorted(SEEDS.glob("*.txt"))])


def _extracted_corpus():
    return Corpus.from_dir(SEEDS)


@pytest.fixture(scope="module", params=["gold", "extracted"])
def seeds(request):
    corpus = _gold_corpus() if request.param == "gold" else _extracted_corpus()
    df = corpus.frame()
    return corpus, df, compare(df)


def _series(cmp, key, measure, region="咸宁市"):
    s = cmp[(cmp["region"] == region) & (cmp["indicator_key"] == key) & (cmp["measure"] == measure)]
    return s


def test_seed_gdp_growth_2021_target_met_by_estimate(seeds):
    _, _, cmp = seeds
    gdp = _series(cmp, "gdp", "change")
    r = row(gdp, year=2021, unit="%")
    assert (r.target, r.target_bound) == (10.5, "min")
    assert D001 in r.target_sources
    assert (r.result, r.result_kind) == (15, "estimate") and D004 in r.estimate_sources
    assert r.met == True  # noqa: E712


def test_seed_gdp_growth_years(seeds):
    _, _, cmp = seeds
    gdp = _series(cmp, "gdp", "change")
    gdp = gdp[gdp["unit"] == "%"].set_index("year")
    assert gdp.loc[2021, "target"] == 10.5
    assert (gdp.loc[2022, "target"], gdp.loc[2022, "target_bound"]) == (8, "approx")
    assert (gdp.loc[2023, "result"], gdp.loc[2023, "result_kind"]) == (1.6, "actual")
    assert pd.isna(gdp.loc[2023, "target"])
    assert gdp.loc[2024, "target"] == 6
    # the 2024 target is in both the interpretation (000) and the report (002): merged, both spans kept
    assert D000 in gdp.loc[2024, "target_sources"] and D002 in gdp.loc[2024, "target_sources"]
    assert not gdp.loc[2024, "disagreement"]
    assert (gdp.loc[2024, "previous_result"], gdp.loc[2024, "ratchet"]) == (1.6, pytest.approx(4.4))


def test_seed_high_tech_firms_2021(seeds):
    _, _, cmp = seeds
    r = row(_series(cmp, "high_tech_firms", "level"), year=2021, unit="家")
    assert (r.target, r.target_bound) == (300, "min") and D001 in r.target_sources
    assert (r.result, r.result_kind) == (330, "actual") and D004 in r.actual_sources
    assert r.met == True and r.gap == 30  # noqa: E712


def test_seed_unemployment_2021(seeds):
    _, _, cmp = seeds
    r = row(_series(cmp, "unemployment_rate", "level"), year=2021)
    assert (r.target, r.target_bound, r.unit) == (4.5, "max", "%")
    assert (r.result, r.actual_bound) == (2.55, "max")
    assert r.met == True  # noqa: E712


def test_seed_grain_output_in_one_unit(seeds):
    _, _, cmp = seeds
    grain = _series(cmp, "grain_output", "level")
    assert set(grain["unit"]) == {"万吨"}
    grain = grain.set_index("year")
    assert grain.loc[2020, "actual"] == 116.8
    assert grain.loc[2021, "target"] == 117
    assert grain.loc[2022, "target"] == 117
    assert grain.loc[2023, "actual"] == pytest.approx(120.8)  # 24.16亿斤
    assert grain.loc[2024, "target"] == pytest.approx(118)   # 23.6亿斤
    assert grain.loc[2024, "ratchet"] == pytest.approx(-2.8)


def test_seed_district_never_mixes_with_city(seeds):
    _, df, cmp = seeds
    region_of = {(d, s): r for d, s, r in zip(df["doc"], df["start"], df["region"].astype(object))}
    checked = 0
    for r in cmp.itertuples(index=False):
        for col in ("target_sources", "estimate_sources", "actual_sources"):
            for src in filter(None, getattr(r, col).split("; ")):
                doc, start = re.fullmatch(r"(.+):(\d+)-\d+", src).groups()
                assert region_of[(doc, int(start))] == r.region, (src, r.region)
                checked += 1
    assert checked >= len(df) - df["year"].isna().sum()  # every record with a year is traced
    district_gdp = row(_series(cmp, "gdp", "change", region="咸安区"), year=2025)
    assert (district_gdp.target, district_gdp.target_bound) == (7, "min") and D003 in district_gdp.target_sources
    assert len(_series(cmp, "gdp", "change").query("year == 2025")) == 0


def test_every_cell_traces_back_to_its_records(seeds):
    _, df, cmp = seeds
    spans = set(zip(df["doc"], df["start"], df["end"]))
    for r in cmp.itertuples(index=False):
        assert r.target_sources or r.estimate_sources or r.actual_sources
        for col in ("target", "estimate", "actual"):
            srcs = getattr(r, f"{col}_sources")
            assert bool(srcs) == (not pd.isna(getattr(r, col)))
            for src in filter(None, srcs.split("; ")):
                doc, start, end = re.fullmatch(r"(.+):(\d+)-(\d+)", src).groups()
                assert (doc, int(start), int(end)) in spans


def test_public_api():
    from govreport import plots

    assert govreport.compare is compare
    assert govreport.plot_attainment is plots.plot_attainment
    assert govreport.Corpus is Corpus


# --- summary and plot --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gold_cmp():
    return compare(_gold_corpus().frame())


def test_summary_table(gold_cmp):
    text = summary_table(gold_cmp, region="咸宁市", max_rows=None)
    lines = text.splitlines()
    assert re.match(r"\d+ rows in \d+ comparable series; \d+ targets with a result: \d+ met, 0 missed, "
                    r"0 unknown; \d+ with disagreeing sources", lines[0])
    assert lines[1].split() == ["region", "indicator", "measure", "unit", "year", "target", "result", "met", "gap",
                                "ratchet", "!"]
    gdp_2021 = next(ln for ln in lines if "地区生产总值" in ln and " 2021 " in ln and " % " in ln)
    assert gdp_2021.split() == ["咸宁市", "地区生产总值", "change", "%", "2021", "≥10.5", "15", "(est.)", "yes",
                                "4.5", "-19.1"]
    assert not any("咸安区" in ln for ln in lines[3:])
    # columns line up in display width (CJK characters are two columns wide)
    from govreport.comparison import _width
    year_col = [_width(ln[: ln.index(" 2021 ")]) for ln in lines[3:] if " 2021 " in ln]
    assert len(set(year_col)) == 1
    short = summary_table(gold_cmp, max_rows=3, lang="en")
    assert short.splitlines()[-1].startswith("… ") and "Gross regional product" in short


def test_plot_attainment(gold_cmp):
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    fig = plot_attainment(gold_cmp, region="咸宁市", max_panels=6)
    try:
        assert isinstance(fig, Figure)
        visible = [ax for ax in fig.axes if ax.get_visible()]
        assert len(visible) == 6
        assert any("地区生产总值" in ax.get_title() or "GDP" in ax.get_title() for ax in visible)
    finally:
        plt.close(fig)
    fig = plot_attainment(gold_cmp, region="咸宁市", indicators=["grain_output"], lang="en")
    try:
        (ax,) = [ax for ax in fig.axes if ax.get_visible()]
        assert ax.get_title().startswith("Grain output") and "万吨" in ax.get_title()
        fig.canvas.draw()
    finally:
        plt.close(fig)
    with pytest.raises(GovReportError, match="several issuing governments; choose one with region=: 咸宁市, 咸安区"):
        plot_attainment(gold_cmp)  # the regions of the documents, not every place they name


def test_a_five_year_total_is_its_own_series():
    five_year_total = Record(doc="r2022.txt", start=10, end=16, number="24.8万人", indicator="城镇新增就业", value=24.8,
                             unit="万人", kind="actual", year=2021, period_years=5, region="甲市")
    cmp = compare([rec("城镇新增就业", 3.7, "万人", "target", 2021, doc="r2021.txt"), five_year_total])
    annual = row(cmp, year=2021, period_years=1)
    assert annual.target == 3.7 and pd.isna(annual.result) and pd.isna(annual.met)
    total = row(cmp, year=2021, period_years=5)
    assert total.result == 24.8 and pd.isna(total.target)
    assert "2017–2021" in summary_table(cmp, only_comparable=False)
