"""Real reports, whole and unedited (../shared/corpus): what each one is and when its figures are.

The corpus holds the State Council's reports of 2001–2012 and sixteen provincial reports of 2026,
as published (page chrome, delivery lines in Chinese numerals, headings without years, reviews
of one year and of five). These tests check what the outline and the context stage say about
each: the issuing government and the report's year (also when the file name says nothing), the
headline results of each provincial report (actual 2025, one year) and its targets paragraph
(target 2026), and the national GDP growth targets against the results a year later.

The tests are skipped only when ../shared is not beside the checkout (CI has it there).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

import govreport
from govreport.structure import build_outline

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")

NATIONAL = sorted((CORPUS / "national").glob("*.txt")) if CORPUS.is_dir() else []
PROVINCIAL = sorted((CORPUS / "provincial_2026").glob("*.txt")) if CORPUS.is_dir() else []

# a unique piece of each provincial report's headline results sentence (2025, one year), and of
# its targets paragraph (2026); each read off the text by hand
HEADLINE_AND_TARGETS = {
    "内蒙古自治区": ("地区生产总值增长4.7%", "今年经济社会发展的主要预期目标是"),
    "北京市": ("全市地区生产总值5.2万亿元", "今年经济社会发展主要预期目标是"),
    "吉林省": ("顶压前行，地区生产总值增长5%", "今年经济社会发展主要预期目标是"),
    "天津市": ("全市地区生产总值增长4.8%", "今年经济社会发展主要预期目标是"),
    "安徽省": ("全省地区生产总值5.3万亿元", "经济社会发展的主要预期目标是"),
    "山西省": ("全年规上原煤产量13.05亿吨", "今年经济社会发展主要目标是"),
    "广西壮族自治区": ("全区地区生产总值增长5.1%", "今年我区经济社会发展主要预期目标是"),
    "新疆维吾尔自治区": ("全年地区生产总值2.15万亿元", "今年经济社会发展主要预期目标是"),
    "江西省": ("地区生产总值增长5.2%", "经济社会发展主要预期目标是"),
    "河北省": ("全省生产总值增长5.6%", "主要预期目标是"),
    "海南省": ("地区生产总值增长4%", "今年经济社会发展的主要预期目标是"),
    "湖南省": ("全省地区生产总值达到5.53万亿元", "今年主要预期目标是"),
    "福建省": ("2025年全省地区生产总值60199.45亿元", "今年经济社会发展的主要预期目标是"),
    "贵州省": ("全年地区生产总值增长4.9%", "主要预期目标是"),
    "辽宁省": ("地区生产总值增长3.7%", "全省经济社会发展的主要预期目标是"),
    "青海省": ("地区生产总值增长4.1%", "今年发展主要预期目标是"),
}
FIVE_YEAR_WORDS = re.compile("年均|累计|五年")


@lru_cache(maxsize=None)
def records_of(path: Path):
    doc = govreport.load(path)
    return doc, govreport.extract(doc)


def region_of(path: Path) -> str:
    return path.stem.split("_")[0]


def year_of(path: Path) -> int:
    return int(path.stem.split("_")[1])


def test_the_corpus_is_there():
    assert len(NATIONAL) == 12 and len(PROVINCIAL) == 16
    assert set(HEADLINE_AND_TARGETS) == {region_of(p) for p in PROVINCIAL}


@pytest.mark.parametrize("path", NATIONAL + PROVINCIAL, ids=lambda p: p.stem)
def test_issuer_and_report_year(path):
    """Read from the text itself: also right when the file has a name that says nothing."""
    doc, recs = records_of(path)
    assert recs, "no records"
    for name in (path.name, "report.txt"):
        o = build_outline(doc.text, name=name)
        assert (o.region, o.report_year) == (region_of(path), year_of(path)), o.tree(rules=True)[:600]
    # the figures are the issuer's, bar a few of its cities or provinces named as subjects
    own = sum(r.region == region_of(path) for r in recs)
    assert own >= 0.95 * len(recs), {r.region for r in recs}


@pytest.mark.parametrize("path", NATIONAL + PROVINCIAL, ids=lambda p: p.stem)
def test_results_of_the_year_before_and_targets_of_the_year(path):
    """Most figures of a report are results of the year before it or targets of its own year (or
    of the five-year periods around them); none are dated outside the report's reach."""
    _, recs = records_of(path)
    y = year_of(path)
    for r in recs:
        assert r.year is not None and y - 30 <= r.year <= y + 15, (r.number, r.sentence[:60], r.year)
        if r.kind == "target":
            assert r.year >= y - 1, (r.number, r.sentence[:60], r.year, r.kind_rule, r.year_rule)
    common = sum((r.kind, r.year) in {("actual", y - 1), ("target", y), ("estimate", y - 1)} for r in recs)
    assert common >= 0.6 * len(recs)


def _sentence_span(text: str, piece: str) -> tuple[int, int]:
    assert text.count(piece) >= 1, piece
    i = text.index(piece)
    start = max(text.rfind("。", 0, i), text.rfind("\n", 0, i)) + 1
    end = min(j for j in (text.find("。", i), text.find("\n", i), len(text)) if j >= 0)
    return start, end


@pytest.mark.parametrize("path", PROVINCIAL, ids=lambda p: p.stem)
def test_headline_results_are_actual_2025(path):
    doc, recs = records_of(path)
    headline, _ = HEADLINE_AND_TARGETS[region_of(path)]
    s, e = _sentence_span(doc.text, headline)
    inside = [r for r in recs if s <= r.start < e]
    assert inside, doc.text[s:e]
    for r in inside:
        clause = doc.text[max(doc.text.rfind("，", s, r.start), s):r.start]
        period = 5 if FIVE_YEAR_WORDS.search(clause) else 1
        assert (r.kind, r.year, r.period_years) == ("actual", 2025, period), (r.number, r.kind_rule, r.year_rule)


@pytest.mark.parametrize("path", PROVINCIAL, ids=lambda p: p.stem)
def test_targets_paragraph_is_target_2026(path):
    doc, recs = records_of(path)
    _, targets = HEADLINE_AND_TARGETS[region_of(path)]
    # the paragraph of the year's targets: the last one that opens this way (a 十五五 paragraph may too)
    i = doc.text.rindex(targets)
    e = doc.text.find("\n", i)
    e = len(doc.text) if e < 0 else e
    inside = [r for r in recs if i <= r.start < e]
    assert len(inside) >= 3, doc.text[i:e]
    for r in inside:
        assert (r.kind, r.year, r.period_years) == ("target", 2026, 1), (r.number, r.kind_rule, r.year_rule)


def test_national_gdp_targets_line_up_with_results():
    """GDP growth: the target in report Y, the result in report Y+1, under 全国, met where it was."""
    corpus = govreport.Corpus.from_paths(NATIONAL)
    cmp = govreport.compare(corpus.frame())
    gdp = cmp[(cmp["indicator_key"] == "gdp") & (cmp["measure"] == "change") & (cmp["period_years"] == 1)]
    assert set(gdp["region"].astype(str)) == {"全国"}
    by_year = gdp.set_index("year")
    # the reports state an annual GDP growth target from 2003 (7%) on; 2001 and 2002 speak of the
    # 十五 plan's five-year pace only
    expected_targets = {2003: 7, 2004: 7, 2005: 8, 2006: 8, 2007: 8, 2008: 8, 2009: 8, 2010: 8, 2011: 8, 2012: 7.5}
    for year, target in expected_targets.items():
        assert by_year.loc[year, "target"] == target, (year, by_year.loc[year].to_dict())
    # the results as the next report gives them
    expected_results = {2001: 7.3, 2003: 9.1, 2004: 9.5, 2005: 9.9, 2006: 10.7, 2008: 9, 2009: 8.7, 2010: 10.3, 2011: 9.2}
    for year, result in expected_results.items():
        assert by_year.loc[year, "result"] == result, (year, by_year.loc[year].to_dict())
    for year in range(2003, 2012):
        if year in expected_results:
            assert bool(by_year.loc[year, "met"]) is True, (year, by_year.loc[year].to_dict())
