"""The panel economists build by hand, its wide tables and plots; on records made here, on the seeds,
and on the real reports of ../shared/corpus (national 2001–2012, sixteen provinces 2026)."""
from __future__ import annotations

import math
import warnings
from glob import glob
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import govreport  # noqa: E402
from govreport.comparison import compare  # noqa: E402
from govreport.corpus import Corpus  # noqa: E402
from govreport.document import load  # noqa: E402
from govreport.errors import GovReportError  # noqa: E402
from govreport.evaluate import load_gold  # noqa: E402
from govreport.models import Document, Record  # noqa: E402
from govreport.panels import (PANEL_DTYPES, issuing_regions, panel, region_level, results_table,  # noqa: E402
                              targets_table, value_text)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"


def rec(indicator, value, unit, kind, year, bound="eq", direction=None, region="甲省", doc="甲省_2025.txt",
        start=0, value_high=None, measure=None, period_years=1) -> Record:
    measure = measure or ("change" if direction else "level")
    return Record(doc=doc, start=start, end=start + 3, number=f"{value}{unit}", indicator=indicator, value=value,
                  value_high=value_high, unit=unit, measure=measure, direction=direction, bound=bound, kind=kind,
                  year=year, region=region, period_years=period_years)


def doc(name, region, year):
    return Document(name=name, text="各位代表：", region=region, year=year)


def one(df, **where):
    sel = df
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"{len(sel)} rows for {where}"
    return sel.iloc[0]


# --- the value as written -----------------------------------------------------------------------------

@pytest.mark.parametrize("value,high,bound,unit,measure,text", [
    (5.0, None, "approx", "%", "change", "5%左右"),
    (5.0, 5.5, "range", "%", "change", "5%—5.5%"),
    (4.5, None, "eq", "%", "change", "4.5%"),
    (5.5, None, "max", "%", "level", "5.5%以内"),
    (900.0, None, "min", "万人", "level", "900万人以上"),
    (-3.0, None, "max", "%", "change", "下降3%以上"),        # signed in the table: 下降3%以上 is max −3
    (-4.0, None, "approx", "%", "change", "下降4%左右"),
    (-3.0, -2.0, "range", "%", "change", "下降2%—3%"),
    (118.0, None, "min", "万吨", "level", "118万吨以上"),
    (float("nan"), None, "eq", "%", "change", ""),
])
def test_value_text(value, high, bound, unit, measure, text):
    assert value_text(value, high, bound, unit, measure) == text


# --- the panel on records made here ------------------------------------------------------------------

NATIONAL_LIKE = [
    rec("国内生产总值", 8, "%", "target", 2006, "approx", "up", "全国", "全国_2006.txt", 10),
    rec("居民消费价格总水平", 3, "%", "target", 2006, "eq", "up", "全国", "全国_2006.txt", 20),
    rec("城镇新增就业", 900, "万人", "target", 2006, "eq", None, "全国", "全国_2006.txt", 30),
    rec("北京市地区生产总值", 12, "%", "actual", 2005, "eq", "up", "北京市", "全国_2006.txt", 40),  # a place named
    rec("国内生产总值", 10.7, "%", "actual", 2006, "eq", "up", "全国", "全国_2007.txt", 10),
    rec("国内生产总值", 20.94, "万亿元", "actual", 2006, "eq", None, "全国", "全国_2007.txt", 5),
    rec("居民消费价格总水平", 1.5, "%", "actual", 2006, "eq", "up", "全国", "全国_2007.txt", 20),
    rec("城镇新增就业", 1184, "万人", "actual", 2006, "eq", None, "全国", "全国_2007.txt", 30),
    rec("国内生产总值", 8, "%", "target", 2007, "approx", "up", "全国", "全国_2007.txt", 100),
    rec("居民消费价格总水平", 3, "%", "target", 2007, "max", "up", "全国", "全国_2007.txt", 120),
    rec("居民消费价格总水平", 4.8, "%", "actual", 2007, "eq", "up", "全国", "全国_2008.txt", 20),
]


@pytest.fixture(scope="module")
def national_like():
    docs = [doc("全国_2006.txt", "全国", 2006), doc("全国_2007.txt", "全国", 2007), doc("全国_2008.txt", "全国", 2008)]
    return Corpus.from_records(NATIONAL_LIKE, docs)


def test_panel_rows_and_schema(national_like):
    p = panel(national_like)
    assert {c: str(t) for c, t in p.dtypes.items()} == PANEL_DTYPES
    assert set(p["region"]) == {"全国"}                     # 北京市 is named in passing, not an issuer
    assert p.groupby(["region", "indicator_key", "year"]).size().max() == 1
    gdp = one(p, indicator_key="gdp", year=2006)
    assert (gdp.region_level, gdp.indicator, gdp.indicator_en) == ("country", "地区生产总值", "Gross regional product (GDP)")
    assert (gdp.measure, gdp.unit, gdp.target, gdp.target_text, gdp.result, gdp.result_text) == (
        "change", "%", 8, "8%左右", 10.7, "10.7%")
    assert gdp.met == True and gdp.gap == pytest.approx(2.7)  # noqa: E712
    assert (gdp.target_sources, gdp.result_sources) == ("全国_2006.txt:10-13", "全国_2007.txt:10-13")
    # the 20.94万亿元 level is another series of gdp; the panel keeps the one targets are set in
    assert len(p[p["indicator_key"] == "gdp"]) == 2
    cpi = one(p, indicator_key="cpi", year=2007)
    assert (cpi.target_text, cpi.result, cpi.met) == ("3%以内", 4.8, False)   # 2007: CPI 4.8% missed ≤3%
    assert one(p, indicator_key="cpi", year=2006).met == True  # noqa: E712
    jobs = one(p, indicator_key="urban_jobs", year=2006)
    assert (jobs.target_text, jobs.result_text, jobs.met) == ("900万人", "1184万人", True)


def test_panel_options(national_like):
    everyone = panel(national_like, issuers=None)
    assert set(everyone["region"]) == {"全国", "北京市"}
    assert set(panel(national_like, issuers=None, levels=["province"])["region"]) == {"北京市"}
    assert len(panel(national_like, series="all").query("indicator_key == 'gdp'")) == 3
    cmp = national_like.compare()
    assert issuing_regions(cmp) == ["全国"]                # from a bare comparison: each document's main region
    assert panel(cmp).equals(panel(national_like))
    assert panel(panel(cmp)) is not None
    with pytest.raises(ValueError):
        panel(cmp, series="some")


def test_region_level():
    assert [region_level(r) for r in ("全国", "青海省", "咸宁市", "咸安区", "不是地名", None)] == [
        "country", "province", "city", "county", None, None]


def test_a_level_never_merges_with_an_increment():
    cmp = compare([rec("净增高新技术企业", 120, "家", "actual", 2023, doc="r.txt", start=10),
                   rec("高新技术企业总数", 550, "家", "actual", 2023, doc="r.txt", start=20),
                   rec("高新技术企业净增", 410, "家", "actual", 2024, doc="s.txt", start=10),
                   rec("高新技术企业", 900, "家", "actual", 2024, doc="s.txt", start=20)])
    assert not cmp["disagreement"].any()
    p = panel(cmp, issuers=None)
    assert one(p, indicator_key="high_tech_firms", year=2023).result == 550
    assert one(p, indicator_key="high_tech_firms_new", year=2023).result == 120
    assert one(p, indicator_key="high_tech_firms_new", year=2024).result == 410
    assert one(p, indicator_key="high_tech_firms_new", year=2023).indicator_en == "High-tech enterprises added"


def test_gap_and_ratchet_never_cross_periods_or_measures():
    # 规上工业增加值: an annual target of 8% and a five-year growth of 40.9% are different series
    cmp = compare([rec("规上工业增加值", 40.9, "%", "actual", 2025, direction="up", period_years=5, doc="a.txt"),
                   rec("规上工业增加值", 8, "%", "target", 2026, direction="up", doc="a.txt", start=50),
                   rec("进出口", 226, "亿元", "actual", 2025, doc="a.txt", start=60),
                   rec("进出口", 10, "%", "target", 2026, direction="up", doc="a.txt", start=70)])
    annual = one(cmp, indicator_key="industrial_value_added", year=2026)
    assert pd.isna(annual.previous_result) and pd.isna(annual.ratchet) and pd.isna(annual.gap)
    trade = one(cmp, indicator_key="trade", year=2026)
    assert trade.measure == "change" and pd.isna(trade.ratchet)
    p = panel(cmp, issuers=None)
    assert one(p, indicator_key="industrial_value_added").period_years == 1  # the five-year series is left out


def test_a_percent_target_of_an_amount_is_its_growth():
    cmp = compare([rec("经济", 7, "%", "target", 2003, "approx", doc="r.txt"),            # 经济增长预期目标为7%左右
                   rec("国内生产总值", 9.1, "%", "actual", 2003, direction="up", doc="s.txt")])
    r = one(cmp, year=2003)
    assert (r.indicator_key, r.measure, r.target, r.result, r.met) == ("gdp", "change", 7, 9.1, True)
    share = Record(doc="t.txt", start=5, end=9, number="95%", indicator="地区生产总值", value=95, unit="%",
                   measure="level", bound="min", kind="target", year=2020, region="甲省",
                   sentence="地区生产总值恢复到2019年同期95%以上")
    assert one(compare([share]), year=2020).measure == "level"   # a share of an earlier value stays a level
    # a price index in % is its rise, target or result (居民消费价格涨幅控制在 3.3%)
    cpi = compare([rec("居民消费价格", 3, "%", "target", 2010, "approx", "up", doc="a.txt"),
                   rec("居民消费价格", 3.3, "%", "actual", 2010, doc="b.txt")])
    r = one(cpi, year=2010)
    assert (r.measure, r.target, r.result, r.met) == ("change", 3, 3.3, True)


# --- wide tables ---------------------------------------------------------------------------------------

PROVINCES = [
    rec("地区生产总值", 5, "%", "target", 2026, "approx", "up", "甲省", "甲省_2026.txt", 10),
    rec("城镇调查失业率", 5.5, "%", "target", 2026, "approx", None, "甲省", "甲省_2026.txt", 20),
    rec("地区生产总值", 4.5, "%", "target", 2026, "range", "up", "乙省", "乙省_2026.txt", 10, value_high=5),
    rec("居民消费价格", 2, "%", "target", 2026, "max", "up", "乙省", "乙省_2026.txt", 20),
    rec("地区生产总值", 5.2, "%", "actual", 2025, "eq", "up", "乙省", "乙省_2026.txt", 5),
    rec("地区生产总值", 5, "%", "target", 2025, "approx", "up", "乙省", "乙省_2025.txt", 5),
    rec("地区生产总值", 7, "%", "target", 2026, "approx", "up", "丙市", "乙省_2026.txt", 30),  # a city it names
]


@pytest.fixture(scope="module")
def provinces():
    docs = [doc("甲省_2026.txt", "甲省", 2026), doc("乙省_2026.txt", "乙省", 2026), doc("乙省_2025.txt", "乙省", 2025),
            doc("丁省_2026.txt", "丁省", 2026)]
    return Corpus.from_records(PROVINCES, docs)


def test_targets_table(provinces):
    t = targets_table(provinces, 2026, ["gdp", "cpi", "surveyed_unemployment_rate", "urban_jobs"])
    assert list(t.columns) == ["region", "region_level"] + [
        f"{k}{s}" for k in ("gdp", "cpi", "surveyed_unemployment_rate", "urban_jobs") for s in ("", "_value", "_high")]
    # one row per issuing government, even one with no target found (丁省); not the city named
    assert t["region"].tolist() == ["丁省", "乙省", "甲省"]
    row = t.set_index("region")
    assert row.loc["乙省", "gdp"] == "4.5%—5%" and row.loc["乙省", "gdp_value"] == 4.5 and row.loc["乙省", "gdp_high"] == 5
    assert row.loc["甲省", "gdp"] == "5%左右" and math.isnan(row.loc["甲省", "gdp_high"])
    assert row.loc["乙省", "cpi"] == "2%以内"
    assert row.loc["甲省", "surveyed_unemployment_rate"] == "5.5%左右"
    assert pd.isna(row.loc["丁省", "gdp"]) and pd.isna(row.loc["甲省", "urban_jobs"])
    assert str(t["gdp_value"].dtype) == "float64" and str(t["gdp"].dtype) == "string"
    en = targets_table(provinces, 2026, ["gdp"], labels="en")
    assert "Gross regional product (GDP)" in en.columns
    assert targets_table(provinces, 2026, ["地区生产总值"]).columns.tolist()[2] == "gdp"  # names map to keys
    with pytest.raises(GovReportError, match="neither a catalogue key"):
        targets_table(provinces, 2026, ["不存在的指标"])
    assert set(targets_table(provinces, 2026, ["gdp"], issuers=None)["region"]) == {"乙省", "甲省", "丙市"}


def test_results_table(provinces):
    t = results_table(provinces, 2025, ["gdp"]).set_index("region")
    assert (t.loc["乙省", "gdp"], t.loc["乙省", "gdp_value"], t.loc["乙省", "gdp_met"]) == ("5.2%", 5.2, True)
    assert str(t["gdp_met"].dtype) == "boolean"


def test_targets_command(tmp_path, capsys):
    from govreport.cli import main

    out = tmp_path / "targets.csv"
    assert main(["targets", str(SEEDS), "--year", "2024", "--indicators", "gdp,grain_output", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "咸宁市" in printed and f"wrote 2 rows to {out}" in printed
    df = pd.read_csv(out)
    row = df.set_index("region").loc["咸宁市"]
    assert (row["gdp"], row["gdp_value"], row["grain_output"], row["grain_output_value"]) == ("6%", 6, "118万吨以上", 118)


# --- the seeds -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["gold", "extracted"])
def seed_panel(request):
    if request.param == "gold":
        gold = load_gold(sorted(glob(str(ROOT / "tests" / "gold" / "*.jsonl"))), SEEDS)
        corpus = Corpus.from_records(gold, [load(p) for p in sorted(SEEDS.glob("*.txt"))])
    else:
        corpus = Corpus.from_dir(SEEDS)
    return corpus, panel(corpus)


def test_seed_high_tech_firms_2023_is_the_total(seed_panel):
    _, p = seed_panel
    stock = one(p, region="咸宁市", indicator_key="high_tech_firms", year=2023)
    assert (stock.result, stock.result_text) == (550, "550家")
    assert one(p, region="咸宁市", indicator_key="high_tech_firms_new", year=2023).result == 120
    assert one(p, region="咸宁市", indicator_key="high_tech_firms", year=2021).met == True  # noqa: E712


def test_seed_panel_regions(seed_panel):
    corpus, p = seed_panel
    assert set(p["region"]) <= set(corpus.info["region"].dropna())
    assert {"咸宁市", "咸安区"} <= set(p["region"])
    gdp = p[(p["region"] == "咸宁市") & (p["indicator_key"] == "gdp")].set_index("year")
    assert (gdp.loc[2021, "target_text"], gdp.loc[2021, "result"], gdp.loc[2021, "met"]) == ("10.5%以上", 15, True)


# --- plots ---------------------------------------------------------------------------------------------

def _draw_without_warnings(fig):
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # a missing glyph is a warning: it must not happen
        fig.canvas.draw()
        fig.savefig(Path("/dev/null") if Path("/dev/null").exists() else "plot.png", format="png")


def test_plot_attainment_draws_chinese_once_with_a_legend(seed_panel):
    import matplotlib.pyplot as plt

    from govreport.plots import cjk_font, plot_attainment

    corpus, _ = seed_panel
    assert cjk_font() is not None
    before = plt.get_fignums()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_attainment(corpus, max_panels=4)   # the region most documents speak for
    _draw_without_warnings(fig)
    assert plt.get_fignums() == before                # not in pyplot's list: a notebook shows it once
    assert fig._suptitle.get_text() == "咸宁市 目标与完成情况"
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert 1 <= len(visible) <= 4 and any("地区生产总值" in ax.get_title() for ax in visible)
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["目标区间", "左右", "目标", "完成", "未完成", "无法判断", "预计数"]
    en = plot_attainment(corpus, region="咸安区", lang="en", only_comparable=False)
    _draw_without_warnings(en)
    assert en._suptitle.get_text() == "咸安区: targets and results"


def test_plot_attainment_asks_for_a_region_when_several_issuers_tie(provinces):
    from govreport.plots import plot_attainment

    # one document each: neither government speaks for more, so the plot asks (naming only the issuers)
    tied = Corpus.from_records(PROVINCES[:4], [doc("甲省_2026.txt", "甲省", 2026), doc("乙省_2026.txt", "乙省", 2026)])
    with pytest.raises(GovReportError, match="several issuing governments; choose one with region=: 乙省, 甲省$"):
        plot_attainment(tied)
    with pytest.raises(GovReportError, match="no targets or results for '戊省'"):
        plot_attainment(provinces, region="戊省")
    fig = plot_attainment(provinces, only_comparable=False)   # 乙省: two documents
    assert fig._suptitle.get_text() == "乙省 目标与完成情况"


def test_plot_targets_across_regions(provinces):
    from govreport.plots import plot_targets

    fig = plot_targets(provinces, "gdp", 2026)
    _draw_without_warnings(fig)
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["乙省", "甲省"]   # sorted by target
    assert ax.get_title() == "2026年地区生产总值增速目标"
    assert len(fig.legends) == 1
    fig = plot_targets(provinces, "地区生产总值", 2025, lang="en")
    _draw_without_warnings(fig)
    assert fig.axes[0].get_title() == "Gross regional product (GDP) growth: targets for 2025"


def test_public_api():
    from govreport import panels, plots

    assert govreport.panel is panels.panel
    assert govreport.targets_table is panels.targets_table and govreport.results_table is panels.results_table
    assert govreport.plot_targets is plots.plot_targets and govreport.plot_attainment is plots.plot_attainment


# --- the real reports of ../shared/corpus ----------------------------------------------------------

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")

# (indicator, year): target (value, bound), result, met — read by hand from the reports of year and year + 1
NATIONAL = [
    ("gdp", 2003, (7, "approx"), 9.1, True),
    ("gdp", 2004, (7, "approx"), 9.5, True),
    ("gdp", 2005, (8, "approx"), 9.9, True),
    ("gdp", 2006, (8, "approx"), 10.7, True),
    ("gdp", 2008, (8, "approx"), 9, True),
    ("gdp", 2009, (8, "approx"), 8.7, True),
    ("gdp", 2010, (8, "approx"), 10.3, True),
    ("gdp", 2011, (8, "approx"), 9.2, True),
    ("gdp", 2012, (7.5, "eq"), None, None),
    ("cpi", 2005, (4, "eq"), 1.8, True),
    ("cpi", 2006, (3, "eq"), 1.5, True),
    ("cpi", 2007, (3, "max"), 4.8, False),            # 居民消费价格总水平比上年上涨4.8%: missed
    ("cpi", 2008, (4.8, "approx"), None, None),
    ("cpi", 2009, (4, "approx"), None, None),
    ("cpi", 2010, (3, "approx"), 3.3, True),
    ("cpi", 2011, (4, "approx"), None, None),
    ("cpi", 2012, (4, "approx"), None, None),
    ("urban_jobs", 2004, (900, "eq"), 980, True),
    ("urban_jobs", 2005, (900, "eq"), 970, True),
    ("urban_jobs", 2006, (900, "eq"), 1184, True),
    ("urban_jobs", 2007, (900, "min"), None, None),
    ("urban_jobs", 2008, (1000, "eq"), 1113, True),
    ("urban_jobs", 2009, (900, "min"), 1102, True),
    ("urban_jobs", 2010, (900, "min"), 1168, True),
    ("urban_jobs", 2011, (900, "min"), 1221, True),
    ("urban_jobs", 2012, (900, "min"), None, None),
]


@pytest.fixture(scope="module")
def national():
    corpus = Corpus.from_dir(CORPUS / "national")
    return corpus, panel(corpus)


@needs_corpus
@pytest.mark.parametrize("key,year,target,result,met", NATIONAL)
def test_national_panel(national, key, year, target, result, met):
    _, p = national
    r = one(p, region="全国", indicator_key=key, year=year)
    assert (r.target, r.target_bound) == target
    assert (None if pd.isna(r.result) else r.result) == result
    assert (None if pd.isna(r.met) else bool(r.met)) == met


@needs_corpus
def test_national_targets_table_2012(national):
    corpus, _ = national
    t = targets_table(corpus, 2012, ["gdp", "cpi", "urban_jobs", "unemployment_rate", "trade"])
    row = t.set_index("region").loc["全国"]
    assert [row["gdp"], row["cpi"], row["urban_jobs"], row["unemployment_rate"], row["trade"]] == [
        "7.5%", "4%左右", "900万人以上", "4.6%以内", "10%左右"]


# region: GDP growth, CPI, surveyed unemployment, new urban jobs, income growth (key: text); "" where the
# report states none (居民收入增长与经济增长同步 is no number). Read by hand from each report.
PROVINCIAL_2026 = {
    "内蒙古自治区": ("5%左右", "2%左右", "5.7%左右", "18万人以上", {}),
    "北京市": ("5%左右", "2%左右", "5%以内", "28万人以上", {}),          # 城镇新增就业不少于28万人 (work plan)
    "吉林省": ("5%左右", "2%左右", "5.5%左右", "21万人", {}),
    "天津市": ("4.5%", "2%左右", "5.5%左右", "28万人", {}),
    "安徽省": ("5%—5.5%", "2%左右", "5.5%左右", "68万人左右", {}),
    "山西省": ("4.5%—5%", "2%左右", "5.5%左右", "45万人", {}),
    "广西壮族自治区": ("5%左右", "2%以内", "5.5%左右", "", {}),           # 经济增长5%左右
    "新疆维吾尔自治区": ("5.5%—6%", "2%左右", "5.5%以内", "47万人以上", {"urban_income": 7, "rural_income": 8}),
    "江西省": ("5%—5.5%", "2%左右", "5.5%左右", "41万人", {"urban_income": 4.5, "rural_income": 5.5}),
    "河北省": ("5%以上", "2%左右", "5.5%左右", "86万人", {"disposable_income": 5}),
    "海南省": ("6%左右", "2%左右", "5.5%左右", "17万人左右", {}),
    "湖南省": ("5%左右", "2%左右", "", "70万人", {}),
    "福建省": ("5%左右", "2%左右", "5%左右", "50万人", {}),
    "贵州省": ("5%左右", "2%左右", "5.5%左右", "60万人左右", {"urban_income": 4, "rural_income": 6}),
    "辽宁省": ("4.5%左右", "2%左右", "5.5%左右", "45万人以上", {}),
    "青海省": ("4.5%左右", "2%左右", "5.5%左右", "6万人以上", {}),
}
INCOME = ["disposable_income", "urban_income", "rural_income"]
COLUMNS = ["gdp", "cpi", "surveyed_unemployment_rate", "urban_jobs"]


@pytest.fixture(scope="module")
def provincial_table():
    corpus = Corpus.from_dir(CORPUS / "provincial_2026")
    return targets_table(corpus, 2026, COLUMNS + INCOME)


@needs_corpus
def test_provincial_targets_table_has_a_row_per_report(provincial_table):
    assert sorted(provincial_table["region"]) == sorted(PROVINCIAL_2026)
    assert set(provincial_table["region_level"]) == {"province"}


@needs_corpus
@pytest.mark.parametrize("region", list(PROVINCIAL_2026))
def test_provincial_targets_2026(provincial_table, region):
    row = provincial_table.set_index("region").loc[region]
    *texts, income = PROVINCIAL_2026[region]
    got = ["" if pd.isna(row[c]) else row[c] for c in COLUMNS]
    assert got == texts
    assert {k: row[f"{k}_value"] for k in INCOME if not pd.isna(row[f"{k}_value"])} == income
