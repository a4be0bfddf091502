"""The indicator catalogue: name variants, safe containment, user extension files."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.catalogue import Catalogue, default_catalogue, load_catalogue, normalise
from govreport.errors import GovReportError

CAT = default_catalogue()

# (name as a report writes it, region of the record, expected key)
NAMES = [
    # the pairs the issue names
    ("规上工业增加值", None, "industrial_value_added"),
    ("规模以上工业增加值", None, "industrial_value_added"),
    ("一般公共预算收入", None, "fiscal_revenue"),
    ("地方一般公共预算收入", None, "fiscal_revenue"),
    ("城镇新增就业", None, "urban_jobs"),
    ("新增城镇就业", None, "urban_jobs"),
    ("居民消费价格指数涨幅", None, "cpi"),
    ("居民消费价格涨幅", None, "cpi"),
    ("居民价格消费价格指数涨幅", None, "cpi"),  # the misprint in seed 001
    ("居民价格消费价格指数", None, "cpi"),
    ("全社会固定资产投资", None, "fixed_asset_investment"),
    ("固定资产投资", None, "fixed_asset_investment"),
    # containment where the wrapping words do not change the figure
    ("全市地区生产总值", None, "gdp"),
    ("地区生产总值增长", None, "gdp"),
    ("全年粮食总产量", None, "grain_output"),
    ("高新技术企业总数", None, "high_tech_firms"),
    ("高新技术企业队伍规模", None, "high_tech_firms"),
    ("咸宁地区生产总值", "咸宁市", "gdp"),
    ("咸安区地区生产总值", "咸安区", "gdp"),
    ("GDP", None, "gdp"),
    ("ＧＤＰ", None, "gdp"),  # full-width Latin
    ("“5G”基站", None, "5g_base_stations"),
    ("粮食面积", None, "grain_area"),
    ("进出口总额", None, "trade"),
    ("城镇登记失业率", None, "unemployment_rate"),
    ("人均地区生产总值", None, "gdp_per_capita"),
    ("高新技术产业增加值占GDP比重", None, "high_tech_share"),
    ("高新技术产业增加值", None, "high_tech_value_added"),
    # names in the targets paragraphs of national and provincial reports
    ("经济", None, "gdp"),                          # 经济增长5%左右
    ("中央提出经济", None, "gdp"),                  # 中央提出经济增长预期目标为7%左右
    ("“十五”期间年均经济增长速度", None, "gdp"),
    ("地区生产总值按", None, "gdp"),                # 地区生产总值按增长5%安排
    ("经济增速", None, "gdp"),
    ("提出国内生产总值", None, "gdp"),              # the target restated in its explanation
    ("居民消费价格总水平", None, "cpi"),
    ("居民消费价格总水平上涨幅度", None, "cpi"),
    ("CPI", None, "cpi"),
    ("城镇调查失业率", None, "surveyed_unemployment_rate"),
    ("城镇新增就业人数", None, "urban_jobs"),
    ("居民人均可支配收入", None, "disposable_income"),
    ("城镇常住居民人均可支配收入", None, "urban_income"),
    ("农村常住居民人均可支配收入", None, "rural_income"),
    ("粮食总产量", None, "grain_output"),
    ("单位国内生产总值能耗", None, "energy_intensity"),
    ("单位GDP能耗", None, "energy_intensity"),
    ("单位地区生产总值二氧化碳排放", None, "carbon_intensity"),
    ("外贸进出口总额", None, "trade"),
    ("规模工业增加值", None, "industrial_value_added"),
    ("全社会研发经费投入", None, "rd_expenditure"),
    ("研究与试验开发经费占国内生产总值的比重", None, "rd_intensity"),
    ("全社会研究与实验发展经费占国内生产总值比重", None, "rd_intensity"),
    ("R&D经费投入强度", None, "rd_intensity"),
    ("细颗粒物年均浓度", None, "pm25"),
    ("常住人口城镇化率", None, "urbanization_rate"),
    ("农牧区劳动力转移就业", None, "labour_transfer"),
    ("财政赤字占国内生产总值比重", None, "deficit_ratio"),
    # increments are their own indicators, never the stock
    ("净增高新技术企业", None, "high_tech_firms_new"),
    ("新增高新技术企业", None, "high_tech_firms_new"),
    ("新增规上工业企业", None, "above_scale_industrial_firms_new"),
    ("规上工业企业总数", None, "above_scale_industrial_firms"),
    ("新建5G基站", None, "5g_base_stations_new"),
    ("高新技术企业净增", None, "high_tech_firms_new"),   # 高新技术企业净增410家
    ("规上工业企业新增", None, "above_scale_industrial_firms_new"),
    ("新增高企", None, "high_tech_firms_new"),
    # figures that only look alike: a change word or a qualifier makes them another indicator
    ("累计建成5G基站", None, None),
    ("申报国家高新技术企业", None, None),
    ("数字经济", None, None),
    ("民营经济增加值", None, None),
    ("亩平GDP", None, None),
    ("技术合同成交额占GDP比重", None, None),
    ("生产型企业进出口", None, None),
    ("税收占比", None, None),
    ("规模以上工业企业建立研发机构的比例", None, None),
    ("咸宁地区生产总值", None, None),  # without the region, 咸宁 is an unknown qualifier
    ("", None, None),
    ("“”", None, None),
]


@pytest.mark.parametrize("name,region,key", NAMES)
def test_name_maps_to_key(name, region, key):
    assert CAT.key(name, region) == key


def test_issue_keys_are_in_the_catalogue():
    for key in ("gdp", "industrial_value_added", "fixed_asset_investment", "retail_sales", "fiscal_revenue",
                "trade", "urban_jobs", "unemployment_rate", "cpi", "grain_output", "grain_area",
                "high_tech_firms", "5g_base_stations"):
        ind = CAT[key]
        assert ind.zh and ind.en, key
        assert CAT.key(ind.zh) == key


def test_every_shipped_name_maps_to_its_own_entry():
    for ind in CAT:
        for name in ind.names:
            assert CAT.key(name) == ind.key, (name, ind.key)


def test_higher_is_better_and_units():
    assert CAT["gdp"].higher_is_better is True
    assert CAT["unemployment_rate"].higher_is_better is False
    assert CAT["cpi"].higher_is_better is False
    assert (CAT["grain_output"].dimension, CAT["grain_output"].unit) == ("mass", "万吨")
    assert (CAT["grain_area"].dimension, CAT["grain_area"].unit) == ("area", "万亩")


def test_normalise():
    assert normalise(" “地区 生产总值”（GDP） ") == "地区生产总值GDP"
    assert normalise("ｇｄｐ") == "GDP"
    assert normalise(None) == ""


def test_frame_lists_every_indicator():
    df = CAT.frame()
    assert list(df.columns) == ["key", "zh", "en", "variants", "higher_is_better", "dimension", "unit"]
    assert len(df) == len(CAT)
    assert str(df["higher_is_better"].dtype) == "boolean"
    assert df.set_index("key").loc["cpi", "variants"].split("|").count("居民价格消费价格指数涨幅") == 1


def test_user_csv_adds_and_extends(tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("key,zh,en,variants,higher_is_better,dimension,unit\n"
                 "port_throughput,港口吞吐量,Port throughput,集装箱吞吐量|港口货物吞吐量,true,mass,万吨\n"
                 "gdp,,,经济体量,,,\n", encoding="utf-8")
    cat = load_catalogue(f)
    assert cat.key("港口货物吞吐量") == "port_throughput"
    assert cat.key("全市港口吞吐量") == "port_throughput"
    assert cat.key("经济体量") == "gdp"
    assert cat["gdp"].zh == "地区生产总值" and cat["gdp"].unit == "亿元"  # empty fields keep the shipped values
    assert default_catalogue().key("经济体量") is None  # the shipped catalogue is untouched


def test_user_toml_adds_rules_and_indicators(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('[names]\nprefixes = ["全域"]\n\n'
                 '[[indicators]]\nkey = "tea_output"\nzh = "茶叶产量"\nvariants = ["茶叶总产量"]\n'
                 'higher_is_better = true\ndimension = "mass"\nunit = "吨"\n', encoding="utf-8")
    cat = load_catalogue(f)
    assert cat.key("全域地区生产总值") == "gdp"
    assert cat.key("茶叶总产量") == "tea_output"
    assert default_catalogue().key("全域地区生产总值") is None


@pytest.mark.parametrize("body,message", [
    ("key,en\nx,y\n", "missing column"),
    ("key,zh,higher_is_better\nx,某指标,maybe\n", "higher_is_better"),
    ("key,zh,dimension,unit\nx,某指标,mass,公里\n", "not a mass"),
    ("key,zh,dimension,unit\nx,某指标,mass,斗米\n", "not in the unit registry"),
    ("key,zh,dimension\nx,某指标,weight\n", "unknown dimension"),
    ("zh,key\n某指标,\n", "needs a key"),
])
def test_bad_user_file_names_the_problem(tmp_path, body, message):
    f = tmp_path / "bad.csv"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(GovReportError, match=message) as e:
        load_catalogue(f)
    assert "bad.csv" in str(e.value)


def test_catalogue_without_shipped_entries():
    cat = Catalogue([], None)
    assert len(cat) == 0 and cat.key("地区生产总值") is None


_PREFIXES = CAT.rules.prefixes
_SUFFIXES = CAT.rules.suffixes
_NAMES = sorted({n for ind in CAT for n in ind.names})


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_NAMES), st.lists(st.sampled_from(_PREFIXES), max_size=2),
       st.lists(st.sampled_from(_SUFFIXES), max_size=2))
def test_harmless_wrapping_keeps_the_key(name, prefixes, suffixes):
    assert CAT.key("".join(prefixes) + name + "".join(suffixes)) == CAT.key(name)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_NAMES), st.sampled_from(["新增", "净增", "人均", "申报", "某某企业"]))
def test_a_qualifier_in_front_never_maps_by_containment(name, qualifier):
    # the qualifier is never stripped: a match must come from a variant that contains it
    # (新增城镇就业 -> urban_jobs, 人均地区生产总值总量 -> gdp_per_capita)
    key = CAT.key(qualifier + name)
    assert key is None or any(qualifier in n for n in CAT[key].names)
